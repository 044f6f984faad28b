"""Issue 9, round six: bylines, credits, captions and heads recognised by their own shape,
wherever they stand (in a running head, after a date, at a paragraph's end, under a
headline), in both scripts. Each test is a small page written for it (no text of the
evaluation sets); a rule's test fails when the rule is taken out.
"""

from __future__ import annotations

import pytest

from helpers import MORE, TEXT, TEXT_T, encode_text, fw, persons as people, texts, xp
from tei_edition.ingest import bylines as by


# -- page credits: a running head is a row of separate pieces ---------------------------------
def test_credits_inside_a_running_head_with_the_date_after_them(tmp_path):
    head = "B05 要闻 责任编辑：林小东 美术编辑：高雅 2020年5月6日（星期三）"
    result = encode_text(tmp_path, f"{head}\n\n## 标题\n\n{TEXT}\n")
    assert fw(result, "credit") == ["责任编辑：林小东", "美术编辑：高雅"]
    assert fw(result, "header") == ["B05 要闻", "2020年5月6日（星期三）"]
    assert people(result, "//t:fw[@type='credit']") == [("责任编辑", "林小东"), ("美术编辑", "高雅")]


def test_credits_and_the_date_at_the_foot_of_the_page(tmp_path):
    foot = "■責任編輯：林小東 ■版面設計：高雅 2020年5月6日（星期三）"
    result = encode_text(tmp_path, f"## 標題\n\n{TEXT_T}\n\n{foot}\n")
    assert fw(result, "credit") == ["■責任編輯：林小東", "■版面設計：高雅"]
    assert fw(result, "header") == ["2020年5月6日（星期三）"]
    assert people(result, "//t:fw[@type='credit']") == [("責任編輯", "林小東"), ("版面設計", "高雅")]


def test_a_line_of_credits_alone_stays_one_credit(tmp_path):
    line = "责编：林小东 美编：高雅"
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert fw(result, "credit") == [line]


def test_a_row_of_bulleted_credits(tmp_path):
    line = "■責任編輯：林小東 ■美術編輯：高雅"
    result = encode_text(tmp_path, f"## 標題\n\n{TEXT_T}\n\n{line}\n")
    assert fw(result, "credit") == ["■責任編輯：林小東", "■美術編輯：高雅"]


def test_a_sentence_before_a_credit_is_no_running_head(tmp_path):
    # Every piece of a running head is furniture: a clause before the credit is text.
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n读者来信说，感谢 责任编辑：林小东\n")
    assert not xp(result, "//t:fw")


def test_a_running_head_that_opens_with_the_page_number(tmp_path):
    result = encode_text(tmp_path, f"C12 国际新闻\n\n## 标题在这里\n\n{TEXT}\n")
    assert fw(result, "header") == ["C12 国际新闻"]
    assert not xp(result, "//t:head[@type='kicker']")


def test_a_sentence_opening_with_a_number_is_no_running_head(tmp_path):
    result = encode_text(tmp_path, f"C12 国际新闻，今天出版\n\n## 标题在这里\n\n{TEXT}\n")
    assert not fw(result, "header")


@pytest.mark.parametrize("contact", ["电话：010-12345678", "電郵：desk@example.com"])
def test_a_desks_telephone_after_its_credit(tmp_path, contact):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n责任编辑：林小东 {contact}\n")
    assert fw(result, "credit") == ["责任编辑：林小东"]
    assert fw(result, "footer") == [contact]


