"""Bylines, credits, captions, joins and column labels in the forms of Chinese newspapers
that issue 9's third round generalised to (docs/encoding.md), with the negative cases:
what looks like one of them and is not."""

from __future__ import annotations

import pytest

from helpers import encode_text, texts, xp
from tei_edition import encoder
from tei_edition.errors import InputError
from tei_edition.ingest import bylines as by

TEXT = "当天上午，活动在市文化中心举行，来自全市各区的二百多名代表参加了会议。"


def persons_with_roles(people) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in people.parts if not isinstance(p, str)]


# -- bylines on their own line -------------------------------------------------------------
@pytest.mark.parametrize("line,names", [
    ("本报记者 张三 李四", ["张三", "李四"]),
    ("本报记者 张三、李四", ["张三", "李四"]),
    ("文/张三", ["张三"]),
    ("文／图 张三", ["张三"]),
    ("□ 本报记者 张三", ["张三"]),
    ("记者 张三 通讯员 李四 报道", ["张三", "李四"]),
    ("撰文：张三", ["张三"]),
    ("本报特约记者 王五", ["王五"]),
    ("见习记者 赵六", ["赵六"]),
    ("实习生 孙七", ["孙七"]),
    ("本報記者 陳大文", ["陳大文"]),
    ("中央社記者張三", ["張三"]),
    # a paper's short name before an all-media reporter's role (半岛全媒体记者)
    ("半島全媒體記者 欒英杰 劉金震 劉愷琦 報道", ["欒英杰", "劉金震", "劉愷琦"]),
    ("齐鲁融媒体记者 王芳 报道", ["王芳"]),
    # a media body's name ending in 传媒 before the role
    ("端傳媒記者 吳婧 陳倩兒 發自香港、成都", ["吳婧", "陳倩兒"]),
])
def test_byline_forms(line, names):
    people = by.standalone(line)
    assert people is not None and people.persons == names


def test_places_after_fa_zi_are_places_not_names():
    people = by.standalone("端傳媒記者 吳婧 陳倩兒 發自香港、成都")
    assert ("placeName", "香港") in persons_with_roles(people)
    assert ("placeName", "成都") in persons_with_roles(people)
    # a second role after the place is a person again (本报记者沈亮发自北京 实习生鲁韵子)
    people = by.standalone("□本报记者沈亮发自北京 实习生鲁韵子")
    assert people.persons == ["沈亮", "鲁韵子"]


@pytest.mark.parametrize("line", [
    "半岛全媒体记者报道了这件事的来龙去脉",       # a sentence about a reporter
    "上海市文化全媒体记者 王芳",                  # five characters: no paper's short name
    "学生记者许中华跟着记者一起开启了职业体验。",
])
def test_sentences_that_mention_reporters_are_not_bylines(line):
    assert by.standalone(line) is None


def test_byline_line_over_a_dateline_is_not_a_headline(tmp_path):
    result = encode_text(tmp_path, f"半岛全媒体记者 栾英杰 刘金震 报道\n\n半岛都市报6月7日讯 {TEXT}\n")
    assert texts(result, "//t:head") == []
    assert "半岛全媒体记者栾英杰刘金震报道" in ["".join(t.split()) for t in texts(result, "//t:byline")]
    assert texts(result, "//t:byline//t:persName") == ["栾英杰", "刘金震"]


def test_a_two_character_name_padded_to_three_is_one_name():
    assert by.standalone("本报记者 张  三 李小明").persons == ["张  三", "李小明"]
    assert by.credit("记者 王 五 摄").persons == ["王 五"]
    # not a name: 文 图 after a name are the credit's roles
    assert by.standalone("本报记者 张三 文 图").persons == ["张三"]


@pytest.mark.parametrize("opening,names", [
    ("大公報記者 陳大文 報道：", ["陳大文"]),
    ("【明報專訊】", []),
    ("本报专讯 ", []),
    ("半島都市報6月7日訊 ", []),
])
def test_run_in_forms(opening, names):
    found = by.run_in(opening + "立法會主席曾鈺成表示，會在明日公布。")
    assert found is not None
    assert [p.text for p in found.parts if not isinstance(p, str) and p.kind == "persName"] == names
    assert all(p.kind != "placeName" for p in found.parts if not isinstance(p, str))


