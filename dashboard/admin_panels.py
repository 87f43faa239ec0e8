"""The Admin page's panels: accounts (add, edit, reset a password, clear sign-in delays),
the audit log, and backup and restore. Loaders, frames and the chart are in
``admin_views``; the Channels tab is ``notify_panels.channels_panel``."""

from collections.abc import Callable
from datetime import date

import streamlit as st
from sqlite_utils import Database

from dashboard import admin_views as views
from dashboard.domain import accounts
from dashboard.export import table_downloads
from dashboard.i18n import label, t
from dashboard.session import describe_error, notify, run_write, submit
from dashboard.tables import show_table
from db.errors import OpsError
from db.schema import APP_ROLES

ADD_FIELDS = ("admin_add_username", "admin_add_display", "admin_add_email", "admin_add_password")


def _role_label(role: str) -> str:
    return t(f"accounts.role.{role}")


def _scope_label(groups: dict[int, str]) -> Callable[[int | None], str]:
    """How a scope picker names its options (no group: the whole tree)."""
    return lambda group_id: (
        t("admin.users.whole_tree") if group_id is None else groups.get(group_id, "?")
    )


# ---------------------------------------------------------------- accounts


def users_panel(db: Database, path: str, actor: str, lang: str, today: date) -> None:
    """Every account, the form that adds one, and the chosen account's forms."""
    users = views.users_rows(path)
    groups = views.group_names(path)
    show_table(views.users_frame(users, lang), hide_index=True, width="stretch")
    st.caption(t("admin.users.roles_help"))
    add_col, edit_col = st.columns(2)
    with add_col:
        add_user_form(db, actor, groups, today)
    with edit_col:
        edit_user_panel(db, actor, {user["username"]: user for user in users}, groups)


def add_user_form(db: Database, actor: str, groups: dict[int, str], today: date) -> None:
    with st.form("admin_add_form", clear_on_submit=False):
        st.subheader(t("admin.add.title"))
        username = st.text_input(t("accounts.username"), key="admin_add_username")
        display = st.text_input(t("admin.users.col.display_name"), key="admin_add_display")
        role = st.selectbox(
            t("admin.users.col.role"), APP_ROLES, format_func=_role_label, key="admin_add_role"
        )
        scope = st.selectbox(
            t("admin.users.col.scope"),
            [None, *groups],
            format_func=_scope_label(groups),
            key="admin_add_scope",
            help=t("admin.users.scope_help"),
        )
        email = st.text_input(
            t("admin.users.col.email"), key="admin_add_email", help=t("admin.users.email_help")
        )
        password = st.text_input(
            t("admin.add.password"),
            type="password",
            key="admin_add_password",
            help=t("admin.add.password_help", min=accounts.MIN_PASSWORD_LENGTH),
        )
        if not st.form_submit_button(t("admin.add.submit"), type="primary"):
            return
        created = run_write(
            lambda: accounts.add_user(
                db,
                actor,
                username=username,
                display_name=display,
                app_role=role,
                password=password,
                scope_group_id=scope,
                email=email,
                today=today,
            )
        )
        if created:
            for key in ADD_FIELDS:
                st.session_state.pop(key, None)
            notify(t("admin.add.done", username=created))  # the name as stored
            st.rerun()


def edit_user_panel(
    db: Database, actor: str, by_name: dict[str, dict], groups: dict[int, str]
) -> None:
    """The chosen account: its fields, a temporary password, and clearing its delays."""
    st.subheader(t("admin.edit.title"))
    chosen = st.selectbox(
        t("admin.edit.user"),
        list(by_name),
        format_func=lambda name: f"{name} · {by_name[name]['display_name']}",
        key="admin_edit_user",
    )
    user = by_name[chosen]
    scope_options = [None, *groups]
    with st.form(f"admin_edit_form_{chosen}"):
        display = st.text_input(
            t("admin.users.col.display_name"),
            user["display_name"],
            key=f"admin_edit_display_{chosen}",
        )
        role = st.selectbox(
            t("admin.users.col.role"),
            APP_ROLES,
            index=APP_ROLES.index(user["app_role"]),
            format_func=_role_label,
            key=f"admin_edit_role_{chosen}",
        )
        scope = st.selectbox(
            t("admin.users.col.scope"),
            scope_options,
            index=scope_options.index(user["scope_group_id"])
            if user["scope_group_id"] in scope_options
            else 0,
            format_func=_scope_label(groups),
            key=f"admin_edit_scope_{chosen}",
            help=t("admin.users.scope_help"),
        )
        email = st.text_input(
            t("admin.users.col.email"), user["email"] or "", key=f"admin_edit_email_{chosen}"
        )
        if st.form_submit_button(t("admin.edit.submit"), type="primary"):
            submit(
                lambda: accounts.update_user(
                    db,
                    actor,
                    chosen,
                    display_name=display,
                    app_role=role,
                    scope_group_id=scope,
                    email=email,
                ),
                t("admin.edit.done", username=chosen),
            )
    with st.form(f"admin_reset_form_{chosen}", clear_on_submit=True):
        temporary = st.text_input(
            t("admin.reset.password"),
            type="password",
            key=f"admin_reset_password_{chosen}",
            help=t("admin.reset.help"),
        )
        if st.form_submit_button(t("admin.reset.submit")):
            submit(
                lambda: accounts.reset_password(db, actor, chosen, temporary),
                t("admin.reset.done", username=chosen),
            )
    if accounts.locked_until(user, accounts.utc_now()) is not None or user["failed_attempts"]:
        st.warning(t("admin.unlock.state", username=chosen, attempts=user["failed_attempts"]))
        if st.button(t("admin.unlock.submit"), key="admin_unlock"):
            submit(
                lambda: accounts.unlock(db, actor, chosen), t("admin.unlock.done", username=chosen)
            )


