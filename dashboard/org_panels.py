"""The org structure page's context and panels: the tree, the groups grid, the drag board
and the history. The panels with forms (people, split and merge) are in
``dashboard.org_forms``.

Each panel takes the page's ``OrgContext`` (what every panel reads: the session's
connection, the signed-in user's rights and the structure's frames) and draws one tab.
Loaders and frames are in ``dashboard.org_views``, the tree's pictures in
``dashboard.org_tree``.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import auth, clock
from dashboard import org_views as views
from dashboard.domain import org
from dashboard.dragdrop import drag_board, static_board
from dashboard.export import safe_csv
from dashboard.grids import data_grid, save_grid
from dashboard.health_views import health_column
from dashboard.i18n import current_language, error_text, label, t
from dashboard.org_tree import stage_text, tree_dot, tree_layout, tree_png, tree_svg
from dashboard.org_views import (
    DERIVED_COLUMNS,
    all_group_names,
    board_columns,
    current_grid_frame,
    grid_frame,
    history_frame,
    history_rows,
    org_settings,
    shown_columns,
    with_lifecycle,
)
from dashboard.scope import can_write_group
from dashboard.session import invalidating, notify, show_notices
from dashboard.tables import show_table
from db.errors import OpsError
from db.schema import TIERS

BIG_TREE = 40  # ordinary groups above which the tree opens with core groups collapsed


@dataclass
class OrgContext:
    """What every panel of the org page reads: the session's connection, the signed-in
    user's rights, the live groups, and (each loaded when a panel first asks for it) the
    people, memberships, roles and their labels, which the tree does not need."""

    db: Database
    path: str
    lang: str
    today: date
    actor: str  # the username writes are made as
    writable: bool
    scope: set[int] | None  # the groups the user may change (``None``: the whole tree)
    groups: pd.DataFrame
    group_name: dict[int, str]
    settings: dict[str, int]  # lifecycle and split-readiness thresholds

    @cached_property
    def members(self) -> pd.DataFrame:
        """Open memberships with person, group and role names."""
        return views.members_frame(self.path)

    @cached_property
    def people(self) -> pd.DataFrame:
        """Everybody, leavers included."""
        return views.people_frame(self.path)

    @cached_property
    def roles(self) -> list[dict]:
        return views.roles_list(self.path)

    @cached_property
    def role_name(self) -> dict[int, str]:
        return {role["id"]: views.role_label(role, self.lang) for role in self.roles}

    @cached_property
    def present(self) -> pd.DataFrame:
        """People who have not left."""
        return self.people[self.people["status"] != "left"]

    @cached_property
    def person_name(self) -> dict[int, str]:
        return dict(zip(self.people["id"], self.people["name"], strict=True))

    @cached_property
    def owner_label(self) -> dict[int, str]:
        return views.present_labels(self.path)

    @cached_property
    def membership_texts(self) -> dict[int, str]:
        return views.membership_texts(self.path, self.lang)

    def person_with_id(self, person_id: int) -> str:
        """``name #id``: a person's name as the pickers show it."""
        return f"{self.person_name[person_id]} #{person_id}"


def org_context(db: Database, path: str, groups: pd.DataFrame) -> OrgContext:
    """The page's context for the signed-in user, over the live ``groups``."""
    today, settings = clock.today(), org_settings(path)
    groups = with_lifecycle(groups, today, settings)
    return OrgContext(
        db=db,
        path=path,
        lang=current_language(),
        today=today,
        actor=auth.actor(),
        writable=auth.can_write(),
        scope=auth.writable_groups(),  # the forms offer only targets in it
        groups=groups,
        group_name=dict(zip(groups["id"], groups["name"], strict=True)),
        settings=settings,
    )


def reset_grid() -> None:
    """Start the grid afresh (in the default order), with groups this session just created
    or archived."""
    st.session_state.pop("org_grid_order", None)
    st.session_state["org_grid_revision"] = st.session_state.get("org_grid_revision", 0) + 1


# ---------------------------------------------------------------- tree


