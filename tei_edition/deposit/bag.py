"""One BagIt 1.0 bag (RFC 8493) per newspaper issue, made with the `bagit` library.

    OUT/ISSUE/
      bagit.txt                 BagIt-Version: 1.0
      bag-info.txt              from the project configuration and the TEI header
      manifest-sha256.txt, manifest-sha512.txt, tagmanifest-sha256.txt, tagmanifest-sha512.txt
      data/mets.xml             METS + MODS describing everything below
      data/source/NAME.txt      the page text as received, byte for byte
      data/source/NAME.toml     its sidecar, byte for byte (when there is one)
      data/source/profile/P.toml  the paper profile the sidecars name (when they name one)
      data/tei/NAME.xml         the TEI master
      data/html/NAME.html       the reading edition's page, with html/assets/ and html/media/NAME/
      data/pdf/NAME.pdf         the archival PDF

The layout under data/html and data/pdf is the site's, so the page's links to its assets and
to ../pdf/NAME.pdf work inside the bag. The bag is built in a hidden directory beside its
target, checked with bagit's full validation and the shipped BagIt profile, and only then
renamed into place; the inputs are copied, never moved or changed. The same inputs give a
byte-identical bag: the date comes from SOURCE_DATE_EPOCH or the TEI's revisionDesc, and
every file list is sorted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..ingest.sidecar import named_profile
from ..xmlio import read_input
from .config import DepositConfig, load_config
from .errors import DepositInputError, PackageCheckError
from .fsops import inside, replace_dir
from .mets import METS_NAME, PayloadFile, build_mets, issue_label
from .teimeta import PageMeta, package_moment, read_page_meta

PROFILE_FILE = Path(__file__).resolve().parent / "bagit-profile.json"
CHECKSUMS = ("sha256", "sha512")
BAGIT_VERSION = "1.0"
SOFTWARE_PREFIX = "tei-edition "
_ISSUE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_MIMETYPES = {".txt": "text/plain", ".toml": "application/toml", ".xml": "application/tei+xml",
              ".html": "text/html", ".css": "text/css", ".js": "text/javascript",
              ".pdf": "application/pdf"}


@dataclass(frozen=True)
class PageFiles:
    """The files of one page. Only the TEI is required; the others go in when given."""

    tei: Path
    source: Path | None = None
    sidecar: Path | None = None
    html: Path | None = None
    pdf: Path | None = None
    profile: Path | None = None     # the paper's profile the sidecar names


@dataclass
class PackageReport:
    issue_id: str
    path: Path
    files: int = 0          # payload files
    bytes: int = 0          # payload bytes
    seconds: float = 0.0
    replaced: bool = False  # an earlier bag of the issue was replaced

    def __str__(self) -> str:
        return (f"bag {self.path}: {self.files} files, {self.bytes / 1024:.0f} KiB"
                f"{' (replaced the previous bag)' if self.replaced else ''}, {self.seconds:.2f} s")


def pages_for(tei: Path, *, sources: Path, site_dir: Path | None = None,
              pdf_dir: Path | None = None) -> PageFiles:
    """The files of the page whose master is TEI, where `tei-edition build` puts them:
    SOURCES/NAME.txt and NAME.toml (the sidecar only if there is one), the site's NAME.html
    (default: TEI's folder/../html) and NAME.pdf (default: TEI's folder/../pdf)."""
    tei = Path(tei)
    name, out = tei.stem, tei.parent.parent
    sidecar = Path(sources) / f"{name}.toml"
    return PageFiles(tei=tei, source=Path(sources) / f"{name}.txt",
                     sidecar=sidecar if sidecar.is_file() else None,
                     profile=named_profile(sidecar, Path(sources)) if sidecar.is_file() else None,
                     html=Path(site_dir or out / "html") / f"{name}.html",
                     pdf=Path(pdf_dir or out / "pdf") / f"{name}.pdf")


def load_profile() -> dict:
    return json.loads(PROFILE_FILE.read_text(encoding="utf-8"))


def profile_identifier() -> str:
    return load_profile()["BagIt-Profile-Info"]["BagIt-Profile-Identifier"]


def package_issue(issue_id: str, pages: list[PageFiles], out_dir: str | Path, *,
                  config: DepositConfig | None = None,
                  site_dir: str | Path | None = None, whole_site: bool = False) -> PackageReport:
    """Make the bag OUT_DIR/ISSUE_ID for one issue made of PAGES (in page order).

    site_dir: the HTML edition the pages' html files belong to (default: the folder of the
    first html file); its assets/ and media/NAME/ go into the bag with the pages.
    whole_site: the edition in site_dir is the issue's own (its index, search and TEI
    copies): every file of it goes into the bag, so the bagged edition is whole.
    Raises DepositInputError (exit 2) for unusable input and PackageCheckError (exit 3) if
    the finished bag fails its own validation, in which case nothing is put in place.
    """
    started = time.perf_counter()
    config = config if config is not None else load_config()
    out_dir = Path(out_dir)
    if not _ISSUE_ID.fullmatch(issue_id or ""):
        raise DepositInputError(f"issue id {issue_id!r} is not usable as a folder name (letters, "
                                "digits, '.', '_' and '-'; not starting with '.' or '-')")
    if not pages:
        raise DepositInputError(f"issue {issue_id} has no pages")
    if site_dir is None:
        site_dir = next((p.html.parent for p in pages if p.html is not None), None)
    sources = _plan(pages, Path(site_dir) if site_dir is not None else None, whole_site)
    _check_out_dir(out_dir, [src for _, src, _, _, _ in sources])
    _check_tei(pages)

    metas = [read_page_meta(page.tei) for page in pages]
    moment = package_moment(metas)
    object_id = config.identifier_prefix + issue_id
    organization = config.source_organization or metas[0].edition_publisher or "unknown"

    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / issue_id
    _check_replaceable(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{issue_id}.building-", dir=out_dir))
    try:
        payload = _copy_payload(sources, staging)
        mets = build_mets(object_id=object_id, issue_id=issue_id, organization=organization,
                          created=moment, pages=metas, files=payload)
        (staging / METS_NAME).write_bytes(mets)
        info = _bag_info(config, issue_id, object_id, organization, metas, moment)
        _make_bag(staging, info)
        _check_bag(staging)
        _open_permissions(staging)
        replaced = target.exists()
        aside = Path(tempfile.mkdtemp(prefix=f".{issue_id}.old-", dir=out_dir))
        aside.rmdir()
        replace_dir(staging, target, aside=aside)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PackageReport(issue_id=issue_id, path=target, files=len(payload) + 1,
                         bytes=sum(f.size for f in payload) + len(mets), replaced=replaced,
                         seconds=time.perf_counter() - started)


# ----------------------------------------------------------------------------- inputs

_Planned = tuple[str, Path, str, str, int | None]  # path, input, use, file id, page


def _plan(pages: list[PageFiles], site_dir: Path | None, whole_site: bool = False) -> list[_Planned]:
    """(path under data/, input file, METS use, METS file id, page index) for every payload
    file, sorted by path."""
    planned: dict[str, tuple[Path, str, str, int | None]] = {}

    def add(rel: str, source: Path, use: str, file_id: str, page: int | None, what: str) -> None:
        read_check(source, what)
        if rel in planned and planned[rel][0].resolve() != source.resolve():
            raise DepositInputError(f"two inputs would both be {rel} in the bag "
                                    f"({planned[rel][0]} and {source})", source)
        planned.setdefault(rel, (source, use, file_id, page))

    for index, page in enumerate(pages, start=1):
        add(f"tei/{Path(page.tei).name}", Path(page.tei), "tei-master", f"FILE_P{index}_TEI",
            index, "TEI file")
        if page.source is not None:
            add(f"source/{Path(page.source).name}", Path(page.source), "source",
                f"FILE_P{index}_SOURCE", index, "source text")
        if page.sidecar is not None:
            add(f"source/{Path(page.sidecar).name}", Path(page.sidecar), "source",
                f"FILE_P{index}_SIDECAR", index, "sidecar")
        if page.profile is not None:
            # An input of the TEI as much as the sidecar (the TEI records its SHA-256); one
            # copy serves every page of the issue that names it.
            add(f"source/profile/{Path(page.profile).name}", Path(page.profile), "source",
                f"FILE_P{index}_PROFILE", index, "paper profile")
        if page.html is not None:
            # The page keeps its place in the site (its name may have folders:
            # siping-daily/2021/03-01/page-1.html), so its relative links to assets/, media/
            # and its articles' pages work inside the bag as they do in the site.
            html = Path(page.html)
            in_site = site_dir is not None and html.is_relative_to(site_dir)
            name = html.relative_to(site_dir).with_suffix("").as_posix() if in_site else html.stem
            add(f"html/{name}.html", html, "html", f"FILE_P{index}_HTML", index, "HTML page")
            if in_site:
                # NAME/ID.html: the page's articles, each on its own page (their permalinks)
                articles = site_dir / name
                for n, file in enumerate(sorted(articles.glob("*.html")) if articles.is_dir() else [],
                                         start=1):
                    add(f"html/{name}/{file.name}", file, "html", f"FILE_P{index}_ARTICLE_{n}",
                        index, "article page")
            if site_dir is not None:
                media = site_dir / "media" / name
                for n, file in enumerate(_files_under(media), start=1):
                    add(f"html/media/{name}/{file.relative_to(media).as_posix()}",
                        file, "media", f"FILE_P{index}_MEDIA_{n}", index, "media file")
        if page.pdf is not None:
            add(f"pdf/{Path(page.pdf).name}", Path(page.pdf), "pdf-archive", f"FILE_P{index}_PDF",
                index, "PDF")
    if site_dir is not None and any(p.html is not None for p in pages):
        assets = site_dir / "assets"
        if not assets.is_dir():
            raise DepositInputError("the HTML edition has no assets/ folder", site_dir)
        for n, file in enumerate(_files_under(assets), start=1):
            add(f"html/assets/{file.relative_to(assets).as_posix()}", file, "html-assets",
                f"FILE_ASSET_{n}", None, "site asset")
    if whole_site and site_dir is not None:
        rest = [f for f in _files_under(site_dir)
                if f"html/{f.relative_to(site_dir).as_posix()}" not in planned]
        for n, file in enumerate(rest, start=1):
            add(f"html/{file.relative_to(site_dir).as_posix()}", file, "html-edition",
                f"FILE_EDITION_{n}", None, "file of the HTML edition")
    return [(rel, *planned[rel]) for rel in sorted(planned)]


def read_check(path: Path, what: str) -> None:
    """The file exists and is readable, or one clear error naming it."""
    if not path.exists():
        raise DepositInputError(f"no such {what}", path)
    if not path.is_file():
        raise DepositInputError(f"is not a file, not a {what}", path)
    if not os.access(path, os.R_OK):
        raise DepositInputError(f"cannot read the {what}", path)


def _files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _check_out_dir(out_dir: Path, inputs: list[Path]) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise DepositInputError("is a file, not a directory for bags", out_dir)
    for source in inputs:
        # A bag inside an input folder would be read back as input by later runs (a TEI
        # under tei/, a page under the sources), or wiped with the site it sits in.
        if inside(out_dir, source.parent):
            raise DepositInputError(f"the bag folder is inside the input folder {source.parent}; "
                                    "choose a folder outside the inputs", out_dir)


def _check_tei(pages: list[PageFiles]) -> None:
    """Only a valid master goes into a library's package."""
    from ..validation import validate

    for page in pages:
        report = validate(page.tei)
        if report.input_error:
            raise DepositInputError(report.problems[0].message if report.problems
                                    else "cannot read the TEI file", page.tei)
        report.raise_if_invalid()


