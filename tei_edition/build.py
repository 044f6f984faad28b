"""The main job: every page text in a folder to TEI, then the HTML and PDF editions.

    output/tei/NAME.xml     TEI masters (validated), with schema/ beside them
    output/html/            the static reading edition (index, one page per TEI, search)
    output/pdf/NAME.pdf     archival PDF/A-3b with the TEI embedded
    output/bags/NAME/       a BagIt bag per issue: source, sidecar, TEI, HTML, PDF, METS/MODS
    output/ocfl/            the OCFL store each bag is deposited in (a version per change)

The TEI is the master. A page is encoded only when it has no TEI yet, or when its source
or sidecar changed and its TEI is still exactly what the encoder wrote; a TEI an editor
has corrected is kept (and if its source changed too, the page stops with a message and
both are kept) until `--reencode NAME` says to start again. Every later stage reads
output/tei/ alone, TEI files with no page text among them, so a hand correction reaches
the HTML and the PDF.

A page that fails (bad input, an edited TEI that is invalid) is reported with its file
and reason and left out; the others are built. One build at a time may use an output
folder (a lock), and a build that is killed leaves every file either old or new: each is
written whole beside its place and renamed into it, and the next build clears what a
killed one left half-made.
"""

from __future__ import annotations

import fcntl
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError, OutputError, TeiEditionError
from .resources import schema_dir
from .xmlio import write_atomic

LOCK_NAME = ".tei-edition.lock"


class BuildError(TeiEditionError):
    """Some pages could not be built; the others were (exit code 1)."""

    exit_code = 1


@dataclass
class BuildReport:
    out_dir: Path
    encoded: list[Path] = field(default_factory=list)    # new or re-encoded TEI files
    current: list[Path] = field(default_factory=list)    # kept: made from these very inputs
    masters: list[Path] = field(default_factory=list)    # every valid TEI the outputs came from
    pdfs: list[Path] = field(default_factory=list)
    bags: list[Path] = field(default_factory=list)
    failures: list[TeiEditionError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.seconds.items())
        return (f"{len(self.masters)} TEI masters ({len(self.encoded)} encoded, "
                f"{len(self.current)} kept as they were), {len(self.pdfs)} PDFs, "
                f"{len(self.bags)} bags deposited, "
                f"{len(self.failures)} failed; {stages}")


def build_edition(sources: Path, out_dir: Path, *, echo: Callable[[str], None] = print,
                  when: str | None = None, reencode: tuple[str, ...] | list[str] = (),
                  config: Path | None = None) -> BuildReport:
    """Build everything for SOURCES/*.txt (and every TEI already in OUT_DIR/tei) into OUT_DIR.

    reencode: names of pages (a source's stem) whose TEI is to be encoded again even if an
    editor changed it; the edited file is kept as NAME.xml.~N~. config: the project's
    configuration for deposit (default ./tei-edition.toml if there is one). Raises
    BuildError (after building everything else) when a page failed, InputError for
    unusable arguments.
    """
    from .deposit import load_config

    deposit_config = load_config(config)
    sources, out_dir = Path(sources), Path(out_dir)
    if not sources.exists():
        raise InputError("no such folder or file", sources)
    texts = [sources] if sources.is_file() else sorted(sources.glob("*.txt"))
    unknown = sorted(set(reencode) - {t.stem for t in texts})
    if unknown:
        raise InputError(f"--reencode names no page among the sources: {', '.join(unknown)} "
                         f"(give a page text's name without .txt)", sources)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder: give a folder for the edition", out_dir)

    report = BuildReport(out_dir)
    with _BuildLock(out_dir):
        tei_dir = out_dir / "tei"
        _clear_leftovers(out_dir)
        _copy_schema(tei_dir / "schema")
        _stage(report, "encode", lambda: _encode(texts, tei_dir, report, echo, when, set(reencode)))
        masters = sorted(tei_dir.glob("*.xml"))
        _stage(report, "validate", lambda: _validate(masters, report, echo))
        if report.masters:
            _stage(report, "html", lambda: _html(report.masters, out_dir / "html", report, echo))
            _stage(report, "pdf", lambda: _pdf(report.masters, out_dir / "pdf", report, echo))
            _stage(report, "deposit", lambda: _deposit(report, {t.stem: t for t in texts},
                                                       deposit_config, echo))
    echo(f"build: {report.summary()}")
    if report.failures:
        first = report.failures[0]
        raise BuildError(f"{len(report.failures)} page{'s' * (len(report.failures) != 1)} "
                         f"failed (see above; the others were built); first: {first}")
    return report


def _stage(report: BuildReport, name: str, run: Callable[[], None]) -> None:
    started = time.perf_counter()
    run()
    report.seconds[name] = time.perf_counter() - started


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


