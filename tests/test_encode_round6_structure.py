"""Issue 9, round six: decisions across blocks (column joins, repeats, missing starts) that
hold for any paper, each on a small page written for the test (no text of the evaluation
sets). One rule piece per test; each test fails when its piece is taken out.
"""

from __future__ import annotations

from helpers import TEXT, encode_text, joins, texts, xp
from tei_edition.ingest import joins as jn

MORE = "县交通局负责人介绍，明年还将改造危桥十八座，让山里人出门走上放心路。"


def _paragraphs(result) -> list[str]:
    return ["".join("".join(t.split()) for t in p.itertext()) for p in xp(result, "//t:body//t:p")]


def _review_rules(result) -> list[str]:
    return [d.rule for d in result.page.decisions]


# -- what a paragraph never runs into -----------------------------------------------------------
def test_a_dispatch_dateline_opens_an_article_after_a_cut_line(tmp_path):
    # The line before ends without a stop (a deck the roles missed, or a cut paragraph), but
    # 本报讯 … 报道： opens a dispatch: no paragraph goes on into it.
    cut = "乡镇企业已达一千五百多个，去年产值占全市百分之十七，品种单调、效益差的状况正在改变"
    result = encode_text(tmp_path, f"## 公路修到家门口\n\n{TEXT}\n\n{cut}\n\n本报讯 记者王晓东报道：{MORE}\n")
    assert joins(result) == 0
    assert cut in _paragraphs(result)


def test_a_field_line_is_not_joined_to_the_text_above_it(tmp_path):
    # 来源：… is a field of the page's furniture, not the rest of the line above it.
    # 地点：… is a field of a notice, not the rest of the line above it.
    result = encode_text(tmp_path, f"## 公路修到家门口\n\n{TEXT}\n\n展览将持续到本月底，欢迎广大读者前来参观\n\n"
                                   "地点：县文化馆二楼展厅\n")
    assert joins(result) == 0


def test_a_field_line_with_a_bullet_is_not_joined_to_the_text_below_it(tmp_path):
    result = encode_text(tmp_path, f"## 公路修到家门口\n\n{TEXT}\n\n●出处：《县交通志》第三卷第二章，县档案馆藏\n\n"
                                   f"在我动笔写这篇文章之前，{MORE}\n")
    assert joins(result) == 0


def test_speech_after_a_verb_of_saying_is_no_field_line(tmp_path):
    # 村支书说：… is short and opens with a word and a colon, like 来源：…, but it is speech.
    result = encode_text(tmp_path, f"## 公路修到家门口\n\n{TEXT}\n\n那天全村人都聚在村口，\n\n"
                                   "村支书说：路修好了，大家出门再也不用蹚泥\n")
    assert joins(result) == 1


def test_a_desk_credit_without_a_colon_is_closing_matter():
    # (roles.py reads this line as a page credit; the join step holds it apart even where
    # the roles did not.)
    assert jn._closing_matter("本文图片均为实地拍摄，未经处理", "本版编辑 周大为")
    assert jn._closing_matter("本版编辑 周大为", "本文图片均为实地拍摄，未经处理")


def test_a_running_head_is_not_the_first_half_of_a_paragraph():
    assert jn._closing_matter("2024年3月8日 星期五 FRIDAY, MARCH 8, 2024", TEXT)
    assert not jn._closing_matter("会议定于3月8日星期五召开，请各单位", "准时参加。")


def test_a_block_ending_with_a_photo_credit_closes_a_caption():
    assert jn._closing_matter("图为村民在新修的公路上骑行。 本报记者 王晓东 摄", "「第三次入冬」")
    assert not jn._closing_matter("村民在新修的公路上骑行，", "「第三次入冬」")


def test_a_sentence_opening_with_a_desk_word_is_still_joined(tmp_path):
    # 编辑陈凡教我们…: a sentence, not a desk's credit (it has a comma).
    result = encode_text(tmp_path, f"## 回忆\n\n那时我初到报社，前辈们教我如何写标题；\n\n"
                                   "编辑陈凡则教我们如何抓住重点，一篇稿子改了三遍。\n")
    assert joins(result) == 1


# -- a quotation open across the break ----------------------------------------------------------
def test_a_sentence_end_inside_an_open_quotation_is_joined(tmp_path):
    result = encode_text(tmp_path, "## 老读者\n\n他说：“文章发表后，编辑给我回了信，鼓励我继续写。\n\n"
                                   "你看，这就是当年的回信。”他小心地拿出了信纸。\n")
    assert joins(result) == 1
    assert "quotation" in " ".join(_review_rules(result))


def test_a_quotation_over_two_paragraphs_opens_each_anew(tmp_path):
    result = encode_text(tmp_path, "## 老读者\n\n他说：“文章发表后，编辑给我回了信，鼓励我继续写。\n\n"
                                   "“你看，这就是当年的回信。”他小心地拿出了信纸。\n")
    assert joins(result) == 0


