"""bench/phases.py: the API's time split into phases, measured on a real request in-process."""

import sys
from pathlib import Path

import orjson
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import phases  # noqa: E402

from app.settings import Settings  # noqa: E402

BODY = orjson.dumps({"input": [[float(i + j) for j in range(7)] for i in range(7)],
                     "kernel": [[1, 0, -1]] * 3, "bias": [0.5]})


def once_each(runs):
    """A stand-in for bench.py's alternating medians: one timed call per run."""
    return [phases.timed_once(run) for run in runs]


def test_every_phase_of_ours_is_timed_and_the_rest_is_what_the_whole_call_adds():
    ours = phases.ours(BODY, Settings())
    answers = []
    (timings,) = phases.measure([ours], BODY, [0.5], once_each, repeats=lambda seconds: 3, check=answers.append,
                                rounds=2)
    # each kernel row takes the column two to the right (2 more) from the first: 3 · (-2) + 0.5
    assert orjson.loads(answers[0])["output"][0] == [-5.5] * 5
    handler = [timings.phases[name] for name in ("parse", "arrays", "limits", "compute", "encode")]
    assert all(seconds > 0 for seconds in handler)
    assert timings.phases["framework"] == pytest.approx(timings.in_process - sum(handler))
    assert timings.phases["HTTP + client"] == pytest.approx(0.5 - timings.in_process)


def test_the_in_process_call_fails_on_anything_but_a_200():
    ours = phases.ours(BODY, Settings(max_body_bytes=100))  # the app refuses the body with a 413
    with pytest.raises(RuntimeError, match="HTTP 413"):
        phases.measure([ours], BODY, [None], once_each, repeats=lambda seconds: 1, check=print, rounds=1)


def test_the_table_marks_a_phase_a_server_does_not_have():
    timings = phases.Timings({"parse": 1e-5, "arrays": 2e-5, "limits": None, "compute": 3e-5, "encode": 1e-5,
                              "framework": 1e-4, "HTTP + client": 1e-3}, in_process=1.7e-4, http=1.17e-3)
    line = phases.table([("(a)", "reference", timings)], lambda seconds: f"{seconds * 1e3:g}")[2]
    assert line == "| (a) | reference | 0.01 | 0.02 | · | 0.03 | 0.01 | 0.1 | 1 | 1.17 |"
