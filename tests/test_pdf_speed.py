"""The PDF speed-ups change nothing in the PDF (issue 11, point 8).

tei_edition.pdf remembers, inside its own renders, two things WeasyPrint 70.0 would
compute again: the line breaks of column-balancing passes (_remembered_split_first_line)
and each font file's bytes (_shared_font_file). Speed is measured by bench/bench_pdf.py,
never asserted here; these tests guard that the output is byte for byte what WeasyPrint
makes without them, and that nothing outlives what it may.
"""

from __future__ import annotations

import pytest

from tei_edition import pdf as pdfmod

SPEED_REPLACEMENTS = ("_remembered_split_first_line", "_noted_pango_face", "_shared_font_file")


def _render_bytes(tei, out, profile) -> bytes:
    pdfmod.render_pdf(tei, out, profile=profile)
    return out.read_bytes()


@pytest.mark.parametrize("which, profile", [("seed", "archive"), ("sample", "screen")])
def test_speed_replacements_change_no_byte_of_the_pdf(request, tmp_path, monkeypatch, which,
                                                      profile):
    tei = request.getfixturevalue(f"{which}_tei_path")
    fast = _render_bytes(tei, tmp_path / "fast.pdf", profile)
    with monkeypatch.context() as patch:
        for name in SPEED_REPLACEMENTS:  # WeasyPrint's own functions stay in place
            patch.setattr(pdfmod, name, lambda original: original)
        slow = _render_bytes(tei, tmp_path / "slow.pdf", profile)
    assert fast == slow
    again = _render_bytes(tei, tmp_path / "again.pdf", profile)  # with warm caches
    assert again == fast


def test_font_files_are_read_once_per_process_and_only_for_pango_fonts(sample_tei_path,
                                                                       tmp_path, monkeypatch):
    import pikepdf

    monkeypatch.setattr(pdfmod, "_FONT_FILES", {})
    pdfmod.render_pdf(sample_tei_path, tmp_path / "a.pdf", profile="screen")
    files = dict(pdfmod._FONT_FILES)
    with pikepdf.open(tmp_path / "a.pdf") as pdf:
        embedded = {font.DescendantFonts[0].FontDescriptor.FontFile3.objgen
                    for page in pdf.pages for font in page.Resources.Font.values()}
    # one entry per font the page uses, never one for a subset WeasyPrint made and freed
    assert len(files) == len(embedded) >= 2
    assert all(len(data) > 10_000_000 for data in files.values())  # whole Noto CJK files
    pdfmod.render_pdf(sample_tei_path, tmp_path / "b.pdf", profile="screen")
    assert pdfmod._FONT_FILES.keys() == files.keys()
    assert all(pdfmod._FONT_FILES[key] is data for key, data in files.items())


def test_remembered_lines_are_forgotten_after_each_render(sample_tei_path, tmp_path):
    pdfmod.render_pdf(sample_tei_path, tmp_path / "a.pdf", profile="screen")
    assert pdfmod._LINES == {}
    assert pdfmod._PANGO_FACE == [None, None]


def _first_text_box(html_string):
    """(layout context, text box) of the first text WeasyPrint lays out for HTML_STRING."""
    import weasyprint
    from weasyprint.layout import inline

    seen = []
    split_text_box = inline.split_text_box

    def spy(context, box, *args, **kwargs):
        seen.append((context, box))
        return split_text_box(context, box, *args, **kwargs)

    inline.split_text_box = spy
    try:
        weasyprint.HTML(string=html_string).render()
    finally:
        inline.split_text_box = split_text_box
    return seen[0]


PARAGRAPH = ('<p lang="zh-Hans" style="width: 30mm; font-size: 10pt">会议强调，要深入贯彻'
             '习近平总书记关于安全生产重要论述精神。</p>')


