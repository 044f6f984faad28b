"""A paragraph runs on across the page's furniture between its halves: the running head a
page break brings (the paper's head repeated at the top of the next page), or a block the
editor made furniture (a teaser box the extraction set inside a column). A field the
encoder itself read as furniture in mid-column is no such thing: it may be a title."""

from __future__ import annotations

from helpers import encode_text, joins, texts, xp
from tei_edition.transform import html_bytes, transform

HEAD = "人民日报　1978年8月2日　星期三　第{}版"
LEAD = "本报讯 新路修通以后，果农的苹果当天就能运到城里的市场，收入比往年增加了三成。"
FIRST = "全县今年新建改建农村公路一百二十公里，村村通上了硬化路，群众出行"
SECOND = "更加方便。新路修通以后，果农的苹果当天就能运到城里的市场。"
ACROSS_PAGES = (f"{HEAD.format(1)}\n\n## 全县农村公路建设加快\n\n{LEAD}\n\n{FIRST}\n\f\n"
                f"{HEAD.format(2)}\n\n{SECOND}\n")


def test_a_paragraph_runs_on_across_the_running_head_a_page_break_brings(tmp_path):
    result = encode_text(tmp_path, ACROSS_PAGES)
    assert joins(result) == 1
    assert texts(result, "//t:p/t:fw[@type='header']") == [HEAD.format(2)]
    paragraph = xp(result, "//t:p[t:fw]")[0]
    assert "".join(paragraph.itertext()) == FIRST + HEAD.format(2) + SECOND
    assert [child.tag.split("}")[1] for child in paragraph][:2] == ["pb", "fw"]


def test_the_paragraph_with_its_running_head_is_valid_tei(tmp_path, tei_all):
    result = encode_text(tmp_path, ACROSS_PAGES)
    assert tei_all.validate(result.tree), tei_all.error_log


def test_the_running_head_stays_out_of_the_reading_text_in_html_and_print(tmp_path):
    result = encode_text(tmp_path, ACROSS_PAGES)
    for name in ("html", "print"):
        html = html_bytes(transform(result.tree, name)).decode("utf-8")
        # inside the paragraph, as a span of its own that the style sheets hide with the breaks
        start = html.index(FIRST)
        assert 'class="tei-fw tei-fw-header"' in html[start:html.index("更加方便", start)], name
    # (tests/test_browser.py checks in Chromium that the reader does not see it.)


def test_a_teaser_the_editor_made_furniture_is_skipped_by_the_join(tmp_path):
    teaser = "相关新闻见第四版"
    page = f"## 全县农村公路建设加快\n\n{LEAD}\n\n{FIRST}\n\n{teaser}\n\n{SECOND}\n"
    sidecar = f'[[correction]]\ntext = "{teaser}"\nrole = "furniture"\n'
    result = encode_text(tmp_path, page, sidecar)
    assert joins(result) == 1
    assert "".join(xp(result, "//t:p[t:fw]")[0].itertext()) == FIRST + teaser + SECOND


def test_a_field_the_encoder_read_as_furniture_mid_column_ends_the_paragraph(tmp_path):
    """A sign-off, then `编辑这动物` (a column's title the desk-credit grammar reads as a
    field 编辑…), then a new piece: no join across it (tests/eval/exam3, sqdsb-2006-11-08)."""
    page = (f"## 全县农村公路建设加快\n\n{LEAD}经济新闻部 李海涛\n\n编辑这动物\n\n"
            "晚上活动得久了，人就易极端——我指的是身体的发展。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 0


def test_the_printed_page_does_not_print_the_running_head_inside_the_paragraph(tmp_path):
    """A real WeasyPrint run: the paragraph's text is printed whole, the head it carries is not
    (the printed page has running heads of its own)."""
    import subprocess

    from tei_edition.pdf import render_pdf

    result = encode_text(tmp_path, ACROSS_PAGES)
    tei = tmp_path / "page.xml"
    result.tree.write(str(tei), encoding="utf-8", xml_declaration=True)
    render_pdf(tei, tmp_path / "page.pdf", profile="screen")
    text = subprocess.run(["pdftotext", str(tmp_path / "page.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    assert "村村通上了硬化路" in flat and "第2版" not in flat
