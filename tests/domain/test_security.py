"""Roles are enforced in the write path: a viewer, and a lead outside their subtree, are
refused by every write of the structure area (domain services and db functions), and a
viewer by every public write service of every area, whatever the UI shows."""

import functools
import importlib
import inspect
import pkgutil
import sys
import typing
from datetime import date

import pytest

import dashboard.domain
import db.access
from dashboard.domain import coaching, kpis, tabular
from dashboard.domain import org as domain
from dashboard.domain.changes import RowChanges
from db import kpis as kpi_store
from db import org as store
from db.errors import AccessDenied
from tests.conftest import (
    DEMO_TODAY,
    group_named,
    new_group,
    new_person,
    person_named,
    role_coded,
)
from tests.domain.test_notify import make_channel

# The demo: "lead" covers 内容核心群 and its ordinary groups (读书笔记组 …); 活动核心群 with
# 线上分享组 and 打卡督导组 is outside.
INSIDE_CORE, INSIDE_GROUP = "内容核心群", "读书笔记组"
OUTSIDE_CORE, OUTSIDE_GROUP, OTHER_OUTSIDE_GROUP = "活动核心群", "线上分享组", "打卡督导组"
TABLES = ("groups", "people", "memberships", "audit_log", "users")


def snapshot(db) -> dict:
    """Row counts and the sum of versions: any write changes one of them."""
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    counts["versions"] = db.execute(
        "SELECT (SELECT SUM(version) FROM groups) + (SELECT SUM(version) FROM people)"
    ).fetchone()[0]
    counts["open"] = db.execute("SELECT COUNT(*) FROM memberships WHERE end_on IS NULL").fetchone()[
        0
    ]
    return counts


def outside(db) -> dict:
    """Ids of things that lie only outside the lead's subtree (and the roles used)."""
    outside_group = group_named(db, OUTSIDE_GROUP)
    membership = db.execute(
        """SELECT m.id, m.person_id FROM memberships m
           WHERE m.group_id = ? AND m.end_on IS NULL
             AND m.person_id NOT IN (SELECT person_id FROM memberships
                                     WHERE end_on IS NULL AND group_id <> ?)
           ORDER BY m.id LIMIT 1""",
        [outside_group, outside_group],
    ).fetchone()
    return {
        "membership": membership[0],
        "person": membership[1],
        "version": store.group(db, outside_group)["version"],
        "outside": outside_group,
        "other_outside": group_named(db, OTHER_OUTSIDE_GROUP),
        "outside_core": group_named(db, OUTSIDE_CORE),
        "member": role_coded(db, "member"),
        "editor": role_coded(db, "editor"),
    }


def empty_outside_group(db) -> int:
    return new_group(db, "Empty outside", under=OUTSIDE_CORE)


