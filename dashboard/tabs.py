"""Tabs of which only the open one runs: Streamlit draws every tab's content on every run,
so a page with heavy tabs (the org structure's grid, the retention risk table) asks for
the open tab (``st.tabs(key=..., on_change="rerun")``) and runs that tab's panels only."""

import functools
from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

Context = TypeVar("Context")


def run_open_tab(
    key: str,
    tabs: dict[str, Callable[[], object]],
    keep: Sequence[str] = (),
    always: Sequence[str] = (),
) -> None:
    """One tab per label of ``tabs`` (in order); only the open tab's function runs (and
    those of the tabs named in ``always``, whose forms must keep what was typed in them).
    The open tab is ``st.session_state[key]`` (its label), the first one at the start.

    Streamlit forgets the value of a widget left out of a run: the widgets named in
    ``keep`` (the tabs' filters) keep theirs while another tab is open. A form's text not
    sent yet lives in the browser only: the tabs labelled in ``always`` (an editor) run
    even while closed, so a look at another tab does not lose it."""
    for kept in keep:
        if kept in st.session_state:
            st.session_state[kept] = st.session_state[kept]
    shown = st.tabs(list(tabs), key=key, on_change="rerun")
    for tab, (label, run) in zip(shown, tabs.items(), strict=True):
        if tab.open or label in always:
            with tab:
                run()


def _run_panels(panels: Sequence[Callable[[Context], object]], ctx: Context) -> None:
    for panel in panels:
        panel(ctx)


def open_tab_panels(
    key: str,
    ctx: Context,
    tabs: dict[str, Sequence[Callable[[Context], object]]],
    keep: Sequence[str] = (),
    always: Sequence[str] = (),
) -> None:
    """``run_open_tab`` for tabs made of panels that each take ``ctx``: the open tab's
    panels run in order."""
    run_open_tab(
        key,
        {label: functools.partial(_run_panels, panels, ctx) for label, panels in tabs.items()},
        keep,
        always,
    )
