"""Block roles: what each block is on the page (headline, byline, caption, furniture ...).

The editor's corrections from the sidecar come first and always win; every other block
gets a role from the extractor's heading markers, its shape (`patterns.py`, the byline
grammar in `bylines.py`) and its neighbours. docs/encoding.md lists the rules in the
order they are tried here; each sets `Block.rule` so that the review list can say why.
"""

from __future__ import annotations

import re

from ..errors import SidecarError
from ..model import Block, Correction
from . import bylines as by
from . import patterns as pat

_HEADISH = ("kicker", "main", "column")


def apply_splits(blocks: list[Block], corrections: list[Correction], label: str) -> list[Block]:
    """Split blocks where the editor said so, before anything else reads them."""
    for correction in corrections:
        if not correction.split_at:
            continue
        targets = match_blocks(blocks, correction, label)
        for block in targets:
            at = block.text.find(correction.split_at)
            if at <= 0:
                raise SidecarError(f"split_at '{correction.split_at}' does not occur after the start "
                                   f"of the block at {block.lines}", label, correction.sidecar_line)
            tail = Block(index=-1, start_line=block.start_line, end_line=block.end_line,
                         text=block.text[at:], role_source=f"sidecar line {correction.sidecar_line}")
            # The split point's line: count the line breaks the block's text has lost.
            block.text = block.text[:at].rstrip()
            blocks.insert(blocks.index(block) + 1, tail)
        correction.matched = list(targets)
    for i, block in enumerate(blocks):
        block.index = i
    return blocks


def match_blocks(blocks: list[Block], correction: Correction, label: str) -> list[Block]:
    if correction.line is not None:
        found = [b for b in blocks if b.start_line <= correction.line <= b.end_line and not
                 (b.page_break and not b.text)]
        if not found:
            raise SidecarError(f"correction for line {correction.line} matches no block (the line "
                               f"is blank, beyond the end, or a page break)", label,
                               correction.sidecar_line)
        return found[:1]
    wanted = correction.text.strip()
    found = [b for b in blocks if b.text.lstrip().startswith(wanted)]
    if not found:
        raise SidecarError(f"correction text '{wanted}' matches the start of no block", label,
                           correction.sidecar_line)
    return found


def apply_corrections(blocks: list[Block], corrections: list[Correction], label: str) -> None:
    """Fix what the editor decided; the heuristics then leave those blocks alone."""
    for correction in corrections:
        if correction.split_at and not (correction.role or correction.attach or
                                        correction.join is not None or correction.repeat_of or
                                        correction.repeat is not None or correction.missing_start):
            continue
        targets = match_blocks(blocks, correction, label)
        source = f"sidecar line {correction.sidecar_line}"
        if correction.split_at:
            # Other changes in a split correction apply to the second half.
            targets = [blocks[b.index + 1] for b in targets]
        for block in targets:
            if correction.role:
                block.role, block.role_source = correction.role, source
            if correction.attach:
                block.attach = correction.attach
            if correction.join is not None:
                block.join = correction.join
            if correction.repeat_of is not None:
                block.repeat_of_line = correction.repeat_of
            if correction.repeat is False:
                block.no_repeat = True
            if correction.missing_start:
                block.missing_start = correction.missing_start
        correction.matched = targets


def _next_content(blocks: list[Block], i: int) -> Block | None:
    """The next block after i that is not a page break or page furniture."""
    for block in blocks[i + 1:]:
        if block.page_break or block.role == "furniture" or pat.FURNITURE.match(block.text):
            continue
        return block
    return None


def _is_heading_start(block: Block | None) -> bool:
    if block is None:
        return True
    if block.role:
        return block.role in _HEADISH and block.attach != "previous"
    return block.marker > 0


def cut_blocks(blocks: list[Block]) -> list[Block]:
    """Cut off what the extraction left inside a block but is not part of its text: a
    sign-off on the block's last line (——本报辽宁分社记者胡婧怡) or run on after its last
    sentence (…有时间。本报记者夏命群), and a wire's title after its dateline
    (新华社北京10月17日电 题：…). Nothing is dropped: the two parts keep every character."""
    out: list[Block] = []
    for block in blocks:
        out.extend(_cut(block))
    for i, block in enumerate(out):
        block.index = i
    return out


