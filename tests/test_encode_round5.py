"""Issue 9, round five: conventions of Chinese newspapers in general, each on a small page
written for the test (no text of the evaluation sets). One rule per test; a rule's test
fails when the rule is taken out. docs/encoding.md says why each rule holds.
"""

from __future__ import annotations

from datetime import date

import pytest

from helpers import TEXT, TEXT_T, encode_text, joins, persons as people, texts, xp
from tei_edition.ingest import bylines as by
from tei_edition.ingest import patterns as pat


# -- page credits: the desk's roles are one grammar -------------------------------------------
@pytest.mark.parametrize("line, expected", [
    # short forms of the desk (责校 = 责任校对), names set without spaces into the next role
    ("责编：赵一明　美编：钱二华　版式：孙三　责校：李四光",
     [("责编", "赵一明"), ("美编", "钱二华"), ("版式", "孙三"), ("责校", "李四光")]),
    ("责编：赵一明美编：钱二华版式：孙三责校：李四光",
     [("责编", "赵一明"), ("美编", "钱二华"), ("版式", "孙三"), ("责校", "李四光")]),
    # traditional characters, one-word roles (美術, 視覺)
    ("本版編輯：劉大明　美術：張小華　校對：王芳芳",
     [("本版編輯", "劉大明"), ("美術", "張小華"), ("校對", "王芳芳")]),
    ("編輯 周大為　美編 陳小文", [("編輯", "周大為"), ("美編", "陳小文")]),
    ("编辑 刘强  视觉 王刚  校对 李丽", [("编辑", "刘强"), ("视觉", "王刚"), ("校对", "李丽")]),
    # composed roles: a kind and a job (值班编辑, 图片编辑, 版面设计)
    ("值班编辑：吴大江　版面设计：郑小芳", [("值班编辑", "吴大江"), ("版面设计", "郑小芳")]),
    # a bullet before the credit
    ("■責任編輯：周小文", [("責任編輯", "周小文")]),
])
def test_page_credit_forms(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert texts(result, "//t:fw[@type='credit']") == [line]
    assert people(result, "//t:fw[@type='credit']") == expected


def test_a_page_credit_on_two_lines_is_one_credit(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n责任编辑 邓小明\n版式设计 王大明\n")
    assert texts(result, "//t:fw[@type='credit']") == ["责任编辑 邓小明版式设计 王大明"]
    assert not xp(result, "//t:byline")


def test_a_sentence_opening_with_a_desk_word_is_text(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n编辑部门表示，今年将继续改版。\n")
    assert not xp(result, "//t:fw")


def test_names_run_together_are_not_cut_into_a_desk_role():
    # 王国成版校对: 成版 is no name; only one name of two or three may run into a role.
    assert by.parse_people("王国成版校对 王国成", desk=True) is None


# -- bylines -------------------------------------------------------------------------------
def test_a_bracketed_photo_credit_is_a_credit_not_a_byline(tmp_path):
    page = (f"## 标题\n\n{TEXT}\n\n世界日報社慶茶會上，來賓合影留念。\n\n（記者林大文／攝影）\n\n"
            f"{TEXT}\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:byline") == ["（記者林大文／攝影）"]
    assert texts(result, "//t:figure/t:p") == ["世界日報社慶茶會上，來賓合影留念。"]


@pytest.mark.parametrize("line, name", [
    ("（廖大雄／台南善化）", "廖大雄"),
    ("──台中／萬思寧", "萬思寧"),
    ("（陳大文／高雄市）", "陳大文"),
])
def test_a_readers_letter_is_signed_with_name_and_place(tmp_path, line, name):
    page = f"## 讀者來函\n\n{TEXT_T}\n\n{line}\n\n## 另一封信\n\n{TEXT_T}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:byline") == [line]
    assert people(result, "//t:byline") == [(None, name)]


def test_a_letter_signature_under_the_headline(tmp_path):
    result = encode_text(tmp_path, f"## 祝賀創刊五十年\n\n張勝雄／亞凱迪亞\n\n{TEXT_T}\n")
    assert texts(result, "//t:byline") == ["張勝雄／亞凱迪亞"]
    assert not xp(result, "//t:head[@type='sub']")
    assert texts(result, "//t:byline/t:placeName") == ["亞凱迪亞"]


def test_writer_and_photographer_make_a_byline(tmp_path):
    result = encode_text(tmp_path, f"## 標題\n\n文／陳大文　圖／李小華\n\n{TEXT_T}\n")
    assert people(result, "//t:byline") == [("文", "陳大文"), ("圖", "李小華")]
    assert not xp(result, "//t:figure")


@pytest.mark.parametrize("line, expected", [
    ("本报记者 李银刚 整理", [("本报记者", "李银刚")]),
    ("记者 张大山 采访整理", [("记者", "张大山")]),
    ("口述：张大山 整理：李小四", [("口述", "张大山"), ("整理", "李小四")]),
    ("本報特派員林大同／東京報導", [("本報特派員", "林大同")]),
    ("本報記者 王三明 台北報導", [("本報記者", "王三明")]),
    ("圖文：張三豐", [("圖文", "張三豐")]),
    ("（譯者：張三豐／核稿：李四光）", [("譯者", "張三豐"), ("核稿", "李四光")]),
])
def test_byline_forms(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n{TEXT}\n")
    assert texts(result, "//t:byline") == [line]
    assert people(result, "//t:byline") == expected


def test_a_place_before_reported_is_no_name():
    parts = by.standalone("本報記者 王三明 台北報導").parts
    assert [p.text for p in parts if getattr(p, "kind", "") == "placeName"] == ["台北"]


def test_a_sign_off_with_a_writing_tail_runs_on(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}希望有关部门尽快治理。　本报记者　李银刚　整理\n")
    assert texts(result, "//t:byline") == ["本报记者　李银刚　整理"]


def test_a_bracketed_name_after_the_last_sentence_signs_off(tmp_path):
    result = encode_text(tmp_path, f"## 短评\n\n{TEXT}我们还要继续努力。（李明华）\n")
    assert texts(result, "//t:byline") == ["（李明华）"]
    assert people(result, "//t:byline") == [(None, "李明华")]


def test_a_bracketed_agency_after_the_last_sentence_signs_off(tmp_path):
    result = encode_text(tmp_path, f"## 短讯\n\n{TEXT}（新华社）\n")
    assert texts(result, "//t:byline") == ["（新华社）"]


def test_a_dateline_with_its_year(tmp_path):
    page = "## 标题\n\n新华社一九七三年三月二十六日讯　国务院总理今天在人民大会堂举行宴会。\n"
    result = encode_text(tmp_path, page, sidecar='[issue]\ndate = 1973-03-27\n')
    assert texts(result, "//t:byline[@rend='run-in']") == ["新华社一九七三年三月二十六日讯"]
    assert texts(result, "//t:byline//t:date") == ["一九七三年三月二十六日"]
    assert not xp(result, "//t:byline//t:placeName")
    assert [d.get("when") for d in xp(result, "//t:byline//t:date")] == ["1973-03-26"]


def test_reporters_of_any_body_after_a_dateline(tmp_path):
    page = ("## 标题\n\n本报北京6月26日讯　中央人民广播电台记者傅大立、本报记者阎金久报道："
            "全军幼儿园工作座谈会今天召开。\n")
    result = encode_text(tmp_path, page)
    assert people(result, "//t:byline") == [("中央人民广播电台记者", "傅大立"), ("本报记者", "阎金久")]


@pytest.mark.parametrize("paragraph, byline", [
    ("記者王小明／台北報導　行政院今天通過法案。", "記者王小明／台北報導"),
    ("■本报记者 张三丰　今年全市粮食喜获丰收。", "■本报记者 张三丰"),
    ("新华社记者王小明　今年全市粮食喜获丰收。", "新华社记者王小明"),
])
def test_a_paragraph_that_opens_with_its_reporters(tmp_path, paragraph, byline):
    result = encode_text(tmp_path, f"## 标题\n\n{paragraph}\n")
    assert texts(result, "//t:byline[@rend='run-in']") == [byline]


def test_a_reporter_as_the_subject_is_text():
    assert by.run_in("记者 张三 近日采访了他，他说今年收成很好。") is None
    assert by.run_in("记者从省教育厅获悉，今年全省高考报名人数创新高。") is None


def test_a_papers_own_report_in_brackets():
    assert by.run_in("【星島日報報道】行政院今天通過法案。") is not None
    # 本报记者陆珂报道： is a reporter's formula, not a paper named 本报.
    parts = by.run_in("本报记者陆珂报道：今天天气很好。").parts
    assert [p.text for p in parts if getattr(p, "kind", "") == "persName"] == ["陆珂"]


def test_a_team_byline_lists_its_members(tmp_path):
    line = ("（项目团队：本报记者　李晓明、陈之殷、苏大雁、周洪双、张士英、陈元秋、禹爱华、王斯敏"
            "、刘小红、赵大伟　本报通讯员　徐梦玲、徐虹雨）")
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n{line}\n")
    assert len(line) > 60
    assert [n for _, n in people(result, "//t:byline")] == [
        "李晓明", "陈之殷", "苏大雁", "周洪双", "张士英", "陈元秋", "禹爱华", "王斯敏", "刘小红", "赵大伟",
        "徐梦玲", "徐虹雨"]


def test_a_credit_on_two_lines_is_one_credit(tmp_path):
    page = f"## 夜访\n\n{TEXT}\n\n本报记者　吴大思\n\n本报通讯员　薛小秋　摄\n"
    result = encode_text(tmp_path, page)
    assert people(result, "//t:figure/t:byline") == [("本报记者", "吴大思"), ("本报通讯员", "薛小秋")]
    assert not xp(result, "//t:div/t:byline")


def test_a_byline_under_the_headline_stays_over_a_credit(tmp_path):
    page = f"## 标题\n\n本报记者　吴大思\n\n本报通讯员　薛小秋　摄\n\n{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:div/t:byline") == ["本报记者　吴大思"]


def test_a_captions_last_words_are_no_name_in_its_credit():
    caption = "图说：今天上午，“新民晚报读者日”如期举行　新民晚报记者　徐大程　摄（下同）"
    start, _ = by.credit_tail(caption)
    assert caption[start:] == "新民晚报记者　徐大程　摄（下同）"


# -- captions ------------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["图说：", "圖說：", "图片说明："])
def test_a_captions_own_label_opens_a_caption(label):
    assert pat.CAPTION_LABEL.match(f"{label}老读者拿出了珍藏多年的剪报本")


# -- headlines -------------------------------------------------------------------------------
def test_decks_on_lines_of_one_block_under_a_headline(tmp_path):
    page = ("## 领导人会见来访总统\n双方进行了诚挚、友好的谈话\n总理等会见时在座\n\n"
            "新华社北京三月二十六日讯　领导人今天下午会见了来访的总统。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='sub']") == ["双方进行了诚挚、友好的谈话", "总理等会见时在座"]


def test_decks_on_lines_of_one_block_over_a_dateline(tmp_path):
    page = (f"## 标题\n\n{TEXT}\n\n总理盛宴热烈欢迎总统和夫人\n大使应邀出席，副总理等出席\n\n"
            "新华社北京三月二十六日讯　总理今天晚上举行盛大宴会。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='main']") == ["标题", "总理盛宴热烈欢迎总统和夫人"]
    assert texts(result, "//t:head[@type='sub']") == ["大使应邀出席，副总理等出席"]


def test_a_byline_of_two_lines_under_the_headline_is_not_cut_into_decks(tmp_path):
    page = f"## 标题\n本报记者 张大山\n通讯员 李小四\n\n{TEXT}\n"
    result = encode_text(tmp_path, page)
    assert not xp(result, "//t:head[@type='sub']")


def test_a_marked_line_over_an_unmarked_headline_is_its_kicker(tmp_path):
    page = (f"## 标题\n\n{TEXT}\n\n### 对外开放的窗口和基地\n经济特区艰苦创业结硕果\n"
            "外商实际投入四十多亿美元　年出口额占全国一成\n\n"
            "新华社北京8月25日电（记者张大毅）十年前的今天，经济特区正式设立。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='kicker']") == ["对外开放的窗口和基地"]
    assert texts(result, "//t:head[@type='main']") == ["标题", "经济特区艰苦创业结硕果"]
    assert texts(result, "//t:head[@type='sub']") == ["外商实际投入四十多亿美元　年出口额占全国一成"]


def test_a_section_head_over_a_sentence_opening_with_a_word_of_time(tmp_path):
    page = (f"## 标题\n\n{TEXT}\n\n“抗”：全市人民是不可战胜的\n\n"
            "清晨，江畔的早点铺子里热气腾腾，市民们在这里吃早餐，聊着家常。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:div[@type='section']/t:head") == ["“抗”：全市人民是不可战胜的"]
    assert joins(result) == 0


# -- joins ---------------------------------------------------------------------------------
def test_items_of_a_parallel_series_are_not_joined(tmp_path):
    page = ("## 标题\n\n三年来的经验，可以概括为五个字。\n\n抗，是勇毅担当，上下同心；\n\n"
            "防，是科学精准，汇智聚力；\n\n统，是统筹全局，高效有序。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 0


def test_a_paragraph_cut_after_a_semicolon_is_still_joined(tmp_path):
    page = (f"## 标题\n\n{TEXT}今年还将新建桥梁十座，改造危桥二十座；\n\n"
            "明年计划完成剩余村道的硬化任务，实现全县公路网络化。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 1


def test_dateline_date_with_a_year():
    assert by.dateline_date("一九七三年三月二十六日", date(1973, 3, 27)).when == "1973-03-26"
    assert by.dateline_date("2023年1月11日", None).when == "2023-01-11"
    # a date after the issue is no dispatch's date
    assert by.dateline_date("二〇二四年一月一日", date(2023, 1, 1)).when is None


def test_an_unmarked_copy_of_a_marked_headline_is_a_headline(tmp_path):
    dispatch = "【本報訊】司警昨日在機場拘捕一名男子，在其行李箱內起出大批毒品，正追查來源。"
    page = (f"## 司警拘機場入境男子\n\n{TEXT_T}\n\n司警昨日傍晚在機場拘販毒男\n\n"
            f"偷運毒品來澳 司警拘兩成員\n\n{dispatch}\n\f\n## 偷運毒品來澳 司警拘兩成員\n\n{dispatch}\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:head[@type='main']") == [
        "司警拘機場入境男子", "偷運毒品來澳 司警拘兩成員", "偷運毒品來澳 司警拘兩成員"]
    # the caption above it (no punctuation, after the text's end) is no headline of its own
    assert "司警昨日傍晚在機場拘販毒男" not in texts(result, "//t:head")
    assert xp(result, "//t:div[@type='article'][@copyOf]")


def test_a_page_credit_run_on_after_the_text(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}（责编：白大宇、卫嘉）\n")
    assert texts(result, "//t:fw[@type='credit']") == ["（责编：白大宇、卫嘉）"]
    assert texts(result, "//t:body//t:p") == [TEXT]


@pytest.mark.parametrize("line, head, credit", [
    ("A12 港聞 責任編輯：李大明", "A12 港聞", "責任編輯：李大明"),
    ("2024年3月5日 星期二 责任编辑：王五一", "2024年3月5日 星期二", "责任编辑：王五一"),
])
def test_a_page_credit_in_the_running_head_line(tmp_path, line, head, credit):
    result = encode_text(tmp_path, f"{line}\n\n## 标题\n\n{TEXT}\n")
    assert texts(result, "//t:fw[@type='header']") == [head]
    assert texts(result, "//t:fw[@type='credit']") == [credit]
    assert not xp(result, "//t:head[@type='kicker']")


def test_a_label_in_square_brackets_at_the_top_of_a_page(tmp_path):
    result = encode_text(tmp_path, f"【展现青春风貌，关注成长②】\n\n编者按\n\n{TEXT}\n")
    assert texts(result, "//t:head[@type='column']") == ["【展现青春风貌，关注成长②】"]
    assert not xp(result, "//t:gap")


@pytest.mark.parametrize("opening", ["今年是本报创刊七十五周年。社长接受专访时回顾了自己与报纸的缘分。",
                                     "上周，全市中小学陆续开学，各校做好了迎接新生的准备。"])
def test_a_headless_article_opening_with_the_year_or_week_of_its_news_is_no_gap(tmp_path, opening):
    # A news lead opens with when: the day, the week, the month or the year of the news.
    result = encode_text(tmp_path, f"{opening}\n\n{TEXT}\n")
    assert xp(result, "//t:gap") == []


@pytest.mark.parametrize("note", ["（中央社檔案照片）", "（取自臉書）", "（翻攝畫面）", "（網上圖片）",
                                  "（圖片提供／台北市政府）", "（照片提供／張三豐）"])
def test_a_pictures_source_note_after_a_caption_is_its_credit(tmp_path, note):
    page = f"## 標題\n\n{TEXT_T}\n\n市民在花展前拍照留念。{note}\n\n## 另一則\n\n{TEXT_T}\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:byline") == [note]
    assert texts(result, "//t:figure/t:p") == ["市民在花展前拍照留念。"]


def test_an_agency_after_an_articles_last_sentence_is_no_photo_credit(tmp_path):
    result = encode_text(tmp_path, f"## 短訊\n\n{TEXT_T}（中央社）\n")
    assert not xp(result, "//t:figure")


@pytest.mark.parametrize("label, joined", [("专家点评：", 0), ("相关新闻：", 0), ("他说：", 1),
                                           ("记者了解到：", 1), ("主要包括：", 1)])
def test_a_short_line_ending_with_a_colon(tmp_path, label, joined):
    # A label with a colon heads what follows; speech after a verb of saying continues.
    page = f"## 标题\n\n{TEXT}\n\n{label}\n\n这项改革意义重大，将惠及千家万户，值得各地学习借鉴。\n"
    assert joins(encode_text(tmp_path, page)) == joined


def test_a_clause_after_a_role_is_no_name():
    # 记者了解到： the reporter learned: 了 (an aspect particle) is in no Chinese name.
    assert by.standalone("记者了解到：") is None
    assert by.standalone("记者 王了") is None
    assert by.standalone("记者 王小明") is not None


@pytest.mark.parametrize("page, rule", [
    (f"## 讀者來函\n\n{TEXT_T}\n\n（廖大雄／台南善化）\n", "a reader's signature"),
    (f"## 短评\n\n{TEXT}我们还要继续努力。（李明华）\n", "a name in brackets"),
    ("## 领导人会见总统\n双方进行了诚挚、友好的谈话\n总理等会见时在座\n\n"
     "新华社北京三月二十六日讯　领导人今天下午会见了来访的总统。\n", "a headline's deck"),
    ("## 标题\n\n三年来的经验，可以概括为五个字。\n\n抗，是勇毅担当，上下同心；\n\n"
     "防，是科学精准，汇智聚力；\n\n统，是统筹全局，高效有序。\n", "parallel series"),
])
def test_round_five_guesses_are_on_the_review_list(tmp_path, page, rule):
    assert rule in encode_text(tmp_path, page).review_text()
