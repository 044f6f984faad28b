"""Where a Chinese headline may break: between phrases, then between words, balanced.

A newspaper headline breaks where a reader pauses: at the space an editor put between its
phrases (`深入学习贯彻习近平总书记重要讲话精神 奋力推动新时代四平全面振兴全方位振兴`), and,
when one phrase is longer than a line, between two words of it, never inside a word
(`全方位 / 振兴`, not `全方位振 / 兴`). Its lines are balanced, and none is one or two
characters long. WeasyPrint 70 ignores `word-break: keep-all` and `text-wrap: balance`,
so the PDF stage decides the breaks here, at build time, and the print HTML carries them
as explicit line breaks, with every word in a `white-space: nowrap` span so that even a
line that came out wider than estimated can only wrap between words.

Phrase boundaries are the editors' spaces: they are in the TEI, cost nothing, and are the
strongest boundary a headline has. Word boundaries inside a phrase come from jieba's
dictionary and algorithm (HMM off, so that it invents no words), through rjieba, the
binding of the Rust port jieba-rs: the same words as the Python jieba, its dictionary
built in (0.1 s to load instead of jieba's 1.7 s, and no cache file written to /tmp), and
asked only when a phrase is longer than its line.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Line-breaking rules (GB/T 15834, W3C clreq): these never start a line ...
CLOSING = frozenset("，。、；：？！）」』”’》〉】〕〗…｝］,.;:?!)]}%‰")
# ... and these never end one.
OPENING = frozenset("（「『“‘《〈【〔〖｛［([{")
PAIRS = {"“": "”", "‘": "’", "《": "》", "（": "）", "「": "」", "『": "』", "〈": "〉",
         "【": "】", "〔": "〕", "(": ")"}

# What a break costs (lower is better), weighed against balance (the squared distance of
# each line from the mean line, in em). A break at an editor's space is free; between two
# words it costs a little; beside a one-character word more, since such a word is often
# bound to a neighbour; much more on the side it binds to: after a prefix, preposition or
# the like (新 / 时代, 为 / 社会), before a suffix or particle (四平 / 市, 发展 / 的);
# inside quotation marks or brackets more again. Never between two letters or digits.
COST_PHRASE = 0.0
COST_WORD = 2.0
COST_SHORT_WORD = 3.0
COST_BOUND = 8.0
COST_QUOTED = 6.0
BALANCE_WEIGHT = 0.5
BINDS_RIGHT = frozenset("新老大小全各每本该某总副前原为在从对把向以与和及将被给让于由自至到距按据经")
BINDS_LEFT = frozenset("市区县省州镇乡村街路局厅处部委会院所站室队组性化者家们等的了着过地得上下中里内外间后前式型版期届次年月日时")
MIN_LINE_CHARS = 3  # no line of a headline shorter than this (counting ideographs, not punctuation)


def char_em(char: str) -> float:
    """A character's advance in em in Noto Sans/Serif CJK SC, for planning line breaks.

    Ideographs, kana and full-width forms are 1 em; in Chinese text the ambiguous
    punctuation (“ ” … —) is set full width too. Latin letters and digits are
    proportional: the values are at or above the faces' widest (digits 0.59 em).
    """
    if char == " ":
        return 0.25
    width = unicodedata.east_asian_width(char)
    if width in ("W", "F"):
        return 1.0
    if width == "A" and not char.isalnum():
        return 1.0
    if char.isdigit():
        return 0.6
    if char.isupper():
        return 0.75
    if char.isalpha():
        return 0.6
    return 0.5


def text_em(text: str) -> float:
    return sum(char_em(c) for c in text)


def counted_chars(text: str) -> int:
    """The characters a reader counts on a line: not spaces, not punctuation."""
    return sum(1 for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


# ---------------------------------------------------------------------------------------
# Words (rjieba: jieba's dictionary and algorithm in Rust, loaded on first need)


def _cut(phrase: str) -> list[str]:
    import rjieba

    return rjieba.cut(phrase, hmm=False)


@lru_cache(maxsize=4096)
def words(phrase: str) -> tuple[str, ...]:
    """The words of PHRASE (jieba's dictionary, HMM off); runs of letters and digits stay
    whole, and punctuation joins the word it may not be parted from."""
    if len(phrase) <= 1:
        return (phrase,) if phrase else ()
    found = [w for w in _cut(phrase) if w]
    merged: list[str] = []
    for word in found:  # jieba splits '——' into '—', '—' and keeps '12345' whole
        if merged and (_glued(merged[-1][-1], word[0])):
            merged[-1] += word
        else:
            merged.append(word)
    return tuple(merged)


def _glued(left: str, right: str) -> bool:
    """No break is allowed between LEFT and RIGHT (the last and first characters of two
    neighbouring pieces)."""
    if right in CLOSING or left in OPENING:
        return True
    if left.isascii() and right.isascii() and (left.isalnum() and right.isalnum()):
        return True
    return left == right and left in "—…"


# ---------------------------------------------------------------------------------------
# Breaking a headline


@dataclass(frozen=True)
class Piece:
    """A stretch of a headline between two places it may break."""

    text: str
    em: float
    cost_after: float  # the cost of breaking after it (inf: never)


def pieces(text: str, fits_em: float | None = None) -> list[Piece]:
    """The headline cut at every place it may break, with what each break costs.

    A phrase (between editors' spaces) that fits on a line (fits_em) is one piece: it is
    not cut into words, and jieba is not asked.
    """
    phrases = text.split()
    result: list[Piece] = []
    for number, phrase in enumerate(phrases):
        last = number == len(phrases) - 1
        if fits_em is not None and text_em(phrase) <= fits_em:
            parts = [phrase]
        else:
            parts = list(words(phrase))
        depth = 0
        for index, part in enumerate(parts):
            for char in part:
                if char in PAIRS:
                    depth += 1
                elif char in PAIRS.values():
                    depth = max(0, depth - 1)
            if index == len(parts) - 1:
                cost = math.inf if last else COST_PHRASE
                suffix = "" if last else " "
            else:
                nxt = parts[index + 1]
                cost = _word_break_cost(part, nxt)
                if depth:
                    cost += COST_QUOTED
                suffix = ""
            result.append(Piece(part + suffix, text_em(part), cost))
    # A phrase gap is a space that word-spacing widens to about one em (print.css).
    return result


PHRASE_GAP_EM = 1.0


def _word_break_cost(left: str, right: str) -> float:
    if _glued(left[-1], right[0]):
        return math.inf
    cost = COST_WORD
    if len(left) == 1:
        cost += COST_BOUND if left in BINDS_RIGHT else COST_SHORT_WORD
    if len(right) == 1:
        cost += COST_BOUND if right in BINDS_LEFT else COST_SHORT_WORD
    return cost


def break_lines(text: str, width_em: float, *, max_lines: int = 6) -> list[str] | None:
    """Split headline TEXT into balanced lines no wider than WIDTH_EM, breaking only at
    phrase and word boundaries, with no line under MIN_LINE_CHARS characters.

    Returns the lines (a line broken at a phrase keeps its trailing space, so joining the
    lines gives TEXT back), or None when no such breaking exists (a word wider than the
    line): the caller then leaves the breaking to the renderer, between words.
    """
    text = " ".join(text.split())
    if not text:
        return [text]
    if _line_em(text) <= width_em:
        return [text]
    units = pieces(text, width_em)
    count = len(units)
    # widths of units[i:j] on one line: the phrase gaps inside count, trailing one not
    starts = [0.0]
    for unit in units:
        gap = PHRASE_GAP_EM if unit.text.endswith(" ") else 0.0
        starts.append(starts[-1] + unit.em + gap)

    def width(i: int, j: int) -> float:
        tail = PHRASE_GAP_EM if units[j - 1].text.endswith(" ") else 0.0
        return starts[j] - starts[i] - tail

    def chars(i: int, j: int) -> int:
        return counted_chars("".join(u.text for u in units[i:j]))

    total = width(0, count)
    fewest = max(2, math.ceil(total / width_em))
    for lines in range(fewest, min(max_lines, count) + 1):
        target = total / lines
        # best[k][j]: the cheapest way to set units[:j] on k lines
        best: list[dict[int, tuple[float, list[int]]]] = [dict() for _ in range(lines + 1)]
        best[0][0] = (0.0, [])
        for k in range(1, lines + 1):
            for j in range(1, count + 1):
                if k == lines and j != count:
                    continue
                if j < count and math.isinf(units[j - 1].cost_after):
                    continue
                choice = None
                for i, (cost, cuts) in best[k - 1].items():
                    if i >= j:
                        continue
                    line = width(i, j)
                    if line > width_em or chars(i, j) < MIN_LINE_CHARS:
                        continue
                    # balance: squared distance from the mean line, in em; a last line
                    # longer than the others is as good as a first one
                    value = cost + BALANCE_WEIGHT * (line - target) ** 2
                    if j < count:
                        value += units[j - 1].cost_after
                    if choice is None or value < choice[0]:
                        choice = (value, [*cuts, j])
                if choice is not None:
                    best[k][j] = choice
        if count in best[lines]:
            cuts = best[lines][count][1]
            bounds = [0, *cuts]
            return ["".join(u.text for u in units[a:b]) for a, b in zip(bounds, bounds[1:])]
    return None


def _line_em(text: str) -> float:
    """The width of TEXT set on one line: its characters, with each space a phrase gap."""
    parts = text.split(" ")
    return sum(text_em(p) for p in parts) + PHRASE_GAP_EM * (len(parts) - 1)


def short_headline(text: str, limit: int = 12) -> str:
    """A short form of a headline for a jump (上接): its first phrase if that is short
    enough, else its first words up to LIMIT characters."""
    text = " ".join(text.split())
    first = text.split(" ")[0] if text else ""
    if counted_chars(first) <= limit:
        return first
    out = ""
    for word in words(first):
        if counted_chars(out + word) > limit and out:
            break
        out += word
    return out


# ---------------------------------------------------------------------------------------
# Breaking a headline in a browser

# A browser breaks a headline at every width, so its breaks cannot be chosen at build
# time as break_lines chooses them for one column. Instead the HTML offers the places a
# line may break, and only those: with `word-break: keep-all` a browser breaks Chinese
# text only at spaces, punctuation and <wbr>, and `text-wrap: balance` evens the lines.
# Offered: every editor's space, and every word boundary inside a phrase that costs less
# than a bound word (so never 为 / 社会, 四平 / 市, nor inside quotation marks). A place that
# would leave fewer than MIN_LINE_CHARS characters before it or after it in the whole
# headline is not offered (a space there becomes a no-break space), so neither the first
# nor the last line can be one or two characters long.
WEB_COST_LIMIT = COST_BOUND


@dataclass(frozen=True)
class WebBreaks:
    """Where a browser may break a headline: indices into its text."""

    wbr: frozenset[int]    # a <wbr> goes before the character at each index
    held: frozenset[int]   # the space at each index may not break (a no-break space)


@lru_cache(maxsize=8192)
def web_breaks(text: str) -> WebBreaks:
    """The places a browser may break headline TEXT (as it stands, spaces and all): see
    above. Word boundaries come from words() (jieba's dictionary through rjieba), asked
    only for phrases longer than MIN_LINE_CHARS."""
    counted = [0]
    for char in text:
        counted.append(counted[-1] + (not char.isspace()
                                      and not unicodedata.category(char).startswith("P")))
    total = counted[-1]

    def roomy(position: int) -> bool:
        return counted[position] >= MIN_LINE_CHARS and total - counted[position] >= MIN_LINE_CHARS

    wbr: set[int] = set()
    held: set[int] = set()
    position = 0
    depth = 0
    for phrase in _phrases(text):
        start = text.index(phrase, position)
        for space in range(position, start):
            if text[space].isspace() and position and not roomy(space + 1):
                held.add(space)
        position = start + len(phrase)
        if counted[position] - counted[start] <= MIN_LINE_CHARS:
            depth = _depth_after(phrase, depth)
            continue
        parts = words(phrase)
        at = start
        for index, part in enumerate(parts[:-1]):
            depth = _depth_after(part, depth)
            at += len(part)
            cost = _word_break_cost(part, parts[index + 1]) + (COST_QUOTED if depth else 0.0)
            if cost < WEB_COST_LIMIT and roomy(at):
                wbr.add(at)
        depth = _depth_after(parts[-1], depth) if parts else depth
    return WebBreaks(frozenset(wbr), frozenset(held))


def _phrases(text: str) -> list[str]:
    return text.split()


def _depth_after(part: str, depth: int) -> int:
    """How deep inside quotation marks or brackets the text is after PART."""
    for char in part:
        if char in PAIRS:
            depth += 1
        elif char in PAIRS.values():
            depth = max(0, depth - 1)
    return depth
