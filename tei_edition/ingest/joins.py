"""Column and page breaks inside paragraphs: which blocks are one paragraph again.

A column or page break cuts a paragraph anywhere, the extractor makes two blocks of it,
and only the text can tell where a paragraph really ended:

- a block that ends with ，、；： or in the middle of a word or phrase does not end a
  paragraph: it is joined to the next one, the break kept as `cb` / `pb` with
  break="no". Evidence that a paragraph did end there all the same: a block ending in
  如下：, 以下： or 分别是： ("as follows", "respectively") announces a list or paragraphs
  below it, and so does a colon over a block that ends with ； (an item of a list); a
  next block that opens with an enumeration (一、 （一） 1、 第一、) starts a paragraph of
  its own, and so does a bullet point (● …); a field line (时间：2023年11月8日) or a label
  alone (编者按) is complete. A join after a colon is recorded for review (a colon may
  also end an introduction);
- a block that ends with 。？！ ends a paragraph, unless the editor joins it or the page
  shows otherwise: a column break after a full stop leaves no trace in the text itself,
  but another copy of the paragraph printed whole on the page (a repeat), or a block of
  printed lines whose last line is full, is evidence; such joins are recorded for review.
  Where the next block opens with a word that leans on the sentence before it (可是, 但,
  这, 因此 …) the possible join is recorded for review instead;
- a photo the extractor put between the two halves of a paragraph (its caption and
  credit) stays where it stood, inside the joined paragraph (TEI allows `figure` in `p`),
  when the first half cannot end a paragraph (it ends with ，、； or mid-word);
- headlines, bylines, credits, captions and furniture are never joined into a paragraph;
  nor, whatever the punctuation before the break, a block that has the shape of one where
  the roles did not read it so: a dispatch's dateline (本报讯 记者…报道：), a field of the
  furniture (来源：…, 编辑：…, ●作者：…), a desk's credit, a running head (a date and its
  weekday); nor a line without a sentence mark after a photo (a headline under it);
- a block that stops at a word's end with no mark is no paragraph end, unless the next
  block opens with a calendar date and a comma (`7月15日，`, `2006年开春，`), the usual
  first words of a news paragraph, and the block does not end with a word that leads to
  a date (于, 在, 从, 至 …); such no-joins are recorded for review;
- a colon that announces a list ends its paragraph: a count or 以下 in its clause
  (从以下几方面…：, 作出了四项规定：), or items after it that open alike;
- a sentence end inside a quotation that the next block closes (“…创作。 | 你看，…。”)
  is no paragraph end;
- a caption the roles read as text, standing between the halves of a paragraph (图：… after
  a comma; a line without punctuation where the text after it completes the word the text
  before it cut), becomes the photo inside the joined paragraph; so does one short
  sentence beside a photo (above or under it) after a paragraph cut at ，、；, when it
  opens with what a picture shows (a noun, a name, a number, a time): the photo's caption
  group, recorded for review.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Article, Break, Decision, Figure, Furniture, Page, PageBreak, Paragraph
from . import bylines as by
from . import patterns as pat
from .gaps import _tags, breaks_inside_word, word_opens

# Openings that lean on the sentence before them: a paragraph may start with them too,
# so a block after a full stop that opens with one is only a possible join.
LEANING_OPENINGS = ("可是", "但是", "但", "而且", "而", "然而", "因此", "所以", "于是", "这", "此",
                    "并且", "并", "同时", "其中", "由于", "可", "這", "並", "於是")
LIST_INTRODUCTIONS = pat.LIST_INTRODUCTIONS
# A label standing alone (编者按, 链接, 背景): complete, whatever follows it.
LABELS = re.compile(r"^\s*(?:编者按|編者按|编者的话|編者的話|编后|編後|编后语|編後語|记者手记|記者手記|"
                    r"链接|鏈接|相关链接|相關鏈接|新闻链接|新聞鏈接|背景|新闻背景|新聞背景|小贴士|小貼士)"
                    r"\s*[：:]?\s*$")


def containers(article: Article):
    """Every list of an article's items in which paragraphs stand next to each other."""
    yield article.top
    yield article.items
    for section in article.sections:
        yield section.items


