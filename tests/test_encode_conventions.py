"""Conventions of Chinese newspaper text the encoder reads (issue 9, round two): one rule
per test, on inputs composed for the test. docs/encoding.md states each rule and why it
holds for newspapers in general; none of these texts comes from the evaluation sets.
"""

from __future__ import annotations

import pytest

from helpers import encode_text, persons, texts, xp
from tei_edition.errors import InputError
from tei_edition.ingest import bylines as by

DATED = '[issue]\ndate = {}\n'


def heads(result) -> list[tuple[str | None, str]]:
    return [(h.get("type"), "".join(h.itertext()))
            for h in xp(result, "//t:div[@type='article']/t:head")]


# -- bylines, datelines, credits -----------------------------------------------------------
def test_an_agency_not_on_the_list_is_read_from_its_dateline(tmp_path):
    # X社 + place + date + 電: the shape of a dispatch's dateline, whatever the agency.
    result = encode_text(tmp_path, "## 標題\n\n港澳社廣州3月5日電（港澳社報道組）大會今天開幕。\n",
                         DATED.format("2020-03-06"))
    assert texts(result, "//t:byline[@rend='run-in']") == ["港澳社廣州3月5日電（港澳社報道組）"]
    assert texts(result, "//t:byline/t:orgName") == ["港澳社", "港澳社報道組"]
    assert texts(result, "//t:byline/t:placeName") == ["廣州"]


