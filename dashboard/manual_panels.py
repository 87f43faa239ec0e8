"""Panels of the handover manuals page's Manuals tab: the freshness overview, the role
picker, and one role's manual read, edited, compared across versions and printed; the
printable view opened by ``?print=<role code>``. Each panel offers only what the signed-in
user may change."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import manual_views as views
from dashboard.domain import manuals as rules
from dashboard.i18n import LANGUAGES, t
from dashboard.session import run_write, submit
from dashboard.tables import show_table
from db.access import can_write_role

PENDING = "manual_pending_secrets"  # a save held back because the body looks like a secret


KEPT_KEYS = ("manual_ho_group", "manual_ho_role")  # the handover being started: its picks


@dataclass(frozen=True)
class ManualsContext:
    """What every panel of the page needs: the session's connection, the loaders' path,
    the reader's language, who is signed in, today and the groups they may change
    (``None``: every group)."""

    db: Database
    path: str
    lang: str
    actor: str
    day: date
    writable: set[int] | None


def print_view(ctx: ManualsContext, role_code: str) -> None:
    """The printable view: one role's latest manual alone, with a link back."""
    printable = next((m for m in views.role_manuals(ctx.path) if m["code"] == role_code), None)
    if printable is None or not printable["version"]:
        st.title(t("manual.title"))
        st.info(t("manual.print.missing", role=role_code))
    else:
        shown = views.manual_versions(ctx.path, printable["role_id"])[0]
        st.title(
            t(
                "manual.print.header",
                role=views.role_label(printable, ctx.lang),
                version=shown["version"],
                created=shown["created_on"],
            )
        )
        st.caption(views.meta_text(shown, printable["last_reviewed_on"]))
        views.show_manual(shown["body_md"])
        st.caption(t("manual.print.hint"))
    st.link_button(t("manual.print.back"), url="handover_manuals", icon=":material/arrow_back:")


def freshness(ctx: ManualsContext, manuals: list[dict], stale_days: int) -> pd.DataFrame:
    """How many key roles lack a manual and how many manuals are stale, with the chart of
    days since each review; returns the status frame the role picker labels with."""
    status = views.status_frame(manuals, ctx.day, stale_days, ctx.lang)
    missing = int(((status["status"] == "missing") & status["is_key"]).sum())
    stale = int((status["status"] == "stale").sum())
    st.markdown(t("manual.summary", missing=missing, stale=stale))
    st.vega_lite_chart(views.freshness_chart(status, stale_days, ctx.lang), width="stretch")
    return status


def manuals_panel(ctx: ManualsContext, manuals: list[dict], roles: dict[int, dict]) -> None:
    """The Manuals tab: how fresh the manuals are, the role picker, and the picked role's
    manual read, edited, compared across versions and printed."""
    stale_days = st.number_input(
        t("manual.stale_days"),
        min_value=7,
        max_value=730,
        value=rules.DEFAULT_STALE_DAYS,
        step=15,
        key="manual_stale_days",
    )
    status = freshness(ctx, manuals, int(stale_days))
    editable = editable_roles(ctx, roles)
    role_id = pick_role(roles, editable, status, ctx.lang)
    role = roles[role_id]
    can_edit = role_id in editable
    versions = views.manual_versions(ctx.path, role_id)
    latest = versions[0] if versions else None

    current_tab, edit_tab, history_tab, print_tab = st.tabs(
        [
            t("manual.view.current"),
            t("manual.view.edit"),
            t("manual.view.history"),
            t("manual.view.print"),
        ],
        key="manual_view_tabs",
    )
    with current_tab:
        current_manual(ctx, role, latest, int(stale_days), can_edit)
    with edit_tab:
        edit_manual(ctx, role, versions, can_edit)
    with history_tab:
        manual_history(ctx, role, versions)
    with print_tab:
        print_preview(ctx, role, latest)


