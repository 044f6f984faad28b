"""The deposit commands (`package`, `deposit`, `verify`, `serve`): options in, library calls,
exit codes.

Registered in the `tei-edition` group by cli.py; errors are TeiEditionErrors, which the
group prints as one line with their exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path),
              help="Folder for the bags: one sub-folder per issue.")
@click.option("--sources", type=click.Path(path_type=Path), default=Path("seeds"),
              show_default=True,
              help="Folder of the page texts (NAME.txt) and sidecars (NAME.toml) as received.")
@click.option("--site", "site_dir", type=click.Path(path_type=Path),
              help="The HTML edition [default: FILE's folder/../html].")
@click.option("--pdf-dir", type=click.Path(path_type=Path),
              help="The archival PDFs [default: FILE's folder/../pdf].")
@click.option("--issue", "issue_id",
              help="Put all FILEs, in the order given, in one bag as the pages of this issue "
                   "[default: one issue per FILE, named by its stem].")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Project configuration with a [deposit] table [default: ./tei-edition.toml].")
def package(files: tuple[Path, ...], out_dir: Path, sources: Path, site_dir: Path | None,
            pdf_dir: Path | None, issue_id: str | None, config_path: Path | None) -> None:
    """Make a BagIt 1.0 bag with METS/MODS for each issue of the TEI FILEs."""
    from .deposit import load_config, package_issue
    from .deposit.bag import pages_for

    config = load_config(config_path)
    pages = [pages_for(Path(f), sources=sources, site_dir=site_dir, pdf_dir=pdf_dir) for f in files]
    if issue_id:
        issues = [(issue_id, pages)]
    else:
        issues = [(Path(f).stem, [p]) for f, p in zip(files, pages)]
    for name, issue_pages in issues:
        site = site_dir or next((p.html.parent for p in issue_pages if p.html), None)
        report = package_issue(name, issue_pages, out_dir, config=config, site_dir=site)
        click.echo(f"tei-edition: {report}", err=True)


@click.command()
@click.argument("bags", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--ocfl", "ocfl_root", required=True, type=click.Path(path_type=Path),
              help="The OCFL storage root (made when missing).")
def deposit(bags: tuple[Path, ...], ocfl_root: Path) -> None:
    """Store each BAG as an OCFL 1.1 object: v1, then a version per changed edition."""
    from .deposit import deposit_bag

    for bag in bags:
        click.echo(f"tei-edition: {deposit_bag(bag, ocfl_root)}", err=True)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def verify(paths: tuple[Path, ...]) -> None:
    """Check bags (every checksum, the BagIt profile, the METS), OCFL objects or storage roots.

    Prints each problem on one line; exits 1 when there are problems, 2 for a PATH that is
    none of these.
    """
    from .deposit.verify import kind_of, verify as verify_path

    kinds = [kind_of(p) for p in paths]  # every PATH usable before any verdict
    total = 0
    for path, kind in zip(paths, kinds):
        problems = verify_path(path)
        for problem in problems:
            click.echo(str(problem))
        total += len(problems)
        what = {"bag": "bag", "object": "OCFL object", "root": "OCFL storage root"}[kind]
        click.echo(f"{path}: {what} " + (f"invalid ({len(problems)} problem"
                                         f"{'s' * (len(problems) != 1)})" if problems else "valid"))
    sys.exit(1 if total else 0)


@click.command()
@click.option("--ocfl", "ocfl_root", required=True, type=click.Path(path_type=Path),
              help="The OCFL storage root to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the loopback by default: this is no public server).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0: any free port).")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Project configuration; its contact_email is the adminEmail.")
def serve(ocfl_root: Path, host: str, port: int, config_path: Path | None) -> None:
    """Serve the OCFL store over OAI-PMH 2.0 (oai_dc and mods), one record per issue."""
    from .deposit import load_config
    from .deposit.oai import serve as serve_store

    config = load_config(config_path)

    def ready(httpd) -> None:
        click.echo(f"tei-edition: OAI-PMH at http://{host}:{httpd.server_port}/oai "
                   "(Ctrl-C stops)", err=True)

    try:
        serve_store(ocfl_root, host=host, port=port, ready=ready,
                    admin_email=config.contact_email or "nobody@localhost")
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        from .deposit import DepositInputError

        raise DepositInputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
