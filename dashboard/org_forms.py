"""The org structure page's panels of forms: people (add, move, change role, record a
leaver) and split and merge (each confirmed in a dialog). Each takes the page's
``OrgContext`` (``dashboard.org_panels``)."""

from collections.abc import Callable
from datetime import date

import streamlit as st
from sqlite_utils import Database

from dashboard.domain import org
from dashboard.export import safe_csv
from dashboard.i18n import label, t
from dashboard.org_panels import OrgContext, reset_grid
from dashboard.scope import can_write_group, in_scope, in_scope_first
from dashboard.session import submit
from dashboard.tables import show_table
from dashboard.thresholds import settings_form
from db.schema import EXIT_REASONS, SOURCES


def _choose(text: str, options: list, format_func: Callable, key: str):
    """A picker labelled ``text`` that starts with nothing chosen ("choose…")."""
    return st.selectbox(
        text, options, index=None, format_func=format_func, key=key, placeholder=t("org.choose")
    )


# ---------------------------------------------------------------- people


def people_panel(ctx: OrgContext) -> None:
    """The members of one group (or all), their CSV, and the forms that change them."""
    members, lang = ctx.members, ctx.lang
    shown_group = st.selectbox(
        t("org.people.show_group"),
        options=[None, *in_scope_first(list(ctx.groups["id"]), ctx.scope, int)],
        format_func=lambda gid: t("common.all", lang) if gid is None else ctx.group_name[gid],
        key="org_people_group",
    )
    listed = members if shown_group is None else members[members["group_id"] == shown_group]
    table = listed.assign(
        role=listed["role_id"].map(ctx.role_name),
        status=listed["person_status"].map(lambda code: label("status", code, lang)),
    )[["person_id", "person_name", "group_name", "role", "status", "start_on"]]
    table.columns = [
        t(f"org.people.col.{c}") for c in ("id", "name", "group", "role", "status", "since")
    ]
    show_table(table, hide_index=True, width="stretch")
    st.download_button(
        t("common.download_csv"), safe_csv(table), "members.csv", "text/csv", key="org_people_csv"
    )
    first, second = st.columns(2)
    with first:
        add_person_form(ctx)
    with second:
        move_form(ctx)
    with first:
        role_form(ctx)
    with second:
        left_form(ctx)


def _writable_memberships(ctx: OrgContext) -> list[int]:
    return [
        mid
        for mid, gid in zip(ctx.members["id"], ctx.members["group_id"], strict=True)
        if can_write_group(ctx.scope, gid)
    ]


def add_person_form(ctx: OrgContext) -> None:
    """Add a person to a group in a role."""
    lang, group_name = ctx.lang, ctx.group_name
    role_ids = [role["id"] for role in ctx.roles]
    with st.form("org_add_form", clear_on_submit=True, enter_to_submit=False):
        st.subheader(t("org.add.title"))
        name = st.text_input(t("org.add.name"), max_chars=org.MAX_PERSON_NAME, key="org_add_name")
        handle = st.text_input(t("org.add.handle"), key="org_add_handle")
        group = st.selectbox(
            t("org.add.group"),
            in_scope(ctx.groups["id"], ctx.scope),
            format_func=group_name.get,
            key="org_add_group",
        )
        role = st.selectbox(
            t("org.add.role"),
            role_ids,
            index=role_ids.index(ctx.roles[-1]["id"]),
            format_func=ctx.role_name.get,
            key="org_add_role",
        )
        status = st.selectbox(
            t("org.add.status"),
            ["newcomer", "active"],
            format_func=lambda c: label("status", c, lang),
            key="org_add_status",
        )
        source = st.selectbox(
            t("org.add.source"),
            [None, *SOURCES],
            format_func=lambda c: t("common.none", lang) if c is None else label("source", c, lang),
            key="org_add_source",
        )
        referrer = st.selectbox(
            t("org.add.referrer"),
            [None, *ctx.present["id"]],
            format_func=lambda p: t("common.none", lang) if p is None else ctx.person_with_id(p),
            key="org_add_referrer",
        )
        if st.form_submit_button(t("org.add.submit"), disabled=not ctx.writable):
            submit(
                lambda: org.add_person(
                    ctx.db,
                    ctx.actor,
                    name=name,
                    group_id=group,
                    role_id=role,
                    today=ctx.today,
                    handle=handle,
                    status=status,
                    source=source,
                    referred_by=referrer,
                ),
                t("org.add.done", name=name.strip(), group=group_name.get(group, "")),
            )


def move_form(ctx: OrgContext) -> None:
    """Move one membership to another group."""
    targets = in_scope(ctx.groups["id"], ctx.scope)
    _membership_form(
        ctx, "move", "org.move.target", "group", targets, ctx.group_name, org.move_person
    )


def role_form(ctx: OrgContext) -> None:
    """Give one membership another role."""
    roles = [role["id"] for role in ctx.roles]
    _membership_form(
        ctx, "role", "org.role.new_role", "role", roles, ctx.role_name, org.change_role
    )