# ---------------------------------------------------------------- audit log


def audit_panel(path: str, today: date) -> None:
    """The audit log filtered by day range, user, entity and group, with its CSV."""
    choices = views.audit_choices(path)
    groups = views.group_names(path)
    since_col, until_col, user_col, entity_col, group_col = st.columns(5)
    since = since_col.date_input(t("admin.audit.since"), value=None, key="admin_audit_since")
    until = until_col.date_input(t("admin.audit.until"), value=None, key="admin_audit_until")
    who = user_col.selectbox(
        t("admin.audit.col.username"),
        [None, *choices["users"]],
        format_func=lambda v: (
            t("admin.audit.any") if v is None else label("audit.user", v) if v == "system" else v
        ),
        key="admin_audit_user",
    )
    entity = entity_col.selectbox(
        t("admin.audit.col.entity"),
        [None, *choices["entities"]],
        format_func=lambda v: t("admin.audit.any") if v is None else label("audit.entity", v),
        key="admin_audit_entity",
    )
    group_id = group_col.selectbox(
        t("admin.audit.col.group"),
        [None, *groups],
        format_func=lambda v: t("admin.audit.any") if v is None else groups[v],
        key="admin_audit_group",
    )
    if since and until and since > until:
        st.error(t("admin.audit.bad_range"))
        return
    filters = views.audit_filters(since, until, who, entity, group_id)
    count = views.audit_count(path, filters)
    if not count:
        st.info(t("admin.audit.empty"))
        return
    st.altair_chart(views.activity_chart(views.audit_activity(path, filters)), width="stretch")
    st.caption(t("admin.audit.count", count=count))
    page = audit_page_picker(count)
    rows = views.audit_rows(path, filters, page, views.AUDIT_PAGE_SIZE)
    show_table(
        views.audit_display(views.audit_frame(rows)).rename(columns=views.audit_labels()),
        hide_index=True,
        width="stretch",
    )
    table_downloads(
        lambda: views.audit_frame(views.audit_rows(path, filters)),
        f"audit-{today.isoformat()}",
        "admin_audit",
        t("admin.audit.csv"),
    )


def audit_page_picker(count: int) -> int:
    """The page of the log to show (0: the newest rows), asked for only when there are
    several; a page past the end (after a narrower filter) becomes the last one."""
    pages = -(-count // views.AUDIT_PAGE_SIZE)
    if pages == 1:
        return 0
    if st.session_state.get("admin_audit_page", 1) > pages:
        st.session_state["admin_audit_page"] = pages
    page = st.number_input(
        t("admin.audit.page", pages=pages, size=views.AUDIT_PAGE_SIZE),
        min_value=1,
        max_value=pages,
        step=1,
        key="admin_audit_page",
    )
    return int(page) - 1


# ---------------------------------------------------------------- backup and restore


def _forget_restore() -> None:
    st.session_state.pop("admin_restore_pending", None)


def _confirm_restore(db: Database, actor: str, path: str, pending: dict) -> None:
    """The restore's confirmation (shown in a dialog)."""
    st.write(t("admin.restore.confirm_text", name=pending["name"]))
    yes, no = st.columns(2)
    if yes.button(t("admin.restore.confirm"), key="admin_restore_confirm", type="primary"):
        _forget_restore()
        upload = st.session_state.get("admin_restore_file")
        data = upload.getvalue() if upload is not None else b""
        with st.spinner(t("admin.restore.working")):
            aside = run_write(lambda: accounts.restore(db, actor, path, data))
        if aside:  # run_write has cleared the caches
            notify(t("admin.restore.done", name=pending["name"], aside=aside.name))
            st.rerun()
    if no.button(t("admin.restore.cancel"), key="admin_restore_cancel"):
        _forget_restore()
        st.rerun()


def backup_panel(db: Database, actor: str, path: str, today: date) -> None:
    """Download a backup made at the click; restore one after a check and a confirmation."""
    backup_col, restore_col = st.columns(2)
    with backup_col:
        st.subheader(t("admin.backup.title"))
        st.caption(t("admin.backup.help"))
        st.download_button(
            t("admin.backup.download"),
            lambda: accounts.backup_bytes(path),  # taken at the click, in the background
            file_name=f"ops-backup-{today.isoformat()}.sqlite",
            mime="application/vnd.sqlite3",
            key="admin_backup_download",
            icon=":material/download:",
            on_click="ignore",
            type="primary",
        )
    with restore_col:
        st.subheader(t("admin.restore.title"))
        st.caption(
            t("admin.restore.help", limit=f"{accounts.max_restore_bytes() / 1024 / 1024:.0f}")
        )
        upload = st.file_uploader(
            t("admin.restore.file"), type=["sqlite", "db", "sqlite3"], key="admin_restore_file"
        )
        if upload is not None and st.button(
            t("admin.restore.check"), key="admin_restore_check", type="primary"
        ):
            try:
                accounts.check_backup_bytes(upload.getvalue())
            except OpsError as error:
                st.error(describe_error(error))
            else:
                st.session_state["admin_restore_pending"] = {"name": upload.name}
    pending = st.session_state.get("admin_restore_pending")
    if pending:
        # the dialog is made at each run, so its title is in the reader's language
        confirm = st.dialog(t("admin.restore.confirm_title"), on_dismiss=_forget_restore)
        confirm(_confirm_restore)(db, actor, path, pending)
