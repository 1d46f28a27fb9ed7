"""The README stays true: its commands are the ones CI runs, its examples answer as shown."""

import importlib.util
import io
import json
import re
from pathlib import Path

import pytest

from app.web.export.routes import VIEWS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second():
    serve, test = _quick_start_commands()
    assert serve == "python3 scripts/serve.py"
    ci_commands = [line for line in (ROOT / ".ci/run").read_text().splitlines()
                   if line.strip() and not line.lstrip().startswith(("#", "if", "fi", "apt-get", "set ", "cd ",
                                                                     "export"))]
    assert ci_commands == [test]


CURL = re.compile(r"curl -s http://127\.0\.0\.1:8000(?P<path>/api/\w+) -H 'content-type: application/json' \\\n"
                  r"\s+-d '(?P<body>[^']*)'\n# (?P<answer>\{.*?\})(?:\s+\((?P<status>\d{3})\))?\n")
EXAMPLES = list(CURL.finditer(README))


def test_the_readme_has_curl_examples_for_every_endpoint():
    assert {m["path"] for m in EXAMPLES} >= {"/api/convolve", "/api/pool", "/api/activate"}
    assert "/api/forward" in README and "httpx.post" in README


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda m: m["path"])
def test_curl_example_answers_as_shown(client, example):
    response = client.post(example["path"], content=example["body"], headers={"content-type": "application/json"})
    assert response.status_code == int(example["status"] or 200)
    assert response.json() == json.loads(example["answer"])


def test_the_settings_table_lists_every_setting_with_its_default():
    from app.settings import Settings, env_name

    rows = dict(re.findall(r"^\| `(CONVSCOPE_\w+)` \| ([^|]+) \|", README, re.M))
    assert set(rows) == {env_name(name) for name in Settings.model_fields}
    for name, field in Settings.model_fields.items():
        shown = rows[env_name(name)].strip()
        expected = f"{field.default:,}" if isinstance(field.default, int) else f"`{field.default}`"
        assert shown == expected, name


def test_the_api_sections_python_examples_run(client, monkeypatch, capsys):
    """Each Python block of "The JSON API", run in order in one namespace (as a reader pasting them
    into one session would), with httpx's requests to the documented server answered by the app."""
    import httpx

    def post(url, **kwargs):
        return client.post(url.removeprefix("http://127.0.0.1:8000"), **kwargs)

    monkeypatch.setattr(httpx, "post", post)
    section = README.split("## The JSON API", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 5
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 (the README's own examples)
    printed = capsys.readouterr().out
    assert "[[13. 17.]\n [25. 29.]]" in printed and "422 layers[1] (dense)" in printed
    # What each print is said to show (the comment after it, up to a colon; "..." stands for anything).
    shown = re.findall(r"^# (\[.*\])$", section, re.M) + re.findall(r"print\(.*\)  # ([^:]*?)(?::|$)", section, re.M)
    for comment in shown:
        pattern = re.escape(comment.strip()).replace(re.escape("..."), ".*?")
        assert re.search(pattern, printed.replace("\n ", " ")), comment


def test_the_dockerfile_copies_what_exists_and_serves_the_app():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), path
    assert '"uvicorn", "app.main:app"' in dockerfile and "EXPOSE 8000" in dockerfile
    assert '"--port", "8000"' in dockerfile


def test_the_export_links_answer_with_their_files(client):
    from PIL import Image

    section = README.split("### Exports for slides", 1)[1].split("\n#", 1)[0]
    links = re.findall(r"^http://127\.0\.0\.1:8000(/(\w+)\.(\w+)\?*.*)$", section, re.M)
    assert {extension for _, _, extension in links} == {"gif", "apng", "webp", "png", "svg"}
    assert {page for _, page, _ in links} == set(VIEWS)  # every page whose view is a file
    for path, _, extension in links:
        response = client.get(path)
        assert response.status_code == 200, path
        if extension != "svg":
            Image.open(io.BytesIO(response.content)).verify()


def test_the_gallery_shows_each_file_and_each_file_is_what_its_link_gives(client):
    from PIL import Image

    spec = importlib.util.spec_from_file_location("make_gallery", ROOT / "scripts" / "make_gallery.py")
    gallery = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gallery)
    links, folder = gallery.GALLERY, gallery.GALLERY_DIR
    for name, link in links.items():
        assert f"](static/gallery/{name})" in README, name
        with Image.open(folder / name) as kept, Image.open(io.BytesIO(client.get(link).content)) as made:
            assert (kept.size, getattr(kept, "n_frames", 1)) == (made.size, getattr(made, "n_frames", 1)), name
