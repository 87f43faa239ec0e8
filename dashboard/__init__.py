"""Ops Bench: Streamlit glue (loaders, widgets, charts, i18n, auth) and, under
``dashboard.domain``, the pure rules of the domain (no streamlit there)."""
