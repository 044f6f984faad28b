"""Guard for inter-character justification of Chinese text (tei_edition.pdf extends
WeasyPrint 70.0, which by itself stretches only spaces and leaves Chinese lines ragged).

Measured in the PDF, glyph by glyph (pdfminer.six). Inside a paragraph every line but the
last must reach the column's right edge. A line is "inside a
paragraph" when the next line in the same column starts flush left (a new paragraph
starts indented by 2em, a heading is centred). Glyph by glyph (pdfminer.six), the gaps
between ideographs grow while Latin words and numbers keep their natural advances.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import re
import statistics
import unicodedata

import pytest
from lxml import etree

from test_pdf_support import NS, TEI, body_text, glyph_lines, glyph_segments, squash

TOLERANCE_PT = 0.6  # glyph advances are rounded to 1/1000 em in the font matrix


# Long paragraphs in a narrow column: what a newspaper page is made of. Mixed with
# digits, Latin and a space.
PARAGRAPHS = [
    "会议强调，要深入贯彻习近平总书记关于安全生产重要论述精神，紧绷安全之弦，时刻保持警醒，"
    "全力推进安全生产“百日攻坚”专项整治，为党的二十大胜利召开营造安全稳定社会环境。要树牢"
    "红线意识，紧盯重点领域，集中力量，集中资源抓好安全隐患清仓专项行动、重点行业领域专项"
    "行动和集中执法检查“两行动一检查”。",
    "市委理论学习中心组深入学习《习近平法治思想学习纲要》，习近平总书记关于新发展理念、去"
    "产能、转结构、促转型的重要讲话精神，《总体国家安全观学习纲要》，在2021年度巩固脱贫攻坚"
    "成果同乡村振兴有效衔接考核评估情况汇报时发表的重要讲话。会议指出，要牢固树立依法治"
    "思维，进一步领会核心要义，抓好贯彻落实，做好结合文章，推动各项事业在法治轨道上高质量发展。",
    "本报讯（全媒体记者 崔圣驰 通讯员 刘万平）四平新开区始终坚持“生产必须安全，安全促进生产”"
    "的工作理念，牢固树立安全发展理念，全面落实安全生产责任制，不断加强硬件和软件建设，坚持"
    "“五措并举”，着力强化重点环节的安全管理，有效防范和遏制各类安全事故的发生。PM2.5浓度"
    "同比下降12.3%，AQI优良天数达到300天以上。",
]


@pytest.fixture(scope="module")
def justified_pdf(sample_tei_path, tmp_path_factory) -> Path:
    from tei_edition.pdf import render_pdf

    tree = etree.parse(str(sample_tei_path))
    article = tree.find(".//tei:div[@type='article']", NS)
    anchor = article.findall("tei:p", NS)[-1]
    for text in PARAGRAPHS * 3:
        p = etree.Element(f"{{{TEI}}}p")
        p.text = text
        anchor.addnext(p)
        anchor = p
    out_dir = tmp_path_factory.mktemp("justify")
    tei = out_dir / "long.xml"
    tree.write(str(tei), encoding="UTF-8", xml_declaration=True)
    pdf = out_dir / "long.pdf"
    render_pdf(tei, pdf, profile="screen")
    return pdf


# A closing mark ending a justified line is set half width (clreq, issue 12): it is drawn
# with half its advance, but a PDF reader boxes every glyph by the font's width (/W), so
# the glyph's box reaches half an em past the column edge while its ink does not. The
# same, mirrored, for an opening mark starting a line.
HALF_WIDTH_AT_LINE_END = set("，。、；：？！）」』”’》〉】〕〗｝］")


HALF_WIDTH_AT_LINE_START = set("（「『“‘《〈【〔〖｛［")


def _drawn_right(segment) -> float:
    char, _x0, x1, size = segment[-1]
    return x1 - size / 2 if char in HALF_WIDTH_AT_LINE_END else x1


def _drawn_left(segment) -> float:
    """An opening mark starting a line is set half width too: its glyph is drawn half an
    em to the left of its box, so that its ink starts at the column edge."""
    char, x0, _x1, size = segment[0]
    return x0 + size / 2 if char in HALF_WIDTH_AT_LINE_START else x0


def _inner_lines(pdf: Path):
    """(line, column right edge) for every line that is not the last of its paragraph.

    Lines are runs of body-size glyphs (pdfminer: every glyph where it is drawn), cut at
    gaps wider than 8 pt: a justified gap is far narrower, a gutter (1.5 em) wider. A line
    is "inside a paragraph" when the next line in the same column starts flush left (a
    new paragraph starts indented by 2em, a heading is centred)."""
    rows = [row for row in glyph_lines(pdf, min_gap_pt=8.0)
            if all(g[3] == row["glyphs"][0][3] for g in row["glyphs"])]
    sizes = [g[3] for row in rows for g in row["glyphs"]]
    body = max(set(sizes), key=sizes.count)
    # text lines are in the serif face; a heading at the body size (sans, centred) is not
    # a line of a paragraph
    face = Counter(f for row in rows for f in row["faces"] if row["glyphs"][0][3] == body)
    text_face = face.most_common(1)[0][0]
    lines = [{"page": row["page"], "y": row["y"], "x0": _drawn_left(row["glyphs"]),
              "x1": _drawn_right(row["glyphs"]), "glyphs": row["glyphs"],
              "text": "".join(g[0] for g in row["glyphs"])}
             for row in rows if row["glyphs"][0][3] == body and text_face in row["faces"]]
    # columns: a new column starts where a left edge lies beyond the previous column's
    # left edge plus the largest indent (2em); columns are far wider than that.
    by_column = defaultdict(list)
    for page in {l["page"] for l in lines}:
        left = None
        for line in sorted((l for l in lines if l["page"] == page), key=lambda l: l["x0"]):
            if left is None or line["x0"] > left + 4 * body:
                left = line["x0"]
            by_column[(page, left)].append(line)
    result = []
    for (page, left), group in by_column.items():
        group.sort(key=lambda l: -l["y"])
        right = max(l["x1"] for l in group)
        for line, below in zip(group, group[1:]):
            adjacent = 0 < line["y"] - below["y"] < 2.2 * body
            flush = abs(below["x0"] - left) < 0.5
            if adjacent and flush:
                result.append((line, right))
    return result


def test_justified_chinese_lines_reach_the_right_edge(justified_pdf):
    inner = _inner_lines(justified_pdf)
    assert len(inner) >= 40, "too few lines measured for the guard to mean anything"
    ragged = [(round(right - line["x1"], 2), line["text"]) for line, right in inner
              if right - line["x1"] > TOLERANCE_PT]
    assert not ragged, f"{len(ragged)} of {len(inner)} lines ragged: {ragged[:5]}"


def test_spacing_is_spread_between_characters_not_only_at_spaces(justified_pdf):
    """Lines are flush because every gap grew a little, not because one gap grew a lot:
    a line justified at its one space shows a hole between two glyphs."""
    inner = _inner_lines(justified_pdf)
    holes = []
    for line, _right in inner:
        glyphs = line["glyphs"]
        holes += [(round(b[1] - a[2], 1), line["text"]) for a, b in zip(glyphs, glyphs[1:])]
    assert inner and all(hole < 6 for hole, _text in holes), max(holes)


def test_inter_character_typesetting_is_active_here():
    """The guards above measure our justification: on a WeasyPrint it cannot extend,
    render_pdf falls back to WeasyPrint's own, and they would fail for that reason."""
    from tei_edition.pdf import WEASYPRINT_VERSION, typesetting_support

    support = typesetting_support()
    assert support.enabled, support.notice
    assert WEASYPRINT_VERSION == "70.0"


