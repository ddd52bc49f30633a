"""Peak memory of a benchmarked process and of the processes it starts, sampled as it runs.

`resource.getrusage` gives the peak of one process at a time; a run on several cores is a
tree of processes whose sum is what the machine must hold.
"""

from __future__ import annotations

import subprocess
import time


def watch(process: subprocess.Popen[str], every: float = 0.2) -> tuple[int, int]:
    """Wait for `process`; its peak RSS and the peak RSS of it with its children, in bytes."""
    import psutil

    watched = psutil.Process(process.pid)
    own = tree = 0
    while process.poll() is None:
        try:
            rss = watched.memory_info().rss
            family = sum(c.memory_info().rss for c in watched.children(recursive=True))
        except psutil.Error:  # it, or a worker, ended between the calls
            continue
        own, tree = max(own, rss), max(tree, rss + family)
        time.sleep(every)
    return own, tree
