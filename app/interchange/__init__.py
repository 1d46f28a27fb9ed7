"""Other formats' networks in the engine's terms: each format's operators as the engine's layer records."""
