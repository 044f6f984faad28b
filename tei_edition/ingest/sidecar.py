"""The TOML sidecar: metadata the text cannot give, and the editor's corrections.

Unknown keys, wrong types, bad dates and malformed patterns are errors that name the
sidecar's line, so a typo never silently changes an edition.

The [pages] marker is a regular expression run on every line of the page text. It is
compiled with RE2 (compile_marker), whose matching time is linear in the line by
construction: a pattern with nested quantifiers such as `^(a+)+$`, which takes Python's
backtracking `re` longer than the age of the universe on a 40-character line, runs in
microseconds, and the features that allow such blow-ups (backreferences, lookaround) are
refused with the sidecar's line. No timeout to tune, nothing that depends on the machine.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from ..errors import SidecarError
from ..model import ROLES, Correction, Metadata
from ..xmlio import read_toml
from .decode import NOT_XML

_SCHEMA: dict[str, dict[str, type | tuple]] = {
    "newspaper": {"title": str, "title_en": str, "publisher": str, "place": str, "region": str,
                  "language": str},
    "issue": {"date": (str, date), "date_certainty": str, "date_note": str, "number": (str, int),
              "page": (str, int)},
    "edition": {"editor": str, "publisher": str, "licence": str, "licence_url": str,
                "licence_lang": str, "source": str},
    "pages": {"marker": str, "blank_lines": int},
}
_CORRECTION_KEYS: dict[str, type | tuple] = {
    "line": int, "text": str, "role": str, "attach": str, "join": bool, "split_at": str,
    "repeat_of": int, "repeat": bool, "missing_start": (str, bool), "note": str,
}
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def licence_language(text: str) -> str:
    """The language of a licence statement the sidecar does not name: English when the
    statement is plain ASCII (the sidecar's own language, and the one licences are named
    in: "CC BY 4.0 …"), else none, so that it inherits the page's language. Without it a
    screen reader reads an English statement on a Chinese page with a Chinese voice."""
    return "en" if text and text.isascii() else ""


class _Lines:
    """Finds the sidecar line of a key, since tomllib does not keep positions."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def of_table(self, name: str, nth: int = 0) -> int | None:
        pattern = re.compile(r"^\s*\[\[?\s*" + re.escape(name) + r"\s*\]\]?\s*(#.*)?$")
        hits = [i + 1 for i, line in enumerate(self.lines) if pattern.match(line)]
        return hits[nth] if nth < len(hits) else None

    def of_key(self, key: str, after: int | None = None) -> int | None:
        pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        start = after or 0
        for i in range(start, len(self.lines)):
            if i > start and after and re.match(r"^\s*\[", self.lines[i]):
                break
            if pattern.match(self.lines[i]):
                return i + 1
        return None


def default_sidecar(source: Path) -> Path:
    return source.with_suffix(".toml")


def load_sidecar(path: Path | None, source: Path | None = None) -> Metadata:
    """Read the sidecar at PATH; with None, use SOURCE's stem + .toml if it exists, else defaults."""
    explicit = path is not None
    if path is None and source is not None:
        path = default_sidecar(source)
    if path is None or (not explicit and not path.exists()):
        meta = Metadata()
        meta.defaults_used.append(
            f"no sidecar ({path} not found): newspaper, date and page unknown"
            if path else "no sidecar: newspaper, date and page unknown")
        return meta
    label = str(path)
    raw, data = read_toml(path, "sidecar", SidecarError)
    lines = _Lines(raw)
    _check_strings(data, lines, label)
    return _metadata(data, lines, label)


# What XML cannot store; the page text may hold form feeds (page breaks), a sidecar may not.
_NOT_IN_XML = re.compile(NOT_XML.pattern[:-1] + "\f]")


def _check_strings(data: dict, lines: _Lines, label: str) -> None:
    """Refuse characters XML cannot store, which a TOML escape ("\\u0001") lets through."""
    def check(value, where: str, line: int | None) -> None:
        if isinstance(value, str):
            bad = _NOT_IN_XML.search(value)
            if bad:
                raise SidecarError(f"{where} holds the control character U+{ord(bad.group()):04X}, "
                                   f"which XML cannot store", label, line)
        elif isinstance(value, list):
            for item in value:
                check(item, where, line)

    for table, content in data.items():
        entries = content if isinstance(content, list) else [content]
        for nth, entry in enumerate(entries):
            if not isinstance(entry, dict):
                check(entry, table, lines.of_key(table))
                continue
            table_line = lines.of_table(table, nth)
            where = f"[{table}]" if not isinstance(content, list) else table
            for key, value in entry.items():
                line = (lines.of_key(key, table_line) or table_line) if table_line else None
                check(value, f"{where} {key}", line)


