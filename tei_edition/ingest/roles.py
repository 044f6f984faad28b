"""Block roles: what each block is on the page (headline, byline, caption, furniture ...).

The editor's corrections from the sidecar come first and always win; every other block
gets a role from the extractor's heading markers, its shape (`patterns.py`, the byline
grammar in `bylines.py`) and its neighbours. docs/encoding.md lists the rules in the
order they are tried here; each sets `Block.rule` so that the review list can say why.
"""

from __future__ import annotations

import functools
import re

from ..errors import SidecarError
from ..model import Block, Correction
from . import bylines as by
from . import patterns as pat
from .sidecar import compile_marker

_HEADISH = ("kicker", "main", "column")
# An editor's note (编者按) and its kin open with their label.
EDITORS_NOTES = ("编者按", "編者按", "编者的话", "編者的話")


def apply_splits(blocks: list[Block], corrections: list[Correction], label: str) -> list[Block]:
    """Split blocks where the editor said so, before anything else reads them."""
    for correction in corrections:
        if not correction.split_at:
            continue
        targets = match_blocks(blocks, correction, label)
        if correction.profile:
            # A paper's shape splits the blocks that hold the text, and leaves the others.
            targets = [b for b in targets if b.text.find(correction.split_at) > 0]
        tails = []
        for block in targets:
            at = block.text.find(correction.split_at)
            if at <= 0:
                raise SidecarError(f"split_at '{correction.split_at}' does not occur after the start "
                                   f"of the block at {block.lines}", label, correction.sidecar_line)
            tail = Block(index=-1, start_line=block.start_line, end_line=block.end_line,
                         text=block.text[at:], role_source=correction.where())
            # The split point's line: count the line breaks the block's text has lost.
            block.text = block.text[:at].rstrip()
            blocks.insert(blocks.index(block) + 1, tail)
            tails.append(tail)
        correction.matched = list(targets)
        correction.tails = tails
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
    if correction.match is not None:
        pattern = _compiled(correction.match)
        found = [b for b in blocks if not b.page_break and b.text.strip()
                 and pattern.search(b.text.strip())]
        what = f"correction match '{correction.match}' is found in no block"
    else:
        wanted = correction.text.strip()
        found = [b for b in blocks if b.text.lstrip().startswith(wanted)]
        what = f"correction text '{wanted}' matches the start of no block"
    if not found and correction.profile is None:
        # A paper's profile describes shapes that a given page may not print.
        raise SidecarError(what, label, correction.sidecar_line)
    return found


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str):
    """A correction's pattern with RE2 (linear time), once per build process."""
    return compile_marker(pattern)


def apply_corrections(blocks: list[Block], corrections: list[Correction], label: str) -> None:
    """Fix what the editor decided; the heuristics then leave those blocks alone."""
    for correction in corrections:
        if correction.split_at and not (correction.role or correction.attach or
                                        correction.join is not None or correction.repeat_of or
                                        correction.repeat is not None or correction.missing_start):
            continue
        source = correction.where()
        by_tails = correction.split_at and (correction.match is not None or correction.profile)
        if by_tails:
            # Other changes in a split correction apply to the second half; a pattern may
            # match either half once split, so the halves it made are taken as they are.
            targets = [b for b in blocks if any(b is tail for tail in correction.tails)]
        else:
            targets = match_blocks(blocks, correction, label)
        if correction.split_at and not by_tails:
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
    for k in range(i + 1, len(blocks)):       # (no slice: a copy per block is quadratic)
        block = blocks[k]
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
    for i, block in enumerate(blocks):
        if _headline_decks(blocks, i):
            out.extend(_split_lines(block, "a headline's deck on a line of its own"))
            continue
        out.extend(_cut(block))
    for i, block in enumerate(out):
        block.index = i
    return out


def _headline_decks(blocks: list[Block], i: int) -> bool:
    """Block I is a stack of headline lines the extraction set without blank lines between
    them: every line short, with no sentence in it and nothing that names people, and the
    block stands directly under a marked headline (其后的副题: 双方进行了诚挚、友好的谈话 /
    周恩来总理等会见时在座) or directly over a dispatch's dateline (周总理盛宴… / 克莱芒大使… /
    新华社…讯). A headline's decks are set one to a line; a paragraph's lines run on into
    one another and end with a sentence's stop. (A headline block of one line is left
    alone; what it is, is decided with its neighbours.)"""
    block = blocks[i]
    lines = [t.strip() for _, t in block.source_lines]
    if block.marker or block.role or block.page_break or block.join is not None \
            or block.attach or not 2 <= len(lines) <= 5 \
            or "".join(lines) != "".join(block.text.split()) and "".join(lines) != block.text:
        return False
    if any(not 4 <= len(line) <= 40 or not pat.is_heading_like(line) or pat.ends_sentence(line)
           or not re.search(r"[\u4e00-\u9fff]", line) for line in lines):
        return False
    before = blocks[i - 1] if i > 0 else None
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    under = before is not None and bool(before.marker) and not before.page_break
    if not under and not (
            after is not None and not after.marker and not after.page_break
            and (before is None or before.page_break or before.marker
                 or pat.ends_paragraph(before.text) or by.credit(before.text.strip()) is not None
                 or by.standalone(before.text.strip()) is not None)
            and by.run_in(after.text.strip()) is not None):
        return False
    return not any(by.standalone(line) is not None or by.credit(line) is not None
                   or by.run_in(line) is not None or pat.FURNITURE.match(line)
                   or pat.is_field_line(line) for line in lines)


def _split_lines(block: Block, reason: str) -> list[Block]:
    """BLOCK as one block per source line (every character kept, in order)."""
    out: list[Block] = []
    rest = block.text
    for k, (line_no, line) in enumerate(block.source_lines):
        part = line.strip()
        at = rest.find(part) + len(part) if k + 1 < len(block.source_lines) else len(rest)
        out.append(Block(index=-1, start_line=line_no, end_line=line_no, text=rest[:at].strip(),
                         source_lines=[(line_no, line)], split_reason=reason if k else ""))
        rest = rest[at:]
    return out


_OPEN_QUOTES, _CLOSE_QUOTES = "“「『", "”」』"


def _mend_quoted_headings(blocks: list[Block]) -> list[Block]:
    """A quotation used as a heading that a column break cut in two (`“看报纸，` /
    `我就认准晚报”`): neither half is complete, together they are one short quoted line
    over text. Mended into one block (every character kept, in order)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        after = blocks[i + 2] if i + 2 < len(blocks) else None
        if nxt is not None and not (block.role or block.marker or block.page_break or nxt.role
                                    or nxt.marker or nxt.page_break or nxt.join is not None
                                    or block.attach or nxt.attach) \
                and _quoted_heading_halves(block.text.strip(), nxt.text.strip()) \
                and after is not None and not after.page_break:
            merged = Block(index=-1, start_line=block.start_line, end_line=nxt.end_line,
                           text=block.text.strip() + nxt.text.strip(),
                           source_lines=block.source_lines + nxt.source_lines,
                           mended=nxt.start_line)
            out.append(merged)
            i += 2
            continue
        out.append(block)
        i += 1
    return out


def _mend_split_credits(blocks: list[Block]) -> list[Block]:
    """A photo credit whose role and names the extraction set in two blocks (`本报记者` /
    `王大明 摄`): a role alone names nobody, and a credit's names without their role
    follow it; together they are one credit (every character kept, in order)."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        free = nxt is not None and not (block.role or block.marker or block.page_break or nxt.role
                                        or nxt.marker or nxt.page_break or nxt.join is not None
                                        or block.attach or nxt.attach)
        role_at_end = _credit_role_at_end(block.text) if free and _names_credit(nxt.text.strip()) \
            else None
        if role_at_end is not None:
            # …乘施工車從街頭經過。新華社記者 / 趙鵬 攝: the credit's role ran on after the
            # caption's last sentence, its names and 攝 went to the next block.
            caption, role = _split(block, role_at_end, "a photo credit's role after its caption")
            out.append(caption)
            out.append(Block(index=-1, start_line=role.start_line, end_line=nxt.end_line,
                             text=role.text + nxt.text.strip(),
                             source_lines=role.source_lines + nxt.source_lines,
                             mended=nxt.start_line))
            i += 2
            continue
        after = blocks[i + 2] if i + 2 < len(blocks) else None
        if free and after is not None and _role_alone(block.text.strip()) \
                and _names_alone(nxt.text.strip()) and _names_credit(after.text.strip()) \
                and not (after.role or after.marker or after.page_break or after.join is not None
                         or after.attach):
            # 本报记者 / 许大桥 / 汪静文 摄: the role, then each photographer on a line of
            # his own; the 摄 at the end covers all of them.
            out.append(Block(index=-1, start_line=block.start_line, end_line=after.end_line,
                             text=block.text.strip() + nxt.text.strip() + after.text.strip(),
                             source_lines=block.source_lines + nxt.source_lines
                             + after.source_lines, mended=nxt.start_line))
            i += 3
            continue
        if free and (_role_alone(block.text.strip()) and _names_credit(nxt.text.strip())
                     or _credit_first_line(blocks, i)):
            out.append(Block(index=-1, start_line=block.start_line, end_line=nxt.end_line,
                             text=block.text.strip() + nxt.text.strip(),
                             source_lines=block.source_lines + nxt.source_lines,
                             mended=nxt.start_line))
            i += 2
            continue
        out.append(block)
        i += 1
    return out


