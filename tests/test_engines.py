"""The engines (issue 12): the same findings, byte for byte, whichever engine checks the
documents: this process, local worker processes, a Dask LocalCluster, or a real Dask cluster
(a `dask scheduler` and two `dask worker` processes started here, on localhost)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportcheck.cli import main
from reportcheck.engines import Ready, as_finished, open_engine

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
BIN = Path(sys.executable).parent
SCRIPT = BIN / "check-report"
REPORTS = {
    "mali-2020.txt": REPO / "sample_reports" / "mali-2020.txt",
    "cameroon-2019.txt": DATA / "cameroon-2019-excerpt.txt",
    "mali-2019.txt": DATA / "mali-2019-flagged.txt",
    "serbia-2019.txt": DATA / "serbia-2019-excerpt.txt",
    "iraq-2019.txt": DATA / "iraq-2019-excerpt.txt",
}
needs_dask = pytest.mark.skipif(shutil.which("dask", path=str(BIN)) is None and not (BIN / "dask").exists(),
                                reason='Dask distributed is not installed (pip install "reportcheck[dask]")')


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, source in REPORTS.items():
        shutil.copyfile(source, folder / name)
    return folder


# --- the driver: results as they finish, a bounded window ---------------------------------------


class ThreadEngine:
    """An engine on threads, for the driver's tests: calls finish in any order."""

    def __init__(self, workers):
        self.workers = workers
        self.pool = ThreadPoolExecutor(workers)
        self.submitted = []

    def submit(self, fn, arg) -> Future:
        self.submitted.append(arg)
        return self.pool.submit(fn, arg)

    def wait(self, futures):
        return wait(futures, return_when=FIRST_COMPLETED).done

    def result(self, future):
        return future.result()

    def close(self):
        self.pool.shutdown()


def test_as_finished_yields_every_item_once_and_passes_ready_ones_through():
    engine = ThreadEngine(3)
    items = [1, Ready("cached"), 2, 3, Ready("failed"), 4]
    got = dict(as_finished(engine, lambda x: x * 10, items))
    engine.close()
    assert got == {0: 10, 1: "cached", 2: 20, 3: 30, 4: "failed", 5: 40}
    assert engine.submitted == [1, 2, 3, 4]


def test_as_finished_draws_no_further_than_the_window_past_the_first_unfinished_item():
    import threading

    gate = threading.Event()
    drawn = []

    def items():
        for i in range(50):
            drawn.append(i)
            yield i

    def slow_first(x):
        if x == 0:
            gate.wait(60)  # the first item finishes last
        return x

    engine = ThreadEngine(2)
    seen = []
    for index, _ in as_finished(engine, slow_first, items(), window=4):
        seen.append(index)
        if len(seen) == 3:  # items 1..3 are done while 0 still runs: nothing past 0 + 4 is drawn
            assert max(drawn) <= 3
            gate.set()
    engine.close()
    assert sorted(seen) == list(range(50))


def test_local_engine_in_process_and_in_workers():
    one = open_engine("local", jobs=1)
    assert one.workers == 1 and dict(as_finished(one, abs, [-1, -2])) == {0: 1, 1: 2}
    one.close()
    two = open_engine("local", jobs=2, items=5)
    assert two.workers == 2 and dict(as_finished(two, abs, range(-5, 0))) == {i: 5 - i for i in range(5)}
    two.close()
    assert open_engine("local", jobs=8, items=1).workers == 1  # never more workers than documents


# --- the same findings whichever engine --------------------------------------------------------


def run_cli(*args, env=None, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          check=False, stdin=subprocess.DEVNULL, env=env)


def outputs_of(corpus: Path, out: Path, *engine_args) -> dict[str, bytes]:
    """Every output of a run over `corpus` with these engine options: name -> bytes."""
    out.mkdir()
    proc = run_cli(corpus, "--format", "jsonl", "-o", out / "review.jsonl", "--format", "html", "-o", f"{out}/html/",
                   "--figures-out", f"{out}/figures/", *engine_args)
    assert proc.returncode == 1, proc.stderr  # the sample's error
    files = {}
    for f in sorted(out.rglob("*")):
        if f.is_file() and f.suffix != ".parquet":
            files[str(f.relative_to(out))] = f.read_bytes()
    import pandas as pd

    files["figures"] = pd.read_parquet(out / "figures").to_json().encode()
    return files


