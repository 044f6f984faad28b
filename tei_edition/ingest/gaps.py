"""Missing starts: articles and paragraphs whose opening the extraction lost.

Evidence, strongest first (docs/encoding.md):

1. the editor's word in the sidecar (`missing_start`);
2. an opening that cannot start a sentence: punctuation, or one or two characters and a
   comma that are not a word able to open a sentence (`够，更要有…`; but `目前，`, `但，`
   and a noun as the topic, `路，穿越绝壁…`, are openings) — certain, no @cert;
3. an opening inside a compound word: the dictionary segmenter reads a lone noun
   character glued to the noun after it (`业|总产值…`, the rest of 工业总产值);
   `cert="low"`;
4. an opening that needs the word before it: a measure word read alone (`岁的会计…`,
   `级领导干部…`: Chinese counts with a number before it), a particle that closes a
   phrase (`的会计说…`), one character and 、 before no item of a list
   (`业、以优良成绩…`), or a word read alone that links to what stood before it (`至初三，`
   ends a range, `较上年…` is 比较, `及`, `暨`; not 至 before a deadline, `至去年底，`);
   also on a later paragraph after a finished sentence, where a paragraph lost its first
   line; `cert="low"`;
5. a fragment of a phrase found whole elsewhere on the page (`理华国锋，今天下午` where
   the page also has `国务院总理华国锋，今天晚上`): the paragraph begins inside a word;
   `cert="low"`;
6. an article without any headline at the top of a page, whose first paragraph opens
   neither with a dateline or byline, nor with a quotation lead, nor with a news lead's
   own opening (`9月12日，`, `记者…`): the extraction lost its top, perhaps with its first
   words; `cert="low"`. Not when the page's running head or page number, or a photo
   printed above the article's text, survives above it: the page's top is there, only
   the headline is missing; nor when one of its first paragraphs speaks of the paper's
   own reports (`本报今天发表…`, `我们推出这组…报道`, `以《…》为题`): a page's
   introduction, complete as printed.
7. the text after the part of an article that the extractor printed again under its
   headline (structure.py cuts the repeat there): the next article, whose headline, byline
   and first words are lost; `cert="low"`.

Every guess (3-7) is listed for the editor's review with the correction that denies it.
A normal opening (a dateline, a byline, a headline above it) is never marked.

The segmenter is rjieba (jieba's dictionary in Rust): loaded once, on the first opening
that needs it (~0.15 s, ~35 MB), then some microseconds an opening. Traditional text is
read through OpenCC's t2s tables (simplified()): jieba's dictionary is simplified.
"""

from __future__ import annotations

import re

from ..model import (Article, Byline, Decision, Figure, Furniture, Gap, Page, PageBreak,
                     Paragraph)
from . import patterns as pat
from .bylines import SURNAMES as _SURNAMES

_QUOTE_OPENINGS = "“「『\"‘"
# Punctuation that follows a word and never opens a text.
_NO_OPENING = set("，、；：。？！,;:")
_RULE_NAMES = {
    "opening": "opening that cannot start a sentence",
    "compound": "opening inside a compound word",
    "measure": "opening with a measure word whose number is lost",
    "particle": "opening with a particle that ends a phrase",
    "list": "opening with one character and 、 before no item of a list",
    "linking": "opening with a word that links to what came before it (至, 较, 及)",
    "fragment": "opening found mid-phrase elsewhere on the page",
    "headless": "article without a headline at the top of a page",
    "repeat": "text after a repeated article's part, without a headline of its own",
    "editor": "stated by the editor (sidecar)",
}