def compile_marker(pattern: str):
    """The [pages] marker compiled with RE2: search time linear in the line, always.

    RE2 reads Python's syntax but has no backreferences or lookaround, and its \\d, \\w, \\s
    are ASCII (write [0-9０-９] or \\p{Nd} for full-width digits). Raises ValueError with
    RE2's reason for a pattern it refuses.
    """
    import re2

    options = re2.Options()
    options.log_errors = False           # RE2 would print its own copy of the error
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(str(reason)) from None


def _check_type(value, expected, where: str, label: str, line: int | None) -> None:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        ok = False
    else:
        ok = isinstance(value, types) and not (isinstance(value, datetime) and date in types)
    if not ok:
        names = " or ".join("date" if t is date else t.__name__.replace("str", "string")
                            for t in types)
        raise SidecarError(f"{where} must be a {names}, not {value!r}", label, line)


def _metadata(data: dict, lines: _Lines, label: str) -> Metadata:
    meta = Metadata(sidecar_path=label)
    for table, value in data.items():
        if table == "correction":
            continue
        if table not in _SCHEMA:
            known = ", ".join(sorted([*_SCHEMA, "correction"]))
            raise SidecarError(f"unknown table or key '{table}' (known: {known})", label,
                               lines.of_table(table) or lines.of_key(table))
        if not isinstance(value, dict):
            raise SidecarError(f"'{table}' must be a table ([{table}])", label, lines.of_key(table))
        table_line = lines.of_table(table)
        for key, item in value.items():
            line = lines.of_key(key, table_line) if table_line else None
            if key not in _SCHEMA[table]:
                known = ", ".join(sorted(_SCHEMA[table]))
                raise SidecarError(f"unknown key '{key}' in [{table}] (known: {known})", label, line)
            _check_type(item, _SCHEMA[table][key], f"[{table}] {key}", label, line)

    paper = data.get("newspaper", {})
    issue = data.get("issue", {})
    edition = data.get("edition", {})
    pages = data.get("pages", {})
    meta.newspaper = paper.get("title", "").strip()
    meta.newspaper_en = paper.get("title_en", "").strip()
    meta.publisher = paper.get("publisher", "").strip()
    meta.place = paper.get("place", "").strip()
    meta.region = paper.get("region", "").strip()
    language = paper.get("language", "").strip()
    if language and not _LANG.match(language):
        raise SidecarError(f"[newspaper] language '{language}' is not a BCP 47 tag such as zh-Hans",
                           label, lines.of_key("language", lines.of_table("newspaper")))
    meta.language = language

    issue_line = lines.of_table("issue")
    if "date" in issue:
        meta.date = _parse_date(issue["date"], label, lines.of_key("date", issue_line))
    certainty = issue.get("date_certainty", "stated")
    if certainty not in ("stated", "inferred"):
        raise SidecarError(f"[issue] date_certainty must be 'stated' or 'inferred', not '{certainty}'",
                           label, lines.of_key("date_certainty", issue_line))
    if certainty == "inferred" and meta.date is None:
        raise SidecarError("[issue] date_certainty is 'inferred' but no date is given", label,
                           lines.of_key("date_certainty", issue_line))
    meta.date_inferred = certainty == "inferred"
    meta.date_note = issue.get("date_note", "").strip()
    meta.issue_number = str(issue.get("number", "")).strip()
    meta.page = str(issue.get("page", "")).strip()
    odd_digit = next((ch for ch in meta.page if ch.isdigit() and not ch.isdecimal()), None)
    if odd_digit:
        # "²" or "①" count as digits to Python but are no number: later pages could not
        # be numbered on from it.
        raise SidecarError(f"[issue] page '{meta.page}' has the character {odd_digit} "
                           f"(U+{ord(odd_digit):04X}), which is not a plain digit: write the "
                           f"page number with 0-9", label, lines.of_key("page", issue_line))

    meta.editor = edition.get("editor", "").strip()
    meta.edition_publisher = edition.get("publisher", "").strip()
    meta.licence = edition.get("licence", "").strip()
    meta.licence_url = edition.get("licence_url", "").strip()
    licence_lang = edition.get("licence_lang", "").strip()
    if licence_lang and not _LANG.match(licence_lang):
        raise SidecarError(f"[edition] licence_lang '{licence_lang}' is not a BCP 47 tag such as en "
                           f"or zh-Hans", label, lines.of_key("licence_lang", lines.of_table("edition")))
    meta.licence_lang = licence_lang or licence_language(meta.licence)
    meta.source_description = edition.get("source", "").strip()

    pages_line = lines.of_table("pages")
    meta.page_marker = pages.get("marker", "")
    if meta.page_marker:
        try:
            pattern = compile_marker(meta.page_marker)
        except ValueError as exc:
            raise SidecarError(f"[pages] marker is not a valid regular expression: {exc} "
                               f"(backreferences and lookaround are not supported)", label,
                               lines.of_key("marker", pages_line)) from None
        if pattern.groups > 1:
            raise SidecarError("[pages] marker may have at most one group (the page number)", label,
                               lines.of_key("marker", pages_line))
    blank = pages.get("blank_lines", 0)
    if blank < 0 or blank == 1:
        raise SidecarError("[pages] blank_lines must be 0 (off) or at least 2", label,
                           lines.of_key("blank_lines", pages_line))
    meta.page_break_blank_lines = blank

    corrections = data.get("correction", [])
    if not isinstance(corrections, list):
        raise SidecarError("'correction' must be an array of tables ([[correction]])", label,
                           lines.of_key("correction"))
    for nth, entry in enumerate(corrections):
        meta.corrections.append(_correction(entry, lines.of_table("correction", nth) or 0, lines,
                                            label))
    return meta