def tree_panel(ctx: OrgContext) -> None:
    """Head counts, the tree (filtered by tier, parents collapsible) and its downloads."""
    groups, lang = ctx.groups, ctx.lang
    counts = st.columns(4)
    counts[0].metric(t("org.metric.groups"), len(groups))
    counts[1].metric(t("org.metric.people"), views.people_in_groups(ctx.path))
    counts[2].metric(
        t("org.metric.full"),
        int((groups["capacity"].notna() & (groups["head_count"] >= groups["capacity"])).sum()),
    )
    counts[3].metric(t("org.metric.no_owner"), int(groups["lead_name"].isna().sum()))
    left, middle, right = st.columns(3)
    tiers = left.multiselect(
        t("org.tree.filter_tiers"),
        options=list(TIERS),
        default=list(TIERS),
        format_func=lambda tier: label("tier", tier, lang),
        key="org_tree_tiers",
        placeholder=t("common.choose_many"),
    )
    stages = middle.multiselect(
        t("org.tree.filter_stages"),
        options=list(org.STAGES),
        default=list(org.STAGES),
        format_func=lambda stage: t(f"org.stage.{stage}", lang),
        key="org_tree_stages",
        placeholder=t("common.choose_many"),
        help=t(
            "org.tree.stage_help",
            new=ctx.settings["new_months"],
            mature=ctx.settings["mature_months"],
            ageing=ctx.settings["ageing_months"],
        ),
    )
    groups = groups[groups["stage"].isin(stages)]
    parents = groups[groups["tier"] != "ordinary"]
    # a big team's tree starts with its core groups collapsed: hundreds of boxes are
    # neither readable nor quick to draw
    big_tree = int((groups["tier"] == "ordinary").sum()) > BIG_TREE
    collapsed = right.multiselect(
        t("org.tree.collapsed"),
        options=list(parents["id"]),
        default=list(parents.loc[parents["tier"] == "core", "id"]) if big_tree else None,
        format_func=ctx.group_name.get,
        key="org_tree_collapsed",
        placeholder=t("common.choose_many"),
        help=t("org.tree.collapsed_help"),
    )
    dot = tree_dot(groups, lang, tiers, set(collapsed))
    st.graphviz_chart(dot, width="stretch")
    layout = tree_layout(groups, lang, tiers, set(collapsed))
    # the PNG (~0.4 s to draw) is made only when asked for
    downloads = st.columns(3)
    downloads[0].download_button(
        t("org.tree.download_svg"),
        tree_svg(layout),
        "org_tree.svg",
        "image/svg+xml",
        key="org_tree_svg",
    )
    downloads[1].download_button(
        t("org.tree.download_png"),
        lambda: tree_png(layout),
        "org_tree.png",
        "image/png",
        key="org_tree_png",
    )
    downloads[2].download_button(
        t("org.tree.download_dot"), dot, "org_tree.dot", "text/vnd.graphviz", key="org_tree_dot"
    )


# ---------------------------------------------------------------- groups grid


