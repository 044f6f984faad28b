"""The main job: an archive of page texts to TEI, then the HTML and PDF editions, then a
deposit package per issue.

    OUT/tei/NAME.xml        TEI masters (validated), with schema/ beside them
    OUT/html/               the static reading edition (index, one page per TEI, search)
    OUT/pdf/NAME.pdf        archival PDF/A-3b with the TEI embedded
    OUT/bags/ISSUE/         a BagIt bag per issue: texts, sidecars, TEI, HTML, PDF, METS/MODS
    OUT/ocfl/               the OCFL store each bag is deposited in (a version per change)

NAME is a page text's path under the sources without `.txt` (folders are kept). Issues
are the pages grouped by newspaper, date and issue number, as their TEI headers say
(tei_edition/archive.py).

The TEI is the master. A page is encoded only when it has no TEI yet, or when its source
or sidecar changed and its TEI is still exactly what the encoder wrote; a TEI an editor
has corrected is kept (and if its source changed too, the page stops with a message and
both are kept) until `--reencode NAME` says to start again. Every later stage reads
OUT/tei/ alone, TEI files with no page text among them, so a hand correction reaches
the HTML, the PDF and the bag.

Incremental (tei_edition/state.py): every output is made again only when what it is made
from changed. Parallel (tei_edition/parallel.py): pages go to -j worker processes, or to a
Dask cluster. A page that fails is reported with its file and reason and left out; the
others are built. One build at a time may use an output folder (a lock), and a build that
is killed leaves every file either old or new; the next build finishes the job.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .archive import Issue, Page, PageFacts, discover, group_issues
from .clock import epoch_setting
from .errors import InputError, OutputError, TeiEditionError
from .ingest.sidecar import named_profile
from .master import sha256
from .progress import Progress, table
from .resources import schema_dir
from .state import BuildState, digest, toolkit_digest
from .tasks import IssueJob, PageJob, PageResult, issue_task, page_task, pdf_inputs
from .xmlio import read_input, write_atomic

LOCK_NAME = ".tei-edition.lock"
PROFILE = "archive"


class BuildError(TeiEditionError):
    """Some pages could not be built; the others were (exit code 1)."""

    exit_code = 1


@dataclass
class StageCount:
    done: int = 0          # made (again)
    kept: int = 0          # already current: nothing to do
    failed: int = 0
    seconds: float = 0.0


@dataclass
class BuildReport:
    out_dir: Path
    pages: list[Page] = field(default_factory=list)
    masters: list[Path] = field(default_factory=list)    # every valid TEI the outputs came from
    issues: list[Issue] = field(default_factory=list)
    encoded: list[str] = field(default_factory=list)
    articles: int = 0
    warnings: int = 0
    failures: list[str] = field(default_factory=list)
    stages: dict[str, StageCount] = field(default_factory=dict)
    runner: str = ""

    def stage(self, name: str) -> StageCount:
        return self.stages.setdefault(name, StageCount())

    def summary(self) -> str:
        rows = [(name, c.done, c.kept, c.failed, f"{c.seconds:.2f}") for name, c in self.stages.items()]
        head = (f"{len(self.pages)} pages in {len(self.issues)} issues, {self.articles} articles, "
                f"{self.warnings} warnings, {len(self.failures)} errors ({self.runner})")
        return head + "\n" + table(rows, ("stage", "made", "unchanged", "failed", "seconds"))


def build_edition(sources: Path, out_dir: Path, *, echo: Callable[[str], None] | None = None,
                  progress: Progress | None = None, when: str | None = None,
                  reencode: tuple[str, ...] | list[str] = (), config: Path | None = None,
                  jobs: int | None = None, scheduler: str | None = None,
                  lang: str | None = None, base_url: str | None = None) -> BuildReport:
    """Build SOURCES (a folder searched recursively, or one page text) into OUT_DIR.

    reencode: names of pages whose TEI is to be encoded again even if an editor changed
    it (the edited file is kept as NAME.xml.~N~). config: the project's configuration for
    deposit (default ./tei-edition.toml if there is one). jobs: worker processes (default:
    the machine's cores; 1 runs in this process); scheduler: the address of a Dask
    scheduler to run the pages on instead. lang, base_url: the site's interface language and
    published address, over the configuration's [site] table. echo: a function for plain progress lines
    (instead of progress). Raises BuildError (after building everything else) when a page
    failed, InputError for unusable arguments.
    """
    from .config import read_config, site_config
    from .deposit.config import deposit_config as deposit_settings
    from .parallel import runner

    sources, out_dir = Path(sources), Path(out_dir)
    if scheduler:
        # A cluster's workers have their own working directories: give them whole paths.
        sources, out_dir = sources.absolute(), out_dir.absolute()
    progress = progress or Progress(stream=_EchoStream(echo) if echo else None,
                                    terminal=False if echo else None)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder: give a folder for the edition", out_dir)
    project = read_config(config)              # read once: [deposit] and [site]
    deposit_config = deposit_settings(project)
    site_settings = site_config(project).with_options(lang=lang, base_url=base_url)

    report = BuildReport(out_dir)
    with _BuildLock(out_dir):
        tei_dir = out_dir / "tei"
        pages = discover(sources, tei_dir)
        if not pages:
            raise InputError("no page texts (*.txt) and no TEI masters to build", sources)
        _check_reencode(reencode, pages, sources)
        report.pages = pages
        workers_lock = _wait_for_earlier_workers(out_dir)
        _clear_leftovers(out_dir)
        _copy_schema(tei_dir / "schema")
        state = BuildState(out_dir)
        try:
            with runner(jobs, scheduler, str(workers_lock)) as run:
                report.runner = run.name
                facts = _pages(pages, run, state, report, progress, when, set(reencode))
                state.save()
                report.issues = group_issues([(p, facts[p.name]) for p in pages if p.name in facts])
                report.masters = [p.tei for p in pages if p.name in facts]
                report.articles = sum(len(f.articles) for f in facts.values())
                if report.masters:
                    _html(report, state, progress, site_settings)
                    state.save()
                    _deposit(report, state, deposit_config, progress, run, site_settings.lang)
        finally:
            # Also when interrupted: what was finished is remembered, and not made again.
            state.save()
    progress.done()
    progress.final(report.summary())
    if report.failures:
        raise BuildError(f"{len(report.failures)} page{'s' * (len(report.failures) != 1)} "
                         f"failed (see above; the others were built); first: {report.failures[0]}")
    return report


def _check_reencode(names, pages: list[Page], sources: Path) -> None:
    known = {p.name for p in pages if p.source is not None}
    unknown = sorted(set(names) - known)
    if unknown:
        raise InputError(f"--reencode names no page among the sources: {', '.join(unknown)} "
                         f"(give a page's name: its path under the sources without .txt)", sources)


class _EchoStream:
    """Progress lines sent to a function instead of a stream (the Python API's echo)."""

    def __init__(self, echo):
        self.echo = echo

    def write(self, text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                self.echo(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# ---------------------------------------------------------------------------- pages

def _pages(pages: list[Page], run, state: BuildState, report: BuildReport, progress: Progress,
           when: str | None, reencode: set[str]) -> dict[str, PageFacts]:
    """Encode, validate and render each page that needs it; the header facts of every
    valid page (from the state where nothing changed)."""
    toolkit = toolkit_digest()
    epoch = epoch_setting()
    facts: dict[str, PageFacts] = {}
    jobs: list[PageJob] = []
    count = report.stage("pages")
    started = time.perf_counter()
    for page in pages:
        job, known = _plan_page(page, state, toolkit, epoch, when, page.name in reencode)
        if job is None:
            facts[page.name] = known
            count.kept += 1
        else:
            jobs.append(job)
    progress.stage("pages", len(jobs))
    for job, result in run.map(page_task, jobs):
        _record_page(job, result, state, report, progress, facts)
    count.seconds = time.perf_counter() - started
    return facts


def _source_digest(page: Page) -> str | None:
    if page.source is None:
        return None
    sidecar = read_input(page.sidecar, "sidecar") if page.sidecar else b""
    named = named_profile(page.sidecar, page.root) if page.sidecar else None
    # A changed paper profile re-encodes every page that names it (and only those).
    profile = [read_input(named, "profile")] if named else []
    return digest(read_input(page.source, "file"), sidecar, *profile)


def _plan_page(page: Page, state: BuildState, toolkit: str, epoch: str | None, when: str | None,
               force: bool) -> tuple[PageJob | None, PageFacts | None]:
    """The job a page needs, or None and its facts when everything about it is current."""
    record = state.pages.get(page.name, {})
    pdf = _pdf_path(state.out_dir, page)
    try:
        source = _source_digest(page)
    except TeiEditionError:
        source = "unreadable"           # the task reports it with its reason
    encode = page.source is not None and (force or source != record.get("source")
                                          or not page.tei.exists())
    tei = sha256(page.tei.read_bytes()) if page.tei.is_file() else None
    if (not encode and tei is not None and record.get("tei") == tei == record.get("valid")
            and record.get("facts") and state.is_current(pdf, pdf_inputs(tei, toolkit, PROFILE, epoch))):
        return None, _facts(record["facts"])
    return PageJob(name=page.name, tei=str(page.tei), pdf=str(pdf),
                   source=str(page.source) if page.source else None,
                   sidecar=str(page.sidecar) if page.sidecar else None,
                   root=str(page.root) if page.root else None, encode=encode,
                   force=force, when=when, validated=record.get("valid"),
                   pdf_inputs=state.outputs.get(state.key(pdf)), toolkit=toolkit,
                   profile=PROFILE, epoch=epoch), None


def _record_page(job: PageJob, result: PageResult, state: BuildState, report: BuildReport,
                 progress: Progress, facts: dict[str, PageFacts]) -> None:
    count = report.stage("pages")
    page = next(p for p in report.pages if p.name == job.name)
    for stage, seconds in result.seconds.items():
        report.stage(f"  {stage}").done += 1
        report.stage(f"  {stage}").seconds += seconds
    if result.encoded in ("encoded", "replaced"):
        report.encoded.append(job.name)
    if result.backup:
        progress.note(f"{job.name}: kept the edited TEI as {result.backup}")
    report.warnings += sum(1 for note in result.notes if note.startswith("no sidecar"))
    record = dict(state.pages.get(job.name, {}))
    if result.encoded is not None:
        # Only a text that was encoded (or found current) counts as done: one that failed
        # is tried again by the next build.
        record["source"] = _safe_source_digest(page)
    if result.tei_digest:
        record["tei"] = result.tei_digest
    if result.valid:
        record["valid"] = result.tei_digest
        record["facts"] = result.facts
        facts[job.name] = _facts(result.facts)
    if result.pdf_inputs and result.ok:
        state.record(Path(job.pdf), result.pdf_inputs)
    if result.errors:
        count.failed += 1
        for line in result.problems:
            progress.problem(f"validate: {line}")
        for line in result.errors:
            progress.problem(f"error: {line}")
        report.failures += result.errors
        if not result.valid:
            state.forget(Path(job.pdf))
    else:
        count.done += 1
    previous = state.pages.get(job.name, {}).get("tei")
    state.pages[job.name] = record
    what = {"encoded": "encoded", "replaced": "encoded again (its text changed)",
            "current": "its TEI is current (kept as it is)"}.get(result.encoded or "")
    if what is None:
        what = ("its TEI was changed (kept as the master)" if previous and result.tei_digest
                and previous != result.tei_digest else "TEI checked")
    progress.advance(f"{job.name}: {what}{'; PDF made' if result.pdf_written else ''}"
                     f"{' (failed)' if result.errors else ''}")


def _safe_source_digest(page: Page) -> str | None:
    try:
        return _source_digest(page)
    except TeiEditionError:
        return None


def _facts(data: dict) -> PageFacts:
    return PageFacts(**{**data, "articles": tuple(tuple(a) for a in data.get("articles", ()))})


def _pdf_path(out_dir: Path, page: Page) -> Path:
    return out_dir / "pdf" / f"{page.name}.pdf"


# ---------------------------------------------------------------------------- site

def _html(report: BuildReport, state: BuildState, progress: Progress, settings=None) -> None:
    """The archive's site in OUT/html, brought up to date file by file (tei_edition/site.py):
    a changed page remakes its own files and those that list or link it, nothing else.

    settings: the site's settings (tei_edition.config.SiteConfig: the `[site]` table with
    the command line's --lang and --base-url over it); None: ./tei-edition.toml's."""
    from .config import load_site_config
    from .site import SitePage, update_site

    if settings is None:
        settings = load_site_config(None)

    count = report.stage("html")
    started = time.perf_counter()
    pages = {}
    for issue in report.issues:
        for page, facts in zip(issue.pages, issue.facts):
            # The digest the pages stage found valid: the TEI is not read again unless
            # something of the page's is to be made.
            pages[page.name] = SitePage(page.name, page.tei, state.pages[page.name]["valid"], facts)
    try:
        site = update_site(report.issues, pages, report.out_dir / "html", state, progress=progress,
                           memory=report.out_dir / ".tei-edition" / "site.json", settings=settings)
    except TeiEditionError as exc:
        count.failed += 1
        report.failures.append(str(exc))
        progress.problem(f"html: error: {exc}")
    else:
        count.done += len(site.pages)
        count.kept += max(0, len(pages) - len(site.pages) - len(site.failures))
        count.failed += len(site.failures)
        for failure in site.failures:
            report.failures.append(failure)
            progress.problem(f"html: error: {failure}")
    count.seconds = time.perf_counter() - started


# ---------------------------------------------------------------------------- deposit

def _deposit(report: BuildReport, state: BuildState, config, progress: Progress, run,
             lang: str = "auto") -> None:
    """A bag per issue in OUT/bags, each deposited in the store OUT/ocfl, issues side by
    side in the build's workers (tasks.issue_task; the store takes one deposit at a time
    under its lock, the bags and their checks run in parallel).

    A bag carries the issue's own reading edition, made for it without the archive's
    navigation: the archive's pages link their neighbours, which would make a new version
    of every issue whenever the next one is added, and would point out of the bag. So a
    bag depends only on its pages' texts, TEI and PDFs, the configuration and the toolkit;
    an issue whose inputs are unchanged since its last deposit is left alone. Its edition
    speaks the site's language (LANG), and names no published address: it is its own copy.
    """
    from .deposit.ocfl_store import open_storage_root

    out = report.out_dir
    count = report.stage("deposit")
    started = time.perf_counter()
    issues = [i for i in report.issues if all(_pdf_path(out, p).exists() for p in i.pages)]
    jobs: list[IssueJob] = []
    epoch = epoch_setting()
    for issue in issues:
        bag = out / "bags" / issue.id
        inputs = digest("deposit", toolkit_digest(), repr(config), lang, issue.id,
                        *(sha256(path.read_bytes()) for p in issue.pages
                          for path in (p.tei, p.source, p.sidecar, _pdf_path(out, p))
                          if path is not None))
        if state.is_current(bag, inputs):
            count.kept += 1
        else:
            jobs.append(IssueJob(issue, str(out), config, lang, inputs, epoch))
    progress.stage("deposit", len(jobs))
    if jobs:
        try:
            # Made here, once: two workers making a missing store at once would collide.
            open_storage_root(out / "ocfl")
        except TeiEditionError as exc:
            count.failed += len(jobs)
            report.failures.append(str(exc))
            progress.problem(f"deposit: error: {exc}")
            jobs = []
    for job, result in run.map(issue_task, jobs):
        if result.error:
            count.failed += 1
            report.failures.append(result.error)
            progress.problem(f"deposit {job.issue.id}: error: {result.error}")
            continue
        state.record(out / "bags" / job.issue.id, job.inputs)
        count.done += 1
        progress.advance(f"{result.packaged}; {result.deposited}")
    count.seconds = time.perf_counter() - started


def _html_path(out_dir: Path, page: Page) -> Path:
    # The page's name keeps its folders (site.py): siping-daily/2021/03-01/page-1.html.
    return out_dir / "html" / f"{page.name}.html"


# ---------------------------------------------------------------------------- safety

class _BuildLock:
    """Holds OUT_DIR/.tei-edition.lock for the build: a second build on the same folder
    stops at once with a message. The kernel releases the lock when the process ends,
    however it ends, so a killed build never leaves the folder locked."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.handle = None

    def __enter__(self):
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.out_dir / LOCK_NAME, "a+")
        except OSError as exc:
            raise OutputError(f"cannot use the output folder: {exc.strerror}", self.out_dir) from None
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise InputError(f"another build is using this output folder ({holder}); wait "
                             f"for it to finish", self.out_dir) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"tei-edition build, pid {os.getpid()}\n")
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        self.handle.close()       # closing releases the lock
        return False


WORKERS_LOCK = "workers.lock"  # in OUT/.tei-edition: held (shared) by every local worker
EARLIER_WORKERS_TIMEOUT = 60.0  # seconds


def _wait_for_earlier_workers(out_dir: Path, timeout: float = EARLIER_WORKERS_TIMEOUT) -> Path:
    """Wait until no worker of an earlier build on this folder is left. The workers of a
    killed build end within a quarter of a second of it (parallel.watch_build), or when
    the task they are in lets them; one still writing after this build cleared the
    folder would leave a half-written file, or an old output over a new one."""
    work = out_dir / ".tei-edition"
    path = work / WORKERS_LOCK
    try:
        work.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")
    except OSError as exc:
        raise OutputError(f"cannot use the output folder: {exc.strerror}", work) from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return path                    # closing the file lets go of the lock
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OutputError(f"worker processes of an earlier build are still "
                                      f"writing here after {timeout:g} s; end them (they "
                                      f"hold {path}) and build again", out_dir) from None
                time.sleep(0.05)


def _clear_leftovers(out_dir: Path) -> None:
    """Remove the half-written files a killed build left (write_atomic's `.NAME.*.part`),
    and the working folders of issues it was packaging (`.tei-edition/.issue-*`,
    `bags/.ISSUE.building-*`)."""
    for folder in (out_dir / "tei", out_dir / "html", out_dir / "pdf", out_dir / ".tei-edition"):
        if folder.is_dir():
            for leftover in folder.rglob(".*.part"):
                try:
                    leftover.unlink()
                except OSError:
                    pass
    work = out_dir / ".tei-edition"
    if work.is_dir():
        for leftover in work.glob(".issue-*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
    bags = out_dir / "bags"
    if bags.is_dir():
        for leftover in bags.glob(".*.building-*"):      # package_issue's staging folders
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


def _copy_schema(target: Path) -> None:
    for pattern in ("*.rng", "*.sch"):
        for schema in sorted(schema_dir().glob(pattern)):
            data = schema.read_bytes()
            copy = target / schema.name
            if not copy.is_file() or copy.read_bytes() != data:
                write_atomic(copy, data)
