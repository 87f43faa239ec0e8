import streamlit as st

from dashboard import auth, clock
from dashboard.admin_views import (
    activity_chart,
    activity_frame,
    audit_choices,
    audit_display,
    audit_frame,
    audit_labels,
    audit_rows,
    group_names,
    users_frame,
    users_rows,
)
from dashboard.domain import accounts
from dashboard.export import table_downloads
from dashboard.i18n import current_language, label, t
from dashboard.navigation import ensure_app_shell
from dashboard.notify_views import channels_panel
from dashboard.session import describe_error, page_db, run_write
from dashboard.tables import show_table
from db.errors import OpsError
from db.schema import APP_ROLES

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()

st.title(t("admin.title"))
if not auth.is_admin():
    st.warning(t("admin.only"))
    st.stop()
actor = auth.actor()
st.caption(t("admin.caption"))
for flash in st.session_state.pop("admin_flash", []):
    st.success(flash)


def flash(text: str) -> None:
    st.session_state.setdefault("admin_flash", []).append(text)


users = users_rows(path)
groups = group_names(path)
by_name = {user["username"]: user for user in users}
scope_options = [None, *groups]


def scope_label(group_id: int | None) -> str:
    return t("admin.users.whole_tree") if group_id is None else groups.get(group_id, "?")


def role_label(role: str) -> str:
    return t(f"accounts.role.{role}")


users_tab, audit_tab, backup_tab, channels_tab = st.tabs(
    [t("admin.tab.users"), t("admin.tab.audit"), t("admin.tab.backup"), t("admin.tab.channels")]
)

with users_tab:
    show_table(users_frame(users, lang), hide_index=True, width="stretch")
    st.caption(t("admin.users.roles_help"))
    add_col, edit_col = st.columns(2)
    with add_col, st.form("admin_add_form", clear_on_submit=False):
        st.subheader(t("admin.add.title"))
        new_username = st.text_input(t("accounts.username"), key="admin_add_username")
        new_display = st.text_input(t("admin.users.col.display_name"), key="admin_add_display")
        new_role = st.selectbox(
            t("admin.users.col.role"), APP_ROLES, format_func=role_label, key="admin_add_role"
        )
        new_scope = st.selectbox(
            t("admin.users.col.scope"),
            scope_options,
            format_func=scope_label,
            key="admin_add_scope",
            help=t("admin.users.scope_help"),
        )
        new_email = st.text_input(
            t("admin.users.col.email"), key="admin_add_email", help=t("admin.users.email_help")
        )
        new_password = st.text_input(
            t("admin.add.password"),
            type="password",
            key="admin_add_password",
            help=t("admin.add.password_help", min=accounts.MIN_PASSWORD_LENGTH),
        )
        if st.form_submit_button(t("admin.add.submit"), type="primary"):
            created = run_write(
                lambda: accounts.add_user(
                    db,
                    actor,
                    username=new_username,
                    display_name=new_display,
                    app_role=new_role,
                    password=new_password,
                    scope_group_id=new_scope,
                    email=new_email,
                    today=today,
                )
            )
            if created:
                for key in (
                    "admin_add_username",
                    "admin_add_display",
                    "admin_add_email",
                    "admin_add_password",
                ):
                    st.session_state.pop(key, None)
                flash(t("admin.add.done", username=created))
                st.rerun()

    with edit_col:
        st.subheader(t("admin.edit.title"))
        chosen = st.selectbox(
            t("admin.edit.user"),
            list(by_name),
            format_func=lambda name: f"{name} · {by_name[name]['display_name']}",
            key="admin_edit_user",
        )
        user = by_name[chosen]
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
                format_func=role_label,
                key=f"admin_edit_role_{chosen}",
            )
            scope = st.selectbox(
                t("admin.users.col.scope"),
                scope_options,
                index=scope_options.index(user["scope_group_id"])
                if user["scope_group_id"] in scope_options
                else 0,
                format_func=scope_label,
                key=f"admin_edit_scope_{chosen}",
                help=t("admin.users.scope_help"),
            )
            email = st.text_input(
                t("admin.users.col.email"), user["email"] or "", key=f"admin_edit_email_{chosen}"
            )
            if st.form_submit_button(t("admin.edit.submit"), type="primary") and run_write(
                lambda: accounts.update_user(
                    db,
                    actor,
                    chosen,
                    display_name=display,
                    app_role=role,
                    scope_group_id=scope,
                    email=email,
                )
            ):
                flash(t("admin.edit.done", username=chosen))
                st.rerun()
        with st.form(f"admin_reset_form_{chosen}", clear_on_submit=True):
            temporary = st.text_input(
                t("admin.reset.password"),
                type="password",
                key=f"admin_reset_password_{chosen}",
                help=t("admin.reset.help"),
            )
            if st.form_submit_button(t("admin.reset.submit")) and run_write(
                lambda: accounts.reset_password(db, actor, chosen, temporary)
            ):
                flash(t("admin.reset.done", username=chosen))
                st.rerun()
        if accounts.locked_until(user, accounts.utc_now()) is not None or user["failed_attempts"]:
            st.warning(t("admin.unlock.state", username=chosen, attempts=user["failed_attempts"]))
            if st.button(t("admin.unlock.submit"), key="admin_unlock") and run_write(
                lambda: accounts.unlock(db, actor, chosen)
            ):
                flash(t("admin.unlock.done", username=chosen))
                st.rerun()

with audit_tab:
    choices = audit_choices(path)
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
    else:
        rows = audit_rows(path, since, until, who, entity, group_id)
        if not rows:
            st.info(t("admin.audit.empty"))
        else:
            st.altair_chart(activity_chart(activity_frame(rows)), width="stretch")
            frame = audit_frame(rows)
            st.caption(t("admin.audit.count", count=len(frame)))
            show_table(
                audit_display(frame).rename(columns=audit_labels()),
                hide_index=True,
                width="stretch",
            )
            table_downloads(
                frame, f"audit-{today.isoformat()}", "admin_audit", t("admin.audit.csv")
            )


def forget_restore() -> None:
    st.session_state.pop("admin_restore_pending", None)


@st.dialog(t("admin.restore.confirm_title"), on_dismiss=forget_restore)
def confirm_restore(pending: dict) -> None:
    st.write(t("admin.restore.confirm_text", name=pending["name"]))
    yes, no = st.columns(2)
    if yes.button(t("admin.restore.confirm"), key="admin_restore_confirm", type="primary"):
        forget_restore()
        upload = st.session_state.get("admin_restore_file")
        data = upload.getvalue() if upload is not None else b""
        with st.spinner(t("admin.restore.working")):
            aside = run_write(lambda: accounts.restore(db, actor, path, data))
        if aside:  # run_write has cleared the caches
            flash(t("admin.restore.done", name=pending["name"], aside=aside.name))
            st.rerun()
    if no.button(t("admin.restore.cancel"), key="admin_restore_cancel"):
        forget_restore()
        st.rerun()


with backup_tab:
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
            t(
                "admin.restore.help",
                limit=f"{accounts.max_restore_bytes() / 1024 / 1024:.0f}",
            )
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
        confirm_restore(pending)

with channels_tab:
    channels_panel(db, actor, lang, today)