def _credit_first_line(blocks: list[Block], i: int) -> bool:
    """Block I names people with their roles (本报记者　吴铎思) and the block after it is a
    photo credit naming more (本报通讯员　薛晓秋　摄), with no caption between them: a
    credit closes its caption, so a line of people directly over it is the credit's first
    line, its 摄 covering both. Not under a headline, where a byline stands."""
    block, nxt = blocks[i], blocks[i + 1]
    before = blocks[i - 1] if i > 0 else None
    if before is None or before.marker or before.page_break or len(block.text) > 60 \
            or not by.PHOTO_TAIL.search(nxt.text.rstrip().rstrip("）)")):
        return False
    people, credit = by.standalone(block.text.strip()), by.credit(nxt.text.strip())
    return people is not None and people.roles > 0 and people.names > 0 and not people.tail \
        and credit is not None and credit.names > 0 \
        and by.PHOTO_TAIL.search(credit.tail or "") is not None


def _credit_role_at_end(text: str) -> int | None:
    """Where a credit's role alone (新華社記者, 本报记者) that runs on after a caption's last
    sentence starts; None if the text ends otherwise."""
    match = re.search(r"(?<=[。！？!?”」』])\s*(\S{2,16})\s*$", text.rstrip())
    if match and _role_alone(match.group(1)):
        return match.start(1)
    return None


def _role_alone(text: str) -> bool:
    if len(text) > 16 or not by.ROLE_RE.search(text):
        return False        # (no role word: 新华社 alone is a body, not a role)
    people = by.standalone(text)
    return people is not None and not people.names and not people.tail


def _names_alone(text: str) -> bool:
    """Names and nothing else (no role, no 摄): the middle line of a credit set on three."""
    people = by.standalone(text)
    return people is not None and people.names > 0 and not people.roles and not people.tail \
        and not people.groups


def _names_credit(text: str) -> bool:
    people = by.credit(text)
    return people is not None and people.names > 0 and not people.roles


def _quoted_heading_halves(first: str, second: str) -> bool:
    whole = first + second
    return bool(first) and bool(second) and first[0] in _OPEN_QUOTES \
        and not any(q in first for q in _CLOSE_QUOTES) and first[-1] in "，、,：:" \
        and second[-1] in _CLOSE_QUOTES and not any(q in second for q in _OPEN_QUOTES) \
        and len(whole) <= 24 and not re.search(r"[。！？!?；;]", whole[:-1])


def _cut(block: Block) -> list[Block]:
    if block.page_break or block.marker or block.role:
        return [block]
    text = block.text
    wire = re.match(r"^(.{4,40}?(?:电|電|讯|訊))\s*(?=[题題][：:])", text)
    if wire and (by.RUN_IN_AGENCY.fullmatch(wire.group(1))
                 or by.RUN_IN_LOCAL.fullmatch(wire.group(1))):
        return _split(block, len(wire.group(1)), "a wire's title after its dateline")
    row = _role_row(text)
    if row is not None:
        return _split_role_row(block, row)
    lines = block.source_lines
    if len(lines) >= 2 and "".join(t for _, t in lines).replace(" ", "") == text.replace(" ", "") \
            and not _is_page_credit(text.strip()):
        # (A page credit set on two lines, 责任编辑 王五 / 版式设计 赵六, is one credit.)
        last_no, last = lines[-1]
        people = by.standalone(last)
        # Only a sign-off naming a role: a bare name after —— may be a quotation's source.
        if people is not None and people.roles and people.names and not by.credit(last):
            at = text.rstrip().rfind(last)
            if at > 0:
                return _split(block, at, "a sign-off on the block's last line", last_no)
        if by.credit(last) is not None and by.credit(text) is None:
            # 读者齐聚一堂 / 本报记者 张三摄: a caption and, on its own line, its credit.
            at = text.rstrip().rfind(last)
            if at > 0:
                return _split(block, at, "a photo credit on the block's last line", last_no)
    # A bracket after the last sentence: a desk credit, an agency's sign-off, a name.
    closing = _CLOSING_BRACKET.search(text) if text[-1:] in "）)" or text.rstrip()[-1:] in "）)" \
        else None
    desk = closing or _CODED_BRACKET.search(text)
    if desk and _DESK_CHARS.intersection(desk.group(1)) and _is_page_credit(desk.group(1)):
        # …全文完。（责编：白宇、卫嘉）: the page's desk credit run on after the last
        # sentence, as news sites print a paper's page (and extraction leaves it). A wire
        # sets its story's code after it (（編輯：張銘坤）1150101): that is furniture too.
        first, second = _split(block, desk.start(1), "a page's desk credit run on after the text")
        code = desk.end(1) - desk.start(1)
        if not second.text[code:].strip():
            return [first, second]
        credit, rest = _split(second, code, "a page's desk credit run on after the text")
        rest.role, rest.rule = "furniture", "a story's code after the page's desk credit"
        return [first, credit, rest]
    pieces = _furniture_pieces(text) if len(block.source_lines) == 1 else None
    if pieces is not None:
        return _split_furniture(block, pieces)
    tail = _desk_credit_tail(text)
    if tail is not None:
        # …群众出行更加方便。责任编辑：王五 校对：李四: the page's desk credit run on after
        # the last sentence without brackets (a credit has this shape wherever it stands).
        first, second = _split(block, tail, "a page's desk credit run on after the text")
        row = _role_row(second.text)
        if row is not None:
            return [first] + _split_role_row(second, row)
        pieces = _furniture_pieces(second.text)
        return [first] + (_split_furniture(second, pieces) if pieces else [second])
    run_on = by.sign_off_tail(text)
    if run_on is None:
        run_on = by.agency_sign_off_tail(text)
    if run_on is not None:
        return _split(block, run_on, "a sign-off run on after the last sentence")
    dateline = closing if closing and len(closing.group(1)) <= 32 else None
    if dateline and by.dateline_sign_off(dateline.group(1)) is not None \
            and not by.FILE_PHOTO.fullmatch(dateline.group(1)):
        # …无怨无悔。（据新华社郑州9月9日电）, …。（新华社）: the agency's sign-off, run on.
        return _split(block, dateline.start(1), "a sign-off run on after the last sentence")
    if dateline and _bracketed_name(dateline.group(1)):
        # …继续努力。（李明）: a short piece (a commentary, a brief, a reader's note) signed
        # with the writer's name in brackets after its last sentence; a bracket after a
        # sentence's end holds no gloss of a word, and two or three characters led by a
        # common surname are a name.
        return _split(block, dateline.start(1), "a sign-off: a name in brackets after the last sentence")
    return [block]


# A character every desk role holds (编辑, 校对, 审核, 版式, 视觉, 美术, 设计 …): a cheap test
# before the desk grammar is asked.
_DESK_CHARS = set("编編校审審版视視美设設监監签簽统統制製排组組")


# Where a piece of a running head may start after white space: a desk's role (with the
# bullet or bracket it is set in), the page's date or weekday, a page number.
_CREDIT_START = re.compile(rf"[■□●◆◇▲△★☆◎※]*[（(【〔\[]?(?:{pat.DESK_ROLE})")
_HEAD_START = re.compile(r"(?:\d{4}年\d{1,2}月\d{1,2}日|[（(]?星期[一二三四五六日天]|第?\s*[A-Z]?\d{1,3}\s*版"
                         r"|[A-Z]?\d{1,3}(?=\s|$))")
