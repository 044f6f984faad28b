"""Every Python example in the README and the docs runs as written.

The blocks of one document run in order, in one namespace, in a folder that holds what a
user following the README has: seeds/, the main job's output/, a page text page.txt (with
its sidecar page.toml) and its TEI page.xml. A block that fails, or that
prints a traceback, fails the test with the document's name and the block's first line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks(document: Path) -> list[str]:
    return _BLOCK.findall(document.read_text(encoding="utf-8"))


def test_the_docs_have_examples_to_run():
    assert sum(len(_blocks(d)) for d in DOCUMENTS) >= 5
    assert _blocks(ROOT / "README.md")


@pytest.fixture(scope="module")
def workplace(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy(ROOT / "tei-edition.toml", folder / "tei-edition.toml")
    subprocess.run([sys.executable, "-m", "tei_edition", "build", "seeds", "-o", "output"],
                   cwd=folder, check=True, capture_output=True, env={"SOURCE_DATE_EPOCH": "1700000000",
                                                                   "PATH": "/usr/bin:/bin"})
    # The docs call a page text page.txt and its TEI page.xml (the README's first example
    # writes it).
    seed = next((folder / "seeds").glob("*.txt"))
    shutil.copy(seed, folder / "page.txt")
    shutil.copy(seed.with_suffix(".toml"), folder / "page.toml")
    shutil.copy(next((folder / "output" / "tei").glob("*.xml")), folder / "page.xml")
    return folder


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if _blocks(d)], ids=lambda d: d.name)
def test_every_example_runs(document, workplace, tmp_path):
    folder = tmp_path / "work"
    shutil.copytree(workplace, folder)
    program = ["import os, sys", "os.chdir(sys.argv[1])"]
    for n, block in enumerate(_blocks(document), start=1):
        program.append(f"print('--- block {n}', flush=True)")
        program.append(block)
    proc = subprocess.run([sys.executable, "-c", "\n".join(program), str(folder)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, f"{document.name}: an example failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
