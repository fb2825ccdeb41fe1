"""The Dask engine (`--engine dask`): each document a task on a Dask distributed cluster, a
LocalCluster of `jobs` worker processes started for the run, or an existing cluster at
`scheduler` (tcp://HOST:PORT) whose workers have reportcheck installed. Dask is imported here
only, and this module only when the engine is asked for (pip install "reportcheck[dask]")."""
from __future__ import annotations

import threading
import uuid

from .local import cores

# reportcheck keeps per-process caches (a country's places, the last text's number analysis)
# that are not made for threads: a worker started with several threads checks one document at
# a time all the same (start workers with --nthreads 1 and several processes to use the cores)
_ONE_AT_A_TIME = threading.Lock()
CONNECT_TIMEOUT = "20s"  # a scheduler that does not answer in that time is an input error (exit 2)
# What Dask keeps for its developers grows with the run, not with the documents in flight:
# every batched comm logs its last 1,000 messages (low-level-log-length), and a document's task
# (its text, its rules) is such a message, from the client to the scheduler and from the
# scheduler to a worker; each worker keeps a statistical profile of every second it ran
# (1,000 of them). A corpus of thousands of documents held ~1,000 of them in the command and
# the workers' profiles: peak memory grew 1.7x from one edition to nine.
QUIET = {"distributed.admin.low-level-log-length": 8, "distributed.worker.profile.enabled": False}


def _call(fn, arg):
    with _ONE_AT_A_TIME:
        return fn(arg)


class DaskEngine:
    def __init__(self, jobs: int = 0, scheduler: str | None = None):
        import logging

        import dask
        from distributed import Client, LocalCluster

        from ..errors import InputError

        # set for the engine's life, before the cluster starts (its nannies hand it to the workers
        # they spawn); on a cluster of --scheduler, it applies to this client only
        self._config = dask.config.set(QUIET)
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, not an address
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
                raise InputError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({first})") from None
        else:
            # processes, one thread each: the checks are pure Python (the GIL), and see _ONE_AT_A_TIME
            self.cluster = LocalCluster(n_workers=jobs or cores(), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        info = self.client.scheduler_info(n_workers=-1) if _takes_n_workers(self.client) \
            else self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))
        self._run = uuid.uuid4().hex[:12]
        self._count = 0

    def submit(self, fn, arg):
        self._count += 1
        # pure=False and a key of our own: Dask would otherwise hash the whole document to name the task
        return self.client.submit(_call, fn, arg, pure=False, key=f"reportcheck-{self._run}-{self._count}")

    def wait(self, futures) -> set:
        from distributed import wait

        return set(wait(futures, return_when="FIRST_COMPLETED").done)

    def result(self, future):
        value = future.result()
        future.release()  # the cluster forgets it: a corpus's results do not pile up on the workers
        return value

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            try:
                if self.cluster is not None:
                    self.cluster.close()
            finally:
                self._config.__exit__(None, None, None)


def _takes_n_workers(client) -> bool:
    """scheduler_info lists only a few workers unless asked for all (n_workers=-1, recent Dask)."""
    import inspect

    try:
        return "n_workers" in inspect.signature(client.scheduler_info).parameters
    except (TypeError, ValueError):
        return False
