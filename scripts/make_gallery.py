"""Write the README's gallery, static/gallery/: each file is what its link answers, made in-process.

    python3 scripts/make_gallery.py

The links live here alone; tests/test_readme.py checks that the README shows each file with its link
and that each file still has the frames and size its link gives.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GALLERY_DIR = ROOT / "static" / "gallery"
GUIDE_INPUT = "3,3,2,1,0;0,0,1,3,1;3,1,2,2,3;2,0,0,2,2;2,0,0,0,1"  # the guide's Figure 1.1
GUIDE_KERNEL = "0,1,2;2,2,0;0,1,2"
DEPTHWISE = ("in=" + "|".join((GUIDE_INPUT, "0,0,1,3,1;3,1,2,2,3;2,0,0,2,2;2,0,0,0,1;3,3,2,1,0",
                               "3,1,2,2,3;2,0,0,2,2;2,0,0,0,1;3,3,2,1,0;0,0,1,3,1"))
             + f"&k={GUIDE_KERNEL}/0,1,0;1,-4,1;0,1,0/-1,0,1;-2,0,2;-1,0,1&g=3")

# file name -> the link that makes it (the page's link plus an extension, and the export's options)
GALLERY = {
    "worked-example.gif": "/convolution.gif?scale=1&fps=1",
    "padding-strides-guide.gif": f"/convolution.gif?in={GUIDE_INPUT}&k={GUIDE_KERNEL}&p=1&s=2&theme=guide&scale=1",
    "depthwise-step-14.png": f"/convolution.png?{DEPTHWISE}&step=14&scale=1",
    "transposed-stride-2.gif": "/transposed.gif?in=1,3;2,4&k=1,2,0;0,1,2;2,0,1&s=2&scale=1",
    "signal-step-31.png": "/signal.png?xc=1&step=31&scale=1",
    "digit-region-step-2.png": ("/convolution.png?in=0,128,253;0,206,253;25,219,253&src=digit-3&zoom=12,12"
                                "&step=2&scale=1"),
}


def main() -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app

    GALLERY_DIR.mkdir(exist_ok=True)
    with TestClient(create_app()) as client:
        for name, link in GALLERY.items():
            answer = client.get(link)
            answer.raise_for_status()
            (GALLERY_DIR / name).write_bytes(answer.content)
            print(f"{name}: {len(answer.content):,} bytes")


if __name__ == "__main__":
    main()
