"""Deposit bags into an OCFL 1.1 storage root with ocfl-py: one object per issue.

The object's content is the whole bag (bagit.txt, bag-info.txt, the manifests and data/),
so any version extracted from the store is the bag that was deposited, byte for byte, and
validates as a bag again. The object id is the bag's External-Identifier.

- first deposit: v1;
- a changed bag: a new version holding only the files whose content is new (ocfl-py's
  forward-delta: unchanged files are referenced from earlier versions);
- an unchanged bag: no new version.

Interrupted deposits leave every object valid. A new object, or the next version of an
existing one, is built and validated in a work area inside the storage root
(extensions/tei-edition-deposit/, an unregistered storage-root extension that OCFL
validators pass over) and then put in place in one step: a rename for a new object, an
atomic exchange of directories for a new version (see fsops). Content files of earlier
versions are hard-linked into the staged copy, never rewritten. One deposit at a time per
storage root (an flock on the root folder). The work area is removed when a deposit ends.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..clock import source_date_epoch
from .errors import DepositInputError, InvalidPackageError, PackageCheckError
from .fsops import inside, recover_aside, replace_dir
from .verify import bag_problems, import_ocfl, object_problems

LAYOUT = "0003-hash-and-id-n-tuple-storage-layout"
SPEC_VERSION = "1.1"
WORK_EXTENSION = "tei-edition-deposit"


@dataclass
class DepositReport:
    bag: Path
    identifier: str
    object_path: Path
    status: str          # "created", "updated" or "unchanged"
    version: str         # the object's head after the deposit
    files_added: int = 0
    bytes_added: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        what = {"created": f"new object, {self.version}",
                "updated": f"new version {self.version}",
                "unchanged": f"unchanged, still {self.version}"}[self.status]
        return (f"deposit {self.bag} -> {self.object_path}: {what} ({self.files_added} files, "
                f"{self.bytes_added / 1024:.0f} KiB stored), {self.seconds:.2f} s")


def deposit_bag(bag_path: str | Path, ocfl_root: str | Path) -> DepositReport:
    """Store the bag at BAG_PATH in the OCFL storage root OCFL_ROOT (made if missing).

    Raises DepositInputError (exit 2) for unusable paths, InvalidPackageError (exit 1) for a
    bag that fails validation or a stored object that is already invalid, PackageCheckError
    (exit 3) if the version we staged fails ocfl-py's validator (then nothing changes).
    """
    started = time.perf_counter()
    bag_path = Path(bag_path)
    root = Path(ocfl_root)
    _check_paths(bag_path, root)
    problems = bag_problems(bag_path)
    if problems:
        raise InvalidPackageError(f"not deposited: the bag is not valid ({len(problems)} "
                                  f"problem(s); first: {problems[0]})", problems, bag_path)
    identifier, metadata = _version_metadata(bag_path)
    ocfl = import_ocfl()
    storage = _open_root(root)
    work = root / "extensions" / WORK_EXTENSION
    with _locked(root):
        work.mkdir(parents=True, exist_ok=True)
        live = root / storage.object_path(identifier)
        key = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:20]
        aside = work / f"{key}.previous"
        recover_aside(live, aside)
        _remove_stale(work, key, aside)
        staging = Path(tempfile.mkdtemp(prefix=f"{key}.staging-", dir=work))
        staged = staging / "object"
        try:
            if not live.exists():
                status = "created"
                inventory = ocfl.Object(identifier=identifier, spec_version=SPEC_VERSION,
                                        digest_algorithm="sha512").create(
                    srcdir=str(bag_path.resolve()), metadata=metadata, objdir=str(staged))
            else:
                status = "updated"
                inventory = _stage_next_version(ocfl, live, staged, bag_path, metadata)
                if inventory is None:
                    head = ocfl.Object(path=str(live)).parse_inventory().head
                    return DepositReport(bag_path, identifier, live, "unchanged", head,
                                         seconds=time.perf_counter() - started)
            problems = object_problems(staged)
            if problems:
                raise PackageCheckError(f"the staged OCFL object fails ocfl-py's validator, "
                                        f"nothing changed: {problems[0]}", live)
            files, size = _content_of(staged / inventory.head)
            _open_permissions(staged)
            if status == "created":
                live.parent.mkdir(parents=True, exist_ok=True)
                os.rename(staged, live)
            else:
                replace_dir(staged, live, aside=aside)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            _remove_if_empty(work)
    return DepositReport(bag_path, identifier, live, status, inventory.head, files, size,
                         time.perf_counter() - started)


def _check_paths(bag_path: Path, root: Path) -> None:
    if not bag_path.exists():
        raise DepositInputError("no such bag", bag_path)
    if not bag_path.is_dir() or not (bag_path / "bagit.txt").is_file():
        raise DepositInputError("is not a bag (no bagit.txt)", bag_path)
    if root.exists() and not root.is_dir():
        raise DepositInputError("is a file, not an OCFL storage root", root)
    if inside(root, bag_path) or inside(bag_path, root):
        raise DepositInputError("the bag and the OCFL storage root must not contain each other",
                                root)


def _version_metadata(bag_path: Path):
    """The object id and the new version's metadata, from bag-info.txt."""
    import bagit

    info = bagit.Bag(str(bag_path)).info
    identifier = info["External-Identifier"]
    moment = source_date_epoch() or datetime.now(timezone.utc)
    email = info.get("Contact-Email")
    ocfl = import_ocfl()
    metadata = ocfl.VersionMetadata(
        created=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        message=f"tei-edition deposit of {info.get('Internal-Sender-Identifier', identifier)}: "
                f"{info.get('External-Description', '')}",
        name=info.get("Contact-Name") or info["Source-Organization"],
        address=f"mailto:{email}" if email else None)
    return identifier, metadata


