"""The document model between raw text and TEI: blocks of source text and the page they make.

Only `ingest/` builds these; only `tei.py` turns them into TEI. Every block remembers the
source lines it came from, so errors, corrections and the revision history can name them.
Text that ingest has read carries its inline structure (`Span`s for dates, names, roles,
agencies and places), so the TEI writer serialises and never interprets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Block roles an editor may assign in a sidecar; `pagebreak` is structural only.
ROLES = ("kicker", "main", "sub", "lead", "byline", "column", "section", "caption", "credit",
         "paragraph", "furniture")
HEAD_ROLES = ("kicker", "main", "column")


@dataclass
class Block:
    """A run of source text between blank lines (a heading line is always its own block)."""

    index: int
    start_line: int
    end_line: int
    text: str
    marker: int = 0                 # number of '#' in the extractor's heading marker, 0 if none
    role: str = ""
    role_source: str = "heuristic"  # or "sidecar line N"
    attach: str | None = None       # "previous" | "next": which article an editor put it in
    join: bool | None = None        # editor's decision on joining with the preceding block
    missing_start: str | None = None  # "chars" | "paragraphs"
    repeat_of_line: int | None = None
    no_repeat: bool = False
    page_break: bool = False        # a form feed or a page marker line
    page_n: str | None = None
    # The block's source lines (number, stripped text), so that a line the extraction
    # left inside a paragraph (a sign-off, a credit) can be cut off at its line.
    source_lines: list[tuple[int, str]] = field(default_factory=list)
    split_reason: str = ""          # why ingest cut this block off the one before it
    rule: str = ""                  # the rule that gave the role, for the review list
    starts_article: bool = False    # text whose start was lost: another article begins here
    lost_opening: str = ""          # the rule that found this block's opening lost
    mended: int = 0                 # two blocks mended into one: the second's first line
    copies_headline: bool = False   # unmarked, it reads as a headline marked elsewhere on the page

    @property
    def lines(self) -> str:
        if self.start_line == self.end_line:
            return f"line {self.start_line}"
        return f"lines {self.start_line}-{self.end_line}"

    def preview(self, width: int = 16) -> str:
        text = self.text.strip()
        return text if len(text) <= width else text[:width] + "…"


@dataclass
class Span:
    """A run of text ingest recognised inside a block; plain text stays a str beside it."""

    kind: str                  # date | persName | roleName | orgName | placeName
    text: str
    when: str | None = None    # date: the ISO value, None when it cannot be placed in time
    role: str | None = None    # persName: what the person did (photographer)


@dataclass
class Break:
    """A column or page break that fell inside a paragraph."""

    kind: str                  # "cb" | "pb"
    n: str | None = None
    marker: Block | None = None  # the page-marker line, kept as fw


@dataclass
class Paragraph:
    blocks: list[Block]
    pieces: list = field(default_factory=list)   # str | Break, in source order
    inline: list = field(default_factory=list)   # str | Span | Break: pieces with dates tagged
    xml_id: str = ""
    copy_of: "Paragraph | None" = None
    near_copy: bool = False
    missing_start: str | None = None             # "chars" puts a gap inside, part="F"
    gap_cert: str | None = None                  # how sure the missing start is
    desk_code: str = ""                          # an editor's code at its end (③7), as fw

    @property
    def text(self) -> str:
        return "".join(p for p in self.pieces if isinstance(p, str))


@dataclass
class Byline:
    block: Block
    text: str                  # the byline's own text (a run-in one is the start of a block)
    run_in: bool = False
    inline: list = field(default_factory=list)   # str | Span: roles, names, agency, place


@dataclass
class Figure:
    caption: Block | None
    caption_text: str
    credit_text: str
    credit_block: Block | None = None
    xml_id: str = ""
    caption_inline: list = field(default_factory=list)
    credit_inline: list = field(default_factory=list)
    desk_code: str = ""        # an editor's code printed before the credit (③2), kept as fw
    # Further paragraphs of the caption (a photo story's text), in source order.
    more_captions: list[tuple[Block, str]] = field(default_factory=list)
    more_inline: list[list] = field(default_factory=list)
    # Indexes into more_captions of blocks that continue the caption before them (a column
    # break cut it): written into that caption's paragraph after a cb.
    caption_joins: set[int] = field(default_factory=set)
    # What the caption says after the credit (a prize the photo won): a note on it.
    note_text: str = ""
    note_inline: list = field(default_factory=list)


@dataclass
class Furniture:
    block: Block
    kind: str = "footer"       # credit | header | footer
    inline: list = field(default_factory=list)
    credits: list = field(default_factory=list)  # (role, [names]) for the header's respStmt


@dataclass
class PageBreak:
    block: Block | None        # None for the break that opens the first page
    n: str | None = None


@dataclass
class Gap:
    """Missing paragraphs before an article's first surviving one."""

    unit: str = "paragraphs"
    cert: str | None = None    # None: stated by the editor or certain; "medium" | "low"


@dataclass
class Head:
    block: Block
    type: str                  # kicker | main | sub | column | (section heads: "")
    inline: list = field(default_factory=list)


