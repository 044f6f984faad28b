"""The wheel a user installs carries the schema, the stylesheets and their assets."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_built_wheel_runs_the_main_job_without_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("tei_edition-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("tei_edition/schema/tei_newspaper.rng", "tei_edition/schema/tei_newspaper.sch",
                   "tei_edition/xslt/common.xsl", "tei_edition/xslt/html.xsl",
                   "tei_edition/xslt/print.xsl", "tei_edition/xslt/assets/print.css",
                   "tei_edition/deposit/bagit-profile.json"):
        assert needed in names
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    out = tmp_path / "out"
    # Run from elsewhere, with only the unpacked wheel (and the dependencies) importable.
    env = {**os.environ, "PYTHONPATH": str(site)}
    proc = subprocess.run([sys.executable, "-m", "tei_edition", "build", str(ROOT / "seeds"), "-o",
                           str(out)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    where = subprocess.run([sys.executable, "-c", "import tei_edition; print(tei_edition.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert where.startswith(str(site))
    assert (out / "tei" / "siping-daily-2022-08-26.xml").exists()
    assert (out / "html" / "siping-daily-2022-08-26.html").exists()
    assert (out / "pdf" / "siping-daily-2022-08-26.pdf").stat().st_size > 100_000
    assert (out / "bags" / "siping-daily-2022-08-26" / "data" / "mets.xml").is_file()
    assert (out / "ocfl" / "0=ocfl_1.1").is_file()
