import streamlit as st

from dashboard import auth, clock
from dashboard.domain import org
from dashboard.dragdrop import drag_board, push_notice, static_board, take_notices
from dashboard.export import safe_csv
from dashboard.grids import data_grid, save_grid
from dashboard.i18n import current_language, error_text, label, t
from dashboard.navigation import ensure_app_shell
from dashboard.org_tree import tree_dot, tree_layout, tree_png, tree_svg
from dashboard.org_views import (
    all_group_names,
    board_columns,
    current_grid_frame,
    grid_frame,
    groups_frame,
    history_frame,
    history_rows,
    members_frame,
    people_frame,
    person_labels,
    role_label,
    roles_list,
)
from dashboard.scope import can_write_group, in_scope, in_scope_first
from dashboard.session import clear_caches, page_db, run_write
from dashboard.tables import show_table
from db.errors import OpsError
from db.schema import EXIT_REASONS, SOURCES, TIERS

ensure_app_shell()

BIG_TREE = 40  # ordinary groups above which the tree opens with core groups collapsed

db, path = page_db()
lang = current_language()
today = clock.today()
actor = auth.actor()
writable = auth.can_write()
scope = auth.writable_groups()  # the forms offer only targets in it

st.title(t("org.title"))
st.caption(t("org.caption"))
for flash in st.session_state.pop("org_flash", []):
    st.success(flash)

groups = groups_frame(path)
members = members_frame(path)
people = people_frame(path)
roles = roles_list(path)
if groups.empty:
    st.info(t("org.empty"))
    st.stop()
if not writable:
    st.info(t("org.read_only"))

group_name = dict(zip(groups["id"], groups["name"], strict=True))
role_name = {role["id"]: role_label(role, lang) for role in roles}
present = people[people["status"] != "left"]
person_name = dict(zip(people["id"], people["name"], strict=True))
owner_label = person_labels(present)


def flash(text: str) -> None:
    st.session_state.setdefault("org_flash", []).append(text)


def reset_grid() -> None:
    """Start the grid afresh (in the default order), with groups this session just created
    or archived."""
    st.session_state.pop("org_grid_order", None)
    st.session_state["org_grid_revision"] = st.session_state.get("org_grid_revision", 0) + 1


# one label per open membership, made once (the move and role forms list thousands of them)
membership_texts = {
    int(mid): f"{name} #{pid} — {group} ({role_name[int(rid)]})"
    for mid, name, pid, group, rid in zip(
        members["id"], members["person_name"], members["person_id"], members["group_name"],
        members["role_id"], strict=True,
    )
}  # fmt: skip


tree_tab, grid_tab, people_tab, board_tab, split_tab, history_tab = st.tabs(
    [
        t("org.tab.tree"),
        t("org.tab.groups"),
        t("org.tab.people"),
        t("org.tab.board"),
        t("org.tab.split"),
        t("org.tab.history"),
    ]
)

# ---------------------------------------------------------------- tree
with tree_tab:
    counts = st.columns(4)
    counts[0].metric(t("org.metric.groups"), len(groups))
    counts[1].metric(t("org.metric.people"), members["person_id"].nunique())
    counts[2].metric(
        t("org.metric.full"),
        int((groups["capacity"].notna() & (groups["head_count"] >= groups["capacity"])).sum()),
    )
    counts[3].metric(t("org.metric.no_owner"), int(groups["lead_name"].isna().sum()))
    left, right = st.columns(2)
    tiers = left.multiselect(
        t("org.tree.filter_tiers"),
        options=list(TIERS),
        default=list(TIERS),
        format_func=lambda tier: label("tier", tier, lang),
        key="org_tree_tiers",
        placeholder=t("common.choose_many"),
    )
    parents = groups[groups["tier"] != "ordinary"]
    # a big team's tree starts with its core groups collapsed: hundreds of boxes are
    # neither readable nor quick to draw
    big_tree = int((groups["tier"] == "ordinary").sum()) > BIG_TREE
    collapsed = right.multiselect(
        t("org.tree.collapsed"),
        options=list(parents["id"]),
        default=list(parents.loc[parents["tier"] == "core", "id"]) if big_tree else None,
        format_func=group_name.get,
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
        t("org.tree.download_svg"), tree_svg(layout), "org_tree.svg", "image/svg+xml",
        key="org_tree_svg",
    )  # fmt: skip
    downloads[1].download_button(
        t("org.tree.download_png"), lambda: tree_png(layout), "org_tree.png", "image/png",
        key="org_tree_png",
    )  # fmt: skip
    downloads[2].download_button(
        t("org.tree.download_dot"), dot,
        "org_tree.dot", "text/vnd.graphviz", key="org_tree_dot",
    )  # fmt: skip