def _membership_form(
    ctx: OrgContext,
    name: str,
    target_label: str,
    target_field: str,
    targets: list[int],
    target_name: dict[int, str],
    change: Callable[[Database, str, int, int, date], int | None],
) -> None:
    """The ``org_<name>_form``: pick a membership and a target, then ``change`` it.

    :param name: ``move`` (the target is a group) or ``role`` (the target is a role); it
        names the form's widget keys and i18n keys (``org.<name>.title`` ...).
    :param target_field: the name of the target in the ``org.<name>.done`` message.
    :param change: ``fn(db, actor, membership_id, target_id, today)``.
    """
    with st.form(f"org_{name}_form", enter_to_submit=False):
        st.subheader(t(f"org.{name}.title"))
        membership = _choose(
            t("org.move.membership"),
            _writable_memberships(ctx),
            ctx.membership_texts.get,
            f"org_{name}_membership",
        )
        target = _choose(t(target_label), targets, target_name.get, f"org_{name}_target")
        if st.form_submit_button(t(f"org.{name}.submit"), disabled=not ctx.writable):
            if membership is None or target is None:
                st.warning(t("org.choose_both"))
            else:
                submit(
                    lambda: change(ctx.db, ctx.actor, membership, target, ctx.today),
                    t(
                        f"org.{name}.done",
                        who=ctx.membership_texts[membership],
                        **{target_field: target_name[target]},
                    ),
                )


def left_form(ctx: OrgContext) -> None:
    """Record that a person left, with the reason (after a confirmation tick)."""
    # a person's exit closes memberships in all their groups: offered when all are in scope
    outside = {
        p
        for p, g in zip(ctx.members["person_id"], ctx.members["group_id"], strict=True)
        if not can_write_group(ctx.scope, g)
    }
    with st.form("org_left_form", enter_to_submit=False):
        st.subheader(t("org.left.title"))
        leaver = _choose(
            t("org.left.person"),
            [p for p in ctx.present["id"] if p not in outside],
            ctx.person_with_id,
            "org_left_person",
        )
        reason = st.selectbox(
            t("org.left.reason"),
            list(EXIT_REASONS),
            format_func=lambda c: label("exit", c, ctx.lang),
            key="org_left_reason",
        )
        note = st.text_input(t("org.left.note"), key="org_left_note")
        sure = st.checkbox(t("org.left.confirm"), key="org_left_confirm")
        if st.form_submit_button(t("org.left.submit"), disabled=not ctx.writable):
            if leaver is None:
                st.warning(t("org.left.choose"))
            elif not sure:
                st.warning(t("org.left.confirm_needed"))
            else:
                submit(
                    lambda: org.mark_left(ctx.db, ctx.actor, leaver, reason, ctx.today, note),
                    t("org.left.done", name=ctx.person_name[leaver], reason=label("exit", reason)),
                )


# ---------------------------------------------------------------- split and merge


def _clear(key: str) -> None:
    st.session_state.pop(key, None)


def split_checklist(ctx: OrgContext, plan: org.SplitPlan) -> list[org.Check]:
    """Show the readiness checks of ``plan``, each with its evidence; returns them."""
    checks = org.split_readiness(ctx.db, plan, ctx.settings)
    for check in checks:
        mark = ":material/check_circle:" if check.passed else ":material/cancel:"
        st.markdown(f"{mark} **{t(f'org.ready.{check.key}')}**")
        st.caption(t(check.evidence, **check.params))
    failed = [check for check in checks if not check.passed]
    # a line, not an alert box: the page's alerts are the answers to what the user did
    if failed:
        st.markdown(f":material/warning: {t('org.split.not_ready', count=len(failed))}")
    else:
        st.markdown(f":material/thumb_up: {t('org.split.all_ready')}")
    return checks


def _confirm_split(ctx: OrgContext, pending: dict) -> None:
    # the dialog's title is in the reader's language: decorated on each run
    @st.dialog(t("org.split.confirm_title"), on_dismiss=lambda: _clear("org_split_pending"))
    def confirm() -> None:
        people = ", ".join(ctx.person_name[p] for p in pending["veteran_ids"])
        st.write(
            t(
                "org.split.confirm_text",
                old=ctx.group_name[pending["group_id"]],
                new=pending["new_name"],
                people=people,
            )
        )
        plan = org.SplitPlan(
            pending["group_id"], tuple(pending["veteran_ids"]), pending["owner_id"], ctx.today
        )
        ready = all(check.passed for check in split_checklist(ctx, plan))
        reason = (
            ""
            if ready
            else st.text_input(
                t("org.split.override"),
                key="org_split_reason",
                help=t("org.split.override_help"),
            )
        )
        yes, no = st.columns(2)
        if yes.button(t("common.confirm"), key="org_split_confirm", type="primary"):

            def split() -> int:
                new_id = org.split_group(
                    ctx.db,
                    ctx.actor,
                    pending["group_id"],
                    new_name=pending["new_name"],
                    veteran_ids=pending["veteran_ids"],
                    today=ctx.today,
                    keep_in_old=pending["keep"],
                    owner_id=pending["owner_id"],
                    override_reason=reason,
                )
                # only a done split closes the dialog: a refusal (say, no reason for a
                # split that is not ready) stays in it, to be answered
                _clear("org_split_pending")
                reset_grid()
                return new_id

            submit(split, t("org.split.done", new=pending["new_name"].strip()))
        if no.button(t("common.cancel"), key="org_split_cancel"):
            _clear("org_split_pending")
            st.rerun()

    confirm()


