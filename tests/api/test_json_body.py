"""The byte-level search for booleans in arrays: it may say yes too often, never too rarely."""

import itertools

import pytest

from app.api.json_body import _BOOLEAN_IN_ARRAY, _LOOK_BACK, _MAX_LETTERS, _may_hold_booleans

SEPARATORS = [b"", b" ", b"\n\t ", b" " * (_LOOK_BACK + 10)]  # the last: longer than the look-back


def bodies():
    """Bodies with booleans as field values, array elements, inside strings and nowhere."""
    for space, word in itertools.product(SEPARATORS, (b"true", b"false")):
        yield b'{"input": [[1,' + space + word + b"]]}"  # in an array, after ","
        yield b'{"input": [' + space + word + b", 2]}"  # in an array, after "["
        yield b'{"input": [[1, 2]], "trace":' + space + word + b"}"  # a field's value
        yield b'{"input": [[1, 2]], "mode": "[' + space + word + b'"}'  # in a string: a false alarm, allowed
        yield word  # the whole body
        yield space + word
    yield b'{"input": [[1e-05, 2.5]], "kernel": [[1]], "stride": 1, "dilation": [1, 1], "padding_mode": "reflect"}'
    t_string = b'"' + b"t" * (_MAX_LETTERS + 1) + b'"'  # more letters than are looked at one by one
    yield b'{"input": [[1, 2]], "mode": ' + t_string + b', "kernel": [[1, true]]}'
    yield b'{"input": [[1, 2]], "mode": ' + t_string + b', "trace": true}'


@pytest.mark.parametrize("body", list(bodies()))
def test_agrees_with_the_regular_expression(body):
    assert _may_hold_booleans(body) == bool(_BOOLEAN_IN_ARRAY.search(body))


def test_a_body_of_numbers_holds_none():
    body = b'{"input": [' + b", ".join([b"[0.25, -1e-07, 3]"] * 1000) + b'], "kernel": [[1]], "trace": false}'
    assert not _may_hold_booleans(body)