def _cut(block: Block) -> list[Block]:
    if block.page_break or block.marker or block.role:
        return [block]
    text = block.text
    wire = re.match(r"^(.{4,40}?(?:电|電|讯|訊))\s*(?=[题題][：:])", text)
    if wire and (by.RUN_IN_AGENCY.fullmatch(wire.group(1))
                 or by.RUN_IN_LOCAL.fullmatch(wire.group(1))):
        return _split(block, len(wire.group(1)), "a wire's title after its dateline")
    lines = block.source_lines
    if len(lines) >= 2 and "".join(t for _, t in lines).replace(" ", "") == text.replace(" ", ""):
        last_no, last = lines[-1]
        people = by.standalone(last)
        # Only a sign-off naming a role: a bare name after —— may be a quotation's source.
        if people is not None and people.roles and people.names and not by.credit(last):
            at = text.rstrip().rfind(last)
            if at > 0:
                return _split(block, at, "a sign-off on the block's last line", last_no)
    run_on = by.sign_off_tail(text)
    if run_on is not None:
        return _split(block, run_on, "a sign-off run on after the last sentence")
    return [block]


def _split(block: Block, at: int, reason: str, line: int | None = None) -> list[Block]:
    first_lines = [(n, t) for n, t in block.source_lines if line is None or n < line]
    second_lines = [(n, t) for n, t in block.source_lines if line is not None and n >= line]
    first = Block(index=-1, start_line=block.start_line,
                  end_line=(line - 1) if line is not None else block.end_line,
                  text=block.text[:at].rstrip(), source_lines=first_lines)
    second = Block(index=-1, start_line=line if line is not None else block.end_line,
                   end_line=block.end_line, text=block.text[at:].lstrip(),
                   source_lines=second_lines, split_reason=reason)
    # An editor's corrections address the block by its first line or text: the first part.
    return [first, second]


def assign_roles(blocks: list[Block]) -> None:
    """Give every block without an editor's role a role from its shape and its neighbours."""
    stacks = _heading_stacks(blocks)
    in_article = False
    in_top = False          # after an article's headlines, before its first paragraph
    byline_in_top = False   # a byline already stands in this article's opening
    page_start = True       # nothing but breaks and running heads since the page began
    previous: Block | None = None
    for i, block in enumerate(blocks):
        if block.page_break:
            block.role = "pagebreak"
            page_start = True
            continue
        nxt = next((b for b in blocks[i + 1:] if not b.page_break), None)
        following = _next_content(blocks, i)
        if not block.role:
            block.role, block.rule = _guess(block, blocks, i, nxt, following, previous,
                                            in_article, in_top, byline_in_top, page_start, stacks)
        else:
            block.rule = block.rule or block.role_source
        page_start = page_start and block.role == "furniture"
        role = block.role
        if role in _HEADISH and block.attach != "previous":
            in_article, in_top, byline_in_top = True, True, False
        elif role == "byline" and in_top:
            byline_in_top = True
        elif role in ("section", "paragraph"):
            in_article, in_top = True, False
        if role != "furniture":
            previous = block
    _captions_above_credits(blocks)
    _photo_stories(blocks)
    _lost_openings(blocks)


def _heading_stacks(blocks: list[Block]) -> dict[int, tuple[int, int]]:
    """Runs of headline lines at one marker level: block index -> (position, run length)."""
    stacks: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if not block.marker or block.role:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].marker == block.marker \
                and not blocks[j + 1].role:
            j += 1
        for k in range(i, j + 1):
            stacks[k] = (k - i, j - i + 1)
        i = j + 1
    return stacks


def _content_before(blocks: list[Block], i: int) -> Block | None:
    for block in reversed(blocks[:i]):
        if block.page_break or block.role == "furniture":
            continue
        return block
    return None


def _names_a_genre(text: str) -> bool:
    """A paper's column label names a genre (福建通讯, 图片新闻, 今日谈), and is short."""
    bare = text.replace(" ", "")
    return len(bare) <= 8 and bare.endswith(pat.COLUMN_GENRES)


