"""Rules of handover manuals: checklist, secrets, inert Markdown, diffs, staleness, and the
handover flow on a copy of the demo community."""

import json
import re
from datetime import date

import pytest

from dashboard.domain import manuals as rules
from dashboard.domain.org import mark_left
from dashboard.domain.pipeline import add_candidacy
from dashboard.i18n import error_text
from db import manuals as store
from db.connection import connect
from db.errors import AccessDenied, ValidationError
from seed import seed_database
from tests.conftest import DEMO_TODAY, add_user, group_named

# ---------------------------------------------------------------- checklist and template


def test_checklist_comes_from_the_checklist_section_only() -> None:
    body = (
        "# M\n## Routine\n- [ ] not this one\n"
        "## Handover checklist\n- [ ] Read the manual\n* [x] Meet the owner\ntext\n"
        "### detail\n- [ ] Sub-heading item\n## Pitfalls\n- [ ] not this either\n"
    )
    assert rules.checklist_items(body) == ["Read the manual", "Meet the owner", "Sub-heading item"]


def test_checklist_falls_back_to_every_task_line() -> None:
    assert rules.checklist_items("# 说明\n- [ ] 交接账号\n- 普通\n- [ ] 认识联系人\n") == [
        "交接账号",
        "认识联系人",
    ]
    assert rules.checklist_items("## 移交清单\n- [ ] 转让群主\n") == ["转让群主"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_templates_have_every_section_no_secrets_and_a_checklist(lang: str) -> None:
    body = rules.template(lang, "Owner")
    headings = [line for line in body.splitlines() if line.startswith("## ")]
    assert len(headings) == 7
    assert rules.find_secrets(body) == []
    assert len(rules.checklist_items(body)) == 4
    assert "Owner" in body.splitlines()[0]


# ---------------------------------------------------------------- secrets


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Admin password: hunter22", "labelled"),
        ("后台密码：abc12345", "labelled"),
        ("api_key = 9f8e7d6c5b4a", "labelled"),
        ("use sk-AbCdEfGhIjKlMnOpQrStUv", "known_key"),
        ("AKIAIOSFODNN7EXAMPLE is the id", "known_key"),
        ("-----BEGIN RSA PRIVATE KEY-----", "private_key"),
        ("bot token aB3dE5gH7jK9mN1pQ3sT5vX7zA", "random_token"),
        ("hook 3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e", "random_token"),
    ],
)
def test_secret_looking_text_is_found(line: str, kind: str) -> None:
    findings = rules.find_secrets(f"# Tools\n{line}\n")
    assert [(f.line, f.kind) for f in findings] == [(2, kind)]
    assert "•••" in findings[0].masked
    assert findings[0].masked[2:].strip("•") == ""  # no more than two characters shown


@pytest.mark.parametrize(
    "line",
    [
        "Password: ask the owner",
        "密码：找群主要",
        "token: (held by the owner)",
        "Read https://mp.weixin.qq.com/s/aB3dE5gH7jK9mN1pQ3sT5vX7zA first",
        "community_operations_manual_version_2",
        "Never write passwords, tokens or keys here",
    ],
)
def test_ordinary_text_is_not_a_secret(line: str) -> None:
    assert rules.find_secrets(line) == []


def test_mask_never_shows_the_whole_secret() -> None:
    assert rules.mask("hunter22") == "hu••••••"
    assert rules.mask("abcd") == "ab•••"


# ---------------------------------------------------------------- inert markdown


def test_html_is_made_inert_outside_code() -> None:
    body = (
        "Hi <script>alert(1)</script>\n"
        '<img src=x onerror="alert(2)">\n'
        "`<b>code</b>`\n"
        "```\n<i>fenced</i>\n```\n"
        "[click](javascript:alert(3))\n"
    )
    assert rules.inert_markdown(body) == (
        "Hi &lt;script>alert(1)&lt;/script>\n"
        '&lt;img src=x onerror="alert(2)">\n'
        "`<b>code</b>`\n"
        "```\n<i>fenced</i>\n```\n"
        "[click](#alert(3))"
    )


# ---------------------------------------------------------------- diffs


