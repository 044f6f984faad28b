"""The `tei-edition` command: parses options, calls the library, chooses exit codes.

Exit codes: 0 success, 1 invalid documents (validate), 2 usage or input errors,
3 an internal guarantee failed (a bug: please report it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_deposit import deposit, package, serve, verify
from .errors import TeiEditionError


class _Group(click.Group):
    """Turns every TeiEditionError into one line on stderr and its exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TeiEditionError as exc:
            click.echo(f"tei-edition: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("tei-edition: interrupted; files already written are complete, the "
                       "rest were not begun or were removed", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug: one line and exit 3, never a traceback
            click.echo(f"tei-edition: internal error (a bug in tei-edition, please report it): "
                       f"{type(exc).__name__}: {exc}", err=True)
            ctx.exit(3)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tei-edition")
def main() -> None:
    """Raw newspaper page text to a scholarly edition: TEI, HTML, PDF."""


def site_options(command):
    """--lang and --base-url: the reading edition's settings over the configuration's [site]."""
    command = click.option("--base-url", "base_url", metavar="URL", default=None,
                           help="Where the edition will be published (http:// or https://): "
                                "permalinks, citations and meta tags name pages under it "
                                "[default: [site] base_url].")(command)
    return click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default=None,
                        help="The language of the reading edition's interface and editorial "
                             "notes [default: the configuration's [site] lang, else auto: the "
                             "page's own].")(command)


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--meta", "sidecar", type=click.Path(path_type=Path),
              help="TOML sidecar with metadata and corrections [default: SOURCE's stem + .toml]")
@click.option("-o", "--output", "output", default="-", show_default=True,
              help="Where to write the TEI; '-' is standard output. An existing file is "
                   "replaced only if it is the encoder's untouched output.")
@click.option("--force", is_flag=True,
              help="Replace OUTPUT even if it was edited by hand (kept as OUTPUT.~N~).")
@click.option("--when", help="Date for revisionDesc (YYYY-MM-DD) [default: SOURCE_DATE_EPOCH or today]")
@click.option("--report", "report", metavar="FILE",
              help="Also write the editor's review list: every decision made with low or medium "
                   "certainty, with its source line, the rule, and the sidecar correction that "
                   "reverses it; '-' is standard error.")
def encode(source: Path, sidecar: Path | None, output: str, force: bool, when: str | None,
           report: str | None) -> None:
    """Encode raw page text SOURCE as TEI P5."""
    from .encoder import encode_path, encode_to_file
    from .xmlio import write_stream

    if output == "-":
        result = encode_path(source, sidecar, when=when)
        _notices(result.notices)
        write_stream(result.xml_bytes)
    else:
        outcome = encode_to_file(source, Path(output), sidecar, when=when, force=force)
        result = outcome.result
        _notices(result.notices)
        if outcome.backup is not None:
            _say(f"kept the edited {output} as {outcome.backup}")
        _say(f"wrote {output}: {result.summary()}")
    if report is not None:
        _write_review(result, report, source, sidecar)


def _write_review(result, report: str, source: Path, sidecar: Path | None) -> None:
    from .ingest.sidecar import default_sidecar
    from .xmlio import write_atomic

    text = result.review_text()
    if report == "-":
        click.echo(text, err=True, nl=False)
        return
    sidecar = sidecar or default_sidecar(source)
    profile = [Path(result.meta.profile_file)] if result.meta.profile_file else []
    write_atomic(Path(report), text.encode("utf-8"),
                 inputs=[source] + ([sidecar] if sidecar.exists() else []) + profile)
    _say(f"wrote {report}: {len(result.review())} decisions to review")


def _say(line: str) -> None:
    click.echo(f"tei-edition: {line}", err=True)


def _notices(notices) -> None:
    for notice in notices:
        _say(f"note: {notice}")


@main.command()
@click.argument("profile_file", metavar="PROFILE", type=click.Path(path_type=Path))
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("--show", default=5, show_default=True, metavar="N",
              help="How many of each correction's blocks to list.")