def mark_gaps(page: Page) -> None:
    """Put a gap where an article or paragraph lost its start (roles.py marks a block's
    `lost_opening` where another article begins mid-phrase)."""
    page_openers = _page_openers(page)
    for art in page.articles:
        paragraphs = art.paragraphs()
        first_body = next((x for x in art.items if isinstance(x, Paragraph)),
                          paragraphs[0] if paragraphs else None)
        previous = None
        for para in paragraphs:
            decided = para.blocks[0].missing_start
            before, previous = previous, para
            if decided == "none":
                continue
            cert, rule = None, "editor"
            if decided is None:
                if para is not first_body:
                    # A later paragraph: only where the one before it ended, and only
                    # on the grammar's evidence (a measure word without its number, a
                    # particle that closes a phrase).
                    if before is None or not pat.ends_paragraph(before.text):
                        continue
                    if para.text.lstrip()[:1] in _NO_OPENING:
                        # ，确保… after a finished paragraph: no sentence opens with a
                        # comma, and none continues a full stop with one.
                        decided, cert, rule = "chars", None, "opening"
                    else:
                        rule = _needs_a_word_before(para.text.lstrip())
                        if rule is None:
                            continue
                        decided, cert = "chars", "low"
                else:
                    decided, cert, rule = _guess(art, para, any(art is o for o in page_openers))
                if decided is None:
                    continue
            _place(page, art, para, first_body, decided, cert)
            page.gaps += 1
            page.rules[_RULE_NAMES.get(rule, rule)] = page.rules.get(_RULE_NAMES.get(rule, rule),
                                                                     0) + 1
            if cert is not None:
                block = para.blocks[0]
                page.decisions.append(Decision(
                    "gap", block, "start marked as missing (gap)", _RULE_NAMES[rule], cert,
                    f"[[correction]]\nline = {block.start_line}\nmissing_start = false"))


def _guess(art: Article, para: Paragraph,
           opens_page: bool) -> tuple[str | None, str | None, str]:
    text = para.text.lstrip()
    if pat.starts_mid_sentence(text) and not word_opens(text):
        return "chars", None, "opening"
    if para.blocks[0].lost_opening == "fragment":
        return "chars", "low", "fragment"
    if para.blocks[0].lost_opening == "repeat" and not art.heads() and not _run_in(art):
        return "chars", "low", "repeat"
    if not _run_in(art) and _inside_compound(text):
        return "chars", "low", "compound"
    needs = _needs_a_word_before(text) if not _run_in(art) else None
    if needs is not None:
        return "chars", "low", needs
    if opens_page and not art.heads() and not _run_in(art) and _prose(text) \
            and not _NEWS_OPENING.match(text) and not _page_introduction(art) \
            and not text.startswith(tuple(_QUOTE_OPENINGS)) and not pat.CONTINUED_FROM.match(text):
        # (上接第1版): the start is on another page, not lost.
        return "chars", "low", "headless"
    return None, None, ""


# Parts of speech (jieba's tags) of a word that may open a sentence before a comma: a
# noun as the topic (路，), a time (今天，), a place, a pronoun, a conjunction (但，), a
# numeral. A verb or an adjective (够，) is the end of a clause whose start is lost.
_OPENING_TAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "ng", "t", "tg", "s", "r", "c", "p", "m")
# Nouns and verbal nouns a lone noun character may have been cut from (工|业总产值).
_COMPOUND_TAGS = ("n", "nz", "vn")


def _tags(text: str) -> list[tuple[str, str]]:
    import rjieba

    folded = simplified(text)
    tags = rjieba.tag(folded)
    if folded is text:
        return tags
    # The tags are the folded words; give back the text's own characters.
    out, pos = [], 0
    for word, tag in tags:
        out.append((text[pos:pos + len(word)], tag))
        pos += len(word)
    return out


_T2S = None