def pick_role(roles: dict[int, dict], editable: set[int], status: pd.DataFrame, lang: str) -> int:
    """The role whose manual is shown, the roles the user may edit first."""
    labels = status.set_index("role_id")["status_label"]
    return st.selectbox(
        t("manual.pick_role"),
        options=sorted(roles, key=lambda rid: rid not in editable),  # theirs first
        format_func=lambda rid: f"{views.role_label(roles[rid], lang)} · {labels.loc[rid]}",
        key="manual_role",
    )


def current_manual(
    ctx: ManualsContext, role: dict, latest: dict | None, stale_days: int, can_edit: bool
) -> None:
    """The latest version with its review state, mark-reviewed and download buttons."""
    if latest is None:
        st.info(t("manual.none_yet", role=views.role_label(role, ctx.lang)))
        return
    st.caption(views.meta_text(latest, role["last_reviewed_on"]))
    if rules.manual_status(role, ctx.day, stale_days) == "stale":
        st.warning(t("manual.stale_warning", days=rules.days_since_review(role, ctx.day)))
    left, right = st.columns([1, 1])
    if (
        can_edit
        and left.button(
            t("manual.mark_reviewed"), key="manual_mark_reviewed", icon=":material/verified:"
        )
        and run_write(
            lambda: rules.mark_reviewed(ctx.db, ctx.actor, role_id=role["role_id"], today=ctx.day),
            success=t("manual.reviewed_ok"),
        )
    ):
        st.rerun()
    right.download_button(
        t("manual.download"),
        data=rules.export_markdown(role, latest).encode("utf-8"),
        file_name=f"manual-{role['code']}-v{latest['version']}.md",
        mime="text/markdown",
        key="manual_download",
        icon=":material/download:",
        on_click="ignore",
    )
    with st.container(border=True):
        views.show_manual(latest["body_md"])


def edit_manual(ctx: ManualsContext, role: dict, versions: list[dict], can_edit: bool) -> None:
    """The Markdown editor (the latest version, or the template for a first one); a body
    that looks like it holds a secret is saved only after a second confirmation."""
    if not can_edit:
        st.info(t("manual.read_only"))
        return
    role_id, latest = role["role_id"], (versions[0] if versions else None)
    body_key = f"manual_body_{role_id}"
    if body_key not in st.session_state:
        if latest is None:
            st.session_state[body_key] = rules.template(ctx.lang, views.role_label(role, ctx.lang))
        else:
            st.session_state[body_key] = latest["body_md"]
    if latest is None:
        st.caption(t("manual.edit.from_template", language=LANGUAGES[ctx.lang]))
    with st.form("manual_edit_form"):
        body = st.text_area(
            t("manual.edit.body"), key=body_key, height=480, help=t("manual.edit.help")
        )
        note = st.text_input(t("manual.edit.note"), key=f"manual_note_{role_id}")
        submitted = st.form_submit_button(t("manual.edit.save"), type="primary", key="manual_save")
    saved = t("manual.edit.saved", version=len(versions) + 1)

    def save(confirm_secrets: bool = False) -> None:
        submit(
            lambda: rules.save_manual(
                ctx.db,
                ctx.actor,
                role_id=role_id,
                body_md=body,
                today=ctx.day,
                note=note,
                confirm_secrets=confirm_secrets,
            ),
            saved,
        )

    if submitted:
        findings = rules.find_secrets(body)
        if findings:
            st.session_state[PENDING] = {"role_id": role_id, "count": len(findings)}
        else:
            st.session_state.pop(PENDING, None)
            save()
    pending = st.session_state.get(PENDING)
    if pending and pending["role_id"] == role_id:
        findings = rules.find_secrets(body)
        st.warning(
            t("manual.secret.warning", count=len(findings))
            + "\n\n"
            + rules.inert_markdown(views.secret_lines(findings)),
            icon=":material/key:",
        )
        anyway, back = st.columns(2)
        if anyway.button(t("manual.secret.save_anyway"), key="manual_save_anyway"):
            st.session_state.pop(PENDING, None)
            save(confirm_secrets=True)
        if back.button(t("manual.secret.back"), key="manual_secret_back"):
            st.session_state.pop(PENDING, None)
            st.rerun()


