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


# Decisions of the rules added in issue 9's second round: a quoted heading mended from two
# blocks, joins after a full stop, a measure word without its number, a photo story.
ROUND_TWO = ("## 会见外宾\n\n"
             "习近平指出，今年是两国建交五十周年，双方合作不断深化。\n\n"
             "当前，世界百年变局加速演进，人类社会面临的风险挑战增多。\n\n"
             "那天凌晨，信用社出了事。\n\n"
             "岁的会计小兰被歹徒堵在值班室内。\n\n"
             "## 会见外宾\n\n"
             "习近平指出，今年是两国建交五十周年，双方合作不断深化。当前，世界百年变局加速演进，"
             "人类社会面临的风险挑战增多。\n\n"
             "“看报纸，\n\n我就认准晚报”\n\n□见习记者 张三\n\n“来家里，还带什么东西！”老人说了起来。\n\n"
             "## 新校园建设\n\n9月12日，在建设现场，钻机正在运转。\n\n据了解，该工程已于今年5月开工。\n\n"
             "本报记者 李四 摄\n")


def test_every_decision_of_the_second_round_is_listed_and_reversible(tmp_path):
    first = encode_text(tmp_path, ROUND_TWO, name="first")
    rules = {item.rule for item in review(first.page)}
    assert {"the same text stands elsewhere on the page as one paragraph",
            "opening with a measure word whose number is lost",
            "a quotation used as a heading, cut by a column break",
            "part of a photo story's caption"} <= rules
    for item in review(first.page):
        fixed = encode_text(tmp_path, ROUND_TWO, item.correction + "\n", name=f"line{item.line}")
        assert not [other for other in review(fixed.page)
                    if (other.line, other.kind, other.decision) == (item.line, item.kind,
                                                                    item.decision)], item
