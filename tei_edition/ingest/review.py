"""The editor's review list: every decision the encoder made without certainty.

Ingest records a `Decision` wherever its evidence was thin: a join after a colon, a
paragraph kept apart after a full stop although its first word leans on the sentence
before (可是, 这是 …), a guessed missing start, a role read off a shape that could be
something else (an unmarked headline or section head, a column label, a photo story's
caption). The list names the source line of each, what was decided and by which rule, and
the sidecar correction that reverses it, so that an editor checks these and nothing else
and copies the corrections into the sidecar.

    >>> from tei_edition import encode_path
    >>> from tei_edition.ingest.review import review, format_review
    >>> result = encode_path("page.txt")
    >>> print(format_review(review(result.page), "page.txt"))
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..model import Page

_ORDER = {"low": 0, "medium": 1}


@dataclass
class ReviewItem:
    """One decision to check: where, what, why, and how to reverse it."""

    line: int              # the source line of the block the decision is about
    kind: str              # join | no-join | gap | role
    cert: str              # low | medium
    text: str              # the block's first characters, to find it
    decision: str          # what the encoder did
    rule: str              # why (the rule in docs/encoding.md)
    correction: str        # the sidecar [[correction]] that reverses it

    def to_dict(self) -> dict:
        return asdict(self)


def review(page: Page) -> list[ReviewItem]:
    """The decisions of low or medium certainty on an encoded page, in source order."""
    items = [ReviewItem(d.block.start_line, d.kind, d.cert, d.block.preview(20), d.what, d.rule,
                        d.correction)
             for d in page.decisions]
    items.sort(key=lambda item: (item.line, _ORDER.get(item.cert, 2), item.kind))
    return items


def format_review(items: list[ReviewItem], source: str) -> str:
    """The review list as text: one entry per decision, `SOURCE:LINE:` first, so that an
    editor's tools jump to the line."""
    if not items:
        return f"{source}: nothing to review: every decision was made on clear evidence\n"
    lines = [f"{source}: {len(items)} decision{'s' * (len(items) != 1)} to review "
             f"(certainty low or medium)", ""]
    for item in items:
        lines.append(f"{source}:{item.line}: {item.kind} ({item.cert}): {item.decision}")
        lines.append(f"    text: {item.text}")
        lines.append(f"    rule: {item.rule}")
        lines.append("    to reverse it, add to the sidecar:")
        lines.extend("        " + part for part in item.correction.splitlines())
        lines.append("")
    return "\n".join(lines)