def join_paragraphs(page: Page) -> None:
    """A paragraph cut by a column or page break is one paragraph again, the break kept."""
    whole = _Openings(page)
    for article in page.articles:
        for items in containers(article):
            _join(page, items, whole)
        article.leads = [x for x in article.top if isinstance(x, Paragraph)]


def _chars(text: str) -> str:
    return "".join(text.split())


class _Openings:
    """The page's paragraphs by their first characters, to find a paragraph printed whole
    elsewhere on the page (a repeat) where the extraction cut it after a full stop. An
    opening shared by more than COMMON paragraphs is boilerplate and points at nothing,
    which keeps the look-up constant per paragraph."""

    KEY = 10
    COMMON = 8

    def __init__(self, page: Page):
        self.index: dict[str, list[tuple[Paragraph, str]]] = {}
        for article in page.articles:
            for items in containers(article):
                for item in items:
                    if isinstance(item, Paragraph):
                        chars = _chars(item.text)
                        if len(chars) >= self.KEY:
                            self.index.setdefault(chars[:self.KEY], []).append((item, chars))

    def printed_whole(self, before: Paragraph, after: Paragraph) -> bool:
        """Whether another paragraph opens as BEFORE does and holds BEFORE's end and
        AFTER's beginning together: the two are one paragraph in print."""
        first, second = _chars(before.text), _chars(after.text)
        if len(first) < self.KEY or len(second) < 8:
            return False
        others = self.index.get(first[:self.KEY], [])
        if len(others) > self.COMMON:
            return False
        bridge = first[-8:] + second[:8]
        return any(bridge in chars for para, chars in others
                   if para is not before and para is not after)


_PUNCTUATION = set("，。！？；：、,.!?;:…")


def _bare_line(text: str) -> bool:
    """At most 24 characters and not one punctuation mark among them."""
    if len(text) > 200:         # (a paragraph joined so far: not read again, in full)
        return False
    chars = _chars(text)
    return 0 < len(chars) <= 24 and not any(ch in _PUNCTUATION for ch in chars)


def _last_line_full(block) -> bool:
    """A block that keeps the printed lines of its column (an e-paper's text layer: lines
    of nearly one width) and whose last line is as long as the others: the column ended
    there, not the paragraph, whose last line is usually short. As long as the shortest
    full line the column printed, not merely nearly as long as the longest: a paragraph's
    last line reaches the column's edge by chance as often as once in a dozen paragraphs,
    and every line short of that edge is a chance more."""
    lines = [text for _, text in block.source_lines]
    if len(lines) < 3:
        return False
    widths = [sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in line)
              for line in lines]
    body = widths[:-1]
    column = max(body)
    return column >= 8 and min(body) >= 0.8 * column and widths[-1] >= max(min(body), column - 1)


def _join(page: Page, items: list, whole: _Openings) -> None:
    out: list = []
    i = 0
    while i < len(items):
        item = items[i]
        out.append(item)
        i += 1
        if not isinstance(item, Paragraph):
            continue
        # The joined paragraph's text, kept as it grows: reading item.text at every break
        # would make a paragraph of many blocks take time in the square of their number.
        joined = item.text
        captioned = False
        while True:
            j, between = i, []
            while j < len(items) and isinstance(items[j], (PageBreak, Figure, Furniture)):
                between.append(items[j])
                j += 1
            if j >= len(items) or not isinstance(items[j], Paragraph):
                break
            if not _furniture_between_halves(between):
                break
            nxt = items[j]
            if not between and _caption_between(page, item, nxt, items[j + 1:j + 2], joined):
                # The caption becomes the photo it describes, inside the paragraph it cut.
                after = items[j + 1]
                item.pieces += [Break("cb"), Figure(nxt.blocks[0], nxt.text, "")] + after.pieces
                item.blocks += after.blocks
                item.desk_code = after.desk_code
                joined += after.text
                page.joins += 1
                i = j + 2
                continue
            beside_photo = any(isinstance(x, Figure) for x in between) \
                or j + 1 < len(items) and isinstance(items[j + 1], Figure)
            if beside_photo and not captioned and _caption_beside_photo(joined, nxt, items[j + 1:j + 3]):
                # One caption of the photo's group that roles.py read as text: it becomes a
                # photo of its own, and the paragraph it cut goes on after the photos.
                items[j] = Figure(nxt.blocks[0], nxt.text, "")
                captioned = True
                _count(page, "caption beside a photo between the halves of a paragraph")
                _review(page, "join", nxt.blocks[0],
                        "read as a photo's caption; the paragraph before it goes on after the photo",
                        "a short sentence about the picture beside a photo, where the paragraph "
                        "before it cannot end", "low")
                continue
            if not _decide(page, item, nxt, any(isinstance(x, Figure) for x in between), whole,
                           items[j + 1:j + 5], joined):
                break
            pieces: list = []
            if not any(isinstance(x, PageBreak) for x in between):
                pieces.append(Break("cb"))
            for x in between:
                if isinstance(x, PageBreak):
                    pieces.append(Break("pb", x.n, x.block if x.block and x.block.text else None))
                else:
                    # A photo, or the page's furniture (the running head a page break
                    # brings): it stays where it stood, inside the paragraph it cut.
                    pieces.append(x)
            item.pieces += pieces + nxt.pieces
            item.blocks += nxt.blocks
            item.desk_code = nxt.desk_code
            joined += nxt.text
            page.joins += 1
            i = j + 1
    items[:] = out