def _clear_leftovers(out_dir: Path) -> None:
    """Remove the half-written files a killed build left (write_atomic's `.NAME.*.part`)."""
    for folder in (out_dir, out_dir / "tei", out_dir / "tei" / "schema", out_dir / "pdf"):
        if folder.is_dir():
            for leftover in folder.glob(".*.part"):
                try:
                    leftover.unlink()
                except OSError:
                    pass


def _copy_schema(target: Path) -> None:
    for pattern in ("*.rng", "*.sch"):
        for schema in sorted(schema_dir().glob(pattern)):
            data = schema.read_bytes()
            copy = target / schema.name
            if not copy.is_file() or copy.read_bytes() != data:
                write_atomic(copy, data)


# ---------------------------------------------------------------------------- stages

def _encode(texts: list[Path], tei_dir: Path, report: BuildReport, echo, when: str | None,
            reencode: set[str]) -> None:
    from .encoder import encode_to_file

    for n, text in enumerate(texts, start=1):
        started = time.perf_counter()
        prefix = f"[{n}/{len(texts)}] encode {text.name}"
        try:
            outcome = encode_to_file(
                text, tei_dir / f"{text.stem}.xml", when=when, keep_current=True,
                force=text.stem in reencode,
                force_hint=f"with `tei-edition build --reencode {text.stem}`")
        except TeiEditionError as exc:
            report.failures.append(exc)
            echo(f"{prefix}: error: {exc}")
            continue
        if outcome.action == "current":
            report.current.append(outcome.target)
            echo(f"{prefix}: {outcome.target} is up to date (kept as it is)")
            continue
        report.encoded.append(outcome.target)
        for notice in outcome.result.notices:
            echo(f"{prefix}: note: {notice}")
        if outcome.backup is not None:
            echo(f"{prefix}: kept the edited TEI as {outcome.backup}")
        echo(f"{prefix} -> {outcome.target} ({outcome.result.summary()}; "
             f"{time.perf_counter() - started:.2f} s)")


def _validate(paths: list[Path], report: BuildReport, echo) -> None:
    """Only valid TEI goes on to the HTML and the PDF; an invalid one fails its page."""
    from .errors import ValidationError
    from .validate import validate

    for path in paths:
        result = validate(path)
        if result.ok:
            report.masters.append(path)
            continue
        for problem in result.problems[:5]:
            echo(f"validate: {problem}")
        errors = result.errors or result.problems
        report.failures.append(ValidationError(
            f"invalid TEI ({len(errors)} error{'s' * (len(errors) != 1)}; first: {errors[0].message}); "
            f"its HTML and PDF were not made", errors, path))
    echo(f"validate: {len(report.masters)} of {len(paths)} TEI files valid")


def _html(paths: list[Path], out: Path, report: BuildReport, echo) -> None:
    from .site import build_site

    try:
        echo(f"html: {build_site(paths, out)}")
    except TeiEditionError as exc:
        report.failures.append(exc)
        echo(f"html: error: {exc}")


def _pdf(paths: list[Path], out: Path, report: BuildReport, echo) -> None:
    from .pdf import render_pdf

    for n, path in enumerate(paths, start=1):
        started = time.perf_counter()
        try:
            result = render_pdf(path, out / f"{path.stem}.pdf", profile="archive")
        except TeiEditionError as exc:
            report.failures.append(exc)
            echo(f"[{n}/{len(paths)}] pdf {path.name}: error: {exc}")
            continue
        report.pdfs.append(result.path)
        echo(f"[{n}/{len(paths)}] pdf: {result} ({time.perf_counter() - started:.2f} s)")


def _deposit(report: BuildReport, texts: dict[str, Path], config, echo) -> None:
    """A bag per issue (today one page) in OUT/bags, each deposited in the store OUT/ocfl.
    Only pages whose HTML and PDF were made go in."""
    from .deposit import PageFiles, deposit_bag, package_issue

    out = report.out_dir
    made = {pdf.stem for pdf in report.pdfs}
    pages = [tei for tei in report.masters if tei.stem in made]
    for n, tei in enumerate(pages, start=1):
        source = texts.get(tei.stem)
        sidecar = source.with_suffix(".toml") if source is not None else None
        page = PageFiles(tei=tei, source=source,
                         sidecar=sidecar if sidecar is not None and sidecar.is_file() else None,
                         html=out / "html" / f"{tei.stem}.html", pdf=out / "pdf" / f"{tei.stem}.pdf")
        try:
            packaged = package_issue(tei.stem, [page], out / "bags", config=config,
                                     site_dir=out / "html")
            deposited = deposit_bag(packaged.path, out / "ocfl")
        except TeiEditionError as exc:
            report.failures.append(exc)
            echo(f"[{n}/{len(pages)}] deposit {tei.stem}: error: {exc}")
            continue
        report.bags.append(packaged.path)
        echo(f"[{n}/{len(pages)}] package: {packaged}")
        echo(f"[{n}/{len(pages)}] {deposited}")
