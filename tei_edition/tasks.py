"""The work a build hands to its workers, one page at a time (see parallel.py).

`page_task` encodes a page when its text changed (the TEI is the master: encode_to_file
decides), validates its TEI when the TEI changed, reads the header facts that group it
into an issue, and renders its PDF when the TEI or the toolkit changed. It never raises:
a failure is a line in its result, so one bad page never stops the others.
"""

from __future__ import annotations

import time
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import TeiEditionError
from .state import digest


@dataclass
class PageJob:
    name: str
    tei: str
    pdf: str
    source: str | None = None
    sidecar: str | None = None
    root: str | None = None         # the sources, where a paper profile may lie
    encode: bool = False            # the page text or sidecar changed, or there is no TEI yet
    force: bool = False             # --reencode: replace an edited TEI (kept as a backup)
    when: str | None = None
    validated: str | None = None    # the TEI digest last found valid
    pdf_inputs: str | None = None   # what the PDF on disk was made from
    toolkit: str = ""
    profile: str = "archive"
    epoch: str | None = None        # the build's SOURCE_DATE_EPOCH (clock.build_clock)


@dataclass
class PageResult:
    name: str
    encoded: str | None = None      # encoded | replaced | current, when encode ran
    backup: str | None = None
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # validation problems, one per line
    tei_digest: str | None = None
    valid: bool = False
    facts: dict | None = None
    pdf_inputs: str | None = None
    pdf_written: bool = False
    pdf_pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def pdf_inputs(tei_digest: str, toolkit: str, profile: str, epoch: str | None) -> str:
    # The epoch dates the PDF (its Info dictionary and XMP): another epoch, another PDF.
    return digest("pdf", tei_digest, toolkit, profile, epoch or "")


def page_task(job: PageJob) -> PageResult:
    from .clock import build_clock

    result = PageResult(job.name)
    try:
        with build_clock(job.epoch):
            _page(job, result)
    except TeiEditionError as exc:
        result.errors.append(str(exc))
    except Exception as exc:  # a bug: reported as one line, the other pages go on
        result.errors.append(f"{job.tei}: internal error (a bug in tei-edition, please report "
                             f"it): {type(exc).__name__}: {exc}")
    return result


def _page(job: PageJob, result: PageResult) -> None:
    from dataclasses import asdict

    from .archive import page_facts
    from .master import sha256
    from .xmlio import parse_untrusted, read_input

    tei = Path(job.tei)
    if job.encode and job.source:
        from .encoder import encode_to_file

        started = time.perf_counter()
        try:
            outcome = encode_to_file(Path(job.source), tei,
                                     Path(job.sidecar) if job.sidecar else None, when=job.when,
                                     keep_current=True, force=job.force, root=job.root,
                                     force_hint=f"with `tei-edition build --reencode {job.name}`")
        except TeiEditionError as exc:
            # The page text could not be encoded (or its TEI was edited and may not be
            # replaced): said, and the TEI already there, if any, stays the master.
            result.errors.append(str(exc))
            if not tei.is_file():
                return
        else:
            result.encoded = outcome.action
            result.backup = str(outcome.backup) if outcome.backup else None
            if outcome.result is not None:
                result.notes += outcome.result.notices
                result.notes.append(outcome.result.summary())
        result.seconds["encode"] = time.perf_counter() - started

    data = read_input(tei, "TEI file")
    result.tei_digest = sha256(data)
    tree = parse_untrusted(data, name=str(tei), collect_ids=False)
    if job.validated != result.tei_digest:
        from .validation import validate

        started = time.perf_counter()
        report = validate(tei)
        result.seconds["validate"] = time.perf_counter() - started
        if not report.ok:
            errors = report.errors or report.problems
            result.problems = [str(p) for p in report.problems[:5]]
            result.errors.append(f"{tei}: invalid TEI ({len(errors)} error"
                                 f"{'s' * (len(errors) != 1)}; first: {errors[0].message}): its "
                                 f"HTML and PDF were not made")
            return
    result.valid = True
    result.facts = asdict(page_facts(tree))

    result.pdf_inputs = pdf_inputs(result.tei_digest, job.toolkit, job.profile, job.epoch)
    if result.pdf_inputs != job.pdf_inputs or not Path(job.pdf).exists():
        from .pdf import render_pdf

        started = time.perf_counter()
        report = render_pdf(tei, Path(job.pdf), profile=job.profile)
        result.seconds["pdf"] = time.perf_counter() - started
        result.pdf_written = True
        result.pdf_pages = report.pages


# ---------------------------------------------------------------------------- issues

@dataclass
class IssueJob:
    issue: Any                      # archive.Issue
    out: str
    config: Any                     # deposit.DepositConfig
    lang: str
    inputs: str                     # the digest the build records for the bag
    epoch: str | None = None


@dataclass
class IssueResult:
    packaged: str = ""
    deposited: str = ""
    error: str = ""


def issue_task(job: IssueJob) -> IssueResult:
    """Package one issue as a bag (with its own edition) and deposit it in OUT/ocfl. Never
    raises: a failure is the result's error."""
    import tempfile

    from .clock import build_clock
    from .deposit import deposit_bag, package_issue

    out = Path(job.out)
    work = out / ".tei-edition"
    try:
        with build_clock(job.epoch):
            work.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(prefix=".issue-", dir=work) as tmp:
                files, site = issue_edition(job.issue, out, Path(tmp), job.lang)
                packaged = package_issue(job.issue.id, files, out / "bags", config=job.config,
                                         site_dir=site, whole_site=True)
            deposited = deposit_bag(packaged.path, out / "ocfl")
    except TeiEditionError as exc:
        return IssueResult(error=str(exc))
    except Exception as exc:  # a bug: reported as one line, the other issues go on
        return IssueResult(error=f"{job.issue.id}: internal error (a bug in tei-edition, please "
                                 f"report it): {type(exc).__name__}: {exc}")
    return IssueResult(str(packaged), str(deposited))


def issue_edition(issue, out: Path, work: Path, lang: str = "auto"):
    """The pages of one issue as a reading edition of their own, in WORK: the files a bag
    takes (PageFiles, in page order) and the edition's folder. Pages are named by their
    file names in the bag (tei/NAME.xml, html/NAME.html, pdf/NAME.pdf), numbered where two
    pages of the issue share one."""
    from .config import SiteConfig
    from .deposit import PageFiles
    from .ingest.sidecar import named_profile
    from .site import build_site

    names: list[str] = []
    for page in issue.pages:
        name = page.stem
        if name in names:
            name = f"{len(names) + 1:02d}-{page.stem}"
        names.append(name)
    teis = work / "tei"
    teis.mkdir()
    for page, name in zip(issue.pages, names):
        shutil.copyfile(page.tei, teis / f"{name}.xml")
    site = work / "html"
    build_site([teis / f"{name}.xml" for name in names], site, pdf_href="../pdf/{name}.pdf",
               settings=SiteConfig(lang=lang))
    return [PageFiles(tei=teis / f"{name}.xml", source=page.source, sidecar=page.sidecar,
                      html=site / f"{name}.html", pdf=_pdf_copy(out, page, work, name),
                      profile=named_profile(page.sidecar, page.root) if page.sidecar else None)
            for page, name in zip(issue.pages, names)], site


def _pdf_copy(out: Path, page, work: Path, name: str) -> Path:
    """The page's PDF under the name it has in the bag (a hard link where it can be)."""
    source = out / "pdf" / f"{page.name}.pdf"
    if source.stem == name:
        return source
    target = work / "pdf" / f"{name}.pdf"
    target.parent.mkdir(exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target