ORG_WRITES = {
    "domain.create_group": lambda db, actor, ids: domain.create_group(
        db, actor, name="Sneaky", tier="ordinary", parent_id=ids["outside_core"], today=DEMO_TODAY
    ),
    "domain.archive_group": lambda db, actor, ids: domain.archive_group(
        db, actor, ids["empty"], DEMO_TODAY
    ),
    "domain.apply_group_grid": lambda db, actor, ids: domain.apply_group_grid(
        db,
        actor,
        RowChanges(
            seen={
                ids["outside"]: {
                    "id": ids["outside"],
                    "version": ids["version"],
                    "name": "线上分享组",
                }
            },
            edited={ids["outside"]: {"name": "Renamed"}},
        ),
        DEMO_TODAY,
    ),
    "domain.add_person": lambda db, actor, ids: domain.add_person(
        db, actor, name="Newbie", group_id=ids["outside"], role_id=ids["member"], today=DEMO_TODAY
    ),
    "domain.move_person": lambda db, actor, ids: domain.move_person(
        db, actor, ids["membership"], ids["other_outside"], DEMO_TODAY
    ),
    "domain.change_role": lambda db, actor, ids: domain.change_role(
        db, actor, ids["membership"], ids["editor"], DEMO_TODAY
    ),
    "domain.set_owner": lambda db, actor, ids: domain.set_owner(
        db, actor, ids["outside"], ids["person"], DEMO_TODAY
    ),
    "domain.join_group": lambda db, actor, ids: domain.join_group(
        db, actor, ids["person"], ids["other_outside"], ids["member"], DEMO_TODAY
    ),
    "domain.mark_left": lambda db, actor, ids: domain.mark_left(
        db, actor, ids["person"], "other", DEMO_TODAY
    ),
    "domain.split_group": lambda db, actor, ids: domain.split_group(
        db,
        actor,
        ids["outside"],
        new_name="Split off",
        veteran_ids=[ids["person"]],
        today=DEMO_TODAY,
    ),
    "domain.merge_groups": lambda db, actor, ids: domain.merge_groups(
        db, actor, ids["outside"], ids["other_outside"], DEMO_TODAY
    ),
    "db.insert_group": lambda db, actor, ids: store.insert_group(
        db,
        actor,
        {"name": "Sneaky", "tier": "ordinary", "parent_id": ids["outside_core"]},
        "2026-06-15",
    ),
    "db.update_group": lambda db, actor, ids: store.update_group(
        db, actor, ids["outside"], {"purpose": "hijacked"}, ids["version"]
    ),
    "db.archive_group": lambda db, actor, ids: store.archive_group(
        db, actor, ids["empty"], "2026-06-15"
    ),
    "db.insert_person": lambda db, actor, ids: store.insert_person(
        db,
        actor,
        {"name": "Ghost", "joined_on": "2026-06-15", "status": "newcomer"},
        group_id=ids["outside"],
    ),
    "db.update_person": lambda db, actor, ids: store.update_person(
        db, actor, ids["person"], {"handle": "hijacked"}
    ),
    "db.open_membership": lambda db, actor, ids: store.open_membership(
        db, actor, ids["person"], ids["other_outside"], ids["member"], "2026-06-15"
    ),
    "db.end_membership": lambda db, actor, ids: store.end_membership(
        db, actor, ids["membership"], "2026-06-15"
    ),
    "db.record_split": lambda db, actor, ids: store.record_split(
        db, actor, ids["outside"], ids["other_outside"], {}
    ),
    "domain.save_settings": lambda db, actor, ids: domain.save_settings(
        db, actor, {"new_months": 4}
    ),
    "db.save_settings": lambda db, actor, ids: store.save_settings(db, actor, {"new_months": 4}),
}
TEAM_WIDE_WRITES = {"domain.save_settings", "db.save_settings"}  # a lead has no subtree here


@pytest.mark.parametrize("actor", ["viewer", "lead"])
@pytest.mark.parametrize("write", sorted(ORG_WRITES))
def test_structure_writes_refuse_viewers_and_leads_outside_their_subtree(
    demo_db, write: str, actor: str
) -> None:
    ids = {**outside(demo_db), "empty": empty_outside_group(demo_db)}
    before = snapshot(demo_db)
    with pytest.raises(AccessDenied) as refused:
        ORG_WRITES[write](demo_db, actor, ids)
    expected = "access.read_only" if actor == "viewer" else "access.outside_scope"
    if actor == "lead" and write in TEAM_WIDE_WRITES:
        expected = "access.team_wide"
    assert refused.value.key == expected
    assert snapshot(demo_db) == before


def test_every_structure_write_is_covered() -> None:
    """A new public write of db.org or dashboard.domain.org must be added above."""

    def writes(module, prefix: str) -> set[str]:
        return {
            f"{prefix}.{name}"
            for name, fn in inspect.getmembers(module, inspect.isfunction)
            if fn.__module__ == module.__name__
            and not name.startswith("_")
            and list(inspect.signature(fn).parameters)[:2] == ["db", "actor"]
        }

    assert writes(domain, "domain") | writes(store, "db") == set(ORG_WRITES)


def test_the_lead_may_write_inside_their_subtree(demo_db) -> None:
    """The refusals above are about scope, not a lead who can never write."""
    newcomer = new_person(demo_db, "Inside", into=INSIDE_GROUP, actor="lead")
    created = new_group(demo_db, "Inside new", under=INSIDE_CORE, actor="lead")
    assert store.person(demo_db, newcomer)["name"] == "Inside"
    assert store.group(demo_db, created)["parent_id"] == group_named(demo_db, INSIDE_CORE)


# --- every area: discover the public write services and try them as a viewer -------------

