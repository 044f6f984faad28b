"""Our changes to WeasyPrint stay inside our own renders (tei_edition.pdf.cjk_typesetting).

Another WeasyPrint user in the same process (a web app that also prints invoices, a test
suite) must get WeasyPrint's own behaviour before, after and beside our renders. And on
a WeasyPrint whose internals are not the ones the changes were written for, we render
with WeasyPrint's own justification and say so once, rather than refuse.
"""

from __future__ import annotations

import threading

import pikepdf
import pytest

from tei_edition import pdf as pdfmod
from tei_edition.errors import RenderError

PLAIN = """<html lang="zh-Hans"><body style="width: 40mm; text-align: justify;
font-family: 'Noto Serif CJK SC'"><p>会议强调，要深入贯彻习近平总书记关于安全生产重要论述精神，
紧绷安全之弦，时刻保持警醒，PM2.5浓度同比下降12.3%，全力推进安全生产专项整治。</p></body></html>"""


def plain_weasyprint_pdf() -> bytes:
    """A justified Chinese paragraph printed with WeasyPrint directly, not through us;
    a fixed identifier makes the bytes comparable between runs."""
    import weasyprint

    return weasyprint.HTML(string=PLAIN).write_pdf(pdf_identifier=b"tei-edition-test")


def weasyprint_functions():
    """The functions cjk_typesetting() replaces, as WeasyPrint's modules hold them now."""
    from weasyprint import draw
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts
    from weasyprint.text import line_break

    return (inline.justify_line, vars(line_break.Layout)["set_text"], draw.draw_text,
            inline.split_first_line, fonts.get_pango_font_hb_face, fonts.get_hb_object_data)


def test_weasyprint_functions_are_replaced_only_inside(sample_tei_path, tmp_path):
    before = weasyprint_functions()
    assert not any(f.__module__ == "tei_edition.pdf" for f in before)
    with pdfmod.cjk_typesetting() as installed:
        assert installed is True
        inside = weasyprint_functions()
        assert all(a is not b for a, b in zip(before, inside))
        with pdfmod.cjk_typesetting():  # re-entrant: still the same replacements
            assert weasyprint_functions() == inside
        assert weasyprint_functions() == inside
    assert weasyprint_functions() == before
    pdfmod.render_pdf(sample_tei_path, tmp_path / "a.pdf", profile="screen")
    assert weasyprint_functions() == before


def test_originals_come_back_after_an_exception(sample_tei_path, tmp_path,
                                                 expect_weasyprint_warnings):
    from test_pdf import _with_graphics

    before = weasyprint_functions()
    with pytest.raises(ZeroDivisionError):
        with pdfmod.cjk_typesetting():
            1 / 0
    assert weasyprint_functions() == before
    # a render that fails after layout (a refused URL) restores them too
    tei = _with_graphics(sample_tei_path, tmp_path, ["http://example.org/x.png"])
    with pytest.raises(RenderError, match="refused"):
        pdfmod.render_pdf(tei, tmp_path / "x.pdf", profile="screen")
    assert weasyprint_functions() == before


def test_another_weasyprint_user_gets_the_same_pdf_before_and_after_our_render(
        sample_tei_path, tmp_path):
    before = plain_weasyprint_pdf()
    pdfmod.render_pdf(sample_tei_path, tmp_path / "ours.pdf", profile="archive")
    after = plain_weasyprint_pdf()
    assert after == before
    # The comparison can fail: with our changes installed the same document differs
    # (justified between characters, /ActualText spans), so had they been left
    # installed after our render, `after` would differ from `before`.
    with pdfmod.cjk_typesetting():
        assert plain_weasyprint_pdf() != before


def test_another_thread_gets_weasyprint_own_behaviour_during_our_render():
    before = plain_weasyprint_pdf()
    beside = []
    with pdfmod.cjk_typesetting():
        thread = threading.Thread(target=lambda: beside.append(plain_weasyprint_pdf()))
        thread.start()
        thread.join(60)
        same_thread = plain_weasyprint_pdf()
    assert beside == [before]
    assert same_thread != before