def _closes_text(block: Block | None) -> bool:
    """What stands before a new headline or part: nothing, or the end of something."""
    if block is None:
        return True
    if block.role in ("byline", "furniture", "caption", "credit", "section"):
        return True
    return pat.ends_paragraph(block.text)


def _guess(block: Block, blocks: list[Block], i: int, nxt: Block | None,
           following: Block | None, previous: Block | None, in_article: bool, in_top: bool,
           byline_in_top: bool, page_start: bool,
           stacks: dict[int, tuple[int, int]]) -> tuple[str, str]:
    text = block.text.strip()
    if block.marker:
        return _heading(block, blocks, i, nxt, following, in_article, in_top, stacks)
    if block.split_reason:
        return "byline" if "sign-off" in block.split_reason else "sub", block.split_reason
    if by.parse_run_in(text) is not None or by.dateline_sign_off(text) is not None:
        return "byline", "a dateline on its own"
    if _is_page_credit(text):
        return "furniture", "page credit"
    if pat.PAGE_NUMBER.match(text):
        return "furniture", "page number"
    if by.DESK_CODE.match(text):
        return "furniture", "desk code"
    if page_start and len(text) <= 40 and pat.RUNNING_HEAD.search(text) \
            and not pat.ends_sentence(text):
        return "furniture", "running head"
    if by.credit(text) is not None:
        return "credit", "photo credit"
    tail = by.credit_tail(text)
    if tail is not None:
        return "caption", "caption ending in a photo credit"
    people = by.standalone(text)
    if people is not None and (people.roles or people.groups or text.startswith("——")):
        return "byline", "byline: roles and names"
    if pat.ENGLISH_BYLINE.match(text) and (in_top or _is_heading_start(following)):
        return "byline", "English byline"
    if people is not None and (in_top or (in_article and _is_heading_start(following))):
        return "byline", "byline: names alone"
    heading_like = pat.is_heading_like(text)
    if heading_like and not in_top and _closes_text(previous) and not pat.is_field_line(text):
        if nxt is not None and nxt.marker and not nxt.role:
            # An unmarked line directly over a marked headline introduces it.
            return ("column" if _names_a_genre(text) else "kicker"), \
                "unmarked line over a headline"
        if _heads_a_dispatch(blocks, i):
            return "main", "unmarked headline over a dateline or byline"
    if in_top:
        return _in_top(block, text, nxt, previous, byline_in_top, blocks)
    if in_article and _is_section_head(text, previous, following):
        return "section", "unmarked section head"
    return "paragraph", "text"


def _heading(block: Block, blocks: list[Block], i: int, nxt: Block | None,
             following: Block | None, in_article: bool, in_top: bool,
             stacks: dict[int, tuple[int, int]]) -> tuple[str, str]:
    text = block.text.strip()
    position, size = stacks.get(i, (0, 1))
    if nxt is not None and nxt.marker and nxt.marker < block.marker and not nxt.role:
        # ### before ##: a line that introduces the headline, or the column it stands in
        # when it names a genre (福建通讯); a short topic (国务院常务会议) is a kicker.
        if _names_a_genre(text):
            return "column", "short line over a headline: column label"
        return "kicker", "### over ##: kicker"
    if size >= 3:
        # Three or more lines of one level: a main headline and its decks.
        return ("main", "first of a stack of headlines") if position == 0 else \
            ("sub", "deck of a stack of headlines")
    if size == 2 and position == 0:
        # Two lines of one level: the first introduces the second; up to eight characters
        # it is the column's name (快语新言).
        if len(text) <= 8 or _names_a_genre(text):
            return "column", "short line over a headline: column label"
        return "kicker", "first of two headlines: kicker"
    if nxt is not None and nxt.role in ("main", "kicker") and nxt.attach != "previous":
        return "kicker", "line over an editor's headline"
    if in_article and _is_heading_start(following) and len(text) <= 8 \
            and not (following is not None and following.role in ("caption", "credit")
                     or following is not None and by.credit_tail(following.text)):
        # A short headline with no text of its own after an article: its column name.
        block.attach = "previous"
        return "column", "short headline after an article's text"
    if block.marker >= 3 and in_article and not in_top:
        return "section", "### inside an article"
    if block.marker >= 3 and in_top:
        before = _content_before(blocks, i)
        if _opens_text(following) or (before is not None and before.role in ("byline", "lead")):
            return "section", "### after the headline, over the text"
        return "sub", "### under the headline"
    if _names_a_genre(text) and following is not None and (by.credit_tail(following.text) is not None
                                           or by.credit(following.text) is not None
                                           or _followed_by_credit(blocks, following)):
        return "column", "column label over a photo"
    return "main", "headline"