ID_SOURCES = {
    "group": "SELECT id FROM groups WHERE tier = 'ordinary' ORDER BY id",
    "person": "SELECT id FROM people WHERE status <> 'left' ORDER BY id",
    "role": "SELECT id FROM roles ORDER BY id",
    "membership": "SELECT id FROM memberships WHERE end_on IS NULL ORDER BY id",
    "kpi": "SELECT id FROM kpis ORDER BY id",
    "candidacy": "SELECT id FROM pipeline ORDER BY id",
    "handover": "SELECT id FROM handovers ORDER BY id",
    "item": "SELECT id FROM handover_items ORDER BY id",
    "coaching": "SELECT id FROM coaching ORDER BY id",
    "concern": "SELECT id FROM concerns ORDER BY id",
}
ID_ALIASES = {
    "source": "group",
    "target": "group",
    "to_group": "group",
    "newcomer": "person",
    "coach": "person",
    "author": "person",
    "from_person": "person",
    "to_person": "person",
    "referred_by": "person",
    "given_by": "person",
}
TEXT_VALUES = {
    "name": "Intruder",
    "tier": "ordinary",
    "exit_reason": "other",
    "username": "lead",
    "password": "long-enough-password",
    "app_role": "admin",
    "period": "2026-06",
    "to_stage": "trial",
    "stage": "observer",
    "source": "task",
    "readiness": "high",
}


def first_id(db, kind: str) -> int:
    try:
        row = db.execute(ID_SOURCES[kind]).fetchone()
    except Exception:  # noqa: BLE001 - that area's table is not in this checkout
        return 1
    return row[0] if row else 1


def argument(db, param: inspect.Parameter, hint: object) -> object:
    """A plausible value for a parameter, from its name and type."""
    name = param.name
    base = name.removesuffix("_id")
    origin = typing.get_origin(hint) or hint
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, __import__("types").UnionType) and args:
        origin = typing.get_origin(args[0]) or args[0]
    if origin is int and (name.endswith("_id") or name in ID_ALIASES):
        return first_id(db, ID_ALIASES.get(base, ID_ALIASES.get(name, base)))
    if name.endswith("_ids"):
        return [first_id(db, "person")]
    if origin is date:
        return DEMO_TODAY
    if origin is bool:
        return False
    if origin is int:
        return 1
    if origin is bytes:
        return b"SQLite format 3\x00"
    if origin is str:
        return TEXT_VALUES.get(name, "x")
    if origin is list:
        return []
    if origin is dict:
        return {}
    if origin is set:
        return set()
    if inspect.isclass(origin) and origin.__module__.startswith("dashboard."):
        try:
            return origin(rows=[])
        except TypeError:
            return origin()
    if param.default is not inspect.Parameter.empty:
        return param.default
    return 1


