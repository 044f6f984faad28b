"""The encoder stays near-linear on inputs built to make it quadratic: doubling the input
must not quadruple the time (CPU time of this process, best of two runs, so that other
work on the machine does not decide the outcome)."""

from __future__ import annotations

import random
import time

import pytest

from strategies import HAN
from tei_edition.encoder import encode

BASE = "会议强调，要深入贯彻习近平总书记关于安全生产重要论述精神，紧绷安全之弦"


def _cpu_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.process_time()
        encode(text.encode(), name="scale.txt", when="2026-11-27", validate=False)
        best = min(best, time.process_time() - started)
    return best


def _near_identical(n: int) -> str:
    """n paragraphs sharing a long opening, each too different from the others to be a
    repeat: every paragraph shares shingles with every earlier one."""
    rnd = random.Random(n)
    paragraphs = [BASE + "".join(rnd.choice(HAN) for _ in range(40)) + "。" for _ in range(n)]
    return "## 标题\n\n" + "\n\n".join(paragraphs) + "\n"


def _repeats(n: int) -> str:
    return "## 标题\n\n" + "\n\n".join(BASE + f"第{i}项。" for i in range(n)) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("make", [_near_identical, _repeats])
def test_doubling_the_paragraphs_does_not_quadruple_the_time(make):
    small, large = _cpu_seconds(make(1500)), _cpu_seconds(make(3000))
    assert large / small < 3.0, f"{small:.2f} s -> {large:.2f} s: the encoder grows quadratically"
