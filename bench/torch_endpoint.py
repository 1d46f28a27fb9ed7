"""A reference convolution endpoint written the obvious fast way, for bench.py to compare against.

POST /convolve takes the body ConvScope's POST /api/convolve takes (input, kernel, bias, stride,
padding, dilation) and answers the same {"output", "shape"}: orjson parses the body, PyTorch's
F.conv2d computes, orjson writes the NumPy view of the result. It validates nothing and has no
limits, so the gap between the two is what ConvScope's checks and its engine cost.
"""

from __future__ import annotations

from typing import Any

import orjson
import torch
import torch.nn.functional as F
from fastapi import FastAPI, Request, Response

# Float64, as ConvScope's engine: both servers then return the same numbers, with as many digits.
DTYPE = torch.float64


def _int_or_pair(value: Any) -> Any:
    """JSON's [h, w] -> (h, w); an int or a padding name ("same", "valid") stays as it is."""
    return tuple(value) if isinstance(value, list) else value


def create_app() -> FastAPI:
    """A one-route app: POST /convolve."""
    app = FastAPI(title="PyTorch reference", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/convolve")
    async def convolve(request: Request) -> Response:
        body = orjson.loads(await request.body())
        x = torch.tensor(body["input"], dtype=DTYPE)  # (H, W) or (C, H, W)
        kernel = torch.tensor(body["kernel"], dtype=DTYPE)  # (kh, kw), (C, kh, kw) or (F, C, kh, kw)
        bank = kernel if kernel.ndim == 4 else kernel.reshape(1, -1, *kernel.shape[-2:])  # (F, C, KH, KW)
        bias = torch.tensor(body.get("bias", 0.0), dtype=DTYPE).reshape(-1).expand(bank.shape[0])  # (F,)
        batch = x.reshape(1, -1, *x.shape[-2:])  # (1, C, H, W)
        output = F.conv2d(batch, bank, bias, stride=_int_or_pair(body.get("stride", 1)),
                          padding=_int_or_pair(body.get("padding", 0)),
                          dilation=_int_or_pair(body.get("dilation", 1)))[0]  # (F, OH, OW)
        output = output if kernel.ndim == 4 else output[0]  # one filter: (OH, OW), as ConvScope answers
        content = orjson.dumps({"output": output.numpy(), "shape": list(output.shape)},
                               option=orjson.OPT_SERIALIZE_NUMPY)
        return Response(content, media_type="application/json")

    return app