def _check_replaceable(target: Path) -> None:
    """Only a bag this toolkit made may be replaced; anything else at the target is kept."""
    if not target.exists() and not target.is_symlink():
        return
    info = target / "bag-info.txt"
    if (target.is_dir() and not target.is_symlink() and (target / "bagit.txt").is_file()
            and info.is_file()):
        text = info.read_text(encoding="utf-8", errors="replace")
        if re.search(r"^Bag-Software-Agent: " + re.escape(SOFTWARE_PREFIX), text, re.M):
            return
    raise DepositInputError("exists and is not a bag made by tei-edition; not replacing it", target)


# ----------------------------------------------------------------------------- the bag

def _copy_payload(sources, staging: Path) -> list[PayloadFile]:
    payload = []
    for rel, source, use, file_id, page in sources:
        data = read_input(source, "file", DepositInputError)
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        mimetype = _MIMETYPES.get(Path(rel).suffix.lower()) or (
            mimetypes.guess_type(rel)[0] or "application/octet-stream")
        if use != "tei-master" and mimetype == "application/tei+xml":
            mimetype = "application/xml"
        payload.append(PayloadFile(path=rel, use=use, file_id=file_id, mimetype=mimetype,
                                   size=len(data), sha512=hashlib.sha512(data).hexdigest(),
                                   page=page))
    return payload