# The desk's telephone or mail address after its people (电话：010-…, 電郵：…@…).
_CONTACT_PIECE = re.compile(r"(?:电话|電話|传真|傳真|邮箱|郵箱|电邮|電郵|[Ee]-?mail)\s*[：:]\s*[\w.@+-]{5,}")


def _furniture_pieces(text: str) -> list[tuple[int, bool]] | None:
    """A line that is the page's furniture throughout, a desk credit among its running
    head (`A12 港聞 責任編輯：李大明 版面設計：王五 2015年8月10日（星期一）`, `■責任編輯：王曉丹
    ■版面設計：崔竣明 2015年11月19日（星期四）`): where each piece starts and whether it is a
    credit. A running head is a row of separate items set apart by white space (page
    number and section, each desk's role and its people, the date), in any order, at the
    top or the foot of the page; each is its own furniture. A line of credits alone is
    one credit where it reads as one. None for anything else."""
    if len(text) > 120 or not _DESK_CHARS.intersection(text):
        return None
    starts = [0] + [m.end() for m in re.finditer(r"\s+", text) if m.end() < len(text)]
    cuts: list[tuple[int, bool]] = []
    for at in starts:
        if _CREDIT_START.match(text, at):
            cuts.append((at, True))
        elif (_HEAD_START.match(text, at) or _CONTACT_PIECE.match(text, at)) \
                and (not cuts or cuts[-1][1]):
            cuts.append((at, False))
    if not cuts or cuts[0][0] != 0:
        cuts.insert(0, (0, False))
    if not any(credit for _, credit in cuts) \
            or all(credit for _, credit in cuts) and (len(cuts) == 1 or _is_page_credit(text)):
        # (A line of credits that reads as one credit stays one: 责编：赵一 美编：钱二. One
        # that does not, ■責任編輯：王五 ■美術編輯：李四, is a row of credits, each its own.)
        return None
    for k, (at, credit) in enumerate(cuts):
        piece = text[at:cuts[k + 1][0] if k + 1 < len(cuts) else len(text)].strip()
        if credit and not _is_page_credit(piece):
            return None
        if not credit and (len(piece) > 40 or re.search(r"[，。！？；,!?;]", piece)
                           or not (pat.RUNNING_HEAD.search(piece) or _HEAD_START.match(piece)
                                   or _CONTACT_PIECE.fullmatch(piece))):
            return None
    return cuts


# A role and its colon (記者：, 编辑：, 責任編輯：), where a piece of a row of roles starts.
_ROLE_COLON = re.compile(rf"(?:{pat.DESK_ROLE}|{by.ROLE_RE.pattern})\s*[：:]")
_ROW_DATE = re.compile(r"\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s*$")


def _role_row(text: str) -> list[tuple[int, str]] | None:
    """A row of `role：names` pieces that holds both the article's writers and the page's
    desk (記者：王五編輯：李四, 編輯：趙六 記者：錢七), with the paper's brand before it and
    the date after it (新報人 … 2021-05-19): where each piece starts and what it is
    (byline, credit, furniture). A reporter writes the article, a desk edits the page, so
    the row is two things, whichever comes first; a row of one kind is left whole. None
    for anything else."""
    if len(text) > 80 or not ("：" in text or ":" in text):
        return None
    starts = [m.start() for m in _ROLE_COLON.finditer(text)]
    if len(starts) < 2:
        return None
    date = _ROW_DATE.search(text)
    end = date.start() if date and date.start() > starts[-1] else len(text)
    prefix = text[:starts[0]].strip()
    if prefix and not re.fullmatch(rf"[{by.HAN}]{{1,4}}", prefix):
        return None
    cuts: list[tuple[int, str]] = [(0, "furniture")] if prefix else []
    for k, at in enumerate(starts):
        piece = text[at:starts[k + 1] if k + 1 < len(starts) else end].strip()
        if _is_page_credit(piece):
            cuts.append((at, "credit"))
            continue
        people = by.standalone(piece)
        if people is None or not people.roles or not people.names:
            return None
        cuts.append((at, "byline"))
    if not {"credit", "byline"} <= {kind for _, kind in cuts}:
        return None
    if end < len(text):
        cuts.append((end, "furniture"))
    return cuts


_ROW = "a row of roles: writers and desk"


def _split_role_row(block: Block, row: list[tuple[int, str]]) -> list[Block]:
    """BLOCK cut at the row's pieces (a cut at a line's start keeps the line's number),
    each given its role: the writers a byline, the desk a page credit, the brand and the
    date furniture."""
    line_starts: dict[int, int] = {}
    offset = 0
    for number, line in block.source_lines:
        line_starts[offset] = number
        offset += len(line)
    out: list[Block] = []
    rest = block
    for at, _ in reversed(row[1:]):
        rest, piece = _split(rest, at, _ROW,
                             line_starts.get(at) if block.text == "".join(
                                 t for _, t in block.source_lines) else None)
        out.insert(0, piece)
    out.insert(0, rest)
    for part, (_, kind) in zip(out, row):
        part.role, part.rule = {
            "byline": ("byline", "a row of roles: the writers"),
            "credit": ("furniture", "a row of roles: the page's desk credit"),
            "furniture": ("furniture", "a row of roles: the paper's brand or the date"),
        }[kind]
    return out


_AFTER_A_STOP = re.compile(r"(?<=[。！？!?”」』…])\s*(?=\S)")


def _desk_credit_tail(text: str) -> int | None:
    """Where a page's desk credit run on after the last sentence starts (…方便。责任编辑：
    王五, …方便。 ■責任編輯：王五 2020年5月6日): the rest of the block, after the stop, is a
    credit, or a running head's pieces with a credit among them."""
    if not _DESK_CHARS.intersection(text[-80:]):
        return None
    for match in _AFTER_A_STOP.finditer(text, max(0, len(text) - 82)):
        rest = text[match.end():].strip()
        if len(rest) > 80 or not _DESK_CHARS.intersection(rest[:12]):
            continue
        if _is_page_credit(rest) or _furniture_pieces(rest) is not None:
            return match.end()
    return None


def _split_furniture(block: Block, pieces: list[tuple[int, bool]]) -> list[Block]:
    """BLOCK cut into its running head's pieces: the desk credits are read as page
    credits by their shape, every other piece is the running head's furniture."""
    out: list[Block] = []
    rest = block
    for k in range(len(pieces) - 1, 0, -1):
        rest, piece = _split(rest, pieces[k][0], "a page's desk credit in its running head")
        out.insert(0, piece)
    out.insert(0, rest)
    for part, (_, credit) in zip(out, pieces):
        if not credit:
            part.role, part.rule = "furniture", "a desk's contact beside its credit" \
                if _CONTACT_PIECE.fullmatch(part.text.strip()) \
                else "running head beside the page's desk credit"
    return out


# A bracket after the last sentence with a wire's story code after it (…值得了。（編輯：
# 張銘坤）1150101): letters and digits only, no word.
_CODED_BRACKET = re.compile(r"(?<=[。！？!?”」』…])\s*([（(][^（）()]{2,40}[）)])\s*[0-9A-Za-z-]{1,16}\s*$")
_CLOSING_BRACKET = re.compile(r"(?<=[。！？!?”」』…])\s*([（(][^（）()]{2,40}[）)])\s*$")


def _bracketed_name(bracket: str) -> bool:
    inner = bracket.strip()[1:-1].strip()
    people = by.standalone(inner)
    return people is not None and not people.roles and not people.groups and not people.tail \
        and len(people.persons) == 1 and people.persons[0] == inner


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
    """Give every block without an editor's role a role from its shape and its neighbours.
    First, quoted headings a column break cut in two are mended (the editor's corrections
    are applied by now: a block the editor gave a role or a join is left as it is)."""
    blocks[:] = _mend_split_credits(_mend_quoted_headings(blocks))
    for i, block in enumerate(blocks):
        block.index = i
    _find_headline_copies(blocks)
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
        nxt = next((blocks[k] for k in range(i + 1, len(blocks)) if not blocks[k].page_break),
                   None)
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
    _captions_cut_by_a_column(blocks)
    _trailing_captions(blocks)
    _pen_name_signatures(blocks)
    _captions_over_a_byline(blocks)
    _titled_photos_without_credit(blocks)
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
    for k in range(i - 1, -1, -1):
        block = blocks[k]
        if block.page_break or block.role == "furniture":
            continue
        return block
    return None


