"""Tests of the UI glue in ``dashboard/`` (loaders, frames, charts, grids, tables, exports)."""
