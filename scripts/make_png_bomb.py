"""Write tests/data/bomb.png: a decompression bomb, 40,000 × 40,000 one-bit pixels in about 200 KB.

Unpacked, it would be 1.6 billion pixels; tests/api/test_models.py checks that the API refuses it
from its header alone. Pillow takes several seconds to compress the 200 MB of rows, so the file is
made once and committed. Run it from the project root:

    python scripts/make_png_bomb.py
"""

from pathlib import Path

from PIL import Image

SIDE = 40_000
ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "data" / "bomb.png"

if __name__ == "__main__":
    Image.new("1", (SIDE, SIDE)).save(TARGET, "PNG", compress_level=9)
    print(f"wrote {TARGET.relative_to(ROOT)}: {TARGET.stat().st_size:,} bytes")
