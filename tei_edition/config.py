"""The project configuration the user edits: `tei-edition.toml`, one file for the whole job.

    [deposit]   who deposits, and how issues are identified (tei_edition/deposit/config.py)
    [site]      the reading edition: where it will be published (base_url), the language of
                its interface (lang)

The file is read strictly, as a whole: a table or a key this version does not know, a value
of the wrong type or shape, is one error naming the file and the line, so a misspelt
`base_ulr` is not silently ignored. Everything is optional; without the file, or without a
table, the defaults hold (see SiteConfig and deposit.DepositConfig).

`tei-edition build`, `html`, `package` and `deposit` read ./tei-edition.toml, or the file
given with --config; command-line options (--lang, --base-url) override the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InputError
from .xmlio import read_toml

CONFIG_NAME = "tei-edition.toml"
KNOWN_TABLES = ("deposit", "site")
UI_LANGUAGES = ("auto", "zh", "en")


class ConfigError(InputError):
    """The project configuration is unreadable, or has an unknown table or key, or a value
    of the wrong type (exit 2)."""


@dataclass(frozen=True)
class ConfigFile:
    """The tables of a configuration file, checked for shape: every table a known one,
    every value a one-line string. `line_of` finds where a key stands, for messages."""

    path: Path | None = None
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return str(self.path) if self.path is not None else CONFIG_NAME

    def table(self, name: str) -> dict[str, str]:
        return self.tables.get(name, {})

    def line_of(self, table: str, key: str | None = None) -> int | None:
        """The line of `[table]`, or of `key = ...` inside it (1-based), or None."""
        header = re.compile(r"^\s*\[\s*[\"']?" + re.escape(table) + r"[\"']?\s*\]")
        assignment = re.compile(r"^\s*[\"']?" + re.escape(key or table) + r"[\"']?\s*=")
        inside = False
        for number, text in enumerate(self.lines, start=1):
            if header.match(text):
                if key is None:
                    return number
                inside = True
            elif re.match(r"^\s*\[", text):
                inside = False
            elif (inside or key is None) and assignment.match(text):
                return number
        return None

    def error(self, message: str, table: str, key: str | None = None,
              error: type[InputError] = ConfigError) -> InputError:
        return error(message, self.label, self.line_of(table, key))


def find_config(start: Path | None = None) -> Path | None:
    """`tei-edition.toml` in START (default: the current directory), or None."""
    candidate = Path(start or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def read_config(path: str | Path | None = None, *,
                error: type[InputError] = ConfigError) -> ConfigFile:
    """Read PATH (None: ./tei-edition.toml if there is one, else an empty configuration)
    and check its shape. ERROR is the exception class raised (the deposit stage raises
    its own ConfigError); every message names the file and the line."""
    if path is None:
        path = find_config()
        if path is None:
            return ConfigFile()
    path = Path(path)
    raw, data = read_toml(path, "configuration file", error)
    shape = ConfigFile(path, {}, tuple(raw.split("\n")))
    tables: dict[str, dict[str, str]] = {}
    for name, table in data.items():
        if name not in KNOWN_TABLES:
            raise shape.error(f"unknown table [{name}] (known: "
                              f"{', '.join(f'[{t}]' for t in KNOWN_TABLES)})", name, error=error)
        if not isinstance(table, dict):
            raise shape.error(f"'{name}' must be a table ([{name}])", name, error=error)
        values: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(value, str):
                raise shape.error(f"[{name}] {key} must be a string, not {value!r}", name, key,
                                  error=error)
            if "\n" in value or "\r" in value:
                # bag-info.txt is one line per tag, and a URL or a code has no line break.
                raise shape.error(f"[{name}] {key} must be one line", name, key, error=error)
            values[key] = value.strip()
        tables[name] = values
    return ConfigFile(path, tables, shape.lines)


# ---------------------------------------------------------------------------- [site]


@dataclass(frozen=True)
class SiteConfig:
    """The `[site]` table: settings of the reading edition. Field names are the TOML keys."""

    #: Where the site will be published, e.g. https://library.example.org/newspapers/ :
    #: citations, BibTeX/RIS and the citation_* meta tags name each page's absolute
    #: address under it. Without it a citation says its address is not known (it never
    #: names a file: address).
    base_url: str | None = None
    #: The language of the interface and the editorial apparatus: zh, en, or auto (the
    #: TEI's own language: Chinese for Chinese pages, English for others).
    lang: str = "auto"
    #: where it was read from (None: built-in defaults)
    path: Path | None = None

    def with_options(self, *, lang: str | None = None, base_url: str | None = None) -> "SiteConfig":
        """These settings with command-line options (--lang, --base-url) put over them."""
        changed = self
        if lang is not None:
            changed = replace(changed, lang=_check_lang(lang, lambda m: InputError(f"--lang: {m}")))
        if base_url is not None:
            changed = replace(changed, base_url=_check_base_url(
                base_url, lambda m: InputError(f"--base-url: {m}")) or None)
        return changed

    def digest_text(self) -> str:
        """What the site's files depend on, as text (for the build's digests)."""
        return f"lang={self.lang}\nbase_url={self.base_url or ''}"


_SITE_KEYS = tuple(name for name in SiteConfig.__dataclass_fields__ if name != "path")


def site_config(config: ConfigFile) -> SiteConfig:
    """The `[site]` table of CONFIG, checked."""
    table = config.table("site")
    for key in table:
        if key not in _SITE_KEYS:
            raise config.error(f"unknown key '{key}' in [site] (known: {', '.join(_SITE_KEYS)})",
                               "site", key)
    values: dict[str, object] = {}
    if "lang" in table:
        values["lang"] = _check_lang(table["lang"],
                                     lambda m: config.error(f"[site] lang {m}", "site", "lang"))
    if "base_url" in table:
        values["base_url"] = _check_base_url(
            table["base_url"], lambda m: config.error(f"[site] base_url {m}", "site", "base_url")) or None
    return SiteConfig(path=config.path, **values)


def load_site_config(path: str | Path | None = None) -> SiteConfig:
    """Read the `[site]` table of PATH; with None, of ./tei-edition.toml if there is one.
    The whole file is checked (an error in [deposit] is reported here too)."""
    config = read_config(path)
    from .deposit.config import deposit_config

    deposit_config(config)
    return site_config(config)


def _check_lang(value: str, fail) -> str:
    lang = value.strip().lower()
    if lang not in UI_LANGUAGES:
        raise fail(f"'{value}' is not one of {', '.join(UI_LANGUAGES)}")
    return lang


def _check_base_url(value: str, fail) -> str:
    """An absolute http(s) address of a folder, ending in '/' (added if missing); '' for none."""
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise fail(f"'{value}' is not an http:// or https:// address (the address readers "
                   f"will use; never a file: address)")
    if parts.query or parts.fragment:
        raise fail(f"'{value}' has a query or a fragment; give the address of the site's folder")
    if re.search(r"[\s\"<>\\^`{|}]", url):
        raise fail(f"'{value}' has characters an address may not hold unescaped")
    return url if url.endswith("/") else url + "/"
