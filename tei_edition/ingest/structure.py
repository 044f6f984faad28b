"""Blocks with roles to a page of articles: grouping, run-in bylines, joins, repeats, gaps.

Source order is sacred: every block lands in the TEI in the order it was read, so an
editor's "this belongs to the previous article" keeps the block where it stands and
puts it in that article's bottom (a `trailer`), never moves text.
"""

from __future__ import annotations

import math
import re
from datetime import date

from ..errors import SidecarError
from ..model import (Article, Block, Byline, Decision, Figure, Furniture, Head, Page,
                     PageBreak, Paragraph, Section)
from . import bylines as by
from . import patterns as pat
from .gaps import mark_gaps
from .inline import annotate
from .joins import join_paragraphs


class _Builder:
    def __init__(self, label: str, issue_date: date | None = None):
        self.label = label
        self.issue_date = issue_date
        self.page = Page()
        self.current: Article | None = None
        self.section: Section | None = None
        self.loose: list = []          # body-level items after the current article
        self.pending_next: list = []   # items an editor attached to the next article
        self.pending_block: Block | None = None

    # -- containers -------------------------------------------------------------------
    def _top_state(self) -> bool:
        art = self.current
        return art is not None and not art.items and not art.sections and not self.loose \
            and not art.bottom

    def _new_article(self) -> Article:
        self._close()
        art = Article()
        self.page.articles.append(art)
        self.page.items.append(art)
        self.current, self.section = art, None
        if self.pending_next:
            art.top.extend(self.pending_next)
            self.pending_next, self.pending_block = [], None
        return art

    def _close(self) -> None:
        self.page.items.extend(self.loose)
        self.loose = []

    def _container(self) -> list:
        if self.pending_next:
            raise SidecarError(f"the block at {self.pending_block.lines} is attached to the next "
                               f"article, but text of the current one follows it", self.label)
        if self.current is None:
            self._new_article()
        if self.loose:
            self._reopen()
        return self._tail()

    def _tail(self) -> list:
        """Where the next item of the current article goes: after its trailers once it has
        any (TEI allows page breaks, figures and furniture there, and order is kept)."""
        if self.current.bottom:
            return self.current.bottom
        if self.section is not None:
            return self.section.bottom if self.section.bottom else self.section.items
        if self.current.sections:
            # A part closed by its sign-off: what follows is the next part (TEI allows no
            # paragraph after a division, and source order is kept).
            self.section = Section(None)
            self.current.sections.append(self.section)
            return self.section.items
        return self.current.items

    def _reopen(self) -> None:
        """Body-level items turned out to sit inside the current article: take them in."""
        self._tail().extend(self.loose)
        self.loose = []

    def _body_level_next(self, blocks: list[Block], i: int) -> bool:
        """True when nothing but headlines, furniture and breaks follow up to the next article."""
        for k in range(i + 1, len(blocks)):
            block = blocks[k]
            if block.role in ("pagebreak", "furniture", "credit", "caption"):
                continue
            return block.role in ("kicker", "main", "column") and block.attach != "previous"
        return True

    # -- the walk ---------------------------------------------------------------------
    def build(self, blocks: list[Block]) -> Page:
        for i, block in enumerate(blocks):
            getattr(self, f"_on_{block.role}")(block, blocks, i)
        if self.pending_next:
            raise SidecarError(f"the block at {self.pending_block.lines} is attached to the next "
                               f"article, but no article follows it", self.label)
        self._close()
        if not self.page.articles:
            # A body needs a division or paragraph: hold furniture-only text in one article.
            art = Article()
            art.items = [x for x in self.page.items]
            self.page.items = [art]
            self.page.articles.append(art)
        return self.page

    def _on_pagebreak(self, block: Block, blocks: list[Block], i: int) -> None:
        item = PageBreak(block, block.page_n)
        if self.current is None or self._body_level_next(blocks, i) or self._top_state():
            self._place_loose(item)
        else:
            self._container().append(item)

    def _place_loose(self, item) -> None:
        if self.pending_next:
            # Keep source order: what stands between the attached block and its article
            # goes with it (page breaks, furniture and figures may open an article).
            self.pending_next.append(item)
        elif self.current is None:
            self.page.items.append(item)
        else:
            self.loose.append(item)

    def _on_kicker(self, block: Block, blocks, i) -> None:
        self._headline(block, block.role)

    _on_column = _on_kicker

    def _on_main(self, block: Block, blocks, i) -> None:
        self._headline(block, "main")

    def _headline(self, block: Block, kind: str) -> None:
        if block.attach == "previous" and self.current is None and block.role_source == "heuristic":
            # Read as the column of the text before it, but no article precedes it (that
            # text became a photo's caption): the label heads what follows instead.
            block.attach = None
        if block.attach == "previous":
            self._trailer(block, kind)
            return
        art = self.current
        heads = art.heads() if art is not None else []
        # A headline after a lead (编者按 before the headlines) begins another article.
        same = art is not None and self._top_state() and art.copy_of is None and not any(
            isinstance(x, Paragraph) for x in art.top) and (
            (kind == "main" and not any(h.type == "main" for h in heads)) or
            (kind in ("kicker", "column") and not any(h.type in ("main", "sub") for h in heads)))
        if not same:
            art = self._new_article()
        self._top().append(Head(block, kind))

    def _trailer(self, block: Block, kind: str) -> None:
        if self.current is None:
            raise SidecarError(f"the block at {block.lines} is attached to the previous article, "
                               f"but no article precedes it", self.label)
        if kind not in ("kicker", "column"):
            raise SidecarError(f"the block at {block.lines} is attached to the previous article as "
                               f"'{kind}': only a kicker or column name can follow its article's "
                               f"text", self.label)
        if self.loose:
            self._reopen()
        art = self.current
        if not art.sections and not any(isinstance(x, Paragraph) for x in art.items):
            # TEI allows a trailer only after text; with none yet, the headline simply
            # follows the others at the top (still in source order).
            art.top.extend(art.items + art.bottom)
            art.items, art.bottom = [], []
            art.top.append(Head(block, kind))
            return
        art.bottom.append(Head(block, kind))

    def _on_sub(self, block: Block, blocks, i) -> None:
        if self._top_state():
            self._top().append(Head(block, "sub"))
        else:
            self._on_paragraph(block, blocks, i)

    def _on_section(self, block: Block, blocks, i) -> None:
        if self.current is None or self.current.bottom:
            self._headline(block, "main")
            return
        if self.loose:
            self._reopen()
        self.section = Section(Head(block, ""))
        self.current.sections.append(self.section)

    def _on_byline(self, block: Block, blocks, i) -> None:
        byline = Byline(block, block.text)
        if block.attach == "next":
            self._hold_for_next(byline, block)
        elif self._top_state():
            self._top().append(byline)
        elif self.current is not None and self._body_level_next(blocks, i):
            if self.loose:
                self._reopen()
            if self.section is not None and not self.current.bottom \
                    and _has_paragraph(self.section.items):
                self.section.bottom.append(byline)
            else:
                self.current.bottom.append(byline)
        elif self.section is not None and self.section.head is not None \
                and not self.section.items and not self.section.bottom and not self.loose:
            # A byline under a section's head, before its text: the section's own.
            self.section.top.append(byline)
        elif self._after_the_lead_paragraph(blocks, i):
            # 【本報訊】… / 記者：… / text: the reporters' line printed after the dispatch's
            # first paragraph (Hong Kong papers set it there) signs the article, which
            # goes on: the rest of the text stands in a part that the byline opens (TEI
            # allows no byline between paragraphs, and the run-in byline must stay
            # before its paragraph).
            if self.loose:
                self._reopen()
            part = Section(None)
            part.top.append(byline)
            self.current.sections.append(part)
            self.section = part
        elif self.current is not None and self._has_text() and self._close_part(byline):
            pass
        elif self.current is None:
            # A byline before any headline: an article that lost its headlines.
            self._new_article()
            self.current.top.append(byline)
        else:
            self._on_paragraph(block, blocks, i)

    def _dispatch_after_photos(self, block: Block) -> bool:
        """A paragraph that opens with a dispatch's dateline (【明報專訊】…) after photos
        that follow finished text: the photos and the dispatch are the next article's,
        whose headline the extraction lost. (A second dispatch inside an article follows
        its text directly and stays text.)"""
        if self.current is None or self._top_state() or self.loose:
            return False
        tail = self._tail()
        if not tail or not isinstance(tail[-1], Figure):
            return False
        k = len(tail) - 1
        while k >= 0 and isinstance(tail[k], Figure):
            k -= 1
        if k < 0 or not isinstance(tail[k], Paragraph) or not pat.ends_paragraph(tail[k].text):
            return False
        return by.run_in(block.text, self.issue_date) is not None

    def _after_the_lead_paragraph(self, blocks, i) -> bool:
        """A byline right after an article's first paragraph, which opened with a run-in
        dateline, with more text after the byline."""
        art = self.current
        if art is None or art.sections or art.bottom or self.section is not None \
                or not any(isinstance(x, Byline) and x.run_in for x in art.top) \
                or sum(isinstance(x, Paragraph) for x in art.items) != 1:
            return False
        following = next((b for b in blocks[i + 1:] if not b.page_break and b.role != "furniture"),
                         None)
        return following is not None and following.role == "paragraph"

    def _has_text(self) -> bool:
        art = self.current
        return any(isinstance(x, Paragraph) for x in art.items) or any(
            isinstance(x, Paragraph) for s in art.sections for x in s.items)

    def _close_part(self, byline: Byline) -> bool:
        """A sign-off in the middle of an article's text closes a part of it (a collection
        of signed notes, vignettes each signed by its reporter): the text since the last
        part becomes a section, the sign-off its closing byline. False when there is no
        text for it to close (the byline is then read as text)."""
        art = self.current
        if art.bottom:
            # The article's closing matter has begun (a trailer): the sign-off joins it.
            if self.loose:
                self._reopen()
            art.bottom.append(byline)
            return True
        if self.section is not None:
            part = self.section
        elif art.sections:
            # The last part is closed already: a second sign-off joins the first. (The
            # article's own paragraphs stand before its parts: they cannot become one.)
            part = art.sections[-1]
        elif _has_paragraph(art.items):
            part = None
        else:
            return False
        if part is not None and not _has_paragraph(part.items):
            return False
        if self.loose:
            self._reopen()
        if part is None and any(isinstance(x, Byline) and x.run_in for x in art.top):
            # The article's first paragraph must stay after its run-in byline: the sign-off
            # closes the article, and what follows is another one.
            art.bottom.append(byline)
            return True
        if part is None:
            part = Section(None, art.items)
            art.items = []
            art.sections.append(part)
        part.bottom.append(byline)
        self.section = None
        return True

    def _top(self) -> list:
        """The current article's top; what an editor attached to the next article, and
        stands before this point, joins it here (this article is still at its top)."""
        if self.pending_next:
            self.current.top.extend(self.pending_next)
            self.pending_next, self.pending_block = [], None
        return self.current.top

    def _hold_for_next(self, item, block: Block) -> None:
        if not self.pending_next:
            self.pending_block = block
        self.pending_next.append(item)

    def _on_lead(self, block: Block, blocks, i) -> None:
        if block.rule == "editor's note" and not self._top_state():
            # A page's note before any headline stands as a division of its own.
            self._new_article()
        if self._top_state():
            para = Paragraph([block], [block.text])
            self.current.leads.append(para)
            self._top().append(para)
        else:
            self._on_paragraph(block, blocks, i)

    def _on_caption(self, block: Block, blocks, i) -> None:
        text = block.text
        titled = by.titled_photo(text)
        if titled is not None:
            figure = Figure(block, text[:titled[0]], text[titled[0]:titled[1]])
            figure.note_text = text[titled[1]:]
            self._figure(figure, blocks, i)
            return
        tail = by.credit_tail(text)
        caption, desk, credit = (text[: tail[0]], text[tail[0]:tail[1]].strip(),
                                 text[tail[1]:]) if tail else (text, "", "")
        last = self._last_item()
        if isinstance(last, Figure) and not last.credit_text and not last.desk_code \
                and last.caption is not None and block.attach is None:
            # One photo, its caption in several blocks (a photo story's text); a block
            # that does not end its paragraph continues in the next (a column break).
            before = last.more_captions[-1][1] if last.more_captions else last.caption_text
            if not pat.ends_paragraph(before) and before.rstrip()[-1:] not in "：:" \
                    and not _bare_caption(before, caption):
                last.caption_joins.add(len(last.more_captions))
                self.page.joins += 1
            last.more_captions.append((block, caption))
            last.credit_text, last.desk_code = credit, desk
            return
        figure = Figure(block, caption, credit)
        figure.desk_code = desk
        self._figure(figure, blocks, i)

    def _on_credit(self, block: Block, blocks, i) -> None:
        last = self._last_item()
        if isinstance(last, Figure) and not last.credit_text:
            last.credit_text, last.credit_block = block.text, block
            return
        self._figure(Figure(None, "", block.text, block), blocks, i)

    def _last_item(self):
        if self.loose:
            return self.loose[-1]
        if self.current is None:
            return self.page.items[-1] if self.page.items else None
        container = self._tail()
        if container:
            return container[-1]
        return self.current.top[-1] if self._top_state() and self.current.top else None

    def _figure(self, figure: Figure, blocks, i) -> None:
        block = figure.caption or figure.credit_block
        if block.attach == "next":
            self._hold_for_next(figure, block)
        elif self.current is None or (block.attach != "previous" and self._body_level_next(blocks, i)):
            self._place_loose(figure)
        elif self._top_state():
            self._top().append(figure)
        else:
            self._container().append(figure)

    def _on_furniture(self, block: Block, blocks, i) -> None:
        item = Furniture(block)
        self.page.furniture.append(item)
        if self.current is None or self._body_level_next(blocks, i):
            self._place_loose(item)
        elif self._top_state():
            self._top().append(item)
        else:
            self._container().append(item)

    def _on_paragraph(self, block: Block, blocks, i) -> None:
        if self._dispatch_after_photos(block):
            tail = self._tail()
            k = len(tail)
            while k > 0 and isinstance(tail[k - 1], Figure):
                k -= 1
            photos = tail[k:]
            del tail[k:]
            self._new_article()
            self.current.top.extend(photos)
        elif self.current is None or self.current.bottom or block.starts_article:
            self._new_article()
        first = self._top_state()
        container = self._container()
        text = block.text
        if first:
            run_in = by.run_in(text, self.issue_date)
            if run_in is not None:
                self.current.top.append(Byline(block, text[: run_in.end], run_in=True))
                text = text[run_in.end:]
        desk = by.desk_code_tail(text)
        para = Paragraph([block], [text if desk is None else text[:desk]])
        if desk is not None:
            # An editor's desk code printed after the article's last sentence.
            para.desk_code = text[desk:].strip()
        container.append(para)