# ---------------------------------------------------------------------------------------
# Latin words and numbers inside Chinese text stay tight (W3C clreq): the gaps between
# ideographs expand, the gap at a CJK/Latin boundary takes half a share, and the letters
# of PM2.5, 12.3%, AQI and the digits of 2021 keep their natural advances.

MIXED = "空气质量持续改善，PM2.5浓度同比下降12.3%，AQI优良天数在2021年达到300天以上，市民满意度明显提升。"
TOKENS = ("PM2.5", "12.3%", "AQI", "2021", "300")
# one short paragraph each: a single line, the last of its paragraph, so unjustified
REFERENCES = {token: f"参照{token}。" for token in TOKENS}
# Different lead-ins move the Latin runs to different places in their lines.
MIXED_PARAGRAPHS = ["各地" * k + MIXED * 2 for k in range(8)]


@pytest.fixture(scope="module")
def mixed_pdf(sample_tei_path, tmp_path_factory) -> Path:
    from tei_edition.pdf import render_pdf

    tree = etree.parse(str(sample_tei_path))
    anchor = tree.find(".//tei:div[@type='article']", NS).findall("tei:p", NS)[-1]
    for text in [*REFERENCES.values(), *MIXED_PARAGRAPHS]:
        p = etree.Element(f"{{{TEI}}}p")
        p.text = text
        anchor.addnext(p)
        anchor = p
    out_dir = tmp_path_factory.mktemp("mixed")
    tei = out_dir / "mixed.xml"
    tree.write(str(tei), encoding="UTF-8", xml_declaration=True)
    pdf = out_dir / "mixed.pdf"
    render_pdf(tei, pdf, profile="screen")
    return pdf