@dataclass
class Section:
    head: Head | None          # None: a part of an article closed by its own sign-off
    items: list = field(default_factory=list)
    xml_id: str = ""
    bottom: list = field(default_factory=list)   # the part's sign-off (Byline)
    top: list = field(default_factory=list)      # a byline under the section's head


@dataclass
class Article:
    top: list = field(default_factory=list)       # Head | Byline | lead Paragraph | Gap | Figure ...
    items: list = field(default_factory=list)     # Paragraph | Figure | Furniture | PageBreak | Gap
    sections: list[Section] = field(default_factory=list)
    bottom: list = field(default_factory=list)    # trailer Heads, closing Bylines
    xml_id: str = ""
    copy_of: "Article | None" = None
    leads: list[Paragraph] = field(default_factory=list)
    prev: "Article | None" = None      # continued from another page ("（上接第1版）")
    next: "Article | None" = None

    def heads(self, kind: str | None = None) -> list[Head]:
        found = [x for x in self.top if isinstance(x, Head)]
        return [h for h in found if kind is None or h.type == kind]

    def main_title(self) -> str:
        mains = self.heads("main")
        return mains[0].block.text if mains else ""

    def paragraphs(self) -> list[Paragraph]:
        out = [x for x in self.items if isinstance(x, Paragraph)]
        for section in self.sections:
            out += [x for x in section.items if isinstance(x, Paragraph)]
        return out

    def bylines(self) -> list[Byline]:
        return [x for x in self.top + [y for s in self.sections for y in s.top + s.bottom]
                + self.bottom if isinstance(x, Byline)]

    def authors(self) -> list[str]:
        """The people its bylines name, each once, in order."""
        names: list[str] = []
        for item in (self.top + self.items
                     + [x for s in self.sections for x in s.top + s.items + s.bottom] + self.bottom):
            if isinstance(item, Byline):
                for part in item.inline:
                    if isinstance(part, Span) and part.kind == "persName" and part.text not in names:
                        names.append(part.text)
        return names


@dataclass
class Correction:
    """One editorial correction from the sidecar or the paper's profile, with where it was
    written. A profile's corrections are the paper's recurring shapes: each may find no
    block on a given page, where a page's own correction that finds none is an error."""

    sidecar_line: int
    line: int | None = None
    text: str | None = None
    match: str | None = None           # an RE2 pattern searched in each block's text
    profile: str | None = None         # the paper profile it came from, as the sidecar names it
    role: str | None = None
    attach: str | None = None
    join: bool | None = None
    split_at: str | None = None
    repeat_of: int | None = None
    repeat: bool | None = None
    missing_start: str | None = None
    note: str = ""
    matched: list[Block] = field(default_factory=list)
    tails: list[Block] = field(default_factory=list)   # the second halves split_at made

    def target(self) -> str:
        if self.line is not None:
            return f"line {self.line}"
        return f"text '{self.text}'" if self.text is not None else f"match '{self.match}'"

    def where(self) -> str:
        """Where the editor wrote it: `sidecar line 12` or `profile ../singtao.toml line 4`."""
        return (f"profile {self.profile} line {self.sidecar_line}" if self.profile
                else f"sidecar line {self.sidecar_line}")


@dataclass
class Metadata:
    newspaper: str = ""
    newspaper_en: str = ""
    publisher: str = ""
    place: str = ""
    region: str = ""
    language: str = ""                 # empty: detected from the text
    date: date | None = None
    date_inferred: bool = False
    date_note: str = ""
    issue_number: str = ""
    page: str = ""
    editor: str = ""
    edition_publisher: str = ""
    licence: str = ""
    licence_url: str = ""
    licence_lang: str = ""             # BCP 47; empty: the page's language
    source_description: str = ""
    page_marker: str = ""
    page_break_blank_lines: int = 0
    corrections: list[Correction] = field(default_factory=list)
    sidecar_path: str | None = None
    sidecar_sha256: str | None = None  # of the sidecar's bytes, recorded for rebuilds
    profile_path: str | None = None    # the paper profile, as the sidecar names it
    profile_file: str | None = None    # … and where it was read
    profile_sha256: str | None = None  # of the profile's bytes, recorded for rebuilds
    defaults_used: list[str] = field(default_factory=list)


@dataclass
class Decision:
    """A decision the encoder made without certainty, for the editor's review list."""

    kind: str                  # join | no-join | gap | role
    block: Block               # the block the decision is about (its source line)
    what: str                  # what was decided, in words
    rule: str                  # the rule that fired (docs/encoding.md)
    cert: str = "low"          # medium | low
    correction: str = ""       # the sidecar correction that reverses it


@dataclass
class Page:
    """The whole encoded source: body items in source order plus what was done to them."""

    items: list = field(default_factory=list)    # PageBreak | Article | Figure | Furniture
    articles: list[Article] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    joins: int = 0
    repeats_exact: int = 0
    repeats_near: int = 0
    article_repeats: int = 0
    gaps: int = 0
    dates: int = 0
    applied: list[tuple[Correction, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    rules: dict[str, int] = field(default_factory=dict)   # rule that fired -> how often
