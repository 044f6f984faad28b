"""Text to blocks: paragraphs between blank lines, heading lines, page breaks.

A block keeps the source lines it came from. The extractor's `#` heading markers are
the only characters dropped here (they are markup, not text); everything else is kept.
"""

from __future__ import annotations

import re

from ..model import Block

HEADING = re.compile(r"^(#{1,6})[ \t\u3000]+(\S.*?)\s*$")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def _joiner(left: str, right: str) -> str:
    """Lines of one block are one paragraph; Chinese has no space between them."""
    if not left or not right:
        return ""
    if _CJK.match(left[-1]) or _CJK.match(right[0]):
        return ""
    return " "


def split_blocks(text: str, *, page_marker=None, blank_run: int = 0) -> list[Block]:
    """Cut decoded text into blocks. `page_marker`: a compiled pattern (RE2 or re) whose
    `search` finds page-marker lines; `blank_run` > 0 reads that many blank lines as a page
    break."""
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []
    blanks = 0

    def flush() -> None:
        if not pending:
            return
        joined = pending[0][1].strip()
        for _, line in pending[1:]:
            part = line.strip()
            joined += _joiner(joined, part) + part
        blocks.append(Block(index=len(blocks), start_line=pending[0][0],
                            end_line=pending[-1][0], text=joined,
                            source_lines=[(n, line.strip()) for n, line in pending]))
        pending.clear()

    def page_break(line_no: int, marker_text: str = "", n: str | None = None) -> None:
        flush()
        blocks.append(Block(index=len(blocks), start_line=line_no, end_line=line_no,
                            text=marker_text, role="pagebreak", page_break=True, page_n=n,
                            role_source="form feed" if not marker_text else "page marker"))

    for line_no, raw in enumerate(text.split("\n"), start=1):
        # A form feed may stand anywhere in a line: what precedes it ends the page.
        segments = raw.split("\f")
        for seg_index, line in enumerate(segments):
            if seg_index > 0:
                page_break(line_no)
                blanks = 0
            if not line.strip():
                if seg_index == 0 or line:
                    blanks += 1 if seg_index == 0 else 0
                flush()
                continue
            if blank_run and blanks >= blank_run and blocks:
                page_break(line_no - 1)
            blanks = 0
            if page_marker is not None:
                match = page_marker.search(line.strip())
                if match:
                    n = match.group(1) if match.groups() else None
                    page_break(line_no, line.strip(), n)
                    continue
            heading = HEADING.match(line)
            if heading:
                flush()
                blocks.append(Block(index=len(blocks), start_line=line_no, end_line=line_no,
                                    text=heading.group(2), marker=len(heading.group(1))))
                continue
            pending.append((line_no, line))
    flush()
    # Drop a page break that opens the text: the first page is opened anyway.
    while blocks and blocks[0].page_break and not blocks[0].text:
        blocks.pop(0)
    for i, block in enumerate(blocks):
        block.index = i
    return blocks


def strip_markers(text: str) -> str:
    """The source as the TEI must hold it: heading markers removed, nothing else."""
    def strip(segment: str) -> str:
        match = HEADING.match(segment)
        return match.group(2) if match else segment

    # Split at form feeds too, as split_blocks does: "\f## 标题" is a heading on a new page.
    return "\n".join("\f".join(strip(seg) for seg in line.split("\f"))
                     for line in text.split("\n"))
