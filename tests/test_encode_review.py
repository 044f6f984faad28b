"""The editor's review list (issue 9, point 6): every decision made with low or medium
certainty, with its source line, its rule and the sidecar correction that reverses it."""

from __future__ import annotations

import tomllib

from helpers import encode_text, xp
from tei_edition.ingest.review import format_review, review

PAGE = ("一舉一動牽動世界神經。而透過記者捕捉到的小故事，可見一斑。\n\n"      # 1: headless, gap
        "大会认为：\n\n"                                               # 3
        "由于各级组织正确执行了方针，工作取得胜利。\n\n"                    # 5: join after a colon
        "可是，去年他实足地做了一百八十二个劳动日。\n")                      # 7: possible join


def test_the_list_names_line_rule_and_reversing_correction(tmp_path):
    result = encode_text(tmp_path, PAGE)
    items = review(result.page)
    assert [(i.line, i.kind, i.cert) for i in items] == [
        (1, "gap", "low"), (5, "join", "medium"), (7, "no-join", "low")]
    for item in items:
        correction = tomllib.loads(item.correction)["correction"][0]
        assert correction["line"] == item.line and item.rule


def test_the_corrections_it_gives_reverse_each_decision(tmp_path):
    first = encode_text(tmp_path, PAGE, name="first")
    sidecar = "\n".join(item.correction for item in review(first.page)) + "\n"
    fixed = encode_text(tmp_path, PAGE, sidecar, name="fixed")
    assert xp(fixed, "//t:gap") == []
    assert [len(p.findall("{*}cb")) for p in xp(fixed, "//t:div/t:p")] == [0, 0, 1]
    assert review(fixed.page) == []


def test_the_text_report_starts_each_entry_with_source_and_line(tmp_path):
    result = encode_text(tmp_path, PAGE)
    report = result.review_text()
    assert report.splitlines()[0] == "page.txt: 3 decisions to review (certainty low or medium)"
    assert "page.txt:5: join (medium)" in report and "        join = false" in report


def test_a_page_of_clear_evidence_has_nothing_to_review(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报讯（记者 张三）今天召开会议。\n\n会议强调，要抓好落实。\n")
    assert review(result.page) == []
    assert "nothing to review" in format_review([], "page.txt")