def _has_paragraph(items: list) -> bool:
    return any(isinstance(x, Paragraph) for x in items)


def build_page(blocks: list[Block], label: str, issue_date: date | None = None) -> Page:
    page = _Builder(label, issue_date).build(blocks)
    _cut_repeated_articles(page)
    join_paragraphs(page)
    mark_gaps(page)
    _assign_ids(page)
    _find_repeats(page, label)
    _link_continuations(page)
    annotate(page, issue_date)
    _review_roles(page, blocks)
    return page


# Roles given by rules that read little evidence: the editor checks them. Each with its
# certainty and the role an editor would most likely give instead.
_UNSURE_RULES = {
    "unmarked line over a headline": ("low", "paragraph"),
    "unmarked headline over a dateline or byline": ("low", "paragraph"),
    "unmarked section head": ("low", "paragraph"),
    "first of a stack of headlines": ("medium", "kicker"),
    "deck of a stack of headlines": ("medium", "main"),
    "first of two headlines: kicker": ("medium", "column"),
    "short line over a headline: column label": ("medium", "kicker"),
    "column label over a photo": ("medium", "main"),
    "byline: names alone": ("medium", "paragraph"),
    "part of a photo story's caption": ("low", "paragraph"),
    "text over a photo credit": ("medium", "paragraph"),
    "### after the headline, over the text": ("medium", "sub"),
    "### under the headline": ("medium", "section"),
    "short headline after an article's text": ("medium", "main"),
    "sentence over a byline": ("medium", "paragraph"),
    "short line over a profile's headline: column label": ("medium", "kicker"),
    "headline after the byline: the first section head": ("medium", "main"),
    "second headline under a kicker: subtitle": ("medium", "main"),
    "column label over a byline": ("medium", "section"),
    "column label over text": ("medium", "main"),
    "### under the headline, over the byline": ("medium", "section"),
    "summary points over the byline": ("medium", "paragraph"),
    "unmarked headline at the top of a page": ("low", "paragraph"),
    "part of a photo report's caption": ("medium", "paragraph"),
    "a photo's title and its credit": ("medium", "paragraph"),
    "a caption's first half, cut inside a word": ("medium", "paragraph"),
    "unmarked short line over a headline: column label": ("medium", "kicker"),
    "a sentence between the byline and the dateline: caption": ("medium", "paragraph"),
    "a summary between the headline and the dateline": ("medium", "paragraph"),
    "sentences stacked over the byline: captions": ("medium", "paragraph"),
    "a photo series' title over a caption": ("medium", "main"),
    "a picture pointed at under a series' title: caption": ("medium", "paragraph"),
    "a triangle pointing at a photo, alone": ("medium", "paragraph"),
    "a line without punctuation after the text's end": ("low", "paragraph"),
    "a short line over the page's first text: column label": ("medium", "main"),
    # Issue 9, round five.
    "a reader's signature: name and place": ("medium", "paragraph"),
    "byline: the writer and the photographer": ("medium", "caption"),
    "a sign-off: a name in brackets after the last sentence": ("low", "paragraph"),
    "a headline's deck on a line of its own": ("medium", "paragraph"),
    "marked line over an unmarked headline: kicker": ("medium", "section"),
    # Issue 9, round six.
    "a pen name alone after the text's end": ("medium", "paragraph"),
    "an office and a name alone: a portrait's caption": ("medium", "sub"),
    # Issue 9, round seven.
    "a short sentence under the headline, over the text: caption": ("low", "paragraph"),
    "a caption's first half, cut at a comma": ("medium", "paragraph"),
    "a sentence placing people in a photo: caption": ("medium", "paragraph"),
    "byline: names run together": ("medium", "sub"),
    "a column's label under the headline": ("medium", "sub"),
    "unmarked headline over a dashed subtitle": ("low", "paragraph"),
    "unmarked headline under a marked kicker": ("medium", "paragraph"),
    "an unmarked copy of a headline marked elsewhere on the page": ("medium", "paragraph"),
    "a label in square brackets at the top of a page": ("medium", "paragraph"),
}


