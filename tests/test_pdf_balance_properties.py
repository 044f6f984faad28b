"""Column balancing (pdf.balance_columns) on documents hypothesis makes: paragraphs of any
length, section headings with margins, boxed blocks kept whole, two to five columns. What
must hold after it, whatever it decided: the reading order is the order on the page
(column after column, top down), nothing overlaps, everything stays inside its column, a
heading is never the last thing in a column it does not end, and the columns are never
less even than WeasyPrint left them (by more than the half point within which two
columns count as even)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质信"
ABSOLUTE = [0.0, 2.0, 3.0, 7.5]
LINE = 16.0  # the line height of the documents below, in px


def _blocks():
    paragraph = st.builds(lambda n, seed: ("p", "".join(HAN[(seed + 7 * i) % len(HAN)] for i in range(n))),
                          st.integers(1, 120), st.integers(0, 500))
    heading = st.builds(lambda n, top, bottom: ("h3", "题" * n, top, bottom),
                        st.integers(2, 14), st.sampled_from(ABSOLUTE), st.sampled_from(ABSOLUTE))
    boxed = st.builds(lambda h: ("box", h), st.integers(10, 90))
    return st.lists(st.one_of(paragraph, paragraph, paragraph, heading, boxed), min_size=1, max_size=14)


def _html(columns: int, blocks) -> str:
    body = []
    for block in blocks:
        if block[0] == "p":
            body.append(f"<p>{block[1]}</p>")
        elif block[0] == "h3":
            body.append(f'<h3 style="margin: {block[2]}px 0 {block[3]}px 0">{block[1]}</h3>')
        else:
            body.append(f'<div class="box" style="height: {block[1]}px"></div>')
    return ("<style>@page { size: 300px 900px; margin: 0 } body { margin: 0; "
            "font: 10px/16px 'Noto Serif CJK SC' } .cols { column-count: %d; column-gap: 8px } "
            "p, h3 { margin: 0; font-size: 10px; font-weight: normal } p { text-indent: 2em } "
            ".box { border: 1px solid black; margin: 3px 0 }</style><div class='cols'>%s</div>"
            % (columns, "".join(body)))


def _layout(document):
    """[(columns, units in reading order as (box, top, bottom, x, keeps with next))]."""
    from weasyprint.formatting_structure import boxes

    from tei_edition import pdf as pdfmod

    found = []
    for page in document.pages:
        for columns in pdfmod.column_groups(page._page_box):
            units = []
            for index, column in enumerate(columns):
                units += pdfmod._units(column, index, (), [], boxes)
            found.append((columns, [(u.box, u.box.position_y if isinstance(u.box, boxes.LineBox)
                                     else u.box.border_box_y(), u.height, u.box.position_x,
                                     pdfmod._keeps_with_next(u)) for u in units]))
    return found


def _bottoms(columns, units):
    xs = [column.position_x for column in columns]
    per = {}
    for _box, top, height, x, _keep in units:
        index = max(i for i, left in enumerate(xs) if x >= left - 0.5)
        per[index] = max(per.get(index, 0.0), top + height - columns[0].content_box_y())
    return per


# Found by the long profile, kept: margins at the top of a column (WeasyPrint keeps them;
# the first model dropped them), and a fuller first column bought with a less even pair.
FOUND_MARGIN_AT_TOP = (2, [("box", 26), ("h3", "题" * 5, 7.5, 7.5)])
FOUND_LESS_EVEN = (2, [("box", 10), ("box", 32), ("p", "的"), ("box", 70), ("p", "的"), ("box", 70),
                       ("p", HAN[:13]), ("p", HAN[:110]), ("p", HAN[:110]), ("h3", "题题", 0.0, 2.0),
                       ("p", "的")])


@settings(max_examples=40)
@example(*FOUND_MARGIN_AT_TOP)
@example(*FOUND_LESS_EVEN)
@given(st.integers(2, 5), _blocks())
def test_balanced_columns_keep_order_and_room(columns, blocks):
    import weasyprint

    from tei_edition.pdf import balance_columns

    document = weasyprint.HTML(string=_html(columns, blocks)).render()
    before = [(cols, _bottoms(cols, units)) for cols, units in _layout(document)]
    balance_columns(document)
    after = _layout(document)
    assert len(after) == len(before)
    for (cols, units), (_cols, laid) in zip(after, before):
        xs = [column.position_x for column in cols]
        width = cols[0].width
        placed = []
        for box, top, height, x, keep in units:
            index = max(i for i, left in enumerate(xs) if x >= left - 0.5)
            assert x + box.width <= xs[index] + width + 0.5, "outside its column"
            placed.append((index, top, height, keep))
        for (c1, t1, h1, keep), (c2, t2, _h2, _k) in zip(placed, placed[1:]):
            assert (c1, t1) < (c2, t2), "reading order is not the order on the page"
            if c1 == c2:
                assert t2 >= t1 + h1 - 0.01, "two units overlap"
            else:
                assert not keep, "a heading ends a column that goes on"
        bottoms = _bottoms(cols, units)
        spread = max(bottoms.values()) - min(bottoms.values())
        assert spread <= max(laid.values()) - min(laid.values()) + 0.5, \
            "less even than WeasyPrint left it"
        if all(block[0] == "p" for block in blocks) and len(bottoms) == len(cols):
            assert spread <= LINE + 0.5, "lines alone, and the columns not within one line"