def _furniture_between_halves(between: list) -> bool:
    """Whether the furniture between two paragraphs may stand inside one: the running head
    or foot a page break brings (the paper's head repeated on the next page), or a block
    the editor made furniture (a teaser box the extraction set in a column). A field the
    encoder read as furniture in mid-column may be a title or a sign-off: a paragraph
    does not run on across it."""
    if any(isinstance(x, PageBreak) for x in between):
        return True
    return all(x.block.role_source != "heuristic" for x in between if isinstance(x, Furniture))


# A caption's own label: 图： / 圖： / 图为 … (patterns.CAPTION_LABEL, and the bare 图：).
_CAPTION_LABEL = re.compile(rf"(?:{pat.CAPTION_LABEL.pattern[1:]}|[图圖]\s*[：:])")


def _caption_between(page: Page, before: Paragraph, middle: Paragraph, following: list,
                     joined: str) -> bool:
    """MIDDLE is a photo's caption that the extractor put between the two halves of a
    paragraph (roles.py read it as text): either BEFORE ends with a comma and MIDDLE opens
    with a caption's label (图：…), or BEFORE stops inside a word or phrase (no mark at its
    end), MIDDLE is one line with no punctuation at all that does not go on from it, and
    the paragraph after MIDDLE does: it completes the word BEFORE ends with (車隊來 |
    到瞻禮…) or opens with what cannot open a sentence. JOINED: BEFORE's text."""
    if not following or not isinstance(following[0], Paragraph) or len(middle.blocks) != 1 \
            or middle.blocks[0].join is not None or following[0].blocks[0].join is not None \
            or before.desk_code:
        return False
    text, caption = joined.rstrip(), _chars(middle.text)
    after = following[0].text.lstrip()
    if _closing_matter(before.blocks[-1].text.strip(), following[0].blocks[0].text.strip()):
        return False
    if text and after and text[-1] in "，、；,;" and _CAPTION_LABEL.match(caption) \
            and not pat.ENUMERATION.match(after) and not pat.BULLET_POINT.match(after):
        # …与杭州市市长姚高员会面， | 图：陈国基（左）与…会面，… | 就深化…: a labelled caption
        # cannot go on from a comma; the text after it does.
        _count(page, "join across a caption between the halves of a paragraph")
        _review(page, "join", following[0].blocks[0],
                "joined to the paragraph before the caption above it",
                "the paragraph before the caption ends with a comma", "medium")
        return True
    if not text or not after or not re.match(r"[\u4e00-\u9fff]", text[-1]) \
            or not 6 <= len(caption) <= 60 or any(ch in _PUNCTUATION for ch in caption) \
            or breaks_inside_word(text, caption):
        return False
    if not (breaks_inside_word(text, after) or cannot_open(after)):
        return False
    _count(page, "join across a caption between the halves of a paragraph")
    _review(page, "join", following[0].blocks[0],
            "joined to the paragraph before the line above it, which is read as a photo's caption",
            "the line between has no punctuation and the text after it completes the word "
            "before it", "medium")
    return True