def test_side_by_side_pairs_changes_and_counts_them() -> None:
    old = "a\nb\nc\nd\n"
    new = "a\nB\nc\nd\ne\n"
    rows = rules.side_by_side(old, new)
    assert [(r["old_no"], r["new_no"], r["change"]) for r in rows] == [
        (1, 1, "equal"),
        (2, 2, "replace"),
        (3, 3, "equal"),
        (4, 4, "equal"),
        (None, 5, "insert"),
    ]
    assert rules.diff_counts(rows) == {"added": 1, "removed": 0, "changed": 1}
    assert rules.diff_counts(rules.side_by_side("x\ny\n", "x\n")) == {
        "added": 0,
        "removed": 1,
        "changed": 0,
    }


def test_side_by_side_with_context_keeps_the_changed_hunks_only() -> None:
    old = "\n".join(f"line {n}" for n in range(1, 21)) + "\n"
    new = old.replace("line 2\n", "line two\n").replace("line 15\n", "")
    rows = rules.side_by_side(old, new, context=3)
    assert [(r["old_no"], r["new_no"], r["change"], r.get("skipped")) for r in rows] == [
        (1, 1, "equal", None),
        (2, 2, "replace", None),
        (3, 3, "equal", None),
        (4, 4, "equal", None),
        (5, 5, "equal", None),
        (None, None, "skip", 6),  # lines 6-11 left out between the two hunks
        (12, 12, "equal", None),
        (13, 13, "equal", None),
        (14, 14, "equal", None),
        (15, None, "delete", None),
        (16, 15, "equal", None),
        (17, 16, "equal", None),
        (18, 17, "equal", None),
        (None, None, "skip", 2),  # lines 19-20 after the last hunk
    ]
    assert rules.diff_counts(rows) == {"added": 0, "removed": 1, "changed": 1}
    assert rules.side_by_side(old, old, context=3) == []


def test_side_by_side_with_context_says_what_it_left_out_before_the_first_hunk() -> None:
    old = "a\nb\nc\nd\ne\nf\n"
    rows = rules.side_by_side(old, old + "g\n", context=1)
    assert [(r["old_no"], r["new_no"], r["change"], r.get("skipped")) for r in rows] == [
        (None, None, "skip", 5),
        (6, 6, "equal", None),
        (None, 7, "insert", None),
    ]


def test_unified_diff_is_readable() -> None:
    assert rules.unified_diff("a\nb\n", "a\nc\n", "v1", "v2") == (
        "--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
    )
    assert rules.unified_diff("same\n", "same\n", "v1", "v2") == ""


# ---------------------------------------------------------------- staleness


def test_manual_status() -> None:
    today = date(2026, 6, 15)
    assert rules.manual_status({"version": None}, today) == "missing"
    fresh = {"version": 1, "created_on": "2026-03-17", "reviewed_on": None}
    assert rules.manual_status(fresh, today) == "current"  # 90 days: not yet stale
    old = {"version": 2, "created_on": "2026-03-16", "reviewed_on": None}
    assert rules.manual_status(old, today) == "stale"
    assert rules.manual_status(old, today, stale_days=120) == "current"
    reviewed = {**old, "reviewed_on": "2026-06-01"}
    assert rules.manual_status(reviewed, today) == "current"
    assert rules.days_since_review(reviewed, today) == 14


# ---------------------------------------------------------------- services on the demo


def _role(db, code: str) -> int:
    return db.execute("SELECT id FROM roles WHERE code = ?", [code]).fetchone()[0]


def _start(db, role_id: int, group_id: int, holder: int, successor: int, actor: str = "admin"):
    """Start a handover of ``role_id`` in ``group_id`` from ``holder`` to ``successor``."""
    return rules.start_handover(
        db,
        actor,
        role_id=role_id,
        group_id=group_id,
        from_person_id=holder,
        to_person_id=successor,
        today=DEMO_TODAY,
    )


def _holder_and_successor(db, role_code: str) -> tuple[int, int, int]:
    """(group, holder, another active member) in an ordinary group with no handover yet."""
    row = db.execute(
        """SELECT m.group_id, m.person_id,
                  (SELECT o.person_id FROM memberships o JOIN people p ON p.id = o.person_id
                    WHERE o.group_id = m.group_id AND o.end_on IS NULL
                      AND o.person_id != m.person_id AND p.status = 'active'
                    ORDER BY o.person_id LIMIT 1)
           FROM memberships m JOIN groups g ON g.id = m.group_id
           WHERE m.role_id = ? AND m.end_on IS NULL AND g.tier = 'ordinary'
             AND m.group_id NOT IN (SELECT group_id FROM handovers)
           ORDER BY m.group_id LIMIT 1""",
        [_role(db, role_code)],
    ).fetchone()
    return tuple(row)


