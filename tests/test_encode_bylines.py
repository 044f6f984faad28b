"""Bylines, datelines, sign-offs, photo and page credits in their common forms (issue 9).

One rule per test, on small inputs; docs/encoding.md lists the rules.
"""

from __future__ import annotations

import pytest

from helpers import encode_text, persons, texts, xp
from tei_edition.ingest import bylines as by

DATED = '[issue]\ndate = {}\n'


# -- run-in openings -------------------------------------------------------------------------
def test_bracket_of_people_without_benbaoxun_opens_the_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n（记者王晓东）全省秋粮收购进展顺利。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == ["（记者王晓东）"]
    assert persons(result) == [("记者", "王晓东")]
    assert texts(result, "//t:div/t:p") == ["全省秋粮收购进展顺利。"]


def test_several_roles_in_one_bracket(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n（通讯员 赵明 记者 孙丽华）全省秋粮收购进展顺利。\n")
    assert persons(result) == [("通讯员", "赵明"), ("记者", "孙丽华")]


def test_a_bracket_that_names_no_role_is_text(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n（王晓东）全省秋粮收购进展顺利。\n")
    assert xp(result, "//t:byline") == []


def test_bracketed_dispatch_dateline_with_chinese_numerals(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n【新华社太原十二日电】全省秋粮收购进展顺利。\n",
                         DATED.format("1947-11-26"))
    byline = xp(result, "//t:byline[@rend='run-in']")[0]
    assert "".join(byline.itertext()) == "【新华社太原十二日电】"
    assert texts(result, "//t:byline/t:orgName") == ["新华社"]
    assert texts(result, "//t:byline/t:placeName") == ["太原"]
    assert [(d.text, d.get("when")) for d in byline.iter("{*}date")] == [("十二日", "1947-11-12")]


@pytest.mark.parametrize("opening,when", [("新华社北京九月二十八日电 ", "1978-09-28"),
                                          ("新華社北京9月27日電（記者胡浩）", "1978-09-27"),
                                          ("据新华社3日讯 ", "1978-09-03")])
def test_agency_datelines_simplified_traditional_and_reported(tmp_path, opening, when):
    result = encode_text(tmp_path, f"## 标题\n\n{opening}首都各界今天集会。\n", DATED.format("1978-09-29"))
    byline = xp(result, "//t:byline[@rend='run-in']")[0]
    assert "".join(byline.itertext()).strip() == opening.strip()
    assert [d.get("when") for d in byline.iter("{*}date")] == [when]


def test_dateline_followed_by_the_reporters_formula(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报北京11月10日讯 记者周象光报道：今天上午，会见举行。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == ["本报北京11月10日讯 记者周象光报道："]
    assert persons(result) == [("记者", "周象光")]


def test_reporters_formula_alone_opens_the_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报记者陆珂报道：同四个月前相比，变化很大。\n")
    assert persons(result) == [("本报记者", "陆珂")]


def test_place_dateline_without_benbao(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n贵港讯 11月6日，我市举行座谈会。\n")
    assert texts(result, "//t:byline[@rend='run-in']/t:placeName") == ["贵港"]
    assert xp(result, "//t:byline//t:persName") == []


@pytest.mark.parametrize("opening,expected", [
    ("广州日报讯（记者 张三）", [("记者", "张三")]),
    ("南方日报广州3月5日讯 记者李四报道：", [("记者", "李四")]),
    ("【大公報訊】記者陳大文報道：", [("記者", "陳大文")]),
])
def test_other_papers_own_datelines(tmp_path, opening, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{opening}昨日，全市举行座谈会。\n")
    assert "".join(xp(result, "//t:byline[@rend='run-in']")[0].itertext()) == opening
    assert persons(result) == expected


def test_a_word_ending_in_bao_is_no_dateline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n情报讯号显示今年形势良好。\n")
    assert xp(result, "//t:byline") == []


def test_a_news_in_brief_label_is_no_place_dateline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本市简讯 今年全市粮食丰收。\n")
    assert xp(result, "//t:byline") == []


def test_taiwan_bracketed_byline_with_the_place_reported_from(tmp_path):
    result = encode_text(tmp_path, "## 標題\n\n〔記者甘孟霖／台北報導〕台北市又見天坑。\n")
    assert persons(result) == [("記者", "甘孟霖")]
    assert texts(result, "//t:byline/t:placeName") == ["台北"]


def test_cna_dateline_with_its_reporter(tmp_path):
    result = encode_text(tmp_path, "## 標題\n\n（中央社記者陳家倫台北25日電）台灣今天宣布。\n")
    assert persons(result) == [("記者", "陳家倫")]
    assert texts(result, "//t:byline/t:placeName") == ["台北"]


def test_a_dateline_in_a_later_paragraph_is_text(tmp_path):
    # A second dispatch inside an article: its dateline is not the article's byline.
    result = encode_text(tmp_path, "## 标题\n\n【新华社延安二十二日电】第一段。\n\n【新华社山东二十一日电】第二段。\n")
    assert len(xp(result, "//t:byline")) == 1


def test_wire_title_after_the_dateline_is_a_subtitle(tmp_path):
    result = encode_text(tmp_path, "## 聚焦中国\n\n新华社北京10月17日电 题：聚焦中国瞩目盛会\n\n"
                                   "新华社记者 崔静、韩洁、刘羊旸\n\n“骑起来真是很轻很方便！”他说。\n")
    assert texts(result, "//t:div/t:byline")[0] == "新华社北京10月17日电"
    assert texts(result, "//t:head[@type='sub']") == ["题：聚焦中国瞩目盛会"]
    assert persons(result) == [("新华社记者", "崔静"), ("新华社记者", "韩洁"), ("新华社记者", "刘羊旸")]


# -- bylines on their own line ----------------------------------------------------------------
def test_roles_and_names_run_together_are_cut_at_surnames(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n新华社记者刘永华贾永本报记者张强\n\n正文第一段。\n")
    assert persons(result) == [("新华社记者", "刘永华"), ("新华社记者", "贾永"), ("本报记者", "张强")]


def test_names_after_roles_separated_by_enumeration_commas(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n新华社杭州4月22日电（记者朱国贤、通讯员林妙春、梁仁）记者获悉。\n")
    assert persons(result) == [("记者", "朱国贤"), ("通讯员", "林妙春"), ("通讯员", "梁仁")]


def test_a_role_with_its_body_run_together(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n淮河路小学校园记者 许帅珂\n")
    assert persons(result) == [("淮河路小学校园记者", "许帅珂")]


def test_bare_names_under_a_headline_pen_names_included(tmp_path):
    result = encode_text(tmp_path, "## 模范和旗手\n\n任戈 王宗炳 丹红\n\n正文第一段。\n")
    assert persons(result) == [(None, "任戈"), (None, "王宗炳"), (None, "丹红")]


@pytest.mark.parametrize("line", ["郭灵计主持", "人物：林维曦", "重要提示", "除了接待记者"])
def test_short_lines_that_are_not_bylines(tmp_path, line):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n正文第一段，内容不少于二十个字，足够长了。\n")
    assert xp(result, "//t:byline") == []


def test_compound_surname_and_four_character_name(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n记者 欧阳小明\n\n正文第一段。\n")
    assert persons(result) == [("记者", "欧阳小明")]


@pytest.mark.parametrize("line,expected", [
    ("□本报记者沈亮发自北京 实习生鲁韵子", [("本报记者", "沈亮"), ("实习生", "鲁韵子")]),
    ("记者陈熙文、郑媁／台北报导", [("记者", "陈熙文"), ("记者", "郑媁")]),
    ("编译／曹国维", [("编译", "曹国维")]),
    ("文／本报记者 张三", [("本报记者", "张三")]),
    ("☉張國財", [(None, "張國財")]),
])
def test_byline_shapes_of_other_papers(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n正文第一段。\n")
    assert persons(result) == expected


def test_a_byline_of_bodies_names_no_person(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n中共将乐县委通讯组 福建日报记者\n\n正文第一段。\n")
    assert texts(result, "//t:byline/t:orgName") == ["中共将乐县委通讯组"]
    assert xp(result, "//t:byline/t:persName") == []


def test_a_role_word_inside_a_phrase_is_no_byline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n第一段。\n\n除了接待記者，\n\n新聞中心還發放文件。\n")
    assert xp(result, "//t:byline") == []


def test_a_byline_shape_cut_by_a_comma_is_text(tmp_path):
    # A byline never ends with a comma: this is the first half of a sentence.
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n本报记者张三，\n\n李四前往现场采访。\n")
    assert xp(result, "//t:byline") == []
    assert texts(result, "//t:div/t:p")[1] == "本报记者张三，李四前往现场采访。"


def test_byline_before_any_headline_opens_an_article(tmp_path):
    result = encode_text(tmp_path, "时代周报记者 李兮言 发自广州\n\n自1993年开设专栏以来，任仲平都会发声。\n")
    assert persons(result) == [("时代周报记者", "李兮言")]
    assert texts(result, "//t:byline/t:placeName") == ["广州"]


# -- sign-offs ----------------------------------------------------------------------------------
def test_sign_off_on_the_last_line_of_a_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n我要用笔去记录奋斗故事。\n——本报内蒙古分社记者翟钦奇\n")
    assert texts(result, "//t:div/t:p") == ["我要用笔去记录奋斗故事。"]
    assert persons(result) == [("本报内蒙古分社记者", "翟钦奇")]


def test_sign_off_run_on_after_the_last_sentence(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n他告诉我明天他可能有时间。本报记者夏命群\n")
    assert texts(result, "//t:div/t:p") == ["他告诉我明天他可能有时间。"]
    assert persons(result) == [("本报记者", "夏命群")]


def test_sign_offs_between_notes_close_each_part(tmp_path):
    result = encode_text(tmp_path, "## 新春走基层\n\n第一则手记。\n\n——本报辽宁分社记者胡婧怡\n\n"
                                   "第二则手记。\n\n——本报浙江分社记者窦瀚洋\n")
    parts = xp(result, "//t:div[@type='article']/t:div[@type='section']")
    assert [texts(result, f"(//t:div[@type='section'])[{n}]/t:byline/t:persName")
            for n in (1, 2)] == [["胡婧怡"], ["窦瀚洋"]]
    assert len(parts) == 2 and all(p.find("{*}head") is None for p in parts)


def test_dateline_sign_off_at_the_end(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文第一段。\n\n（据新华社长沙3月5日电）\n",
                         DATED.format("2024-03-06"))
    byline = xp(result, "//t:div/t:byline")[0]
    assert byline.getprevious().tag.endswith("}p")
    assert texts(result, "//t:byline/t:orgName") == ["新华社"]
    assert [d.get("when") for d in byline.iter("{*}date")] == ["2024-03-05"]


def test_sign_off_after_a_colon_role(tmp_path):
    result = encode_text(tmp_path, "正文第一段。\n\n梅州日报记者：郑炜梅\n\n编辑：杨乔颖\n")
    assert persons(result) == [("梅州日报记者", "郑炜梅")]
    assert persons(result, "//t:fw[@type='credit']") == [("编辑", "杨乔颖")]


# -- photo credits --------------------------------------------------------------------------------
@pytest.mark.parametrize("credit,names", [
    ("新华社发 胡学军 摄", ["胡学军"]), ("梁伟驰／图", ["梁伟驰"]), ("（吕枫 摄）", ["吕枫"]),
    ("本报通讯员 李林根摄", ["李林根"]), ("新华社记者 官天一摄（传真照片）", ["官天一"]),
    ("新华社记者摄", []), ("（民眾提供）", []), ("（記者姚岳宏翻攝）", ["姚岳宏"]),
    ("摄影：张三", ["张三"]), ("圖／記者林大明攝", ["林大明"]), ("图：新华社", []),
])
def test_credit_at_the_end_of_a_caption(tmp_path, credit, names):
    result = encode_text(tmp_path, f"## 标题\n\n华主席同卡瓦瓦团长亲切交谈。{credit}\n\n## 下一篇\n\n正文。\n")
    assert texts(result, "//t:figure/t:p") == ["华主席同卡瓦瓦团长亲切交谈。"]
    assert texts(result, "//t:figure/t:byline") == [credit]
    assert texts(result, "//t:figure/t:byline/t:persName[@role='photographer']") == names


def test_desk_code_before_a_credit_is_kept_apart(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n两会期间，小记者还会采访执勤人员。③2 王俊祥 摄\n")
    assert texts(result, "//t:figure/t:fw[@type='deskCode']") == ["③2"]
    assert texts(result, "//t:figure/t:byline") == ["王俊祥 摄"]


def test_desk_code_at_the_end_of_an_article(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n这是文章的最后一句。③7\n")
    para = xp(result, "//t:div/t:p")[0]
    assert para.text == "这是文章的最后一句。"
    assert texts(result, "//t:p/t:fw[@type='deskCode']") == ["③7"]


def test_a_credit_on_its_own_line_makes_the_block_above_it_the_caption(tmp_path):
    result = encode_text(tmp_path, "这是承德市双桥区一处口袋公园。\n\n■ 新华社记者 金良快 摄\n")
    assert texts(result, "//t:figure/t:p") == ["这是承德市双桥区一处口袋公园。"]
    assert texts(result, "//t:figure/t:byline/t:persName") == ["金良快"]


def test_photo_story_closed_by_a_desk_code_is_all_caption(tmp_path):
    result = encode_text(tmp_path, "## 小记者“跑”两会\n\n2月1日，小记者采访执勤人员。\n\n"
                                   "两会期间，小记者还会采访服务保障人员。③2 王俊祥 摄\n")
    assert len(xp(result, "//t:figure")) == 1
    assert texts(result, "//t:figure/t:p") == ["2月1日，小记者采访执勤人员。", "两会期间，小记者还会采访服务保障人员。"]


# -- page credits ------------------------------------------------------------------------------------
@pytest.mark.parametrize("line,expected", [
    ("（责编：白宇、卫嘉）", [("责编", "白宇"), ("责编", "卫嘉")]),
    ("本期责任编辑：\n赖旭华、沈伟彬", [("本期责任编辑", "赖旭华"), ("本期责任编辑", "沈伟彬")]),
    ("审核：练海林", [("审核", "练海林")]),
])
def test_page_credit_forms(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n正文。\n\n{line}\n")
    assert persons(result, "//t:fw[@type='credit']") == expected


def test_a_sentence_starting_with_a_desk_word_is_no_credit(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n编辑部门表示，将尽快答复读者。\n")
    assert xp(result, "//t:fw") == []


def test_page_number_and_running_heads_are_furniture(tmp_path):
    result = encode_text(tmp_path, "2024年02月03日\n\n第A05版：要闻\n\n## 标题\n\n正文。\n\nA03\n")
    assert texts(result, "//t:fw[@type='header']") == ["2024年02月03日", "第A05版：要闻"]
    assert texts(result, "//t:fw[@type='pageNum']") == ["A03"]


# -- the grammar on its own ---------------------------------------------------------------------------
@pytest.mark.parametrize("run,names", [("刘永华贾永", ["刘永华", "贾永"]), ("王五李四", ["王五", "李四"]),
                                       ("欧阳小明", ["欧阳小明"]), ("张三", ["张三"]), ("报道", None)])
def test_split_names(run, names):
    assert by.split_names(run) == names


@pytest.mark.parametrize("text,value", [("二十三", 23), ("十四", 14), ("九", 9), ("廿一", 21), ("31", 31),
                                        ("三十", 30)])
def test_chinese_numbers_in_datelines(text, value):
    assert by.chinese_number(text) == value


@pytest.mark.parametrize("signature,org,rest", [
    ("（星島日報報道）", "星島日報", "報道）"),
    ("（中央社電）", "中央社", "電）"),
    ("（新华社电）", "新华社", "电）"),
])
def test_a_paper_or_agency_that_signs_is_no_person(signature, org, rest):
    """A paper signs its staff's reports in Hong Kong (（星島日報報道）): its name is the
    body that reports, an orgName, never a persName (which a bare four-character run was)."""
    parsed = by.parse_people(signature)
    assert [(s.kind, s.text) for s in parsed.parts if not isinstance(s, str)] == [("orgName", org)]
    assert parsed.parts[-1] == rest and parsed.names == 0


def test_a_person_who_reports_is_still_a_person():
    parsed = by.parse_people("（張大明報道）")
    assert [(s.kind, s.text) for s in parsed.parts if not isinstance(s, str)] == [("persName", "張大明")]


@pytest.mark.parametrize("opening,byline,people", [
    ("【新华社北京十二日电】（记者张三）", "【新华社北京十二日电】（记者张三）", [("记者", "张三")]),
    ("【路透社华盛顿十七日电】（记者：科德里）", "【路透社华盛顿十七日电】（记者：科德里）", [("记者", "科德里")]),
    ("【新华社北京十二日电】（一）", "【新华社北京十二日电】", []),     # a numbered part, no one
])
def test_a_reporter_in_brackets_after_a_bracketed_dateline_is_the_bylines(tmp_path, opening,
                                                                          byline, people):
    result = encode_text(tmp_path, f"## 标题\n\n{opening}全省秋粮收购进展顺利。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == [byline]
    assert persons(result) == people
