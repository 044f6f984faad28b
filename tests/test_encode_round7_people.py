"""Issue 9, round seven (roles and people): shapes that the misses of at least two papers
share, each read by its shape wherever it stands. Each test is a small page written for
it (no text of the evaluation sets); a rule's test fails when the rule is taken out.
"""

from __future__ import annotations

import pytest

from helpers import MORE, TEXT, TEXT_T, encode_text, fw, persons as people, texts, xp
from tei_edition.ingest import bylines as by


BYLINES = "//t:byline[not(ancestor::t:figure)]"


# -- captions: where people stand in the picture ---------------------------------------------
def test_a_sentence_placing_a_person_in_the_photo_is_a_caption(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n王小明（左）在新路上与村民交谈。\n\n"
                                   f"{TEXT}\n\n{MORE}\n")
    assert texts(result, "//t:figure/t:p") == ["王小明（左）在新路上与村民交谈。"]


def test_a_numbered_position_in_a_row_is_a_caption_too(tmp_path):
    result = encode_text(tmp_path, f"## 標題\n\n{TEXT_T}\n\n李大海（前排右二）與養路工人合影。\n\n{TEXT_T}\n")
    assert texts(result, "//t:figure/t:p") == ["李大海（前排右二）與養路工人合影。"]


def test_a_position_mark_in_running_prose_is_not_a_caption(tmp_path):
    long = "王小明（左）说，" + TEXT + MORE + "他们还要再修三条路。" + TEXT
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{long}\n")
    assert texts(result, "//t:figure/t:p") == []


