"""Hypothesis strategies for page-like raw texts: headings, split paragraphs, bylines,
captions, furniture, repeats, CJK and ASCII punctuation, form feeds."""

from __future__ import annotations

from hypothesis import strategies as st

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
CLOSE = "，。、；：？！）」』”"
ASCII_PUNCT = ",.;:?!()\"'-"


def han_text(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    alphabet = st.sampled_from(HAN + HAN + CLOSE + ASCII_PUNCT + "0123456789 ABCxyz“《》（")
    return st.text(alphabet, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)


def sentence() -> st.SearchStrategy[str]:
    return st.builds(lambda body, end: body + end, han_text(4, 50), st.sampled_from("。！？…"))


# Shapes of issue 9: datelines, sign-offs, credits, desk codes and the page's furniture as
# other papers print them.
RUN_INS = ["【新华社太原十二日电】", "【本报陇海前线四日电】", "（记者王晓东）", "（通讯员 赵明 记者 孙丽华）",
           "据新华社3日讯 ", "本报记者陆珂报道：", "本报北京11月10日讯 记者周象光报道：", "贵港讯 ",
           "新华社北京九月二十八日电 ", "〔記者甘孟霖／台北報導〕", "（中央社記者陳家倫台北25日電）",
           "新華社北京9月27日電（記者胡浩）", "中評社北京3月5日電（中評社報道組）", "本报讯 据长江日报消息：",
           "本报讯 记者张三 通讯员李四 ", "中新网北京3月5日电（记者 张三）", "央视网消息（记者 张三）："]
SIGN_OFFS = ["——本报辽宁分社记者胡婧怡", "本报记者 张瑾", "作者：全媒体记者张庆杰", "（据新华社长沙3月5日电）",
             "梅州日报记者：郑炜梅", "淮河路小学校园记者 许帅珂", "③7",
             "（中評社報道組：張爽 林艶 後援：海涵 實習記者：王若舟）"]
BYLINES = ["全媒体记者 杨佳", "记者 张三 李四", "赵艳红", "通讯员 刘万平", "任戈 王宗炳 丹红", "☉張國財",
           "新华社记者刘永华贾永本报记者张强", "中共将乐县委通讯组 福建日报记者", "编译／曹国维",
           "□本报记者沈亮发自北京 实习生鲁韵子", "记者陈熙文、郑媁／台北报导", "□见习记者 余子愚 文／图",
           "經濟日報／ 記者夏淑賢／台北即時報導", "文｜张三"]
CREDITS = ["新华社发 胡学军 摄", "梁伟驰／图", "（吕枫 摄）", "③2 王俊祥 摄", "■ 新华社记者 金良快 摄",
           "新华社记者 官天一摄（传真照片）", "（民眾提供）", "本报通讯员 李林根摄", "新华社记者摄",
           "西江都市報記者 楊珊 攝影報道", "本报记者 李灿明\n通讯员 韦宇轩 摄", "新华社发（张三 摄）"]
FURNITURE = ["本版编辑 郭洪涛 程源", "本版校对 王国成", "责任编辑：李四", "（责编：白宇、卫嘉）", "审核：练海林",
             "本期责任编辑：\n赖旭华、沈伟彬", "A03", "第A05版：要闻", "2024年02月03日"]


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["para", "para", "para", "split", "heading", "kicker", "byline",
                                 "runin", "caption", "furniture", "section", "sub", "ascii",
                                 "dateline", "signoff", "credit", "wire", "field", "list",
                                 "note", "bullet", "label", "quoted", "titled", "figure",
                                 "column", "printed", "measure", "continued"]))
    if kind == "para":
        return " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))
    if kind == "split":
        # A paragraph cut by a column break: the first part ends mid-sentence.
        return draw(han_text(4, 40)).rstrip("。！？…”』」）)") + "，\n\n" + draw(sentence())
    if kind == "heading":
        return "## " + draw(han_text(2, 24))
    if kind == "kicker":
        return "### " + draw(han_text(2, 16)) + "\n\n## " + draw(han_text(2, 24))
    if kind == "section":
        return "### " + draw(han_text(2, 16))
    if kind == "byline":
        return draw(st.sampled_from(BYLINES))
    if kind == "dateline":
        return draw(st.sampled_from(RUN_INS)) + draw(sentence())
    if kind == "signoff":
        # On its own, on the last line of a paragraph, or run on after its last sentence.
        where = draw(st.sampled_from(["alone", "line", "run-on"]))
        sign = draw(st.sampled_from(SIGN_OFFS))
        if where == "alone":
            return sign
        return draw(sentence()) + ("\n" if where == "line" else "") + sign
    if kind == "credit":
        return draw(st.sampled_from(CREDITS))
    if kind == "wire":
        return "新华社北京10月17日电 题：" + draw(han_text(2, 20)).rstrip("。！？…")
    if kind == "field":
        return draw(st.sampled_from(["人物：", "时间：", "身份："])) + draw(han_text(2, 12))
    if kind == "list":
        return draw(sentence()).rstrip("。！？…") + "如下：\n\n一、" + draw(sentence())
    if kind == "note":
        return "编者按：" + draw(han_text(4, 40)).rstrip("。！？…") + "，\n\n" + draw(sentence())
    # Shapes of issue 9's second round: summary points, labels, quoted headings cut in
    # two, titled photos, caption labels, marked column labels, printed lines, measure
    # words without their number, continued-from markers.
    if kind == "bullet":
        return "● " + draw(han_text(4, 40)).rstrip("。！？…")
    if kind == "label":
        return draw(st.sampled_from(["编者按", "链接", "背景"])) + "\n\n" + draw(sentence())
    if kind == "quoted":
        return "“" + draw(han_text(2, 8)) + "，\n\n" + draw(han_text(2, 10)) + "”"
    if kind == "titled":
        return "《" + draw(han_text(2, 10)) + "》 张三／图，" + draw(sentence())
    if kind == "figure":
        return "图为" + draw(sentence())
    if kind == "column":
        return "### " + draw(st.sampled_from("□■◆【")) + draw(han_text(2, 10)) + "\n\n## " + draw(
            han_text(2, 20))
    if kind == "printed":
        line = draw(han_text(12, 12))
        return "\n".join([line, line, draw(han_text(12, 12)).rstrip("。") + "。"])
    if kind == "measure":
        return draw(st.sampled_from("岁级股名")) + draw(sentence())
    if kind == "continued":
        return "（上接A11版）"
    if kind == "runin":
        who = draw(st.sampled_from(["全媒体记者 刘爽", "记者 王五 通讯员 赵六", "实习生 孙七"]))
        return f"本报讯（{who}）{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日，" + draw(sentence())
    if kind == "caption":
        return draw(sentence()) + draw(st.sampled_from([" ", "", "\n"])) + draw(
            st.sampled_from(CREDITS + ["全媒体记者 宋莹莹 摄"]))
    if kind == "furniture":
        return draw(st.sampled_from(FURNITURE))
    if kind == "sub":
        return draw(han_text(2, 20)).rstrip("。！？…")
    return draw(st.text(st.sampled_from("abcdefghij ,.;:!?()-'\"0123456789"), min_size=1,
                        max_size=80).map(str.strip).filter(lambda s: any(c.isalnum() for c in s)))


@st.composite
def page_text(draw) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=14))
    if draw(st.booleans()):
        # Extraction repeats a block further down, sometimes losing its first characters.
        original = draw(st.sampled_from(blocks))
        cut = draw(st.integers(0, 3))
        blocks.append(original[cut:] if len(original) > cut + 1 else original)
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n\n", "\n\n\n\n", "\n\f\n", "\n"]),
                               min_size=len(blocks), max_size=len(blocks)))
    text = "".join(b + s for b, s in zip(blocks, separators))
    return text