def _bare_caption(before: str, after: str) -> bool:
    """A caption line with no punctuation at all is a photo's whole caption (the two
    lines of 考察宁化玉扣纸捞浆生产流程 / 至今仍在生产…的纸寮 caption two photos): a
    column break cut it only where it cut a word, as for paragraphs (joins.py)."""
    from .gaps import breaks_inside_word
    from .joins import _bare_line

    return _bare_line(before) and not breaks_inside_word(before, after)


def _review_roles(page: Page, blocks: list[Block]) -> None:
    for block in blocks:
        if block.mended and block.role_source == "heuristic" and block.role == "credit":
            page.decisions.append(Decision(
                "role", block, "two blocks read as one credit (a role alone, then the names)",
                "a photo credit whose role and names stand in two blocks", "medium",
                f'[[correction]]\nline = {block.start_line}\nrole = "byline"'))
        elif block.mended and block.role_source == "heuristic":
            page.decisions.append(Decision(
                "role", block, f"two blocks read as one {block.role} (a quoted heading cut in two)",
                "a quotation used as a heading, cut by a column break", "medium",
                f'[[correction]]\nline = {block.mended}\nrole = "paragraph"'))
        unsure = _UNSURE_RULES.get(block.rule)
        if unsure and block.role_source == "heuristic":
            cert, instead = unsure
            page.decisions.append(Decision(
                "role", block, f"read as {block.role}", block.rule, cert,
                f'[[correction]]\nline = {block.start_line}\nrole = "{instead}"'))


