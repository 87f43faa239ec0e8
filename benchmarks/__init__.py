"""Benchmarks that print measured figures (``python -m benchmarks``).

Each module here offers ``run(db_path: str) -> None`` that prints its figures; the runner
calls every one in name order (or only those named on the command line). Timings are
printed, never asserted: they are for the closing notes and for spotting regressions.
"""
