"""Column joins, missing starts, headings and repeats on pages unlike the seed (issue 9).

One rule per test, on small inputs; docs/encoding.md lists the rules.
"""

from __future__ import annotations

import pytest

from helpers import encode_text, texts, xp


def paragraphs(result) -> list[str]:
    return texts(result, "//t:div[@type='article']//t:p[not(ancestor::t:figure)]")


def uncertain(result, kind: str | None = None):
    return [item for item in result.review() if kind is None or item.kind == kind]


# -- joins -------------------------------------------------------------------------------------
def test_a_semicolon_never_ends_a_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n民兵阻击北路之敌；\n\n中路之敌人费时三天。\n")
    assert paragraphs(result) == ["民兵阻击北路之敌；中路之敌人费时三天。"]


def test_a_semicolon_joins_across_a_page_break(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n派遣调查员二人，驻在西藏；\n\f\n后又进一步派遣访问团。\n")
    para = xp(result, "//t:div/t:p")[0]
    assert [c.tag.split("}")[1] for c in para] == ["pb"]


def test_as_follows_introduces_a_new_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n子公司变化情况如下：\n\n公司子公司共同出资设立新公司。\n")
    assert paragraphs(result) == ["子公司变化情况如下：", "公司子公司共同出资设立新公司。"]
    assert [item.kind for item in uncertain(result)] == ["no-join"]


def test_an_enumeration_starts_a_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n新华社北京4月8日电 国务院办公厅关于夏时制的公告\n\n"
                                   "一、夏时制从4月12日开始。\n")
    assert paragraphs(result) == ["国务院办公厅关于夏时制的公告", "一、夏时制从4月12日开始。"]


