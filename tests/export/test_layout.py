"""The layout's primitives that views other than /convolution need: equations of any form (max(…),
(… + …) ÷ n) that still break where they must, a marked cell (max pooling's winner), and words with
an operator (pooling's "max" over its arrow)."""

from app.web.export.drawing import Rect, Text, TextRow, ungrouped
from app.web.export.fonts import server_fonts
from app.web.export.layout import Layout
from app.web.export.scene import Cell, EquationLine, Grid, Operator, Scene
from app.web.export.themes import THEMES


def drawn(line: EquationLine, cells=((Cell("1"),),)):
    scene = Scene(((Grid("Input", cells),),), (), (line,), "step 1 / 1")
    layout = Layout([scene], THEMES["light"], server_fonts(), 1, "sans-bold")
    return list(ungrouped(layout.draw(scene).items))


def rows_of(items) -> list[str]:
    return ["".join(run.text for run in item.runs) for item in items if isinstance(item, TextRow)]


def test_a_line_that_fits_is_its_opening_terms_closing_and_result():
    assert rows_of(drawn(EquationLine((("1", "3"), ("5", "6")), "6", opening="max(", separator=", ",
                                      closing=")"))) == ["max(1, 3, 5, 6) = 6"]
    assert rows_of(drawn(EquationLine((("1", "3"),), "2", opening="(", closing=") ÷ 2"))) == ["(1 + 3) ÷ 2 = 2"]


def test_a_long_list_breaks_after_a_comma_and_a_long_sum_before_a_plus():
    terms = tuple(tuple(f"{r}{q}.125" for q in range(8)) for r in range(8))  # 64 terms, 8 a group
    commas = rows_of(drawn(EquationLine(terms, "77.125", opening="max(", separator=", ", closing=")")))
    assert len(commas) > 1 and all(row.endswith(",") for row in commas[:-1])
    assert "".join(commas).replace(" ", "") == "max(" + ",".join(t for g in terms for t in g) + ")=77.125"
    sums = rows_of(drawn(EquationLine(terms, "9", opening="(", closing=") ÷ 64")))
    assert len(sums) > 1 and all(row.startswith("+ ") for row in sums[1:-1]) and sums[-1].startswith(("+ ", " = "))
    assert "".join(sums).replace(" ", "") == "(" + "+".join(t for g in terms for t in g) + ")÷64=9"


def test_a_marked_cell_is_ringed_in_the_theme_s_mark_colour_with_its_badge_as_a_tab():
    line = EquationLine((("1",),), "1")
    mark = THEMES["light"].rgb["mark"]
    marked = drawn(line, ((Cell("1", "window", "max", marked=True),),))
    plain = drawn(line, ((Cell("1", "window", "max"),),))
    rings = [item for item in marked if isinstance(item, Rect) and item.stroke == mark and item.fill is None]
    tabs = [item for item in marked if isinstance(item, Rect) and item.fill == mark]
    assert len(rings) == 1 and len(tabs) == 1
    assert not [item for item in plain if isinstance(item, Rect) and mark in (item.fill, item.stroke)]


def test_an_operator_s_words_sit_above_and_below_it_and_widen_its_room():
    grid = Grid("", ((Cell("1"),),))
    line = EquationLine((("1",),), "1")

    def laid_out(operator):
        scene = Scene(((grid,), (grid,)), (operator,), (line,), "")
        layout = Layout([scene], THEMES["light"], server_fonts(), 1, "sans-bold")
        return layout, [item for item in ungrouped(layout.draw(scene).items) if isinstance(item, Text)]

    plain, plain_texts = laid_out("→")
    worded, worded_texts = laid_out(Operator("→", "average", ("3×3 window", "stride 2×2")))
    assert worded.stage_width > plain.stage_width
    sign = next(text for text in worded_texts if text.text == "→")
    above, first, second = (next(text for text in worded_texts if text.text == words)
                            for words in ("average", "3×3 window", "stride 2×2"))
    assert above.y < sign.y < first.y < second.y and above.x == sign.x == first.x == second.x
    assert not {"average", "3×3 window", "stride 2×2"} & {text.text for text in plain_texts}
