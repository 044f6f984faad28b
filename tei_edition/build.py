"""The main job: every page text in a folder to TEI, then the HTML and PDF editions.

    output/tei/NAME.xml     TEI masters (validated), with schema/ beside them
    output/html/            the static reading edition (index, one page per TEI, search)
    output/pdf/NAME.pdf     archival PDF/A-3b with the TEI embedded

Stages run in pipeline order; every later stage reads the TEI files, never the text, so an
editor's hand correction of output/tei/NAME.xml is honoured by `tei-edition html`/`pdf`.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable

from .errors import InputError, TeiEditionError
from .resources import schema_dir
from .xmlio import write_atomic


def build_edition(sources: Path, out_dir: Path, *, echo: Callable[[str], None] = print,
                  when: str | None = None) -> list[Path]:
    """Build everything for SOURCES/*.txt into OUT_DIR; return the TEI files written.

    A page that cannot be encoded is reported and skipped; the others are still built,
    and the error is raised at the end so the exit code says something failed.
    """
    from .encoder import encode_path

    sources = Path(sources)
    if not sources.exists():
        raise InputError("no such folder", sources)
    texts = [sources] if sources.is_file() else sorted(sources.glob("*.txt"))
    if not texts:
        raise InputError("no *.txt page texts to encode", sources)

    tei_dir = Path(out_dir) / "tei"
    tei_dir.mkdir(parents=True, exist_ok=True)
    _copy_schema(tei_dir / "schema")
    written: list[Path] = []
    failures: list[TeiEditionError] = []
    for n, text in enumerate(texts, start=1):
        started = time.perf_counter()
        try:
            result = encode_path(text, None, when=when)
        except TeiEditionError as exc:
            failures.append(exc)
            echo(f"[{n}/{len(texts)}] encode {text.name}: error: {exc}")
            continue
        target = tei_dir / f"{text.stem}.xml"
        write_atomic(target, result.xml_bytes)
        written.append(target)
        for notice in result.notices:
            echo(f"[{n}/{len(texts)}] encode {text.name}: note: {notice}")
        echo(f"[{n}/{len(texts)}] encode {text.name} -> {target} "
             f"({result.summary()}; {time.perf_counter() - started:.2f} s)")

    if written:
        _validate(written, echo)
        _html(written, Path(out_dir) / "html", echo)
        _pdf(written, Path(out_dir) / "pdf", echo)
    if failures:
        raise TeiEditionError(f"{len(failures)} of {len(texts)} pages failed; first: {failures[0]}")
    return written


def _copy_schema(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for pattern in ("*.rng", "*.sch"):
        for schema in schema_dir().glob(pattern):
            shutil.copyfile(schema, target / schema.name)


def _validate(paths: list[Path], echo) -> None:
    from .validate import validate

    started = time.perf_counter()
    bad = [report for report in (validate(p) for p in paths) if not report.ok]
    for report in bad:
        for problem in report.problems[:5]:
            echo(f"validate: {problem.path}:{problem.line}: {problem.message} [{problem.rule}]")
    if bad:
        raise TeiEditionError(f"{len(bad)} TEI files are invalid (see above)")
    echo(f"validate: {len(paths)} TEI files valid ({time.perf_counter() - started:.2f} s)")


def _html(paths: list[Path], out: Path, echo) -> None:
    from .site import build_site

    started = time.perf_counter()
    report = build_site(paths, out)
    echo(f"html: {report} ({time.perf_counter() - started:.2f} s)")


def _pdf(paths: list[Path], out: Path, echo) -> None:
    from .pdf import render_pdf

    for n, path in enumerate(paths, start=1):
        started = time.perf_counter()
        report = render_pdf(path, out / f"{path.stem}.pdf", profile="archive")
        echo(f"[{n}/{len(paths)}] pdf: {report} ({time.perf_counter() - started:.2f} s)")
