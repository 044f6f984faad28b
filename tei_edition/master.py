"""The TEI is the master: what the encoder wrote, whether a hand has changed it since, and
so whether a build may replace it.

The encoder records in every TEI it writes (teiHeader/encodingDesc/appInfo, in the
application's desc) the SHA-256 of its source text and sidecar, and a fingerprint of the
TEI itself: the SHA-256 of the file's bytes with the fingerprint's own 64 digits read as
zeros. A file whose bytes still give its fingerprint is exactly what the encoder wrote;
any other file, including one without a fingerprint, is an editor's (or another tool's)
work, and no command replaces it unless told to (`encode --force`, `build --reencode`),
and then only after keeping a numbered backup beside it (NAME.xml.~1~, as `cp --backup`).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

SOURCE_TYPE = "source-sha256"
SIDECAR_TYPE = "sidecar-sha256"
PROFILE_TYPE = "profile-sha256"
FINGERPRINT_TYPE = "tei-sha256"
PLACEHOLDER = "0" * 64

_FINGERPRINT = re.compile(rb'<idno type="' + FINGERPRINT_TYPE.encode() + rb'">([0-9a-f]{64})</idno>')
_RECORDED = re.compile(rb'<idno type="(' + b"|".join(kind.encode() for kind in (
    SOURCE_TYPE, SIDECAR_TYPE, PROFILE_TYPE)) + rb')">([0-9a-f]{64})</idno>')


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fingerprint(data: bytes) -> str | None:
    """The fingerprint the bytes would carry if the encoder wrote them; None if they hold
    no fingerprint (or more than one)."""
    found = list(_FINGERPRINT.finditer(data))
    if len(found) != 1:
        return None
    digits = found[0].span(1)
    return sha256(data[: digits[0]] + PLACEHOLDER.encode() + data[digits[1]:])


def is_pristine(data: bytes) -> bool:
    """True when the bytes are exactly what the encoder wrote."""
    found = _FINGERPRINT.search(data)
    return found is not None and fingerprint(data) == found.group(1).decode()


@dataclass(frozen=True)
class Master:
    """What a TEI file on disk says about where it came from."""

    path: Path
    pristine: bool                 # byte for byte what the encoder wrote
    source_sha256: str | None      # recorded by the encoder; None if the file has none
    sidecar_sha256: str | None
    profile_sha256: str | None = None

    def made_from(self, source_sha256: str, sidecar_sha256: str | None,
                  profile_sha256: str | None = None) -> bool:
        """Whether the encoder made this file from exactly these inputs."""
        return (self.source_sha256 == source_sha256 and self.sidecar_sha256 == sidecar_sha256
                and self.profile_sha256 == profile_sha256)


def read_master(path: Path) -> Master:
    data = path.read_bytes()
    recorded = {kind.decode(): value.decode() for kind, value in _RECORDED.findall(data)}
    return Master(path=path, pristine=is_pristine(data),
                  source_sha256=recorded.get(SOURCE_TYPE), sidecar_sha256=recorded.get(SIDECAR_TYPE),
                  profile_sha256=recorded.get(PROFILE_TYPE))


def backup(path: Path) -> Path:
    """Keep PATH as PATH.~N~ (the first free N), as `cp --backup=numbered` does."""
    n = 1
    while True:
        target = path.with_name(f"{path.name}.~{n}~")
        try:
            # A hard link keeps the file's bytes and dates and never overwrites a backup.
            os.link(path, target)
            return target
        except FileExistsError:
            n += 1
        except OSError as exc:
            raise InputError(f"cannot keep a backup before replacing it: {exc.strerror}",
                             path) from None
