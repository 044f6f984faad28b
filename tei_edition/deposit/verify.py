"""Check a bag, an OCFL object or an OCFL storage root with the standards' own validators.

- a bag: bagit's full validation (every checksum, not the Payload-Oxum shortcut), the shipped
  BagIt profile (bagit-profile), and data/mets.xml against the manifest (every payload file
  described once, with the manifest's SHA-512);
- an OCFL object: ocfl-py's object validator with digests checked;
- a storage root: its structure, then every object by itself (ocfl-py's storage-root
  validation reports success even when an object inside is corrupt).

Each problem is one line; an empty list means valid.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..errors import InputError
from ..xmlio import parse_untrusted
from .errors import DepositInputError
from .mets import METS_NAME, METS_NS, XLINK_NS


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def import_ocfl():
    """ocfl-py, imported without a side effect of its dependency `pairtree`, which calls
    logging.basicConfig(level=INFO) when imported and would make every library's INFO
    records print. We restore the root logger as it was; upstream, pairtree should leave
    logging configuration to applications (or ocfl-py import it lazily, for the one layout
    that needs it)."""
    if "ocfl" in sys.modules:
        return sys.modules["ocfl"]
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import ocfl
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return ocfl


@contextlib.contextmanager
def _quiet_root_logger():
    # bagit-profile reports each failure with logging.error on the root logger as well as in
    # its report; we print the report, so the log line would only repeat it.
    root = logging.getLogger()
    disabled, root.disabled = root.disabled, True
    try:
        yield
    finally:
        root.disabled = disabled


def kind_of(path: Path) -> str:
    """'bag', 'object' or 'root'; DepositInputError when PATH is none of them (exit 2)."""
    path = Path(path)
    if not path.exists():
        raise DepositInputError("no such file or folder", path)
    if not path.is_dir():
        raise DepositInputError("is a file: give a bag, an OCFL object or an OCFL storage root "
                                "(a folder)", path)
    names = {p.name for p in path.iterdir()}
    if "bagit.txt" in names:
        return "bag"
    if any(n.startswith("0=ocfl_object_") for n in names):
        return "object"
    if any(re.fullmatch(r"0=ocfl_\d+\.\d+", n) for n in names):
        return "root"
    raise DepositInputError("is not a bag (no bagit.txt), an OCFL object or an OCFL storage root "
                            "(no 0=ocfl_ declaration)", path)


def verify(path: str | Path) -> list[Problem]:
    """Every problem of the bag, object or storage root at PATH (empty: valid)."""
    path = Path(path)
    kind = kind_of(path)
    if kind == "bag":
        return [Problem(str(path), p) for p in bag_problems(path)]
    if kind == "object":
        return [Problem(str(path), p) for p in object_problems(path)]
    return root_problems(path)


# ----------------------------------------------------------------------------- bags

def bag_problems(path: Path) -> list[str]:
    import bagit
    import bagit_profile

    from .bag import load_profile

    logging.getLogger("bagit").setLevel(logging.ERROR)
    try:
        bag = bagit.Bag(str(path))
    except bagit.BagError as exc:
        return [f"not a readable bag: {exc}"]
    problems = _bagit_problems(bag, Path(path))
    profile = load_profile()
    identifier = profile["BagIt-Profile-Info"]["BagIt-Profile-Identifier"]
    with _quiet_root_logger():
        checker = bagit_profile.Profile(identifier, profile=profile)
        try:
            checker.validate_serialization(str(path))
        except bagit_profile.ProfileValidationError as exc:
            problems.append(f"BagIt profile: {_profile_message(exc, bag)}")
        if not checker.validate(bag):
            problems.extend(f"BagIt profile: {_profile_message(e, bag)}"
                            for e in checker.report.errors)
    problems.extend(_mets_problems(bag, Path(path)))
    return problems


def _profile_message(exc, bag) -> str:
    text = getattr(exc, "value", str(exc))
    return text[len(str(bag)) + 2:] if text.startswith(f"{bag}: ") else text


def _bagit_problems(bag, path: Path) -> list[str]:
    import bagit

    try:
        bag.validate(processes=1, fast=False)
        return []
    except bagit.BagValidationError as exc:
        failure = exc
    except bagit.BagError as exc:
        return [str(exc)]
    # bagit stops at the first failing stage (Payload-Oxum, then completeness, then
    # checksums); to report each problem, look at completeness and every present file.
    missing, unexpected = bag.compare_manifests_with_fs()
    problems = [f"{p}: listed in the manifest but missing" for p in sorted(missing)]
    problems += [f"{p}: not in the manifest (a file was added)" for p in sorted(unexpected)]
    for rel, expected in sorted(bag.entries.items()):
        file = path / rel
        if not file.is_file():
            continue
        bad = [alg for alg, digest in sorted(expected.items())
               if _digest(file, alg) != digest.lower()]
        if bad:
            problems.append(f"{rel}: contents changed ({', '.join(bad)} checksum does not match "
                            "the manifest)")
    return problems or [str(failure)]


def _digest(file: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _mets_problems(bag, path: Path) -> list[str]:
    """data/mets.xml describes every payload file once, with the manifest's SHA-512."""
    mets_path = path / "data" / METS_NAME
    if not mets_path.is_file():
        return [f"data/{METS_NAME}: missing"]
    try:
        tree = parse_untrusted(mets_path)
    except InputError as exc:
        return [f"data/{METS_NAME}: {exc.message}" + (f" (line {exc.line})" if exc.line else "")]
    manifest = {rel: hashes.get("sha512") for rel, hashes in bag.payload_entries().items()}
    problems = []
    described: dict[str, int] = {}
    for file in tree.getroot().iter(f"{{{METS_NS}}}file"):
        locations = file.findall(f"{{{METS_NS}}}FLocat")
        href = unquote(locations[0].get(f"{{{XLINK_NS}}}href", "")) if locations else ""
        rel = f"data/{href}"
        described[rel] = described.get(rel, 0) + 1
        if file.get("CHECKSUMTYPE") != "SHA-512":
            problems.append(f"data/{METS_NAME}: {href}: CHECKSUMTYPE is not SHA-512")
        if rel not in manifest:
            problems.append(f"data/{METS_NAME}: {href}: described in METS but not in the bag's "
                            "manifest")
        elif (file.get("CHECKSUM") or "").lower() != (manifest[rel] or "").lower():
            problems.append(f"data/{METS_NAME}: {href}: SHA-512 in METS differs from "
                            "manifest-sha512.txt")
    for rel in sorted(manifest):
        if rel == f"data/{METS_NAME}":
            continue
        if described.get(rel, 0) == 0:
            problems.append(f"data/{METS_NAME}: {rel[5:]}: in the bag but not described in METS")
        elif described[rel] > 1:
            problems.append(f"data/{METS_NAME}: {rel[5:]}: described {described[rel]} times "
                            "in METS")
    return problems