# -- captions: a short clause under the headline, over the text ------------------------------
def test_a_short_clause_between_headline_and_text_is_a_caption(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n养路工人在新路上检查路面。\n\n{TEXT}{MORE}\n")
    assert texts(result, "//t:figure/t:p") == ["养路工人在新路上检查路面。"]


def test_a_short_opening_sentence_with_a_comma_stays_text(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n短短六天，跑了六个县。\n\n{TEXT}{MORE}\n")
    assert texts(result, "//t:figure/t:p") == []


# -- captions: a caption cut at a comma over its credit --------------------------------------
def test_a_captions_first_half_cut_at_a_comma_is_caption(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n{TEXT}\n\n当天下午，养路班的工人们，\n\n"
                                   f"在新修的公路上检查路面。\n\n本报记者 王小明 摄\n\n{MORE}\n")
    assert texts(result, "//t:figure/t:p") == ["当天下午，养路班的工人们，在新修的公路上检查路面。"]


def test_a_long_paragraph_cut_at_a_comma_by_a_photo_stays_text(tmp_path):
    half = TEXT + TEXT + MORE[:-1] + "，"      # longer than a caption's first half
    result = encode_text(tmp_path, f"## 标题\n\n{half}\n\n养路工人在新修的公路上检查路面。\n\n"
                                   f"本报记者 王小明 摄\n\n这是全县历史上最多的一年。\n")
    assert texts(result, "//t:figure/t:p") == ["养路工人在新修的公路上检查路面。"]


# -- photo credits set on several lines ------------------------------------------------------
def test_a_credit_set_as_role_names_and_names_with_the_mark(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n{TEXT}\n\n养路工人在新修的公路上检查路面。\n\n"
                                   f"本报记者\n\n王小明\n\n李大海 摄\n\n{MORE}\n")
    assert texts(result, "//t:figure/t:byline") == ["本报记者王小明李大海 摄"]
    assert people(result, "//t:figure/t:byline") == [("本报记者", "王小明"), ("本报记者", "李大海")]
    assert texts(result, BYLINES) == []


def test_a_credits_second_line_without_a_role_of_its_own(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n{TEXT}\n\n养路工人在新修的公路上检查路面。\n\n"
                                   f"本报记者 王小明\n\n李大海 摄\n\n{MORE}\n")
    assert texts(result, "//t:figure/t:p") == ["养路工人在新修的公路上检查路面。"]
    assert people(result, "//t:figure/t:byline") == [("本报记者", "王小明"), ("本报记者", "李大海")]
    assert texts(result, BYLINES) == []


# -- bylines: names run together -------------------------------------------------------------
def test_three_character_names_run_together_under_the_headlines(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n——记县交通局养路班\n\n王小明李大海\n\n{TEXT}\n")
    assert texts(result, BYLINES) == ["王小明李大海"]
    assert people(result) == [(None, "王小明"), (None, "李大海")]
    assert texts(result, "//t:head[@type='sub']") == ["——记县交通局养路班"]


def test_names_run_together_only_in_threes_led_by_surnames():
    assert by.names_run_together("王小明李大海").persons == ["王小明", "李大海"]
    assert by.names_run_together("黄河长江") is None           # two-character cuts: a phrase
    assert by.names_run_together("王小明李") is None
    assert by.names_run_together("全面推进乡村振兴") is None


# -- bylines and credits: a row of roles -----------------------------------------------------
def test_a_row_of_a_reporter_and_an_editor_under_the_headline(tmp_path):
    result = encode_text(tmp_path, f"## 山區公路通到家門口\n\n新報人\n記者：王小明編輯：李大海\n2021-05-18\n\n{TEXT_T}\n")
    assert texts(result, BYLINES) == ["記者：王小明"]
    assert people(result) == [("記者", "王小明")]
    assert fw(result, "credit") == ["編輯：李大海"]
    assert people(result, "//t:fw[@type='credit']") == [("編輯", "李大海")]


def test_a_row_of_editor_and_reporter_run_on_after_the_text(tmp_path):
    result = encode_text(tmp_path, f"## 山區公路通到家門口\n\n{TEXT_T} 編輯：李大海 記者：王小明\n")
    assert texts(result, BYLINES) == ["記者：王小明"]
    assert fw(result, "credit") == ["編輯：李大海"]


def test_a_row_of_desk_credits_alone_stays_one_credit(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT} 责任编辑：李大海 校对：王小明\n")
    assert texts(result, BYLINES) == []
    assert fw(result, "credit") == ["责任编辑：李大海 校对：王小明"]


# -- heads: a dashed subtitle; a label under the headline ------------------------------------
def test_a_dashed_line_under_a_wires_title_is_a_subtitle(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n新华社南宁5月6日电 题：山区公路通到家门口\n\n"
                                   f"——记县交通局养路班\n\n{TEXT}\n")
    assert "——记县交通局养路班" in texts(result, "//t:head[@type='sub']")
    assert texts(result, "//t:div[@type='section']/t:head") == []


def test_an_unmarked_line_over_a_dashed_subtitle_is_the_headline(tmp_path):
    result = encode_text(tmp_path, f"2020年5月6日\n\n山区公路（县乡道）通到家门口\n\n——记县交通局养路班\n\n{TEXT}\n")
    assert texts(result, "//t:head[@type='main']") == ["山区公路（县乡道）通到家门口"]
    assert texts(result, "//t:head[@type='sub']") == ["——记县交通局养路班"]


def test_a_series_label_under_the_headline_is_not_a_subtitle(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n乡村振兴·我在现场\n\n{TEXT}\n\n{MORE}\n")
    assert texts(result, "//t:head[@type='sub']") == []
    assert texts(result, "//t:head[@type='column']") == ["乡村振兴·我在现场"]
    assert texts(result, "//t:head[@type='main']") == ["山区公路通到家门口"]


def test_a_genre_label_under_the_headline_is_not_a_subtitle(tmp_path):
    result = encode_text(tmp_path, f"## 山区公路通到家门口\n\n记者专访\n\n{TEXT}\n\n{MORE}\n")
    assert texts(result, "//t:head[@type='sub']") == []
    assert len(xp(result, "//t:div[@type='article']")) == 1


# -- guessed roles reach the editor's review list ----------------------------------------------

@pytest.mark.parametrize("page,rule,cert", [
    (f"## 山区公路通到家门口\n\n王小明（左）在新路上与村民交谈。\n\n{TEXT}\n\n{MORE}\n",
     "a sentence placing people in a photo: caption", "medium"),
    (f"## 山区公路通到家门口\n\n养路工人在新路上检查路面。\n\n{TEXT}{MORE}\n",
     "a short sentence under the headline, over the text: caption", "low"),
    (f"## 山区公路通到家门口\n\n——记县交通局养路班\n\n王小明李大海\n\n{TEXT}\n",
     "byline: names run together", "medium"),
    (f"## 山区公路通到家门口\n\n乡村振兴·我在现场\n\n{TEXT}\n\n{MORE}\n",
     "a column's label under the headline", "medium"),
    (f"2020年5月6日\n\n山区公路（县乡道）通到家门口\n\n——记县交通局养路班\n\n{TEXT}\n",
     "unmarked headline over a dashed subtitle", "low"),
    (f"## 山区公路通到家门口\n\n{TEXT}\n\n当天下午，养路班的工人们，\n\n"
     f"在新修的公路上检查路面。\n\n本报记者 王小明 摄\n\n{MORE}\n",
     "a caption's first half, cut at a comma", "medium"),
])
def test_round_seven_guesses_are_on_the_review_list(tmp_path, page, rule, cert):
    entries = [d for d in encode_text(tmp_path, page).review() if d.rule == rule]
    assert len(entries) == 1 and entries[0].cert == cert, [d.rule for d in encode_text(tmp_path, page).review()]


# -- a dateline's 讯 or 电 is a word of its own ----------------------------------------------
@pytest.mark.parametrize("opening", [
    "本报特约通讯员、县交通局的李大海在昨天的座谈会上发言。",     # 通讯员: a correspondent
    "本报热线电话昨天接到读者来电一百多个。",                   # 电话: a telephone
])
def test_a_word_holding_xun_or_dian_is_no_dateline(tmp_path, opening):
    result = encode_text(tmp_path, f"## 座谈会召开\n\n{opening}{TEXT}\n")
    assert texts(result, BYLINES) == []
    assert xp(result, "//t:gap") == []          # the rest is no opening that lost its start


def test_a_dateline_before_a_space_or_the_reporter_still_reads(tmp_path):
    result = encode_text(tmp_path, f"## 座谈会召开\n\n本报讯 记者王小明报道：{TEXT}\n")
    assert texts(result, BYLINES) == ["本报讯 记者王小明报道："]
