"""Panels of the KPI board that write: the Enter data tab (one-value form, CSV/Excel
upload and import, values grid) and the Settings tab (KPI definitions, monthly targets).
Each offers only what the signed-in role may change."""

import pandas as pd
import streamlit as st

from dashboard import auth
from dashboard.domain import kpis as rules
from dashboard.domain import tabular
from dashboard.export import safe_csv
from dashboard.grids import data_grid, save_grid
from dashboard.i18n import t
from dashboard.kpi_panels import NONCE_KEY, BoardContext, done
from dashboard.kpi_views import (
    accepted_headers,
    detected_text,
    kpi_name,
    month_days,
    month_targets,
    person_choices,
    problems_frame,
    raw_values,
    targets_grid,
    template_csv,
    template_xlsx,
    upload_records,
    values_frame,
)
from dashboard.scope import in_scope
from dashboard.session import run_write
from dashboard.tables import show_table
from db import kpis as store
from db.activity import ACTIVITY_METRICS
from db.errors import ValidationError


def entry_panel(ctx: BoardContext) -> None:
    """The Enter data tab: one-value form, CSV/Excel upload, values grid."""
    if not ctx.writer:
        st.info(t("kpi.read_only"))
    elif not ctx.kpis or not ctx.groups:
        st.info(t("kpi.empty"))
    else:
        nonce = st.session_state[NONCE_KEY]
        form_col, upload_col = st.columns(2)
        with form_col:
            st.subheader(t("kpi.entry.form_title"))
            entry_group = st.selectbox(
                t("kpi.entry.group"),
                in_scope([g["id"] for g in ctx.groups], auth.writable_groups()),
                format_func=ctx.group_names.get,
                key="kpi_entry_group",
            )
            crew = person_choices(ctx.path, entry_group)
            with st.form("kpi_entry_form"):
                entry_kpi = st.selectbox(
                    t("kpi.entry.kpi"),
                    [k["id"] for k in ctx.kpis],
                    format_func=lambda i: kpi_name(ctx.by_id[i], ctx.lang),
                    key="kpi_entry_kpi",
                )
                entry_person = st.selectbox(
                    t("kpi.entry.person"),
                    [None, *[p["id"] for p in crew]],
                    format_func=lambda p: (
                        t("common.none", ctx.lang)
                        if p is None
                        else next(c["name"] for c in crew if c["id"] == p)
                    ),
                    key="kpi_entry_person",
                )
                entry_day = st.date_input(
                    t("kpi.entry.day"), value=ctx.today, max_value=ctx.today, key="kpi_entry_day"
                )
                entry_value = st.text_input(t("kpi.entry.value"), key="kpi_entry_value")
                if st.form_submit_button(t("kpi.entry.submit"), type="primary") and run_write(
                    lambda: rules.enter_value(
                        ctx.db,
                        auth.actor(),
                        entry_kpi,
                        entry_group,
                        entry_day,
                        entry_value,
                        ctx.today,
                        entry_person,
                    )
                ):
                    done(t("kpi.entry.saved"))
        with upload_col:
            st.subheader(t("kpi.upload.title"))
            st.caption(t("kpi.upload.help"))
            with st.expander(t("kpi.upload.formats_title")):
                st.markdown(t("kpi.upload.formats"))
                show_table(accepted_headers(ctx.lang), hide_index=True, key="kpi_upload_headers")
            template_csv_col, template_xlsx_col = st.columns(2)
            template_csv_col.download_button(
                t("kpi.upload.template"),
                template_csv(ctx.lang),
                file_name="kpi_values.csv",
                mime="text/csv",
                key="kpi_upload_template",
                on_click="ignore",
            )
            template_xlsx_col.download_button(
                t("kpi.upload.template_xlsx"),
                template_xlsx(ctx.lang),
                file_name="kpi_values.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="kpi_upload_template_xlsx",
                on_click="ignore",
            )
            upload = st.file_uploader(
                t("kpi.upload.file"),
                type=["csv", "tsv", "txt", "xlsx", "xls"],  # an .xls gets told how to convert it
                key=f"kpi_upload_{nonce}",
            )
            if upload is not None:
                table = run_write(lambda: upload_records(upload.name, upload.getvalue()))
                rows = (
                    None if table is None else run_write(lambda: upload_rows(upload.file_id, table))
                )
                if rows is not None:
                    st.caption(t("kpi.upload.preview", rows=rows, name=upload.name))
                    st.caption(detected_text(table, ctx.lang))
                    if st.button(t("kpi.upload.submit"), type="primary", key="kpi_upload_go"):
                        import_panel(ctx, table, rows)

        st.subheader(t("kpi.editor.title"))
        st.caption(t("kpi.editor.help"))
        pick = st.columns(3)
        edit_kpi = pick[0].selectbox(
            t("kpi.entry.kpi"),
            [k["id"] for k in ctx.kpis],
            format_func=lambda i: kpi_name(ctx.by_id[i], ctx.lang),
            key="kpi_editor_kpi",
        )
        edit_group = pick[1].selectbox(
            t("kpi.entry.group"),
            [g["id"] for g in ctx.groups],
            format_func=ctx.group_names.get,
            key="kpi_editor_group",
        )
        month_codes = [p.code for p in rules.recent_periods("month", ctx.today, 18)]
        edit_month = pick[2].selectbox(t("kpi.editor.month"), month_codes, key="kpi_editor_month")
        editor_key = f"kpi_editor_{edit_kpi}_{edit_group}_{edit_month}_{nonce}"
        data_grid(
            "kpi_values",
            values_frame(raw_values(ctx.path, edit_kpi, edit_group, edit_month)),
            editor_key,
            "id",
            num_rows="dynamic",
            disabled=["person"],
            column_order=["day", "person", "value"],
            column_config={
                "day": st.column_config.TextColumn(t("kpi.col.day")),
                "person": st.column_config.TextColumn(t("kpi.col.person")),
                "value": st.column_config.NumberColumn(t("kpi.col.value")),
            },
        )
        if st.button(t("common.save"), key="kpi_editor_save"):
            count = save_grid(
                "kpi_values",
                ctx.db,
                lambda fresh: values_frame(
                    store.values_of(fresh, edit_kpi, edit_group, *month_days(edit_month))
                ),
                lambda changes: rules.save_values(
                    ctx.db, auth.actor(), edit_kpi, edit_group, changes, ctx.today
                ),
            )
            if count:
                done(t("kpi.editor.saved", count=count))