def simplified(text: str) -> str:
    """TEXT with traditional characters folded to simplified ones (OpenCC's t2s tables),
    for the segmenter: jieba's dictionary holds simplified words, so traditional text
    (資源系統) is read as nonsense (資源系|統針) and every word test on it is a guess.
    The fold keeps the length (one character for one); where it would not, or where
    OpenCC is missing, the text is read as it is."""
    global _T2S
    if text.isascii() or all(ord(ch) < 0x3400 for ch in text):
        return text
    if _T2S is None:
        try:
            import opencc
        except ImportError:         # (a dependency; a broken install reads text as is)
            _T2S = False
        else:
            _T2S = opencc.OpenCC("t2s")
    if _T2S is False:
        return text
    folded = _T2S.convert(text)
    return text if folded == text or len(folded) != len(text) else folded


def word_opens(text: str) -> bool:
    """`路，` or `今天，`: a word that opens a sentence before the comma."""
    match = re.match(r"^([\u4e00-\u9fff]{1,2})[，、；]", text)
    if not match:
        return False
    tags = _tags(match.group(1))
    return len(tags) == 1 and tags[0][1] in _OPENING_TAGS


def _inside_compound(text: str) -> bool:
    """`业总产值实现…`: a lone noun character directly before a noun of two or more
    characters: the tail of a compound (工业) whose head the extraction lost."""
    if not re.match(r"^[\u4e00-\u9fff]{3}", text):
        return False
    tags = _tags(text[:12])
    if len(tags) < 2:
        return False
    (first, first_tag), (second, second_tag) = tags[0], tags[1]
    return len(first) == 1 and first_tag == "n" and len(second) >= 2 \
        and second_tag in _COMPOUND_TAGS and re.match(r"^[\u4e00-\u9fff]+$", second) is not None


# A news lead's own opening: the day, week, month or year of the news or the reporter
# (9月12日，… 记者近日从… 今年是本报创刊75周年。).
# A news lead opens with the day of the news or the reporter; a feature's descriptive lead
# (描写式导语) with the time of its scene (清晨的鸟鸣唤醒了…, 初冬时节，…): the usual
# first words of an article, not of a paragraph in its middle.
_NEWS_OPENING = re.compile(r"^(?:\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月\d{1,2}日|[今昨前]天|近日|日前|近期|"
                           r"今年\d{1,2}月|记者|記者|清晨|早晨|清早|凌晨|拂晓|黎明|傍晚|黄昏|黃昏|"
                           r"入夜|夜幕|深夜|午后|午後|初春|早春|盛夏|初夏|仲夏|初秋|深秋|金秋|"
                           r"初冬|隆冬|寒冬|岁末|歲末|年关|年關|"
                           # the year, the week or the month of the news (今年是…周年, 上周，…)
                           r"今年(?=[，,是])|去年(?=[，,])|近年来|近年來|本周|本週|上周|上週|本月|上月)"
                           r"[，,\s]?")
# The paper speaking of its own reports: a page's or a series' introduction (本报今天发表…,
# 我们隆重推出这组…专题报道, 新京报…以《沙漠之殇》为题，独家报道了…, 3组报道，反映了…).
_OWN_VOICE = re.compile(r"(?:本[报報版刊]|我[们們])(?![^。！？]{0,4}?记者|[^。！？]{0,4}?記者)"
                        r"[^。！？]{0,12}?(?:推出|发表|發表|刊发|刊發|刊出|刊登|报道|報道)"
                        r"|以《[^》]{1,30}》[为為]题"
                        r"|(?:系列|专题|專題|[\d一二两兩三四五六七八九十几幾][组組篇])(?:报道|報道)")


def _page_introduction(art: Article) -> bool:
    """One of the article's first paragraphs speaks of the paper's own reports: the text
    at the page's top is the page's introduction (an editor's note without its label, with
    the captions of the series' photos above it), complete as printed, not an article
    whose headline and first words were lost."""
    return any(_OWN_VOICE.search(p.text) for p in art.paragraphs()[:4])


_NUMERALS = set("零〇一二三四五六七八九十百千万萬亿億两兩几幾半数數每整")


