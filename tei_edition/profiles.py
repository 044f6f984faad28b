"""What a paper's profile does to an archive before it is used: every block each of its
corrections would correct, page by page, and the corrections that find nothing.

    >>> from tei_edition.profiles import check_profile
    >>> report = check_profile("singtao.toml", ["singtao/2019/03-02.txt", ...])
    >>> print(report.text())

An editor writes a profile from one page; this shows it against the paper's other pages
before any TEI is written: a pattern that catches a paragraph of body text shows up here,
not in a hundred encoded pages. Each page is encoded in memory with the profile in place of
whatever profile its sidecar names (nothing is written), so what is listed is exactly what
`build` would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError


@dataclass
class RuleHits:
    """One correction of the profile and the blocks it corrected."""

    line: int                       # its line in the profile
    target: str                     # text '…' or match '…'
    what: str                       # the change: role byline, join false …
    hits: list[tuple[str, int, str]] = field(default_factory=list)   # (page, line, block's start)

    @property
    def pages(self) -> int:
        return len({page for page, _, _ in self.hits})


@dataclass
class ProfileReport:
    profile: str
    pages: int
    rules: list[RuleHits]

    def text(self, shown: int = 5) -> str:
        """One paragraph per correction: how many blocks on how many pages, the first SHOWN."""
        lines = [f"{self.profile}: {_count(len(self.rules), 'correction')} over "
                 f"{_count(self.pages, 'page')}"]
        for rule in self.rules:
            found = (f"{_count(len(rule.hits), 'block')} on {rule.pages} of "
                     f"{_count(self.pages, 'page')}" if rule.hits else "finds nothing on these pages")
            lines.append(f"{self.profile}:{rule.line}: {rule.target} ({rule.what}): {found}")
            for page, line, start in rule.hits[:shown]:
                lines.append(f"    {page}:{line}: {start}")
            if len(rule.hits) > shown:
                lines.append(f"    … and {len(rule.hits) - shown} more")
        return "\n".join(lines)


def check_profile(profile: str | Path, pages: list[str | Path]) -> ProfileReport:
    """Encode each page text of PAGES with PROFILE (in memory) and list what each of the
    profile's corrections corrected. A page that cannot be encoded raises its error, with
    its name and line, as `encode` would."""
    from .encoder import encode_path
    from .ingest.sidecar import load_sidecar

    profile = Path(profile)
    if not pages:
        raise InputError("no page texts to check the profile against", profile)
    # The profile's own errors (a bad pattern, a line number) first, once, with its lines.
    rules = [RuleHits(c.sidecar_line, c.target(), _what(c))
             for c in load_sidecar(None, None, profile=profile).corrections]
    for page in pages:
        result = encode_path(page, profile=profile, validate=False)
        own = [c for c in result.meta.corrections if c.profile is not None]
        for rule, correction in zip(rules, own):
            for block in correction.matched:
                rule.hits.append((str(page), block.start_line, block.preview(30)))
    return ProfileReport(str(profile), len(pages), rules)


def _what(correction) -> str:
    parts = []
    for key in ("role", "attach", "split_at", "missing_start"):
        value = getattr(correction, key)
        if value:
            parts.append(f"{key} {value}")
    for key in ("join", "repeat"):
        value = getattr(correction, key)
        if value is not None:
            parts.append(f"{key} {str(value).lower()}")
    return ", ".join(parts) or "no change"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