# ----------------------------------------------------------------------------- OCFL

def object_problems(path: Path) -> list[str]:
    ocfl = import_ocfl()
    passed, validator = ocfl.Object().validate(objdir=str(path), log_warnings=False,
                                               check_digests=True)
    if passed:
        return []
    return list(validator.log.messages) or ["invalid OCFL object (no detail given by ocfl-py)"]


def _walk_root(path: Path) -> tuple[list[str], list[Path]]:
    """The storage root's structural problems and its objects' folders, found the way
    ocfl-py walks a root (its list_objects() needs a validation log set up first)."""
    ocfl = import_ocfl()
    root = ocfl.StorageRoot(root=str(path))
    with _quiet_root_logger():
        root.validate(validate_objects=False)
        messages = list(root.log.messages)
        found = [Path(path) / object_dir for object_dir in root.object_paths()]
    return messages, found


def object_dirs(path: Path) -> list[Path]:
    """The folders of the OCFL objects in the storage root PATH."""
    return _walk_root(path)[1]


def root_problems(path: Path) -> list[Problem]:
    messages, found = _walk_root(path)
    problems = [Problem(str(path), m) for m in messages]
    for object_dir in found:
        problems.extend(Problem(str(object_dir), m) for m in object_problems(object_dir))
    return problems