def test_the_articles_own_editor_is_a_desk_credit(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n（本文编辑：林小东）\n")
    assert fw(result, "credit") == ["（本文编辑：林小东）"]


def test_a_padded_name_runs_into_the_next_desk_role(tmp_path):
    line = "编辑：林 东校对：高小雅审核：王大成"
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert fw(result, "credit") == [line]
    assert people(result, "//t:fw[@type='credit']") == [
        ("编辑", "林 东"), ("校对", "高小雅"), ("审核", "王大成")]


@pytest.mark.parametrize("line, role", [
    ("监审：林小东", "监审"),
    ("監審：林小東", "監審"),
    ("版面設計：林小東", "版面設計"),      # 设 → 設 in the traditional forms
    ("執行編輯：林小東", "執行編輯"),      # 执 → 執
    ("終審：林小東", "終審"),              # 终 → 終
])
def test_more_desk_roles_in_both_scripts(tmp_path, line, role):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert fw(result, "credit") == [line]
    assert people(result, "//t:fw[@type='credit']")[0][0] == role


def test_a_desk_credit_after_the_text_with_a_story_code(tmp_path):
    page = f"## 標題\n\n{TEXT_T}大家都說好。（編輯：林小東）1120304\n"
    result = encode_text(tmp_path, page)
    assert fw(result, "credit") == ["（編輯：林小東）"]
    assert "1120304" in fw(result, "footer")
    assert texts(result, "//t:body//t:p")[-1].endswith("大家都說好。")


def test_a_desk_credit_on_the_last_line_of_the_texts_block(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n责任编辑：林小东\n")
    assert fw(result, "credit") == ["责任编辑：林小东"]
    assert texts(result, "//t:body//t:p") == [TEXT]


def test_a_desk_credit_run_on_after_the_last_sentence(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}{MORE}责任编辑：林小东 2020年5月6日\n")
    assert fw(result, "credit") == ["责任编辑：林小东"]
    assert fw(result, "header") == ["2020年5月6日"]
    assert texts(result, "//t:body//t:p") == [TEXT + MORE]


def test_a_sentence_after_the_text_opening_with_a_desk_word_stays_text(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}编辑部门表示，今年将继续改版。\n")
    assert not xp(result, "//t:fw")


# -- bylines --------------------------------------------------------------------------------
@pytest.mark.parametrize("line, role, name", [
    ("来源：晨报·观视频记者 林小东", "晨报·观视频记者", "林小东"),
    ("來源：晨報·觀視頻記者 林小東", "晨報·觀視頻記者", "林小東"),
])
def test_a_source_label_and_a_papers_branded_desk(tmp_path, line, role, name):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result) == [(role, name)]


def test_an_author_label_and_a_chief_editors_role(tmp_path):
    line = "●作者：《晨风报》副总编辑林小东"
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n{TEXT}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result) == [("《晨风报》副总编辑", "林小东")]


def test_a_reader_signs_a_letter(tmp_path):
    result = encode_text(tmp_path, f"## 读者来信\n\n{TEXT}\n\n读者 林小东\n")
    assert texts(result, "//t:byline") == ["读者 林小东"]
    assert people(result) == [("读者", "林小东")]


@pytest.mark.parametrize("text", ["金牌读者齐聚一堂", "读者林小东来信", "金牌读者 林小东"])
def test_readers_in_a_sentence_are_no_role(text):
    # (gold-medal readers gather; the reader … wrote): 读者 is a role only as a word of its own.
    assert by.parse_people(text) is None


def test_a_desk_role_after_a_byline_role_names_its_people(tmp_path):
    line = "晨报 | 记者 林小东 美编 高雅 王大成"
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n{TEXT}\n")
    assert people(result) == [("记者", "林小东"), ("美编", "高雅"), ("美编", "王大成")]


def test_a_line_that_opens_with_a_desk_role_stays_a_page_credit(tmp_path):
    line = "（责编：林小东、高雅）"
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert fw(result, "credit") == [line]
    assert not xp(result, "//t:byline")


@pytest.mark.parametrize("line, expected", [
    ("系列报道策划：林小东、高雅 本篇统筹：王大成",
     [("系列报道策划", "林小东"), ("系列报道策划", "高雅"), ("本篇统筹", "王大成")]),
    ("系列報導策劃：林小東 本篇統籌：王大成", [("系列報導策劃", "林小東"), ("本篇統籌", "王大成")]),
])
def test_production_roles_of_a_series_and_of_this_piece(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n\n{MORE}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result) == expected


def test_a_papers_short_name_ending_in_du(tmp_path):
    # 都 ending a paper's short name is a place's last character (南都, 成都), no adverb.
    line = "新都记者 林小东 发自广州"
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n\n{MORE}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result) == [("新都记者", "林小东")]