def _link_continuations(page: Page) -> None:
    """An article ending （下转第2版） continues in the one starting （上接第1版）."""
    waiting: list[Article] = []
    for art in page.articles:
        paras = art.paragraphs()
        if not paras or art.copy_of is not None:
            continue
        if pat.CONTINUED_FROM.match(paras[0].text) and waiting:
            same = [w for w in waiting if w.main_title() and w.main_title() == art.main_title()]
            prev = (same or waiting)[-1]
            prev.next, art.prev = art, prev
            waiting.remove(prev)
        if pat.CONTINUED_TO.search(paras[-1].text):
            waiting.append(art)


# -- ids ------------------------------------------------------------------------------
def _assign_ids(page: Page) -> None:
    figures = 0
    for n, art in enumerate(page.articles, start=1):
        art.xml_id = f"a{n:02d}"
        count = 0
        for para in art.leads + art.paragraphs():
            count += 1
            para.xml_id = f"{art.xml_id}-p{count}"
        for k, section in enumerate(art.sections, start=1):
            section.xml_id = f"{art.xml_id}-s{k}"
    for item in _all_items(page):
        if isinstance(item, Figure):
            figures += 1
            item.xml_id = f"f{figures:02d}"


def _all_items(page: Page):
    """Every item in source order, figures inside joined paragraphs included."""
    def each(items):
        for item in items:
            yield item
            if isinstance(item, Paragraph):
                yield from (p for p in item.pieces if isinstance(p, Figure))

    for item in page.items:
        if isinstance(item, Article):
            yield from each(item.top)
            yield from each(item.items)
            for section in item.sections:
                yield from each(section.top)
                yield from each(section.items)
                yield from each(section.bottom)
            yield from each(item.bottom)
        else:
            yield item