# What a caption opens with: what the picture shows, a noun, a name, a place, a number
# or a time (jieba's tags), never a word that goes on a sentence (就是, 而且).
_CAPTION_OPENING_TAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "m", "t", "s")


def _caption_beside_photo(joined: str, middle: Paragraph, following: list) -> bool:
    """MIDDLE, standing beside a photo, is one of its captions (roles.py read it as text):
    the paragraph before it ends with ，、； and cannot end there, MIDDLE is one short
    sentence (at most 60 characters, its only sentence mark at its end) that opens with
    what a picture shows (a noun, a name, a number, a time), and a paragraph follows after
    the photos."""
    text = joined.rstrip()
    if not text or text[-1] not in "，、；,;" or len(middle.blocks) != 1 \
            or middle.blocks[0].join is not None:
        return False
    caption = _chars(middle.text)
    if not 6 <= len(caption) <= 60 or caption[-1] != "。" \
            or re.search(r"[。！？!?；;]", caption[:-1]):
        return False
    tags = _tags(caption[:8])
    if not tags or not tags[0][1].startswith(_CAPTION_OPENING_TAGS):
        return False
    rest = [x for x in following if not isinstance(x, Figure)]
    return bool(rest) and isinstance(rest[0], Paragraph)


def _decide(page: Page, before: Paragraph, after: Paragraph, across_figure: bool,
            whole: _Openings, following: list = (), joined: str | None = None) -> bool:
    """Whether AFTER continues BEFORE, recording what an editor should check. FOLLOWING:
    the items after AFTER (what a colon may announce); JOINED: BEFORE's text, kept by the
    caller as the paragraph grows."""
    block = after.blocks[0]
    if block.join is not None:
        return block.join
    if before.desk_code:
        return False                # the desk code closed an article
    text = (before.text if joined is None else joined).rstrip()
    opening = after.text.lstrip()
    if not text or not opening:
        return False
    closing_matter = _closing_matter(before.blocks[-1].text.strip(), after.blocks[0].text.strip())
    if closing_matter:
        # A paragraph never runs into a credit, a field of the page's furniture or the next
        # dispatch's dateline, nor on out of a credit or a running head: each is a line of
        # its own, whatever the punctuation before it (roles.py may not have read it so).
        _count(page, "no join: " + closing_matter)
        return False
    if pat.ends_paragraph(text) and not across_figure and _inside_quotation(text, opening):
        # 他说：“文章发表后，…鼓励我继续创作。 | 你看，…回信。”他…: the quotation opened
        # before the break and closes after it, so the sentence end is inside the quotation
        # and the paragraph goes on (a quotation over several paragraphs opens each anew).
        _count(page, "join inside a quotation")
        _review(page, "join", block, "joined to the paragraph before it, which ends a sentence",
                "the quotation opened before the break closes after it", "medium")
        return True
    if pat.ends_paragraph(text) and not across_figure and not pat.ENUMERATION.match(opening) \
            and not pat.BULLET_POINT.match(opening):
        evidence = None
        if whole.printed_whole(before, after):
            evidence = "the same text stands elsewhere on the page as one paragraph"
        elif _last_line_full(before.blocks[-1]):
            evidence = "the block's last printed line is full: the column ended, not the paragraph"
        if evidence:
            _count(page, "join after a full stop: " + evidence.split(":")[0])
            _review(
                page, "join", block, "joined to the paragraph before it, which ends a sentence",
                evidence, "medium" if evidence.startswith("the same") else "low")
            return True
    if pat.ends_paragraph(text):
        if not across_figure and opening.startswith(LEANING_OPENINGS):
            _review(
                page, "no-join", block, "kept as a new paragraph after a full stop",
                "possible column break: the next block leans on the sentence before it", "low")
        return False
    if LIST_INTRODUCTIONS.search(text[-16:]):
        _count(page, "no join after 如下：")
        _review(
            page, "no-join", block, "kept as a new paragraph after 如下：",
            "如下： (as follows) introduces what comes below", "medium")
        return False
    if text[-1] in "：:" and after.blocks[0].text.rstrip().endswith(("；", ";")):
        # 它们分别是： / …；: what follows the colon closes with a semicolon, the mark of
        # an item in a list whose items stand on lines of their own, as after 如下：.
        _count(page, "no join before an item of a list")
        _review(
            page, "no-join", block, "kept as a new paragraph after a colon",
            "the block after the colon ends with ；: an item of a list", "medium")
        return False
    if text[-1] in "：:" and not across_figure and _announces_list(text, after, following):
        # 从以下几方面采取了改革措施： / 收到了显著的效果： followed by paragraphs that open
        # alike (村规民约把… 村规民约形成…): the colon announces a list of paragraphs.
        _count(page, "no join after a colon that announces a list")
        _review(
            page, "no-join", block, "kept as a new paragraph after a colon",
            "the colon announces a list: a count or 以下 before it, or items that open alike "
            "after it", "medium")
        return False
    if pat.ENUMERATION.match(opening):
        _count(page, "no join before an enumeration")
        return False
    if text[-1] in "；;" and _parallel(text, after.blocks[0].text.strip()):
        # 抗，是勇毅担当，上下同心； / 防，是科学精准，汇智聚力； …: items of one parallel
        # series (排比) set one to a line, each closed by ；.
        _count(page, "no join between items of a parallel series")
        _review(
            page, "no-join", block, "kept as a new paragraph: an item of a parallel series",
            "both blocks are short, built alike, and the first ends with ；", "medium")
        return False
    if pat.BULLET_POINT.match(opening):
        # ● …: a bullet opens a point of its own, like an enumeration.
        _count(page, "no join before a bullet point")
        return False
    if LABELS.match(text):
        return False
    if pat.is_field_line(text):
        return False
    if across_figure and text[-1] in "：:":
        return False
    if across_figure and not opening.startswith(tuple(_QUOTE_OPEN)) \
            and not _SENTENCE_MARKS.search(_QUOTED.sub("", after.blocks[0].text)):
        # A photo stands between the two blocks, and the second has no sentence mark outside
        # its quotations (單親病母憂萬一 訓練10歲自閉兒… 嘆「病了不敢看醫生」): a headline
        # under the photo, not the rest of the sentence the first block began (which may
        # be a quotation: …指向了爱人， | “我们家不只是我看晚报，…”).
        _count(page, "no join across a photo into a line without a sentence mark")
        _review(
            page, "no-join", block, "kept apart from the text before the photo",
            "the block after the photo has no sentence mark outside quotations: a headline", "low")
        return False
    if _label_with_a_colon(text):
        # 专家点评： / 相关新闻： alone on a line labels what follows (a box, a comment, a
        # list); speech after a verb of saying (他说：) goes on in the same paragraph.
        _count(page, "no join after a label with a colon")
        _review(
            page, "no-join", block, "kept as a new paragraph after a label ending with a colon",
            "a short line ending with a colon and no verb of saying labels what follows", "low")
        return False
    if _bare_line(text) and opening[0] not in _PUNCTUATION and not breaks_inside_word(text, opening) \
            and not cannot_open(opening):
        # A short line with no punctuation at all is a label, a name line or a credit far
        # more often than the first few characters of a paragraph that a column break cut
        # off at a word's end: joining it needs the evidence of a word cut in two, or of a
        # next block that opens with punctuation (nothing else begins so).
        _count(page, "no join after a short line without punctuation")
        _review(
            page, "no-join", block, "kept apart from the short line before it",
            "the line before has no punctuation and ends at a word's end", "low")
        return False
    if _time_lead_after_a_word_end(text, opening):
        # …千六犯人大转移 | 7月15日，“碧利斯”突袭…: the block before stops at a word's end
        # with no mark (a lead, an editor's note or a head), and the next opens as a news
        # paragraph does, with the day or year of the news and a comma.
        _count(page, "no join before a paragraph that opens with its date")
        _review(
            page, "no-join", block, "kept as a new paragraph after a line without a final mark",
            "the next block opens with a date and a comma, as a paragraph does", "low")
        return False
    if text[-1] in "：:":
        _review(
            page, "join", block, "joined to the paragraph before it, which ends with a colon",
            "a colon usually continues the paragraph", "medium")
    return True