def test_a_join_after_a_colon_is_made_and_listed_for_review(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n大会认为：\n\n由于各级组织正确执行了方针，工作取得胜利。\n")
    assert len(paragraphs(result)) == 1
    item = uncertain(result, "join")[0]
    assert (item.line, item.cert) == (5, "medium") and "join = false" in item.correction


def test_a_possible_join_after_a_full_stop_is_only_listed(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n他参加会议多，误工也就多。\n\n可是，去年他实足地做了一百八十二个劳动日。\n")
    assert len(paragraphs(result)) == 2
    item = uncertain(result, "no-join")[0]
    assert item.line == 5 and "join = true" in item.correction


def test_a_field_line_is_complete(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n时间：2023年11月8日\n\n“一读”是报社专设的质检人员。\n")
    assert paragraphs(result) == ["时间：2023年11月8日", "“一读”是报社专设的质检人员。"]


def test_a_photo_between_the_halves_of_a_paragraph_stays_inside_it(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n邓小平身着深灰色中山装，\n\n邓小平会见老朋友。 本报记者 徐建中摄\n\n"
                                   "面带笑容地迎上前去。\n")
    para = xp(result, "//t:div/t:p")[0]
    assert [c.tag.split("}")[1] for c in para] == ["cb", "figure"]
    assert texts(result, "//t:p/t:figure/t:byline/t:persName") == ["徐建中"]


def test_a_byline_is_never_joined_into_a_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n第一段。\n\n第二段没有结束\n\n本报记者 张瑾\n")
    assert paragraphs(result) == ["第一段。", "第二段没有结束"]
    assert texts(result, "//t:div/t:byline/t:persName") == ["张瑾"]


# -- missing starts ----------------------------------------------------------------------------------
def test_an_article_without_headline_at_the_top_of_the_page_may_have_lost_its_start(tmp_path):
    result = encode_text(tmp_path, "一舉一動牽動世界神經。而透過記者捕捉到的小故事，可見一斑。\n")
    gap = xp(result, "//t:p/t:gap")[0]
    assert gap.get("cert") == "low" and gap.get("reason") == "missing"
    item = uncertain(result, "gap")[0]
    assert item.line == 1 and "missing_start = false" in item.correction


@pytest.mark.parametrize("opening", ["本报讯（记者 曹婷婷）今年11月8日是记者节，全市举行表彰会。",
                                     "“这两天我的朋友圈都被刷屏了。”代表谢思云说，报道及时。",
                                     "（上接第1版）各地要抓好落实，确保取得实效。"])
def test_a_headless_page_that_opens_like_an_article_has_no_gap(tmp_path, opening):
    result = encode_text(tmp_path, opening + "\n")
    assert xp(result, "//t:gap") == []


def test_a_word_that_opens_a_sentence_before_a_comma_is_no_fragment(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n路，穿越绝壁，伸向雪峰之巅。\n")
    assert xp(result, "//t:gap") == []


def test_a_predicate_before_a_comma_is_a_fragment(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n全媒体记者 杨佳\n\n够，更要有完善的机制保障。\n")
    gap = xp(result, "//t:p/t:gap")[0]
    assert gap.get("cert") is None


def test_an_opening_inside_a_compound_word(tmp_path):
    result = encode_text(tmp_path, "## 本溪市属企业走出困境\n\n业总产值实现39.1亿元，比去年同期提高20.9%。\n")
    assert xp(result, "//t:p/t:gap/@cert") == ["low"]


def test_a_fragment_of_a_phrase_after_a_photo_starts_another_article(tmp_path):
    text = ("## 华主席会见代表团\n\n新华社北京九月二十八日电 国务院总理华国锋，今天晚上会见了代表团。\n\n"
            "华主席同团长亲切交谈。 新华社记者摄\n\n理华国锋，今天下午会见了军事友好代表团。\n")
    result = encode_text(tmp_path, text)
    articles = xp(result, "//t:div[@type='article']")
    assert len(articles) == 2
    assert xp(result, "//t:div[@type='article'][2]/t:p/t:gap/@cert") == ["low"]


def test_a_phrase_found_elsewhere_mid_article_is_no_lost_opening(tmp_path):
    # Only after a photo or at a page's top may another article begin.
    text = ("## 本溪市属企业走出困境\n\n本溪市委、市政府还注意有进有退。\n\n"
            "市委、市政府按照原则，让优势企业收购困难企业。\n")
    result = encode_text(tmp_path, text)
    assert xp(result, "//t:gap") == [] and len(xp(result, "//t:div[@type='article']")) == 1


def test_a_repeat_that_lost_its_first_words_is_no_lost_opening(tmp_path):
    # The extraction repeats a paragraph after a page break, without its first words.
    original = ("侯川强调，在加快推进四平市人力资源服务产业园建设中，一要进一步提高站位，共促人才新产业振兴，"
                "充分发挥广大政协委员的优势，助力产业园高质量发展。")
    result = encode_text(tmp_path, f"## 标题\n\n{original}\n\f\n{original[15:]}\n")
    assert xp(result, "//t:gap") == [] and xp(result, "//t:p/@copyOf") == ["#a01-p1"]


def test_a_near_repeat_that_lost_its_first_words_is_no_lost_opening(tmp_path):
    # ... and a few characters more further on: it still repeats its original.
    original = ("侯川强调，在加快推进四平市人力资源服务产业园建设中，一要进一步提高站位，共促人才新产业振兴，"
                "充分发挥广大政协委员的优势，助力产业园高质量发展。")
    near = original[15:].replace("进一步", "")
    result = encode_text(tmp_path, f"## 标题\n\n{original}\n\f\n{near}\n")
    assert xp(result, "//t:gap") == [] and xp(result, "//t:p/@copyOf") == ["#a01-p1"]


def test_editorial_declaration_names_the_rule_that_fired(tmp_path):
    result = encode_text(tmp_path, "一舉一動牽動世界神經。而透過記者捕捉到的小故事，可見一斑。\n")
    decl = "".join(xp(result, "//t:editorialDecl/t:interpretation")[0].itertext())
    assert "article without a headline at the top of a page (1)" in decl


def test_the_editor_denies_a_guessed_gap(tmp_path):
    result = encode_text(tmp_path, "一舉一動牽動世界神經。而透過記者捕捉到的小故事，可見一斑。\n",
                         "[[correction]]\nline = 1\nmissing_start = false\n")
    assert xp(result, "//t:gap") == [] and uncertain(result, "gap") == []


# -- headings --------------------------------------------------------------------------------------
def test_three_headlines_at_one_level_are_a_main_and_its_decks(tmp_path):
    result = encode_text(tmp_path, "## 千岛湖游船特大案件破获\n\n## 三名案犯被逮捕\n\n## 审理工作正加紧进行\n\n"
                                   "新华社杭州4月22日电 记者获悉。\n")
    assert [(h.get("type"), h.text) for h in xp(result, "//t:head")] == [
        ("main", "千岛湖游船特大案件破获"), ("sub", "三名案犯被逮捕"), ("sub", "审理工作正加紧进行")]


def test_unmarked_headlines_over_a_dispatch(tmp_path):
    result = encode_text(tmp_path, "鲁南我军收复枣庄\n\n蒋军五十一师被歼\n\n【新华社鲁南前线二十一日急电】盘踞枣庄之敌已被歼灭。\n")
    assert [(h.get("type"), h.text) for h in xp(result, "//t:head")] == [
        ("main", "鲁南我军收复枣庄"), ("sub", "蒋军五十一师被歼")]


def test_an_unmarked_line_over_a_marked_headline_is_its_kicker(tmp_path):
    result = encode_text(tmp_path, "遵照重要批示，立即采取有效措施\n\n## 洛阳轴研所迅速改变面貌\n\n正文。\n")
    assert texts(result, "//t:head[@type='kicker']") == ["遵照重要批示，立即采取有效措施"]


@pytest.mark.parametrize("kicker,kind", [("福建通讯", "column"), ("国务院常务会议", "kicker")])
def test_a_genre_word_makes_a_column_label(tmp_path, kicker, kind):
    result = encode_text(tmp_path, f"### {kicker}\n\n## 赵顶良深入基层三年间\n\n正文。\n")
    assert texts(result, f"//t:head[@type='{kind}']") == [kicker]


def test_a_marked_heading_right_under_the_headline_over_text_is_a_section(tmp_path):
    result = encode_text(tmp_path, "## 两会采访花絮\n\n### 郑斯林能答的问题我一定答\n\n3月6日，我见到了郑斯林部长。\n")
    assert texts(result, "//t:div[@type='section']/t:head") == ["郑斯林能答的问题我一定答"]


@pytest.mark.parametrize("head", ["单霁翔打开电脑回答问题", "日谋夜虑为群众，病中不忘抓生产", "“不劳动是条短路”"])
def test_unmarked_section_heads(tmp_path, head):
    result = encode_text(tmp_path, f"## 标题\n\n第一段完整的话。\n\n{head}\n\n"
                                   "头一条，就是劳动好，这是第二部分的第一段话。\n")
    assert texts(result, "//t:div[@type='section']/t:head") == [head]
    assert uncertain(result, "role")[0].rule == "unmarked section head"


@pytest.mark.parametrize("line", ["会议认为，在邓小平同志重要谈话和党的十四大精", "市委常委、常务副市长王有利应邀出席"])
def test_a_paragraph_cut_short_is_not_a_section_head(tmp_path, line):
    after = "神鼓舞下，广大干部和群众解放思想，抓住机遇。" if "精" in line else "会议并讲话。"
    result = encode_text(tmp_path, f"## 标题\n\n第一段完整的话。\n\n{line}\n\n{after}\n")
    assert xp(result, "//t:div[@type='section']") == []
    assert paragraphs(result)[1] == line + after


def test_an_editors_note_is_the_argument_and_continues_across_a_break(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n记者 张三\n\n编者按：批示像强劲的春风，\n\n吹遍了轴研所。\n\n正文第一段。\n")
    assert texts(result, "//t:argument/t:p") == ["编者按：批示像强劲的春风，吹遍了轴研所。"]


def test_a_subtitle_never_follows_the_byline(tmp_path):
    result = encode_text(tmp_path, "## 北市選戰升溫\n\n記者陳熙文／台北報導\n\n距年底投票剩四個月，台北市長選\n\n"
                                   "戰卻都陷在一些瑣碎話題。\n")
    assert xp(result, "//t:head[@type='sub']") == []
    assert paragraphs(result) == ["距年底投票剩四個月，台北市長選戰卻都陷在一些瑣碎話題。"]


# -- repeats ---------------------------------------------------------------------------------------
def test_a_short_paragraph_twice_in_one_article_is_a_repeat(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n路，穿越绝壁，伸向雪峰之巅。\n\n中间一段。\n\n路，穿越绝壁，伸向雪峰之巅。\n")
    assert xp(result, "//t:p/@copyOf") == ["#a01-p1"]