def open_storage_root(root: str | Path) -> None:
    """Make the storage root at ROOT if it is missing, and check it is one: before several
    processes deposit into it at once (each deposit then takes the root's lock)."""
    _open_root(Path(root))


def _open_root(root: Path):
    """The storage root at ROOT; a missing or empty folder becomes a new one (made aside and
    renamed into place, so an interruption leaves no half-made root)."""
    ocfl = import_ocfl()
    if root.is_dir() and any(root.iterdir()):
        if not any(p.name.startswith("0=ocfl_") for p in root.iterdir()):
            raise DepositInputError("is not an OCFL storage root (no 0=ocfl_1.1 declaration) "
                                    "and not empty; not depositing into it", root)
    else:
        root.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{root.name}.init-", dir=root.parent))
        try:
            ocfl.StorageRoot(root=str(scratch / "root"), layout_name=LAYOUT).initialize(
                spec_version=SPEC_VERSION)
            if root.is_dir():
                root.rmdir()
            os.rename(scratch / "root", root)
            os.chmod(root, 0o777 & ~_umask())
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    storage = ocfl.StorageRoot(root=str(root.resolve()))
    try:
        storage.open_root_fs()
        storage.check_root_structure()
    except ocfl.StorageRootException as exc:
        raise InvalidPackageError(f"not a usable OCFL storage root: {exc}", path=root) from None
    if storage.layout is None:
        raise DepositInputError("the OCFL storage root declares no layout (ocfl_layout.json), "
                                "so objects cannot be placed in it", root)
    return storage


def _stage_next_version(ocfl, live: Path, staged: Path, bag_path: Path, metadata):
    """Stage LIVE plus a version with the bag's content at STAGED; None when nothing changed."""
    try:
        new_version = ocfl.Object(path=str(live)).start_new_version(
            objdir=str(live), srcdir=str(bag_path.resolve()), metadata=metadata,
            carry_content_forward=False)
    except ocfl.ObjectException as exc:
        raise InvalidPackageError(f"the stored object is not valid ({exc}); run "
                                  "`tei-edition verify` on it", path=live) from None
    new_version.add_from_srcdir()
    if not new_version.diff_with_previous():
        return None
    # ocfl-py checked the object's structure, not its digests; a version is only added to an
    # object that is sound (and a later failure of the staged copy is then ours, not rot).
    problems = object_problems(live)
    if problems:
        raise InvalidPackageError(f"the stored object is not valid ({problems[0]}); run "
                                  "`tei-edition verify` on it", problems, live)
    _clone(live, staged)
    return ocfl.Object(path=str(staged)).write_new_version(new_version)


def _clone(source: Path, target: Path) -> None:
    """A copy of an object in which earlier versions' content files are hard links (OCFL
    never rewrites them) and every inventory is a real copy (the root one gets rewritten)."""
    def link_or_copy(src: str, dst: str) -> None:
        if f"{os.sep}content{os.sep}" in src[len(str(source)):]:
            try:
                os.link(src, dst)
                return
            except OSError:
                pass  # a file system without hard links: copy
        shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link_or_copy)


def _content_of(version_dir: Path) -> tuple[int, int]:
    files = [p for p in (version_dir / "content").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _remove_stale(work: Path, key: str, aside: Path) -> None:
    # What an interrupted deposit of this object left in the work area (never in the store
    # proper): staging folders, and a previous version already replaced.
    for leftover in [*work.glob(f"{key}.staging-*"), aside]:
        shutil.rmtree(leftover, ignore_errors=True)


def _remove_if_empty(work: Path) -> None:
    # ocfl-py's StorageRoot.list_objects() fails on an unregistered extension folder (it logs
    # a warning through a validation log that only validate() sets up), so the work area
    # exists only while a deposit runs, or after one was killed, until the next one.
    try:
        work.rmdir()
    except OSError:
        pass


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _open_permissions(folder: Path) -> None:
    mode = 0o777 & ~_umask()
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            os.chmod(path, mode)


@contextmanager
def _locked(root: Path):
    """One deposit at a time per storage root: an exclusive flock on the root folder itself."""
    handle = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock
