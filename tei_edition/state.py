"""What a build made, and from what: the memory that makes a rebuild incremental.

OUT/.tei-edition/state.json maps each output (a path relative to OUT) to the digest of
everything it was made from: the TEI's bytes, the toolkit's version, the stylesheets, the
schema, the options. A stage reruns for an output only when that digest changed or the
output is gone, so a rebuild with nothing changed does almost nothing, and a changed page
remakes its own outputs and the pages that list it.

An output is recorded only after it was written whole; the state itself is written
atomically after every stage, so a build that is killed loses at most the record of work
it did since, which the next build simply does again.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import __version__
from .resources import schema_dir, xslt_dir
from .xmlio import write_atomic

STATE_FILE = Path(".tei-edition") / "state.json"
_FORMAT = 1


def digest(*parts: bytes | str) -> str:
    """SHA-256 over the parts, each length-prefixed so that no two lists of parts collide."""
    hasher = hashlib.sha256()
    for part in parts:
        # surrogateescape: a file name that is not UTF-8 still has its own bytes.
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def toolkit_digest() -> str:
    """The version and every file that shapes an output: stylesheets, CSS, scripts, schema."""
    files = sorted([*xslt_dir().rglob("*"), *schema_dir().glob("*.rng"), *schema_dir().glob("*.sch")])
    return digest(__version__, *(f"{p.name}\0".encode() + p.read_bytes() for p in files if p.is_file()))


class BuildState:
    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / STATE_FILE
        self.outputs: dict[str, str] = {}
        # Per page: the digests of its text and TEI, the TEI last found valid, its facts.
        self.pages: dict[str, dict] = {}
        self._saved: bytes | None = None
        try:
            self._saved = self.path.read_bytes()
            data = json.loads(self._saved.decode("utf-8"))
            if data.get("format") == _FORMAT and isinstance(data.get("outputs"), dict) \
                    and isinstance(data.get("pages"), dict):
                self.outputs = {str(k): str(v) for k, v in data["outputs"].items()}
                self.pages = {str(k): v for k, v in data["pages"].items() if isinstance(v, dict)}
        except (OSError, ValueError, AttributeError):
            pass        # no state, or an unreadable one: everything is made again

    def key(self, output: Path) -> str:
        return Path(output).relative_to(self.out_dir).as_posix()

    def is_current(self, output: Path, inputs: str) -> bool:
        """Whether OUTPUT exists and was made from inputs with this digest."""
        return self.outputs.get(self.key(output)) == inputs and Path(output).exists()

    def record(self, output: Path, inputs: str) -> None:
        self.outputs[self.key(output)] = inputs

    def forget(self, output: Path) -> None:
        self.outputs.pop(self.key(output), None)

    def save(self) -> None:
        data = {"format": _FORMAT, "toolkit": __version__, "outputs": dict(sorted(self.outputs.items())),
                "pages": dict(sorted(self.pages.items()))}
        # ASCII: a page named by a file name that is not UTF-8 is kept as \udcXX escapes.
        payload = json.dumps(data, indent=1).encode("ascii") + b"\n"
        if payload != self._saved:         # a build that changed nothing leaves it as it was
            write_atomic(self.path, payload)
            self._saved = payload