def manual_history(ctx: ManualsContext, role: dict, versions: list[dict]) -> None:
    """Every version in a table, one of them shown, and two of them compared."""
    if not versions:
        st.info(t("manual.none_yet", role=views.role_label(role, ctx.lang)))
        return
    role_id, lang = role["role_id"], ctx.lang
    by_id = {v["id"]: v for v in versions}

    def version_label(version_id: int) -> str:
        version = by_id[version_id]
        return t(
            "manual.history.version_label",
            lang,
            version=version["version"],
            created=version["created_on"],
            author=version["author"],
        )

    def pick_version(where, which: str, key: str, index: int = 0) -> int:
        """A version picked in ``where``; the key names the role and how many versions it
        has, so a new version starts the picker afresh."""
        return where.selectbox(
            t(f"manual.history.{which}"),
            options=list(by_id),
            index=index,
            format_func=version_label,
            key=f"{key}_{role_id}_{len(versions)}",
        )

    st.subheader(t("manual.history.versions"))
    show_table(
        [
            {
                t("manual.col.version"): v["version"],
                t("manual.col.author"): v["author"],
                t("manual.col.saved"): v["created_on"],
                t("manual.col.reviewed"): v["reviewed_on"],
                t("manual.col.note"): v["note"],
            }
            for v in versions
        ],
        hide_index=True,
        key="manual_versions_table",
    )
    shown = pick_version(st, "view", "manual_view_version")
    with st.expander(version_label(shown)):
        views.show_manual(by_id[shown]["body_md"])

    st.subheader(t("manual.history.compare"))
    if len(versions) < 2:
        st.info(t("manual.history.only_one"))
        return
    old_col, new_col, layout_col = st.columns(3)
    old_id = pick_version(old_col, "old", "manual_diff_old", index=1)
    new_id = pick_version(new_col, "new", "manual_diff_new")
    layout = layout_col.segmented_control(
        t("manual.diff.layout"),
        options=["unified", "side"],
        default="unified",
        required=True,
        format_func=lambda code: t(f"manual.diff.{code}", lang),
        key="manual_diff_layout",
    )
    compare(by_id[old_id], by_id[new_id], layout, lang)


def compare(old: dict, new: dict, layout: str, lang: str) -> None:
    """Two versions' differences, as a unified diff or a coloured side-by-side table."""
    rows = rules.side_by_side(old["body_md"], new["body_md"], rules.DIFF_CONTEXT)
    counts = rules.diff_counts(rows)
    if not any(counts.values()):
        st.info(t("manual.diff.same"))
        return
    st.caption(t("manual.diff.counts", **counts))
    if layout == "side":
        show_table(views.diff_styler(rows, lang), hide_index=True, key="manual_diff_table")
    else:
        st.code(
            rules.unified_diff(
                old["body_md"], new["body_md"], f"v{old['version']}", f"v{new['version']}"
            ),
            language="diff",
        )


def print_preview(ctx: ManualsContext, role: dict, latest: dict | None) -> None:
    """The link to the printable view and the manual as it prints."""
    role_name = views.role_label(role, ctx.lang)
    if latest is None:
        st.info(t("manual.none_yet", role=role_name))
        return
    st.link_button(
        t("manual.print.open"),
        url=f"handover_manuals?print={role['code']}",
        icon=":material/print:",
    )
    st.header(
        t(
            "manual.print.header",
            role=role_name,
            version=latest["version"],
            created=latest["created_on"],
        )
    )
    views.show_manual(latest["body_md"])


def editable_roles(ctx: ManualsContext, roles: dict[int, dict]) -> set[int]:
    """The roles whose manual the user may edit (the rule db.access.require_role_write holds)."""
    return {rid for rid in roles if can_write_role(ctx.db, ctx.actor, rid)}