def _actual_text_spans(pdf_path) -> int:
    with pikepdf.open(pdf_path) as pdf:
        return sum(bytes(page.Contents.read_bytes() if isinstance(page.Contents, pikepdf.Stream)
                         else b"".join(c.read_bytes() for c in page.Contents)).count(b"/ActualText")
                   for page in pdf.pages)


@pytest.fixture
def other_weasyprint_version(monkeypatch):
    """Pretend another WeasyPrint version is installed. Monkeypatching the version string
    is the one way to test the fallback without installing a second WeasyPrint; the
    support check is cached per process, so it is cleared on the way in and out."""
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "70.1")
    monkeypatch.setattr(pdfmod, "_NOTICES_SAID", set())
    pdfmod.typesetting_support.cache_clear()
    yield
    monkeypatch.undo()
    pdfmod.typesetting_support.cache_clear()
    assert pdfmod.typesetting_support().enabled


def test_other_weasyprint_version_renders_with_its_own_justification_and_says_so_once(
        other_weasyprint_version, sample_tei_path, tmp_path):
    support = pdfmod.typesetting_support()
    assert not support.enabled
    assert "WeasyPrint 70.1" in support.notice and "70.0" in support.notice
    before = weasyprint_functions()
    with pdfmod.cjk_typesetting() as installed:
        assert installed is False
        assert weasyprint_functions() == before
    first = pdfmod.render_pdf(sample_tei_path, tmp_path / "first.pdf", profile="screen")
    second = pdfmod.render_pdf(sample_tei_path, tmp_path / "second.pdf", profile="screen")
    assert first.inter_character is False and second.inter_character is False
    assert first.notices == [support.notice] and second.notices == []
    assert str(first).count("note: WeasyPrint 70.1") == 1 and "note:" not in str(second)
    assert _actual_text_spans(first.path) == 0  # WeasyPrint's own drawing


def test_cli_says_the_fallback_once_per_process(other_weasyprint_version, sample_tei_path,
                                                tmp_path):
    from click.testing import CliRunner

    from tei_edition.cli import main

    outputs = []
    for name in ("a.pdf", "b.pdf"):
        result = CliRunner().invoke(main, ["pdf", str(sample_tei_path), "-o",
                                           str(tmp_path / name), "--profile", "screen"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0].count("WeasyPrint 70.1 is installed") == 1
    assert "WeasyPrint 70.1" not in outputs[1]


def test_the_normal_render_uses_our_typesetting(sample_tei_path, tmp_path):
    report = pdfmod.render_pdf(sample_tei_path, tmp_path / "ours.pdf", profile="screen")
    assert report.inter_character is True and report.notices == []
    assert _actual_text_spans(report.path) > 0


@pytest.mark.parametrize("break_it", ["missing function", "changed signature", "missing Pango call"])
def test_internals_are_checked_by_feature_not_only_by_version(monkeypatch, break_it):
    from weasyprint import draw
    from weasyprint.layout import inline
    from weasyprint.text import ffi as text_ffi

    if break_it == "missing function":
        monkeypatch.delattr(inline, "justify_line")
        expected = "weasyprint.layout.inline.justify_line"
    elif break_it == "changed signature":
        monkeypatch.setattr(draw, "draw_text", lambda surface, box, x: None)
        expected = "weasyprint.draw.draw_text"
    else:
        real = text_ffi.pango

        class Pango:  # a Pango binding without the letter-spacing attribute
            def __getattr__(self, name):
                if name == "pango_attr_letter_spacing_new":
                    raise AttributeError(name)
                return getattr(real, name)

        monkeypatch.setattr(text_ffi, "pango", Pango())
        expected = "Pango.pango_attr_letter_spacing_new"
    pdfmod.typesetting_support.cache_clear()
    try:
        support = pdfmod.typesetting_support()
        assert not support.enabled
        assert expected in support.notice and "WeasyPrint 70.0 lacks" in support.notice
        with pdfmod.cjk_typesetting() as installed:
            assert installed is False
    finally:
        monkeypatch.undo()
        pdfmod.typesetting_support.cache_clear()
    assert pdfmod.typesetting_support().enabled