# -- repeats --------------------------------------------------------------------------
def _chars(text: str) -> str:
    return "".join(text.split())


def _shingles(text: str, n: int = 4) -> set[str]:
    chars = _chars(text)
    return {chars[i:i + n] for i in range(max(1, len(chars) - n + 1))}


SHORT_REPEAT = 8     # characters: a shorter paragraph twice in an article may be a refrain


_NOT_A_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    """TEXT's letters, digits and Han characters only: a copy that lost or changed a
    punctuation mark (益友”。 / 益友”) has the same words."""
    return _NOT_A_WORD.sub("", text)


def similar(a: str, b: str) -> tuple[bool, bool]:
    """(is a repeat, is only a near one) of paragraph a against an earlier paragraph b."""
    ca, cb = _chars(a), _chars(b)
    if ca == cb:
        return len(ca) >= 20, False
    if len(ca) < 40 or len(cb) < 40:
        return False, False
    sa, sb = _shingles(a), _shingles(b)
    contained = len(sa & sb) / len(sa)
    return contained >= 0.8 and len(ca) >= 0.5 * len(cb), True


class _EarlierParagraphs:
    """Paragraphs seen so far, indexed by shingle, so that each new paragraph is compared
    only with the few that could be its original, and a page of thousands of paragraphs
    (or thousands of near-identical ones) takes time in proportion to its length.

    A repeat holds at least 80 % of its shingles in the original; by the pigeonhole
    principle the original then holds at least one of the paragraph's rarest
    (len - need + 1) shingles, so only those postings are read. A shingle already in more
    than COMMON earlier paragraphs is boilerplate, too common to point at an original, and
    is not read: this bounds the work per paragraph (a near repeat made only of such
    boilerplate is left unlinked; its exact repeats are still found by the exact index).
    """

    COMMON = 64

    def __init__(self):
        self.paragraphs: list[Paragraph] = []
        self.shingles: list[set[str]] = []
        self.exact: dict[str, int] = {}
        self.postings: dict[str, list[int]] = {}

    def add(self, para: Paragraph) -> None:
        index = len(self.paragraphs)
        self.paragraphs.append(para)
        shingles = _shingles(para.text)
        self.shingles.append(shingles)
        self.exact.setdefault(_chars(para.text), index)
        for shingle in shingles:
            self.postings.setdefault(shingle, []).append(index)

    def find(self, text: str) -> tuple[Paragraph, bool] | None:
        """The first earlier paragraph that `text` repeats, and whether only nearly."""
        exact = self.exact.get(_chars(text))
        if exact is not None and similar(text, self.paragraphs[exact].text)[0]:
            return self.paragraphs[exact], False
        shingles = _shingles(text)
        need = 0.8 * len(shingles)
        rarest = sorted(shingles, key=lambda s: (len(self.postings.get(s, ())), s))
        candidates: set[int] = set()
        for shingle in rarest[: len(shingles) - math.ceil(need) + 1]:
            postings = self.postings.get(shingle, ())
            if len(postings) <= self.COMMON:
                candidates.update(postings)
        for index in sorted(candidates):
            if len(shingles & self.shingles[index]) < need:
                continue
            is_repeat, near = similar(text, self.paragraphs[index].text)
            if is_repeat:
                return self.paragraphs[index], near
        return None