def _followed_by_credit(blocks: list[Block], block: Block) -> bool:
    after = next((b for b in blocks[block.index + 1:] if not b.page_break), None)
    return after is not None and not after.marker and by.credit(after.text) is not None


def _opens_text(block: Block | None) -> bool:
    """A paragraph of text, not a byline, headline or dateline-less subtitle."""
    if block is None or block.marker:
        return False
    text = block.text.strip()
    return not by.standalone(text) and not pat.is_heading_like(text) \
        and not by.run_in(text)


def _heads_a_dispatch(blocks: list[Block], i: int) -> bool:
    """Unmarked headline lines stacked over a dispatch's dateline or a byline: the first
    of them is the headline (鲁南我军收复枣庄 / 蒋军五十一师被歼 / 【新华社…电】…)."""
    for block in blocks[i + 1: i + 5]:
        if block.page_break:
            return False
        text = block.text.strip()
        if block.marker or block.role:
            return False
        if by.run_in(text) is not None:
            return True
        people = by.standalone(text)
        if people is not None and (people.roles or people.groups):
            # A byline opens the text that follows it; one with nothing after it, or led
            # by a dash, signs off the text above.
            return not text.startswith("——") and _text_after(blocks, block)
        if not pat.is_heading_like(text):
            return False
    return False


def _text_after(blocks: list[Block], block: Block) -> bool:
    """Text follows BLOCK (before any headline): it is not the article's last."""
    following = _next_content(blocks, block.index)
    return following is not None and not following.marker and not following.role


def _in_top(block: Block, text: str, nxt: Block | None, previous: Block | None,
            byline_in_top: bool, blocks: list[Block]) -> tuple[str, str]:
    """Between an article's headlines and its first paragraph."""
    if by.WIRE_TITLE.match(text) and previous is not None and previous.role == "byline":
        return "sub", "a wire's title"
    if text.startswith(("编者按", "編者按", "编者的话")):
        return "lead", "editor's note"
    if previous is not None and previous.role == "lead" and not pat.ends_paragraph(
            previous.text):
        return "lead", "continues the note above it"
    if not byline_in_top and (text.startswith("——") or pat.is_heading_like(text)) \
            and not pat.is_field_line(text) and by.run_in(text) is None:
        return "sub", "short line under the headline"
    if (byline_in_top or (previous is not None and previous.role == "lead")) \
            and _is_section_head(text, previous, nxt):
        return "section", "unmarked section head"
    if nxt is not None and pat.ends_sentence(text) and not nxt.marker and not nxt.split_reason \
            and not nxt.text.lstrip().startswith("——") and (
            by.standalone(nxt.text.strip()) is not None) and _text_after(blocks, nxt):
        # A lead (导语) stands between the headlines and a byline that text follows; a
        # byline with nothing after it, or led by a dash, signs the text off.
        return "lead", "sentence over a byline"
    return "paragraph", "text"


