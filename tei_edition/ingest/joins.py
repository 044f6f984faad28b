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
- headlines, bylines, credits, captions and furniture are never joined into a paragraph.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Article, Break, Decision, Figure, Page, PageBreak, Paragraph
from . import patterns as pat
from .gaps import breaks_inside_word

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
        while True:
            j, between = i, []
            while j < len(items) and isinstance(items[j], (PageBreak, Figure)):
                between.append(items[j])
                j += 1
            if j >= len(items) or not isinstance(items[j], Paragraph):
                break
            nxt = items[j]
            if not _decide(page, item, nxt, any(isinstance(x, Figure) for x in between), whole):
                break
            pieces: list = []
            if not any(isinstance(x, PageBreak) for x in between):
                pieces.append(Break("cb"))
            for x in between:
                if isinstance(x, PageBreak):
                    pieces.append(Break("pb", x.n, x.block if x.block and x.block.text else None))
                else:
                    pieces.append(x)
            item.pieces += pieces + nxt.pieces
            item.blocks += nxt.blocks
            item.desk_code = nxt.desk_code
            page.joins += 1
            i = j + 1
    items[:] = out


def _decide(page: Page, before: Paragraph, after: Paragraph, across_figure: bool,
            whole: _Openings) -> bool:
    """Whether AFTER continues BEFORE, recording what an editor should check."""
    block = after.blocks[0]
    if block.join is not None:
        return block.join
    if before.desk_code:
        return False                # the desk code closed an article
    text = before.text.rstrip()
    opening = after.text.lstrip()
    if not text or not opening:
        return False
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
    if LIST_INTRODUCTIONS.search(text):
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
    if _label_with_a_colon(text):
        # 专家点评： / 相关新闻： alone on a line labels what follows (a box, a comment, a
        # list); speech after a verb of saying (他说：) goes on in the same paragraph.
        _count(page, "no join after a label with a colon")
        _review(
            page, "no-join", block, "kept as a new paragraph after a label ending with a colon",
            "a short line ending with a colon and no verb of saying labels what follows", "low")
        return False
    if _bare_line(text) and opening[0] not in _PUNCTUATION and not breaks_inside_word(text, opening):
        # A short line with no punctuation at all is a label, a name line or a credit far
        # more often than the first few characters of a paragraph that a column break cut
        # off at a word's end: joining it needs the evidence of a word cut in two, or of a
        # next block that opens with punctuation (nothing else begins so).
        _count(page, "no join after a short line without punctuation")
        _review(
            page, "no-join", block, "kept apart from the short line before it",
            "the line before has no punctuation and ends at a word's end", "low")
        return False
    if text[-1] in "：:":
        _review(
            page, "join", block, "joined to the paragraph before it, which ends with a colon",
            "a colon usually continues the paragraph", "medium")
    return True


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