def _find_repeats(page: Page, label: str) -> None:
    by_line: dict[int, Paragraph] = {}
    for art in page.articles:
        for para in art.leads + art.paragraphs():
            for block in para.blocks:
                for line in range(block.start_line, block.end_line + 1):
                    by_line[line] = para

    originals: list[Article] = []
    for art in page.articles:
        forced = next((h.block for h in art.heads() if h.block.repeat_of_line), None)
        suppressed = any(h.block.no_repeat for h in art.heads())
        match = None
        if forced is not None:
            match = next((o for o in originals if any(
                h.block.start_line <= forced.repeat_of_line <= h.block.end_line for h in o.heads())),
                None)
            if match is None:
                raise SidecarError(f"repeat_of line {forced.repeat_of_line} is not a headline of an "
                                   f"earlier article", label)
        elif not suppressed and art.main_title():
            for orig in originals:
                if orig.main_title() == art.main_title() and _same_body(art, orig):
                    match = orig
                    break
        if match is not None:
            art.copy_of = match
            page.article_repeats += 1
        else:
            originals.append(art)

    earlier = _EarlierParagraphs()
    for art in page.articles:
        if art.copy_of is not None:
            continue
        # A paragraph that stands twice in one article is an extraction's duplicate even
        # when short (路，穿越绝壁，伸向雪峰之巅。): an article does not repeat a whole
        # paragraph, while short boilerplate (会议还研究了其他事项。) recurs across articles.
        in_article: dict[str, Paragraph] = {}
        for para in art.leads + art.paragraphs():
            first = para.blocks[0]
            if first.repeat_of_line is not None:
                target = by_line.get(first.repeat_of_line)
                if target is None or target is para:
                    raise SidecarError(f"repeat_of line {first.repeat_of_line} is not in an earlier "
                                       f"paragraph", label)
                para.copy_of = target
                para.near_copy = _chars(para.text) != _chars(target.text)
            elif not first.no_repeat:
                match = earlier.find(para.text)
                if match is not None:
                    para.copy_of, para.near_copy = match
                elif len(words := _words(para.text)) >= SHORT_REPEAT and words in in_article:
                    # The same words, the punctuation perhaps changed (a full stop lost).
                    para.copy_of = in_article[words]
                    para.near_copy = _chars(para.text) != _chars(para.copy_of.text)
            if para.copy_of is not None:
                if para.near_copy:
                    page.repeats_near += 1
                else:
                    page.repeats_exact += 1
            else:
                earlier.add(para)
                in_article.setdefault(_words(para.text), para)


