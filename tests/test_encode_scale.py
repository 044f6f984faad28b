"""The encoder stays near-linear on inputs built to make it quadratic: four times the input
must not take eight times the time (linear growth measures 3.2 to 5.1 times, quadratic
would be 16). CPU time of this process, best of three runs of each size taken in turn,
with the garbage collector held off while timing, so that neither other work on the
machine nor a full collection over the test session's heap decides the outcome.

The sizes differ four-fold, not two-fold: with doubling, linear (2) and quadratic (4) lay
so close that one CI run measured 0.30 s -> 0.91 s (3.05 times) for an encoder whose
function calls grow exactly two-fold."""

from __future__ import annotations

import gc
import random
import time

import pytest

from strategies import HAN
from tei_edition.encoder import encode

BASE = "会议强调，要深入贯彻习近平总书记关于安全生产重要论述精神，紧绷安全之弦"


GROWTH_LIMIT = 8.0


def _cpu_seconds(text: str, validate: bool = False) -> float:
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        encode(text.encode(), name="scale.txt", when="2026-11-27", validate=validate)
        return time.process_time() - started
    finally:
        gc.enable()


def _growth(small_text: str, large_text: str, validate: bool = False) -> tuple[float, float]:
    """The best of three CPU times of each size, the sizes taken in turn: a burst of other
    work on the machine then slows both sizes alike, not one of them (a single small run
    measured in a quiet moment once made linear growth look quadratic)."""
    small = large = float("inf")
    for _ in range(3):
        small = min(small, _cpu_seconds(small_text, validate))
        large = min(large, _cpu_seconds(large_text, validate))
    return small, large


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
def test_four_times_the_paragraphs_does_not_take_eight_times_as_long(make):
    small, large = _growth(make(1000), make(4000))
    assert large / small < GROWTH_LIMIT, f"{small:.2f} s -> {large:.2f} s: the encoder grows quadratically"


def _exact_repeats(n: int) -> str:
    """n copies of one paragraph that holds four dates: every copy after the first gets
    @copyOf, which the Schematron rule tn-copyOf-order checks once per copy, and the dates
    are elements that rule's formulation walks past."""
    dated = "1月2日、3月4日、5月6日和7月8日，" + BASE + "。"
    return "## 标题\n\n" + "\n\n".join(dated for _ in range(n)) + "\n"


@pytest.mark.slow
def test_validating_four_times_the_repeats_does_not_take_eight_times_as_long():
    # With validation: the schema's rules must stay near-linear in the number of repeats.
    # count(preceding::*) per copy took 1.7 s -> 8.2 s of CPU for 3,000 -> 6,000 copies
    # (4.8 times); with tex:element-number 0.27 s -> 1.38 s for 1,500 -> 6,000 (5.1 times).
    small, large = _growth(_exact_repeats(1500), _exact_repeats(6000), validate=True)
    assert large / small < GROWTH_LIMIT, f"{small:.2f} s -> {large:.2f} s: validation grows quadratically"