def test_save_manual_makes_versions_and_refuses_unchanged_or_empty(demo_db) -> None:
    role_id = _role(demo_db, "event_planner")
    assert store.latest_version(demo_db, role_id) is None
    first = rules.save_manual(
        demo_db, "admin", role_id=role_id, body_md="# Plan\r\n\r\n- [ ] a  \r\n", today=DEMO_TODAY
    )
    assert store.version(demo_db, first)["body_md"] == "# Plan\n\n- [ ] a\n"
    with pytest.raises(ValidationError) as caught:
        rules.save_manual(
            demo_db, "admin", role_id=role_id, body_md="# Plan\n\n- [ ] a\n", today=DEMO_TODAY
        )
    assert (caught.value.key, caught.value.params) == ("manual.err.unchanged", {"version": 1})
    with pytest.raises(ValidationError) as caught:
        rules.save_manual(demo_db, "admin", role_id=role_id, body_md=" \n ", today=DEMO_TODAY)
    assert caught.value.key == "manual.err.empty"
    second = rules.save_manual(
        demo_db, "admin", role_id=role_id, body_md="# Plan\n- [ ] b\n", today=DEMO_TODAY
    )
    assert [v["id"] for v in store.versions(demo_db, role_id)] == [second, first]


def test_a_lead_edits_the_manual_of_a_role_held_in_their_subtree(demo_db) -> None:
    owner = _role(demo_db, "owner")  # 内容核心群's subtree has owners
    version_id = rules.save_manual(
        demo_db, "lead", role_id=owner, body_md="# Owner\n- [ ] a\n", today=DEMO_TODAY
    )
    assert store.version(demo_db, version_id)["author"] == "lead"
    rules.mark_reviewed(demo_db, "lead", role_id=owner, today=DEMO_TODAY)
    assert store.version(demo_db, version_id)["reviewed_by"] == "lead"


def test_a_lead_is_refused_the_manual_of_a_role_outside_their_subtree_by_name(demo_db) -> None:
    planner = _role(demo_db, "event_planner")  # held and observed only in other core groups
    with pytest.raises(AccessDenied) as caught:
        rules.save_manual(demo_db, "lead", role_id=planner, body_md="# x\n", today=DEMO_TODAY)
    assert caught.value.key == "access.role_outside_scope"
    assert error_text(caught.value, "en") == (
        "You may not change the manual of Event planner / 活动策划: nobody holds or observes"
        " this role in the groups your account (lead) leads."
    )
    assert store.latest_version(demo_db, planner) is None
    # an open candidacy in the lead's subtree brings the role into their scope
    reading = group_named(demo_db, "读书笔记组")
    person = demo_db.execute(
        "SELECT person_id FROM memberships WHERE group_id = ? AND end_on IS NULL", [reading]
    ).fetchone()[0]
    add_candidacy(
        demo_db,
        "lead",
        person_id=person,
        role_id=planner,
        group_id=reading,
        source="task",
        stage="observer",
        today=DEMO_TODAY,
    )
    assert rules.save_manual(demo_db, "lead", role_id=planner, body_md="# x\n", today=DEMO_TODAY)


def test_a_viewer_may_not_save_a_manual(demo_db) -> None:
    with pytest.raises(AccessDenied) as caught:
        rules.save_manual(
            demo_db, "viewer", role_id=_role(demo_db, "owner"), body_md="# x\n", today=DEMO_TODAY
        )
    assert caught.value.key == "access.read_only"


def test_secrets_are_refused_unless_confirmed(demo_db) -> None:
    role_id = _role(demo_db, "event_planner")
    body = "# Tools\nLive account password: hunter22\n"
    with pytest.raises(ValidationError) as caught:
        rules.save_manual(demo_db, "admin", role_id=role_id, body_md=body, today=DEMO_TODAY)
    assert caught.value.key == "manual.err.secrets"
    assert caught.value.row_errors == [("#2", "manual.secret.labelled", {"excerpt": "hu••••••"})]
    assert store.latest_version(demo_db, role_id) is None
    version_id = rules.save_manual(
        demo_db,
        "admin",
        role_id=role_id,
        body_md=body,
        today=DEMO_TODAY,
        note="test account",
        confirm_secrets=True,
    )
    assert store.version(demo_db, version_id)["note"] == (
        "test account [secret warning confirmed: 1]"
    )