def groups_grid_panel(ctx: OrgContext) -> None:
    """The groups as an editable grid, saved by row id in one transaction."""
    groups, lang, writable, group_name = ctx.groups, ctx.lang, ctx.writable, ctx.group_name
    st.caption(t("org.grid.help"))
    st.session_state.setdefault("org_grid_revision", 0)
    editor_key = f"org_grid_{st.session_state['org_grid_revision']}"
    parent_ids = list(groups[groups["tier"] != "ordinary"]["id"])
    owner_ids = list(ctx.present["id"])
    every_group = grid_frame(groups, st.session_state.get("org_grid_order"))
    stage = dict(zip(groups["id"], groups["stage"], strict=True))
    age = dict(zip(groups["id"], groups["age_months"], strict=True))
    every_group["stage"] = every_group["id"].map(lambda gid: stage_text(stage[gid], age[gid], lang))
    every_group["health"] = every_group["id"].map(health_column(ctx.path, ctx.today, lang))
    # a lead limited to a subtree edits only its groups; the others are shown read-only
    partial = writable and ctx.scope is not None
    in_scope = every_group["id"].map(lambda gid: can_write_group(ctx.scope, gid))
    shown = every_group[in_scope].reset_index(drop=True) if partial else every_group
    data_grid(
        "org_groups",
        shown,
        editor_key,
        "id",
        num_rows="dynamic" if writable else "fixed",
        disabled=not writable or list(DERIVED_COLUMNS),
        height=min(35 * (len(shown) + 2) + 3, 900),  # every row in view, up to ~24
        column_order=shown_columns("owner_id"),
        column_config={
            "name": st.column_config.TextColumn(
                t("org.grid.name"), required=True, max_chars=org.MAX_GROUP_NAME
            ),
            "tier": st.column_config.SelectboxColumn(
                t("org.grid.tier"),
                options=list(TIERS),
                format_func=lambda tier: label("tier", tier, lang),
                default="ordinary",
                help=t("org.grid.tier_help"),
            ),
            "parent_id": st.column_config.SelectboxColumn(
                t("org.grid.parent"),
                options=parent_ids,
                format_func=lambda gid: group_name.get(gid, f"#{gid}"),
                help=t("org.grid.parent_help"),
            ),
            "purpose": st.column_config.TextColumn(t("org.grid.purpose")),
            "platform": st.column_config.TextColumn(t("org.grid.platform")),
            "capacity": st.column_config.NumberColumn(
                t("org.grid.capacity"), min_value=1, step=1, help=t("org.grid.capacity_help")
            ),
            "head_count": st.column_config.NumberColumn(t("org.grid.head_count")),
            "stage": st.column_config.TextColumn(
                t("org.grid.stage"), help=t("org.grid.stage_help")
            ),
            "owner_id": st.column_config.SelectboxColumn(
                t("org.grid.lead"),
                options=owner_ids,
                format_func=lambda pid: ctx.owner_label.get(pid, f"#{pid}"),
                help=t("org.grid.owner_help"),
            ),
            "health": st.column_config.TextColumn(t("org.grid.health")),
        },
    )
    if partial and not in_scope.all():
        st.caption(t("org.grid.outside_scope"))
        others = every_group[~in_scope].assign(
            tier=lambda frame: frame["tier"].map(lambda tier: label("tier", tier, lang)),
            parent_id=lambda frame: (
                frame["parent_id"]
                .map(lambda gid: group_name.get(gid, f"#{gid}"), na_action="ignore")
                .fillna("")
            ),  # the management group has no parent
        )
        show_table(
            others,
            hide_index=True,
            column_order=shown_columns("lead_name"),
            column_config={
                "name": t("org.grid.name"),
                "tier": t("org.grid.tier"),
                "parent_id": t("org.grid.parent"),
                "purpose": t("org.grid.purpose"),
                "platform": t("org.grid.platform"),
                "capacity": t("org.grid.capacity"),
                "head_count": t("org.grid.head_count"),
                "stage": t("org.grid.stage"),
                "lead_name": t("org.grid.lead"),
                "health": t("org.grid.health"),
            },
        )
    buttons = st.columns([1, 1, 4])
    save = buttons[0].button(
        t("org.grid.save"), key="org_grid_save", type="primary", disabled=not writable
    )
    if buttons[1].button(t("org.grid.reload"), key="org_grid_reload"):
        reset_grid()
        st.rerun()
    if save:
        done = save_grid(
            "org_groups",
            ctx.db,
            lambda db: in_scope_rows(current_grid_frame(db), ctx.scope if partial else None),
            lambda changes: org.apply_group_grid(ctx.db, ctx.actor, changes, ctx.today),
            ignore=(*DERIVED_COLUMNS, "lead_name"),
        )
        if done:
            notify(t("org.grid.saved", **done))
            reset_grid()
            # the rows keep their places: those shown, then the groups just created
            st.session_state["org_grid_order"] = [*shown["id"], *done["created_ids"]]
            st.rerun()