def _contained(text: str, shingles: set[str]) -> float:
    own = _shingles(text)
    return len(own & shingles) / len(own) if own else 0.0


def _cut_repeated_articles(page: Page) -> None:
    """An article under the headline of an earlier one whose first paragraphs repeat that
    article and whose later ones do not: the extractor printed the first part of the
    article again (after a form feed), then went on with the next article, whose headline,
    byline and first words are lost. The repeat ends where the repeated text ends; what
    follows is an article of its own that lost its start (gaps.py marks it, `cert="low"`).
    A repeat that goes on with its original's text to the end is left whole."""
    titles: dict[str, int] = {}
    for art in page.articles:
        if art.main_title():
            titles[art.main_title()] = titles.get(art.main_title(), 0) + 1
    if all(n == 1 for n in titles.values()):
        return
    seen: dict[str, set[str]] = {}
    for art in list(page.articles):
        title = art.main_title()
        if titles.get(title, 0) < 2:
            continue
        original = seen.setdefault(title, set())
        paras = [x for x in art.items if isinstance(x, Paragraph)]
        repeated = 0
        while original and repeated < len(paras) \
                and _contained(paras[repeated].text, original) >= 0.8:
            repeated += 1
        rest = paras[repeated:]
        if art.sections or art.bottom or not repeated or not rest or \
                sum(len(_chars(p.text)) for p in paras[:repeated]) < 40 or \
                any(_contained(p.text, original) >= 0.3 for p in rest):
            # Not a part printed again (or a part too short to tell): an original.
            original.update(sh for p in art.paragraphs() for sh in _shingles(p.text))
            continue
        cut = _position(art.items, rest[0])
        later = Article(items=art.items[cut:])
        art.items = art.items[:cut]
        rest[0].blocks[0].lost_opening = "repeat"
        page.articles.insert(_position(page.articles, art) + 1, later)
        page.items.insert(_position(page.items, art) + 1, later)


def _position(items: list, item) -> int:
    """Where ITEM itself stands in ITEMS (not an equal one: list.index compares fields)."""
    return next(k for k, x in enumerate(items) if x is item)


def _same_body(art: Article, orig: Article) -> bool:
    """At least 80 % of the repeat's text stands in the original, read as one text: the
    extraction may cut the two copies' paragraphs at different places (a column break
    after 。 in one of them)."""
    mine = "".join(p.text for p in art.paragraphs())
    theirs = "".join(p.text for p in orig.paragraphs())
    if not _chars(mine):
        return not _chars(theirs)
    shingles = _shingles(mine)
    return len(shingles & _shingles(theirs)) >= 0.8 * len(shingles)