def test_mark_reviewed_makes_a_stale_manual_current(demo_db) -> None:
    role_id = _role(demo_db, "admin")
    row = next(m for m in store.role_manuals(demo_db) if m["role_id"] == role_id)
    assert rules.manual_status(row, DEMO_TODAY) == "stale"
    rules.mark_reviewed(demo_db, "admin", role_id=role_id, today=DEMO_TODAY)
    row = next(m for m in store.role_manuals(demo_db) if m["role_id"] == role_id)
    assert (row["last_reviewed_on"], rules.manual_status(row, DEMO_TODAY)) == (
        "2026-06-15",
        "current",
    )
    with pytest.raises(ValidationError):
        rules.mark_reviewed(
            demo_db, "admin", role_id=_role(demo_db, "event_planner"), today=DEMO_TODAY
        )


def test_start_handover_needs_a_manual_and_pins_its_latest_version(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    planner = _role(demo_db, "event_planner")
    assert _start(demo_db, planner, group_id, holder, successor) is None
    admin_role = _role(demo_db, "admin")
    handover_id = _start(demo_db, admin_role, group_id, holder, successor)
    row = store.handover(demo_db, handover_id)
    assert (row["manual_version"], row["started_on"], row["item_count"], row["done_count"]) == (
        1,
        "2026-06-15",
        3,
        0,
    )
    assert [i["text"] for i in store.items(demo_db, handover_id)] == [
        "Give the successor admin rights",
        "Hand over the group bot's keyword settings",
        "Handle one rule violation together",
    ]
    again = _start(demo_db, admin_role, group_id, holder, successor)
    assert again == handover_id
    # a later manual does not change the pinned version
    rules.save_manual(demo_db, "admin", role_id=admin_role, body_md="# new\n", today=DEMO_TODAY)
    assert store.handover(demo_db, handover_id)["manual_version"] == 1


def test_start_handover_refuses_bad_people(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    role_id = _role(demo_db, "admin")
    with pytest.raises(ValidationError) as caught:
        _start(demo_db, role_id, group_id, holder, holder)
    assert caught.value.key == "manual.err.same_person"
    leaver = demo_db.execute("SELECT id FROM people WHERE status = 'left' LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as caught:
        _start(demo_db, role_id, group_id, holder, leaver)
    assert caught.value.key == "manual.err.successor_left"
    with pytest.raises(AccessDenied):
        _start(demo_db, role_id, group_id, holder, successor, actor="viewer")


def test_acknowledgement_needs_every_item_ticked(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    handover_id = _start(demo_db, _role(demo_db, "admin"), group_id, holder, successor)
    first, second, third = (i["id"] for i in store.items(demo_db, handover_id))
    assert (
        rules.save_checklist(
            demo_db, "admin", handover_id, {first, second}, DEMO_TODAY, shown_done=set()
        )
        == 2
    )
    with pytest.raises(ValidationError) as caught:
        rules.acknowledge_handover(demo_db, "admin", handover_id, DEMO_TODAY)
    assert (caught.value.key, caught.value.params) == ("manual.err.items_open", {"count": 1})
    # ticking the last item on the page and acknowledging is one step
    rules.acknowledge_handover(
        demo_db,
        "admin",
        handover_id,
        DEMO_TODAY,
        done_ids={first, second, third},
        shown_done={first, second},
    )
    row = store.handover(demo_db, handover_id)
    assert (row["acknowledged_on"], row["acknowledged_by"], row["done_count"]) == (
        "2026-06-15",
        "admin",
        3,
    )
    assert handover_id not in [h["id"] for h in rules.open_handovers(demo_db)]


def test_a_checklist_save_applies_only_what_the_user_changed(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    handover_id = _start(demo_db, _role(demo_db, "admin"), group_id, holder, successor)
    first, second, third = (i["id"] for i in store.items(demo_db, handover_id))
    # both sessions were shown nothing ticked; A ticks item 1 and saves first
    assert (
        rules.save_checklist(demo_db, "admin", handover_id, {first}, DEMO_TODAY, shown_done=set())
        == 1
    )
    # B, who saw item 1 unticked, ticks item 2 and saves: item 1 stays ticked
    assert (
        rules.save_checklist(demo_db, "lead", handover_id, {second}, DEMO_TODAY, shown_done=set())
        == 1
    )
    done = {i["id"] for i in store.items(demo_db, handover_id) if i["done_on"] is not None}
    assert done == {first, second}
    # B unticks item 2 (shown ticked); item 1, untouched by B, stays ticked
    assert (
        rules.save_checklist(demo_db, "lead", handover_id, set(), DEMO_TODAY, shown_done={second})
        == 1
    )
    done = {i["id"] for i in store.items(demo_db, handover_id) if i["done_on"] is not None}
    assert done == {first}
    assert third not in done


def _started_handover(db) -> tuple[int, int]:
    """An open handover of the admin role in 内容核心群's subtree, all items ticked."""
    group_id, holder, successor = _holder_and_successor(db, "admin")
    handover_id = _start(db, _role(db, "admin"), group_id, holder, successor)
    done = {i["id"] for i in store.items(db, handover_id)}
    rules.save_checklist(db, "admin", handover_id, done, DEMO_TODAY, shown_done=set())
    return handover_id, successor


def _link(db, username: str, app_role: str, person_id: int | None) -> None:
    add_user(db, username, app_role, scope_group_id=group_named(db, "内容核心群"))
    db.execute("UPDATE users SET person_id = ? WHERE username = ?", [person_id, username])


def test_the_successor_acknowledges_their_handover(demo_db) -> None:
    handover_id, successor = _started_handover(demo_db)
    _link(demo_db, "heir", "viewer", successor)  # a viewer account may acknowledge its own
    rules.acknowledge_handover(demo_db, "heir", handover_id, DEMO_TODAY)
    row = store.handover(demo_db, handover_id)
    assert (row["acknowledged_by"], row["acknowledged_on_behalf"]) == ("heir", 0)
    after = json.loads(_audit(demo_db, handover_id)["after_json"])
    assert after == {"acknowledged_on": "2026-06-15", "acknowledged_by": "heir"}


def test_a_lead_who_is_not_the_successor_may_not_acknowledge(demo_db) -> None:
    handover_id, successor = _started_handover(demo_db)
    name = demo_db.execute("SELECT name FROM people WHERE id = ?", [successor]).fetchone()[0]
    for actor in ("lead", "viewer"):  # the lead has edit rights on the group, yet is refused
        with pytest.raises(AccessDenied) as caught:
            rules.acknowledge_handover(demo_db, actor, handover_id, DEMO_TODAY)
        assert (caught.value.key, caught.value.params["name"]) == ("access.successor_only", name)
    assert store.handover(demo_db, handover_id)["acknowledged_on"] is None


def test_an_admin_acknowledges_on_the_successors_behalf_recorded_as_such(demo_db) -> None:
    handover_id, successor = _started_handover(demo_db)
    name = demo_db.execute("SELECT name FROM people WHERE id = ?", [successor]).fetchone()[0]
    rules.acknowledge_handover(demo_db, "admin", handover_id, DEMO_TODAY)
    row = store.handover(demo_db, handover_id)
    assert (row["acknowledged_by"], row["acknowledged_on_behalf"]) == ("admin", 1)
    after = json.loads(_audit(demo_db, handover_id)["after_json"])
    assert after["on_behalf_of"] == name
    assert after["note"] == f"acknowledged by admin admin on behalf of {name}"


def test_the_successor_ticks_their_checklist_without_edit_rights(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    handover_id = _start(demo_db, _role(demo_db, "admin"), group_id, holder, successor)
    _link(demo_db, "heir", "viewer", successor)
    first = store.items(demo_db, handover_id)[0]["id"]
    assert (
        rules.save_checklist(demo_db, "heir", handover_id, {first}, DEMO_TODAY, shown_done=set())
        == 1
    )
    with pytest.raises(AccessDenied):
        rules.save_checklist(demo_db, "viewer", handover_id, set(), DEMO_TODAY, shown_done={first})


def _audit(db, handover_id: int) -> dict:
    row = db.execute(
        """SELECT * FROM audit_log WHERE entity = 'handover' AND entity_id = ?
           ORDER BY id DESC LIMIT 1""",
        [handover_id],
    ).fetchone()
    return dict(row)


def test_a_leaver_flags_their_open_handovers(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    handover_id = _start(demo_db, _role(demo_db, "admin"), group_id, holder, successor)
    mark_left(demo_db, "admin", holder, "workload", DEMO_TODAY)
    row = store.handover(demo_db, handover_id)
    assert (row["flag"], row["acknowledged_on"], row["cancelled_on"]) == ("holder_left", None, None)
    flagged = [a for a in rules.alerts(demo_db, DEMO_TODAY) if a.kind == "handover_holder_left"]
    assert [(a.severity, a.group_id, a.person_id) for a in flagged] == [
        ("high", group_id, successor)
    ]
    rules.cancel_handover(demo_db, "admin", handover_id, DEMO_TODAY)
    assert store.handover(demo_db, handover_id)["cancelled_on"] == "2026-06-15"


def test_demo_alerts(demo_db) -> None:
    found = sorted(
        (a.kind, a.severity, a.params.get("role")) for a in rules.alerts(demo_db, DEMO_TODAY)
    )
    assert found == [
        ("handover_overdue", "medium", "Content editor"),
        ("role_without_manual", "medium", "Event planner"),
        ("stale_manual", "low", "Admin"),
    ]
    overdue = next(a for a in rules.alerts(demo_db, DEMO_TODAY) if a.kind == "handover_overdue")
    assert overdue.params["days"] == 30
    assert overdue.area == "manuals"


def test_a_leaving_successor_flags_the_handover_for_a_new_one(demo_db) -> None:
    group_id, holder, successor = _holder_and_successor(demo_db, "admin")
    handover_id = _start(demo_db, _role(demo_db, "admin"), group_id, holder, successor)
    mark_left(demo_db, "admin", successor, "growth", DEMO_TODAY)
    assert store.handover(demo_db, handover_id)["flag"] == "successor_left"
    kinds = [a.kind for a in rules.alerts(demo_db, DEMO_TODAY) if a.group_id == group_id]
    assert kinds == ["handover_successor_left"]
    every_item = {i["id"] for i in store.items(demo_db, handover_id)}
    with pytest.raises(ValidationError) as caught:  # nobody is left to acknowledge it
        rules.acknowledge_handover(demo_db, "admin", handover_id, DEMO_TODAY, done_ids=every_item)
    assert caught.value.key == "manual.err.successor_left"
    assert store.handover(demo_db, handover_id)["done_count"] == 0  # all or nothing


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _current_manuals(db) -> dict[str, str]:
    """Role code → the body of its latest manual version."""
    return {
        code: store.latest_version(db, role_id)["body_md"]
        for code, role_id in db.execute("SELECT code, id FROM roles").fetchall()
        if store.latest_version(db, role_id) is not None
    }


def test_the_demo_manuals_are_in_the_language_it_is_seeded_in(demo_db, tmp_path) -> None:
    english = _current_manuals(demo_db)
    assert sorted(english) == ["admin", "coach", "editor", "owner"]
    group_names = [name for (name,) in demo_db.execute("SELECT name FROM groups")]
    for code, body in english.items():
        for name in sorted(group_names, key=len, reverse=True):  # proper names stay Chinese
            body = body.replace(name, "")
        assert not CJK.findall(body), code
    assert english["owner"].startswith("# Handover manual: Owner\n")
    chinese_db = connect(tmp_path / "zh.sqlite")
    seed_database(chinese_db, "demo", DEMO_TODAY, lang="zh")
    chinese = _current_manuals(chinese_db)
    items = [
        text
        for (text,) in chinese_db.execute(
            """SELECT i.text FROM handover_items i JOIN handovers h ON h.id = i.handover_id
               JOIN roles r ON r.id = h.role_id WHERE r.code = 'admin' ORDER BY i.position"""
        )
    ]
    chinese_db.close()
    assert sorted(chinese) == sorted(english)
    for code, body in chinese.items():
        assert body.startswith("# 岗位移交说明书："), code
        assert not re.search(r"[A-Za-z]{4,}", body), code
    assert items == ["给接任者设置管理员权限", "交接群机器人的关键词设置", "一起处理一次违规消息"]