def _parse_date(value, label: str, line: int | None) -> date:
    if isinstance(value, datetime):
        raise SidecarError("[issue] date must be a date (YYYY-MM-DD), not a date and time", label, line)
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise SidecarError(f"[issue] date '{value}' is not a real date in the form YYYY-MM-DD",
                               label, line) from None
    if parsed > date.today():
        raise SidecarError(f"[issue] date {parsed.isoformat()} is in the future", label, line)
    if parsed.year < 1600:
        raise SidecarError(f"[issue] date {parsed.isoformat()} is before any newspaper", label, line)
    return parsed


def _correction(entry: dict, table_line: int, lines: _Lines, label: str) -> Correction:
    def line_of(key: str) -> int:
        return lines.of_key(key, table_line) or table_line

    if not isinstance(entry, dict):
        raise SidecarError("each [[correction]] must be a table", label, table_line)
    for key, value in entry.items():
        if key not in _CORRECTION_KEYS:
            known = ", ".join(sorted(_CORRECTION_KEYS))
            raise SidecarError(f"unknown key '{key}' in [[correction]] (known: {known})", label,
                               line_of(key))
        _check_type(value, _CORRECTION_KEYS[key], f"correction {key}", label, line_of(key))
    if ("line" in entry) == ("text" in entry):
        raise SidecarError("a [[correction]] needs exactly one of 'line' or 'text' to say which "
                           "block it corrects", label, table_line)
    if "text" in entry and not entry["text"].strip():
        raise SidecarError("correction text is empty", label, line_of("text"))
    if "line" in entry and entry["line"] < 1:
        raise SidecarError(f"correction line {entry['line']} must be 1 or more", label, line_of("line"))
    role = entry.get("role")
    if role is not None and role not in ROLES:
        raise SidecarError(f"unknown role '{role}' (known: {', '.join(ROLES)})", label, line_of("role"))
    attach = entry.get("attach")
    if attach is not None and attach not in ("previous", "next"):
        raise SidecarError(f"attach must be 'previous' or 'next', not '{attach}'", label,
                           line_of("attach"))
    missing = entry.get("missing_start")
    if missing is True:
        missing = "chars"
    if missing not in (None, False, "chars", "paragraphs"):
        raise SidecarError(f"missing_start must be 'chars', 'paragraphs', true or false, not "
                           f"'{missing}'", label, line_of("missing_start"))
    actions = [k for k in ("role", "attach", "join", "split_at", "repeat_of", "repeat",
                           "missing_start") if k in entry]
    if not actions:
        raise SidecarError("this [[correction]] changes nothing (give role, attach, join, "
                           "split_at, repeat_of, repeat or missing_start)", label, table_line)
    return Correction(sidecar_line=table_line, line=entry.get("line"), text=entry.get("text"),
                      role=role, attach=attach, join=entry.get("join"),
                      split_at=entry.get("split_at"), repeat_of=entry.get("repeat_of"),
                      repeat=entry.get("repeat"),
                      missing_start=missing if missing is not False else "none",
                      note=entry.get("note", "").strip())
