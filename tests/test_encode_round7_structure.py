"""Issue 9, round seven: missing starts and column joins, each rule on a small page written
for the test (no text of the evaluation sets). One rule piece per test; a piece's test
fails when the piece is taken out. docs/encoding.md says why each rule holds.
"""

from __future__ import annotations

import pytest

from helpers import TEXT, encode_text, joins, xp
from tei_edition.ingest import gaps
from tei_edition.ingest import joins as jn

# A page whose top was lost: no headline, the first paragraph opens mid-phrase with words
# that could open a sentence (the headless rule's own case).
HEADLESS = "乡镇干部走村入户，把防汛物资送到每一个村民小组，确保群众安全度汛。"


def gap_count(result) -> int:
    return len(xp(result, "//t:gap[@reason='missing']"))


# -- missing starts: a page's introduction in the paper's own voice is no lost top ---------
def test_a_headless_page_top_still_gets_its_low_certainty_gap(tmp_path):
    # The control for the tests below: without an introduction's words the rule fires.
    result = encode_text(tmp_path, f"{HEADLESS}\n\n{TEXT}\n")
    assert gap_count(result) == 1


@pytest.mark.parametrize("intro", [
    # the paper announces what it prints (本报今天发表…; 我们推出…)
    "围绕乡村道路建设，本报今天发表三位基层干部的文章，请读者关注。",
    "今年是本报创办六十周年，我们隆重推出这组纪念文章，回顾报纸与读者的故事。",
    # it names its own earlier report by its title
    "晚报五年前以《山路弯弯》为题，报道了山村孩子上学难的故事，引起广泛关注。",
    # it speaks of a series of reports
    "修路、通水、建校……三组报道，记录了一个山村十年的变化，这是全县发展的缩影。",
])
def test_a_page_introduction_in_the_papers_own_voice_is_no_gap(tmp_path, intro):
    result = encode_text(tmp_path, f"{intro}\n\n{TEXT}\n")
    assert gap_count(result) == 0


def test_captions_over_a_page_introduction_are_no_gap(tmp_path):
    # The series' photo captions stand above the introduction: it is among the first
    # paragraphs, not the first.
    page = ("村民在新修的公路上骑行。\n\n"
            "今年是本报创办六十周年，我们隆重推出这组纪念文章，回顾报纸与读者的故事。\n\n"
            f"{TEXT}\n")
    result = encode_text(tmp_path, page)
    assert gap_count(result) == 0


def test_a_reporters_report_named_in_a_headless_text_keeps_its_gap(tmp_path):
    # 本报记者…报道 is a byline's words, not the paper speaking of its reports.
    page = f"{HEADLESS}本报记者张明报道，全县已有九成村庄通上公路。\n\n{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert gap_count(result) == 1


# -- missing starts: an opening with a word that links to what came before it ------------
@pytest.mark.parametrize("opening", [
    "至初五，各村文艺队轮流在广场演出，吸引了周边群众前来观看。",       # 初一|至初五
    "较上年同期增长百分之十二，增幅居全省前列，主要来自新建项目。",     # 比|较
    "較上年同期增長百分之十二，增幅居全省前列，主要來自新建項目。",     # traditional
    "及各乡镇负责同志参加了会议，会议由副县长主持。",                   # 县长|及
    "暨全县农村公路建设现场会在城关镇召开，与会代表参观了新修的公路。",  # 表彰大会|暨
])
def test_a_paragraph_opening_with_a_linking_word_lost_its_start(tmp_path, opening):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{opening}\n")
    gap = xp(result, "//t:gap[@reason='missing']")
    assert len(gap) == 1 and gap[0].get("cert") == "low"
    assert "links to what came before" in result.review_text()


@pytest.mark.parametrize("opening", [
    "至今，全县已有九成村庄通上公路。",          # 至今: a word of its own
    # 至 before the time that closes a count: "by then" opens a sentence
    "至2020年底，全县已有九成村庄通上公路。",
    "至去年底，全县已有九成村庄通上公路。",
    "至春节前夕为止，全县已有九成村庄通上公路。",
    "至2022年，全县已累计建成农村公路八百公里。",
    "至目前，全县已有九成村庄通上公路。",
    "至于资金问题，县里将统筹解决。",
    "及时修补路面，是养护工作的重点。",
    "较大的工程由县交通局统一招标。",
])
def test_a_word_beginning_with_a_linking_character_opens_a_sentence(tmp_path, opening):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{opening}\n")
    assert gap_count(result) == 0


def test_the_linking_rule_reads_words_not_characters():
    assert gaps._needs_a_word_before("至初五，各村文艺队轮流演出") == "linking"
    assert gaps._needs_a_word_before("至今仍在生产竹纸") is None


