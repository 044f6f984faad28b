"""Inline structure inside blocks: dates, people and their roles, agencies and places.

The last step of ingest: it reads the text of every headline, paragraph, byline, caption
and furniture line and hands the model a list of plain strings and `Span`s, so the TEI
writer only serialises what was found here and never reads text itself.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Article, Break, Byline, Figure, Furniture, Head, Page, Paragraph, Span
from . import bylines as by
from . import patterns as pat


def annotate(page: Page, issue_date: date | None) -> None:
    """Give every text of the page its inline structure; count the dates tagged."""
    reader = _Reader(issue_date)
    for item in page.items:
        if isinstance(item, Article):
            for part in _article_items(item):
                reader.item(part)
            for section in item.sections:
                if section.head is not None:
                    section.head.inline = reader.dates(section.head.block.text)
        else:
            reader.item(item)
    page.dates = reader.count


def _article_items(article: Article):
    yield from article.top
    yield from article.items
    for section in article.sections:
        yield from section.top
        yield from section.items
        yield from section.bottom
    yield from article.bottom


class _Reader:
    def __init__(self, issue_date: date | None):
        self.issue_date = issue_date
        self.count = 0

    def item(self, item) -> None:
        if isinstance(item, Head):
            item.inline = self.dates(item.block.text)
        elif isinstance(item, Paragraph):
            self.paragraph(item)
        elif isinstance(item, Byline):
            item.inline = self.byline(item.text, item.run_in)
        elif isinstance(item, Figure):
            item.caption_inline = self.dates(item.caption_text.strip())
            item.more_inline = []
            for index, (_, text) in enumerate(item.more_captions):
                inline = self.dates(text.strip())
                if index in item.caption_joins:
                    # The caption before it was cut by a column break: one paragraph.
                    joined = item.more_inline[-1] if item.more_inline else item.caption_inline
                    joined.append(Break("cb"))
                    joined.extend(inline)
                    item.more_inline.append([])
                else:
                    item.more_inline.append(inline)
            credit = by.credit(item.credit_text) if item.credit_text.strip() else None
            item.credit_inline = list(credit.parts) if credit is not None else \
                self.people(item.credit_text.strip(), person_role="photographer")
            if item.credit_inline and isinstance(item.credit_inline[0], str):
                item.credit_inline[0] = item.credit_inline[0].lstrip()
            if item.credit_inline and isinstance(item.credit_inline[-1], str):
                item.credit_inline[-1] = item.credit_inline[-1].rstrip()
            item.note_inline = self.dates(item.note_text.strip()) if item.note_text.strip() else []
        elif isinstance(item, Furniture):
            self.furniture(item)

    # -- dates ------------------------------------------------------------------------
    def dates(self, text: str) -> list:
        out: list = []
        pos = 0
        for match in pat.DATE.finditer(text):
            when = _when(match, self.issue_date)
            if when is False:
                continue
            _add(out, text[pos:match.start()])
            out.append(Span("date", match.group(0), when=when or None))
            self.count += 1
            pos = match.end()
        _add(out, text[pos:])
        return out

    def paragraph(self, para: Paragraph) -> None:
        # White space at the paragraph's two ends is layout, not text.
        pieces: list = []
        last = len(para.pieces) - 1
        for index, piece in enumerate(para.pieces):
            if isinstance(piece, Break):
                pieces.append(piece)
                continue
            if isinstance(piece, (Figure, Furniture)):
                self.item(piece)
                pieces.append(piece)
                continue
            text = piece.lstrip() if index == 0 else piece
            if index == last:
                text = text.rstrip()
            dispatch = by.run_in(text, self.issue_date) if index == 0 else None
            if dispatch is not None:
                # A second dispatch's dateline inside an article (本报广州11月28日电
                # 记者赵六报道：) stays text, its agency, place, date and people marked.
                pieces.extend(self._counted(list(dispatch.parts)))
                text = text[dispatch.end:]
            pieces.extend(self.dates(text))
        if para.desk_code:
            pieces.append(Span("deskCode", para.desk_code))
        para.inline = pieces

    # -- people -----------------------------------------------------------------------
    def people(self, text: str, *, person_role: str | None = None,
               role_words=pat.ROLE_WORDS) -> list:
        """Roles and names in a byline, credit or furniture line, token by token."""
        out: list = []
        for token in re.split(r"(\s+)", text):
            if not token or token.isspace():
                _add(out, token)
                continue
            lead = re.match(r"^[（(【\[]*", token).group(0)
            trail = re.search(r"[）)】\]：:]*$", token).group(0)
            core = token[len(lead): len(token) - len(trail)]
            _add(out, lead)
            if isinstance(role_words, re.Pattern):
                found = role_words.match(core)
                role = found.group(0) if found else None
            else:
                role = next((r for r in role_words if core.startswith(r)), None)
            rest = core[len(role):] if role else core
            if role:
                out.append(Span("roleName", role))
            if rest and re.fullmatch(pat.NAME, rest) and rest not in ("本报讯",):
                out.append(Span("persName", rest, role=person_role))
            else:
                _extend(out, self.dates(rest))
            _add(out, trail)
        return out

    def byline(self, text: str, run_in: bool) -> list:
        dateline = by.parse_run_in(text.rstrip(), self.issue_date) or by.dateline_sign_off(
            text.rstrip(), self.issue_date)
        if dateline is not None:
            return self._counted(dateline + ([text[len(text.rstrip()):]]
                                             if text != text.rstrip() else []))
        signature = by.signature(text)
        if signature is not None:
            return signature
        people = by.parse_people(text) or by.names_run_together(text)
        if people is not None:
            return list(people.parts)
        english = pat.ENGLISH_BYLINE.match(text)
        if english:
            match = re.match(r"^(By\s+)(.+?)(\s*,?\s*(?:Staff Writer|Correspondent|Reporter|"
                             r"Associated Press|Reuters))?$", text, re.I)
            out: list = []
            _add(out, match.group(1))
            out.append(Span("persName", match.group(2)))
            if match.group(3):
                role = match.group(3)
                _add(out, role[: len(role) - len(role.lstrip(" ,"))])
                out.append(Span("roleName", role.lstrip(" ,")))
            return out
        if pat.PEN_NAME.fullmatch(text.strip()):
            # 千頌C: a pen name alone (roles.py found it signing the text above).
            lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            return [part for part in (lead, Span("persName", text.strip()), trail) if part]
        # An editor's byline of another shape: roles and names token by token.
        return self.people(text)

    def _counted(self, parts: list) -> list:
        self.count += sum(1 for p in parts if isinstance(p, Span) and p.kind == "date")
        return parts

    def furniture(self, item: Furniture) -> None:
        text = item.block.text.strip()
        credit = pat.FURNITURE.match(text)
        people = by.parse_people(text, desk=True) if credit else None
        if pat.PAGE_NUMBER.match(text):
            item.kind, item.inline = "pageNum", [text]
        elif by.DESK_CODE.match(text):
            item.kind, item.inline = "deskCode", [text]
        elif people is not None:
            item.kind = "credit"
            item.inline = list(people.parts)
            item.credits = _credits(people.parts)
        elif credit:
            item.kind = "credit"
            item.inline = self.people(text, role_words=DESK_ROLE)
            names = [t for t in (credit.group(2) or "").split() if re.fullmatch(pat.NAME, t)]
            item.credits = [(credit.group(1), names)] if names else []
        elif pat.RUNNING_HEAD.search(text) and not pat.ends_sentence(text) \
                or item.block.rule in ("running head", "running head beside the page's desk credit"):
            item.kind = "header"
            item.inline = self.dates(text)
        else:
            item.kind = "footer"
            item.inline = self.dates(text)


DESK_ROLE = re.compile(pat.DESK_ROLE)


def _credits(parts: list) -> list[tuple[str, list[str]]]:
    """(role, [names]) pairs of a page credit, for the header's respStmt."""
    out: list[tuple[str, list[str]]] = []
    for part in parts:
        if isinstance(part, Span) and part.kind == "roleName":
            out.append((part.text, []))
        elif isinstance(part, Span) and part.kind == "persName" and out:
            out[-1][1].append(part.text)
    return [(role, names) for role, names in out if names]


