"""Where a build's tasks run: in this process, in a pool of worker processes (-j N), or on a
Dask `distributed` cluster (--scheduler ADDRESS).

A task is a module-level function and a picklable argument; it returns a picklable
result and never raises (failures are part of its result), so every runner behaves the
same and one failed page never stops the others. Each worker process loads the schemas,
stylesheets and fonts once (they are cached per process) and keeps them for every task
it runs. Workers write their outputs themselves, atomically: on a cluster, the output
folder must be on storage every worker reaches under the same path (a shared file system).
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable, Iterator

from .errors import InputError


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def watch_build(build_pid: int, interval: float = 0.25) -> None:
    """End this worker when the build that started it is gone. A killed build (SIGKILL,
    the OOM killer) cannot shut its pool down; its workers, forked from the forkserver,
    would wait for tasks for ever, and hold the forkserver alive with them."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(interval)
            try:
                os.kill(build_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:
                pass                    # alive, as another user

    threading.Thread(target=watch, name="tei-edition-watch-build", daemon=True).start()


_HELD: list[int] = []  # this worker's share of its build folder's workers lock


def join_build(workers_lock: str) -> None:
    """Hold a shared lock on the build folder's workers lock for the rest of this worker's
    life (the kernel lets go when the process ends, however it ends). A build waits for the
    exclusive lock before it clears what a killed build left half written, so that no
    worker of the killed build, still finishing a task, writes after that."""
    handle = os.open(workers_lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    fcntl.flock(handle, fcntl.LOCK_SH)
    _HELD.append(handle)


def pool_worker(build_pid: int, workers_lock: str | None = None) -> None:
    """A pool worker's start: join the build's folder, watch the build, then load what
    tasks need."""
    if workers_lock:
        join_build(workers_lock)
    watch_build(build_pid)
    warm_worker()


def warm_worker() -> None:
    """Load what every task needs once per worker, before its first task."""
    from .validation import project_schemas
    from .transform import stylesheet

    project_schemas()
    stylesheet("html")
    stylesheet("print")


class Runner:
    """Runs fn over items; yields (item, result) in the order they finish."""

    name = "in this process"

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        for item in items:
            yield item, fn(item)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class PoolRunner(Runner):
    def __init__(self, jobs: int, workers_lock: str | None = None):
        self.jobs = jobs
        self.name = f"{jobs} worker processes"
        # forkserver: workers start from a clean interpreter, not a copy of a process that
        # has threads and open fonts; they import only what their tasks need.
        context = multiprocessing.get_context("forkserver")
        self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                        initializer=pool_worker,
                                        initargs=(os.getpid(), workers_lock))

    def map(self, fn, items):
        items = list(items)
        pending = {}
        queue = iter(items)
        # Keep each worker busy with one task and one waiting, not the whole list queued:
        # an interrupted build then stops quickly.
        for item in queue:
            pending[self.pool.submit(fn, item)] = item
            if len(pending) >= 2 * self.jobs:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                item = pending.pop(future)
                yield item, future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending[self.pool.submit(fn, nxt)] = nxt

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner(Runner):
    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise InputError("--scheduler needs Dask's distributed package: install "
                             "tei-edition[distributed]") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        threaded = {worker: n for worker, n in self.client.nthreads().items() if n != 1}
        if threaded:
            self.client.close()
            worker, n = sorted(threaded.items())[0]
            # bagit changes the process's working directory while it makes a bag, and
            # WeasyPrint's layout is not made for threads: a task must have its process.
            raise InputError(f"the Dask worker {worker} at {address} runs {n} threads; tei-edition "
                             f"needs workers of one thread each (start them with `dask worker "
                             f"{address} --nthreads 1 --nworkers N`)")
        self.name = f"the Dask cluster at {address}"
        self.client.run(warm_worker)

    def map(self, fn, items):
        from distributed import as_completed

        futures = {self.client.submit(fn, item, pure=False): item for item in items}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def close(self) -> None:
        self.client.close()


def runner(jobs: int | None = None, scheduler: str | None = None,
           workers_lock: str | None = None) -> Runner:
    """WORKERS_LOCK: the file each local worker holds a shared lock on (join_build)."""
    if scheduler:
        return DaskRunner(scheduler)
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise InputError(f"-j {jobs}: the number of worker processes must be 1 or more")
    return Runner() if jobs == 1 else PoolRunner(jobs, workers_lock)