# Measure words (量词) and units that the segmenter may read alone at a text's start; a
# cheap filter before the segmenter is asked (simplified and traditional forms).
_MEASURE_CHARS = set(
    "个個位名件条條次元万萬亿億米吨噸岁歲级級股家所座台臺辆輛架艘项項届屆年月日天号號层層批份种種类類"
    "只隻头頭匹张張本块塊片首篇部段句场場顿頓回遍趟口户戶间間栋棟幢棵株颗顆粒滴斤两兩克亩畝平"
    "倍成折度分秒时時周週角毛点點公里升瓶箱包袋杯碗盘盤根支枝把双雙对對套副组組队隊班")
# Particles that close the phrase before them.
_PARTICLE_CHARS = set("的了着著地得之过過")


def _orphan_measure_word(text: str) -> bool:
    """`岁的会计…`, `级领导干部…`, `股23日…`: a measure word (量词) or unit the segmenter
    reads alone, standing first: Chinese counts with a number before it (19岁, 副省级, 台股),
    so the paragraph lost its first characters. A surname (张庙堂) is no measure word."""
    if not text or text[0] not in _MEASURE_CHARS or text[0] in _NUMERALS or text[0] in _SURNAMES \
            or text[1:2] == text[0]:
        # (A measure word doubled, 棵棵大树, 件件落实, means "every" and opens a sentence.)
        return False
    tags = _tags(text[:12])
    return bool(tags) and len(tags[0][0]) == 1 and tags[0][1] in ("q", "m") \
        and len(tags) > 1 and tags[1][0][:1] not in "、，,．.）)"


# Words that link what follows them to what stood before, read alone by the segmenter:
# 至 ends a range (初一|至初三), 较 compares with what was named before it (比|较国际油价,
# 较去年 is 比去年), 及 and 暨 add an item to a list. 至今, 至于, 及时, 较大 are words of
# their own and open sentences; the segmenter reads them whole.
_LINKING_CHARS = set("至较較及暨")
# 至 before a time that closes a count opens a sentence (至2020年底，… 至去年底，… 至目前，):
# a number, a time said from today (今 去 本 上 明 前 昨 目前), or a clause that ends with
# 底 末 止 ("by the end of").
_DEADLINE = re.compile(r"^至(?:[\d０-９今去本上明前昨]|目前|[^，,。；]{1,10}?(?:底|末|止|為止|为止)[，,])")


# Structural and aspect particles (的 了 着 地 得 之 …, jieba's u*): they close the phrase
# before them, so a text cannot open with one.
_PARTICLE_TAGS = ("uj", "ul", "uz", "uv", "ud", "ug", "u")


# Parts of speech that cannot stand as an item of a list after 、: a preposition, an
# adverb, a conjunction, a particle (jieba's p, d, c, u*).
_NOT_AN_ITEM = ("p", "d", "c", "u")


def _broken_list(text: str) -> bool:
    """`业、以优良成绩参加…`: one character, 、, then a phrase that is no item of a list.
    、 joins items of one kind (工、农、兵; 伤心、痛苦); a lone character before it followed
    by a preposition or an adverb lists nothing: it is the end of a word (毕业) whose
    start the extraction lost."""
    if not re.match(r"^[\u4e00-\u9fff]、[\u4e00-\u9fff]", text):
        return False
    tags = _tags(text[:10])
    return len(tags) >= 3 and len(tags[0][0]) == 1 and tags[1][0] == "、" \
        and tags[2][1].startswith(_NOT_AN_ITEM)


def _needs_a_word_before(text: str) -> str | None:
    """The rule that finds TEXT's opening lost for want of the word before it: a measure
    word without its number, or a particle that ends a phrase (`的会计说…`, `了一个…`)."""
    if _orphan_measure_word(text):
        return "measure"
    if _broken_list(text):
        return "list"
    if text[:1] in _LINKING_CHARS and not _DEADLINE.match(text):
        tags = _tags(text[:8])
        if tags and len(tags[0][0]) == 1:
            return "linking"
    if text[:1] in _PARTICLE_CHARS:
        tags = _tags(text[:8])
        if tags and len(tags[0][0]) == 1 and tags[0][1] in _PARTICLE_TAGS:
            return "particle"
    return None


