"""Where and how documents are checked: an engine runs a function over work items, on this
machine's processes (`local`) or on a Dask cluster (`dask`). What is checked is the pipeline's
business; an engine only knows how to run one call somewhere and wait for calls to finish.

An engine is an object with

    workers: int                   how many calls it runs at once
    submit(fn, arg) -> future      start fn(arg) (a concurrent.futures.Future, or Dask's)
    wait(futures) -> set           block until at least one of them is done; the done ones
    result(future)                 fn(arg)'s value, or its exception raised
    close()                        release the workers (cancelling what has not started)

and `as_finished` maps a function over an iterator of items with any engine, yielding
(index, value) as calls finish. Engines are imported only when asked for by name: `dask`
imports Dask distributed (an optional extra) and nothing else does.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Ready:
    """An item whose value is known without running it (a cached or failed document): passed
    through in its place, never submitted."""

    value: object


def open_engine(name: str, *, jobs: int = 0, scheduler: str | None = None, items: int | None = None):
    """The engine called `name`: "local" (jobs worker processes; 0: one per core; 1: this
    process), "dask" (a LocalCluster of `jobs` workers, or the cluster at `scheduler`).
    `items`: how many items there will be at most (never more local workers than that)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(jobs, items)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(jobs, scheduler)
    raise ValueError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")


def as_finished(engine, fn: Callable, items: Iterable, window: int | None = None) -> Iterator[tuple[int, object]]:
    """fn(item) for each item, on `engine`, yielding (index, value) as each finishes (a Ready
    item at once, with its value). Items are drawn from the iterator only while fewer than
    `window` (default: twice the workers, at least 2) lie between the first unfinished item
    and the next one: a caller that puts the values back in order holds at most `window` of
    them, whatever the order in which they finish, and items are read no further ahead."""
    window = max(2, window or 2 * max(1, engine.workers))
    source = enumerate(items)
    running: dict = {}  # future -> index
    unfinished: set[int] = set()  # indices submitted and not yet yielded
    drawn = 0  # items drawn from the iterator so far
    exhausted = False
    while True:
        while not exhausted and drawn < (min(unfinished) if unfinished else drawn) + window:
            try:
                index, item = next(source)
            except StopIteration:
                exhausted = True
                break
            drawn += 1
            if isinstance(item, Ready):
                yield index, item.value
                continue
            running[engine.submit(fn, item)] = index
            unfinished.add(index)
        if not running:
            if exhausted:
                return
            continue
        for future in engine.wait(list(running)):
            index = running.pop(future)
            value = engine.result(future)
            unfinished.discard(index)
            yield index, value


__all__ = ["ENGINES", "Ready", "as_finished", "open_engine"]
