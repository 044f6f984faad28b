"""The errors users see. Each carries one message; the CLI prints it and exits."""

from __future__ import annotations

from pathlib import Path


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
        return f"{where}{self.message}"


class InputError(TeiEditionError):
    """The source text, a sidecar or an input file cannot be used as given."""


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
