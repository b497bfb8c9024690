"""A build's second processes end with the build, however it ends.

A build writes the print formats and computes the places chapters in second
processes (spawned, see :func:`svsna.report.render.spawn_process`); spawning
also starts multiprocessing's resource tracker. None of them may outlive the
build: a user's machine (or a test run) must not collect orphan Python
processes. So:

* each worker watches its parent and exits at once when the parent is gone,
  even when it was killed outright (SIGKILL, the task manager), which no
  ``finally`` can answer (:func:`watch_parent`);
* the build stops every worker in a ``finally`` (:func:`stopping`): joined
  when the build went well, terminated at once when it failed, was
  interrupted (Ctrl+C) or stopped with a one-sentence error;
* then, with no child process left, the resource tracker is stopped too.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from contextlib import contextmanager
from multiprocessing import resource_tracker
from multiprocessing.connection import wait
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator
    from concurrent.futures import ProcessPoolExecutor


def watch_parent() -> None:
    """In a worker: leave at once when the parent process is gone.

    The parent's sentinel becomes ready when the parent ends, however it
    ends; a daemon thread waits for that and exits the worker.
    """
    parent = multiprocessing.parent_process()
    if parent is None:  # not a child process
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="svsna-parent-watch", daemon=True).start()


def stop_pools(
    pools: tuple[ProcessPoolExecutor | None, ...], *, failed: bool
) -> None:
    """Stop ``pools``' workers: joined, or (``failed``) terminated first.

    Once no child process is left, the resource tracker that spawning
    started is stopped as well.
    """
    started = [pool for pool in pools if pool is not None]
    for pool in started:
        if failed:
            for process in list((pool._processes or {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
    if started:
        _stop_resource_tracker()


def _stop_resource_tracker() -> None:
    """Stop the resource tracker when no child process needs it any more.

    The pools' queues (whose semaphores the tracker follows) are collected
    first, so the tracker has nothing left to clean up; it is started again
    by the next spawn.
    """
    tracker = resource_tracker._resource_tracker
    if tracker._fd is None or multiprocessing.active_children():  # type: ignore[attr-defined]
        return
    gc.collect()
    tracker._stop()  # type: ignore[attr-defined]


@contextmanager
def stopping(*pools: ProcessPoolExecutor | None) -> Iterator[None]:
    """Stop ``pools`` when the block ends: joined if it ended well, else terminated."""
    failed = True
    try:
        yield
        failed = False
    finally:
        stop_pools(pools, failed=failed)
