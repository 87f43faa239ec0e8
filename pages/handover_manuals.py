from datetime import date

import streamlit as st

from dashboard import auth
from dashboard import manual_views as views
from dashboard.clock import today
from dashboard.domain import manuals as rules
from dashboard.i18n import LANGUAGES, current_language, t
from dashboard.i18n.formats import localized
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, run_write
from dashboard.tables import show_table
from db.access import can_write_role, is_successor, writable_group_ids

ensure_app_shell()

db, path = page_db()
lang = current_language()
actor = auth.actor()
day = today()
writable = writable_group_ids(db, actor)
PENDING = "manual_pending_secrets"
FLASH = "manual_flash"

printing = st.query_params.get("print")
if printing:  # the printable view: the manual alone, e.g. ?print=owner
    printable = next((m for m in views.role_manuals(path) if m["code"] == printing), None)
    if printable is None or not printable["version"]:
        st.title(t("manual.title"))
        st.info(t("manual.print.missing", role=printing))
    else:
        shown = views.manual_versions(path, printable["role_id"])[0]
        st.title(
            t(
                "manual.print.header",
                role=views.role_label(printable, lang),
                version=shown["version"],
                created=shown["created_on"],
            )
        )
        st.caption(
            t(
                "manual.meta",
                version=shown["version"],
                author=shown["author"],
                created=shown["created_on"],
                reviewed=printable["last_reviewed_on"],
            )
        )
        views.show_manual(shown["body_md"])
        st.caption(t("manual.print.hint"))
    st.link_button(t("manual.print.back"), url="handover_manuals", icon=":material/arrow_back:")
    st.stop()