_QUOTE_OPEN, _QUOTE_CLOSE = "“「『", "”」』"

# A paragraph's own opening: the day, month or year of the news and a comma (7月15日，
# 2006年开春，), with at most a few characters between (2006年春节前夕，). A year of the
# calendar, four digits: 3年， and 十年， are spans of time that go on a sentence.
_TIME_LEAD = re.compile(r"(?:\d{4}|[一二三四五六七八九〇零]{4})年(?:\d{1,2}月)?(?:\d{1,2}日)?"
                        r"[^，,。！？；：\d]{0,4}[，,]"
                        r"|\d{1,2}月\d{1,2}日[^，,。！？；：\d]{0,4}[，,]")
# Words after which a date goes on the sentence (成立于 | 2006年，…; 截至 | 7月15日，…).
_BEFORE_A_DATE = ("于", "於", "在", "从", "從", "到", "至", "自", "截至", "直到", "当", "當", "是", "为", "為")


def _time_lead_after_a_word_end(text: str, opening: str) -> bool:
    """TEXT stops at a word's end with no punctuation and OPENING begins with a date and a
    comma, the usual first words of a news paragraph: two paragraphs. A date cut from the
    sentence before it follows a word that leads to it (于, 在, 从, 截至 …)."""
    return bool(re.match(r"[\u4e00-\u9fff]", text[-1])) and _TIME_LEAD.match(opening) is not None \
        and not text.endswith(_BEFORE_A_DATE)


