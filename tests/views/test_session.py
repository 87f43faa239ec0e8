"""The server process's memory: what concurrent runs freed goes back to the system."""

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

# Eight session threads build ~35 MB of frames each at once and drop them, keeping a few
# small objects allocated in between (as runs do); then the run ends.
CONCURRENT_RUNS = textwrap.dedent(
    """
    import threading
    import numpy as np
    from dashboard.session import returning_freed_memory

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    before = rss_mb()
    barrier = threading.Barrier(8)
    kept = []

    def run():
        with returning_freed_memory():
            barrier.wait()
            frames = [np.ones(100_000 + 1_000 * i) for i in range(40)]
            barrier.wait()
            kept.extend(np.ones(10) for _ in range(100))
            del frames
            barrier.wait()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(round(rss_mb() - before))
    """
)


def test_memory_freed_by_concurrent_runs_goes_back_to_the_system() -> None:
    grown = subprocess.run(
        [sys.executable, "-c", CONCURRENT_RUNS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert int(grown) < 60  # of the ~280 MB the runs built at once
