"""The errors of the deposit stage. Each is one line for the user and carries its exit code."""

from __future__ import annotations

from ..errors import InputError, TeiEditionError


class DepositInputError(InputError):
    """A file, folder or configuration given to package, deposit or verify is unusable (exit 2)."""


class ConfigError(DepositInputError):
    """The project configuration (tei-edition.toml) is unreadable or has unknown keys (exit 2)."""


class InvalidPackageError(TeiEditionError):
    """A bag or an OCFL object given to us fails its validator (exit 1, as for invalid TEI)."""

    exit_code = 1

    def __init__(self, message: str, problems=(), path=None):
        super().__init__(message, path)
        self.problems = list(problems)


class PackageCheckError(TeiEditionError):
    """A bag or an object we just made fails its own validator: a bug; nothing is put in place."""

    exit_code = 3
