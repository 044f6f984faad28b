"""Issue 9, round four: rules that hold for Chinese newspapers in general, each on a small
page written for the test (no text of the evaluation sets). One rule per test; a rule's
test fails when the rule is taken out. docs/encoding.md says why each rule holds.
"""

from __future__ import annotations

import pytest

from helpers import encode_text, joins, persons, texts, xp
from tei_edition.ingest import bylines as by
from tei_edition.ingest import gaps

LONG = "全县今年新建改建农村公路一百二十公里，村村通上了硬化路，群众出行更加方便。"


# -- the segmenter reads traditional text through OpenCC's tables -----------------------------
def test_traditional_text_is_folded_for_the_segmenter():
    assert gaps.simplified("資源系統針對") == "资源系统针对"
    assert gaps.simplified("资源系统") == "资源系统"
    # Read as it stands, jieba glues 統針 (資源系|統針): a word cut by the break.
    assert not gaps.breaks_inside_word("打造韌性供水系統", "針對本縣最大的難題，縣長指出")


def test_traditional_openings_are_read_as_words():
    # 業|總產值 (the rest of 工業總產值), 級 alone (副省級): read unfolded, jieba sees 業總產值
    # and 級 as unknown characters (zg).
    assert gaps._inside_compound("業總產值實現穩步增長")
    assert gaps._needs_a_word_before("級領導幹部要帶頭") == "measure"


def test_traditional_section_head_is_not_joined_to_its_text(tmp_path):
    page = ("## 縣府召開會議\n\n縣長指出，各局處要以高效率回應鄉親期待，建立學習型的行政文化。\n\n"
            "分級供水、智慧管理 打造韌性供水系統\n\n"
            "針對本縣最具挑戰性的水資源問題，縣長重申海水淡化廠的建設時程不能延誤。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:div[@type='section']/t:head") == ["分級供水、智慧管理 打造韌性供水系統"]
    assert joins(result) == 0