def _bag_info(config: DepositConfig, issue_id: str, object_id: str, organization: str,
              metas: list[PageMeta], moment) -> dict[str, str]:
    import bagit

    first = metas[0]
    articles = sum(m.article_count for m in metas)
    info = {
        "Source-Organization": organization,
        "External-Identifier": object_id,
        "External-Description": (f"{issue_label(first)}: {len(metas)} page(s), {articles} "
                                 "article(s); TEI P5 master, HTML reading edition, archival PDF, "
                                 "source text and sidecar; described by data/mets.xml"),
        "Internal-Sender-Identifier": issue_id,
        "Bag-Group-Identifier": config.group_for(newspaper=first.newspaper or first.title,
                                                 newspaper_en=first.newspaper_en, year=first.year,
                                                 issue=issue_id),
        "BagIt-Profile-Identifier": profile_identifier(),
        "Bagging-Date": moment.strftime("%Y-%m-%d"),
        "Bag-Software-Agent": f"{SOFTWARE_PREFIX}{__version__} (bagit.py {bagit.VERSION})",
    }
    for key, value in (("Organization-Address", config.organization_address),
                       ("Contact-Name", config.contact_name),
                       ("Contact-Email", config.contact_email)):
        if value:
            info[key] = value
    return info


def _make_bag(folder: Path, info: dict[str, str]) -> None:
    import bagit

    logging.getLogger("bagit").setLevel(logging.ERROR)
    # bagit moves the folder's contents into data/ (we give it our copy, never the inputs),
    # and chdirs while it works: the stage is not for threads.
    bagit.make_bag(str(folder), bag_info=dict(info), checksums=list(CHECKSUMS))
    # bagit 1.9 writes BagIt-Version 0.97 (upstream issue #141); RFC 8493 is 1.0. Rewrite
    # bagit.txt and let bagit recompute the tag manifests over it.
    (folder / "bagit.txt").write_bytes(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n".encode())
    bagit.Bag(str(folder)).save()
    # bagit lists tag files in directory order, which differs between file systems; sort them
    # so that the same inputs give the same bytes.
    for algorithm in CHECKSUMS:
        manifest = folder / f"tagmanifest-{algorithm}.txt"
        lines = manifest.read_text(encoding="utf-8").splitlines()
        lines.sort(key=lambda line: line.split(" ", 1)[1])
        manifest.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _check_bag(folder: Path) -> None:
    from .verify import bag_problems

    problems = bag_problems(folder)
    if problems:
        raise PackageCheckError(f"the bag just made fails its own validation: {problems[0]}",
                                folder)


def _open_permissions(folder: Path) -> None:
    # mkdtemp and bagit leave 0700 folders; a bag is for colleagues and ingest services to read.
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            os.chmod(path, 0o777 & ~umask)