def _han(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _gaps(segment, start, length):
    """The gaps between the glyphs segment[start:start+length] (end of one to start of next)."""
    return [b[1] - a[2] for a, b in zip(segment[start:start + length - 1],
                                       segment[start + 1:start + length])]


def _body_segments(pdf: Path):
    segments = glyph_segments(pdf)
    sizes = [g[3] for seg in segments for g in seg]
    body = max(set(sizes), key=sizes.count)
    return [seg for seg in segments if all(g[3] == body for g in seg)]


def test_latin_words_and_numbers_keep_natural_advances_while_ideographs_spread(mixed_pdf):
    segments = _body_segments(mixed_pdf)
    texts = ["".join(g[0] for g in seg) for seg in segments]
    natural = {}
    for token, line in REFERENCES.items():
        [reference] = [seg for seg, text in zip(segments, texts) if text == line]
        natural[token] = _gaps(reference, line.index(token), len(token))

    measured = 0
    for segment, text in zip(segments, texts):
        if not any(text in paragraph for paragraph in MIXED_PARAGRAPHS):
            continue  # a line of the sample page (bylines with spaces, bold runs)
        han_gaps = [b[1] - a[2] for a, b in zip(segment, segment[1:]) if _han(a[0]) and _han(b[0])]
        if len(han_gaps) < 5:
            continue
        spacing = statistics.median(han_gaps)
        if spacing < 0.15:  # a line that was (nearly) full already: nothing to see
            continue
        # every gap between two ideographs took the same share (but for WeasyPrint 70.0's
        # 2.4 % error on Pango's x offsets, which shifts a line's first gap by up to 2.4 %
        # of the spacing: more than 0.03 pt on the loosest lines of this test page)
        assert max(abs(gap - spacing) for gap in han_gaps) < max(0.03, 0.024 * spacing), \
            (text, han_gaps)
        for token in TOKENS:
            at = text.find(token)
            while at >= 0:
                measured += 1
                got = _gaps(segment, at, len(token))
                assert got == pytest.approx(natural[token], abs=0.02), (token, text, got)
                # the boundary with the ideographs around it expands, by half a share
                for left, right in ((at - 1, at), (at + len(token) - 1, at + len(token))):
                    if 0 <= left and right < len(segment) and (_han(text[left]) or _han(text[right])):
                        gap = segment[right][1] - segment[left][2]
                        # Unjustified, an ideograph and a Latin glyph have no gap. WeasyPrint
                        # 70.0 draws Pango's x offsets 2.4 % too far (draw/text.py converts
                        # Pango units, 1/1024 pt, as if they were 1/1000 pt), which moves a
                        # gap beside a Latin run by up to 2.4 % of its half share.
                        assert gap == pytest.approx(spacing / 2, abs=0.012 + 0.03 * spacing / 2), \
                            (token, text, gap, spacing)
                at = text.find(token, at + 1)
    assert measured >= 10, f"only {measured} Latin runs measured on justified lines"


def test_mixed_text_layer_is_the_text(mixed_pdf):
    """/ActualText keeps extractors from reading the widened gaps as spaces, and the
    Latin runs come out whole."""
    text = body_text(mixed_pdf, "screen")
    assert all(squash(p) in squash(text) for p in MIXED_PARAGRAPHS)
    for line in text.splitlines():
        assert not re.search(r"P ?M ?2 ?\. ?5|1 ?2 ?\. ?3 ?%|A ?Q ?I", line) or \
            not re.search(r"P M|M 2|2 \.|\. 5|1 2|\. 3|3 %|A Q|Q I", line), line