# -- an opening that cannot open a sentence -----------------------------------------------------
def test_a_short_line_before_what_cannot_open_a_sentence_is_joined(tmp_path):
    # 由于本县地盘 | 小，…: 小， opens no sentence; the short line is the paragraph's start.
    result = encode_text(tmp_path, f"## 同行\n\n{TEXT}\n\n由于本县地盘\n\n小，同行之间时常相见，一天见几面也不稀奇。\n")
    assert joins(result) == 1


# -- a colon that announces a list --------------------------------------------------------------
def test_a_colon_after_a_count_announces_a_list(tmp_path):
    result = encode_text(tmp_path, "## 改革\n\n为了改变这种状况，县里从以下几方面采取了措施：\n\n"
                                   "实行多渠道经营，国营、集体、个体一齐上。\n\n发挥乡镇的优势，组织城乡协作。\n")
    assert joins(result) == 0


def test_a_time_of_day_before_a_colon_is_no_count():
    assert jn._ANNOUNCING.search("他总结了三点")
    assert not jn._ANNOUNCING.search("直到晚上十点")
    assert not jn._ANNOUNCING.search("直到上午10点")


def test_a_colon_before_items_that_open_alike_announces_a_list(tmp_path):
    result = encode_text(tmp_path, "## 村规\n\n全县推广这一办法，短时间内就收到了显著的效果：\n\n"
                                   "村规民约使人们的精神面貌发生了可喜的变化，好人好事层出不穷。\n\n"
                                   "村规民约形成了强大的社会舆论，有力地改造着陈规陋习。\n")
    assert joins(result) == 0


def test_a_colon_before_speech_is_still_joined(tmp_path):
    result = encode_text(tmp_path, "## 登楼\n\n当他第一次登上城楼，俯看江水，不禁惊叹：\n\n外面的世界真精彩！\n\n"
                                   f"{TEXT}\n")
    assert joins(result) == 1


# -- photos between the halves ------------------------------------------------------------------
def test_a_line_without_a_sentence_mark_after_a_photo_is_not_joined(tmp_path):
    result = encode_text(tmp_path, f"## 港闻\n\n{TEXT}\n\n她独力抚养三名子女，其中两人智障，她昨晚收拾好自己的药物，\n\n"
                                   "图为她在家中整理药物。 本报记者 王晓东 摄\n\n"
                                   "单亲母亲忧万一 训练十岁儿子照顾姐姐 叹「病了不敢看医生」\n")
    assert joins(result) == 0


def test_quoted_speech_after_a_photo_is_still_joined(tmp_path):
    result = encode_text(tmp_path, f"## 读者\n\n{TEXT}\n\n老读者说着就指向了与他一起过来的爱人，\n\n"
                                   "图为老读者在活动现场。 本报记者 王晓东 摄\n\n“我们家不只是我看晚报，孩子们也喜欢看”\n")
    assert joins(result) == 1


def test_a_bare_caption_between_the_halves_of_a_paragraph(tmp_path):
    # 车队来 | (caption) | 到会场…: the caption stands inside the joined paragraph as a photo.
    result = encode_text(tmp_path, f"## 迎宾\n\n{TEXT}\n\n在警察车队的护送下，车队来\n\n"
                                   "舍利由花车运送往运动场祈福大会会场供市民瞻礼\n\n"
                                   "到祈福大会主会场，沿路有舞狮队夹道欢迎。\n")
    assert joins(result) == 1
    assert texts(result, "//t:p/t:figure/t:p") == ["舍利由花车运送往运动场祈福大会会场供市民瞻礼"]


def test_a_labelled_caption_after_a_comma_stands_inside_the_paragraph(tmp_path):
    result = encode_text(tmp_path, "## 会面\n\n司长昨日进行最后一日的访问，与市长会面，\n\n"
                                   "图：司长（左）与市长会面，交换意见。\n\n就深化两地合作交换意见，并感谢市政府的支持。\n")
    assert joins(result) == 1
    assert texts(result, "//t:p/t:figure/t:p") == ["图：司长（左）与市长会面，交换意见。"]


# -- repeats ------------------------------------------------------------------------------------
def test_a_short_paragraph_repeated_without_its_stop_is_a_repeat(tmp_path):
    result = encode_text(tmp_path, f"## 读者\n\n{TEXT}\n\n在他眼中，这张报纸既是“恩师”，也是“益友”。\n\n"
                                   f"在他眼中，这张报纸既是“恩师”，也是“益友”\n\n{MORE}\n")
    assert len(xp(result, "//t:p[@copyOf]")) == 1


ARTICLE = ("台东县三和地区十九日晚间发生一起车祸，一名男子驾车撞伤路人后逃逸，二十日上午到案说明。",
           "十九日晚间七时许，住在三和的四十岁男子穿越马路时被一辆自小客车撞倒，送医后宣告不治。",
           "目击民众表示，自小客车肇事后往市区方向驶去，警方调阅监视器画面后，锁定了肇事车辆。")