def write_services() -> list[tuple[str, typing.Callable]]:
    found = []
    for info in pkgutil.iter_modules(dashboard.domain.__path__):
        module = importlib.import_module(f"dashboard.domain.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            if list(inspect.signature(fn).parameters)[:2] == ["db", "actor"]:
                found.append((f"{info.name}.{name}", fn))
    return sorted(found, key=lambda pair: pair[0])


SERVICES = write_services()
# Known gaps, reported to their owners: the test turns green (XPASS) once they are fixed.
KNOWN_GAPS: dict[str, str] = {}
# Services with ``(db, actor)`` that are no write of the actor's own: nothing to refuse.
NOT_REFUSED = {
    "coaching.may_tick": "a question about the actor's rights, writes nothing",
    "coaching.propose_plan": "reads the plan the actor could apply",
    "coaching.waiting_newcomers": "reads the newcomers the actor may see",
    "coaching.on_person_joined": "a hook run inside a join the join's check already allowed",
    "activity_kpis.recompute": "derived values recomputed inside an import's or a mapping's "
    "checked write; current values stay as they are",
}
# Services whose refusal is their own AccessDenied (after their own scope check), not
# one of db.access's require_* checks
OWN_ACCESS_CHECKS = {
    "activity.map_chat",  # db.activity: the chat's groups against the actor's scope
    "activity.remove_import",  # db.activity: an import's chats against the actor's scope
    "activity.save_chat",  # db.activity: the chat's group against the actor's scope
    "coaching.tick_step",  # the newcomer, their coach, or whoever may write about them
    "review.rate",  # the people the actor may see
}
# Services that report a refusal per item instead of raising it: (the refusal's place)
REPORTED_REFUSALS = {"pipeline.apply_board_moves": lambda outcome: outcome[0]["error"]}


def one(db, sql: str, params: list | tuple = ()) -> object:
    """The first column of the first row of a test query on the demo (it must find one)."""
    row = db.execute(sql, list(params)).fetchone()
    assert row is not None, sql
    return row[0]


def newcomer_with_coach(db) -> int:
    return one(
        db,
        """SELECT c.newcomer_id FROM coaching c JOIN people p ON p.id = c.newcomer_id
           WHERE c.end_on IS NULL AND p.status = 'newcomer' ORDER BY c.newcomer_id""",
    )


def other_coach(db, newcomer_id: int) -> int:
    return one(
        db,
        """SELECT id FROM people WHERE status = 'active' AND id <> ? AND id NOT IN
             (SELECT coach_id FROM coaching WHERE newcomer_id = ? AND end_on IS NULL)
           ORDER BY id""",
        [newcomer_id, newcomer_id],
    )


def open_candidacy(db, stage: str) -> int:
    return one(db, "SELECT id FROM pipeline WHERE stage = ? ORDER BY id", [stage])


def open_membership_with_other_role(db) -> dict:
    membership_id, role_id, tier = db.execute(
        """SELECT m.id, m.role_id, g.tier FROM memberships m JOIN groups g ON g.id = m.group_id
           WHERE m.end_on IS NULL ORDER BY m.id"""
    ).fetchone()
    other = one(
        db,
        "SELECT id FROM roles WHERE id <> ? AND (tier IS NULL OR tier = ?) ORDER BY id",
        [role_id, tier],
    )
    return {"membership_id": membership_id, "role_id": other}


def handover_pair(db) -> dict:
    role_id, group_id, holder = db.execute(
        """SELECT m.role_id, m.group_id, m.person_id FROM memberships m
           JOIN manual_versions v ON v.role_id = m.role_id
           WHERE m.end_on IS NULL AND NOT EXISTS (SELECT 1 FROM handovers h
                 WHERE h.role_id = m.role_id AND h.group_id = m.group_id
                   AND h.acknowledged_on IS NULL AND h.cancelled_on IS NULL)
           ORDER BY m.id"""
    ).fetchone()
    successor = one(
        db, "SELECT id FROM people WHERE status <> 'left' AND id <> ? ORDER BY id", [holder]
    )
    return {
        "role_id": role_id,
        "group_id": group_id,
        "from_person_id": holder,
        "to_person_id": successor,
    }


def empty_group(db) -> int:
    parent = one(db, "SELECT id FROM groups WHERE tier = 'core' ORDER BY id")
    return domain.create_group(
        db, "admin", name="Empty for the test", tier="ordinary", parent_id=parent, today=DEMO_TODAY
    )


def split_off_a_member(db) -> dict:
    group, person = db.execute(
        "SELECT group_id, person_id FROM memberships WHERE end_on IS NULL ORDER BY id"
    ).fetchone()
    return {"group_id": group, "veteran_ids": [person]}


def merge_pair(db) -> dict:
    """An empty group and a sibling it can merge into (no capacity exceeded)."""
    source = empty_group(db)
    parent = store.group(db, source)["parent_id"]
    target = one(
        db, "SELECT id FROM groups WHERE parent_id = ? AND id <> ? ORDER BY id", [parent, source]
    )
    return {"source_id": source, "target_id": target}


def newcomer_without_plan(db) -> int:
    return store.insert_person(
        db, "admin", {"name": "Fresh newcomer", "joined_on": "2026-06-15", "status": "newcomer"}
    )


def wecom_owner(db) -> str:
    db.execute("INSERT INTO wecom_owners (owner) VALUES ('owner-for-the-test')")
    return "owner-for-the-test"


def channel(db) -> int:
    return make_channel(db, url="https://example.com/hook")


def group_grid_edit(db) -> RowChanges:
    group = dict(
        db.execute("SELECT id, version, name FROM groups WHERE tier = 'ordinary'").fetchone()
    )
    return RowChanges(seen={group["id"]: group}, edited={group["id"]: {"name": "Renamed"}})


def kpi_definition_edit(db) -> RowChanges:
    kpi = kpi_store.kpis(db)[0]
    return RowChanges(seen={kpi["id"]: kpi}, edited={kpi["id"]: {"name": "Renamed KPI"}})


def role_grid_edit(db) -> RowChanges:
    role = dict(db.execute("SELECT * FROM roles ORDER BY id").fetchone())
    return RowChanges(seen={role["id"]: role}, edited={role["id"]: {"description": "changed"}})


def target_grid_edit(db) -> dict:
    kpi = kpi_store.kpis(db)[0]
    group_id, name = db.execute("SELECT id, name FROM groups WHERE tier = 'ordinary'").fetchone()
    changes = RowChanges(seen={group_id: {"group": name}}, edited={group_id: {kpi["code"]: 5}})
    return {"period": "2026-06", "changes": changes, "kpi_columns": {kpi["code"]: kpi["id"]}}


def kpi_value_record(db) -> dict:
    kpi = next(k for k in kpi_store.kpis(db) if not k.get("activity_metric"))
    group = one(db, "SELECT name FROM groups WHERE tier = 'ordinary' ORDER BY id")
    return {"kpi": kpi["code"], "group": group, "day": "2026-06-01", "value": 1}


def kpi_upload(db) -> tabular.TableStream:
    record = kpi_value_record(db)
    content = "kpi,group,day,value\n" + ",".join(
        str(record[c]) for c in ("kpi", "group", "day", "value")
    )
    return kpis.open_upload("values.csv", content.encode())


# Valid inputs for the services whose generated arguments would be refused as input errors
# before the access check is reached: every service below must be refused *for access*.
VALID_ARGUMENTS = {
    "activity.link_member": lambda db: {"member_key": one(db, "SELECT key FROM members")},
    "activity.map_wecom_owner": lambda db: {"owner": wecom_owner(db)},
    "coaching.apply_plan": lambda db: {"plan": coaching.propose_plan(db)},
    "coaching.assign_coach": lambda db: {
        "newcomer_id": coaching.propose_plan(db)[0].newcomer_id,
        "coach_id": coaching.propose_plan(db)[0].coach_id,
    },
    "coaching.graduate": lambda db: {"newcomer_id": newcomer_with_coach(db)},
    "coaching.reassign_coach": lambda db: {
        "newcomer_id": newcomer_with_coach(db),
        "coach_id": other_coach(db, newcomer_with_coach(db)),
    },
    "coaching.save_template": lambda db: {
        "rows": [{"text": "Meet the team", "day_offset": 1, "owner": "coach"}]
    },
    "coaching.start_plan": lambda db: {
        "person_id": newcomer_without_plan(db),
        "role_id": one(db, "SELECT role_id FROM onboarding_templates ORDER BY id"),
    },
    "kpis.import_upload": lambda db: {"table": kpi_upload(db)},
    "kpis.import_values": lambda db: {"records": [kpi_value_record(db)]},
    "kpis.save_definitions": lambda db: {"changes": kpi_definition_edit(db)},
    "kpis.save_target_grid": target_grid_edit,
    "kpis.save_values": lambda db: {
        "changes": RowChanges(added=[{"day": "2026-06-01", "value": 1}])
    },
    "manuals.start_handover": handover_pair,
    "notify.save_channel": lambda db: {
        "channel_id": None,
        "kind": "wecom",
        "url": "https://example.com/hook",
        "secret": None,
    },
    "notify.save_subscription": lambda db: {
        "username": "lead",
        "fields": {
            "channel_id": channel(db),
            "frequency": "daily",
            "weekday": 0,
            "local_time": "09:00",
            "alert_kinds": None,
            "reminders": False,
            "send_when_empty": False,
        },
    },
    "notify.set_time_zone": lambda db: {"username": "lead", "name": "Asia/Shanghai"},
    "org.apply_group_grid": lambda db: {"changes": group_grid_edit(db)},
    "org.archive_group": lambda db: {"group_id": empty_group(db)},
    "org.change_role": open_membership_with_other_role,
    "org.create_group": lambda db: {
        "parent_id": one(db, "SELECT id FROM groups WHERE tier = 'core' ORDER BY id")
    },
    "org.merge_groups": merge_pair,
    "org.split_group": split_off_a_member,
    "pipeline.add_candidacy": lambda db: {"readiness": "later"},
    "pipeline.apply_board_moves": lambda db: {
        "moves": [(open_candidacy(db, "observer"), "observer", "trial")]
    },
    "pipeline.apply_role_grid": lambda db: {"changes": role_grid_edit(db)},
    "pipeline.appoint": lambda db: {
        "candidacy_id": open_candidacy(db, "ready"),
        "replace_membership_id": None,
    },
    "pipeline.move_stage": lambda db: {"candidacy_id": open_candidacy(db, "observer")},
    "pipeline.update_details": lambda db: {
        "candidacy_id": open_candidacy(db, "observer"),
        "readiness": "later",
    },
    "retention.log_action": lambda db: {"action": "talk"},
    "rewards.import_costs": lambda db: {
        "records": [{"group": INSIDE_GROUP, "month": "2026-05", "category": "活动", "amount": 10}]
    },
    "rewards.save_cost_grid": lambda db: {
        "month": "2026-05",
        "changes": RowChanges(edited={group_named(db, INSIDE_GROUP): {"events": 10}}),
    },
    "review.rate": lambda db: {
        "round_id": one(db, "SELECT id FROM review_rounds ORDER BY id"),
        "performance": "medium",
        "potential": "medium",
    },
}


def service_params() -> list:
    return [
        pytest.param(
            name,
            service,
            id=name,
            marks=[pytest.mark.xfail(reason=KNOWN_GAPS[name])] if name in KNOWN_GAPS else [],
        )
        for name, service in SERVICES
    ]


@pytest.fixture
def access_refusals(monkeypatch) -> list[AccessDenied]:
    """The refusals raised by ``db.access``'s ``require_*`` checks during the test.

    Every module that imported a check gets a recording wrapper in its place (the real
    check still runs on the real database), so a test can tell a refusal by the access
    check from one raised before it was reached.
    """
    refusals: list[AccessDenied] = []
    checks = {
        name: check
        for name, check in inspect.getmembers(db.access, inspect.isfunction)
        if name.startswith("require_")
    }

    def recording(check):
        @functools.wraps(check)
        def wrapper(*args, **kwargs):
            try:
                return check(*args, **kwargs)
            except AccessDenied as refusal:
                refusals.append(refusal)
                raise

        return wrapper

    wrappers = {check: recording(check) for check in checks.values()}
    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] not in ("db", "dashboard"):
            continue
        for name, value in list(vars(module).items()):
            if callable(value) and value in wrappers:
                monkeypatch.setattr(module, name, wrappers[value])
    return refusals