def test_a_sentence_naming_a_reporter_stays_text(tmp_path):
    text = f"## 标题\n\n本报讯（记者 吴强）{TEXT}\n\n今天，代表们与本报资深记者唐宁等面对面交流。\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:byline//t:persName") == ["吴强"]
    assert "唐宁" not in texts(result, "//t:persName")


# -- photo credits -------------------------------------------------------------------------
@pytest.mark.parametrize("credit,source", [
    ("攝：Imagine China", "Imagine China"),
    ("图片来源：公众号“每晚古典音乐会”", "公众号“每晚古典音乐会”"),
    ("圖片來源：中央社", "中央社"),
])
def test_credits_that_name_a_source_not_a_person(credit, source):
    people = by.credit(credit)
    assert people is not None and ("orgName", source) in persons_with_roles(people)


def test_credit_led_by_its_role_runs_on_after_a_caption(tmp_path):
    caption = "林鄭月娥（左）和局長張和民（右）參觀中華大熊貓苑。"
    result = encode_text(tmp_path, f"## 標題\n\n{caption}攝：Imagine China\n\n{TEXT}\n")
    assert texts(result, "//t:figure/t:p") == [caption]
    assert texts(result, "//t:figure/t:byline") == ["攝：Imagine China"]


def test_a_small_colon_separates_a_credits_role_from_its_name():
    # ﹕ (U+FE55) is how some Hong Kong and Taiwan papers set the colon
    people = by.credit("（攝影/記者﹕鍾一虹）")
    assert people is not None and people.persons == ["鍾一虹"]
    assert by.standalone("撰文﹕沙半山").persons == ["沙半山"]
    assert by.standalone("人物﹕林维曦") is None          # a field of a profile, as with ：


@pytest.mark.parametrize("line", ["图片来源于网络，仅供参考。", "摄：", "摄影：张三参加了活动，受到好评。"])
def test_sentences_are_not_credits(line):
    assert by.credit(line) is None


# -- captions ------------------------------------------------------------------------------
def test_an_upward_arrow_opens_a_caption_without_a_credit(tmp_path):
    text = f"## 标题\n\n{TEXT}\n\n↑2022年4月20日，工作人员在运维中心主控室工作。\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["↑2022年4月20日，工作人员在运维中心主控室工作。"]