# ---------------------------------------------------------------- groups grid
with grid_tab:
    st.caption(t("org.grid.help"))
    st.session_state.setdefault("org_grid_revision", 0)
    editor_key = f"org_grid_{st.session_state['org_grid_revision']}"
    parent_ids = list(groups[groups["tier"] != "ordinary"]["id"])
    owner_ids = list(present["id"])
    shown = grid_frame(groups, st.session_state.get("org_grid_order"))
    data_grid(
        "org_groups",
        shown,
        editor_key,
        "id",
        num_rows="dynamic" if writable else "fixed",
        disabled=not writable or ["head_count"],
        height=min(35 * (len(shown) + 2) + 3, 900),  # every row in view, up to ~24
        column_order=[
            "name",
            "tier",
            "parent_id",
            "purpose",
            "platform",
            "capacity",
            "head_count",
            "owner_id",
        ],  # fmt: skip
        column_config={
            "name": st.column_config.TextColumn(t("org.grid.name"), required=True),
            "tier": st.column_config.SelectboxColumn(
                t("org.grid.tier"),
                options=list(TIERS),
                format_func=lambda tier: label("tier", tier, lang),
                default="ordinary",
                help=t("org.grid.tier_help"),
            ),  # fmt: skip
            "parent_id": st.column_config.SelectboxColumn(
                t("org.grid.parent"),
                options=parent_ids,
                format_func=lambda gid: group_name.get(gid, f"#{gid}"),
                help=t("org.grid.parent_help"),
            ),  # fmt: skip
            "purpose": st.column_config.TextColumn(t("org.grid.purpose")),
            "platform": st.column_config.TextColumn(t("org.grid.platform")),
            "capacity": st.column_config.NumberColumn(
                t("org.grid.capacity"), min_value=1, step=1, help=t("org.grid.capacity_help")
            ),
            "head_count": st.column_config.NumberColumn(t("org.grid.head_count")),
            "owner_id": st.column_config.SelectboxColumn(
                t("org.grid.lead"),
                options=owner_ids,
                format_func=lambda pid: owner_label.get(pid, f"#{pid}"),
                help=t("org.grid.owner_help"),
            ),
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
            db,
            current_grid_frame,
            lambda changes: org.apply_group_grid(db, actor, changes, today),
            ignore=("head_count", "lead_name"),
        )
        if done:
            flash(t("org.grid.saved", **done))
            reset_grid()
            # the rows keep their places: those shown, then the groups just created
            st.session_state["org_grid_order"] = [*shown["id"], *done["created_ids"]]
            st.rerun()

# ---------------------------------------------------------------- people
with people_tab:
    shown_group = st.selectbox(
        t("org.people.show_group"),
        options=[None, *in_scope_first(list(groups["id"]), scope, int)],
        format_func=lambda gid: t("common.all", lang) if gid is None else group_name[gid],
        key="org_people_group",
    )
    listed = members if shown_group is None else members[members["group_id"] == shown_group]
    table = listed.assign(
        role=listed["role_id"].map(role_name),
        status=listed["person_status"].map(lambda code: label("status", code, lang)),
    )[["person_id", "person_name", "group_name", "role", "status", "start_on"]]
    table.columns = [
        t(f"org.people.col.{c}") for c in ("id", "name", "group", "role", "status", "since")
    ]
    show_table(table, hide_index=True, width="stretch")
    st.download_button(
        t("common.download_csv"), safe_csv(table), "members.csv", "text/csv", key="org_people_csv"
    )
    live_ids = in_scope(groups["id"], scope)
    membership_ids = [
        mid
        for mid, gid in zip(members["id"], members["group_id"], strict=True)
        if can_write_group(scope, gid)
    ]
    # a person's exit closes memberships in all their groups: offered when all are in scope
    outside = {
        p
        for p, g in zip(members["person_id"], members["group_id"], strict=True)
        if not can_write_group(scope, g)
    }
    role_ids = [role["id"] for role in roles]
    first, second = st.columns(2)
    with first.form("org_add_form", clear_on_submit=True, enter_to_submit=False):
        st.subheader(t("org.add.title"))
        new_name = st.text_input(
            t("org.add.name"), max_chars=org.MAX_PERSON_NAME, key="org_add_name"
        )
        new_handle = st.text_input(t("org.add.handle"), key="org_add_handle")
        new_group = st.selectbox(
            t("org.add.group"), live_ids, format_func=group_name.get, key="org_add_group"
        )
        new_role = st.selectbox(
            t("org.add.role"), role_ids, index=role_ids.index(roles[-1]["id"]),
            format_func=role_name.get, key="org_add_role",
        )  # fmt: skip
        new_status = st.selectbox(
            t("org.add.status"), ["newcomer", "active"], format_func=lambda c: label("status", c, lang),
            key="org_add_status",
        )  # fmt: skip
        new_source = st.selectbox(
            t("org.add.source"), [None, *SOURCES],
            format_func=lambda c: t("common.none", lang) if c is None else label("source", c, lang),
            key="org_add_source",
        )  # fmt: skip
        new_referrer = st.selectbox(
            t("org.add.referrer"), [None, *present["id"]],
            format_func=lambda p: t("common.none", lang) if p is None else f"{person_name[p]} #{p}",
            key="org_add_referrer",
        )  # fmt: skip
        if st.form_submit_button(t("org.add.submit"), disabled=not writable):
            added = run_write(
                lambda: org.add_person(
                    db,
                    actor,
                    name=new_name,
                    group_id=new_group,
                    role_id=new_role,
                    today=today,
                    handle=new_handle,
                    status=new_status,
                    source=new_source,
                    referred_by=new_referrer,
                )  # fmt: skip
            )
            if added:
                flash(t("org.add.done", name=new_name.strip(), group=group_name[new_group]))
                st.rerun()
    with second.form("org_move_form", enter_to_submit=False):
        st.subheader(t("org.move.title"))
        move_membership = st.selectbox(
            t("org.move.membership"), membership_ids, index=None, format_func=membership_texts.get,
            key="org_move_membership", placeholder=t("org.choose"),
        )  # fmt: skip
        move_target = st.selectbox(
            t("org.move.target"), live_ids, index=None, format_func=group_name.get,
            key="org_move_target", placeholder=t("org.choose"),
        )  # fmt: skip
        if st.form_submit_button(t("org.move.submit"), disabled=not writable):
            if move_membership is None or move_target is None:
                st.warning(t("org.choose_both"))
            else:
                text = membership_texts[move_membership]
                moved = run_write(
                    lambda: org.move_person(db, actor, move_membership, move_target, today)
                )
                if moved:
                    flash(t("org.move.done", who=text, group=group_name[move_target]))
                    st.rerun()
    with first.form("org_role_form", enter_to_submit=False):
        st.subheader(t("org.role.title"))
        role_membership = st.selectbox(
            t("org.move.membership"), membership_ids, index=None, format_func=membership_texts.get,
            key="org_role_membership", placeholder=t("org.choose"),
        )  # fmt: skip
        role_target = st.selectbox(
            t("org.role.new_role"), role_ids, index=None, format_func=role_name.get,
            key="org_role_target", placeholder=t("org.choose"),
        )  # fmt: skip
        if st.form_submit_button(t("org.role.submit"), disabled=not writable):
            if role_membership is None or role_target is None:
                st.warning(t("org.choose_both"))
            else:
                text = membership_texts[role_membership]
                changed = run_write(
                    lambda: org.change_role(db, actor, role_membership, role_target, today)
                )
                if changed:
                    flash(t("org.role.done", who=text, role=role_name[role_target]))
                    st.rerun()
    with second.form("org_left_form", enter_to_submit=False):
        st.subheader(t("org.left.title"))
        leaver = st.selectbox(
            t("org.left.person"), [p for p in present["id"] if p not in outside], index=None,
            format_func=lambda p: f"{person_name[p]} #{p}", key="org_left_person",
            placeholder=t("org.choose"),
        )  # fmt: skip
        reason = st.selectbox(
            t("org.left.reason"), list(EXIT_REASONS), format_func=lambda c: label("exit", c, lang),
            key="org_left_reason",
        )  # fmt: skip
        note = st.text_input(t("org.left.note"), key="org_left_note")
        sure = st.checkbox(t("org.left.confirm"), key="org_left_confirm")
        if st.form_submit_button(t("org.left.submit"), disabled=not writable):
            if leaver is None:
                st.warning(t("org.left.choose"))
            elif not sure:
                st.warning(t("org.left.confirm_needed"))
            else:
                done = run_write(lambda: org.mark_left(db, actor, leaver, reason, today, note))
                if done:
                    flash(
                        t("org.left.done", name=person_name[leaver], reason=label("exit", reason))
                    )
                    st.rerun()

# ---------------------------------------------------------------- drag board
with board_tab:
    st.caption(t("org.board.help"))
    cores = groups[groups["tier"] == "core"]
    core_id = st.selectbox(
        t("org.board.core"),
        [*cores["id"], "core"],  # "core": the core groups themselves as columns
        format_func=lambda gid: (
            t("org.board.core_tier", lang) if gid == "core" else group_name[gid]
        ),
        key="org_board_core",
    )
    board_key = f"org_board_{core_id}"  # the component keeps its cards per key
    for kind, text in take_notices(board_key):
        getattr(st, kind)(text)
    if core_id == "core":
        ordinary_ids = list(cores["id"])
    else:
        ordinary_ids = list(
            groups[(groups["tier"] == "ordinary") & (groups["parent_id"] == core_id)]["id"]
        )
    if not ordinary_ids:
        st.info(t("org.board.empty"))
    else:
        columns, card_membership = board_columns(members, ordinary_ids, lang)
        headers = {
            str(gid): f"{group_name[gid]} ({len(columns[str(gid)])})" for gid in ordinary_ids
        }
        # the core tier's board moves people between core groups: whole-tree rights only
        if not (scope is None if core_id == "core" else can_write_group(scope, core_id)):
            st.caption(t("scope.read_only_board"))
            static_board(columns, key=board_key, headers=headers)
            moves = []
        else:
            moves = drag_board(columns, key=board_key, headers=headers)
        if moves:
            for card, _from, to in moves:
                who = card.rsplit(" #", 1)[0]
                try:  # the same write path as the form: rules, access, audit, conflicts
                    org.move_person(db, actor, card_membership[card], int(to), today)
                except OpsError as error:
                    push_notice(
                        board_key, "error", t("org.board.refused", who=who, why=error_text(error))
                    )
                else:
                    push_notice(
                        board_key,
                        "success",
                        t("org.board.moved", who=who, group=group_name[int(to)]),
                    )
            clear_caches()
            st.rerun()

# ---------------------------------------------------------------- split and merge


def _clear(key: str) -> None:
    st.session_state.pop(key, None)


@st.dialog(t("org.split.confirm_title"), on_dismiss=lambda: _clear("org_split_pending"))
def confirm_split(pending: dict) -> None:
    st.write(
        t(
            "org.split.confirm_text",
            old=group_name[pending["group_id"]],
            new=pending["new_name"],
            people=", ".join(person_name[p] for p in pending["veteran_ids"]),
        )  # fmt: skip
    )
    yes, no = st.columns(2)
    if yes.button(t("common.confirm"), key="org_split_confirm", type="primary"):
        _clear("org_split_pending")
        new_id = run_write(
            lambda: org.split_group(
                db,
                actor,
                pending["group_id"],
                new_name=pending["new_name"],
                veteran_ids=pending["veteran_ids"],
                today=today,
                keep_in_old=pending["keep"],
            )  # fmt: skip
        )
        if new_id:
            reset_grid()
            flash(t("org.split.done", new=pending["new_name"].strip()))
            st.rerun()
    if no.button(t("common.cancel"), key="org_split_cancel"):
        _clear("org_split_pending")
        st.rerun()


@st.dialog(t("org.merge.confirm_title"), on_dismiss=lambda: _clear("org_merge_pending"))
def confirm_merge(pending: dict) -> None:
    st.write(
        t(
            "org.merge.confirm_text",
            source=group_name[pending["source"]],
            target=group_name[pending["target"]],
        )
    )
    yes, no = st.columns(2)
    if yes.button(t("common.confirm"), key="org_merge_confirm", type="primary"):
        _clear("org_merge_pending")
        moved = run_write(
            lambda: org.merge_groups(db, actor, pending["source"], pending["target"], today)
        )
        if moved is not None:
            reset_grid()
            flash(
                t(
                    "org.merge.done",
                    source=group_name[pending["source"]],
                    target=group_name[pending["target"]],
                )
            )
            st.rerun()
    if no.button(t("common.cancel"), key="org_merge_cancel"):
        _clear("org_merge_pending")
        st.rerun()


with split_tab:
    split_col, merge_col = st.columns(2)
    with split_col:
        st.subheader(t("org.split.title"))
        st.caption(t("org.split.help"))
        splittable = in_scope(groups[groups["tier"] != "management"]["id"], scope)
        split_group = st.selectbox(
            t("org.split.group"), splittable, format_func=group_name.get, key="org_split_group"
        )
        in_group = members[members["group_id"] == split_group].drop_duplicates("person_id")
        with st.form("org_split_form", enter_to_submit=False):
            split_name = st.text_input(
                t("org.split.new_name"), max_chars=org.MAX_GROUP_NAME, key="org_split_name"
            )
            veterans = st.multiselect(
                t("org.split.veterans"), list(in_group["person_id"]),
                format_func=lambda p: f"{person_name[p]} #{p}", key="org_split_veterans", placeholder=t("common.choose_many"),
            )  # fmt: skip
            keep = st.checkbox(t("org.split.keep"), key="org_split_keep")
            if st.form_submit_button(t("org.split.submit"), disabled=not writable):
                st.session_state["org_split_pending"] = {
                    "group_id": split_group, "new_name": split_name, "veteran_ids": veterans,
                    "keep": keep,
                }  # fmt: skip
    with merge_col:
        st.subheader(t("org.merge.title"))
        st.caption(t("org.merge.help"))
        mergeable = in_scope(groups[groups["tier"] != "management"]["id"], scope)
        with st.form("org_merge_form", enter_to_submit=False):
            source = st.selectbox(
                t("org.merge.source"), mergeable, index=None, format_func=group_name.get,
                key="org_merge_source", placeholder=t("org.choose"),
            )  # fmt: skip
            target = st.selectbox(
                t("org.merge.target"), mergeable, index=None, format_func=group_name.get,
                key="org_merge_target", placeholder=t("org.choose"),
            )  # fmt: skip
            if st.form_submit_button(t("org.merge.submit"), disabled=not writable):
                if source is None or target is None:
                    st.warning(t("org.choose_both"))
                else:
                    st.session_state["org_merge_pending"] = {"source": source, "target": target}
    if st.session_state.get("org_split_pending"):
        confirm_split(st.session_state["org_split_pending"])
    elif st.session_state.get("org_merge_pending"):
        confirm_merge(st.session_state["org_merge_pending"])

# ---------------------------------------------------------------- history


@st.fragment
def history_panel() -> None:
    names = all_group_names(path)
    filters = st.columns(4)
    by_group = filters[0].selectbox(
        t("org.history.group"), [None, *sorted(names, key=names.get)],
        format_func=lambda gid: t("common.all", lang) if gid is None else names[gid],
        key="org_history_group",
    )  # fmt: skip
    by_person = filters[1].selectbox(
        t("org.history.person"), [None, *people["id"]],
        format_func=lambda p: t("common.all", lang) if p is None else f"{person_name[p]} #{p}",
        key="org_history_person",
    )  # fmt: skip
    since = filters[2].date_input(t("common.from"), value=None, key="org_history_since")
    until = filters[3].date_input(t("common.to"), value=None, key="org_history_until")
    rows = history_rows(
        path, by_group, by_person, since.isoformat() if since else None,
        until.isoformat() if until else None,
    )  # fmt: skip
    frame = history_frame(rows, groups=names, people=person_name, roles=role_name, lang=lang)
    if frame.empty:
        st.info(t("org.history.empty"))
        return
    show_table(frame, hide_index=True, width="stretch")
    st.download_button(
        t("common.download_csv"), safe_csv(frame), "org_history.csv", "text/csv",
        key="org_history_csv",
    )  # fmt: skip


with history_tab:
    history_panel()
