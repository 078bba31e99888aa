"""One pool of CPU-bound worker threads per process, one thread per CPU.

Why: ingest runs two kinds of CPU work at once, the encoder's batches (onnxruntime, which
releases the GIL) and the clause reader (pure Python). On threads of their own, three busy
threads shared the two cores of the benchmark machine: the OS time-sliced them and each ran
slower (the encoder ~3% more CPU than alone, the reader ~0.4 s more; benchmarks/README.md,
session 12). Submitted to this one pool they never outnumber the cores: the reader takes one
worker while the other encodes, then both encode.

A task running on a worker must not wait for tasks it submits to the pool (with every worker
waiting, nothing would run them); `on_worker` lets such a caller run its work inline instead.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

_PREFIX = "policydesk-cpu"
_pool: tuple[int, ThreadPoolExecutor] | None = None
_lock = threading.Lock()


def cpus() -> int:
    """The CPUs this process may use (the affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cpu_pool(workers: int | None = None) -> ThreadPoolExecutor:
    """The process's pool, started on first use with `workers` threads (default: one per CPU);
    a later caller asking for more workers gets a bigger pool (the old one finishes its tasks)."""
    global _pool
    want = workers or cpus()
    with _lock:
        if _pool is None or _pool[0] < want:
            _pool = (want, ThreadPoolExecutor(max_workers=want, thread_name_prefix=_PREFIX))
        return _pool[1]


def on_worker() -> bool:
    """Is the calling thread one of the pool's workers?"""
    return threading.current_thread().name.startswith(_PREFIX)


__all__ = ["cpu_pool", "cpus", "on_worker"]
