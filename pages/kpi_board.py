import pandas as pd
import streamlit as st

from dashboard import auth, clock
from dashboard import kpi_views as views
from dashboard.domain import kpis as rules
from dashboard.export import safe_csv
from dashboard.i18n import current_language, label, t
from dashboard.session import page_db, run_write

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
FLASH, NONCE = "kpi_flash", "kpi_nonce"
st.session_state.setdefault(NONCE, 0)


def grid(frame: pd.DataFrame, key: str, **options) -> None:
    """An editable grid for writers; the same table, read-only, for everybody else."""
    editing = {name: options.pop(name) for name in ("num_rows", "disabled") if name in options}
    if writer:
        st.data_editor(frame, key=key, hide_index=True, **editing, **options)
    else:
        st.dataframe(frame, hide_index=True, **options)


def done(message: str) -> None:
    """Remember the success message, reset the grids and rerun with the new figures."""
    st.session_state[FLASH] = message
    st.session_state[NONCE] += 1
    st.rerun()


st.title(t("kpi.title"))
st.caption(t("kpi.caption"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
if not writer:
    st.info(t("kpi.read_only"))

kpis = views.kpi_list(path)
groups = views.group_list(path)
by_id = {k["id"]: k for k in kpis}
group_names = {g["id"]: g["name"] for g in groups}

# ---------------------------------------------------------------- filters
left, middle, tier_col, group_col = st.columns([1.2, 1.2, 1, 1.4])
kind = left.radio(
    t("kpi.filter.period_kind"), rules.PERIOD_KINDS, index=1, horizontal=True,
    format_func=lambda k: t(f"kpi.period.{k}", lang), key="kpi_period_kind",
)  # fmt: skip
periods = rules.recent_periods(kind, today, 12)
codes = [p.code for p in periods]
period_code = middle.selectbox(
    t("kpi.filter.period"), codes, index=1,
    format_func=lambda c: t("kpi.period.current", lang, code=c) if c == codes[0] else c,
    key=f"kpi_period_{kind}",
)  # fmt: skip
period = periods[codes.index(period_code)]
before = rules.previous(period)
tier = tier_col.selectbox(
    t("kpi.filter.tier"), [None, "management", "core", "ordinary"],
    format_func=lambda c: t("common.all", lang) if c is None else label("tier", c, lang),
    key="kpi_tier",
)  # fmt: skip
tier_groups = views.scope_groups(groups, tier, None)
group_id = group_col.selectbox(
    t("kpi.filter.group"), [None, *[g["id"] for g in tier_groups]],
    format_func=lambda g: t("common.all", lang) if g is None else group_names[g], key="kpi_group",
)  # fmt: skip
scope = views.scope_groups(groups, tier, group_id)
scope_ids = {g["id"] for g in scope}
st.caption(
    t(
        "kpi.period.range",
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        previous=before.code,
    )
)

board = views.board(path, kind, period.start.isoformat(), today.isoformat())
rows = [r for r in board if r["group_id"] in scope_ids]
elapsed = rules.elapsed_share(period, today)
if elapsed < 1:
    st.caption(t("kpi.period.prorated", pct=round(elapsed * 100)))
# only the open tab runs (on_change="rerun"), so the board costs one panel per rerun
tab_result, tab_process, tab_relation, tab_entry, tab_settings = st.tabs(
    [t(f"kpi.tab.{name}") for name in ("result", "process", "relation", "entry", "settings")],
    key="kpi_tab",
    on_change="rerun",
)

# ---------------------------------------------------------------- results / process
for kpi_kind, tab in (("result", tab_result), ("process", tab_process)):
    with tab:
        if not tab.open:
            continue
        kind_kpis = [k for k in kpis if k["kind"] == kpi_kind]
        if not kind_kpis:
            st.info(t("kpi.empty"))
            continue
        kind_rows = [r for r in rows if by_id[r["kpi_id"]]["kind"] == kpi_kind]
        if not kind_rows:
            st.info(t("kpi.no_values"))
            continue
        st.subheader(t("kpi.summary.title", kind=t(f"kpi.kind.{kpi_kind}")))
        st.dataframe(
            views.summary_frame(kind_kpis, kind_rows, lang), hide_index=True,
            key=f"kpi_{kpi_kind}_summary",
        )  # fmt: skip
        kpi_id = st.selectbox(
            t("kpi.pick_kpi"), [k["id"] for k in kind_kpis],
            format_func=lambda i: views.kpi_name(by_id[i], lang), key=f"kpi_{kpi_kind}_kpi",
        )  # fmt: skip
        kpi = by_id[kpi_id]
        figures = views.scope_figures(kpi, kind_rows)
        metric_cols = st.columns(4)
        metric_cols[0].metric(
            t("kpi.col.actual"), views.number_text(figures["actual"], kpi["unit"]),
            delta=None if figures["change"] is None else f"{figures['change']:+.1f}%",
            delta_color="normal" if kpi["direction"] == "up" else "inverse",
        )  # fmt: skip
        metric_cols[1].metric(
            t("kpi.col.target"), views.number_text(figures["target"], kpi["unit"])
        )
        metric_cols[2].metric(
            t("kpi.col.attainment"), views.number_text(figures["attainment"], "%")
        )
        metric_cols[3].metric(t("kpi.col.status"), views.status_text(figures["rag"]))
        chart_left, chart_right = st.columns(2)
        trend = views.trend(path, kpi_id, tuple(sorted(scope_ids)), period.end.isoformat()[:7])
        chart_left.vega_lite_chart(
            views.chart_spec(
                "trend",
                views.trend_frame(trend, lang),
                f"{views.kpi_name(kpi, lang)} · {t('kpi.trend.title')}",
            ),
            key=f"kpi_{kpi_kind}_trend",
        )
        ranking = views.ranking_frame(kpi, kind_rows, lang)
        if len(ranking):
            chart_right.vega_lite_chart(
                views.chart_spec("ranking", ranking, t("kpi.ranking.title")),
                key=f"kpi_{kpi_kind}_ranking",
            )
        if group_id is None and tier is None:
            st.markdown(f"**{t('kpi.tiers.title')}**")
            st.dataframe(views.tier_frame(kpi, kind_rows, lang), hide_index=True)
        st.markdown(f"**{t('kpi.groups.title')}**")
        only_missed = st.toggle(t("kpi.only_missed"), key=f"kpi_{kpi_kind}_missed")
        shown = views.group_frame(kpi, kind_rows, lang, only_missed)
        if shown.empty and only_missed:
            st.success(t("kpi.groups.none_missed"))
        else:
            st.dataframe(shown, hide_index=True, key=f"kpi_{kpi_kind}_groups")
        st.download_button(
            t("kpi.export"), lambda shown=shown: safe_csv(shown),
            file_name=f"kpi_{kpi['code']}_{period.code}.csv", mime="text/csv",
            key=f"kpi_{kpi_kind}_csv",
        )  # fmt: skip
        if group_id is None:
            st.caption(t("kpi.people.hint"))
        else:
            group_row = next((r for r in kind_rows if r["kpi_id"] == kpi_id), None)
            st.markdown(f"**{t('kpi.people.title', group=group_names[group_id])}**")
            people = views.people_frame(
                kpi,
                views.people(path, group_id, period.start.isoformat(), period.end.isoformat()),
                group_row["actual"] if group_row else None,
                lang,
            )
            if people.empty:
                st.caption(t("kpi.people.empty", group=group_names[group_id]))
            else:
                st.dataframe(people, hide_index=True, key=f"kpi_{kpi_kind}_people")

# ---------------------------------------------------------------- activity → results
if tab_relation.open:
    with tab_relation:
        st.caption(t("kpi.relation.intro"))
        process_kpis = [k["id"] for k in kpis if k["kind"] == "process"]
        result_kpis = [k["id"] for k in kpis if k["kind"] == "result"]
        if not process_kpis or not result_kpis:
            st.info(t("kpi.empty"))
        else:
            pick_left, pick_right = st.columns(2)
            process_id = pick_left.selectbox(
                t("kpi.relation.process"), process_kpis,
                format_func=lambda i: views.kpi_name(by_id[i], lang), key="kpi_relation_process",
            )  # fmt: skip
            result_id = pick_right.selectbox(
                t("kpi.relation.result"), result_kpis,
                format_func=lambda i: views.kpi_name(by_id[i], lang), key="kpi_relation_result",
            )  # fmt: skip
            process_name = views.kpi_name(by_id[process_id], lang)
            result_name = views.kpi_name(by_id[result_id], lang)
            pairs = views.relation_rows(rows, process_id, result_id)
            if len(pairs) < 2:
                st.info(t("kpi.relation.empty"))
            else:
                st.vega_lite_chart(
                    views.chart_spec("relation", pd.DataFrame(pairs), process_name, result_name),
                    key="kpi_relation_chart",
                )
                r = views.correlation(pairs)
                if r is not None:
                    st.caption(t("kpi.relation.correlation", r=r))
                st.markdown(
                    f"**{t('kpi.relation.missed_title', result=result_name, process=process_name)}**"
                )
                missed = views.missed_with_process(pairs, result_name, process_name, lang)
                if missed.empty:
                    st.success(t("kpi.groups.none_missed"))
                else:
                    st.dataframe(missed, hide_index=True, key="kpi_relation_missed")
                    st.download_button(
                        t("kpi.export"), lambda: safe_csv(missed),
                        file_name=f"kpi_missed_{period.code}.csv", mime="text/csv",
                        key="kpi_relation_csv",
                    )  # fmt: skip

# ---------------------------------------------------------------- data entry
if tab_entry.open:
    with tab_entry:
        if not writer:
            st.info(t("kpi.read_only"))
        elif not kpis or not groups:
            st.info(t("kpi.empty"))
        else:
            nonce = st.session_state[NONCE]
            form_col, upload_col = st.columns(2)
            with form_col:
                st.subheader(t("kpi.entry.form_title"))
                entry_group = st.selectbox(
                    t("kpi.entry.group"), [g["id"] for g in groups],
                    format_func=group_names.get, key="kpi_entry_group",
                )  # fmt: skip
                crew = views.person_choices(path, entry_group)
                with st.form("kpi_entry_form"):
                    entry_kpi = st.selectbox(
                        t("kpi.entry.kpi"), [k["id"] for k in kpis],
                        format_func=lambda i: views.kpi_name(by_id[i], lang), key="kpi_entry_kpi",
                    )  # fmt: skip
                    entry_person = st.selectbox(
                        t("kpi.entry.person"), [None, *[p["id"] for p in crew]],
                        format_func=lambda p: t("common.none", lang) if p is None else
                        next(c["name"] for c in crew if c["id"] == p),
                        key="kpi_entry_person",
                    )  # fmt: skip
                    entry_day = st.date_input(
                        t("kpi.entry.day"), value=today, max_value=today, key="kpi_entry_day"
                    )
                    entry_value = st.text_input(t("kpi.entry.value"), key="kpi_entry_value")
                    if st.form_submit_button(t("kpi.entry.submit"), type="primary") and run_write(
                        lambda: rules.enter_value(
                            db,
                            auth.actor(),
                            entry_kpi,
                            entry_group,
                            entry_day,
                            entry_value,
                            today,
                            entry_person,
                        )  # fmt: skip
                    ):
                        done(t("kpi.entry.saved"))
            with upload_col:
                st.subheader(t("kpi.upload.title"))
                st.caption(t("kpi.upload.help"))
                st.download_button(
                    t("kpi.upload.template"), views.template_csv(), file_name="kpi_values.csv",
                    mime="text/csv", key="kpi_upload_template",
                )  # fmt: skip
                upload = st.file_uploader(
                    t("kpi.upload.file"), type=["csv", "xlsx"], key=f"kpi_upload_{nonce}"
                )
                if upload is not None:
                    records = run_write(
                        lambda: views.upload_records(upload.name, upload.getvalue())
                    )
                    if isinstance(records, list):
                        st.caption(t("kpi.upload.preview", rows=len(records), name=upload.name))
                        if st.button(t("kpi.upload.submit"), type="primary", key="kpi_upload_go"):
                            bar = st.progress(0.0, text=t("kpi.upload.progress", rows=len(records)))
                            imported = run_write(
                                lambda: rules.import_values(
                                    db,
                                    auth.actor(),
                                    records,
                                    today,
                                    progress=lambda f: bar.progress(min(f, 1.0)),
                                )  # fmt: skip
                            )
                            bar.empty()
                            if imported:
                                done(t("kpi.upload.done", rows=imported))

            st.subheader(t("kpi.editor.title"))
            st.caption(t("kpi.editor.help"))
            pick = st.columns(3)
            edit_kpi = pick[0].selectbox(
                t("kpi.entry.kpi"), [k["id"] for k in kpis],
                format_func=lambda i: views.kpi_name(by_id[i], lang), key="kpi_editor_kpi",
            )  # fmt: skip
            edit_group = pick[1].selectbox(
                t("kpi.entry.group"), [g["id"] for g in groups],
                format_func=group_names.get, key="kpi_editor_group",
            )  # fmt: skip
            month_codes = [p.code for p in rules.recent_periods("month", today, 18)]
            edit_month = pick[2].selectbox(
                t("kpi.editor.month"), month_codes, key="kpi_editor_month"
            )
            base = views.raw_values(path, edit_kpi, edit_group, edit_month)
            values_grid = pd.DataFrame(base, columns=["id", "day", "person_id", "person", "value"])
            editor_key = f"kpi_editor_{edit_kpi}_{edit_group}_{edit_month}_{nonce}"
            st.data_editor(
                values_grid[["day", "person", "value"]],
                num_rows="dynamic",
                hide_index=True,
                disabled=["person"],
                column_config={
                    "day": st.column_config.TextColumn(t("kpi.col.day")),
                    "person": st.column_config.TextColumn(t("kpi.col.person")),
                    "value": st.column_config.NumberColumn(t("kpi.col.value")),
                },
                key=editor_key,
            )
            if st.button(t("common.save"), key="kpi_editor_save"):
                state = st.session_state.get(editor_key, {})
                count = run_write(
                    lambda: rules.save_editor(
                        db,
                        auth.actor(),
                        edit_kpi,
                        edit_group,
                        base,
                        state.get("edited_rows", {}),
                        state.get("added_rows", []),
                        state.get("deleted_rows", []),
                        today,
                    )  # fmt: skip
                )
                if count:
                    done(t("kpi.editor.saved", count=count))

# ---------------------------------------------------------------- settings
if tab_settings.open:
    with tab_settings:
        nonce = st.session_state[NONCE]
        st.subheader(t("kpi.settings.definitions"))
        st.caption(t("kpi.settings.definitions_help"))
        fields = list(rules.store_fields())
        definitions = pd.DataFrame(kpis, columns=fields)
        choice = st.column_config.SelectboxColumn
        definitions_key = f"kpi_definitions_{nonce}"
        grid(
            definitions,
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
                    format_func=lambda c: t(f"kpi.kind.{c}", lang),
                ),
                "unit": st.column_config.TextColumn(t("kpi.col.unit")),
                "direction": choice(
                    t("kpi.col.direction"),
                    options=["up", "down"],
                    required=True,
                    format_func=lambda c: t(f"kpi.direction.{c}", lang),
                ),
                "aggregation": choice(
                    t("kpi.col.aggregation"),
                    options=["sum", "avg", "last"],
                    required=True,
                    format_func=lambda c: t(f"kpi.aggregation.{c}", lang),
                ),
                "min_value": st.column_config.NumberColumn(t("kpi.col.min")),
                "max_value": st.column_config.NumberColumn(t("kpi.col.max")),
            },
            key=definitions_key,
        )
        if writer and st.button(t("common.save"), key="kpi_definitions_save"):
            state = st.session_state.get(definitions_key, {})
            count = run_write(
                lambda: rules.save_definitions(
                    db,
                    auth.actor(),
                    kpis,
                    state.get("edited_rows", {}),
                    state.get("added_rows", []),
                )
            )
            if count:
                done(t("kpi.settings.definitions_saved", count=count))

        st.subheader(t("kpi.settings.targets"))
        st.caption(t("kpi.settings.targets_help"))
        target_month = st.selectbox(
            t("kpi.settings.targets_month"), rules.target_months(today), index=1,
            key="kpi_targets_month",
        )  # fmt: skip
        targets = views.targets_grid(kpis, groups, views.month_targets(path, target_month), lang)
        targets_key = f"kpi_targets_{target_month}_{nonce}"
        grid(
            targets,
            disabled=["group_id", "group"],
            column_order=["group", *[k["code"] for k in kpis]],
            column_config={
                "group": st.column_config.TextColumn(t("kpi.col.group")),
                **{
                    k["code"]: st.column_config.NumberColumn(views.kpi_name(k, lang), format="%g")
                    for k in kpis
                },
            },
            key=targets_key,
        )
        if writer and st.button(t("common.save"), key="kpi_targets_save"):
            state = st.session_state.get(targets_key, {})
            count = run_write(
                lambda: rules.save_target_grid(
                    db,
                    auth.actor(),
                    target_month,
                    targets.to_dict("records"),
                    state.get("edited_rows", {}),
                    {k["code"]: k["id"] for k in kpis},
                )  # fmt: skip
            )
            if count:
                done(t("kpi.settings.targets_saved", count=count))