NEXT = ("城县独树镇一所学校的男生宿舍十九日深夜发生火灾，造成十三名学生死亡，一名学生受伤。",
        "当地消防部门接到报警后，立即调派消防车赶赴现场扑救，大火在半小时后被扑灭。")


def test_a_repeated_article_ends_where_the_repeated_text_ends(tmp_path):
    # After a form feed the extractor printed the article's first part again, then went on
    # with the next article, whose headline and first words are lost.
    page = "## 车祸肇逃男子到案\n\n" + "\n\n".join(ARTICLE) + "\n\f## 车祸肇逃男子到案\n\n" \
        + "\n\n".join(ARTICLE[:2] + NEXT) + "\n"
    result = encode_text(tmp_path, page)
    assert len(xp(result, "//t:div[@type='article'][@copyOf]")) == 1
    assert not xp(result, "//t:p[@copyOf]")
    gaps = xp(result, "//t:gap[@reason='missing']")
    assert len(gaps) == 1 and gaps[0].get("cert") == "low"
    assert "".join(gaps[0].getparent().itertext()).startswith(NEXT[0][:10])


def test_a_repeated_article_whose_later_text_is_its_originals_rewritten_is_not_cut(tmp_path):
    # The third paragraph shares much with the original's (rewritten, not another article):
    # the copy is not cut there (and, at less than 80 % shared, is no article repeat).
    rewritten = "目击民众表示，自小客车肇事后往市区方向驶去，警方已经调阅沿线监视器画面，并通知家属。"
    page = "## 车祸肇逃男子到案\n\n" + "\n\n".join(ARTICLE) + "\n\f## 车祸肇逃男子到案\n\n" \
        + "\n\n".join(ARTICLE[:2] + (rewritten,) + NEXT[1:]) + "\n"
    result = encode_text(tmp_path, page)
    assert len(xp(result, "//t:body/t:div")) == 2
    assert not xp(result, "//t:gap")


def test_a_repeated_article_that_goes_on_with_its_own_text_stays_whole(tmp_path):
    page = "## 车祸肇逃男子到案\n\n" + "\n\n".join(ARTICLE) + "\n\f## 车祸肇逃男子到案\n\n" \
        + "\n\n".join(ARTICLE) + "\n"
    result = encode_text(tmp_path, page)
    assert len(xp(result, "//t:div[@type='article'][@copyOf]")) == 1
    assert not xp(result, "//t:gap")


def test_articles_of_one_column_that_open_alike_are_not_cut(tmp_path):
    # Two pieces under one column's name open with the same short line: too short to tell a
    # part printed again from the column's formula.
    page = "## 读者来信\n\n本栏欢迎读者来稿。\n\n" + ARTICLE[0] + "\n\n## 读者来信\n\n本栏欢迎读者来稿。\n\n" \
        + NEXT[1] + "\n"
    result = encode_text(tmp_path, page)
    assert len(xp(result, "//t:body/t:div")) == 2
    assert not xp(result, "//t:gap")


# -- missing starts -----------------------------------------------------------------------------
def test_a_photo_above_the_text_says_the_pages_top_survived(tmp_path):
    # No headline, but the photo printed above the text is there: the text's opening is too.
    page = f"图为新修的山区公路。 本报记者 王晓东 摄\n\n疫情期间兴起的乡村游，让山里的公路热闹起来，{TEXT}\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert xp(result, "//t:figure")
    assert not xp(result, "//t:gap")


def test_a_photo_under_the_byline_above_the_text_says_the_pages_top_survived(tmp_path):
    page = f"联合报／记者王晓东／县城报导\n\n图为新修的山区公路。 本报记者 李大明 摄\n\n" \
        f"疫情期间兴起的乡村游，让山里的公路热闹起来，{TEXT}\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert xp(result, "//t:div/t:figure")
    assert not xp(result, "//t:gap")


def test_without_the_photo_the_same_page_lost_its_top(tmp_path):
    page = f"疫情期间兴起的乡村游，让山里的公路热闹起来，{TEXT}\n\n{MORE}\n"
    result = encode_text(tmp_path, page)
    assert xp(result, "//t:gap[@cert='low']")


# -- time ---------------------------------------------------------------------------------------
def test_a_paragraph_cut_into_many_blocks_joins_in_near_linear_time():
    # Each decision reads the blocks at the break and the paragraph's text kept as it grew,
    # not the whole paragraph joined so far, read again.
    from test_encode_scale import GROWTH_LIMIT, _growth

    def page(n: int) -> str:
        return "## 标题\n\n" + "\n\n".join(f"会议强调要深入贯彻安全生产重要论述精神第{i}项紧绷安全之弦，"
                                          for i in range(n)) + "\n"

    small, large = _growth(page(800), page(3200))
    assert large < GROWTH_LIMIT * small, (small, large)