def _bracketed_label(text: str) -> bool:
    """【…】 or 〖…〗 around a short phrase (at most 30 characters) with no sentence in it."""
    match = re.fullmatch(r"[【〖](.{2,30})[】〗]", text)
    return bool(match) and not re.search(r"[。！？；：!?;:【】〖〗]", match.group(1)) \
        and not match.group(1).startswith(EDITORS_NOTES)


def _names_a_genre(text: str) -> bool:
    """A paper's column label names a genre (福建通讯, 图片新闻, 今日谈), and is short."""
    bare = text.replace(" ", "")
    return len(bare) <= 8 and bare.endswith(pat.COLUMN_GENRES)


# Ornaments papers set before a writer's name (□ 朱曄, ☉張國財, ■王五).
_NAME_ORNAMENTS = "□■☉◎●○◆◇"


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
        return _heading(block, blocks, i, nxt, following, in_article, in_top, byline_in_top,
                        stacks)
    if _copies_a_marked_headline(blocks, block) and following is not None \
            and not following.marker:
        return "main", "an unmarked copy of a headline marked elsewhere on the page"
    if previous is not None and previous.rule == "marked line over an unmarked headline: kicker" \
            and previous.index == i - 1:
        return "main", "unmarked headline under a marked kicker"
    if block.split_reason:
        if "desk credit" in block.split_reason and _is_page_credit(text):
            return "furniture", "page credit"
        if "credit" in block.split_reason:
            return "credit", block.split_reason
        return "byline" if "sign-off" in block.split_reason else "sub", block.split_reason
    if text[:1] in "（(" and by.credit(text) is not None:
        # （記者夏彥／攝影）, （记者 张三 摄）: people in brackets whose work is the picture
        # (摄, 攝影, ／图) credit a photo, though the bracket has a run-in byline's shape.
        return "credit", "photo credit"
    if by.parse_run_in(text) is not None or by.dateline_sign_off(text) is not None:
        return "byline", "a dateline on its own"
    if _is_page_credit(text):
        return "furniture", "page credit"
    if pat.PAGE_NUMBER.match(text):
        return "furniture", "page number"
    if by.DESK_CODE.match(text):
        return "furniture", "desk code"
    if page_start and len(text) <= 40 and (pat.RUNNING_HEAD.search(text)
                                           or pat.PAGE_NUMBER_LEAD.match(text)) \
            and not pat.ends_sentence(text) and not re.search(r"[，。！？；,!?;]", text):
        return "furniture", "running head"
    if by.credit(text) is not None:
        return "credit", "photo credit"
    if by.titled_photo(text) is not None:
        return "caption", "a photo's title and its credit"
    if pat.CAPTION_LABEL.match(text) and len(text) <= 200:
        return "caption", "a caption's label (图为, 上图)"
    if by.writer_and_photographer(text):
        # 文／陳大文　圖／李小華: who wrote the text and who took its pictures, one line
        # under the headline or at the end: the article's byline, not a caption and credit.
        return "byline", "byline: the writer and the photographer"
    tail = by.credit_tail(text)
    if tail is not None:
        return "caption", "caption ending in a photo credit"
    if _pointer_alone(text, blocks, i):
        return "caption", "a triangle pointing at a photo, alone"
    people = by.standalone(text)
    if people is not None and (people.roles or people.groups or text.startswith("——")):
        return "byline", "byline: roles and names"
    if pat.ENGLISH_BYLINE.match(text) and (in_top or _is_heading_start(following)):
        return "byline", "English byline"
    if people is not None and (in_top or (in_article and _is_heading_start(following))):
        return "byline", "byline: names alone"
    if by.signature(text) is not None and (in_top or in_article and _closes_text(previous)):
        # 張勝雄／亞凱迪亞 under a letter's headline, （廖哲雄／台南善化） after its text: a
        # reader signs with name and place (see bylines.letter_signature).
        return "byline", "a reader's signature: name and place"
    if people is not None and in_article and text[0] in _NAME_ORNAMENTS \
            and _closes_text(previous) and following is not None and not following.marker:
        # □ 朱曄, ☉張國財: an ornament before a name alone is how papers set a writer's
        # byline (a column's or a feature's), and it stands between finished text and
        # the text it signs: nothing else is a bare name with an ornament.
        return "byline", "byline: names alone"
    if page_start and _bracketed_label(text) and following is not None:
        # 【展现青春风貌，关注青年成长②】 at the top of a page: a series' or column's name
        # set in square brackets, as papers box a label; a dateline in them (【本报讯】) is
        # read above, and text never opens a page inside brackets.
        return "column", "a label in square brackets at the top of a page"
    heading_like = pat.is_heading_like(text)
    continued = previous is not None and pat.CONTINUED_FROM.match(previous.text.strip())
    if heading_like and not in_top and _closes_text(previous) and not pat.is_field_line(text) \
            and not continued:
        # (After （上接A11版） the article's text goes on: no headline stands there.)
        if nxt is not None and nxt.marker and not nxt.role:
            # An unmarked line directly over a marked headline introduces it. The
            # extractor marks lines by their type size and left this one unmarked, so it
            # is not set as a headline: a kicker is printed in headline type, a column's
            # name small or in a box. Short (目击, 读者感言) or a name joined to its series
            # by a middle dot (镜观中国·…), it is the column label.
            if _names_a_genre(text) or _marked_as_column(text) or _column_name(text) \
                    or _series_or_occasion(text):
                return "column", "unmarked short line over a headline: column label"
            return "kicker", "unmarked line over a headline"
        if following is not None and following is nxt and not following.marker \
                and not following.role and following.text.lstrip().startswith("——") \
                and pat.is_heading_like(following.text) \
                and by.standalone(following.text.strip()) is None and not in_article:
            # A line over ——副题 (——…开幕综述) before any article: the headline its subtitle
            # explains; text never runs on into a dashed line.
            return "main", "unmarked headline over a dashed subtitle"
        if _heads_a_dispatch(blocks, i) and not pat.BULLET_POINT.match(text):
            # (● …: a bullet sets a point of a summary or a title line, not a headline.)
            return "main", "unmarked headline over a dateline or byline"
        if (previous is None or page_start) and _headline_over_text(text, following):
            # (_closes_text(previous) holds here: after a page break, the page before
            # ended its paragraph.) Four characters or fewer name a column (我在现场,
            # 今日谈, 视点) far more often than they make a headline, which states its
            # news with a subject and a predicate.
            if (len("".join(text.split())) <= 4 or _names_a_genre(text)) and not in_article:
                # (毛主席语录, 图片新闻: a genre's name labels a box, as a marked one does.)
                return "column", "a short line over the page's first text: column label"
            return "main", "unmarked headline at the top of a page"
    if _points_at_people(text):
        return "caption", "a sentence placing people in a photo: caption"
    if not in_article and text.startswith(EDITORS_NOTES):
        # 编者按 before any headline: the page's note (a special page's introduction).
        return "lead", "editor's note"
    if not in_article and previous is not None and previous.role == "lead" \
            and not pat.ends_paragraph(previous.text):
        return "lead", "continues the note above it"
    if in_top:
        return _in_top(block, text, nxt, previous, byline_in_top, blocks)
    if in_article and _is_section_head(text, previous, following, blocks):
        return "section", "unmarked section head"
    return "paragraph", "text"


# Where a person stands in a photo, in brackets after the name: （左）, （右二）, （前排右一）,
# （左7）, （中）.
_POSITION_MARK = re.compile(r"[\w·•][（(](?:前排|后排|後排|中排|上排|下排)?(?:左|右|中)"
                            r"(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2})?[）)]")


def _points_at_people(text: str) -> bool:
    """A block of one sentence, at most 120 characters, that places a person in the
    picture by a position in brackets after the name (袁斯茹（左）采访…。): only a caption
    points at people so; an article's prose names them without saying where they stand."""
    return len(text) <= 120 and bool(_POSITION_MARK.search(text)) \
        and not re.search(r"[。！？!?]", text.rstrip("。！？!?”」』 "))