def test_the_recorder_sees_a_refusal_by_the_access_check(demo_db, access_refusals) -> None:
    with pytest.raises(AccessDenied) as refused:
        new_person(demo_db, "Nope", into=INSIDE_GROUP, actor="viewer")
    assert access_refusals and refused.value is access_refusals[-1]


def test_discovery_finds_the_services_of_every_area() -> None:
    names = {name for name, _ in SERVICES}
    assert {"org.add_person", "accounts.add_user", "accounts.restore"} <= names
    assert len(names) >= 12


@pytest.mark.parametrize(("name", "service"), service_params())
def test_a_viewer_cannot_change_anything_through_any_service(
    demo_db, demo_db_path, access_refusals, name: str, service
) -> None:
    hints = typing.get_type_hints(service)
    params = list(inspect.signature(service).parameters.values())[2:]
    valid = VALID_ARGUMENTS.get(name, lambda db: {})(demo_db)
    positional, keywords = [], {}
    for param in params:
        if param.name in valid:
            value = valid[param.name]
        else:  # generated only when needed: not every type can be made from nothing
            value = argument(demo_db, param, hints.get(param.name, object))
        if param.name == "live_path":
            value = str(demo_db_path)
        if param.kind is inspect.Parameter.KEYWORD_ONLY:
            keywords[param.name] = value
        else:
            positional.append(value)
    before = snapshot(demo_db)
    audit_before = demo_db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    if name in NOT_REFUSED:
        service(demo_db, "viewer", *positional, **keywords)
    else:
        with pytest.raises(AccessDenied) as refused:
            outcome = service(demo_db, "viewer", *positional, **keywords)
            if name in REPORTED_REFUSALS:
                raise REPORTED_REFUSALS[name](outcome)
        assert refused.value in access_refusals or name in OWN_ACCESS_CHECKS, refused.value
    assert snapshot(demo_db) == before, name
    assert demo_db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0] == audit_before


def test_a_scoped_lead_marking_a_leaver_in_scope_closes_their_candidacies(demo_db):
    """What an exit closes in other areas follows the exit's own access check: allowed for
    the lead of the leaver's groups, so the leaver's open candidacies are dropped."""
    person = person_named(demo_db, "闫建华")  # in 读书笔记组, the lead's subtree, with candidacies
    open_before = demo_db.execute(
        "SELECT COUNT(*) FROM pipeline WHERE person_id = ? AND stage NOT IN ('appointed', 'dropped')",
        [person],
    ).fetchone()[0]
    assert open_before > 0
    domain.mark_left(demo_db, "lead", person, "workload", DEMO_TODAY)
    reasons = demo_db.execute(
        "SELECT stage, drop_reason FROM pipeline WHERE person_id = ? AND stage <> 'appointed'",
        [person],
    ).fetchall()
    assert {tuple(row) for row in reasons} == {("dropped", "left")}