UPLOAD_ROWS_KEY = "kpi_upload_rows"  # session-state key: (uploaded file's id, its row count)


def upload_rows(file_id: str, table: tabular.TableStream) -> int:
    """The upload's row count, counted once per uploaded file (reading 50 MB takes seconds,
    and the page reruns at every click)."""
    counted = st.session_state.get(UPLOAD_ROWS_KEY)
    if counted is None or counted[0] != file_id:
        counted = (file_id, table.count())
        st.session_state[UPLOAD_ROWS_KEY] = counted
    return counted[1]


def import_panel(ctx: BoardContext, table: tabular.TableStream, rows: int) -> None:
    """Import an uploaded table with a progress bar; on failure, every problem in a table
    (the first ``MAX_REPORTED_ERRORS`` on screen, all of them in a download)."""
    problems = []

    def attempt() -> int:
        try:
            return rules.import_upload(
                ctx.db,
                auth.actor(),
                table,
                ctx.today,
                rows=rows,
                progress=lambda f: bar.progress(min(f, 1.0)),
            )
        except ValidationError as error:
            problems.extend(error.row_errors)
            error.row_errors = []  # listed in the table below, not as bullets
            raise

    bar = st.progress(0.0, text=t("kpi.upload.progress", rows=rows))
    imported = run_write(attempt)
    bar.empty()
    if imported:
        done(t("kpi.upload.done", rows=imported))
    if problems:
        frame = problems_frame(problems, ctx.lang)
        show_table(frame.head(rules.MAX_REPORTED_ERRORS), hide_index=True, key="kpi_problems")
        if len(frame) > rules.MAX_REPORTED_ERRORS:
            st.caption(
                t("kpi.upload.problems_capped", shown=rules.MAX_REPORTED_ERRORS, total=len(frame))
            )
        st.download_button(
            t("kpi.upload.problems_download"),
            safe_csv(frame),
            file_name="kpi_import_problems.csv",
            mime="text/csv",
            key="kpi_problems_csv",
            on_click="ignore",
        )


