"""The build's date, reproducible: every stage that stamps a date asks here.

The reproducible-builds convention (https://reproducible-builds.org/specs/source-date-epoch/):
SOURCE_DATE_EPOCH, when set, is the date of the build, a whole number of seconds since
1970-01-01 UTC; a malformed value stops the build rather than being ignored.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from datetime import date, datetime, timezone

from .errors import InputError

# The last second a four-digit year can hold (9999-12-31T23:59:59Z): PDF and XMP dates,
# and ISO dates in TEI, have four-digit years.
MAX_SOURCE_DATE_EPOCH = 253402300799


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a UTC moment, None when it is unset or empty; InputError for
    milliseconds, a negative number, a date string or anything else."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if re.fullmatch(r"[0-9]{1,12}", text) and int(text) <= MAX_SOURCE_DATE_EPOCH:
        return datetime.fromtimestamp(int(text), timezone.utc)
    hint = " (milliseconds?)" if re.fullmatch(r"[0-9]{13,16}", text) else ""
    shown = raw if len(raw) <= 40 else raw[:40] + "..."
    raise InputError(f"SOURCE_DATE_EPOCH={shown!r} is not a count of seconds since "
                     f"1970-01-01 UTC{hint}: it must be a whole number from 0 to "
                     f"{MAX_SOURCE_DATE_EPOCH} (the end of the year 9999)")


def build_day(when: str | None = None) -> str:
    """The day to record for this build (YYYY-MM-DD): WHEN if given, else
    SOURCE_DATE_EPOCH, else today."""
    if when:
        try:
            return date.fromisoformat(when).isoformat()
        except ValueError:
            raise InputError(f"--when '{when}' is not a date in the form YYYY-MM-DD") from None
    epoch = source_date_epoch()
    return (epoch.date() if epoch is not None else date.today()).isoformat()


def epoch_setting() -> str | None:
    """SOURCE_DATE_EPOCH as this process has it (checked), to hand to a build's workers."""
    source_date_epoch()
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    return raw.strip() if raw is not None and raw.strip() else None


@contextmanager
def build_clock(epoch: str | None):
    """Run with SOURCE_DATE_EPOCH as the build that sent the task has it. A worker's own
    environment is not the build's: a forkserver keeps the environment of the moment it
    started, and a Dask worker that of its own machine."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