def test_every_caller_gets_its_own_layout_object():
    """A remembered answer is handed out as a copy: a later change to one box's Layout
    object (justification, drawing) cannot reach another box."""
    from weasyprint.layout import inline

    with pdfmod.cjk_typesetting():
        context, box = _first_text_box(PARAGRAPH)
        answers = [inline.split_first_line(box.text, box.style, context, 80.0, 0)
                   for _ in range(2)]
    (first, *metrics_a), (second, *metrics_b) = answers
    assert first is not second and vars(first) == vars(second) and metrics_a == metrics_b
    assert pdfmod._LINES == {}  # and forgotten when the context ends


def test_remembered_line_breaks_are_exact_at_the_width_where_a_line_fills_up():
    """Widths are told apart to the Pango unit (1/1024 pt): a box just a unit narrower
    than a line of k characters breaks after k - 1 of them, remembered or not."""
    from weasyprint.layout import inline

    split_first_line = inline.split_first_line  # WeasyPrint's own
    context, box = _first_text_box(PARAGRAPH)
    text, style = box.text, box.style
    widths = []
    for k in range(6, 10):
        full = split_first_line(text[:k], style, context, None, 0)[3]  # k characters wide
        widths += [full, full - 1 / 4096, full - 1 / 1024, full + 1 / 4096, full + 0.3]
    expected = [split_first_line(text, style, context, width, 0)[1:] for width in widths]
    assert len({answer[0] for answer in expected}) >= 4  # the breaks do move
    with pdfmod.cjk_typesetting():
        got = [inline.split_first_line(text, style, context, width, 0)[1:] for width in widths]
    assert got == expected


@pytest.mark.parametrize("css", ["letter-spacing: 0.37px",
                                 "hyphens: auto; hyphenate-limit-zone: 10%",
                                 "hyphens: auto; hyphenate-limit-zone: 25%"])
def test_remembered_line_breaks_are_exact_where_widths_are_not_whole_pango_units(css):
    """CSS letter-spacing is added to Pango's line widths, and a hyphenation limit zone
    is a share of the box width: there, two widths within one Pango unit can break
    differently, and they are remembered apart."""
    from weasyprint.layout import inline

    split_first_line = inline.split_first_line  # WeasyPrint's own
    context, box = _first_text_box(
        f'<p lang="en" style="width: 30mm; font-family: {pdfmod.BODY_FONT}; font-size: 10pt; '
        f'{css}">Extraordinarily comprehensive internationalization considerations '
        f'notwithstanding.</p>')
    text, style = box.text, box.style
    widths = []
    for k in range(5, 40):
        for prefix in (text[:k], text[:k] + "\u2010"):
            natural = split_first_line(prefix, style, context, None, 0)[3]
            for edge in (natural, natural / 0.9, natural / 0.75):  # a line's width; zone starts
                widths += [edge + step / 8192 for step in range(-6, 7)]
    expected = [split_first_line(text, style, context, width, 0)[1:3] for width in widths]
    with pdfmod.cjk_typesetting():
        got = [inline.split_first_line(text, style, context, width, 0)[1:3] for width in widths]
    assert got == expected


def test_font_files_belong_to_one_font_configuration(monkeypatch):
    """A new font configuration (another fontconfig setup) may map a font description to
    another file: the bytes read for the old one are dropped with it."""
    monkeypatch.setattr(pdfmod, "_FONT_FILES", {("a font key",): b"bytes of the old file"})
    pdfmod._environment.cache_clear()
    try:
        pdfmod._environment()
        assert pdfmod._FONT_FILES == {}
    finally:
        pdfmod._stylesheet.cache_clear()  # made with the font configuration just dropped


def test_the_pdf_bench_runs_and_accounts_for_its_phases(sample_tei_path):
    """bench/bench_pdf.py is where the speed figures come from: it must keep running
    (its --phases table names our functions, which a rename once broke silently)."""
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench" / "bench_pdf.py"
    result = subprocess.run([sys.executable, str(bench), "--runs", "1", "--phases",
                             str(sample_tei_path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    for phase in ("layout", "font subsetting", "XSLT (print HTML)", "column balance (ours)"):
        assert f"  {phase} " in result.stdout, (phase, result.stdout)
    assert {"archive", "print", "screen"} <= {line.split()[0] for line in result.stdout.splitlines()
                                              if line.strip()}