def _is_section_head(text: str, previous: Block | None, following: Block | None) -> bool:
    """A heading inside an article that the extractor did not mark: a short line without a
    sentence in it, after the end of a paragraph (or a sign-off, or another heading), over
    text that begins a sentence (`单霁翔打开电脑回答问题`, `四、…情况说明`)."""
    enumerated = bool(pat.ENUMERATION.match(text))
    if not pat.is_heading_like(text, 32 if enumerated else 24) or pat.is_field_line(text):
        return False
    halves = re.split(r"[，,]", text)
    if len(halves) > 2 or len(halves) == 2 and abs(len(halves[0]) - len(halves[1])) > 2:
        # A heading holds a comma only between the two matched halves of a couplet
        # (日谋夜虑为群众，病中不忘抓生产); `会议认为，在…` is a sentence cut short.
        return False
    if not _closes_text(previous):
        return False
    if following is None or following.marker or following.role:
        return False
    after = following.text.strip()
    if not after or after[0] in "，。、；：？！）」』”’,.;:)":
        return False
    quotation = text[0] in "“「『" and text[-1] in "”」』"
    if len(after) < 20 and not pat.ENUMERATION.match(after) and not quotation:
        # A section opens with a full paragraph; one short clause after a short line is
        # the two halves of a paragraph a column break cut (…王有利应邀出席 / 会议并讲话。).
        return False
    return True


def _is_page_credit(text: str) -> bool:
    match = pat.FURNITURE.match(text)
    if not match:
        return False
    rest = (match.group(2) or "").strip()
    if not rest:
        return True
    return by.parse_people(rest, desk=True) is not None and len(text) <= 60


def _captions_above_credits(blocks: list[Block]) -> None:
    """A credit on its own line closes the caption above it: that block is the caption."""
    for i, block in enumerate(blocks):
        if block.role != "credit" or block.role_source != "heuristic" or i == 0:
            continue
        above = blocks[i - 1]
        if above.role in ("paragraph", "sub", "lead") and above.role_source == "heuristic" \
                and len(above.text) <= 400 and not above.marker:
            above.role, above.rule = "caption", "text over a photo credit"


def _photo_stories(blocks: list[Block]) -> None:
    """A photo story: a headline, a paragraph or two, and the editor's desk code closing
    the text right before the photo credit (…感人事。③2 王俊祥 摄), no byline. The desk
    code closes an article, so the credit covers the article's whole text: all of it is the
    photo's caption (周口晚报's 小记者“跑”两会). Without a desk code a paragraph over a
    captioned photo stays text."""
    for i, block in enumerate(blocks):
        tail = by.credit_tail(block.text) if block.role == "caption" else None
        if tail is None or tail[0] == tail[1]:
            continue
        run: list[Block] = []
        j = i - 1
        while j >= 0 and blocks[j].role == "paragraph" and blocks[j].role_source == "heuristic":
            run.append(blocks[j])
            j -= 1
        if not run or len(run) > 2 or j < 0 or blocks[j].role not in ("main", "sub"):
            continue
        if any(by.run_in(b.text) is not None or not pat.ends_paragraph(b.text) for b in run):
            continue        # a dispatch with a dateline, or text cut by the photo: not a caption
        for part in run:
            part.role, part.rule = "caption", "part of a photo story's caption"


def _lost_openings(blocks: list[Block]) -> None:
    """Text after the end of an article (a finished sentence, a photo) that begins inside a
    phrase found whole elsewhere on the page (理华国锋，今天下午… beside 国务院总理华国锋，
    今天晚上…) is another article that lost its headline and first words. A block that
    repeats an earlier one is a repeat, not a lost opening."""
    from .gaps import fragment_of_phrase
    from .structure import similar

    page_text = "\n".join(b.text for b in blocks if not b.page_break)
    for i, block in enumerate(blocks):
        if block.role != "paragraph" or block.role_source != "heuristic" \
                or block.missing_start == "none":
            continue
        before = _content_before(blocks, i)
        after_break = i > 0 and blocks[i - 1].page_break
        if before is None or before.marker or not (
                before.role in ("caption", "credit") or after_break and _closes_text(before)):
            # Only where one article may end and another begin: after a photo, or at the
            # top of a page.
            continue
        if not fragment_of_phrase(block.text.lstrip(), page_text):
            continue
        if any(similar(block.text, b.text)[0] for b in blocks[:i]
               if b.role == "paragraph" and not b.page_break):
            continue
        block.starts_article, block.lost_opening = True, "fragment"
        block.rule = "opening found mid-phrase elsewhere on the page"