def test_an_agency_after_a_bullet_signs_off_the_text(tmp_path):
    result = encode_text(tmp_path, f"## 標題\n\n{TEXT_T} ■新華社\n")
    assert texts(result, "//t:byline") == ["■新華社"]
    assert texts(result, "//t:byline/t:orgName") == ["新華社"]
    assert texts(result, "//t:body//t:p") == [TEXT_T]


def test_a_correspondents_place_and_day_in_brackets_signs_off(tmp_path):
    result = encode_text(tmp_path, f"## 標題\n\n{TEXT_T}\n\n（上海五日電）\n")
    assert texts(result, "//t:byline") == ["（上海五日電）"]
    assert texts(result, "//t:byline/t:placeName") == ["上海"]


def test_a_compiled_report_names_no_person(tmp_path):
    page = f"## 標題\n\n本報記者綜合報導 {TEXT_T}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:byline") == ["本報記者綜合報導"]
    assert not people(result)


def test_a_papers_name_before_a_slash_is_no_person(tmp_path):
    line = "晨風報／ 記者林小東／台北報導"
    result = encode_text(tmp_path, f"## 標題\n\n{line}\n\n{TEXT_T}\n")
    assert people(result) == [("記者", "林小東")]
    assert texts(result, "//t:byline/t:orgName") == ["晨風報"]


def test_a_writers_workplace_before_the_name(tmp_path):
    line = "□北方电力集团第三分公司 林小东"
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{MORE}\n\n{line}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result) == [(None, "林小东")]


def test_a_workplace_needs_a_persons_name_after_it():
    # 国家发展改革委 财政部: two bodies, no person; a line of bodies is no byline.
    assert by.standalone("国家发展改革委 财政部") is None


def test_a_clause_before_a_name_is_no_workplace():
    # (we came to this school): a clause ends like a body's name, but holds its grammar.
    assert by.standalone("我们来到了这所学校 林小东") is None


@pytest.mark.parametrize("line", ["本报通联部", "《晨报编辑部》"])
def test_a_papers_department_signs(tmp_path, line):
    page = f"## 标题\n\n{TEXT}\n\n{line}\n\n## 另一篇\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:byline") == [line]
    assert not xp(result, "//t:head[. = '%s']" % line)


def test_a_bulleted_line_over_a_byline_is_no_headline(tmp_path):
    page = f"{TEXT}\n\n●《农村公路》全文\n\n本报记者 林小东\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert not xp(result, "//t:head[@type='main']")


# -- photo credits ----------------------------------------------------------------------------
def test_a_credits_role_run_on_after_its_caption(tmp_path):
    page = f"## 标题\n\n{TEXT}\n\n工人们在新修的公路上检查路面。新华社记者\n\n林小东 摄\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:byline") == ["新华社记者林小东 摄"]
    assert texts(result, "//t:figure/t:p") == ["工人们在新修的公路上检查路面。"]


# -- heads ------------------------------------------------------------------------------------
def test_a_summary_without_its_last_stop_over_the_dateline(tmp_path):
    summary = "全县新修公路一百二十公里。群众出行更加方便"
    page = f"## 农村公路修到家门口\n\n{summary}\n\n本报讯 记者林小东报道：{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:argument/t:p") == [summary]
    assert texts(result, "//t:byline") == ["本报讯 记者林小东报道："]


def test_a_speaker_and_words_under_the_headline_is_a_subtitle(tmp_path):
    page = f"## 公路修到家门口\n\n林小东：明年再修一百公里\n\n【本报讯】{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='sub']") == ["林小东：明年再修一百公里"]
    assert texts(result, "//t:byline") == ["【本报讯】"]


@pytest.mark.parametrize("field", ["时间：明年再修一百公里", "今天：明年再修一百公里"])
def test_a_field_of_a_profile_is_no_subtitle(tmp_path, field):
    # 时间 is no name (a noun a surname's character begins); 今 begins no surname.
    page = f"## 公路修到家门口\n\n{field}\n\n【本报讯】{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert not xp(result, "//t:head[@type='sub']")


