from __future__ import annotations

import os
from pathlib import Path

from tei_edition.encoder import encode_path
from tei_edition.xmlio import TEI_NS

NS = {"t": TEI_NS}


def encode_text(tmp_path: Path, text: str | bytes, sidecar: str | None = None, name: str = "page",
                validate: bool = True):
    src = tmp_path / f"{name}.txt"
    src.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    if sidecar is not None:
        (tmp_path / f"{name}.toml").write_text(sidecar, encoding="utf-8")
    return encode_path(src, None, when="2026-11-27", validate=validate)


def xp(result, path: str):
    return result.tree.getroot().xpath(path, namespaces=NS)


def texts(result, path: str) -> list[str]:
    return ["".join(e.itertext()) for e in xp(result, path)]


# The long hypothesis profile (tests/conftest.py) runs every property test this many times
# more examples than the default one.
LONG_FACTOR = 50


def examples(n: int) -> int:
    """How many examples a property test runs: n by default, n * LONG_FACTOR in the long
    profile (HYPOTHESIS_PROFILE=long)."""
    return n * LONG_FACTOR if os.environ.get("HYPOTHESIS_PROFILE") == "long" else n


def joins(result) -> int:
    """How many column or page breaks the encoder joined a paragraph across."""
    return len(xp(result, "//t:p//t:cb[@break='no'] | //t:p//t:pb[@break='no']"))


def persons(result, where: str = "//t:text//t:byline") -> list[tuple[str | None, str]]:
    """(role, name) of every persName in the elements at WHERE: the last roleName before
    it, as an editor reads it."""
    out = []
    for element in xp(result, where):
        role = None
        for child in element:
            name = child.tag.split("}")[1]
            if name == "roleName":
                role = "".join(child.itertext())
            elif name == "persName":
                out.append((role, child.text))
    return out


# A report's sentences for the small pages the encoder's rule tests write (no text of the
# evaluation sets): simplified, the same in traditional characters, and a second sentence.
TEXT = "全县今年新建改建农村公路一百二十公里，村村通上了硬化路，群众出行更加方便。"
TEXT_T = "全縣今年新建改建農村公路一百二十公里，村村通上了硬化路，群眾出行更加方便。"
MORE = "新路修通以后，果农的苹果当天就能运到城里的市场，收入比往年增加了三成。"


def fw(result, kind: str) -> list[str]:
    """The texts of the page furniture of one kind (credit, header, deskCode …)."""
    return texts(result, f"//t:fw[@type='{kind}']")