def _heading(block: Block, blocks: list[Block], i: int, nxt: Block | None,
             following: Block | None, in_article: bool, in_top: bool, byline_in_top: bool,
             stacks: dict[int, tuple[int, int]]) -> tuple[str, str]:
    text = block.text.strip()
    position, size = stacks.get(i, (0, 1))
    if nxt is not None and nxt.marker and nxt.marker < block.marker and not nxt.role:
        # ### before ##: a line that introduces the headline, or the column it stands in
        # when it names a genre (福建通讯) or carries a column's marks (□…, 70年丨…); a
        # short topic (国务院常务会议) is a kicker.
        if _names_a_genre(text) or _marked_as_column(text) or _series_or_occasion(text) \
                or len("".join(text.split())) <= 4:
            # (Four characters or fewer, 深度, 观察, name a section: a kicker introduces its
            # headline with a phrase.)
            return "column", "short line over a headline: column label"
        if _over_a_profile(blocks, i) and len(text) <= 8 and " " not in text:
            return "column", "short line over a profile's headline: column label"
        return "kicker", "### over ##: kicker"
    if block.marker >= 3 and not in_top and nxt is not None and not nxt.marker and not nxt.role \
            and nxt.index == i + 1 and pat.is_heading_like(nxt.text.strip()) \
            and not pat.ends_sentence(nxt.text.strip()) and _heads_a_dispatch(blocks, i + 1) \
            and not _is_page_credit(nxt.text.strip()) and by.standalone(nxt.text.strip()) is None \
            and by.credit(nxt.text.strip()) is None and by.run_in(nxt.text.strip()) is None \
            and not _names_a_genre(text) and not _marked_as_column(text):
        # ### 中国对外开放的窗口和基地 / 经济特区艰苦创业结硕果 (unmarked) / 新华社…电: a
        # marked line directly over the unmarked headline of a dispatch introduces it, as
        # a ### over ## does: the extractor marked the kicker's type and missed the main
        # headline's, which the dateline under it shows to be one.
        return "kicker", "marked line over an unmarked headline: kicker"
    if in_top and byline_in_top and not by.credit(text):
        # An article has text: a headline after its headline and byline, before any
        # paragraph, heads the article's first section (精神与人 / 本报记者 … / 革命精神
        # 发扬光大).
        return "section", "headline after the byline: the first section head"
    kicker_above = i > 0 and blocks[i - 1].marker > block.marker \
        and blocks[i - 1].role in ("kicker", "column") and blocks[i - 1].attach != "previous"
    if size == 2 and (kicker_above and position == 0
                      or position == 1 and blocks[i - 1].rule == "headline under a kicker"):
        # ### kicker over two ## lines: a headline group has one kicker, so the first is
        # the main headline and the second its subtitle.
        return ("main", "headline under a kicker") if position == 0 else \
            ("sub", "second headline under a kicker: subtitle")
    if size >= 3:
        # Three or more lines of one level: a main headline and its decks.
        return ("main", "first of a stack of headlines") if position == 0 else \
            ("sub", "deck of a stack of headlines")
    if text.startswith(("——", "—— ", "--")) and in_top:
        # ——记优秀共产党员…: a dash prints a subtitle (副题), whatever its marker.
        return "sub", "dash-led headline under the headline: subtitle"
    if size == 2 and position == 0 and nxt is not None and nxt.text.lstrip().startswith("——"):
        return "main", "headline over a dash-led subtitle"
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
    if _names_a_genre(text) and not in_top and _opens_dispatch(following):
        # 快訊 over a byline or a dateline: the column label of the next report.
        return "column", "column label over a byline"
    if _names_a_genre(text) and not in_article and _opens_text(following):
        # 毛主席语录 at the top of a page, over its text: the box's label, not a headline.
        return "column", "column label over text"
    if block.marker >= 3 and in_article and not in_top:
        return "section", "### inside an article"
    if block.marker >= 3 and in_top:
        before = _content_before(blocks, i)
        if _byline_ahead(blocks, i):
            # Headlines stand before the byline: with the byline still to come (after the
            # summary points), the line is the headline's subtitle.
            return "sub", "### under the headline, over the byline"
        if _opens_text(following) or (before is not None and before.role in ("byline", "lead")):
            return "section", "### after the headline, over the text"
        return "sub", "### under the headline"
    if _names_a_genre(text) and following is not None and (by.credit_tail(following.text) is not None
                                           or by.credit(following.text) is not None
                                           or _followed_by_credit(blocks, following)):
        return "column", "column label over a photo"
    return "main", "headline"


def _cut_inside_a_word(text: str, nxt: Block | None) -> bool:
    """TEXT ends where a column break cut a word that the block NXT finishes (坚决扛起保障国
    / 家粮食安全…): a paragraph's first half, not a headline. A headline ends at a word's
    end."""
    if nxt is None or nxt.marker or pat.ends_sentence(text) \
            or text.lstrip().startswith("——") or by.standalone(nxt.text.strip()) is not None:
        return False        # a dash-led subtitle; a byline or a name under a line
    from .gaps import breaks_inside_word

    return breaks_inside_word(text, nxt.text)


def _headline_over_text(text: str, following: Block | None) -> bool:
    """A page's first block, a short line without any punctuation of a sentence
    (推进新校园建设), over a full paragraph that opens a sentence: a headline the
    extractor did not mark. A line cut off a paragraph by a column break is followed by
    the rest of its sentence, which does not open one."""
    bare = text.replace(" ", "").replace("\u3000", "")
    if not 4 <= len(bare) <= 24 or re.search(r"[，。、；：？！,.;:?!（）()]", text):
        return False
    if following is None or following.marker or following.role:
        return False
    after = following.text.strip()
    if len(after) < 20 or after[0] in "，。、；：？！）」』”’,.;:)" or pat.starts_mid_sentence(after):
        return False
    from .gaps import breaks_inside_word, opens_inside_word

    return not opens_inside_word(after) and not breaks_inside_word(text, after)


def _column_name(text: str) -> bool:
    """Up to six characters with no space (目击, 读者感言, 用鏡頭看臺灣), or a name and its
    series joined by a middle dot (镜观中国·新华社国内新闻照片一周精选): the shapes of a
    column's name. A kicker introduces its headline with a phrase of its own, longer."""
    bare = text.strip()
    return (len(bare) <= 6 and not re.search(r"\s", bare)) or bool(re.search(r"\S[·•]\S", bare))


_SERIES_PART = re.compile(r"(?:系列|之[一二三四五六七八九十百]{1,3}$|[（(][一二三四五六七八九十]{1,3}[）)]$)")
_OCCASION = re.compile(r"^(?:庆祝|纪念|慶祝|紀念)\S{2,24}(?:周年|週年|华诞|華誕)$")


def _series_or_occasion(text: str) -> bool:
    """深化改革系列述评之十一, 庆祝中华人民共和国成立45周年: the name of a series with its
    part's number, or of the occasion a page marks. Both label the articles under them,
    one after another; a kicker introduces one headline with a phrase of its own."""
    bare = text.strip()
    return len(bare) <= 30 and not re.search(r"[，。！？；：,!?;:]", bare) \
        and bool(_SERIES_PART.search(bare) or _OCCASION.match(bare))


def _marked_as_column(text: str) -> bool:
    """□师者之尊, 70年岁月丨我与本报: an ornament before a name, or a bar between a
    series' name and its part, is how a paper marks a column label."""
    return text[:1] in pat.COLUMN_ORNAMENTS or bool(pat.SERIES_BAR.search(text))


def _over_a_profile(blocks: list[Block], i: int) -> bool:
    """The headline below has a profile's subtitle (——记运输队队长…): a feature (通讯),
    which runs in a named column rather than under a kicker."""
    for block in blocks[i + 1:i + 4]:
        text = block.text.strip()
        if re.match(r"^——\s*(?:记|記|追记|追記)", text):
            return True
        if not block.marker:
            return False
    return False


def _opens_dispatch(block: Block | None) -> bool:
    """A byline or a dateline: what opens a report."""
    if block is None or block.marker:
        return False
    text = block.text.strip()
    people = by.standalone(text)
    return (people is not None and bool(people.roles)) or by.run_in(text) is not None \
        or by.parse_run_in(text) is not None


