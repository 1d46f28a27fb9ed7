"""Colours of an export: the page's light look, a dark one, and the look of Dumoulin & Visin's
convolution arithmetic animations (blue input, cyan output, the kernel as dark shading; their
figures use the Solarized palette). The layout names colours by role; a theme says what each is."""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[int, int, int]

# ColorBrewer GnBu (sequential) and RdBu reversed (diverging), as static/js/core/colormap.js
SEQUENTIAL: tuple[RGB, ...] = ((247, 252, 240), (204, 235, 197), (123, 204, 196), (43, 140, 190), (8, 64, 129))
DIVERGING: tuple[RGB, ...] = ((33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247), (253, 219, 199),
                              (239, 138, 98), (178, 24, 43))


def hex_rgb(text: str) -> RGB:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def interpolate(stops: tuple[RGB, ...], t: float) -> RGB:
    x = min(1.0, max(0.0, t)) * (len(stops) - 1)
    i = min(len(stops) - 2, int(x))
    f = x - i
    return tuple(round(a + (b - a) * f) for a, b in zip(stops[i], stops[i + 1], strict=True))


def luminance(colour: RGB) -> float:
    """WCAG relative luminance."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Theme:
    name: str
    colours: dict[str, str]  # role -> "#rrggbb"
    heat: bool = True  # done output cells take the colour of their value; else the "done" role's colour
    sequential: tuple[RGB, ...] = SEQUENTIAL  # the heat of values of one sign, lowest first
    dashed_padding: bool = True
    rgb: dict[str, RGB] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "rgb", {role: hex_rgb(value) for role, value in self.colours.items()})

    def shade(self, level: float, signed: bool) -> RGB:
        """A done output cell's colour."""
        if not self.heat:
            return self.rgb["done"]
        return interpolate(DIVERGING if signed else self.sequential, level)

    def ink_on(self, background: RGB) -> RGB:
        """The theme's ink where it reads (4.5:1), else whichever of black and white contrasts more."""
        for ink in (self.rgb["ink"], self.rgb["ink-inverse"]):
            if contrast(ink, background) >= 4.5:
                return ink
        return (0, 0, 0) if contrast((0, 0, 0), background) >= contrast((255, 255, 255), background) else (255,) * 3


# Roles: page (background), ink/muted (text), line (cell borders), cell, pad/pad-ink, window/window-ink,
# pad-window, frame (the window's outline), badge, kernel/kernel-ink, later (not computed yet), done
# (without heat), current/current-ink (the output cell being computed), result/result-ink (the answer),
# mark (the ring of a cell the step singles out: max pooling's winner, dark red as on the pooling page),
# shade-0..shade-4 (coverage: no input cell reaches the cell, then few to many; light to dark as on the page).
# Plots: plot-grid/plot-axis (grid lines, the zero line and frame), f/f-area (the first function, its shading),
# g (the second), curve (the activation's function), out (a result traced so far), pos/pos-edge and
# neg/neg-edge (strips of positive and negative area), now (the cursor and guides), x (cross-correlation),
# as the pages' CSS.
LIGHT = Theme("light", {
    "page": "#ffffff", "ink": "#0f172a", "ink-inverse": "#ffffff", "muted": "#475569", "line": "#94a3b8",
    "cell": "#ffffff", "pad": "#e2e8f0", "pad-ink": "#475569", "window": "#fde68a", "window-ink": "#78350f",
    "pad-window": "#fcd34d", "frame": "#b45309", "badge": "#92400e", "kernel": "#ffffff", "kernel-ink": "#0f172a",
    "later": "#f1f5f9", "done": "#ccebc5", "current": "#fde68a", "current-ink": "#78350f", "result": "#fde68a",
    "result-ink": "#78350f", "operator": "#475569", "mark": "#b91c1c",
    "shade-0": "#fecaca", "shade-1": "#dbeafe", "shade-2": "#bfdbfe", "shade-3": "#93c5fd", "shade-4": "#60a5fa",
    "plot-grid": "#e2e8f0", "plot-axis": "#64748b", "f": "#1d4ed8", "f-area": "#e3e9fa", "g": "#c2410c",
    "curve": "#1d4ed8", "out": "#0f172a", "pos": "#86efac", "pos-edge": "#15803d", "neg": "#fecaca",
    "neg-edge": "#b91c1c", "now": "#b45309", "x": "#7c3aed",
})
DARK = Theme("dark", {
    "page": "#0f172a", "ink": "#e2e8f0", "ink-inverse": "#0f172a", "muted": "#94a3b8", "line": "#475569",
    "cell": "#1e293b", "pad": "#334155", "pad-ink": "#cbd5e1", "window": "#fcd34d", "window-ink": "#451a03",
    "pad-window": "#fbbf24", "frame": "#f59e0b", "badge": "#78350f", "kernel": "#1e293b", "kernel-ink": "#e2e8f0",
    "later": "#0b1222", "done": "#2b8cbe", "current": "#fcd34d", "current-ink": "#451a03", "result": "#fcd34d",
    "result-ink": "#451a03", "operator": "#94a3b8", "mark": "#b91c1c",
    "shade-0": "#7f1d1d", "shade-1": "#172554", "shade-2": "#1e3a8a", "shade-3": "#1d4ed8", "shade-4": "#3b82f6",
    "plot-grid": "#1e293b", "plot-axis": "#94a3b8", "f": "#60a5fa", "f-area": "#1e3a5f", "g": "#fb923c",
    "curve": "#60a5fa", "out": "#e2e8f0", "pos": "#166534", "pos-edge": "#4ade80", "neg": "#7f1d1d",
    "neg-edge": "#f87171", "now": "#f59e0b", "x": "#a78bfa",
}, sequential=SEQUENTIAL[:0:-1])  # GnBu from dark to light, without its near-white end that glares on dark
# Solarized blue (input) and cyan (output), each a shade darker so that white numbers on them read
# (4.5:1); base02 (#073642) for the kernel and its shading of the window; dashed base03 for padding; the
# window's outline in Solarized orange, which shows on the dark shading and on white alike.
GUIDE = Theme("guide", {
    "page": "#ffffff", "ink": "#002b36", "ink-inverse": "#ffffff", "muted": "#586e75", "line": "#002b36",
    "cell": "#2077b8", "pad": "#ffffff", "pad-ink": "#586e75", "window": "#0b3b5c", "window-ink": "#ffffff",
    "pad-window": "#5a6b72", "frame": "#cb4b16", "badge": "#a5d8ff", "kernel": "#073642", "kernel-ink": "#ffffff",
    "later": "#ffffff", "done": "#1b7f78", "current": "#073642", "current-ink": "#ffffff", "result": "#1b7f78",
    "result-ink": "#ffffff", "operator": "#586e75", "mark": "#dc322f",
    "shade-0": "#f5c4c3", "shade-1": "#d5efed", "shade-2": "#9fd9d4", "shade-3": "#4fb5ad", "shade-4": "#1b7f78",
    "plot-grid": "#eee8d5", "plot-axis": "#586e75", "f": "#268bd2", "f-area": "#d7e8f6", "g": "#cb4b16",
    "curve": "#268bd2", "out": "#002b36", "pos": "#dfe6b0", "pos-edge": "#859900", "neg": "#f5c6c5",
    "neg-edge": "#dc322f", "now": "#b58900", "x": "#6c71c4",
}, heat=False)
THEMES = {theme.name: theme for theme in (LIGHT, DARK, GUIDE)}