def _when(match: re.Match, issue: date | None) -> str | None | bool:
    """An ISO value, None for a date we cannot place in time, False for no date at all."""
    year, month, day, year_only, year_month = match.groups()
    try:
        if month:
            y = int(year) if year else (issue.year if issue else None)
            value = date(y, int(month), int(day)) if y else date(2000, int(month), int(day))
            if y is None:
                return None
            iso = value.isoformat()
        else:
            y = int(year_only)
            if not 1000 <= y <= 2999:
                return False
            iso = f"{y:04d}" if not year_month else date(y, int(year_month), 1).isoformat()[:7]
    except ValueError:
        return False     # 2月30日 is not a date, and 12345年 not a year
    if issue is not None and iso > issue.isoformat()[: len(iso)]:
        return None      # later than the issue: an announcement, or another year; leave open
    return iso


def _add(out: list, text: str) -> None:
    """Append plain text, merging it with plain text before it."""
    if not text:
        return
    if out and isinstance(out[-1], str):
        out[-1] += text
    else:
        out.append(text)


def _extend(out: list, parts: list) -> None:
    for part in parts:
        if isinstance(part, str):
            _add(out, part)
        else:
            out.append(part)


def persons(parts: list) -> list[str]:
    """The names of the people in inline parts, in order."""
    return [p.text for p in parts if isinstance(p, Span) and p.kind == "persName"]