# -- joins --------------------------------------------------------------------------------
def test_ordinal_enumeration_opens_an_item_of_its_own(tmp_path):
    page = ("## 标题\n\n代表团访问了几个城市，留下了三点深刻的印象：\n\n第一、街道整洁，绿树成荫；\n\n"
            "第二、商店里的商品比过去丰富；\n\n第三，交通秩序井然。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 0
    assert len(xp(result, "//t:div/t:p")) == 4


def test_a_colon_before_an_item_closed_by_a_semicolon_is_no_join(tmp_path):
    page = ("## 标题\n\n全市出台了三项举措，为高质量发展提供保障。主要举措有：\n\n"
            "出台了关于加快建设现代产业体系的若干意见；\n\n制定了支持民营经济发展的十条措施。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:div/t:p")[0].endswith("主要举措有：")
    assert "an item of a list" in result.review_text()


def test_a_colon_before_a_quotation_is_still_joined(tmp_path):
    page = "## 标题\n\n他站在江边，不禁感叹：\n\n“家乡的变化真大！”\n"
    result = encode_text(tmp_path, page)
    assert joins(result) == 1


def test_fenbieshi_introduces_a_list(tmp_path):
    page = ("## 标题\n\n会议确定了今年的三项重点工作，它们分别是：\n\n"
            "加快推进城市更新，改善老旧小区居住条件。\n\n持续优化营商环境。\n")
    result = encode_text(tmp_path, page)
    assert joins(result) == 0


# -- bylines --------------------------------------------------------------------------------
def test_sign_off_after_a_space_following_the_lead_paragraph(tmp_path):
    page = ("## 老翁上訴得直\n\n【本報訊】六十歲男子因盜竊被判入獄三個月，昨日上訴獲判得直，當庭獲釋。　"
            "記者：張小明、李大華\n\n男子聞判後表示十分感激律師義助，希望早日與家人團聚。\n\n"
            "法官指原審判刑過重，應予減刑。\n")
    result = encode_text(tmp_path, page)
    assert persons(result) == [("記者", "張小明"), ("記者", "李大華")]
    assert texts(result, "//t:byline[@rend='run-in']") == ["【本報訊】"]
    assert joins(result) == 0
    # One article: the byline opens the rest of the text, which goes on.
    assert len(xp(result, "//t:div[@type='article']")) == 1


def test_a_lead_paragraph_that_opens_with_a_dateline_is_text(tmp_path):
    page = ("## 標題\n\n【本報訊】一輛私家車昨晨在彌敦道失控撞向路邊欄杆，司機受傷送院。\n\n"
            "記者：王家文　陳大成\n\n警方正調查意外原因。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:byline[@rend='run-in']") == ["【本報訊】"]
    assert xp(result, "//t:argument") == []


def test_benkan_is_the_publication_itself(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n【本刊讯】代表团日前回国后发表了访问观感。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == ["【本刊讯】"]


def test_a_papers_name_and_its_reporter_in_brackets(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n城市晨报（记者 王小明）昨日，A股三大指数集体上涨。\n")
    assert texts(result, "//t:byline[@rend='run-in']/t:orgName") == ["城市晨报"]
    assert persons(result) == [("记者", "王小明")]
    assert xp(result, "//t:gap") == []


def test_a_papers_name_before_a_bracket_without_a_role_is_text():
    assert by.run_in("城市晨报（王小明）昨日，A股三大指数集体上涨。") is None


def test_a_source_line_alone_is_a_byline(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{LONG}\n\n据新华社\n\n## 下一篇\n\n{LONG}\n")
    assert texts(result, "//t:byline/t:orgName") == ["新华社"]
    assert xp(result, "//t:head[@type='column']") == []
    assert by.dateline_sign_off("新华社") is None          # no 据, no brackets: a name


@pytest.mark.parametrize("line,role,name", [
    ("每經特約評論員 尹中立", "每經特約評論員", "尹中立"),
    ("北青报记者 张晓东", "北青报记者", "张晓东"),
    ("■指导教师：刘明静", "指导教师", "刘明静"),
    ("——《粮食周刊》主编林一平", "《粮食周刊》主编", "林一平"),
    ("——《粮食周刊》主 编林一平", "《粮食周刊》主 编", "林一平"),
])
def test_byline_forms(line, role, name):
    people = by.standalone(line)
    assert people is not None and people.persons == [name]
    assert [p.text for p in people.parts if getattr(p, "kind", "") == "roleName"] == [role]


@pytest.mark.parametrize("line", ["除了接待記者 王小明", "接待记者 王小明", "在场记者 王小明", "他在采访记者 王小明", "张  三", "记者站 王小明"])
def test_not_bylines(line):
    people = by.standalone(line)
    assert people is None or not people.roles


def test_commentators_byline_at_the_top_is_no_headline(tmp_path):
    page = "每經特約評論員 尹中立\n\n2023年2月17日，證監會宣布全面實行股票發行註冊制。\n"
    result = encode_text(tmp_path, page)
    assert xp(result, "//t:head") == []
    assert persons(result) == [("每經特約評論員", "尹中立")]


def test_an_ornament_before_a_bare_name_is_a_byline(tmp_path):
    page = (f"## 标题\n\n{LONG}\n\n县里还新修了三座桥梁。\n\n□ 朱小晔\n\n"
            "上世纪50年代我国开始实行粮食统购统销政策，直到90年代中期逐渐淡出历史舞台。\n")
    result = encode_text(tmp_path, page)
    assert persons(result) == [(None, "朱小晔")]
    assert joins(result) == 0


# -- photos ---------------------------------------------------------------------------------
def test_a_credit_whose_role_and_names_stand_apart_is_one_credit(tmp_path):
    page = (f"## 标题\n\n记者 李小四\n\n{LONG}\n\n1月12日，工人们在滨河路铺设排水管道。\n\n本报记者\n\n王大明 摄\n\n"
            f"## 下一篇\n\n{LONG}\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:p") == ["1月12日，工人们在滨河路铺设排水管道。"]
    assert persons(result, "//t:figure/t:byline") == [("本报记者", "王大明")]
    assert persons(result, "//t:byline[not(ancestor::t:figure)]") == [("记者", "李小四")]
    assert "read as one credit" in result.review_text()


def test_an_agency_alone_over_a_credit_is_no_role(tmp_path):
    page = (f"## 标题\n\n记者 李小四\n\n{LONG}\n\n工人们在滨河路铺设排水管道。\n\n新华社\n\n王大明 摄\n\n"
            f"## 下一篇\n\n{LONG}\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:byline") == ["王大明 摄"]


def test_a_role_alone_before_text_stays_a_byline(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n本报记者\n\n{LONG}\n")
    assert xp(result, "//t:figure") == []


def test_sentences_stacked_over_the_byline_are_captions(tmp_path):
    page = ("## 国营粮店的岁月\n\n上世纪80年代中期，售粮员帮助群众扛粮食。\n\n"
            "上世纪80年代末市民购粮的情景。\n\n记者 朱小晔\n\n"
            "上世纪50年代我国开始实行粮食统购统销政策，直到90年代中期逐渐淡出历史舞台。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:p") == ["上世纪80年代中期，售粮员帮助群众扛粮食。",
                                              "上世纪80年代末市民购粮的情景。"]


def test_one_sentence_over_the_byline_is_still_the_lead(tmp_path):
    page = "## 标题\n\n这是导语，概括全文。\n\n记者 张三\n\n正文第一段。\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:argument/t:p") == ["这是导语，概括全文。"]
    assert xp(result, "//t:figure") == []


def test_a_sentence_between_the_headline_and_the_dateline_is_a_caption(tmp_path):
    page = ("## 大学生村官的故事\n\n县委书记考察宝塔村。\n\n"
            "湖北日报消息 一股清泉跃出幕阜山，推坡走岭，一路激越。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:figure/t:p") == ["县委书记考察宝塔村。"]
    assert texts(result, "//t:byline[@rend='run-in']") == ["湖北日报消息"]


def test_a_summary_between_the_headline_and_the_dateline_is_the_lead(tmp_path):
    summary = ("代表团称赞我国人民万众一心，向着建设新国家的目标迈进；说我国面对外来压力从容不迫，"
               "充满信心；要邻国的执政者尽早来我国好好看看；但也有人怀疑我国的下一代能否保持今日的革命精神。")
    page = f"## 标题\n\n{summary}\n\n【本刊讯】代表团日前回国后发表了访问观感。\n"
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:argument/t:p") == [summary]
    assert texts(result, "//t:byline[@rend='run-in']") == ["【本刊讯】"]


# -- missing starts ---------------------------------------------------------------------------
def test_one_character_and_a_list_comma_before_no_item(tmp_path):
    page = (f"## 标题\n\n{LONG}\n\n业、以优良成绩参加高考不久，一份通知书寄到了他的手里。\n")
    result = encode_text(tmp_path, page)
    gap = xp(result, "//t:gap[@reason='missing']")
    assert len(gap) == 1 and gap[0].get("cert") == "low"


@pytest.mark.parametrize("opening", ["工、农、兵团结一心，建设祖国。", "水、电、路都通了，村民们很高兴。",
                                     "他、我和老王一起去了县城。"])
def test_a_real_list_opens_a_paragraph(tmp_path, opening):
    result = encode_text(tmp_path, f"## 标题\n\n{LONG}\n\n{opening}\n")
    assert xp(result, "//t:gap") == []


# -- photos under a series' title; dispatches after photos ---------------------------------
SERIES = ("### 锦绣河山\n\n新式播种机可以节省大量人力。这是一台畜力播种机，每天能播种四十亩。\n\n"
          f"## 下一篇\n\n{LONG}\n")


def test_a_picture_pointed_at_under_a_series_title_is_a_caption(tmp_path):
    result = encode_text(tmp_path, SERIES)
    assert texts(result, "//t:head[@type='column']") == ["锦绣河山"]
    assert texts(result, "//t:figure/t:p") == ["新式播种机可以节省大量人力。这是一台畜力播种机，每天能播种四十亩。"]
    assert texts(result, "//t:head[@type='main']") == ["下一篇"]


@pytest.mark.parametrize("body", [
    "本报讯 新式播种机可以节省大量人力。这是一台畜力播种机，每天能播种四十亩。",   # a dispatch
    "这是一台畜力播种机，每天能播种四十亩，可以节省大量人力。",                     # opens so
    "新式播种机可以节省大量人力，每天能播种四十亩。",                             # points at nothing
])
def test_a_short_report_under_a_headline_stays_a_report(tmp_path, body):
    result = encode_text(tmp_path, f"### 锦绣河山\n\n{body}\n\n## 下一篇\n\n{LONG}\n")
    assert xp(result, "//t:figure") == []


def test_a_dispatch_after_photos_begins_the_next_article(tmp_path):
    page = (f"【明報專訊】{LONG}\n\n店主與太太攜手經營燒味店二十多年。（李小明攝）\n\n"
            "【明報專訊】通脹猛於虎，基層市民過日子，有苦自己知。\n")
    result = encode_text(tmp_path, page)
    articles = xp(result, "//t:div[@type='article']")
    assert len(articles) == 2
    assert [len(a.xpath("t:figure", namespaces={"t": articles[0].nsmap[None]})) for a in articles] == [0, 1]
    assert texts(result, "//t:byline[@rend='run-in']") == ["【明報專訊】", "【明報專訊】"]


def test_a_second_dispatch_after_text_stays_text(tmp_path):
    page = f"## 标题\n\n本报讯 {LONG}\n\n【新华社济南二十一日电】全省春耕进展顺利。\n"
    result = encode_text(tmp_path, page)
    assert len(xp(result, "//t:div[@type='article']")) == 1


def test_after_as_follows_a_heading_over_its_byline_opens_a_section(tmp_path):
    page = (f"## 标题\n\n{LONG}他在周刊上发表了访问观感，摘要如下：\n\n一切都依靠自力更生\n\n"
            "——《粮食周刊》主编林一平\n\n本记者这次是第三次到中国旅行，距第一次旅行正好相隔十年。\n")
    result = encode_text(tmp_path, page)
    assert texts(result, "//t:div[@type='section']/t:head") == ["一切都依靠自力更生"]
    assert persons(result, "//t:div[@type='section']/t:byline") == [("《粮食周刊》主编", "林一平")]
    assert len(xp(result, "//t:div[@type='article']")) == 1


def test_a_line_over_a_photo_credit_is_no_section_head(tmp_path):
    page = f"## 标题\n\n{LONG}\n\n金牌读者齐聚一堂\n\n本报记者 张小三 摄\n\n{LONG}\n"
    result = encode_text(tmp_path, page)
    assert xp(result, "//t:div[@type='section']") == []