# -- joins: a paragraph that opens with its date after a line without a final mark -------
@pytest.mark.parametrize("opening", [
    "7月15日，台风在沿海登陆，全县干部连夜转移群众。",
    "2006年开春，他辞去城里的工作，回到家乡种茶。",
    "二〇〇六年春节前夕，他回到了阔别多年的家乡。",
])
def test_no_join_into_a_paragraph_that_opens_with_its_date(tmp_path, opening):
    # The block before stops at a word's end with no mark (a lead run on to its last words).
    page = (f"## 标题\n\n{TEXT}\n\n暴雨冲断了公路，记者扛着冲锋舟涉水，背着干粮翻山，"
            f"步行一整天采访灾区群众大转移\n\n{opening}\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 0
    assert "opens with a date and a comma" in result.review_text()


@pytest.mark.parametrize("before", ["这家合作社成立于", "全县的农村公路改造工作始于", "工程预计在"])
def test_a_date_cut_from_the_word_leading_to_it_is_joined(tmp_path, before):
    page = f"## 标题\n\n{TEXT}{before}\n\n2006年，当时只有社员十二户，如今已发展到三百多户。\n"
    result = encode_text(tmp_path, page)
    assert joins(result) == 1


@pytest.mark.parametrize("span", ["3年，", "十年，"])
def test_a_span_of_years_is_no_date_that_opens_a_paragraph(span):
    # 坚持了 | 3年，…: a span of time goes on the sentence; only a calendar year opens one.
    assert not jn._time_lead_after_a_word_end("他在山村小学已经坚持教书", span + "从未请过一天假")


def test_a_date_opening_after_a_mark_is_left_to_the_other_rules():
    # A comma before the break: the paragraph cannot end (joined by the comma rule).
    assert not jn._time_lead_after_a_word_end("他说，", "2006年开春，他辞去城里的工作")


# -- joins: a caption beside a photo between the halves of a paragraph --------------------
CUT = f"## 标题\n\n{TEXT}当她看到那些准备捐给山区孩子的新书包时，"
PHOTO = "小记者在捐赠仪式上采访。记者王明摄"
REST = "哭着闹着要得到一个，全然没了刚才当记者时的威风劲儿。"


def test_a_caption_under_a_photo_between_the_halves_of_a_paragraph(tmp_path):
    page = f"{CUT}\n\n{PHOTO}\n\n六岁的小记者采访起来有模有样。\n\n{REST}\n"
    result = encode_text(tmp_path, page)
    assert joins(result) == 1
    assert "六岁的小记者采访起来有模有样。" in [
        "".join(p.itertext()) for p in xp(result, "//t:p//t:figure/t:p")]
    assert "".join(xp(result, "//t:body//t:p[.//t:cb]")[0].itertext()).endswith(REST)
    assert "read as a photo's caption" in result.review_text()


def test_a_caption_over_a_photo_between_the_halves_of_a_paragraph(tmp_path):
    page = f"{CUT}\n\n2019年小记者团在山区学校合影。\n\n{PHOTO}\n\n{REST}\n"
    result = encode_text(tmp_path, page)
    assert joins(result) == 1
    assert "".join(xp(result, "//t:body//t:p[.//t:cb]")[0].itertext()).endswith(REST)


def test_only_one_line_beside_a_photo_is_read_as_its_caption(tmp_path):
    # The second short sentence after the photos is the paragraph's own end.
    page = (f"{CUT}\n\n2019年小记者团在山区学校合影。\n\n{PHOTO}\n\n"
            "孩子们开心地背上了新书包。\n\n第二天一早，记者团踏上了返程的路。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 1
    assert "".join(xp(result, "//t:body//t:p[.//t:cb]")[0].itertext()).endswith("背上了新书包。")


@pytest.mark.parametrize("middle", [
    "就是都有自行车道，也都盛产莲藕。",        # opens with a word that goes on a sentence
    "记者团在山区采访。孩子们开心地笑了。",    # two sentences: text, not a caption
    "记者团来到山区学校，孩子们高兴极了！",      # an exclamation: the text's own voice
])
def test_what_is_no_caption_beside_a_photo_continues_the_paragraph(tmp_path, middle):
    page = f"{CUT}\n\n{PHOTO}\n\n{middle}\n\n{REST}\n"
    result = encode_text(tmp_path, page)
    assert not any(middle in "".join(p.itertext()) for p in xp(result, "//t:figure/t:p"))


def test_a_short_sentence_without_a_photo_beside_it_is_the_paragraphs_end(tmp_path):
    page = f"{CUT}\n\n六岁的小记者采访起来有模有样。\n\n{REST}\n"
    result = encode_text(tmp_path, page)
    assert not xp(result, "//t:figure")
    assert "".join(xp(result, "//t:body//t:p[.//t:cb]")[0].itertext()).endswith("有模有样。")


def test_a_caption_needs_a_paragraph_cut_before_it(tmp_path):
    # The paragraph before ends with a full stop: nothing to go on after the photo.
    page = f"## 标题\n\n{TEXT}\n\n{PHOTO}\n\n六岁的小记者采访起来有模有样。\n\n{REST}\n"
    result = encode_text(tmp_path, page)
    assert not any("有模有样" in "".join(p.itertext()) for p in xp(result, "//t:figure/t:p"))


def test_a_caption_at_the_end_of_an_article_is_left_to_the_roles(tmp_path):
    # No paragraph after the photos: no paragraph to go on.
    page = f"{CUT}\n\n{PHOTO}\n\n六岁的小记者采访起来有模有样。\n"
    result = encode_text(tmp_path, page)
    assert not any("有模有样" in "".join(p.itertext()) for p in xp(result, "//t:figure/t:p"))
