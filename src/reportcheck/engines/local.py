"""The local engine (`--engine local`, the default): worker processes of this machine, forked
from the command so that they inherit its imported modules and compiled patterns; with one
worker, the calls run in this process, one after the other."""
from __future__ import annotations

import os
from concurrent.futures import FIRST_COMPLETED, Future
from concurrent.futures import wait as wait_futures


def cores() -> int:
    """The cores this process may use (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class LocalEngine:
    """`jobs` worker processes (0: one per core; 1: none, the calls run here), never more than
    `items` when that is known."""

    def __init__(self, jobs: int = 0, items: int | None = None):
        workers = jobs or cores()
        if items is not None:
            workers = min(workers, max(1, items))
        self.workers = max(1, workers)
        self.pool = None
        if self.workers > 1:
            self._start()

    def _start(self) -> None:
        import gc
        import multiprocessing
        import signal
        from concurrent.futures import ProcessPoolExecutor

        # fork: workers inherit the imported modules and compiled patterns instead of paying for them again
        ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        # Ctrl-C reaches the whole process group: the workers ignore it and the command says "interrupted" once
        self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=signal.signal,
                                        initargs=(signal.SIGINT, signal.SIG_IGN))
        mask = getattr(signal, "pthread_sigmask", None)
        # Ctrl-C held back while the workers are forked (an interrupt inside fork's handlers is lost); they
        # are forked now, at the first call (all at once with fork), before any other thread (the progress
        # bar's) could hold a lock that a forked child would inherit locked
        held = mask(signal.SIG_BLOCK, {signal.SIGINT}) if mask else None
        # what this process holds now (modules, rules, compiled patterns) is set aside from the
        # garbage collector while the workers are forked: their collections do not walk it again
        # (nor touch its pages, which stay shared); here it is collected as before
        gc.freeze()
        try:
            self.pool.submit(int).result()
        finally:
            gc.unfreeze()
            if mask:
                mask(signal.SIG_SETMASK, held)

    def submit(self, fn, arg) -> Future:
        if self.pool is not None:
            return self.pool.submit(fn, arg)
        future: Future = Future()
        future.set_result(fn(arg))  # in this process: an exception is raised here, as from the pool's result()
        return future

    def wait(self, futures) -> set:
        return wait_futures(futures, return_when=FIRST_COMPLETED).done

    def result(self, future):
        return future.result()

    def close(self) -> None:
        if self.pool is not None:
            # interrupted or failed: the documents not started are dropped; the ones under way finish
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
