"""The panels of the talent bench page: its context, the metrics, and the coverage,
channels and role catalogue tabs (the board tab is in ``dashboard.pipeline_board_panels``).

Each panel takes the page's ``BenchContext`` (the session, the names and the rows the
filters chose) and lays out its widgets; loaders, translators and charts are in
``dashboard.pipeline_views``. Every write's message is kept for ``NOTICES``, which the page
shows above its tabs.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import pipeline_views as views
from dashboard.domain import pipeline as bench
from dashboard.export import safe_csv
from dashboard.grids import data_grid, save_grid
from dashboard.i18n import label, t
from dashboard.i18n.formats import format_percent, localized
from dashboard.scope import can_write_any, can_write_group
from dashboard.session import notify, submit
from dashboard.tables import show_table
from db.pipeline import OPEN_STAGES
from db.schema import SOURCES, TIERS

NOTICES = "pipeline_tabs"  # where the page shows what the last write did (above the tabs)


@dataclass
class BenchContext:
    """What the panels of the bench need: the session, the names, and the rows chosen."""

    db: Database
    path: str
    lang: str
    today: date
    actor: str
    writable: set[int] | None  # None: every group; empty: a viewer
    roles: pd.DataFrame
    groups: list[dict]
    role_name: dict[int, str]
    group_name: dict[int, str]
    person_name: dict[int, str]
    candidacies: pd.DataFrame
    by_candidacy: pd.DataFrame  # the candidacies indexed by id (option labels look rows up)
    coverage: pd.DataFrame
    shown: pd.DataFrame = field(default_factory=pd.DataFrame)
    shown_coverage: pd.DataFrame = field(default_factory=pd.DataFrame)
    open_shown: pd.DataFrame = field(default_factory=pd.DataFrame)
    open_mine: pd.DataFrame = field(default_factory=pd.DataFrame)
    board_editable: bool = False

    @classmethod
    def load(
        cls,
        db: Database,
        path: str,
        lang: str,
        today: date,
        actor: str,
        writable: set[int] | None,
    ) -> "BenchContext":
        """The bench as stored, before any filter."""
        roles = views.roles_frame(path)
        groups = views.live_groups(path)
        candidacies = views.candidacies_frame(path)
        return cls(
            db=db,
            path=path,
            lang=lang,
            today=today,
            actor=actor,
            writable=writable,
            roles=roles,
            groups=groups,
            role_name={int(r["id"]): localized(r, "name", lang) for r in roles.to_dict("records")},
            group_name={g["id"]: g["name"] for g in groups},
            person_name={p["id"]: p["name"] for p in views.present_people(path)},
            candidacies=candidacies,
            by_candidacy=candidacies.set_index("id"),
            coverage=views.coverage_frame(path),
        )

    def choose(
        self, role_ids: list[int], tiers: list[str], group_ids: list[int], only_mine: bool
    ) -> None:
        """Keep the rows the filters chose, and what of them the user may change."""
        self.shown = views.filter_frame(self.candidacies, role_ids, tiers, group_ids)
        self.shown_coverage = views.filter_frame(self.coverage, role_ids, tiers, group_ids)
        self.open_shown = self.shown[self.shown["stage"].isin(OPEN_STAGES)]
        # what the user may change: only these are offered in the forms
        self.open_mine = self.open_shown[  # a Series: an empty list would drop every column
            self.open_shown["group_id"]
            .map(lambda g: can_write_group(self.writable, g))
            .astype(bool)
        ]
        self.board_editable = self.writable is None or (
            only_mine and len(self.open_mine) == len(self.open_shown)
        )

    @property
    def writer(self) -> bool:
        """Whether the user may change anything on the bench."""
        return can_write_any(self.writable)

    def candidacy_option(self, candidacy_id: int) -> str:
        """A candidacy as a select box shows it: person, role, group and stage."""
        row = self.by_candidacy.loc[candidacy_id]
        return t(
            "pipeline.candidacy.option",
            person=row["person_name"],
            role=self.role_name.get(int(row["role_id"]), ""),
            group=row["group_name"],
            stage=label("pipeline.stage", row["stage"]),
        )


def metrics(ctx: BenchContext) -> None:
    """Key positions, those at risk, ready successors and open candidacies."""
    positions, at_risk, ready_now, open_count = st.columns(4)
    positions.metric(t("pipeline.metric.positions"), len(ctx.shown_coverage))
    at_risk.metric(t("pipeline.metric.at_risk"), int(ctx.shown_coverage["at_risk"].sum()))
    ready_now.metric(t("pipeline.metric.ready"), int(ctx.shown_coverage["ready"].sum()))
    open_count.metric(t("pipeline.metric.open"), len(ctx.open_shown))


# ---------------------------------------------------------------- coverage tab


def person_select(where, ctx: BenchContext, label_key: str, key: str) -> int | None:
    """A selectbox of every person in ``where`` (``st`` or a column), none chosen at first."""
    return where.selectbox(
        t(label_key),
        list(ctx.person_name),
        format_func=ctx.person_name.get,
        index=None,
        key=key,
        placeholder=t("common.choose"),
    )


def source_select(where, key: str) -> str:
    """A selectbox of where a candidate came from, in ``where`` (``st`` or a column)."""
    return where.selectbox(
        t("pipeline.add.source"),
        list(SOURCES),
        format_func=lambda s: label("source", s),
        key=key,
    )


def coverage_panel(ctx: BenchContext) -> None:
    """Bench coverage of the key positions: chart, table (optionally at risk only), CSV."""
    st.caption(t("pipeline.coverage.help"))
    if ctx.shown_coverage.empty:
        st.info(t("pipeline.coverage.empty"))
        return
    st.altair_chart(views.coverage_chart(ctx.shown_coverage, ctx.lang), width="stretch")
    only_risk = st.toggle(t("pipeline.coverage.only_at_risk"), key="pipeline_only_risk")
    shown = ctx.shown_coverage
    table = views.coverage_table(shown[shown["at_risk"]] if only_risk else shown, ctx.lang)
    show_table(table, hide_index=True, key="pipeline_coverage")
    st.download_button(
        t("common.download_csv"),
        safe_csv(table),
        file_name="bench_coverage.csv",
        mime="text/csv",
        key="pipeline_coverage_csv",
    )


def observer_form(ctx: BenchContext) -> None:
    """Act on the coverage: put an observer on a position at risk in the user's groups."""
    at_risk_shown = ctx.shown_coverage[ctx.shown_coverage["at_risk"]].to_dict("records")
    risky = [p for p in at_risk_shown if can_write_group(ctx.writable, p["group_id"])]
    with st.expander(t("pipeline.coverage.act_title"), expanded=bool(risky)):
        if not risky:
            st.info(t("scope.nothing_yours" if at_risk_shown else "pipeline.coverage.act_none"))
            return
        with st.form("pipeline_act_form"):
            position = st.selectbox(
                t("pipeline.coverage.position"),
                range(len(risky)),
                format_func=lambda i: t(
                    "pipeline.coverage.position_option",
                    role=views.role_label(risky[i], ctx.lang),
                    group=risky[i]["group_name"],
                    status=label("pipeline.status", risky[i]["status"]),
                ),
                key="pipeline_act_position",
            )
            act_person, act_source = st.columns(2)
            observer = person_select(act_person, ctx, "pipeline.add.person", "pipeline_act_person")
            source = source_select(act_source, "pipeline_act_source")
            referrer = person_select(st, ctx, "pipeline.add.referrer", "pipeline_act_referrer")
            if st.form_submit_button(
                t("pipeline.coverage.act_submit"),
                key="pipeline_act_submit",
                disabled=not ctx.writer,
            ):
                chosen = risky[position]
                submit(
                    lambda: bench.add_candidacy(
                        ctx.db,
                        ctx.actor,
                        person_id=observer,
                        role_id=int(chosen["role_id"]),
                        group_id=int(chosen["group_id"]),
                        source=source,
                        referred_by=referrer,
                        readiness="12m",
                        stage="observer",
                        today=ctx.today,
                    ),
                    t("pipeline.add.saved"),
                    place=NOTICES,
                )


