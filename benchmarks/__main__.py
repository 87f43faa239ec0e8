"""python -m benchmarks [--db PATH] [NAME ...] — run every benchmark module and print figures."""

import argparse
import importlib
import pkgutil
import sys
import time
from pathlib import Path

import benchmarks

DEFAULT_DB = "/tmp/large.sqlite"
# parts of a benchmark that run alone by their own name (not in the default "all"):
# name → (module, function of the db path)
PARTS = {"kpi_after_write": ("kpi_board", "run_after_write")}


def modules() -> list[str]:
    """Benchmark module names under ``benchmarks/``, in name order."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(benchmarks.__file__).parent)])
        if not info.name.startswith("_")
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named (default: all) against ``--db``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--db",
        default=DEFAULT_DB,
        help=f"large database (built with python -m seed --scale large if missing; default {DEFAULT_DB})",
    )
    parser.add_argument(
        "names",
        nargs="*",
        help=f"benchmarks to run (default all: {modules()}; or a part alone: {sorted(PARTS)})",
    )
    args = parser.parse_args(argv)
    # AppTest and bare-mode calls make Streamlit warn about a missing ScriptRunContext at
    # every step; the figures are what this prints.
    from streamlit.logger import set_log_level

    set_log_level("error")
    for name in args.names or modules():
        module_name, function = PARTS.get(name, (name, "run"))
        module = importlib.import_module(f"benchmarks.{module_name}")
        print(f"== {name} ==", flush=True)
        started = time.perf_counter()
        getattr(module, function)(args.db)
        print(f"== {name} done in {time.perf_counter() - started:.1f}s ==\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