def profile(profile_file: Path, sources: tuple[Path, ...], show: int) -> None:
    """What a paper's PROFILE would correct on the page texts in SOURCES (files or folders;
    default: the profile's folder): every block each correction finds, page and line, and
    the corrections that find nothing. Nothing is written."""
    from .archive import page_texts
    from .profiles import check_profile

    texts = page_texts(list(sources) or [profile_file.parent])
    click.echo(check_profile(profile_file, texts).text(shown=max(0, show)))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--schema", type=click.Path(path_type=Path),
              help="Validate against this RELAX NG schema instead of the project's own.")
def validate(files: tuple[Path, ...], fmt: str, schema: Path | None) -> None:
    """Validate TEI FILES against the project's schema and Schematron rules."""
    from .validation import run_cli

    sys.exit(run_cli(files, fmt=fmt, schema=schema))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Directory for the site.")
@site_options
@click.option("--config", "config", type=click.Path(path_type=Path),
              help="The project's configuration [default: ./tei-edition.toml].")
def html(files: tuple[Path, ...], out_dir: Path, lang: str | None, base_url: str | None,
         config: Path | None) -> None:
    """Build the static HTML reading edition of TEI FILES into a directory."""
    from .config import load_site_config
    from .site import build_site

    settings = load_site_config(config).with_options(lang=lang, base_url=base_url)
    report = build_site(list(files), out_dir, settings=settings)
    click.echo(f"tei-edition: {report}", err=True)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_pdf", required=True, type=click.Path(path_type=Path))
@click.option("--profile", type=click.Choice(["archive", "print", "screen"]), default="archive",
              show_default=True)
@click.option("--page-size", default=None, help="CSS page size, e.g. A3 (default for a page) or A4.")
@click.option("--allow-dir", "allow_dirs", multiple=True, type=click.Path(path_type=Path),
              help="A directory of page images the renderer may read (repeatable); nothing "
                   "else outside the print assets is ever read.")
def pdf(file: Path, out_pdf: Path, profile: str, page_size: str | None,
        allow_dirs: tuple[Path, ...]) -> None:
    """Render TEI FILE as PDF (archive = PDF/A-3b + PDF/UA-1 with the TEI embedded)."""
    from .pdf import render_pdf

    report = render_pdf(file, out_pdf, profile=profile, page_size=page_size,
                        allow_dirs=allow_dirs)
    click.echo(f"tei-edition: {report}", err=True)


@main.command()
@click.argument("sources", type=click.Path(path_type=Path), default=Path("seeds"))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True)
@click.option("-j", "--jobs", type=int, default=None,
              help="Worker processes [default: the machine's cores; 1 works in this process].")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the pages on the Dask cluster whose scheduler is at ADDRESS "
                   "(tcp://host:8786) instead; OUT must be on storage every worker reaches.")
@click.option("--reencode", "reencode", multiple=True, metavar="NAME",
              help="Encode page NAME (its path under SOURCES without .txt) again even though "
                   "its TEI was edited by hand; the edited TEI is kept as NAME.xml.~N~. "
                   "Repeatable.")
@click.option("--config", "config", type=click.Path(path_type=Path),
              help="The project's configuration: [site] and [deposit] "
                   "[default: ./tei-edition.toml].")
@site_options
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the closing table.")
def build(sources: Path, out_dir: Path, jobs: int | None, scheduler: str | None,
          reencode: tuple[str, ...], config: Path | None, lang: str | None,
          base_url: str | None, quiet: bool) -> None:
    """The main job: every page text under SOURCES (recursively) to TEI where needed (the
    TEI is the master), validated, the HTML and PDF editions made from OUT/tei/, and each
    issue packaged and deposited (OUT/bags, OUT/ocfl). Only what changed is made again."""
    from .build import build_edition
    from .progress import Progress

    progress = Progress(quiet=quiet)
    try:
        build_edition(sources, out_dir, progress=progress, reencode=reencode, config=config,
                      jobs=jobs, scheduler=scheduler, lang=lang, base_url=base_url)
    finally:
        progress.done()

for _command in (package, deposit, verify, serve):
    main.add_command(_command)
