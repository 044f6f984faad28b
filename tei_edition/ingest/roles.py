"""Block roles: what each block is on the page (headline, byline, caption, furniture ...).

Heuristics first, read off the extractor's heading markers and the shapes in
`patterns.py`; then the editor's corrections from the sidecar, which always win.
"""

from __future__ import annotations

from ..errors import SidecarError
from ..model import Block, Correction
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


def assign_roles(blocks: list[Block]) -> None:
    """Give every block without an editor's role a role from its shape and its neighbours."""
    in_article = False
    in_top = False          # after an article's headlines, before its first paragraph
    page_start = True       # nothing but breaks since the page began
    for i, block in enumerate(blocks):
        if block.page_break:
            block.role = "pagebreak"
            page_start = True
            continue
        nxt = next((b for b in blocks[i + 1:] if not b.page_break), None)
        following = _next_content(blocks, i)
        if not block.role:
            block.role = _guess(block, nxt, following, in_article, in_top, page_start)
        page_start = False
        role = block.role
        if role in _HEADISH and block.attach != "previous":
            in_article, in_top = True, True
        elif role == "section":
            in_article, in_top = True, False
        elif role == "paragraph":
            in_article, in_top = True, False


def _is_byline_or_run_in(text: str) -> bool:
    return bool(pat.STANDALONE_BYLINE.match(text) or pat.ENGLISH_BYLINE.match(text)
                or pat.RUN_IN_LOCAL.match(text) or pat.RUN_IN_AGENCY.match(text))


def _guess(block: Block, nxt: Block | None, following: Block | None, in_article: bool,
           in_top: bool, page_start: bool = False) -> str:
    text = block.text.strip()
    if block.marker:
        if nxt is not None and nxt.marker and nxt.marker <= block.marker and not nxt.role:
            # Two headlines in a row: the first one introduces the second.
            return "column" if block.marker == nxt.marker and len(text) <= 8 else "kicker"
        if nxt is not None and nxt.role in ("main", "kicker") and nxt.attach != "previous":
            return "kicker"
        if in_article and _is_heading_start(following) and len(text) <= 8:
            # A short headline with no text of its own after an article: its column name.
            block.attach = "previous"
            return "column"
        if block.marker >= 3 and in_article and not in_top:
            return "section"
        return "main"
    if pat.FURNITURE.match(text):
        return "furniture"
    if page_start and len(text) <= 40 and pat.RUNNING_HEAD.search(text) \
            and not pat.ends_sentence(text):
        return "furniture"
    if pat.CREDIT_ONLY.match(text):
        return "credit"
    tail = pat.CREDIT_TAIL.search(text)
    if tail and tail.start() > 0 and text[: tail.start()].strip():
        return "caption"
    bylineish = bool(pat.STANDALONE_BYLINE.match(text) or pat.ENGLISH_BYLINE.match(text)) \
        or pat.is_bare_byline(text)
    if not in_top and nxt is not None and not nxt.marker and not nxt.role \
            and len(text) <= 30 and not pat.ends_sentence(text) and not text.endswith(("，", "、")) \
            and _is_byline_or_run_in(nxt.text.strip()):
        # Unmarked text: a short line over a byline is a headline.
        return "main"
    if in_top:
        if bylineish:
            return "byline"
        if text.startswith("——") or (len(text) <= 40 and not pat.ends_sentence(text)
                                    and not pat.RUN_IN_LOCAL.match(text)
                                    and not pat.RUN_IN_AGENCY.match(text)):
            return "sub"
        if nxt is not None and pat.ends_sentence(text) and not nxt.marker and (
                pat.STANDALONE_BYLINE.match(nxt.text.strip()) or pat.is_bare_byline(nxt.text.strip())):
            return "lead"
        return "paragraph"
    if in_article and (pat.STANDALONE_BYLINE.match(text) or pat.ENGLISH_BYLINE.match(text)) \
            and _is_heading_start(following):
        return "byline"
    return "paragraph"
