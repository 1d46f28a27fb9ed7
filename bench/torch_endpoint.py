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


def tensors(body: dict) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, bool]:
    """The parsed body's input (1, C, H, W), filter bank (F, C, KH, KW) and bias (F,), and whether
    the kernel came as a bank."""
    x = torch.tensor(body["input"], dtype=DTYPE)  # (H, W) or (C, H, W)
    kernel = torch.tensor(body["kernel"], dtype=DTYPE)  # (kh, kw), (C, kh, kw) or (F, C, kh, kw)
    bank = kernel if kernel.ndim == 4 else kernel.reshape(1, -1, *kernel.shape[-2:])  # (F, C, KH, KW)
    bias = torch.tensor(body.get("bias", 0.0), dtype=DTYPE).reshape(-1).expand(bank.shape[0])  # (F,)
    return x.reshape(1, -1, *x.shape[-2:]), bank, bias, kernel.ndim == 4


def convolve(body: dict, batch: torch.Tensor, bank: torch.Tensor, bias: torch.Tensor, is_bank: bool) -> torch.Tensor:
    """F.conv2d with the body's parameters -> (F, OH, OW) for a bank, else (OH, OW), as ConvScope answers."""
    output = F.conv2d(batch, bank, bias, stride=_int_or_pair(body.get("stride", 1)),
                      padding=_int_or_pair(body.get("padding", 0)),
                      dilation=_int_or_pair(body.get("dilation", 1)))[0]  # (F, OH, OW)
    return output if is_bank else output[0]


def encode(output: torch.Tensor) -> bytes:
    """orjson writes the tensor's NumPy view straight from memory."""
    return orjson.dumps({"output": output.numpy(), "shape": list(output.shape)}, option=orjson.OPT_SERIALIZE_NUMPY)


def create_app() -> FastAPI:
    """A one-route app: POST /convolve."""
    app = FastAPI(title="PyTorch reference", docs_url=None, redoc_url=None, openapi_url=None)

    @app.post("/convolve")
    async def convolve_route(request: Request) -> Response:
        body = orjson.loads(await request.body())
        output = convolve(body, *tensors(body))
        return Response(encode(output), media_type="application/json")

    return app
