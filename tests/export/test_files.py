"""Every format decodes with Pillow and holds what the page shows: one frame per step of the API's
trace in the page's order, sized by scale, timed by fps, looped by loop."""

import pytest

from .helpers import BANK_BODY, BANK_QUERY, WORKED_BODY, differ, distance, frames, image, trace_of

ANIMATIONS = {"gif": "image/gif", "apng": "image/apng", "webp": "image/webp"}


@pytest.mark.parametrize("extension", ANIMATIONS)
def test_an_animation_has_one_frame_per_step_and_the_first_differs_from_the_last(client, extension):
    response = client.get(f"/convolution.{extension}?scale=1")
    assert response.status_code == 200
    assert response.headers["content-type"] == ANIMATIONS[extension]
    shown = frames(response.content)
    assert len(shown) == trace_of(client, WORKED_BODY)["steps"]
    assert differ(shown[0], shown[-1])


@pytest.mark.parametrize("extension", ANIMATIONS)
def test_a_bank_of_filters_animates_every_step_of_every_filter(client, extension):
    shown = frames(client.get(f"/convolution.{extension}?scale=1&{BANK_QUERY}").content)
    assert len(shown) == trace_of(client, BANK_BODY)["steps"]


def test_each_frame_is_the_still_of_its_step(client):
    """The animation runs in the page's order: frame i looks like the still of step i + 1 more than
    like any other step's (the stills are RGB, the frames take a shared palette: close, not equal)."""
    shown = frames(client.get(f"/convolution.gif?scale=1&{BANK_QUERY}").content)
    stills = [image(client.get(f"/convolution.png?scale=1&{BANK_QUERY}&step={s + 1}").content)
              for s in range(len(shown))]
    for index, frame in enumerate(shown):
        distances = [distance(frame, still) for still in stills]
        assert distances.index(min(distances)) == index


def test_scale_multiplies_every_format_s_size_alike(client):
    one = image(client.get("/convolution.png?scale=1").content).size
    for extension, scale in (("png", 2), ("gif", 2), ("apng", 2), ("webp", 2), ("png", 4)):
        size = image(client.get(f"/convolution.{extension}?scale={scale}").content).size
        assert size == (one[0] * scale, one[1] * scale), (extension, scale)


def test_the_still_is_the_step_asked_for_and_the_first_by_default(client):
    first, default, third = (image(client.get(f"/convolution.png?scale=1{step}").content)
                             for step in ("&step=1", "", "&step=3"))
    assert not differ(first, default)
    assert differ(first, third)


def test_gif_carries_fps_as_frame_duration_and_loop_as_repeats(client):
    forever = image(client.get("/convolution.gif?scale=1&fps=2").content)
    assert forever.info["duration"] == 500 and forever.info["loop"] == 0
    # GIF counts repeats after the first run: three runs are two repeats; one run has no count at all
    assert image(client.get("/convolution.gif?scale=1&loop=3").content).info["loop"] == 2
    assert "loop" not in image(client.get("/convolution.gif?scale=1&loop=1").content).info


@pytest.mark.parametrize("extension", ["apng", "webp"])
def test_apng_and_webp_carry_fps_and_the_number_of_runs(client, extension):
    shown = image(client.get(f"/convolution.{extension}?scale=1&fps=4&loop=3").content)
    shown.load()  # WebP tells a frame's duration once the frame is read
    assert shown.info["loop"] == 3 and shown.info["duration"] == 250
    assert image(client.get(f"/convolution.{extension}?scale=1").content).info["loop"] == 0


@pytest.mark.parametrize("theme", ["light", "dark", "guide"])
def test_each_theme_draws_its_own_colours(client, theme):
    light = image(client.get("/convolution.png?scale=1").content)
    shown = image(client.get(f"/convolution.png?scale=1&theme={theme}").content)
    assert differ(light, shown) == (theme != "light")


def test_a_file_is_named_for_slides(client):
    assert client.get("/convolution.png?step=2").headers["content-disposition"] == \
        'inline; filename="convolution-step-2.png"'
    assert client.get("/convolution.gif?scale=1").headers["content-disposition"] == 'inline; filename="convolution.gif"'


def test_the_equation_and_the_caption_can_be_left_out(client):
    whole = client.get("/convolution.svg?step=1").text
    assert "13" in whole and "step 1 / 4" in whole
    bare = client.get("/convolution.svg?step=1&equation=false&caption=false").text
    assert "(1×1)" not in bare and "step 1 / 4" not in bare
    sizes = [image(client.get(f"/convolution.png?scale=1{extra}").content).size
             for extra in ("", "&equation=0", "&equation=0&caption=0")]
    assert sizes[0][1] > sizes[1][1] > sizes[2][1]  # each leaves its rows out
    assert frames(client.get("/convolution.gif?scale=1&equation=0").content)[0].size == sizes[1]