# ---------------------------------------------------------------- channels tab


def channels_panel(ctx: BenchContext) -> None:
    """Talents, appointments and conversion per discovery channel."""
    st.caption(t("pipeline.channels.help"))
    channels = views.channels_frame(ctx.path)
    if int(channels["talents"].sum()) == 0:
        st.info(t("pipeline.channels.empty"))
        return
    st.altair_chart(views.channels_chart(channels, ctx.lang), width="stretch")
    show_table(
        {
            t("pipeline.col.source"): [label("source", s) for s in channels["source"]],
            t("pipeline.col.talents"): channels["talents"],
            t("pipeline.col.appointed"): channels["appointed"],
            t("pipeline.col.conversion"): [
                format_percent(c, ctx.lang) for c in channels["conversion"]
            ],
        },
        hide_index=True,
    )


# ---------------------------------------------------------------- roles tab


def roles_panel(ctx: BenchContext) -> None:
    """The role catalogue: a grid a team-wide writer edits (and adds to), read-only else."""
    st.caption(t("pipeline.roles.help"))
    editor_key = f"pipeline_roles_editor_{st.session_state.setdefault('pipeline_roles_rev', 0)}"
    team_wide = ctx.writable is None  # the catalogue is team-wide
    # in a form, the grid's edits travel with the save click (no lost last edit)
    with st.form("pipeline_roles_form", border=False):
        data_grid(
            "pipeline_roles",
            views.role_catalogue(ctx.roles),
            editor_key,
            "id",
            num_rows="add" if team_wide else "fixed",
            disabled=not team_wide,
            # the Chinese UI edits the Chinese names (English ones in the English UI)
            column_order=[
                c for c in ctx.roles.columns if c != "id" and (ctx.lang != "zh" or c != "name")
            ],
            column_config={
                "code": st.column_config.TextColumn(t("pipeline.col.code")),
                "name": st.column_config.TextColumn(t("pipeline.col.name")),
                "name_zh": st.column_config.TextColumn(t("pipeline.col.name_zh")),
                "tier": st.column_config.SelectboxColumn(
                    t("pipeline.col.tier"),
                    options=list(TIERS),
                    format_func=lambda tier: label("tier", tier, ctx.lang),
                ),
                "is_key": st.column_config.CheckboxColumn(t("pipeline.col.is_key")),
                "description": st.column_config.TextColumn(t("pipeline.col.description")),
            },
        )
        save_roles = st.form_submit_button(
            t("pipeline.roles.save"), key="pipeline_roles_save", disabled=not team_wide
        )
    if save_roles:
        count = save_grid(
            "pipeline_roles",
            ctx.db,
            lambda fresh: views.role_catalogue(views.roles_table(fresh)),
            lambda changes: bench.apply_role_grid(ctx.db, ctx.actor, changes),
        )
        if count:
            st.session_state["pipeline_roles_rev"] += 1  # a fresh grid on the saved rows
            notify(t("pipeline.roles.saved", count=count), place=NOTICES)
            st.rerun()