def breaks_inside_word(before: str, after: str) -> bool:
    """A break between BEFORE and AFTER that falls inside a word: the segmenter reads a
    word across it with a single character on one side (保障国|家粮食: 国家; 桩基|础:
    桩基础). Two words side by side (郭灵计主持|会议指出: 主持会议 = 主持 + 会议) are no
    evidence: a line may end at a word's end."""
    left, right = before.rstrip()[-4:], after.lstrip()[:4]
    if not left or not right or not re.match(r"[\u4e00-\u9fff]", left[-1]) \
            or not re.match(r"[\u4e00-\u9fff]", right[0]):
        return False
    import rjieba

    pos = 0
    for token in rjieba.cut(simplified(left + right)):
        end = pos + len(token)
        if pos < len(left) < end:
            return len(left) - pos == 1 or end - len(left) == 1
        if pos >= len(left):
            return False
        pos = end
    return False


def opens_inside_word(text: str) -> bool:
    """The text's first characters finish a word or a number begun elsewhere."""
    return _inside_compound(text) or _orphan_measure_word(text)


def _run_in(art: Article) -> bool:
    return any(isinstance(x, Byline) and x.run_in for x in art.top)


def _prose(text: str) -> bool:
    return bool(re.search(r"[，。！？,]", text)) and len(text) >= 10


def fragment_of_phrase(text: str, page_text: str, size: int = 6) -> bool:
    """The paragraph's first characters stand elsewhere on the page inside a longer run of
    Han characters: the paragraph begins in the middle of that phrase."""
    from .bylines import SURNAMES

    opening = text[:size]
    if len(opening) < size or not re.match(r"[\u4e00-\u9fff]", opening) \
            or opening[0] in SURNAMES:
        return False
    start = 0
    while True:
        at = page_text.find(opening, start)
        if at < 0:
            return False
        if at > 0 and re.match(r"[\u4e00-\u9fff]", page_text[at - 1]) \
                and not page_text.startswith(text[:40], at):
            return True
        start = at + 1


def _page_openers(page: Page) -> list:
    """Articles that are the first thing on a page (the text's start or after a pb) whose
    page lost its top: a running head or page number that survives above the article,
    or a photo printed above its text, says the top is there, so the article lost only
    its headline (an e-paper's headline is often an image), not its first words."""
    openers: list = []
    fresh = True
    for item in page.items:
        if isinstance(item, Article):
            if fresh and not any(isinstance(x, Furniture) and _page_head(x) or isinstance(x, Figure)
                                 for x in item.top):
                openers.append(item)
            tail = item.items + [x for s in item.sections for x in s.items + s.bottom] + item.bottom
            fresh = next((isinstance(x, PageBreak) for x in reversed(tail)
                          if not isinstance(x, Furniture)), False)
        elif isinstance(item, PageBreak):
            fresh = True
        elif isinstance(item, Furniture) and _page_head(item) or isinstance(item, Figure):
            fresh = False
    return openers


def _page_head(item: Furniture) -> bool:
    return item.block.rule in ("running head", "page number")


def _place(page: Page, art: Article, para: Paragraph, first_body, decided: str,
           cert: str | None) -> None:
    if decided == "chars":
        para.missing_start, para.gap_cert = "chars", cert
        return
    container = next(c for c in [art.items] + [s.items for s in art.sections] if para in c)
    run_in = art.top[-1] if art.top and isinstance(art.top[-1], Byline) \
        and art.top[-1].run_in and para is first_body else None
    if run_in is not None:
        # The run-in byline opens the paragraph: what is missing precedes both.
        art.top.insert(len(art.top) - 1, Gap("paragraphs", cert))
    else:
        container.insert(container.index(para), Gap("paragraphs", cert))