def _inside_quotation(text: str, opening: str) -> bool:
    """TEXT leaves a quotation open (more 「“ than 」” in it, counted in order) and OPENING
    closes it before it opens another: the break fell inside one quotation."""
    depth = 0
    for ch in text:
        if ch in _QUOTE_OPEN:
            depth += 1
        elif ch in _QUOTE_CLOSE and depth:
            depth -= 1
    if not depth:
        return False
    for ch in opening:
        if ch in _QUOTE_OPEN:
            return False
        if ch in _QUOTE_CLOSE:
            return True
    return False


def cannot_open(text: str) -> bool:
    """TEXT opens with what cannot open a sentence (`小，同行之间…`: one or two characters
    and a comma that are no word able to open one): it continues the text before it."""
    return pat.starts_mid_sentence(text) and not word_opens(text.lstrip())


_BULLETS = "■□●◆◇▲△★☆◎※•·▶► \u3000"
# A credit names people; a line with a comma or a sentence's end in it is text (編輯陳凡則
# 教授我們…, 编辑部门表示，…), however it begins.
_SENTENCE_MARKS = re.compile(r"[，。！？；,;!?]")
_QUOTED = re.compile(r"「[^「」]*」|“[^“”]*”|『[^『』]*』")
# A page's running head: a date with its weekday (2015年12月13日 星期日) and no sentence.
_DATE_AND_WEEKDAY = re.compile(r"\d{1,2}月\d{1,2}日\s*(?:星期|週|周|礼拜|禮拜)[一二三四五六日天]")


def _closing_matter(before: str, after: str) -> str | None:
    """Why BEFORE and AFTER cannot be one paragraph, if a line of their own stands between:
    AFTER opens with a dispatch's dateline or byline (本报讯 记者…报道：, 【大公报讯】), or
    either is a field of the furniture (来源：…, 编辑：…, ●作者：…) or a desk's credit (本版
    编辑 张三), or BEFORE is a running head (a date and its weekday) or ends with a photo's
    credit (a caption the roles read as text: …在新修的公路上骑行。 本报记者 王晓东 摄)."""
    if by.run_in(after) is not None and not pat.starts_mid_sentence(after):
        return "the next block opens with a dateline or byline"
    for side, line in (("next", after), ("previous", before)):
        bare = line.lstrip(_BULLETS)
        if (pat.is_field_line(bare) and not _SAYING.search(bare.split("：")[0] + "：")) \
                or (pat.FURNITURE.match(line) and not _SENTENCE_MARKS.search(line)):
            return f"the {side} block is a credit or a field line"
    if _DATE_AND_WEEKDAY.search(before) and not re.search(r"[，。！？；：]", before):
        return "the previous block is a running head (a date and its weekday)"
    if by.credit_tail(before) is not None:
        return "the previous block ends with a photo's credit"
    return None


