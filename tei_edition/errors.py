"""The errors users see. Each carries one message; the CLI prints it and exits."""

from __future__ import annotations

import os
import re
from pathlib import Path

# Characters that would break the one-line promise or mislead a reader of the message:
# controls (a newline in a file name), lone surrogates (a file name that is not UTF-8),
# line/paragraph separators and format characters (a right-to-left override).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069"
                          "\ufeff\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """TEXT with every character that could break or disguise a one-line message escaped.

    A file name that is not UTF-8 reaches Python as lone surrogates (surrogateescape):
    those show as the bytes they stand for (\\xff), so the user can find the file.
    """
    if not _UNPRINTABLE.search(text):
        return text
    if re.search("[\udc80-\udcff]", text):
        try:
            text = os.fsencode(text).decode("utf-8", "backslashreplace")
        except UnicodeError:
            pass
    return _UNPRINTABLE.sub(_escape, text)


def display_path(path: str | Path | bytes) -> str:
    """A path as a user should see it in a message (see printable)."""
    if isinstance(path, bytes):
        return printable(path.decode("utf-8", "backslashreplace"))
    return printable(str(path))


class TeiEditionError(Exception):
    """Base of every error the toolkit reports to a user (never a traceback)."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return printable(f"{where}{self.message}")


class InputError(TeiEditionError):
    """The source text, a sidecar or an input file cannot be used as given."""


class OutputError(InputError):
    """An output cannot be written as asked: a directory, a device, a full disk, a closed
    pipe, a name too long. A usage error (exit 2), like a bad input."""


class SidecarError(InputError):
    """The TOML sidecar is unreadable, has unknown keys, or a correction matches nothing."""


class EncodingCheckError(TeiEditionError):
    """The encoder's own guarantees failed (lost text, invalid TEI): a bug, reported loudly."""

    exit_code = 3


class ValidationError(TeiEditionError):
    """A TEI document is not valid against the schema or the Schematron rules."""

    exit_code = 1

    def __init__(self, message: str, problems=(), path=None):
        super().__init__(message, path)
        self.problems = list(problems)


class RenderError(TeiEditionError):
    """An output (HTML, PDF) could not be made: a missing font, a refused URL, ..."""