def _byline_ahead(blocks: list[Block], i: int) -> bool:
    """A byline that text follows comes after block I, with one or more summary points
    (● …) and nothing else between them: block I is still in the headline group."""
    for block in blocks[i + 1:i + 8]:
        if block.page_break:
            continue
        text = block.text.strip()
        if block.marker:
            return False
        if pat.BULLET_POINT.match(text) and by.standalone(text) is None:
            continue
        people = by.standalone(text)
        return people is not None and bool(people.roles) and _text_after(blocks, block) \
            and block is not blocks[i + 1]
    return False


def _followed_by_credit(blocks: list[Block], block: Block) -> bool:
    after = next((blocks[k] for k in range(block.index + 1, len(blocks))
                  if not blocks[k].page_break), None)
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
        if block.marker or block.role or _copies_a_marked_headline(blocks, block):
            return False
        if by.run_in(text) is not None:
            return True
        if by.credit(text) is not None:
            return False            # a photo's credit: the line above is its caption
        people = by.standalone(text)
        if people is not None and (people.roles or people.groups):
            # A byline opens the text that follows it; one with nothing after it, or led
            # by a dash, signs off the text above.
            return not text.startswith("——") and _text_after(blocks, block)
        if not pat.is_heading_like(text):
            return False
    return False


def _copies_a_marked_headline(blocks: list[Block], block: Block) -> bool:
    """BLOCK, unmarked, reads exactly as a headline the extractor marked elsewhere on the
    page (韓國偷運… before the dispatch it heads, and again marked over its repeat): the
    page itself shows the line to be a headline. At least six characters, no sentence.
    (Found once per page by _find_headline_copies, so that the look-up is constant.)"""
    return block.copies_headline


def _find_headline_copies(blocks: list[Block]) -> None:
    marked = {"".join(b.text.split()) for b in blocks if b.marker}
    for block in blocks:
        if block.marker or len(block.text) > 60:
            continue
        text = "".join(block.text.split())
        block.copies_headline = text in marked and len(text) >= 6 and not pat.ends_sentence(text) \
            and pat.is_heading_like(block.text, 48) and not re.search(r"[。！？!?]", text)


def _text_after(blocks: list[Block], block: Block) -> bool:
    """Text follows BLOCK (before any headline): it is not the article's last."""
    following = _next_content(blocks, block.index)
    return following is not None and not following.marker and not following.role


def _in_top(block: Block, text: str, nxt: Block | None, previous: Block | None,
            byline_in_top: bool, blocks: list[Block]) -> tuple[str, str]:
    """Between an article's headlines and its first paragraph."""
    if by.WIRE_TITLE.match(text) and previous is not None and previous.role == "byline":
        return "sub", "a wire's title"
    if text.startswith(EDITORS_NOTES):
        return "lead", "editor's note"
    if not byline_in_top and pat.BULLET_POINT.match(text) and by.standalone(text) is None \
            and _byline_ahead(blocks, block.index - 1):
        # ● summary points between the headlines and the byline: the lead (导读).
        return "lead", "summary points over the byline"
    if previous is not None and previous.role == "lead" and not pat.ends_paragraph(
            previous.text) and by.run_in(text) is None:
        # (A dispatch's dateline opens its text: the summary above it ended without a stop.)
        return "lead", "continues the note above it"
    if _portrait_caption(text):
        return "caption", "an office and a name alone: a portrait's caption"
    if _caption_under_headline(block, text, nxt, previous):
        return "caption", "a short sentence under the headline, over the text: caption"
    if text.startswith("——") and pat.is_heading_like(text) and previous is not None \
            and previous.role in ("main", "sub") and previous.index == block.index - 1 \
            and by.standalone(text) is None:
        # ——专访…, ——…开幕综述 directly under a headline (or a wire's title): a subtitle,
        # also after the dateline; a dash before names signs the text off (standalone).
        return "sub", "a dashed line directly under a headline"
    if not byline_in_top and previous is not None and previous.role in ("main", "sub") \
            and by.names_run_together(text) is not None and nxt is not None and not nxt.marker:
        # 丁雪松杨德华 between the headlines and the text: the writers, not a subtitle.
        return "byline", "byline: names run together"
    if not byline_in_top and _label_under_headline(text) and previous is not None \
            and previous.role in ("main", "sub") and previous.index == block.index - 1:
        # 大灾大难见精神·我是记者, 记者专访 under the headline: the column or series the
        # article runs in, set small beside or under it; not a subtitle, which states news.
        block.attach = "previous"
        return "column", "a column's label under the headline"
    if not byline_in_top and (text.startswith("——") or pat.is_heading_like(text)) \
            and (not pat.is_field_line(text) or _speaker_and_words(text)) and by.run_in(text) is None \
            and not _cut_inside_a_word(text, nxt):
        return "sub", "short line under the headline"
    if nxt is not None and not nxt.marker and by.run_in(text) is None \
            and by.run_in(nxt.text.strip()) is not None and pat.ends_sentence(text) \
            and len(text) <= 80 and by.standalone(text) is None \
            and (byline_in_top or not text.startswith(EDITORS_NOTES)):
        # A dispatch's text opens with its dateline (本报讯, 湖北日报消息, 新华社…电): a
        # sentence between the headline or byline and that dateline is not the text's
        # beginning but the photo's caption, set under them (罗清泉等领导考察宝塔村。).
        return "caption", "a sentence between the byline and the dateline: caption"
    if not byline_in_top and nxt is not None and not nxt.marker and by.run_in(text) is None \
            and by.run_in(nxt.text.strip()) is not None \
            and (pat.ends_sentence(text) or re.search(r"[。！？!?]", text)) \
            and by.standalone(text) is None and (previous is None or previous.marker):
        # The same evidence on a longer block right under the headline: what stands before
        # the dispatch's dateline is no part of its text but a summary of it (提要), also
        # when the summary's last sentence is printed without its stop, as headlines are.
        return "lead", "a summary between the headline and the dateline"
    if (byline_in_top or (previous is not None and previous.role == "lead")) \
            and _is_section_head(text, previous, nxt, blocks):
        return "section", "unmarked section head"
    if nxt is not None and pat.ends_sentence(text) and not nxt.marker and not nxt.split_reason \
            and not nxt.text.lstrip().startswith("——") and (
            by.standalone(nxt.text.strip()) is not None) and _text_after(blocks, nxt) \
            and by.run_in(text) is None:
        # (A block that opens with the dispatch's dateline, 【本報訊】…, is its text.)
        # A lead (导语) stands between the headlines and a byline that text follows; a
        # byline with nothing after it, or led by a dash, signs the text off.
        return "lead", "sentence over a byline"
    return "paragraph", "text"


def _caption_under_headline(block: Block, text: str, nxt: Block | None,
                            previous: Block | None) -> bool:
    """One short clause (8 to 30 characters, no comma) directly under the headlines, over
    a paragraph of text (sentences, at least 40 characters and three times as long) that
    opens a sentence of its own (宋芸樺擔任台北電影節影展大使。 / 記者…報導 第27屆…): the
    caption of the photo set between the headline and the text. A report's first sentence
    says who did what, when and where, and is longer; a caption says only what the picture
    shows."""
    if previous is None or previous.role not in ("main", "sub") \
            or previous.index != block.index - 1 or nxt is None or nxt.marker or nxt.role:
        return False
    if not 8 <= len(text) <= 30 or text[-1:] != "。" \
            or re.search(r"[。！？!?；;，、,]", text[:-1]) or pat.starts_mid_sentence(text) \
            or by.run_in(text) is not None or by.standalone(text) is not None:
        return False
    after = nxt.text.strip()
    return len(after) >= max(3 * len(text), 40) and bool(re.search(r"[。！？]", after)) \
        and not pat.starts_mid_sentence(after) \
        and after[:1] not in "，。、；：？！）」』”’,.;:)"


_INTERVIEW_GENRES = ("专访", "專訪")


def _label_under_headline(text: str) -> bool:
    """A series' name and its own title joined by a middle dot (大灾大难见精神·我是记者), or a
    genre's name of at most eight characters (记者专访, 福建通讯): how a column label reads."""
    bare = "".join(text.split())
    if not bare or bare.startswith("——") or not pat.is_heading_like(text):
        return False
    return bool(re.fullmatch(r"[^·•\s]{2,12}[·•][^·•\s]{2,12}", bare)) \
        or len(bare) <= 8 and bare.endswith(pat.COLUMN_GENRES + _INTERVIEW_GENRES)


