"""The deposit stage: BagIt bags with METS/MODS for each issue, an OCFL store, and checks.

    package_issue(issue_id, pages, out_dir, config=..., site_dir=...) -> PackageReport
    deposit_bag(bag_path, ocfl_root) -> DepositReport
    verify(path) -> list[Problem]

Fed by the files the earlier stages wrote (TEI, HTML, PDF) and by the page sources as
received; never by parsing the raw text. See docs/deposit.md.
"""

from __future__ import annotations

from .bag import PageFiles, PackageReport, package_issue, profile_identifier
from .config import DepositConfig, load_config
from .errors import ConfigError, DepositInputError, InvalidPackageError, PackageCheckError
from .ocfl_store import DepositReport, deposit_bag
from .verify import Problem, verify

__all__ = ["PageFiles", "PackageReport", "package_issue", "profile_identifier", "DepositConfig",
           "load_config", "ConfigError", "DepositInputError", "InvalidPackageError",
           "PackageCheckError", "DepositReport", "deposit_bag", "Problem", "verify"]
