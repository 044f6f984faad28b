"""The project configuration the user edits: who deposits, and how issues are identified.

It is the `[deposit]` table of `tei-edition.toml` (see tei-edition.toml at the repository
root, and docs/deposit.md). Other tables in that file belong to other stages and are left
alone here. Everything is optional; what is missing comes from the TEI (the edition's
publisher stands in for Source-Organization) or is left out of bag-info.txt.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from ..xmlio import read_input
from .errors import ConfigError

CONFIG_NAME = "tei-edition.toml"
# Placeholders a template may use; filled from the TEI header of the first page.
PLACEHOLDERS = ("prefix", "newspaper", "newspaper_en", "year", "issue")


@dataclass(frozen=True)
class DepositConfig:
    """The `[deposit]` table. Field names are the TOML keys."""

    #: bag-info Source-Organization and the METS agent; default: the TEI's publicationStmt/publisher
    source_organization: str | None = None
    organization_address: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    #: External-Identifier = identifier_prefix + issue id; also the OCFL object id
    identifier_prefix: str = ""
    #: Bag-Group-Identifier, a template over PLACEHOLDERS
    group_identifier: str = "{prefix}{newspaper}"
    #: where it was read from (None: built-in defaults)
    path: Path | None = None

    def group_for(self, **values: str) -> str:
        return self.group_identifier.format(prefix=self.identifier_prefix, **values)


_KEYS = tuple(f.name for f in fields(DepositConfig) if f.name != "path")


def find_config(start: Path | None = None) -> Path | None:
    """`tei-edition.toml` in START (default: the current directory), or None."""
    candidate = Path(start or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: str | Path | None = None) -> DepositConfig:
    """Read the `[deposit]` table of PATH; with None, of ./tei-edition.toml if there is one."""
    if path is None:
        path = find_config()
        if path is None:
            return DepositConfig()
    path = Path(path)
    label = str(path)
    try:
        raw = read_input(path, "configuration file", ConfigError).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"configuration is not UTF-8 (byte 0x{exc.object[exc.start]:02x})",
                          label) from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line, col = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        raise ConfigError(f"not valid TOML: {message}", label, line, col) from None
    table = data.get("deposit", {})
    lines = raw.split("\n")
    if not isinstance(table, dict):
        raise ConfigError("'deposit' must be a table ([deposit])", label,
                          _line_of(lines, "deposit"))
    values: dict[str, str] = {}
    for key, value in table.items():
        line = _line_of(lines, key)
        if key not in _KEYS:
            raise ConfigError(f"unknown key '{key}' in [deposit] (known: {', '.join(_KEYS)})",
                              label, line)
        if not isinstance(value, str):
            raise ConfigError(f"[deposit] {key} must be a string, not {value!r}", label, line)
        if "\n" in value or "\r" in value:
            # bag-info.txt is one line per tag; a line break would cut the value.
            raise ConfigError(f"[deposit] {key} must be one line", label, line)
        values[key] = value.strip()
    config = DepositConfig(path=path, **values)
    _check_template(config.group_identifier, label, _line_of(lines, "group_identifier"))
    email = config.contact_email
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise ConfigError(f"[deposit] contact_email '{email}' is not an e-mail "
                          "address", label, _line_of(lines, "contact_email"))
    return config


def _check_template(template: str, label: str, line: int | None) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"[deposit] group_identifier is not a valid template: {exc}", label,
                          line) from None
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        raise ConfigError(f"[deposit] group_identifier uses unknown placeholder {{{unknown[0]}}} "
                          f"(known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})", label, line)


def _line_of(lines: list[str], key: str) -> int | None:
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=|^\s*\[\s*" + re.escape(key)
                         + r"\s*\]")
    for number, text in enumerate(lines, start=1):
        if pattern.match(text):
            return number
    return None