# How the name of an office ends (司长, 局長, 主席, 书记, 总统 …): the title before a name
# under a portrait.
_OFFICE_END = re.compile(r"(?:长|長|主席|主任|书记|書記|总统|總統|总理|總理|议员|議員|委员|委員|经理|經理"
                         r"|董事|部长|部長|大使|领事|領事|发言人|發言人)$")


# What a subtitle about a person opens with: an interview with, a talk with, a memory of.
_ABOUT_SOMEONE = ("访", "訪", "专访", "專訪", "对话", "對話", "记", "記", "悼", "忆", "憶", "致", "送")


def _portrait_caption(text: str) -> bool:
    """司長張裕 in a headline's group: an office and a person's name, nothing else. A
    subtitle says something, a byline names a reporter's role; a title and a name alone
    name the person a portrait shows."""
    bare = text.strip()
    if len(bare) > 14 or not re.fullmatch(r"[\u4e00-\u9fff]+", bare) \
            or bare.startswith(_ABOUT_SOMEONE):
        return False        # (专访市长王五: an interview's subtitle says what it is about)
    for size in (3, 2):
        title, name = bare[:-size], bare[-size:]
        if 2 <= len(title) and _OFFICE_END.search(title) and by.surname_led(name) \
                and by.split_names(name) == [name]:
            return True
    return False


def _speaker_and_words(text: str) -> bool:
    """張裕：遷完開學後再定 under a headline: a person's name and what the person said, the
    way papers set a quotation as a subtitle. A field of a profile (人物：林维曦, 时间：…)
    has the shape too, but its label is a noun, not a person's name."""
    label = re.split(r"[：:]", text, 1)[0].strip()
    return len(label) <= 3 and by.surname_led(label) and by.split_names(label) == [label]


def _is_section_head(text: str, previous: Block | None, following: Block | None,
                     blocks: list[Block]) -> bool:
    """A heading inside an article that the extractor did not mark: a short line without a
    sentence in it, after the end of a paragraph (or a sign-off, or another heading), over
    text that begins a sentence (`单霁翔打开电脑回答问题`, `四、…情况说明`)."""
    enumerated = bool(pat.ENUMERATION.match(text))
    if not pat.is_heading_like(text, 32 if enumerated else 24) or pat.is_field_line(text):
        return False
    quotation = text[0] in _OPEN_QUOTES and text[-1] in _CLOSE_QUOTES
    halves = re.split(r"[，,]", text)
    if not quotation and (len(halves) > 2 or len(halves) == 2
                          and abs(len(halves[0]) - len(halves[1])) > 2):
        # A heading holds a comma only between the two matched halves of a couplet
        # (日谋夜虑为群众，病中不忘抓生产), or inside a quotation used as a heading;
        # `会议认为，在…` is a sentence cut short.
        return False
    if following is None or following.marker or following.role \
            or _copies_a_marked_headline(blocks, following):
        return False
    over_byline = by.standalone(following.text.strip()) is not None \
        and bool(by.standalone(following.text.strip()).roles)
    if not _closes_text(previous) and not (quotation and over_byline) \
            and not (previous is not None and pat.LIST_INTRODUCTIONS.search(previous.text)):
        # A quotation over a byline heads what the byline signs, whatever stands above;
        # after 摘要如下： what it announces begins, with a heading of its own.
        return False
    after = following.text.strip()
    from .gaps import word_opens

    if not after or after[0] in "，。、；：？！）」』”’,.;:)" \
            or pat.starts_mid_sentence(after) and not word_opens(after) \
            or _cut_inside_a_word(text, following):
        # (清晨，… and 路，… open a sentence with a word of time or a topic before the
        # comma: the test gaps.py applies to an opening.)
        # A heading is followed by a sentence's start; `驗，對初學者…` after a short
        # line finishes the word that line broke off (…的终极考 / 验，).
        return False
    if not over_byline and not quotation and not pat.ENUMERATION.match(after) \
            and not re.search(r"[，。！？；：,.!?;:]", after):
        # A section opens with text, and text has punctuation: a line with none after a
        # short line is another such line (a caption, a heading), not the section's text.
        return False
    if len(after) < 20 and not pat.ENUMERATION.match(after) and not quotation \
            and not (over_byline and by.credit(after) is None and _text_after(blocks, following)):
        # A section opens with a full paragraph, or with its byline that text follows (a
        # photo's credit is none: the line over it is its caption; a byline with nothing
        # after it signs the article off); one short clause after a short line
        # is the two halves of a paragraph a column break cut (…王有利应邀出席 / 会议并讲话。).
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
    """A credit on its own line closes the caption above it: that block is the caption.
    A photo report's credit (摄影报道: pictures and text by the person credited) closes
    the whole report: every paragraph above it, back to the headlines, is its caption."""
    for i, block in enumerate(blocks):
        if block.role != "credit" or block.role_source != "heuristic" or i == 0:
            continue
        above = blocks[i - 1]
        if above.role in ("paragraph", "sub", "lead") and above.role_source == "heuristic" \
                and len(above.text) <= 400 and not above.marker:
            above.role, above.rule = "caption", "text over a photo credit"
            first = blocks[i - 2] if i >= 2 else None
            if first is not None and first.role == "paragraph" \
                    and first.role_source == "heuristic" and not first.marker \
                    and first.text.rstrip()[-1:] in "，、；,;" and len(first.text) <= 100 \
                    and len(first.text) + len(above.text) <= 250:
                # 当天夜里，…交谈， / 了解他们…困难。/ credit: a column break cut the caption
                # after a comma, and its first half stands over the second. A caption is
                # short (the two halves together at most 250 characters, the first at most
                # 100); a longer first half is the article's paragraph that a caption and
                # its credit interrupt (…增加了百分之二十， / caption / credit / 达到…).
                first.role, first.rule = "caption", "a caption's first half, cut at a comma"
            if not by.PHOTO_REPORT.search(block.text.strip()):
                continue
            for before in reversed(blocks[:i - 1]):
                if before.role not in ("paragraph", "lead") or before.role_source != "heuristic" \
                        or before.marker or len(before.text) > 400:
                    break
                before.role, before.rule = "caption", "part of a photo report's caption"


# Openings that refer back to text before them: a caption that opens so is not a
# caption alone, it goes on from the paragraphs above it.
REFERRING_OPENINGS = ("据悉", "據悉", "据了解", "據了解", "另据", "另據", "此外", "另外", "同时", "同時",
                      "其中", "该", "該", "这", "這", "此次", "他们", "他們", "她们", "她們", "他", "她")


def _photo_stories(blocks: list[Block]) -> None:
    """A photo story: a headline, a paragraph or two, and the photo's caption with its
    credit (run on, or on a line of its own), no byline and no dateline, where the credit
    evidently covers all the text: the editor's desk code closes the text right before
    the credit (…感人事。③2 王俊祥 摄: the desk code ends an article), or the credited
    block goes on from the paragraphs above it (据悉，此次大赛…, 据了解，该工程…: it
    refers back to them). All of the text is then the photo's caption (周口晚报's 小记者
    “跑”两会, a 梧州日报 photo page). A caption that stands alone under a paragraph of
    text leaves that paragraph text."""
    for i, block in enumerate(blocks):
        if block.role != "caption":
            continue
        tail = by.credit_tail(block.text)
        credited = tail is not None or (i + 1 < len(blocks) and blocks[i + 1].role == "credit")
        desk_code = tail is not None and tail[0] != tail[1]
        referring = block.text.lstrip().startswith(REFERRING_OPENINGS)
        alone = tail is None and credited and _ends_a_unit(blocks, i + 1)
        if not credited or not (desk_code or alone or referring):
            continue
        run: list[Block] = []
        j = i - 1
        while j >= 0 and blocks[j].role == "paragraph" and blocks[j].role_source == "heuristic":
            run.append(blocks[j])
            j -= 1
        if not run or len(run) > 3 or j < 0 or blocks[j].role not in ("main", "sub"):
            continue
        if not (desk_code or referring) and (len(run) > 1 or len(run[0].text) > 300):
            continue        # a credit under a headline's one short paragraph only
        if any(by.run_in(b.text) is not None for b in run) or not pat.ends_paragraph(run[0].text):
            continue        # a dispatch with a dateline, or text cut by the photo: not a caption
        for part in run:
            part.role, part.rule = "caption", "part of a photo story's caption"


