"""How a build tells the user where it is: a bar per stage on a terminal, plain lines
otherwise (a log, CI), nothing but problems with --quiet; and the closing table.

The build calls `stage(name, total)`, then `advance(stage, line)` once per item, and
`problem(line)` for what went wrong (always shown). Messages go to standard error.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None,
                 terminal: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self._name = ""
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._width = 0

    # -- stages ---------------------------------------------------------------------
    def stage(self, name: str, total: int) -> None:
        self._finish_bar()
        self._name, self._total, self._done = name, total, 0
        self._started = time.monotonic()
        if self.terminal and not self.quiet and total:
            self._draw()

    def advance(self, line: str = "", count: int = 1) -> None:
        self._done += count
        if self.quiet:
            return
        if self.terminal:
            self._draw()
        elif line:
            self._write(f"[{self._done}/{self._total}] {self._name}: {line}")

    def note(self, line: str) -> None:
        """Something worth saying that is not a problem (shown unless quiet)."""
        if not self.quiet:
            self._above(f"{self._name}: {line}" if self._name else line)

    def problem(self, line: str) -> None:
        self._above(line)

    def final(self, text: str) -> None:
        """The closing summary: shown even when quiet."""
        self._finish_bar()
        self._write(text)

    def done(self) -> None:
        self._finish_bar()

    # -- drawing --------------------------------------------------------------------
    def _draw(self) -> None:
        total = max(self._total, 1)
        filled = int(24 * self._done / total)
        elapsed = time.monotonic() - self._started
        eta = ""
        if 0 < self._done < self._total:
            eta = f" ETA {_clock(elapsed / self._done * (self._total - self._done))}"
        text = (f"{self._name:<9} [{'#' * filled}{'-' * (24 - filled)}] {self._done}/{self._total}"
                f" {_clock(elapsed)}{eta}")
        self._width = max(self._width, len(text))
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()

    def _finish_bar(self) -> None:
        if self.terminal and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    def _above(self, line: str) -> None:
        if self.terminal and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._write(line)
            self._draw()
        else:
            self._write(line)

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A plain text table, columns right-aligned but the first."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [str(row[0]).ljust(widths[0])] + [str(c).rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