st.title(t("manual.title"))
st.caption(t("manual.intro"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

manuals_tab, handovers_tab = st.tabs(
    [t("manual.tab.manuals"), t("manual.tab.handovers")], key="manual_tabs"
)

# ---------------------------------------------------------------- manuals
with manuals_tab:
    stale_days = st.number_input(
        t("manual.stale_days"),
        min_value=7,
        max_value=730,
        value=rules.DEFAULT_STALE_DAYS,
        step=15,
        key="manual_stale_days",
    )
    manuals = views.role_manuals(path)
    status = views.status_frame(manuals, day, int(stale_days), lang)
    missing = int(((status["status"] == "missing") & status["is_key"]).sum())
    stale = int((status["status"] == "stale").sum())
    st.markdown(t("manual.summary", missing=missing, stale=stale))
    st.altair_chart(views.freshness_chart(status, int(stale_days), lang), width="stretch")

    roles = {manual["role_id"]: manual for manual in manuals}
    editable_roles = {rid for rid in roles if can_write_role(db, actor, rid)}
    role_id = st.selectbox(
        t("manual.pick_role"),
        options=sorted(roles, key=lambda rid: rid not in editable_roles),  # theirs first
        format_func=lambda rid: (
            f"{views.role_label(roles[rid], lang)} · "
            f"{status.set_index('role_id').loc[rid, 'status_label']}"
        ),
        key="manual_role",
    )
    role = roles[role_id]
    can_edit_manuals = role_id in editable_roles  # the rule db.access.require_role_write holds
    role_name = views.role_label(role, lang)
    versions = views.manual_versions(path, role_id)
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
        if latest is None:
            st.info(t("manual.none_yet", role=role_name))
        else:
            st.caption(
                t(
                    "manual.meta",
                    version=latest["version"],
                    author=latest["author"],
                    created=latest["created_on"],
                    reviewed=role["last_reviewed_on"],
                )
            )
            row_status = rules.manual_status(role, day, int(stale_days))
            if row_status == "stale":
                st.warning(t("manual.stale_warning", days=rules.days_since_review(role, day)))
            left, right = st.columns([1, 1])
            if (
                can_edit_manuals
                and left.button(
                    t("manual.mark_reviewed"),
                    key="manual_mark_reviewed",
                    icon=":material/verified:",
                )
                and run_write(
                    lambda: rules.mark_reviewed(db, actor, role_id=role_id, today=day),
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

    with edit_tab:
        if not can_edit_manuals:
            st.info(t("manual.read_only"))
        else:
            body_key = f"manual_body_{role_id}"
            if body_key not in st.session_state:
                if latest is None:
                    st.session_state[body_key] = rules.template(lang, role_name)
                else:
                    st.session_state[body_key] = latest["body_md"]
            if latest is None:
                st.caption(t("manual.edit.from_template", language=LANGUAGES[lang]))
            with st.form("manual_edit_form"):
                body = st.text_area(
                    t("manual.edit.body"), key=body_key, height=480, help=t("manual.edit.help")
                )
                note = st.text_input(t("manual.edit.note"), key=f"manual_note_{role_id}")
                submitted = st.form_submit_button(
                    t("manual.edit.save"), type="primary", key="manual_save"
                )
            if submitted:
                findings = rules.find_secrets(body)
                if findings:
                    st.session_state[PENDING] = {"role_id": role_id, "count": len(findings)}
                else:
                    st.session_state.pop(PENDING, None)
                    if run_write(
                        lambda: rules.save_manual(
                            db, actor, role_id=role_id, body_md=body, today=day, note=note
                        )
                    ):
                        st.session_state[FLASH] = t("manual.edit.saved", version=len(versions) + 1)
                        st.rerun()
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
                    if run_write(
                        lambda: rules.save_manual(
                            db, actor, role_id=role_id, body_md=body, today=day, note=note,
                            confirm_secrets=True,
                        )
                    ):  # fmt: skip
                        st.session_state[FLASH] = t("manual.edit.saved", version=len(versions) + 1)
                        st.rerun()
                if back.button(t("manual.secret.back"), key="manual_secret_back"):
                    st.session_state.pop(PENDING, None)
                    st.rerun()

    with history_tab:
        if not versions:
            st.info(t("manual.none_yet", role=role_name))
        else:
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
            shown = st.selectbox(
                t("manual.history.view"),
                options=list(by_id),
                format_func=version_label,
                key=f"manual_view_version_{role_id}_{len(versions)}",
            )
            with st.expander(version_label(shown)):
                views.show_manual(by_id[shown]["body_md"])

            st.subheader(t("manual.history.compare"))
            if len(versions) < 2:
                st.info(t("manual.history.only_one"))
            else:
                old_col, new_col, layout_col = st.columns(3)
                old_id = old_col.selectbox(
                    t("manual.history.old"),
                    options=list(by_id),
                    index=1,
                    format_func=version_label,
                    key=f"manual_diff_old_{role_id}_{len(versions)}",
                )
                new_id = new_col.selectbox(
                    t("manual.history.new"),
                    options=list(by_id),
                    index=0,
                    format_func=version_label,
                    key=f"manual_diff_new_{role_id}_{len(versions)}",
                )
                layout = layout_col.segmented_control(
                    t("manual.diff.layout"),
                    options=["unified", "side"],
                    default="unified",
                    required=True,
                    format_func=lambda code: t(f"manual.diff.{code}", lang),
                    key="manual_diff_layout",
                )
                old, new = by_id[old_id], by_id[new_id]
                rows = rules.side_by_side(old["body_md"], new["body_md"], rules.DIFF_CONTEXT)
                counts = rules.diff_counts(rows)
                if not any(counts.values()):
                    st.info(t("manual.diff.same"))
                else:
                    st.caption(t("manual.diff.counts", **counts))
                    if layout == "side":
                        show_table(
                            views.diff_styler(rows, lang),
                            hide_index=True,
                            key="manual_diff_table",
                        )
                    else:
                        st.code(
                            rules.unified_diff(
                                old["body_md"],
                                new["body_md"],
                                f"v{old['version']}",
                                f"v{new['version']}",
                            ),
                            language="diff",
                        )

    with print_tab:
        if latest is None:
            st.info(t("manual.none_yet", role=role_name))
        else:
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

# ---------------------------------------------------------------- handovers
with handovers_tab:
    every_handover = views.handovers(path)
    open_rows = [h for h in every_handover if not h["acknowledged_on"] and not h["cancelled_on"]]
    closed_rows = [h for h in every_handover if h["acknowledged_on"] or h["cancelled_on"]]
    groups = [g for g in views.live_groups(path) if writable is None or g["id"] in writable]

    if auth.can_write():
        with st.expander(t("manual.handover.start"), expanded=not open_rows):
            if not groups:
                st.info(t("manual.handover.no_groups"))
            else:
                group_names = {g["id"]: g["name"] for g in groups}
                pick_group, pick_role = st.columns(2)
                group_id = pick_group.selectbox(
                    t("manual.handover.group"),
                    options=list(group_names),
                    format_func=group_names.get,
                    key="manual_ho_group",
                )
                key_roles = [m for m in manuals if m["is_key"]]
                ho_role_id = pick_role.selectbox(
                    t("manual.handover.role"),
                    options=[m["role_id"] for m in key_roles],
                    format_func=lambda rid: views.role_label(roles[rid], lang),
                    key="manual_ho_role",
                )
                ho_role = roles[ho_role_id]
                members = views.group_members(path, group_id)
                holders = [m["person_id"] for m in members if m["role_id"] == ho_role_id]
                people = {m["person_id"]: m["person_name"] for m in members}
                if not ho_role["version"]:
                    st.warning(t("manual.handover.no_manual", role=views.role_label(ho_role, lang)))
                with st.form("manual_handover_form"):
                    from_options = [*holders, *[p for p in people if p not in holders], None]
                    from_id = st.selectbox(
                        t("manual.handover.from"),
                        options=from_options,
                        format_func=lambda pid: (
                            t("manual.handover.nobody", lang) if pid is None else people[pid]
                        ),
                        key="manual_ho_from",
                    )
                    to_id = st.selectbox(
                        t("manual.handover.to"),
                        options=[p for p in people if p not in holders] or list(people),
                        format_func=people.get,
                        key="manual_ho_to",
                    )
                    start = st.form_submit_button(
                        t("manual.handover.submit"),
                        type="primary",
                        key="manual_ho_submit",
                        disabled=not ho_role["version"] or not people,
                    )
                if start:
                    started = run_write(
                        lambda: rules.start_handover(
                            db,
                            actor,
                            role_id=ho_role_id,
                            group_id=group_id,
                            from_person_id=from_id,
                            to_person_id=to_id,
                            today=day,
                        ),
                        success=t("manual.handover.started"),
                    )
                    if started:
                        st.rerun()

    st.subheader(t("manual.handover.open"))
    waiting, overdue, acknowledged = st.columns(3)
    waiting.metric(t("manual.metric.open"), len(open_rows))
    overdue.metric(
        t("manual.metric.overdue"),
        sum(1 for h in open_rows if h["started_on"] < rules.overdue_since(day).isoformat()),
    )
    acknowledged.metric(
        t("manual.metric.acknowledged"), sum(1 for h in closed_rows if h["acknowledged_on"])
    )
    if not open_rows:
        st.info(t("manual.handover.none_open"))

    CANCELLING = "manual_cancelling"  # the handover whose cancellation awaits confirmation

    def stop_cancelling() -> None:
        st.session_state.pop(CANCELLING, None)

    @st.dialog(t("manual.handover.cancel"), on_dismiss=stop_cancelling)
    def confirm_cancel(handover: dict, headline_role: str) -> None:
        st.write(
            t(
                "manual.handover.cancel_confirm",
                role=headline_role,
                group=handover["group_name"],
                to_name=handover["to_name"],
            )
        )
        yes, no = st.columns(2)
        if yes.button(t("common.confirm"), type="primary", key="manual_ho_cancel_yes"):
            stop_cancelling()
            if run_write(
                lambda: rules.cancel_handover(db, actor, handover["id"], day),
                success=t("manual.handover.cancelled"),
            ):
                st.rerun()
        if no.button(t("common.cancel"), key="manual_ho_cancel_no"):
            stop_cancelling()
            st.rerun()

    for handover in open_rows:
        hid = handover["id"]
        ho_role_name = localized(handover, "role_name", lang)
        total, done = handover["item_count"], handover["done_count"]
        with st.container(border=True, key=f"manual_ho_box_{hid}"):
            st.markdown(
                "**"
                + rules.inert_markdown(
                    t(
                        "manual.handover.headline",
                        role=ho_role_name,
                        group=handover["group_name"],
                        from_name=handover["from_name"] or t("manual.handover.nobody"),
                        to_name=handover["to_name"],
                    )
                )
                + "**"
            )
            st.progress(
                done / total if total else 1.0,
                text=t(
                    "manual.handover.progress",
                    done=done,
                    total=total,
                    started=handover["started_on"],
                    version=handover["manual_version"],
                ),
            )
            days_open = (day - date.fromisoformat(handover["started_on"])).days
            if handover["flag"]:
                st.error(t(f"manual.handover.flag.{handover['flag']}"), icon=":material/flag:")
            elif days_open > rules.HANDOVER_OVERDUE_DAYS:
                st.warning(t("manual.handover.overdue", days=days_open), icon=":material/schedule:")
            checklist = views.handover_items(path, hid)
            editable = writable is None or handover["group_id"] in writable
            successor = is_successor(db, actor, handover["to_person"])
            # the successor acknowledges; an admin may do it on their behalf
            can_acknowledge = successor or auth.is_admin()
            if not can_acknowledge:
                st.caption(t("manual.handover.successor_only", name=handover["to_name"]))
            with st.form(f"manual_ho_items_form_{hid}"):
                if not checklist:
                    st.caption(t("manual.handover.no_items"))
                ticked = {
                    item["id"]
                    for item in checklist
                    if st.checkbox(
                        rules.inert_markdown(item["text"]),
                        value=item["done_on"] is not None,
                        key=f"manual_ho_item_{item['id']}",
                        disabled=not (editable or successor),
                    )
                }
                save_col, ack_col = st.columns(2)
                save = save_col.form_submit_button(
                    t("manual.handover.save_items"),
                    key=f"manual_ho_save_{hid}",
                    disabled=not (editable or successor),
                )
                acknowledge = ack_col.form_submit_button(
                    t("manual.handover.acknowledge")
                    if successor or not can_acknowledge
                    else t("manual.handover.acknowledge_on_behalf", name=handover["to_name"]),
                    type="primary",
                    key=f"manual_ho_ack_{hid}",
                    disabled=not can_acknowledge,
                )
            if save and run_write(
                lambda hid=hid, ticked=ticked: rules.save_checklist(db, actor, hid, ticked, day),
                success=t("manual.handover.items_saved"),
            ):
                st.rerun()
            if acknowledge and run_write(
                lambda hid=hid, ticked=ticked: rules.acknowledge_handover(
                    db, actor, hid, day, done_ids=ticked
                ),
                success=t("manual.handover.acknowledged"),
            ):
                st.rerun()
            pinned = views.pinned_manual(path, handover["manual_version_id"])
            with st.expander(t("manual.handover.view_manual")):
                views.show_manual(pinned["body_md"])
            if editable and st.button(
                t("manual.handover.cancel"), key=f"manual_ho_cancel_{hid}", type="tertiary"
            ):
                st.session_state[CANCELLING] = hid
            if st.session_state.get(CANCELLING) == hid:
                confirm_cancel(handover, ho_role_name)

    st.subheader(t("manual.handover.closed"))
    if closed_rows:
        show_table(views.handover_frame(closed_rows, lang), hide_index=True)
    else:
        st.caption(t("common.empty"))