def test_an_office_and_a_name_under_the_headline_is_a_portraits_caption(tmp_path):
    page = f"## 公路修到家门口\n\n林小东：明年再修一百公里\n\n局長高小雅\n\n【本报讯】{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:p") == ["局長高小雅"]
    assert texts(result, "//t:head[@type='sub']") == ["林小东：明年再修一百公里"]


def test_an_interview_with_an_office_holder_stays_a_subtitle(tmp_path):
    page = f"## 公路修到家门口\n\n专访局长高小雅\n\n【本报讯】{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='sub']") == ["专访局长高小雅"]


@pytest.mark.parametrize("label", ["交通建设系列述评之三", "纪念建县七十周年"])
def test_a_series_or_an_occasion_over_a_headline_is_a_column_label(tmp_path, label):
    result = encode_text(tmp_path, f"{label}\n\n## 农村公路修到家门口\n\n{TEXT}\n")
    assert not xp(result, "//t:head[@type='kicker']")


def test_a_marked_word_of_four_characters_over_a_headline_is_a_column_label(tmp_path):
    result = encode_text(tmp_path, f"### 深读\n\n## 农村公路修到家门口\n\n{TEXT}\n")
    assert not xp(result, "//t:head[@type='kicker']")
    assert texts(result, "//t:head[@type='main']") == ["农村公路修到家门口"]


def test_a_genres_name_over_the_pages_first_text_is_a_column_label(tmp_path):
    # 语录 (sayings) names a box's genre, unmarked as when marked.
    result = encode_text(tmp_path, f"名家名言语录\n\n{TEXT}\n\n## 农村公路修到家门口\n\n{MORE}\n")
    assert texts(result, "//t:head[@type='main']") == ["农村公路修到家门口"]


def test_a_kicker_phrase_stays_a_kicker(tmp_path):
    result = encode_text(tmp_path, f"### 全县上下齐心协力\n\n## 农村公路修到家门口\n\n{TEXT}\n")
    assert texts(result, "//t:head[@type='kicker']") == ["全县上下齐心协力"]


# -- pen names --------------------------------------------------------------------------------
def test_a_pen_name_and_a_contact_line_after_the_text(tmp_path):
    page = f"## 專欄\n\n{TEXT_T}\n\n晚風K\n\nexample.com/wind\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:byline") == ["晚風K"]
    assert texts(result, "//t:byline/t:persName") == ["晚風K"]


def test_a_pen_name_at_the_end_of_the_page(tmp_path):
    result = encode_text(tmp_path, f"## 專欄\n\n{TEXT_T}\n\n晚風\n")
    assert texts(result, "//t:byline") == ["晚風"]


@pytest.mark.parametrize("after", ["## 另一篇\n\n" + TEXT_T, "大家都說好。"])
def test_a_short_line_with_more_after_it_is_no_pen_name(tmp_path, after):
    # Only the text's end, or the writer's contact line, may follow a pen name.
    result = encode_text(tmp_path, f"## 專欄\n\n{TEXT_T}\n\n相關鏈接\n\n{after}\n")
    assert not xp(result, "//t:byline")


@pytest.mark.parametrize("word", ["未完待續", "資料"])
def test_a_closing_word_is_no_pen_name(tmp_path, word):
    result = encode_text(tmp_path, f"## 專欄\n\n{TEXT_T}\n\n{word}\n")
    assert not xp(result, "//t:byline")


# -- guessed roles reach the editor's review list ----------------------------------------------
@pytest.mark.parametrize("page,rule", [
    (f"## 專欄\n\n{TEXT_T}\n\n晚風\n", "a pen name alone after the text's end"),
    (f"## 公路修到家门口\n\n林小东：明年再修一百公里\n\n局長高小雅\n\n【本报讯】{TEXT}\n",
     "an office and a name alone: a portrait's caption"),
])
def test_round_six_guesses_are_on_the_review_list(tmp_path, page, rule):
    entries = [d for d in encode_text(tmp_path, page).review() if d.rule == rule]
    assert len(entries) == 1 and entries[0].cert == "medium"
    assert entries[0].correction.startswith("[[correction]]\nline = ")