def in_scope_rows(frame: pd.DataFrame, scope: set[int] | None) -> pd.DataFrame:
    """The rows of a groups frame whose group lies in ``scope`` (``None``: all of them)."""
    if scope is None:
        return frame
    return frame[frame["id"].map(lambda gid: can_write_group(scope, gid))].reset_index(drop=True)


# ---------------------------------------------------------------- drag board


def board_panel(ctx: OrgContext) -> None:
    """People as cards in their groups under one core group (or the core groups themselves);
    a drop moves the person through the same write as the move form."""
    groups, group_name = ctx.groups, ctx.group_name
    st.caption(t("org.board.help"))
    cores = groups[groups["tier"] == "core"]
    core_id = st.selectbox(
        t("org.board.core"),
        [*cores["id"], "core"],  # "core": the core groups themselves as columns
        format_func=lambda gid: (
            t("org.board.core_tier", ctx.lang) if gid == "core" else group_name[gid]
        ),
        key="org_board_core",
    )
    board_key = f"org_board_{core_id}"  # the component keeps its cards per key
    show_notices(board_key)
    if core_id == "core":
        ordinary_ids = list(cores["id"])
    else:
        ordinary_ids = list(
            groups[(groups["tier"] == "ordinary") & (groups["parent_id"] == core_id)]["id"]
        )
    if not ordinary_ids:
        st.info(t("org.board.empty"))
        return
    columns, card_membership = board_columns(ctx.members, ordinary_ids, ctx.lang)
    headers = {str(gid): f"{group_name[gid]} ({len(columns[str(gid)])})" for gid in ordinary_ids}
    # the core tier's board moves people between core groups: whole-tree rights only
    if not (ctx.scope is None if core_id == "core" else can_write_group(ctx.scope, core_id)):
        st.caption(t("scope.read_only_board"))
        static_board(columns, key=board_key, headers=headers)
        return
    moves = drag_board(columns, key=board_key, headers=headers)
    if not moves:
        return
    for card, _from, to in moves:
        who = card.rsplit(" #", 1)[0]
        try:  # the same write path as the form: rules, access, audit, conflicts
            with invalidating(ctx.db):
                org.move_person(ctx.db, ctx.actor, card_membership[card], int(to), ctx.today)
        except OpsError as error:
            text = t("org.board.refused", who=who, why=error_text(error))
            notify(text, "error", place=board_key)
        else:
            text = t("org.board.moved", who=who, group=group_name[int(to)])
            notify(text, place=board_key)
    st.rerun()


# ---------------------------------------------------------------- history


@st.fragment
def history_panel(ctx: OrgContext) -> None:
    """The structure's changes, filtered by group, person and dates (reruns alone)."""
    lang, person_name = ctx.lang, ctx.person_name
    names = all_group_names(ctx.path)
    filters = st.columns(4)
    by_group = filters[0].selectbox(
        t("org.history.group"),
        [None, *sorted(names, key=names.get)],
        format_func=lambda gid: t("common.all", lang) if gid is None else names[gid],
        key="org_history_group",
    )
    by_person = filters[1].selectbox(
        t("org.history.person"),
        [None, *ctx.people["id"]],
        format_func=lambda p: t("common.all", lang) if p is None else ctx.person_with_id(p),
        key="org_history_person",
    )
    since = filters[2].date_input(t("common.from"), value=None, key="org_history_since")
    until = filters[3].date_input(t("common.to"), value=None, key="org_history_until")
    rows = history_rows(
        ctx.path,
        by_group,
        by_person,
        since.isoformat() if since else None,
        until.isoformat() if until else None,
    )
    frame = history_frame(rows, groups=names, people=person_name, roles=ctx.role_name, lang=lang)
    if frame.empty:
        st.info(t("org.history.empty"))
        return
    show_table(frame, hide_index=True, width="stretch")
    st.download_button(
        t("common.download_csv"),
        safe_csv(frame),
        "org_history.csv",
        "text/csv",
        key="org_history_csv",
    )