def test_local_processes_give_the_same_bytes_as_one_process(corpus, tmp_path):
    one = outputs_of(corpus, tmp_path / "one", "--jobs", "1")
    two = outputs_of(corpus, tmp_path / "two", "--jobs", "2")
    # the JSON Lines review, the HTML index, 5 pages and the marker, the Parquet table and its marker
    assert one == two and len(one) == 10, sorted(one)


@needs_dask
def test_dask_local_cluster_gives_the_same_bytes(corpus, tmp_path):
    local = outputs_of(corpus, tmp_path / "local", "--jobs", "2")
    dask = outputs_of(corpus, tmp_path / "dask", "--engine", "dask", "--jobs", "2")
    assert dask == local


@needs_dask
def test_the_dask_engine_keeps_no_log_of_the_documents_it_sends():
    # Dask logs the last 1,000 messages of each batched comm (a document's task is one) and each
    # worker profiles every second it runs: memory that grew with the corpus (benchmarks/scale.md)
    engine = open_engine("dask", jobs=1)
    try:
        assert dict(as_finished(engine, abs, [-1, -2, -3])) == {0: 1, 1: 2, 2: 3}
        assert engine.client.scheduler_comm.recent_message_log.maxlen <= 8
        to_workers = list(engine.cluster.scheduler.stream_comms.values())
        assert to_workers and all(c.recent_message_log.maxlen <= 8 for c in to_workers)

        def worker_logs(dask_worker):
            import dask

            return dask_worker.batched_stream.recent_message_log.maxlen, dask.config.get(
                "distributed.worker.profile.enabled")

        assert list(engine.client.run(worker_logs).values()) == [(8, False)]
    finally:
        engine.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@needs_dask
def test_a_real_dask_cluster_on_localhost_gives_the_same_bytes(corpus, tmp_path):
    """`dask scheduler` and two `dask worker` processes, started here on free ports, as on a real
    cluster; check-report --scheduler sends them the documents."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}  # the workers import reportcheck
    logs = tmp_path / "logs"
    logs.mkdir()
    dask = str(BIN / "dask")
    procs = []

    def start(name, argv):
        log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 - open while the process runs
        procs.append((subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                       env=env, start_new_session=True), log))

    try:
        start("scheduler", [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"])
        for i in range(2):
            start(f"worker{i}", [dask, "worker", address, "--nthreads", "1", "--nworkers", "1", "--host",
                                 "127.0.0.1", "--no-dashboard", "--name", f"w{i}", "--death-timeout", "120"])
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
            assert len(client.scheduler_info()["workers"]) == 2
        local = outputs_of(corpus, tmp_path / "local", "--jobs", "2")
        remote = outputs_of(corpus, tmp_path / "remote", "--scheduler", address)
        assert remote == local
    except Exception:
        for name in sorted(p.name for p in logs.iterdir()):
            print(f"--- {name}\n" + (logs / name).read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        for proc, _ in reversed(procs):
            proc.terminate()
        deadline = time.monotonic() + 30
        for proc, log in reversed(procs):
            try:
                proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            log.close()


@needs_dask
def test_scheduler_unreachable_or_without_dask_engine_is_exit_2(corpus):
    runner = CliRunner()
    both = runner.invoke(main, [str(corpus), "--engine", "local", "--scheduler", "tcp://127.0.0.1:9"])
    assert both.exit_code == 2 and "--scheduler needs --engine dask" in both.stderr
    from reportcheck.engines import dask as dask_engine

    old = dask_engine.CONNECT_TIMEOUT
    dask_engine.CONNECT_TIMEOUT = "2s"
    try:
        port = _free_port()  # nothing listens there
        down = runner.invoke(main, [str(corpus), "--scheduler", f"tcp://127.0.0.1:{port}"])
    finally:
        dask_engine.CONNECT_TIMEOUT = old
    assert down.exit_code == 2 and "cannot reach a Dask scheduler" in down.stderr, down.output
