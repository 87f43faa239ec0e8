"""Whole-number inputs for bounded thresholds (key → (lowest, highest), as an area's
``SETTING_BOUNDS``) laid out in columns, and the team-wide settings forms of the health,
retention, activity-level and org areas built on them: the thresholds and a save button
that writes them all (form → write → message → rerun). Each area's keys follow one pattern: the form ``<area>_settings_form``,
the inputs ``<area>_setting_<key>``, the texts ``<area>.settings.submit`` and
``<area>.settings.saved``, the labels ``<area>.settings.<key>``."""

from collections.abc import Callable, Sequence

import streamlit as st

from dashboard.i18n import t
from dashboard.session import submit


def threshold_inputs(
    bounds: dict[str, tuple[int, int]],
    current: dict[str, int],
    columns: Sequence,
    label_prefix: str,
    key_prefix: str,
    lang: str | None = None,
    column_of: Callable[[int, str], int] | None = None,
) -> dict[str, int]:
    """One whole-number input per key of ``bounds``, starting at ``current``; the values.

    :param columns: the containers (``st.columns``) to lay the inputs out in; the ``i``-th
        input goes to ``columns[column_of(i, key)]``, by default to the columns in turn.
    :param label_prefix: i18n key prefix of the labels (``label_prefix + key``), in ``lang``.
    :param key_prefix: widget key prefix (``key_prefix + key``).
    """
    values = {}
    for index, (key, (low, high)) in enumerate(bounds.items()):
        place = column_of(index, key) if column_of else index % len(columns)
        values[key] = columns[place].number_input(
            t(label_prefix + key, lang),
            min_value=low,
            max_value=high,
            value=current[key],
            step=1,
            key=key_prefix + key,
        )
    return values


def settings_form(
    area: str,
    bounds: dict[str, tuple[int, int]],
    current: dict[str, int],
    save: Callable[[dict[str, int]], object],
    *,
    columns: int = 2,
    column_of: Callable[[int, str], int] | None = None,
    may_save: bool = True,
    primary: bool = False,
    lang: str | None = None,
    place: str = "page",
    label_prefix: str | None = None,
) -> None:
    """The settings form of ``area``: its thresholds in ``columns`` columns and a save
    button (disabled unless ``may_save``) that runs ``save(values)``; the saved message is
    kept for ``place``.

    :param label_prefix: the labels' i18n key prefix, if not ``<area>.settings.``.
    """
    with st.form(f"{area}_settings_form"):
        values = threshold_inputs(
            bounds,
            current,
            st.columns(columns),
            label_prefix or f"{area}.settings.",
            f"{area}_setting_",
            lang,
            column_of,
        )
        if st.form_submit_button(
            t(f"{area}.settings.submit", lang),
            type="primary" if primary else "secondary",
            disabled=not may_save,
        ):
            submit(lambda: save(values), t(f"{area}.settings.saved", lang), place)
