"""Write the small ONNX models the importer's and the explorer's tests run: three networks with random
weights, exported by PyTorch at opset 17, that between them use every operator a real CNN brings
(tests/data/onnx/).

Run where PyTorch is installed (pip install torch==2.13.0):  python scripts/make_onnx_models.py
The tests compare the engine with onnxruntime on these files; PyTorch is needed only to write them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "onnx"
OPSET = 17


class TinyUNet(nn.Module):
    """A U-Net of two levels: convolutions, batch norm, max pooling, a transposed convolution that
    doubles the size, and the skip joined by concatenation. 3×32×32 -> 2×32×32."""

    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.bottom = nn.Sequential(nn.Conv2d(8, 16, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(16, 8, 2, stride=2)
        self.merge = nn.Sequential(nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 2, 1))

    def forward(self, x):
        skip = self.down(x)
        deep = self.bottom(F.max_pool2d(skip, 2))
        return self.merge(torch.cat([skip, self.up(deep)], dim=1))


class TinyMix(nn.Module):
    """What MobileNet, ShuffleNet, EfficientNet and vision transformers' heads bring, small: asymmetric
    padding, a depthwise convolution with hardswish, squeeze-and-excitation, a channel shuffle and a split,
    a residual add, a bilinear upsampling, the mean over H and W, GELU (as erf) and a linear classifier.
    3×16×16 -> 5 scores."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.BatchNorm2d(8), nn.ReLU6())
        self.depthwise = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, groups=8), nn.BatchNorm2d(8), nn.Hardswish())
        self.squeeze = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(8, 4, 1), nn.SiLU(), nn.Conv2d(4, 8, 1),
                                     nn.Hardsigmoid())
        self.branch = nn.Sequential(nn.Conv2d(4, 4, 1), nn.LeakyReLU(0.1))
        self.head = nn.Sequential(nn.Linear(8, 16), nn.GELU(), nn.Dropout(0.2), nn.Linear(16, 5))

    def forward(self, x):
        x = self.stem(F.pad(x, (0, 1, 0, 1)))  # TensorFlow's "same" before a stride-2 convolution
        x = self.depthwise(x)
        x = x * self.squeeze(x)
        n, c, h, w = x.shape
        x = x.reshape(n, 2, c // 2, h, w).transpose(1, 2).reshape(n, c, h, w)  # ShuffleNet's channel shuffle
        kept, changed = x.chunk(2, dim=1)
        x = torch.cat([kept, self.branch(changed)], dim=1) + x
        x = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)[:, :, 1:-1, 1:-1]
        return self.head(x.mean(dim=(2, 3)))


class TinyPreAct(nn.Module):
    """A pre-activation ResNet block (batch norm before the convolution, so the exporter keeps it as a
    node of its own), the shortcut added, global average pooling, a classifier and softmax. 3×16×16 ->
    4 probabilities."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.block = nn.Sequential(nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1, bias=False))
        self.finish = nn.Sequential(nn.BatchNorm2d(8), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.classify = nn.Linear(8, 4)

    def forward(self, x):
        x = self.stem(x)
        return torch.softmax(self.classify(self.finish(x + self.block(x))), dim=1)


MODELS = {"tiny_unet": (TinyUNet, (1, 3, 32, 32)), "tiny_mix": (TinyMix, (1, 3, 16, 16)),
          "tiny_preact": (TinyPreAct, (1, 3, 16, 16))}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    for name, (build, shape) in MODELS.items():
        model = build().eval()
        for module in model.modules():  # running statistics other than 0 and 1, so batch norm does something
            if isinstance(module, nn.BatchNorm2d):
                module.running_mean.uniform_(-0.5, 0.5)
                module.running_var.uniform_(0.5, 2.0)
        path = OUT / f"{name}.onnx"
        torch.onnx.export(model, torch.randn(shape), path, opset_version=OPSET, dynamo=False,
                          input_names=["x"], output_names=["y"])
        print(f"wrote {path.relative_to(OUT.parent.parent.parent)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
