"""Where everything of a frame goes: the grids and plots in columns with their labels, the operators between
the columns, the equation under them (broken between kernel rows when long) and the step caption.

Sizes are in layout units; `scale` pixels make a unit. One Layout serves every frame of an export:
its cell size, column widths and height come from all the scenes, so the frames line up exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from .drawing import Bitmap, Circle, Drawing, Group, Line, Rect, Text, TextRow
from .fonts import FontSet
from .plot import PlotPainter, extent
from .scene import Cell, EquationLine, Grid, Operator, Picture, Plot, Scene
from .themes import Theme, contrast

CELL = 44  # the smallest cell side; a cell widens to hold the widest number of the export
CELL_PADDING = 7  # each side of a number
NUMBER, BADGE, LABEL, EQUATION, CAPTION = 18, 12, 15, 22, 14  # font sizes
COUNT = 15  # a shaded cell's count (coverage), larger than a badge: it is what the shading tells
MARGIN = 24
LABEL_HEIGHT = 26  # a grid's label and the gap under it
GRID_GAP = 20  # between the grids of one column
OPERATOR = 56  # the room for an operator between two columns, or its words' width and this padding
OPERATOR_WORDS = 36  # from an operator's sign to the middle of the words above it and the first line below
OPERATOR_NAME = 22  # the font size of the word above an operator (the pooling page's "max")
EQUATION_GAP = 26  # between the grids and the equation
EQUATION_LINE = 36
EQUATION_WIDTH = 560  # an equation line breaks past the grids' width or this, whichever is wider
CAPTION_HEIGHT = 30
RADIUS = 4
MARK = 4  # the width of a marked cell's ring
TAB = 15  # the height of a marked cell's badge, a tab


class Layout:
    """Sizes are measured with the fonts at scale 1 and multiplied by the scale, so that a frame at scale s
    is exactly s times the frame at scale 1, and its lines break in the same places."""

    def __init__(self, scenes: Iterable[Scene], theme: Theme, fonts: FontSet, scale: int, label_role: str):
        self.theme, self.fonts, self.u, self.label_role = theme, fonts, scale, label_role
        self._lengths: dict[tuple[str, int, str], float] = {}
        self._cells: dict[tuple[Cell, float, float, bool], Group] = {}  # a cell's primitives, by where it is
        self._plots = PlotPainter(theme, fonts, scale, label_role)
        self._pictures: dict[tuple[Picture, float, float], Group] = {}
        widest, label_widths, shapes, texts = 0.0, [], None, []
        operator_widths: list[int] = []
        for scene in scenes:  # in layout units from here to the end
            shapes = shapes or [[_shape(element) for element in column] for column in scene.columns]
            # an operator without a sign is only room between two columns
            operator_widths = operator_widths or [OPERATOR if _operator(o).sign else OPERATOR // 2
                                                  for o in scene.operators]
            for index, operator in enumerate(scene.operators):
                words = _operator(operator)
                room = max([self._length(label_role, OPERATOR_NAME, words.above),
                            *(self._length(label_role, CAPTION, line) for line in words.below)])
                operator_widths[index] = max(operator_widths[index], math.ceil(room) + OPERATOR // 2)
            numbers = {cell.text for column in scene.columns for grid in column if isinstance(grid, Grid)
                       for row in grid.cells for cell in row}
            widest = max(widest, 0.0, *(self._length("mono-bold", NUMBER, text) for text in numbers))
            widths = [max(self._length(label_role, LABEL, grid.label) for grid in column) for column in scene.columns]
            label_widths = [max(pair) for pair in zip(label_widths, widths, strict=True)] if label_widths else widths
            texts.append((scene.equation, scene.caption))
        cell = max(CELL, math.ceil(widest + 2 * CELL_PADDING))
        sizes = [[(rows * cell, cols * cell) if grid else (rows, cols) for grid, rows, cols in column]
                 for column in shapes]  # (height, width) of each grid and plot
        # a plot of height 0 is as tall as the tallest other column (the activation's curve beside its maps)
        tallest = max((_column_height(column) for column in sizes if all(h for h, _ in column)), default=0)
        self.stretched = max(150, tallest - LABEL_HEIGHT)
        sizes = [[(h or self.stretched, w) for h, w in column] for column in sizes]
        column_widths = [max(max(width for _, width in column), math.ceil(label))
                         for column, label in zip(sizes, label_widths, strict=True)]
        column_heights = [_column_height(column) for column in sizes]
        stage_width = sum(column_widths) + sum(operator_widths)
        self.wrap = max(stage_width, EQUATION_WIDTH)
        rows = [self._equation(lines) for lines, _ in texts]
        equation_lines = max(len(r) for r in rows)  # 0: the export leaves the equation out
        equation_width = math.ceil(max((self._row_width(row) for r in rows for row in r), default=0))
        captioned = any(caption for _, caption in texts)  # or the export leaves the step caption out
        caption_width = math.ceil(max(self._length(label_role, CAPTION, caption) for _, caption in texts))
        width = 2 * MARGIN + max(stage_width, equation_width, caption_width)
        equation_height = EQUATION_GAP + equation_lines * EQUATION_LINE if equation_lines else 0
        height = MARGIN + max(column_heights) + equation_height + (CAPTION_HEIGHT if captioned else 0) + MARGIN
        # in pixels
        u = scale
        self.cell, self.width, self.height = cell * u, width * u, height * u
        self.column_widths, self.column_heights = [w * u for w in column_widths], [h * u for h in column_heights]
        self.operator_widths = [w * u for w in operator_widths]
        self.stage_width, self.stage_height = stage_width * u, max(column_heights) * u
        self.equation_width = equation_width * u

    @property
    def pixels(self) -> int:
        return self.width * self.height

    def draw(self, scene: Scene) -> Drawing:
        u, colour = self.u, self.theme.rgb
        items: list = []
        x = (self.width - self.stage_width) / 2
        top = MARGIN * u
        for index, column in enumerate(scene.columns):
            y = top + (self.stage_height - self.column_heights[index]) / 2
            for element in column:
                items.append(Text(x, y + LABEL * u / 2, self._printable(self.label_role, LABEL, element.label),
                                  self.label_role, LABEL * u, colour["muted"], "lm"))
                y += LABEL_HEIGHT * u
                if isinstance(element, Plot):
                    element = element if element.height else replace(element, height=self.stretched)
                    items.extend(self._plots.draw(element, x, y))
                    y += extent(element)[0] * u + GRID_GAP * u
                elif isinstance(element, Picture):
                    items.append(self._picture(element, x, y))
                    y += element.extent[0] * u + GRID_GAP * u
                else:
                    items.extend(self._grid(element, x, y))
                    y += len(element.cells) * self.cell + GRID_GAP * u
            x += self.column_widths[index]
            if index < len(scene.operators):
                room = self.operator_widths[index]
                middle = top + self.stage_height / 2
                items.extend(self._operator(_operator(scene.operators[index]), x + room / 2, middle))
                x += room
        y = top + self.stage_height + EQUATION_GAP * u + EQUATION_LINE * u / 2
        left = (self.width - self.equation_width) / 2  # the widest line of all frames centred: no frame jumps
        for row in self._equation(scene.equation):
            items.extend(self._equation_row(row, left, y))
            y += EQUATION_LINE * u
        caption_y = self.height - MARGIN * u - CAPTION_HEIGHT * u / 2
        if scene.caption:
            caption = self._printable(self.label_role, CAPTION, scene.caption)
            items.append(Text(self.width - MARGIN * u, caption_y, caption, self.label_role, CAPTION * u,
                              colour["muted"], "rm"))
        return Drawing(self.width, self.height, colour["page"], tuple(items))

    # grids

    def _grid(self, grid: Grid, left: float, top: float) -> list:
        c, u, colour = self.cell, self.u, self.theme.rgb
        items: list = []
        cache = self._cells
        for r, row in enumerate(grid.cells):
            for q, cell in enumerate(row):
                if cell.kind == "blank":
                    continue
                key = (cell, left + q * c, top + r * c, grid.signed)
                if key not in cache:  # most cells look the same from frame to frame: made once
                    cache[key] = self._cell(*key)
                items.append(cache[key])
        if grid.window is not None:
            t, lft, b, rgt = grid.window
            items.append(Rect(left + lft * c, top + t * c, (rgt - lft + 1) * c, (b - t + 1) * c, None, colour["frame"],
                              3 * u, radius=RADIUS * u))
        return items

    def _cell(self, cell: Cell, x: float, y: float, signed: bool) -> Group:
        c, u, theme, colour = self.cell, self.u, self.theme, self.theme.rgb
        kind = cell.kind
        dashed = kind in ("pad", "pad-window") and theme.dashed_padding
        if kind == "done":
            fill = theme.shade(cell.level or 0.0, signed)
            ink, role = theme.ink_on(fill), "mono"
        else:
            fill_role, ink_role = {
                "plain": ("cell", None), "pad": ("pad", "pad-ink"), "window": ("window", "window-ink"),
                "pad-window": ("pad-window", "window-ink"), "kernel": ("kernel", "kernel-ink"),
                "current": ("current", "current-ink"), "later": ("later", None), "unread": ("later", "muted"),
            }[kind]
            fill = colour[fill_role]
            ink = colour[ink_role] if ink_role else theme.ink_on(fill)
            role = "mono-bold" if kind in ("window", "pad-window", "current") or cell.marked else "mono"
        if cell.shade is not None:  # coverage: the count's shade in place of the kind's fill
            fill = colour[f"shade-{cell.shade}"]
            ink = theme.ink_on(fill)
        items: list = [Rect(x, y, c, c, fill, colour["line"], max(1, u), dashed)]
        if cell.marked:
            inset = MARK / 2 * u
            items.append(Rect(x + inset, y + inset, c - 2 * inset, c - 2 * inset, None, colour["mark"], MARK * u))
        tab = cell.badge and cell.marked  # a tab in the ring's colour at the top left, as the pooling page's tag
        if cell.text:
            middle = y + c / 2 + (TAB * u / 3 if tab else 0)  # a little lower, clear of the tab
            items.append(Text(x + c / 2, middle, self._printable(role, NUMBER, cell.text), role, NUMBER * u, ink))
        if tab:
            text = self._printable(self.label_role, BADGE, cell.badge)
            width = self.fonts.font(self.label_role, BADGE * u).getlength(text) + 6 * u
            items.append(Rect(x, y, width, TAB * u, colour["mark"]))
            items.append(Text(x + 3 * u, y + TAB * u / 2, text, self.label_role, BADGE * u,
                              theme.ink_on(colour["mark"]), "lm"))
        elif cell.badge:
            counted = cell.shade is not None  # a count on its shade: in the cell's ink, as its number
            size, face = (COUNT, "mono-bold") if counted else (BADGE, "mono")
            readable = contrast(colour["badge"], fill) >= 4.5 and not counted
            badge = colour["badge"] if readable else theme.ink_on(fill)
            items.append(Text(x + c - 3 * u, y + c - size * u * 0.6, self._printable(face, size, cell.badge),
                              face, size * u, badge, "rm"))
        return Group(tuple(items))

    def _picture(self, picture: Picture, left: float, top: float) -> Group:
        """The image, its region framed as the page's zoom box; the same object every frame."""
        key = (picture, left, top)
        if key not in self._pictures:
            u, (height, width) = self.u, picture.extent
            pixel = width * u / picture.size[0]
            t, lft, b, rgt = picture.region
            self._pictures[key] = Group((
                Bitmap(left, top, width * u, height * u, picture.png),
                Rect(left, top, width * u, height * u, None, self.theme.rgb["line"], max(1, u)),
                Rect(left + lft * pixel - 2 * u, top + t * pixel - 2 * u, (rgt - lft + 1) * pixel + 4 * u,
                     (b - t + 1) * pixel + 4 * u, None, self.theme.rgb["frame"], 3 * u),
            ))
        return self._pictures[key]

    def _operator(self, operator: Operator, cx: float, cy: float) -> list:
        u, colour = self.u, self.theme.rgb
        ink, sign = colour["operator"], operator.sign
        words = []
        if operator.above:
            words.append(Text(cx, cy - OPERATOR_WORDS * u, self._printable(self.label_role, OPERATOR_NAME,
                                                                            operator.above),
                              self.label_role, OPERATOR_NAME * u, colour["ink"]))
        for index, line in enumerate(operator.below):
            y = cy + (OPERATOR_WORDS + index * CAPTION * 1.4) * u
            words.append(Text(cx, y, self._printable(self.label_role, CAPTION, line), self.label_role, CAPTION * u,
                              colour["muted"]))
        if not sign:  # only room between two columns
            return words
        if sign == "\u2299":  # ⊙ drawn, not typed: every font has it then
            return [Circle(cx, cy, 12 * u, None, ink, 2.5 * u), Circle(cx, cy, 3 * u, ink), *words]
        if sign == "=":
            return [*(Line(cx - 11 * u, cy + dy * u, cx + 11 * u, cy + dy * u, ink, 3 * u) for dy in (-5, 5)), *words]
        return [Text(cx, cy, self._printable("sans-bold", 28, sign), "sans-bold", 28 * u, ink), *words]

    # the equation

    def _equation(self, lines: tuple[EquationLine, ...]) -> list[list[tuple[str, str]]]:
        rows: list[list[tuple[str, str]]] = []
        for line in lines:
            rows.extend(self._wrapped(line))
        return rows

    def _wrapped(self, line: EquationLine) -> list[list[tuple[str, str]]]:
        """Runs of (text, kind) per printed row: one row if it fits, else broken between term groups
        (kernel rows), and between terms only where one group is too long; a new row starts with the
        separator's sign ("+ "), or the row before ends with it where it is a comma."""
        sep = line.separator
        head = [(line.label + ": ", "label")] if line.label else []
        head += [(line.opening, "op")] if line.opening else []
        closing = [(line.closing, "op")] if line.closing else []
        result = [(" = ", "op"), (line.result, "result" if line.final else "partial")]
        whole = head + _joined([t for group in line.groups for t in group], sep)
        if self._row_width(whole + closing + result) <= self.wrap:
            return [whole + closing + result]
        indent = [(" " * (len(line.label) + 2), "op")] if line.label else []
        trailing = sep.strip() == ","
        rows, row, fresh = [], list(head), True  # fresh: no term on this row yet
        for group in line.groups:
            fits = self._row_width(indent + _joined(list(group), sep)) <= self.wrap
            for piece in [list(group)] if fits else [[term] for term in group]:
                candidate = row + ([] if fresh else [(sep, "op")]) + _joined(piece, sep)
                if fresh or self._row_width(candidate) <= self.wrap:
                    row, fresh = candidate, False
                elif trailing:
                    rows.append(row + [(",", "op")])
                    row = indent + _joined(piece, sep)
                else:
                    rows.append(row)
                    row = indent + [(sep.lstrip(), "op")] + _joined(piece, sep)
        if self._row_width(row + closing + result) <= self.wrap:
            rows.append(row + closing + result)
        else:  # the closing stays with the last term, the result goes on a row of its own
            rows.extend([row + closing, indent + result])
        return rows

    def _equation_row(self, runs: list[tuple[str, str]], x: float, y: float) -> list:
        u, colour = self.u, self.theme.rgb
        items: list = []
        texts = []
        for text, kind in runs:
            role = self._role(kind)
            printed = self._printable(role, EQUATION if kind != "label" else LABEL, text)
            size = (EQUATION if kind != "label" else LABEL) * u
            width = self.fonts.font(role, size).getlength(printed)
            ink = colour["muted"] if kind == "label" else colour["ink"]
            if kind == "result":
                pad = 5 * u
                items.append(Rect(x - pad, y - EQUATION * u * 0.72, width + 2 * pad, EQUATION * u * 1.44,
                                  colour["result"], radius=RADIUS * u))
                ink = colour["result-ink"]
            texts.append(Text(x, y, printed, role, size, ink, "lm"))
            x += width
        items.append(TextRow(tuple(texts)))
        return [Group(tuple(items))]

    def _role(self, kind: str) -> str:
        return {"label": self.label_role, "result": "mono-bold", "partial": "mono-bold"}.get(kind, "mono")

    def _row_width(self, runs: list[tuple[str, str]]) -> float:
        """In layout units."""
        return sum(self._length(self._role(kind), LABEL if kind == "label" else EQUATION, text) for text, kind in runs)

    # text

    def _printable(self, role: str, size: int, text: str) -> str:
        return self.fonts.printable(role, text, size * self.u)

    def _length(self, role: str, size: int, text: str) -> float:
        """The width of text in layout units (measured at scale 1)."""
        key = (role, size, text)
        if key not in self._lengths:
            self._lengths[key] = self.fonts.font(role, size).getlength(self.fonts.printable(role, text, size))
        return self._lengths[key]


def _column_height(sizes: list[tuple[int, int]]) -> int:
    """A column of grids and plots, (height, width) each, with their labels and the gaps between them."""
    return sum(LABEL_HEIGHT + height for height, _ in sizes) + GRID_GAP * (len(sizes) - 1)


def _shape(element: Grid | Plot | Picture) -> tuple[bool, int, int]:
    """(is a grid, rows, columns) of a grid; (False, height, width) in layout units of a plot or picture."""
    if isinstance(element, Plot):
        return False, *extent(element)
    if isinstance(element, Picture):
        return False, *element.extent
    return True, len(element.cells), len(element.cells[0])


def _operator(operator: str | Operator) -> Operator:
    return operator if isinstance(operator, Operator) else Operator(operator)


def _joined(terms: list[str], separator: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for term in terms:
        if runs:
            runs.append((separator, "op"))
        runs.append((term, "term"))
    return runs