def _ends_a_unit(blocks: list[Block], i: int) -> bool:
    """Block I (a credit on its own line) is the last of its unit: a headline, a page
    break or the page's end follows. A photo story's credit closes it, so the one short
    paragraph between its headline and that credit is the photo's caption: an article's
    text is signed by a byline, not closed by a photographer's credit."""
    for block in blocks[i + 1:]:
        if block.role == "furniture":
            continue
        return block.page_break or bool(block.marker) or block.role in ("main", "kicker", "column")
    return True


def _trailing_captions(blocks: list[Block]) -> None:
    """Lines without any punctuation after an article's last sentence, with nothing after
    them but the text's end or the next headline (…的纸寮): not text, whose sentences end
    with a stop, and not headings, which head text; the captions of the article's photos,
    printed without a full stop. (Before a page break the text may go on: no evidence.)
    A bullet or an enumeration opens a point of a list, not a caption."""
    end = len(blocks)
    while end > 0 and (blocks[end - 1].page_break or blocks[end - 1].role == "furniture"):
        end -= 1
    for i in range(len(blocks)):
        block = blocks[i]
        if block.marker or block.role in ("main", "kicker", "column"):
            _mark_trailing(blocks, i)
    _mark_trailing(blocks, end)


# A writer's contact line under a signature: a web address or a mail address.
_CONTACT = re.compile(r"^\s*(?:\S+@\S+\.\w+|(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?)\s*$")
# Words that close a text without signing it (完, 未完待续).
_NOT_SIGNATURES = ("完", "全文完", "待续", "待續", "未完待续", "未完待續", "续完", "續完")


def _pen_name_signatures(blocks: list[Block]) -> None:
    """A name of two to four characters alone after an article's last sentence, with
    nothing after it but the writer's contact line (a web or mail address) or the text's
    end (…多謝《蘋果》。 / 千頌C / fb.com/winbigwok): the writer's signature, as columns
    are signed with a pen name. A pen name need not begin with a surname, so the
    names-alone byline rule leaves it; its place and shape say what it is. Words that
    cannot be names (资料, 综合) and closing words (未完待续) are none."""
    for i, block in enumerate(blocks):
        text = block.text.strip()
        if block.role != "paragraph" or block.role_source != "heuristic" or block.marker \
                or not pat.PEN_NAME.fullmatch(text) or text.endswith(_NOT_SIGNATURES) \
                or text in by.NOT_NAMES:
            continue
        before = _content_before(blocks, i)
        if before is None or before.role != "paragraph" or not pat.ends_paragraph(before.text):
            continue
        after = _next_content(blocks, i)
        if after is None or _CONTACT.match(after.text):
            # (Before a headline a short line may as well label the next piece, 相关链接;
            # a name there is read by the names-alone rule, which asks for a surname.)
            block.role, block.rule = "byline", "a pen name alone after the text's end"


def _captions_over_a_byline(blocks: list[Block]) -> None:
    """Two or more blocks of one sentence each, stacked between the headline and the
    byline that the text follows (`上世紀80年代末市民購糧的情景。` / …): a lead is one
    paragraph, and a summary does not come in pieces of a sentence each, while a page with
    several photos prints a caption of a sentence under each; set above the byline, before
    the text, they are no part of the text."""
    for i, block in enumerate(blocks):
        if block.role != "byline" or block.marker or i + 1 >= len(blocks):
            continue
        run: list[Block] = []
        k = i - 1
        while k >= 0 and blocks[k].role in ("paragraph", "lead") \
                and blocks[k].role_source == "heuristic" and not blocks[k].marker \
                and _one_sentence(blocks[k].text.strip()):
            run.append(blocks[k])
            k -= 1
        if len(run) < 2 or k < 0 or not (blocks[k].marker or blocks[k].role in ("main", "sub")):
            continue
        following = _next_content(blocks, i)
        if following is None or following.role != "paragraph":
            continue
        for caption in run:
            caption.role, caption.rule = "caption", "sentences stacked over the byline: captions"


# A sentence that points at what the reader sees: a photo's caption (这是访问团的团员…).
_POINTING = re.compile(r"(?:^|[。！？])\s*(?:这是|這是|这里是|這裡是|图为|圖為|画面上|畫面上)")


def _titled_photos_without_credit(blocks: list[Block]) -> None:
    """A short headline over one block and directly the next headline, no byline and no
    dateline, where the block points at a picture (`…节省大量人力。这是马拉搂草机，…`):
    the block is an uncredited photo's caption and the headline the title of the photo
    series it runs in (`我们伟大的祖国`), a column label. A report has a dateline or a
    byline, or more than one paragraph; a caption says 这是 of what the photo shows."""
    for i, block in enumerate(blocks):
        if not (block.role in ("main", "column") and block.role_source == "heuristic"):
            continue
        body = _next_content(blocks, i)
        if body is None or body.role != "paragraph" or body.role_source != "heuristic" \
                or body.marker:
            continue
        after = _next_content(blocks, body.index)
        text = body.text.strip()
        if not (after is None or after.marker or after.role in ("main", "kicker", "column")) \
                or len(block.text.strip()) > 12 or not 10 <= len(text) <= 200 \
                or not pat.ends_paragraph(text) or by.run_in(text) is not None \
                or not _POINTING.search(text) or _POINTING.match(text):
            continue
        block.role, block.rule = "column", "a photo series' title over a caption"
        body.role, body.rule = "caption", "a picture pointed at under a series' title: caption"


def _one_sentence(text: str) -> bool:
    """A sentence of at most 60 characters, ended by its stop and holding no other."""
    return 6 <= len(text) <= 60 and text[-1] in "。！？" and not re.search(r"[。！？!?；;]", text[:-1]) \
        and not text.startswith(EDITORS_NOTES) and not pat.BULLET_POINT.match(text) \
        and by.run_in(text) is None


def _mark_trailing(blocks: list[Block], stop: int) -> None:
    run: list[Block] = []
    k = stop - 1
    while k >= 0 and blocks[k].role == "paragraph" and blocks[k].role_source == "heuristic" \
            and not blocks[k].marker and not blocks[k].page_break \
            and 6 <= len(blocks[k].text.strip()) <= 60 \
            and not re.search(r"[，。！？；：、,.!?;:…）)」”]", blocks[k].text) \
            and not pat.BULLET_POINT.match(blocks[k].text) and not pat.ENUMERATION.match(blocks[k].text):
        run.append(blocks[k])
        k -= 1
    if not run or k < 0 or blocks[k].role not in ("paragraph", "caption") \
            or not pat.ends_paragraph(blocks[k].text):
        return
    for block in run:
        block.role, block.rule = "caption", "a line without punctuation after the text's end"


def _pointer_alone(text: str, blocks: list[Block], i: int) -> bool:
    """▲参观者在展厅内驻足观看。: a triangle before one or two sentences, with no block
    beside it opening with the same mark. Papers print the triangle at a photo's caption
    and as a bullet; bullets list several points, one after another, while a photo has
    one caption: a triangle block standing alone points at a photo."""
    mark = text[:1]
    if mark not in "▲△" or len(text) > 120 or not pat.ends_sentence(text) \
            or len(re.findall(r"[。！？!?]", text)) > 3:
        return False
    neighbours = [b for b in (blocks[i - 1] if i > 0 else None,
                              blocks[i + 1] if i + 1 < len(blocks) else None) if b is not None]
    return not any(b.text.lstrip().startswith(("▲", "△")) for b in neighbours)


def _captions_cut_by_a_column(blocks: list[Block]) -> None:
    """A caption whose first half a column break cut off inside a word (`市民在花展的展` /
    `厅前拍照留念。 记者 张三 摄`): the half before it is the caption's start, not text.
    Only a cut inside a word is evidence: a paragraph the photo split in two ends its half
    at a comma or a word's end and goes on after the photo."""
    for i in range(len(blocks) - 1, 0, -1):
        block, before = blocks[i], blocks[i - 1]
        if block.role != "caption" or before.role != "paragraph" \
                or before.role_source != "heuristic" or pat.ends_sentence(before.text):
            continue
        from .gaps import breaks_inside_word

        if breaks_inside_word(before.text, block.text):
            before.role, before.rule = "caption", "a caption's first half, cut inside a word"


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