def _confirm_merge(ctx: OrgContext, pending: dict) -> None:
    source, target = ctx.group_name[pending["source"]], ctx.group_name[pending["target"]]

    @st.dialog(t("org.merge.confirm_title"), on_dismiss=lambda: _clear("org_merge_pending"))
    def confirm() -> None:
        st.write(t("org.merge.confirm_text", source=source, target=target))
        yes, no = st.columns(2)
        if yes.button(t("common.confirm"), key="org_merge_confirm", type="primary"):
            _clear("org_merge_pending")

            def merge() -> object:
                moved = org.merge_groups(
                    ctx.db, ctx.actor, pending["source"], pending["target"], ctx.today
                )
                reset_grid()
                return moved

            submit(merge, t("org.merge.done", source=source, target=target))
        if no.button(t("common.cancel"), key="org_merge_cancel"):
            _clear("org_merge_pending")
            st.rerun()

    confirm()


def split_merge_panel(ctx: OrgContext) -> None:
    """Split a group (veterans seed the new one) and merge two groups, each confirmed in a
    dialog."""
    groups, group_name, writable = ctx.groups, ctx.group_name, ctx.writable
    split_col, merge_col = st.columns(2)
    with split_col:
        st.subheader(t("org.split.title"))
        st.caption(t("org.split.help"))
        splittable = in_scope(groups[groups["tier"] != "management"]["id"], ctx.scope)
        split_group = st.selectbox(
            t("org.split.group"), splittable, format_func=group_name.get, key="org_split_group"
        )
        in_group = ctx.members[ctx.members["group_id"] == split_group].drop_duplicates("person_id")
        with st.expander(t("org.split.checklist"), expanded=True):
            st.caption(t("org.split.checklist_help"))
            chosen = [
                p
                for p in st.session_state.get("org_split_veterans", [])
                if p in set(in_group["person_id"])
            ]
            owner = st.session_state.get("org_split_owner")
            if split_group is not None:
                split_checklist(ctx, org.SplitPlan(split_group, tuple(chosen), owner, ctx.today))
        with st.form("org_split_form", enter_to_submit=False):
            split_name = st.text_input(
                t("org.split.new_name"), max_chars=org.MAX_GROUP_NAME, key="org_split_name"
            )
            veterans = st.multiselect(
                t("org.split.veterans"),
                list(in_group["person_id"]),
                format_func=ctx.person_with_id,
                key="org_split_veterans",
                placeholder=t("common.choose_many"),
            )
            new_owner = st.selectbox(
                t("org.split.owner"),
                [None, *ctx.present["id"]],
                format_func=lambda p: t("common.none") if p is None else ctx.person_with_id(p),
                key="org_split_owner",
                help=t("org.split.owner_help"),
            )
            keep = st.checkbox(t("org.split.keep"), key="org_split_keep")
            if st.form_submit_button(t("org.split.submit"), disabled=not writable):
                st.session_state.pop("org_split_reason", None)
                st.session_state["org_split_pending"] = {
                    "group_id": split_group,
                    "new_name": split_name,
                    "veteran_ids": veterans,
                    "keep": keep,
                    "owner_id": new_owner,
                }
    with merge_col:
        st.subheader(t("org.merge.title"))
        st.caption(t("org.merge.help"))
        mergeable = in_scope(groups[groups["tier"] != "management"]["id"], ctx.scope)
        with st.form("org_merge_form", enter_to_submit=False):
            source = _choose(t("org.merge.source"), mergeable, group_name.get, "org_merge_source")
            target = _choose(t("org.merge.target"), mergeable, group_name.get, "org_merge_target")
            if st.form_submit_button(t("org.merge.submit"), disabled=not writable):
                if source is None or target is None:
                    st.warning(t("org.choose_both"))
                else:
                    st.session_state["org_merge_pending"] = {"source": source, "target": target}
    if st.session_state.get("org_split_pending"):
        _confirm_split(ctx, st.session_state["org_split_pending"])
    elif st.session_state.get("org_merge_pending"):
        _confirm_merge(ctx, st.session_state["org_merge_pending"])


def settings_panel(ctx: OrgContext) -> None:
    """The lifecycle stages' boundaries and the split readiness thresholds (team-wide: saved
    by whole-tree writers only)."""
    with st.expander(t("org.settings.title")):
        settings_form(
            "org",
            org.SETTING_BOUNDS,
            ctx.settings,
            lambda values: org.save_settings(ctx.db, ctx.actor, values),
            # the lifecycle stages' boundaries on the left, the readiness thresholds on the right
            column_of=lambda _, key: 0 if key.endswith("months") and key != "veteran_months" else 1,
            may_save=bool(ctx.writable and ctx.scope is None),
        )