def settings_panel(ctx: BoardContext) -> None:
    """The Settings tab: KPI definitions and monthly targets grids."""
    nonce = st.session_state[NONCE_KEY]
    st.subheader(t("kpi.settings.definitions"))
    st.caption(t("kpi.settings.definitions_help"))
    fields = list(rules.store_fields())
    definitions = pd.DataFrame(ctx.kpis, columns=fields)
    choice = st.column_config.SelectboxColumn
    definitions_key = f"kpi_definitions_{nonce}"
    ctx.grid(
        "kpi_definitions",
        definitions,
        definitions_key,
        "id",
        num_rows="add",
        disabled=["id"],
        column_order=fields[1:],
        column_config={
            "code": st.column_config.TextColumn(t("kpi.col.code"), required=True),
            "name": st.column_config.TextColumn(t("kpi.col.name"), required=True),
            "name_zh": st.column_config.TextColumn(t("kpi.col.name_zh")),
            "kind": choice(
                t("kpi.col.kind"),
                options=["result", "process"],
                required=True,
                format_func=lambda c: t(f"kpi.kind.{c}", ctx.lang),
            ),
            "unit": st.column_config.TextColumn(t("kpi.col.unit")),
            "direction": choice(
                t("kpi.col.direction"),
                options=["up", "down"],
                required=True,
                format_func=lambda c: t(f"kpi.direction.{c}", ctx.lang),
            ),
            "aggregation": choice(
                t("kpi.col.aggregation"),
                options=["sum", "avg", "last"],
                required=True,
                format_func=lambda c: t(f"kpi.aggregation.{c}", ctx.lang),
            ),
            "min_value": st.column_config.NumberColumn(t("kpi.col.min")),
            "max_value": st.column_config.NumberColumn(t("kpi.col.max")),
            "activity_metric": choice(
                t("kpi.col.activity_metric"),
                options=list(ACTIVITY_METRICS),
                format_func=lambda c: t(f"kpi.metric.{c}", ctx.lang),
            ),
        },
    )
    if ctx.writer and st.button(t("common.save"), key="kpi_definitions_save"):
        count = save_grid(
            "kpi_definitions",
            ctx.db,
            lambda fresh: pd.DataFrame(store.kpis(fresh), columns=fields),
            lambda changes: rules.save_definitions(ctx.db, auth.actor(), changes),
        )
        if count:
            done(t("kpi.settings.definitions_saved", count=count))

    st.subheader(t("kpi.settings.targets"))
    st.caption(t("kpi.settings.targets_help"))
    target_month = st.selectbox(
        t("kpi.settings.targets_month"),
        rules.target_months(ctx.today),
        index=1,
        key="kpi_targets_month",
    )
    targets = targets_grid(ctx.kpis, ctx.groups, month_targets(ctx.path, target_month), ctx.lang)
    targets_key = f"kpi_targets_{target_month}_{nonce}"
    ctx.grid(
        "kpi_targets",
        targets,
        targets_key,
        "group_id",
        disabled=["group_id", "group"],
        column_order=["group", *[k["code"] for k in ctx.kpis]],
        column_config={
            "group": st.column_config.TextColumn(t("kpi.col.group")),
            **{
                k["code"]: st.column_config.NumberColumn(kpi_name(k, ctx.lang), format="%g")
                for k in ctx.kpis
            },
        },
    )
    if ctx.writer and st.button(t("common.save"), key="kpi_targets_save"):
        count = save_grid(
            "kpi_targets",
            ctx.db,
            lambda fresh: targets_grid(
                store.kpis(fresh),
                store.groups(fresh),
                store.targets(fresh, target_month, target_month),
                ctx.lang,
            ),
            lambda changes: rules.save_target_grid(
                ctx.db, auth.actor(), target_month, changes, {k["code"]: k["id"] for k in ctx.kpis}
            ),
        )
        if count:
            done(t("kpi.settings.targets_saved", count=count))
