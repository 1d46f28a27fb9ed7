"""The browser's pure modules (static/js/core: geometry, colours, percentiles, numbers, URL text, API
calls) under Node's own test runner: tests/js/*.test.mjs, in milliseconds instead of a browser.

Node comes from the system (Debian's `nodejs` package). Outside CI a missing node skips these tests
with a reason; in CI (CI is set) it fails them.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.engine import output_size

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.fixture(scope="module")
def node() -> str:
    executable = shutil.which("node")
    if executable is None:
        message = "Node.js not found: install Debian's nodejs package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return executable


def test_the_node_tests_pass(node):
    files = sorted(path.relative_to(ROOT).as_posix() for path in HERE.glob("*.test.mjs"))
    assert files, "no tests/js/*.test.mjs found"
    run = subprocess.run([node, "--test", *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]


def test_the_js_output_size_rule_agrees_with_the_engine(node):
    cases = list(itertools.product(range(1, 9), range(1, 5), range(1, 4), range(0, 3), range(0, 2), range(1, 4),
                                   (False, True)))  # floor and ceil mode
    script = """
        const { outputSize } = await import("./static/js/core/geometry.js");
        const cases = JSON.parse(process.argv[1]);
        process.stdout.write(JSON.stringify(cases.map(([i, k, s, p0, p1, d, c]) => outputSize(i, k, s, p0, p1, d, c))));
    """
    run = subprocess.run([node, "--input-type=module", "-e", script, json.dumps(cases)],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [output_size(i, k, s, p0, p1, d, c) for i, k, s, p0, p1, d, c in cases]


def test_the_js_transposed_output_size_rule_agrees_with_the_engine(node):
    from app.engine.conv_transpose import transposed_output_size

    cases = list(itertools.product(range(1, 9), range(1, 6), range(1, 5), range(0, 5), range(0, 4), range(1, 4)))
    script = """
        const { transposedSize } = await import("./static/js/pages/transposed/geometry.js");
        const { readFileSync } = await import("node:fs");
        const cases = JSON.parse(readFileSync(0, "utf8"));
        process.stdout.write(JSON.stringify(cases.map((c) => transposedSize(...c))));
    """
    run = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(cases),
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [transposed_output_size(*case) for case in cases]