def test_a_triangle_alone_points_at_a_photo(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n▲参观者在展厅内驻足观看。\n\n{TEXT}\n")
    assert texts(result, "//t:figure/t:p") == ["▲参观者在展厅内驻足观看。"]


def test_triangles_in_a_row_are_bullet_points_not_captions(tmp_path):
    text = f"## 标题\n\n{TEXT}\n\n▲ 第一，要把好质量关。\n\n▲ 第二，要把好安全关。\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == []


def test_a_file_photo_note_closes_a_caption(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n参观者在展厅内驻足观看。（资料图片）\n\n{TEXT}\n")
    assert texts(result, "//t:figure/t:p") == ["参观者在展厅内驻足观看。"]
    assert texts(result, "//t:figure/t:byline") == ["（资料图片）"]


def test_a_sentence_between_byline_and_dateline_is_a_caption(tmp_path):
    text = f"## 标题\n\n熊家余 谢慧敏\n\n罗清泉等领导考察宝塔村。\n\n湖北日报消息 {TEXT}\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["罗清泉等领导考察宝塔村。"]
    assert "湖北日报消息" in texts(result, "//t:byline")


def test_a_sentence_under_the_byline_without_a_dateline_stays_text(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n本报记者 张三\n\n罗清泉等领导考察宝塔村。\n\n{TEXT}\n")
    assert texts(result, "//t:figure/t:p") == []


def test_lines_without_punctuation_after_the_text_are_captions(tmp_path):
    second = "至今仍在生产玉扣纸的下坪畲族村茜坑小组非遗产传承人胡兰山的纸寮"
    text = f"## 标题\n\n{TEXT}\n\n考察宁化玉扣纸捞浆生产流程\n\n{second}\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["考察宁化玉扣纸捞浆生产流程", second]
    assert texts(result, "//t:div[@type='section']/t:head") == []
    assert xp(result, "//t:cb") == []


def test_a_short_line_over_text_stays_a_section_head(tmp_path):
    text = f"## 标题\n\n{TEXT}\n\n沙漠里的故事\n\n{TEXT}\n"
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:div[@type='section']/t:head") == ["沙漠里的故事"]
    assert texts(result, "//t:figure/t:p") == []


def test_a_photo_story_closed_by_its_credit_is_all_caption(tmp_path):
    text = ("## “中原粮仓”进入麦收时刻\n\n5月25日，河南省商水县村民在抢收小麦。\n\n"
            "今年“三夏”期间，河南计划投入各类农机400万台。\n\n新华社发（高建中 摄）\n\n"
            "## 另一篇\n\n" + TEXT + "\n")
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["5月25日，河南省商水县村民在抢收小麦。",
                                               "今年“三夏”期间，河南计划投入各类农机400万台。"]


def test_an_article_of_two_paragraphs_closed_by_a_photo_keeps_its_text(tmp_path):
    text = (f"## 标题\n\n{TEXT}\n\n会议要求，各地要切实把各项措施落到实处。\n\n参观者在展厅内驻足观看。\n\n"
            f"本报记者 张三 摄\n\n## 下一篇\n\n{TEXT}\n")
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["参观者在展厅内驻足观看。"]
    assert len(xp(result, "//t:div[@type='article'][1]/t:p")) == 2


def test_an_article_with_text_after_its_photo_keeps_its_text(tmp_path):
    text = (f"## 标题\n\n{TEXT}\n\n参观者在展厅内驻足观看。\n\n本报记者 张三 摄\n\n{TEXT}\n")
    result = encode_text(tmp_path, text)
    assert texts(result, "//t:figure/t:p") == ["参观者在展厅内驻足观看。"]
    assert len(xp(result, "//t:div[@type='article']/t:p")) == 2


# -- column labels over a headline ----------------------------------------------------------
@pytest.mark.parametrize("label", ["目击", "读者感言", "用鏡頭看臺灣", "镜观中国·新华社国内新闻照片一周精选"])
def test_unmarked_column_label_over_a_marked_headline_is_no_kicker(tmp_path, label):
    result = encode_text(tmp_path, f"{label}\n\n## 强化舆论引导力\n\n{TEXT}\n")
    assert texts(result, "//t:head[@type='kicker']") == []
    assert texts(result, "//t:head[@type='main']") == ["强化舆论引导力"]


def test_four_characters_over_the_pages_first_text_are_a_column(tmp_path):
    opening = "2022年春天，我怀揣对大草原的憧憬来到内蒙古呼和浩特，开启了职业生涯中的新体验。"
    result = encode_text(tmp_path, f"我在现场\n\n{opening}\n")
    assert texts(result, "//t:head[@type='column']") == ["我在现场"]
    assert texts(result, "//t:head[@type='main']") == []
    result = encode_text(tmp_path, f"推进新校园建设\n\n{opening}\n", name="b")
    assert texts(result, "//t:head[@type='main']") == ["推进新校园建设"]


def test_unmarked_phrase_over_a_marked_headline_is_still_its_kicker(tmp_path):
    result = encode_text(tmp_path, f"全省秋粮收购工作全面展开\n\n## 强化舆论引导力\n\n{TEXT}\n")
    assert texts(result, "//t:head[@type='kicker']") == ["全省秋粮收购工作全面展开"]


# -- joins ---------------------------------------------------------------------------------
def _breaks(result) -> int:
    return len(xp(result, "//t:p//t:cb[@break='no'] | //t:p//t:pb[@break='no']"))


@pytest.mark.parametrize("after", [TEXT, "“这项工作意义重大。”"])
def test_a_short_line_without_punctuation_is_not_joined_at_a_words_end(tmp_path, after):
    # 专家点评 could be a paragraph's first words, but nothing shows a paragraph was cut
    # (over a full paragraph it is a section head; over a short quotation, a paragraph).
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n专家点评\n\n{after}\n")
    assert _breaks(result) == 0
    assert any(item.rule.startswith("the line before has no punctuation") for item in result.review()) \
        or texts(result, "//t:div[@type='section']/t:head") == ["专家点评"]


def test_a_short_line_cut_inside_a_word_is_joined(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n坚决扛起保障国\n\n家粮食安全重要政治责任，全面落实粮食安全责任制。\n")
    assert _breaks(result) == 1


def test_a_short_line_before_a_block_that_opens_with_a_comma_is_joined(tmp_path):
    result = encode_text(tmp_path, f"## 标题\n\n{TEXT}\n\n十七届五中全会后\n\n，一个名为“郑青”的微博开通了，关注者众多。\n")
    assert _breaks(result) == 1


def test_a_paragraph_end_after_a_full_stop_is_not_joined_without_evidence(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n照片中的男孩，大约八九岁模样。\n\n书店老板娘记得，那是一家三口，专程从黑龙江来买书。\n")
    assert _breaks(result) == 0


def test_a_block_ending_with_a_comma_is_joined(tmp_path):
    result = encode_text(tmp_path, "## 标题\n\n该俱乐部于2006年在格致中学成立，\n\n由首届世博小使者发起。\n")
    assert _breaks(result) == 1


def test_the_last_line_must_be_full_to_the_column_to_join_after_a_full_stop(tmp_path):
    lines = "一二三四五六七八九十一二三四五六七八九十\n" * 3
    # one character short of the column: a paragraph's last line, as often as not
    short = lines + "一二三四五六七八九十一二三四五六七八。\n\n书店老板娘记得，那是一家三口，专程从黑龙江来买书。\n"
    full = lines + "一二三四五六七八九十一二三四五六七八九。\n\n书店老板娘记得，那是一家三口，专程从黑龙江来买书。\n"
    assert _breaks(encode_text(tmp_path, "## 标题\n\n" + short, name="short")) == 0
    assert _breaks(encode_text(tmp_path, "## 标题\n\n" + full, name="full")) == 1


# -- missing starts ------------------------------------------------------------------------
def test_a_paragraph_opening_with_a_comma_after_a_finished_one_lost_its_start(tmp_path):
    text = f"## 标题\n\n会议要求，各地要切实把各项措施落到实处。\n\n\f\n，确保取得实效。{TEXT}\n"
    result = encode_text(tmp_path, text)
    gaps = xp(result, "//t:p/t:gap[@reason='missing']")
    assert len(gaps) == 1 and gaps[0].getparent().xpath("string()").startswith("，确保")


@pytest.mark.parametrize("opening", ["清晨的鸟鸣唤醒了位于浙江中部有着700多年历史的古村落，诸葛议站在墙边。",
                                     "初冬时节，中条山上，南岭村里，一股清泉从井下喷涌而出。"])
def test_a_headless_article_opening_with_its_scenes_time_is_no_gap(tmp_path, opening):
    # An article without a headline at the top of a page may have lost its top; one that
    # opens as a feature's lead opens (the time of its scene) has not.
    result = encode_text(tmp_path, f"{opening}\n\n{TEXT}\n")
    assert xp(result, "//t:gap") == []


def test_a_headless_article_opening_mid_story_is_a_guessed_gap(tmp_path):
    result = encode_text(tmp_path, f"一舉一動牽動世界神經，各方都在關注會議的結果。\n\n{TEXT}\n")
    assert xp(result, "//t:gap/@cert") == ["low"]


@pytest.mark.parametrize("opening", ["今年以来，我市积极推进各项工作，取得了明显成效。",
                                     "据了解，该项目已经完成。",
                                     "记者从市文化局获悉，该项目已经完成。"])
def test_a_normal_opening_is_no_gap(tmp_path, opening):
    result = encode_text(tmp_path, f"## 标题\n\n{opening}\n\n{TEXT}\n\n但是，{TEXT}\n")
    assert xp(result, "//t:gap") == []


# -- the encoder's own check: a TEI larger than any reader accepts ----------------------------
def test_a_tei_larger_than_the_toolkit_reads_is_refused_as_input(tmp_path, monkeypatch):
    monkeypatch.setattr(encoder, "MAX_INPUT_BYTES", 4000)
    with pytest.raises(InputError) as info:
        encode_text(tmp_path, "## 标题\n\n" + TEXT * 40 + "\n")
    assert "MB the toolkit reads as input" in str(info.value)
    assert not (tmp_path / "page.xml").exists()
