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
from ..master import sha256
from ..model import ROLES, Correction, Metadata
from ..xmlio import read_input, read_toml
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
    "line": int, "text": str, "match": str, "role": str, "attach": str, "join": bool, "split_at": str,
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


def load_sidecar(path: Path | None, source: Path | None = None, *,
                 root: Path | None = None, profile: Path | None = None) -> Metadata:
    """Read the sidecar at PATH; with None, use SOURCE's stem + .toml if it exists, else defaults.

    A sidecar may name its paper's profile (`profile = "../singtao.toml"`, relative to the
    sidecar), which must lie inside ROOT (default: the current folder; a build passes its
    sources): the profile's [newspaper], [edition] and [pages] values stand wherever the
    sidecar gives none, and its corrections are applied before the sidecar's own. PROFILE,
    the caller's choice, is used as if the sidecar named it (in its place, if it names one).
    """
    explicit = path is not None
    if path is None and source is not None:
        path = default_sidecar(source)
    if path is None or (not explicit and not path.exists()):
        meta = Metadata()
        meta.defaults_used.append(
            f"no sidecar ({path} not found): newspaper, date and page unknown"
            if path else "no sidecar: newspaper, date and page unknown")
        if profile is None:
            return meta
        raw, data, label = "", {}, ""
    else:
        label = str(path)
        raw, data = read_toml(path, "sidecar", SidecarError)
    lines = _Lines(raw)
    _check_strings(data, lines, label)
    named = data.pop("profile", None)
    if profile is not None:
        named, file = str(profile), Path(profile)
    elif named is None:
        return _metadata(data, lines, label)
    else:
        _check_type(named, str, "profile", label, lines.of_key("profile"))
        file = profile_file(named, Path(path), root, label, lines.of_key("profile"))
    profile_raw, profile_data = read_toml(file, "profile", SidecarError)
    profile_lines = _Lines(profile_raw)
    _check_strings(profile_data, profile_lines, str(file))
    from_profile = _metadata(profile_data, profile_lines, str(file), profile=named)
    merged = dict(data)
    for table in ("newspaper", "edition", "pages"):
        if isinstance(profile_data.get(table), dict) and isinstance(data.get(table, {}), dict):
            merged[table] = {**profile_data[table], **data.get(table, {})}
    meta = _metadata(merged, lines, label)
    if not label:
        meta.sidecar_path = None
        meta.defaults_used.append("no sidecar: date and page unknown")
    meta.corrections[:0] = from_profile.corrections
    meta.profile_path, meta.profile_file = named, str(file)
    meta.profile_sha256 = sha256(read_input(file, "profile", SidecarError))
    return meta


def profile_file(named: str, sidecar: Path, root: Path | None, label: str = "",
                 line: int | None = None) -> Path:
    """The paper profile a sidecar names, checked: a .toml file, named relative to the
    sidecar, inside ROOT (default: the current folder). A sidecar is an editor's file but
    may travel with a page from elsewhere: it must not make the encoder read outside the
    sources (`profile = "/etc/…"` or `"../../../…"`)."""
    label = label or str(sidecar)
    candidate = Path(named)
    if not named.strip() or candidate.is_absolute() or candidate.suffix != ".toml":
        raise SidecarError(f"profile '{named}' must be a .toml file named relative to the "
                           f"sidecar (such as \"../singtao.toml\")", label, line)
    file = (sidecar.parent / candidate).resolve()
    inside = Path(root or Path.cwd()).resolve()
    if not file.is_relative_to(inside):
        raise SidecarError(f"profile '{named}' lies outside {inside}, where profiles are read "
                           f"(a build reads them only inside its sources)", label, line)
    if not file.is_file():
        raise SidecarError(f"profile '{named}' not found (looked for {file})", label, line)
    return file


def named_profile(sidecar: Path, root: Path | None = None) -> Path | None:
    """The profile file a sidecar names, if it names one and it can be found; None when it
    names none or the sidecar cannot be read (the encoder then says why, with its line).
    For what a page was made from: its text, its sidecar and this profile."""
    try:
        _, data = read_toml(sidecar, "sidecar", SidecarError)
        named = data.get("profile")
        return profile_file(named, sidecar, root) if isinstance(named, str) else None
    except SidecarError:
        return None


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


def _metadata(data: dict, lines: _Lines, label: str, profile: str | None = None) -> Metadata:
    """The metadata of a sidecar's tables; with PROFILE (the name the sidecar gives it), of
    a paper's profile, which holds what is the same on every page of the paper."""
    meta = Metadata(sidecar_path=label)
    for table, value in data.items():
        if table == "correction":
            continue
        if profile is not None and table in ("issue", "profile"):
            why = ("a profile cannot name another profile" if table == "profile" else
                   "[issue] belongs in each page's sidecar, not in the paper's profile")
            raise SidecarError(why, label, lines.of_table(table) or lines.of_key(table))
        if table not in _SCHEMA:
            known = ", ".join(sorted([*_SCHEMA, "correction", "profile"]))
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
                                            label, profile))
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


def _correction(entry: dict, table_line: int, lines: _Lines, label: str,
                profile: str | None = None) -> Correction:
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
    if profile is not None:
        for key in ("line", "repeat_of"):
            if key in entry:
                raise SidecarError(f"a profile's correction cannot use '{key}': line numbers "
                                   f"differ from page to page (name the block by text or "
                                   f"match)", label, line_of(key))
    if sum(key in entry for key in ("line", "text", "match")) != 1:
        raise SidecarError("a [[correction]] needs exactly one of 'line', 'text' or 'match' to "
                           "say which block it corrects", label, table_line)
    if "text" in entry and not entry["text"].strip():
        raise SidecarError("correction text is empty", label, line_of("text"))
    if "match" in entry:
        try:
            pattern = compile_marker(entry["match"])
        except ValueError as exc:
            raise SidecarError(f"correction match is not a valid regular expression: {exc} "
                               f"(backreferences and lookaround are not supported)", label,
                               line_of("match")) from None
        if pattern.search(""):
            # It would match every block, a page's furniture and breaks included.
            raise SidecarError(f"correction match '{entry['match']}' matches an empty text: "
                               f"it would correct every block", label, line_of("match"))
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
                      match=entry.get("match"), profile=profile, role=role, attach=attach, join=entry.get("join"),
                      split_at=entry.get("split_at"), repeat_of=entry.get("repeat_of"),
                      repeat=entry.get("repeat"),
                      missing_start=missing if missing is not False else "none",
                      note=entry.get("note", "").strip())
