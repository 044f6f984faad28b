"""The project configuration's `[deposit]` table: who deposits, and how issues are identified.

The file is tei-edition.toml (see tei-edition.toml at the repository root, and
docs/deposit.md); tei_edition/config.py reads it and checks its shape (known tables,
one-line string values), this module the `[deposit]` keys. Everything is optional; what is
missing comes from the TEI (the edition's publisher stands in for Source-Organization) or
is left out of bag-info.txt.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields
from pathlib import Path

from ..config import CONFIG_NAME, ConfigFile, find_config, read_config
from .errors import ConfigError

__all__ = ["CONFIG_NAME", "DepositConfig", "PLACEHOLDERS", "deposit_config", "find_config",
           "load_config"]

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


def load_config(path: str | Path | None = None) -> DepositConfig:
    """Read the `[deposit]` table of PATH; with None, of ./tei-edition.toml if there is one.
    The whole file is checked (an unknown table, or an error in [site], is reported too)."""
    config = read_config(path, error=ConfigError)
    from ..config import ConfigError as SiteConfigError, site_config

    deposit = deposit_config(config)
    try:
        site_config(config)
    except SiteConfigError as exc:  # the same message, as the deposit stage's error type
        raise ConfigError(exc.message, exc.path, exc.line, exc.column) from None
    return deposit


def deposit_config(config: ConfigFile) -> DepositConfig:
    """The `[deposit]` table of CONFIG, checked; errors name the file and the line."""
    if config.path is None and not config.tables:
        return DepositConfig()
    table = config.table("deposit")
    for key in table:
        if key not in _KEYS:
            raise config.error(f"unknown key '{key}' in [deposit] (known: {', '.join(_KEYS)})",
                               "deposit", key, error=ConfigError)
    result = DepositConfig(path=config.path, **table)
    _check_template(config, result.group_identifier)
    email = result.contact_email
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+", email):
        raise config.error(f"[deposit] contact_email '{email}' is not an e-mail address",
                           "deposit", "contact_email", error=ConfigError)
    return result


def _check_template(config: ConfigFile, template: str) -> None:
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise config.error(f"[deposit] group_identifier is not a valid template: {exc}",
                           "deposit", "group_identifier", error=ConfigError) from None
    unknown = [name for name in names if name not in PLACEHOLDERS]
    if unknown:
        raise config.error(f"[deposit] group_identifier uses unknown placeholder {{{unknown[0]}}} "
                           f"(known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})",
                           "deposit", "group_identifier", error=ConfigError)
