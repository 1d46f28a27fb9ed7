"""Hypothesis: for any shapes and any limits, a request is refused (413) exactly when it is over one."""

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from app.engine import output_size
from app.main import create_app
from app.settings import Settings

# One app per distinct limits would be slow: limits are drawn from a few levels, apps cached.
LEVELS = st.sampled_from([1, 4, 16, 64, 256, 4096, 1 << 20])
_apps: dict[tuple, TestClient] = {}


def client_for(limits: dict) -> TestClient:
    key = tuple(sorted(limits.items()))
    if key not in _apps:
        _apps[key] = TestClient(create_app(Settings(**limits)))
    return _apps[key]


@given(channels=st.integers(1, 3), height=st.integers(1, 12), width=st.integers(1, 12),
       filters=st.integers(1, 4), kernel=st.integers(1, 5), stride=st.integers(1, 3), padding=st.integers(0, 2),
       dilation=st.integers(1, 2),
       limits=st.fixed_dictionaries({"max_input_elements": LEVELS, "max_filters": st.sampled_from([1, 2, 4]),
                                     "max_kernel_size": st.sampled_from([1, 3, 5]), "max_output_elements": LEVELS,
                                     "max_multiply_adds": LEVELS}))
def test_413_exactly_when_over_a_limit(channels, height, width, filters, kernel, stride, padding, dilation, limits):
    body = {"input": [[[1.0] * width] * height] * channels,
            "kernel": [[[[0.5] * kernel] * kernel] * channels] * filters,
            "stride": stride, "padding": padding, "dilation": dilation}
    response = client_for(limits).post("/api/convolve", json=body)

    out_h, out_w = (output_size(n, kernel, stride, padding, dilation=dilation) for n in (height, width))
    outputs = filters * max(out_h, 0) * max(out_w, 0)
    if channels * height * width > limits["max_input_elements"]:
        expected, named = 413, "max_input_elements"
    elif filters > limits["max_filters"]:
        expected, named = 413, "max_filters"
    elif kernel > limits["max_kernel_size"]:
        expected, named = 413, "max_kernel_size"
    elif out_h < 1 or out_w < 1:
        expected, named = 422, "kernel"  # the (dilated) kernel does not fit: not a limit
    elif outputs > limits["max_output_elements"]:
        expected, named = 413, "max_output_elements"
    elif outputs * channels * kernel * kernel > limits["max_multiply_adds"]:
        expected, named = 413, "max_multiply_adds"
    else:
        expected, named = 200, None
    assert response.status_code == expected, response.text
    if named:
        assert named in response.json()["detail"]
    else:
        assert response.json()["shape"] == [filters, out_h, out_w]
