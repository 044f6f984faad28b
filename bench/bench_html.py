"""The HTML edition's speed and the search index's size.

    .venv/bin/python bench/bench_html.py [TEI ...]          per-page transform time
    .venv/bin/python bench/bench_html.py --site N [--keep DIR]
                                                           an archive of N generated pages

Per page (the first form):
cold (process)  a fresh Python process: import, compile html.xsl, parse, transform, serialise
cold (in-proc)  the first transform in a process, stylesheet compile included
warm            median of later transforms in the same process (the site builder's case:
                html.xsl is compiled once per process)
Without arguments it measures the seed page (encoded now, if the encoder is installed)
and tests/fixtures/sample_page.xml.

The archive (--site N): tests/archive_factory.py makes N pages (real articles recombined,
four newspapers, many days), the encoder makes their TEI, then tei_edition.site.update_site
builds the site as `tei-edition build` does and the script prints: the first build (time,
files, transform ms per page warm and where a page's time goes), a rebuild with nothing
changed, a rebuild after one page's text changed (and which files it rewrote), and for a
few queries the bytes of index a browser loads (what edition.js loads: the size and fold
files, the shards holding the query's characters, the text of the first 10 pages shown).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

WARM_RUNS = 30
COLD_RUNS = 3

_COLD = """
import sys, time
t0 = time.perf_counter()
from tei_edition.transform import transform
from tei_edition.xmlio import parse_untrusted
tree = parse_untrusted(sys.argv[1])
t1 = time.perf_counter()
data = bytes(transform(tree, "html"))
t2 = time.perf_counter()
print(f"{t2 - t0:.6f} {t2 - t1:.6f}")
"""


def pages(args: list[str], tmp: Path) -> list[Path]:
    if args:
        return [Path(a) for a in args]
    found = []
    try:
        from tei_edition.encoder import encode_path
        seed = ROOT / "seeds" / "siping-daily-2022-08-26.txt"
        out = tmp / "siping-daily-2022-08-26.xml"
        out.write_bytes(encode_path(seed, None, when="2026-11-27").xml_bytes)
        found.append(out)
    except ImportError:
        pass
    found.append(ROOT / "tests" / "fixtures" / "sample_page.xml")
    return found


def per_page(argv: list[str]) -> None:
    from tei_edition import transform as transform_module
    from tei_edition.xmlio import parse_untrusted

    with tempfile.TemporaryDirectory() as tmp:
        targets = pages(argv, Path(tmp))
        print(f"{'page':40} {'bytes':>8} {'cold (process)':>15} {'cold (in-proc)':>15} {'warm (median)':>14}")
        for path in targets:
            procs = []
            for _ in range(COLD_RUNS):
                out = subprocess.run([sys.executable, "-c", _COLD, str(path)], cwd=ROOT,
                                     capture_output=True, text=True, check=True)
                procs.append(float(out.stdout.split()[0]))
            transform_module.stylesheet.cache_clear()
            tree = parse_untrusted(path)
            t0 = time.perf_counter()
            size = len(bytes(transform_module.transform(tree, "html")))
            first = time.perf_counter() - t0
            warm = []
            for _ in range(WARM_RUNS):
                t0 = time.perf_counter()
                bytes(transform_module.transform(tree, "html"))
                warm.append(time.perf_counter() - t0)
            print(f"{path.name:40} {size:8d} {statistics.median(procs) * 1000:12.1f} ms "
                  f"{first * 1000:12.1f} ms {statistics.median(warm) * 1000:11.2f} ms")


# ---------------------------------------------------------------------------- an archive

def make_tei(count: int, folder: Path) -> Path:
    """N generated pages, encoded: FOLDER/src (texts and sidecars), FOLDER/out/tei."""
    from archive_factory import make_archive
    from tei_edition.encoder import encode_path

    src, out = folder / "src", folder / "out"
    if (out / "tei").is_dir() and sum(1 for _ in (out / "tei").rglob("*.xml")) == count:
        return out
    texts = make_archive(src, pages=count, seed=1)
    for text in texts:
        name = text.relative_to(src).with_suffix("").as_posix()
        target = out / "tei" / f"{name}.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode_path(text, None, when="2026-01-01").xml_bytes)
    return out


def site_inputs(out: Path):
    from tei_edition.archive import discover, group_issues, page_facts
    from tei_edition.master import sha256
    from tei_edition.site import SitePage
    from tei_edition.xmlio import parse_untrusted

    found = discover(out / "tei", out / "tei")
    pages, facts = {}, []
    for page in found:
        data = page.tei.read_bytes()
        fact = page_facts(parse_untrusted(data))
        pages[page.name] = SitePage(page.name, page.tei, sha256(data), fact)
        facts.append((page, fact))
    return group_issues(facts), pages


def build(out: Path, issues, pages):
    from tei_edition.site import update_site
    from tei_edition.state import BuildState

    state = BuildState(out)
    started = time.perf_counter()
    report = update_site(issues, pages, out / "html", state, memory=out / ".tei-edition" / "site.json")
    state.save()
    return report, time.perf_counter() - started


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in folder.rglob("*") if p.is_file()}


def query_bytes(site: Path, query: str, shown: int = 10) -> tuple[int, int, int]:
    """(bytes loaded, occurrences, pages) for QUERY, as edition.js loads them."""
    from tei_edition.site import search_site

    result = search_site(site, query, shown)
    return sum((site / f).stat().st_size for f in result.files), result.occurrences, len(result.pages)


def archive(count: int, keep: Path | None) -> None:
    import shutil

    folder = keep or Path(tempfile.mkdtemp(prefix="bench-html-"))
    print(f"archive of {count} pages in {folder}")
    started = time.perf_counter()
    out = make_tei(count, folder)
    print(f"  TEI ready in {time.perf_counter() - started:.1f} s")
    shutil.rmtree(out / "html", ignore_errors=True)
    shutil.rmtree(out / ".tei-edition", ignore_errors=True)
    issues, pages = site_inputs(out)

    report, seconds = build(out, issues, pages)
    warm = sorted(report.transform_seconds)[1:] or report.transform_seconds
    print(f"first build   {seconds:6.2f} s  {report.made} files; page transform median "
          f"{statistics.median(warm) * 1000:.2f} ms warm; {seconds / count * 1000:.1f} ms per page "
          f"in all (its articles' pages, search text, browse pages, shards)")
    report, seconds = build(out, issues, pages)
    print(f"no-op rebuild {seconds:6.2f} s  {report.made} files written")

    name = sorted(pages)[len(pages) // 2]
    tei = pages[name].tei
    data = tei.read_bytes()
    body = data.index(b"<body")
    import re
    at = re.compile(rb"<p[ >]").search(data, body)
    at = data.index(b">", at.start()) + 1
    changed = data[:at] + "编者补".encode() + data[at:]
    before = snapshot(out / "html")
    tei.write_bytes(changed)
    try:
        from dataclasses import replace
        from tei_edition.master import sha256
        pages[name] = replace(pages[name], digest=sha256(changed))
        report, seconds = build(out, issues, pages)
    finally:
        tei.write_bytes(data)
    after = snapshot(out / "html")
    rewritten = sorted(k for k in after if before.get(k) != after[k])
    kinds: dict[str, int] = {}
    for path in rewritten:
        kind = "search shard" if path.startswith("search/") and path[7] in "gu" else \
               "search text" if path.startswith("search/p/") else \
               "TEI copy" if path.startswith("tei/") else "page/article"
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"one page changed {seconds:6.2f} s  ({name}: three characters added at the start "
          f"of its first paragraph) rewrote {len(rewritten)} files: "
          + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    pages[name] = replace(pages[name], digest=sha256(data))
    build(out, issues, pages)

    total = sum(p.stat().st_size for p in (out / "html" / "search").rglob("*") if p.is_file())
    print(f"search index: {report.search_shards} shards, {total / 1e6:.1f} MB on disk in all")
    print(f"{'query':12} {'loaded':>10} {'occurrences':>12} {'pages':>6}")
    for query in ("的", "记者", "中国人民", "經濟發展", "人民代表大会", "１２", "不存在的词语"):
        loaded, hits, found = query_bytes(out / "html", query)
        print(f"{query:12} {loaded / 1024:7.1f} KB {hits:12d} {found:6d}")
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tei", nargs="*")
    parser.add_argument("--site", type=int, metavar="N", help="build the site of N generated pages")
    parser.add_argument("--keep", type=Path, help="folder for the archive (kept, reused)")
    args = parser.parse_args(argv)
    if args.site:
        archive(args.site, args.keep)
    else:
        per_page(args.tei)


if __name__ == "__main__":
    main(sys.argv[1:])