# The clause before a colon names a list to come: 以下/下面/下述 ("the following"), or a
# count of two or more things (四项规定, 几方面, 三点, 两个方面). Not 下列 alone: 获得下列
# 印象： introduces one quoted impression as often as a list.
_ANNOUNCING = re.compile(r"(?:以下|下面|下述|如下|"
                         r"(?:[两兩二三四五六七八九十几幾多]|[2-9]|\d{2})"
                         r"(?:项|項|条|條|个方面|個方面|方面|件事|大类|大類|种|種|类|類)|"
                         # 三点, 几点 (not 十点, 10点: a time of day)
                         r"(?<![十\d])[两兩二三四五六七八九几幾](?:点|點)(?!钟|鐘|半|整|多))")


def _announces_list(text: str, after: Paragraph, following: list) -> bool:
    """TEXT's colon announces a list: the clause before the colon says so (a count, 以下),
    or the paragraph after it and one of the next three open with the same three characters
    (the items of a list set one to a paragraph open alike; speech after a colon does not)."""
    clause = re.split(r"[。！？；，,;!?]", text.rstrip()[:-1])[-1]
    if _ANNOUNCING.search(clause):
        return True
    first = _chars(after.text)[:3]
    if len(first) < 3:
        return False
    later = [x for x in following if isinstance(x, Paragraph)][:3]
    return any(_chars(x.text)[:3] == first for x in later)


def _parallel(first: str, second: str) -> bool:
    """FIRST (ending with ；) and SECOND are items of one parallel series printed one to a
    line: both short (at most 40 characters), SECOND closed by ；or a full stop, and both
    built alike: the same first two characters (坚持…；坚持…；), or a comma at the same
    place followed by the same character (抗，是…；防，是…；). A column break cuts a
    paragraph once, at no particular word: the half after it does not repeat the shape of
    the half before, and the first half is a column's worth of lines, not one short item."""
    a, b = _chars(first), _chars(second)
    if not (4 <= len(a) <= 40 and 4 <= len(b) <= 40) or b[-1] not in "；;。！":
        return False
    if a[:2] == b[:2]:
        return True
    ca, cb = a.find("，"), b.find("，")
    return 0 < ca == cb <= 4 and a[ca + 1] == b[cb + 1]


# Verbs that introduce speech or writing with a colon (他说：, 记者了解到：): the quotation
# after them continues the paragraph.
_SAYING = re.compile(r"(?:说|說|道|讲|講|称|稱|表示|指出|认为|認為|强调|強調|介绍|介紹|提出|要求|宣布|回忆|回憶|"
                     r"坦言|透露|问|問|答|写|寫|了解到|获悉|獲悉|告诉记者|告訴記者|发现|發現|看到|听到|聽到|"
                     r"想|觉得|覺得|感慨|感叹|感嘆|呼吁|呼籲|建议|建議|补充|補充|解释|解釋|说明|說明|"
                     r"例如|比如|包括|如|即|是|为|為|有)\s*[：:]$")


def _label_with_a_colon(text: str) -> bool:
    """A line of two to eight characters that ends with a colon, holds no other punctuation
    and no verb of saying before the colon: a label (专家点评：, 相关新闻：)."""
    if len(text) > 200:
        return False
    chars = _chars(text)
    return 3 <= len(chars) <= 9 and chars[-1] in "：:" \
        and not any(ch in _PUNCTUATION or ch in "“”「」『』（）()" for ch in chars[:-1]) \
        and not _SAYING.search(chars) and not LIST_INTRODUCTIONS.search(chars)


def _review(page: Page, kind: str, block, summary: str, why: str, certainty: str) -> None:
    """Put a join or no-join decision on the editor's review list, with the sidecar
    correction that reverses it."""
    reverse = "true" if kind == "no-join" else "false"
    page.decisions.append(Decision(kind, block, summary, why, certainty,
                                   f"[[correction]]\nline = {block.start_line}\njoin = {reverse}"))


def _count(page: Page, rule: str) -> None:
    page.rules[rule] = page.rules.get(rule, 0) + 1