def test_a_dateline_needs_its_date_when_the_agency_is_unknown(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n合作社北京电视台报道了这件事。\n")
    assert xp(result, "//t:byline") == []


def test_a_team_named_over_its_members_is_their_role(tmp_path):
    result = encode_text(tmp_path, "## 標題\n\n正文內容。\n\n（港澳社報道組：趙明 錢亮 後援：孫強 實習記者：李華）\n")
    assert persons(result) == [("港澳社報道組", "趙明"), ("港澳社報道組", "錢亮"), ("後援", "孫強"),
                               ("實習記者", "李華")]


def test_a_dateline_may_credit_the_paper_it_reprints(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报讯 据南方日报消息：全省秋粮收购进展顺利。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == ["本报讯 据南方日报消息："]
    assert texts(result, "//t:byline/t:orgName") == ["南方日报"]
    assert texts(result, "//t:div/t:p") == ["全省秋粮收购进展顺利。"]


@pytest.mark.parametrize("line", ["本报讯 记者张三 通讯员李四 近日，全省秋粮收购进展顺利。",
                                  "新华社北京3月5日电 记者张三、李四 近日，全省秋粮收购进展顺利。"])
def test_reporters_after_a_dateline_without_brackets(tmp_path, line):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n")
    assert [name for _, name in persons(result)] == ["张三", "李四"]
    assert texts(result, "//t:div/t:p") == ["近日，全省秋粮收购进展顺利。"]


def test_the_reporter_as_the_subject_of_the_text_is_no_byline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报讯 记者从省教育厅获悉，全省秋粮收购进展顺利。\n")
    assert texts(result, "//t:byline[@rend='run-in']") == ["本报讯"]
    assert xp(result, "//t:persName") == []


@pytest.mark.parametrize("line,org", [("中新网北京3月5日电（记者 张三）国务院今天召开会议。", "中新网"),
                                      ("央视网消息（记者 张三）：国务院今天召开会议。", "央视网"),
                                      ("中国青年网讯（记者 张三）国务院今天召开会议。", "中国青年网")])
def test_a_news_sites_dateline(tmp_path, line, org):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n")
    assert texts(result, "//t:byline[@rend='run-in']/t:orgName") == [org]
    assert persons(result) == [("记者", "张三")]


def test_text_and_pictures_by_one_reporter_is_a_byline_not_a_credit(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n□见习记者 张三 文／图\n\n全省秋粮收购进展顺利。\n")
    assert texts(result, "//t:div/t:byline") == ["□见习记者 张三 文／图"]
    assert xp(result, "//t:figure") == []
    assert by.credit("见习记者 张三 文／图") is None
    assert by.credit("张三／图") is not None


def test_the_paper_before_its_reporters_role_is_an_organisation(tmp_path):
    result = encode_text(tmp_path, "## 標題\n\n經濟時報／ 記者王小明／台北即時報導\n\n台股今天上漲。\n")
    byline = xp(result, "//t:div/t:byline")[0]
    assert [(c.tag.split("}")[1], c.text) for c in byline] == [
        ("orgName", "經濟時報"), ("roleName", "記者"), ("persName", "王小明"), ("placeName", "台北")]


def test_a_name_runs_into_the_next_role_where_a_credits_lines_were_joined(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n旋挖钻机正在运转。\n\n本报记者 张三\n通讯员 李四 摄\n")
    assert persons(result, "//t:figure/t:byline") == [("本报记者", "张三"), ("通讯员", "李四")]


def test_a_credit_on_the_last_line_of_a_caption_block(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文第一段。\n\n读者齐聚一堂\n本报记者 张三摄\n\n正文第二段。\n")
    assert texts(result, "//t:figure/t:p") == ["读者齐聚一堂"]
    assert texts(result, "//t:figure/t:byline") == ["本报记者 张三摄"]
    # 本报 is a whole name: a caption before it is no part of the reporter's body.
    assert by.credit("读者齐聚一堂本报记者 张三摄") is None


def test_the_agency_issued_photo_names_its_photographer_in_brackets(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n图为会议现场。新华社发（张三 摄）\n\n正文。\n")
    assert texts(result, "//t:figure/t:byline/t:persName[@role='photographer']") == ["张三"]


@pytest.mark.parametrize("line,expected", [("文｜张三", [("文", "张三")]),
                                           ("文丨张三 图丨李四", [("文", "张三"), ("图", "李四")]),
                                           ("特约撰稿 张三", [("特约撰稿", "张三")])])
def test_more_role_forms(tmp_path, line, expected):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n正文第一段。\n")
    assert persons(result) == expected


def test_a_second_dispatchs_reporter_is_marked_in_the_text(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n本报广州11月28日电 记者王五报道：今天比赛结束。\n\n"
                                   "本报广州11月28日电 记者赵六报道：今天气温骤降。\n")
    assert texts(result, "//t:div/t:p//t:persName") == ["赵六"]
    assert texts(result, "//t:div/t:p")[1].startswith("本报广州11月28日电")


def test_an_agency_sign_off_run_on_after_the_last_sentence(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n她无怨无悔。（据新华社郑州9月9日电）\n")
    assert texts(result, "//t:div/t:byline") == ["（据新华社郑州9月9日电）"]
    assert texts(result, "//t:div/t:p") == ["她无怨无悔。"]


# -- headlines -------------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["□师者之尊", "70年岁月丨我与本报"])
def test_a_marked_line_over_a_headline_is_a_column_label(tmp_path, label):
    result = encode_text(tmp_path, f"### {label}\n\n## 深山从教四十年\n\n他是该校唯一的教师。\n")
    assert heads(result) == [("column", label), ("main", "深山从教四十年")]


def test_a_plain_line_over_a_headline_stays_a_kicker(tmp_path):
    result = encode_text(tmp_path, "### 面积比去年大 质量比往年好\n\n## 水稻栽种结束\n\n正文。\n")
    assert heads(result)[0] == ("kicker", "面积比去年大 质量比往年好")


def test_a_headline_group_has_one_kicker(tmp_path):
    result = encode_text(tmp_path, "### 面积比去年大 质量比往年好\n\n## 东北水稻栽种结束\n\n## 广东早稻开镰收割\n\n"
                                   "据新华社二十七日讯 插秧已经结束。\n")
    assert heads(result) == [("kicker", "面积比去年大 质量比往年好"), ("main", "东北水稻栽种结束"),
                             ("sub", "广东早稻开镰收割")]


def test_a_headline_after_the_byline_heads_the_first_section(tmp_path):
    result = encode_text(tmp_path, "## 精神与人\n\n本报记者 张三 李四\n\n## 革命精神发扬光大\n\n列车奔驰着。\n")
    assert heads(result) == [("main", "精神与人")]
    assert texts(result, "//t:div[@type='section']/t:head") == ["革命精神发扬光大"]


def test_a_genre_label_over_a_byline_opens_the_next_report(tmp_path):
    result = encode_text(tmp_path, "## 股市收盘\n\n股市今天上涨。\n\n### 快讯\n\n记者 王小明\n\n金融股今天翻红。\n")
    assert [heads(result)[-1]] == [("column", "快讯")]
    assert len(xp(result, "//t:div[@type='article']")) == 2
    assert xp(result, "//t:div[@type='section']") == []


def test_a_genre_label_at_the_top_of_a_page_is_no_headline(tmp_path):
    result = encode_text(tmp_path, "### 毛主席语录\n\n共产党的干部政策，应是以能否坚决执行党的路线为标准。\n")
    assert heads(result) == [("column", "毛主席语录")]
    # A labelled box at the top of a page lost no headline: no gap for its opening.
    assert xp(result, "//t:gap") == []


def test_summary_points_under_a_subtitle_come_before_the_byline(tmp_path):
    first = "● 智能电视机虽然增加了观看节目的可选择范围，但在使用过程中存在开机广告、会员收费等不少问题，亟待改进"
    second = "● 为解决这些问题，应当发挥市场的作用，倡导商家承担社会责任，自觉减少不合理现象"
    result = encode_text(tmp_path, f"## 主标题\n\n### 记者调查某事\n\n{first}\n\n{second}\n\n"
                                   "□ 本报记者 张三\n\n正文第一段。\n")
    assert heads(result) == [("main", "主标题"), ("sub", "记者调查某事")]
    assert texts(result, "//t:argument/t:p") == [first, second]
    assert xp(result, "//t:cb") == []


def test_a_profiles_column_label(tmp_path):
    result = encode_text(tmp_path, "### 走边关\n\n## 六万里边关路\n\n——记运输队队长张三\n\n正文第一段。\n")
    assert heads(result) == [("column", "走边关"), ("main", "六万里边关路"), ("sub", "——记运输队队长张三")]


def test_a_dash_prints_a_subtitle(tmp_path):
    result = encode_text(tmp_path, "## 为农民提供舞台\n\n## ——沿海农村研究会扫描\n\n正文第一段。\n")
    assert heads(result) == [("main", "为农民提供舞台"), ("sub", "——沿海农村研究会扫描")]


def test_an_unmarked_headline_at_the_top_of_the_text(tmp_path):
    result = encode_text(tmp_path, "推进新校园建设\n\n9月12日，在建设现场，旋挖钻机等机械设备正在运转。\n")
    assert heads(result) == [("main", "推进新校园建设")]
    assert xp(result, "//t:cb") == [] and xp(result, "//t:gap") == []


@pytest.mark.parametrize("text", ["坚决扛起保障国\n\n家粮食安全重要政治责任，全省秋粮收购进展顺利。\n",
                                  "为安装钢筋笼打好桩基\n\n础做准备工作，工程机械设备正在运转，预计年底完工。\n"])
def test_a_line_that_a_fragment_continues_is_no_headline(tmp_path, text):
    result = encode_text(tmp_path, text)
    assert heads(result) == []


def test_a_short_line_finished_by_the_next_block_is_no_section_head(tmp_path):
    rest = "验，对初学者挑战极大，队员们从握桨姿势到体能强化一步一步克服技术瓶颈。"
    result = encode_text(tmp_path, f"## 标题\n\n赛事十分激烈。\n\n龙舟竞技是力量与默契的终极考\n\n{rest}\n")
    assert xp(result, "//t:div[@type='section']") == []
    assert texts(result, "//t:div/t:p")[-1] == "龙舟竞技是力量与默契的终极考" + rest


def test_a_quoted_heading_cut_in_two_over_a_byline(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n（上接A11版）\n\n他说起这事很兴奋\n\n“看报纸，\n\n我就认准晚报”\n\n"
                                   "□见习记者 张三\n\n“来家里，还带什么东西！”一进门，老人就说了起来。\n")
    assert texts(result, "//t:div[@type='section']/t:head") == ["“看报纸，我就认准晚报”"]
    assert texts(result, "//t:div[@type='section']/t:byline") == ["□见习记者 张三"]
    assert xp(result, "//t:cb") == []


def test_no_headline_right_after_a_continued_from_marker(tmp_path):
    result = encode_text(tmp_path, "（上接A11版）\n\n老人说起这事\n\n记者 张三\n\n正文第一段。\n")
    assert [h for h in heads(result) if h[0] == "main"] == []


# -- editor's notes, joins -------------------------------------------------------------------
def test_an_editors_note_before_the_headlines_stands_apart(tmp_path):
    result = encode_text(tmp_path, "编者按\n\n秋天到了，教师节也已到来。\n\n## 教师节\n\n本报讯 全省教师达百万人。\n")
    assert texts(result, "//t:argument/t:p") == ["编者按", "秋天到了，教师节也已到来。"]
    assert len(xp(result, "//t:div[@type='article']")) == 2
    assert xp(result, "//t:cb") == [] and xp(result, "//t:gap") == []


def test_a_bullet_point_opens_a_paragraph_of_its_own(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n首段。\n\n● 第一点要点没有句号\n\n● 第二点要点\n")
    assert len(xp(result, "//t:div/t:p")) == 3 and xp(result, "//t:cb") == []


def test_a_paragraph_printed_whole_elsewhere_joins_its_halves(tmp_path):
    first = "习近平指出，今年是两国建交五十周年，双方合作不断深化。"
    second = "当前，世界百年变局加速演进，人类社会面临的风险挑战增多。"
    result = encode_text(tmp_path, f"## 甲\n\n{first}\n\n{second}\n\n## 乙\n\n{first}{second}\n")
    joined = xp(result, "//t:div[@type='article'][1]/t:p")
    assert len(joined) == 1 and joined[0][0].tag.endswith("}cb")
    assert any(item.rule.startswith("the same text stands elsewhere") for item in result.review())


def test_printed_lines_whose_last_is_full_run_on(tmp_path):
    block = "星岛媒体人将新闻工作的专注力与\n协作精神，完美转化为水道上的优势\n充分体现了星岛拼搏不止的文化。"
    result = encode_text(tmp_path, f"## 标题\n\n{block}\n\n教练团队表示，队员们首次接触龙舟。\n")
    assert len(xp(result, "//t:div/t:p")) == 1
    short = "星岛媒体人将新闻工作的专注力与\n协作精神，完美转化为水道上的优势\n充分体现了文化。"
    result = encode_text(tmp_path, f"## 标题\n\n{short}\n\n教练团队表示，队员们首次接触龙舟。\n", name="b")
    assert len(xp(result, "//t:div/t:p")) == 2


# -- missing starts --------------------------------------------------------------------------
def test_a_measure_word_without_its_number_lost_its_start(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n那天凌晨，信用社出了事。\n\n岁的会计小兰被歹徒堵在值班室内。\n\n"
                                   "张庙堂家住新区。\n\n棵棵大树挺立在路旁。\n")
    gaps = xp(result, "//t:p[@part='F']")
    assert ["".join(p.itertext()) for p in gaps] == ["岁的会计小兰被歹徒堵在值班室内。"]
    assert xp(result, "//t:gap/@cert") == ["low"]


def test_a_page_whose_running_head_survives_lost_no_opening(tmp_path):
    result = encode_text(tmp_path, "A8 港闻 02.06.2025 星期一\n\n龙舟竞渡是端午节的传统习俗，星岛龙舟队勇夺季军。\n")
    assert xp(result, "//t:gap") == []
    plain = encode_text(tmp_path, "龙舟竞渡是端午节的传统习俗，星岛龙舟队勇夺季军。\n", name="b")
    assert xp(plain, "//t:gap/@cert") == ["low"]


def test_a_news_leads_own_opening_is_no_lost_start(tmp_path):
    result = encode_text(tmp_path, "9月12日，在建设现场，旋挖钻机等工程机械设备正在运转。\n")
    assert xp(result, "//t:gap") == []


# -- photos ----------------------------------------------------------------------------------
def test_a_photo_report_credit_covers_the_text_above_it(tmp_path):
    result = encode_text(tmp_path, "## 回家路\n\n笑脸墙的摄影者展示她的作品。\n\n1月22日，服务站里几个照片墙引人关注。\n\n"
                                   "本报记者 张三 摄影报道\n\n本报记者 张三 实习生 李四\n\n春运拉开帷幕。\n")
    assert len(texts(result, "//t:figure/t:p")) == 2
    assert texts(result, "//t:figure/t:byline") == ["本报记者 张三 摄影报道"]
    assert texts(result, "//t:div/t:byline") == ["本报记者 张三 实习生 李四"]


def test_a_photo_story_whose_credited_block_goes_on_from_the_text(tmp_path):
    result = encode_text(tmp_path, "## 新校园建设\n\n9月12日，在建设现场，钻机正在运转，为安装钢筋笼的桩基\n\n础做准备。\n\n"
                                   "据了解，该工程已于今年5月开工。\n\n本报记者 张三 摄\n")
    captions = xp(result, "//t:figure/t:p")
    assert ["".join(p.itertext()) for p in captions] == [
        "9月12日，在建设现场，钻机正在运转，为安装钢筋笼的桩基础做准备。", "据了解，该工程已于今年5月开工。"]
    assert captions[0][-1].tag.endswith("}cb") or any(c.tag.endswith("}cb") for c in captions[0])


def test_a_caption_standing_alone_under_text_leaves_the_text(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n口袋公园开园。 全媒体记者 张三 摄\n")
    assert texts(result, "//t:figure/t:p") == ["口袋公园开园。"]
    assert texts(result, "//t:div/t:p") == ["正文。"]


def test_a_photo_shown_with_its_title(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n《冒雪赶考》 张三／图，获全国新闻摄影铜奖。\n\n正文。\n")
    assert texts(result, "//t:figure/t:p") == ["《冒雪赶考》"]
    assert texts(result, "//t:figure/t:byline") == ["张三／图"]
    assert texts(result, "//t:figure/t:note") == ["，获全国新闻摄影铜奖。"]


def test_a_caption_labelled_as_one(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n图为访问团的团员正在访问烈士家属。\n\n## 下一篇\n\n正文。\n")
    assert texts(result, "//t:figure/t:p") == ["图为访问团的团员正在访问烈士家属。"]


# -- repeats ---------------------------------------------------------------------------------
def test_a_repeated_article_cut_into_other_paragraphs(tmp_path):
    a = "习近平指出，今年是两国建交五十周年，双方合作不断深化，为各自发展提供了动力。"
    b = "当前，世界百年变局加速演进，人类社会面临的风险挑战增多，离不开大国合作。"
    result = encode_text(tmp_path, f"## 会见外宾\n\n{a}\n\n{b}\n\n## 会见外宾\n\n{a}{b}\n")
    assert xp(result, "//t:div[@type='article']/@copyOf") == ["#a01"]


# -- the encoder's own checks ---------------------------------------------------------------
def test_a_sidecar_value_too_long_to_read_back_is_refused_as_input(tmp_path):
    sidecar = '[newspaper]\ntitle = "' + "报" * 3_400_000 + '"\n'
    with pytest.raises(InputError) as info:
        encode_text(tmp_path, "## 标题\n\n正文。\n", sidecar)
    assert "could not be read back" in str(info.value)
    assert not (tmp_path / "page.xml").exists()


def test_the_editor_keeps_a_quoted_headings_halves_apart(tmp_path):
    text = "## 标题\n\n正文。\n\n“看报纸，\n\n我就认准晚报”\n\n□见习记者 张三\n\n“来家里，还带什么东西！”老人说了起来。\n"
    mended = encode_text(tmp_path, text, name="a")
    (item,) = [i for i in mended.review() if "quoted heading" in i.decision]
    assert item.correction == '[[correction]]\nline = 7\nrole = "paragraph"'
    kept = encode_text(tmp_path, text, item.correction + "\n", name="b")
    assert not any("我就认准晚报" in head for head in texts(kept, "//t:head"))


def test_an_unmarked_headline_at_the_top_of_a_later_page(tmp_path):
    result = encode_text(tmp_path, "## 首篇\n\n正文结束了。\n\f\n推进新校园建设\n\n9月12日，在建设现场，旋挖钻机等机械设备正在运转。\n")
    assert [h for h in heads(result) if h[0] == "main"] == [("main", "首篇"), ("main", "推进新校园建设")]


@pytest.mark.parametrize("opening", ["據悉", "為此", "會上", "最後"])
def test_traditional_openings_that_open_a_sentence(tmp_path, opening):
    result = encode_text(tmp_path, f"## 標題\n\n{opening}，市民踴躍參與活動。\n")
    assert xp(result, "//t:gap") == []


def test_a_last_word_is_the_texts_not_the_bylines():
    # 国务院 begins with a surname: as the block's last word it would read as a name, but
    # a run-in byline has text after it.
    found = by.run_in("新华社北京3月5日电 记者张三、李四 国务院")
    assert found is not None and "新华社北京3月5日电 记者张三、李四 国务院"[:found.end].endswith("李四")


def test_a_repeated_article_whose_paragraphs_differ_in_length(tmp_path):
    x = "会议指出，今年以来全省经济运行总体平稳，主要指标好于预期，发展质量稳步提升。"
    y = "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"
    z = ("当前，外部环境复杂严峻，国内经济恢复仍处在关键期，各地各部门要增强机遇意识和风险意识，"
         "扎实做好稳增长稳就业稳物价工作，切实保障和改善民生，确保完成全年目标任务，以实际行动迎接大会召开。")
    result = encode_text(tmp_path, f"## 常务会议\n\n{x}\n\n{y}{z}\n\n## 常务会议\n\n{x}\n\n{y}\n\n{z[3:]}\n")
    assert xp(result, "//t:div[@type='article']/@copyOf") == ["#a01"]


@pytest.mark.parametrize("opening", ["的会计小兰被歹徒堵在值班室内。", "了一个新的台阶，全县经济总量突破百亿元。"])
def test_a_particle_cannot_open_a_text(tmp_path, opening):
    result = encode_text(tmp_path, f"## 标题\n\n那天凌晨，信用社出了事。\n\n{opening}\n")
    assert ["".join(p.itertext()) for p in xp(result, "//t:p[@part='F']")] == [opening]
    assert "opening with a particle that ends a phrase" in "".join(texts(result, "//t:editorialDecl"))


@pytest.mark.parametrize("line,role", [("本报驻美国记者 张三", "本报驻美国记者"),
                                       ("澎湃新闻记者 张三", "澎湃新闻记者"),
                                       ("南方周末记者 张三", "南方周末记者")])
def test_the_bodies_reporters_work_for(tmp_path, line, role):
    result = encode_text(tmp_path, f"## 标题\n\n{line}\n\n正文第一段。\n")
    assert persons(result) == [(role, "张三")]
    assert by.standalone("除了接待記者") is None


def test_a_caption_marked_with_a_triangle(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n▲图为市民在花展拍照。\n\n## 下一篇\n\n正文。\n")
    assert texts(result, "//t:figure/t:p") == ["▲图为市民在花展拍照。"]


def test_more_desk_roles_in_a_page_credit(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n本版责编：张三 版式：李四\n")
    assert persons(result, "//t:fw[@type='credit']") == [("本版责编", "张三"), ("版式", "李四")]


def test_a_caption_cut_inside_a_word_by_a_column_break(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n正文。\n\n市民在花展的展\n\n厅前拍照留念。 记者 张三 摄\n\n正文第二段。\n")
    captions = xp(result, "//t:figure/t:p")
    assert ["".join(p.itertext()) for p in captions] == ["市民在花展的展厅前拍照留念。"]
    assert texts(result, "//t:div/t:p") == ["正文。", "正文第二段。"]
