"""Page routes: Jinja2 templates over static assets."""
