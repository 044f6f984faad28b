"""Tools for the hostile-input tests (test_hostile*.py, test_guards.py): the real CLI in a
subprocess under limits, a file-open watcher (inotify), a counting HTTP server on
127.0.0.1, device nodes of our own, and TEI documents to attack with.

No test lives here; the module only has to be importable beside the tests.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.server
import os
import resource
import stat
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "sample_page.xml"
SEED_TXT = ROOT / "seeds" / "siping-daily-2022-08-26.txt"
SEED_TOML = ROOT / "seeds" / "siping-daily-2022-08-26.toml"
TEI_NS = "http://www.tei-c.org/ns/1.0"

# Memory for one CLI run: far above what a normal run needs (~150 MB), far below what a
# run that reads without bound would reach before the test's timeout.
MEMORY_LIMIT = 1536 * 1024 * 1024


# --------------------------------------------------------------------------- the CLI

def cli(*args, cwd: Path | str | None = None, env: dict | None = None, timeout: float = 60,
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, file_size_limit: int | None = None,
        close_stdout: bool = False) -> subprocess.CompletedProcess:
    """Run `python -m tei_edition ARGS` (the installed `tei-edition` script runs the same
    main) in a fresh process, with bounded memory; stderr is decoded with backslash escapes."""
    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))
        if close_stdout:
            os.close(1)

    full_env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", **(env or {})}
    full_env.pop("PYTHONWARNINGS", None)
    argv = [sys.executable, "-m", "tei_edition", *[a if isinstance(a, bytes) else str(a) for a in args]]
    proc = subprocess.run(argv, cwd=cwd, env=full_env, stdout=stdout, stderr=subprocess.PIPE,
                          stdin=stdin, timeout=timeout, preexec_fn=limits)
    proc.stderr = proc.stderr.decode("utf-8", "backslashreplace")
    return proc


def assert_error(proc: subprocess.CompletedProcess, code: int, *needles: str) -> str:
    """Exit CODE and one error line on stderr, 'tei-edition: error: ...' with NEEDLES, the
    last; nothing else there but the tool's own notes (no library's log, no traceback)."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("tei-edition: error:")]
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert len(errors) == 1 and errors[0] == lines[-1], proc.stderr
    assert all(line.startswith("tei-edition: ") for line in lines), proc.stderr
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])
    return errors[0]


# --------------------------------------------------------------------------- files opened

class OpenWatcher:
    """Records every open(2) of the watched files, by anyone (Linux inotify IN_OPEN)."""

    IN_OPEN, IN_ACCESS = 0x20, 0x01

    def __init__(self, paths):
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            pytest.skip("inotify is not available here")
        self.names: dict[int, Path] = {}
        for path in paths:
            wd = libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_OPEN | self.IN_ACCESS)
            if wd < 0:
                os.close(self.fd)
                raise OSError(ctypes.get_errno(), f"cannot watch {path}")
            self.names[wd] = Path(path)
        self._opened: list[Path] = []

    def opened(self) -> list[Path]:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                break
            offset = 0
            while offset < len(data):
                wd, mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                offset += 16 + length
                if wd in self.names and self.names[wd] not in self._opened:
                    self._opened.append(self.names[wd])
        return list(self._opened)

    def close(self) -> None:
        os.close(self.fd)


@contextlib.contextmanager
def watch_opens(*paths):
    watcher = OpenWatcher(paths)
    try:
        assert watcher.opened() == [], "the watcher sees an open before the test"
        yield watcher
    finally:
        watcher.close()


def secret_file(directory: Path, name: str = "secret.txt") -> Path:
    path = directory / name
    path.write_text("TOP-SECRET-7c1e", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the network

class CountingServer:
    """An HTTP server on 127.0.0.1 that answers everything and counts the requests."""

    def __init__(self):
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                outer.requests.append(self.path)
                body = (b'<!ENTITY leak "FETCHED-FROM-NETWORK">' if self.path.endswith(".dtd")
                        else b"FETCHED-FROM-NETWORK")
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = CountingServer()
    yield srv
    srv.close()


# --------------------------------------------------------------------------- devices

def char_device(path: Path, minor: int) -> Path:
    """A character device node of our own (1:3 null, 1:5 zero, 1:7 full), so a test can
    never damage the system's /dev even if a guard is gone."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


# --------------------------------------------------------------------------- documents

def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def tei_with(body_xml: str = "", *, prolog: str = "", header_extra: str = "") -> str:
    """The sample page with BODY_XML added to its first article (and PROLOG before <TEI>)."""
    text = sample_text()
    if header_extra:
        text = text.replace("</fileDesc>", "</fileDesc>" + header_extra, 1)
    at = text.index("</div>", text.index('<div type="article"'))
    text = text[:at] + body_xml + text[at:]
    if prolog:
        at = text.index("<TEI ")
        text = text[:at] + prolog + "\n" + text[at:]
    return text


def write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
