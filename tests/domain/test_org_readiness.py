"""Group lifecycle and the readiness of a 交叉法 split (dashboard.domain.org), on real
database files built by hand."""

import json
from datetime import date

import pytest

from dashboard.domain import org, pipeline, rewards
from dashboard.i18n import t
from db import coaching as coaching_store
from db import org as store
from db.errors import ValidationError
from seed.community import insert_roles
from tests.conftest import give_reward, group_named, person_named

TODAY = date(2026, 6, 15)
LONG_AGO = date(2025, 6, 1)  # a year before TODAY: veterans, mature groups
SETTINGS = {**store.DEFAULT_SETTINGS}


@pytest.fixture
def family(db):
    """M → core C → ordinary O and O2, and core D → ordinary P, all a year old. In O: owner
    Olga, members Amy, Ben, Cal (a year in), Nia (one month in), Bea (also admin of C). In C:
    coach Coco (2 mentees at most, none yet); Rita (member of C) on the bench for 群主 of O at
    stage ``trial``; C has a budget of ¥1,000 this quarter. In P: members Pam, Pat, Pip (a
    year in); D has no coach, no bench and no budget."""
    roles = insert_roles(db)

    def group(name, tier, parent=None):
        return org.create_group(db, "admin", name=name, tier=tier, parent_id=parent, today=LONG_AGO)

    def person(name, group_id, role, since=LONG_AGO, **extra):
        return org.add_person(
            db,
            "admin",
            name=name,
            group_id=group_id,
            role_id=roles[role],
            today=since,
            status="active",
            **extra,
        )

    m = group("M", "management")
    c, d = group("C", "core", m), group("D", "core", m)
    o, p = group("O", "ordinary", c), group("P", "ordinary", d)
    group("O2", "ordinary", c)
    person("Olga", o, "owner")
    for name in ("Amy", "Ben", "Cal"):
        person(name, o, "member")
    person("Nia", o, "member", since=date(2026, 5, 15))
    bea = person("Bea", o, "member")
    org.join_group(db, "admin", bea, c, roles["admin"], LONG_AGO)
    person("Coco", c, "coach", max_mentees=2)
    rita = person("Rita", c, "member")
    for name in ("Pam", "Pat", "Pip"):
        person(name, p, "member")
    candidacy = pipeline.add_candidacy(
        db,
        "admin",
        person_id=rita,
        role_id=roles["owner"],
        group_id=o,
        source="task",
        today=LONG_AGO,
        stage="observer",
    )
    pipeline.move_stage(db, "admin", candidacy, "trial", LONG_AGO)
    rewards.set_budget(db, "admin", group_id=c, quarter="2026-Q2", amount=1000)
    return {"roles": roles, "candidacy": candidacy}


def people(db, *names) -> tuple[int, ...]:
    return tuple(person_named(db, name) for name in names)


def plan(db, group="O", veterans=("Amy", "Ben", "Cal"), owner=None, today=TODAY):
    owner_id = person_named(db, owner) if owner else None
    return org.SplitPlan(group_named(db, group), people(db, *veterans), owner_id, today)


def check(db, key, split_plan, settings=SETTINGS) -> org.Check:
    (found,) = [c for c in org.split_readiness(db, split_plan, settings) if c.key == key]
    return found


def make_ready(db, family) -> None:
    """Rita becomes ready for 群主 of O: every check of splitting O passes."""
    pipeline.move_stage(db, "admin", family["candidacy"], "ready", LONG_AGO)


def split(db, group="O", veterans=("Amy", "Ben", "Cal"), name="O-new", **extra) -> int:
    return org.split_group(
        db,
        "admin",
        group_named(db, group),
        new_name=name,
        veteran_ids=list(people(db, *veterans)),
        today=extra.pop("today", TODAY),
        **extra,
    )


def written(db) -> tuple[int, int, int]:
    """(groups, open memberships, audit rows)."""
    return tuple(
        db.execute(sql).fetchone()[0]
        for sql in (
            "SELECT COUNT(*) FROM groups",
            "SELECT COUNT(*) FROM memberships WHERE end_on IS NULL",
            "SELECT COUNT(*) FROM audit_log",
        )
    )


def split_audit(db, group_id: int) -> dict:
    (after,) = db.execute(
        "SELECT after_json FROM audit_log WHERE action = 'split' AND entity_id = ?", [group_id]
    ).fetchone()
    return json.loads(after)


# ---------------------------------------------------------------- lifecycle


@pytest.mark.parametrize(
    ("created", "today", "months", "stage"),
    [
        (date(2026, 3, 15), date(2026, 6, 14), 2, "new"),  # a day short of 3 months
        (date(2026, 3, 15), date(2026, 6, 15), 3, "growing"),
        (date(2025, 6, 16), date(2026, 6, 15), 11, "growing"),
        (date(2025, 6, 15), date(2026, 6, 15), 12, "mature"),
        (date(2024, 6, 16), date(2026, 6, 15), 23, "mature"),
        (date(2024, 6, 15), date(2026, 6, 15), 24, "ageing"),
        (date(2026, 1, 31), date(2026, 2, 28), 0, "new"),  # a short month is not a month
        (date(2026, 6, 15), date(2026, 6, 15), 0, "new"),
    ],
)
def test_lifecycle_stages_at_their_boundaries(created, today, months, stage):
    assert org.age_months(created, today) == months
    assert org.lifecycle_stage(created, today, SETTINGS) == stage


def test_stage_boundaries_follow_the_settings():
    settings = {**SETTINGS, "new_months": 1, "mature_months": 6, "ageing_months": 18}
    created = date(2025, 12, 15)
    assert org.lifecycle_stage(created, date(2026, 1, 14), settings) == "new"
    assert org.lifecycle_stage(created, date(2026, 6, 15), settings) == "mature"
    assert org.lifecycle_stage(created, date(2027, 6, 15), settings) == "ageing"


def test_settings_are_validated_saved_and_audited(db):
    with pytest.raises(ValidationError) as error:
        org.save_settings(db, "admin", {"new_months": 12, "mature_months": 12})
    assert error.value.key == "org.err.stage_order"
    assert t(error.value.key, "zh", **error.value.params).startswith("阶段边界须依次递增")
    for bad in ({"new_months": 0}, {"split_veterans": 2.5}, {"veteran_months": "abc"}):
        with pytest.raises(ValidationError) as error:
            org.save_settings(db, "admin", bad)
        assert error.value.key in ("org.err.setting_range", "org.err.setting_number")
    with pytest.raises(ValidationError) as error:
        org.save_settings(db, "admin", {"budget": 3})
    assert error.value.key == "org.err.setting_unknown"
    assert store.settings(db) == store.DEFAULT_SETTINGS
    saved = org.save_settings(db, "admin", {"new_months": "2", "split_veterans": 4})
    assert (saved["new_months"], saved["split_veterans"]) == (2, 4)
    (before, after) = db.execute(
        "SELECT before_json, after_json FROM audit_log WHERE entity = 'org_settings'"
    ).fetchone()
    assert json.loads(before)["new_months"] == 3 and json.loads(after)["new_months"] == 2


# ---------------------------------------------------------------- the checks


def test_veterans_pass_when_enough_chosen_are_available(db, family):
    found = check(db, "veterans", plan(db))
    assert found.passed
    assert (found.params["available"], found.params["chosen"], found.params["need"]) == (3, 3, 2)


def test_veterans_fail_with_newcomers_and_people_carrying_key_roles(db, family):
    found = check(db, "veterans", plan(db, veterans=("Amy", "Nia", "Bea")))
    assert not found.passed
    assert found.params["available"] == 1
    text = t(found.evidence, "en", **found.params)
    assert "Too new: Nia." in text and "Bea (Admin · C)" in text
    assert "Bea（管理员 · C）" in t(found.evidence, "zh", **found.params)


def test_veteran_threshold_is_a_setting(db, family):
    settings = {**SETTINGS, "split_veterans": 3}
    assert check(db, "veterans", plan(db, veterans=("Amy", "Ben")), settings).passed is False
    assert check(db, "veterans", plan(db, veterans=("Amy", "Ben", "Cal")), settings).passed


def test_owner_fails_without_anyone_ready_on_the_bench(db, family):
    found = check(db, "owner", plan(db))
    assert not found.passed and found.params["count"] == 0


def test_owner_passes_with_someone_ready_for_owner_in_the_core_group(db, family):
    make_ready(db, family)
    found = check(db, "owner", plan(db))
    assert found.passed and found.params["names"] == "Rita (O)"
    # the bench of another core group does not count
    assert not check(db, "owner", plan(db, group="P", veterans=("Pam",))).passed


def test_a_chosen_owner_must_be_the_ready_one(db, family):
    make_ready(db, family)
    assert check(db, "owner", plan(db, owner="Rita")).passed
    found = check(db, "owner", plan(db, owner="Amy"))
    assert not found.passed
    assert t(found.evidence, "en", **found.params).startswith("Amy is not ready for 群主")


def test_coaches_need_free_slots_in_the_core_group(db, family):
    found = check(db, "coaches", plan(db))
    assert found.passed and (found.params["slots"], found.params["names"]) == (2, "Coco (2)")
    newcomer = org.add_person(
        db,
        "admin",
        name="Ned",
        group_id=group_named(db, "O"),
        role_id=family["roles"]["member"],
        today=TODAY,
    )
    coaching_store.insert_coaching(db, "admin", person_named(db, "Coco"), newcomer, "2026-06-15")
    found = check(db, "coaches", plan(db))
    assert not found.passed and found.params["slots"] == 1
    # D has no coach at all
    assert check(db, "coaches", plan(db, group="P", veterans=("Pam",))).params["slots"] == 0


def test_only_one_split_in_progress_per_core_group(db, family):
    make_ready(db, family)
    assert check(db, "one_split", plan(db)).passed
    split(db)
    # another ordinary group of C waits until the new group is no longer new
    busy = check(db, "one_split", plan(db, group="O2", veterans=()))
    assert not busy.passed
    assert t(busy.evidence, "en", **busy.params) == (
        "“O-new”, split on 2026-06-15, is still new (under 3 months): one split at a time in “C”."
    )
    assert check(db, "one_split", plan(db, today=date(2026, 9, 15))).passed
    # a split in core group D is not held up by C's
    assert check(db, "one_split", plan(db, group="P", veterans=("Pam",))).passed


def test_a_ready_split_needs_no_reason_and_records_where_it_came_from(db, family):
    make_ready(db, family)
    assert all(c.passed for c in org.split_readiness(db, plan(db, owner="Rita")))
    new_id = split(db, owner_id=person_named(db, "Rita"))
    assert store.group(db, new_id)["split_from_id"] == group_named(db, "O")
    assert split_audit(db, new_id) == {"split_from_id": group_named(db, "O")}
    (new,) = [g for g in store.groups(db) if g["id"] == new_id]
    assert (new["lead_name"], new["head_count"]) == ("Rita", 4)


# ---------------------------------------------------------------- the override


def test_a_split_that_is_not_ready_is_refused_without_a_reason(db, family):
    before = written(db)
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as error:
            split(db, veterans=("Amy", "Nia"), override_reason=reason)
        assert error.value.key == "org.err.split_not_ready"
        assert error.value.params == {"group": "O", "count": 2}  # veterans and owner
    assert t(error.value.key, "zh", **error.value.params) == (
        "“O”尚未做好拆分准备：有 2 项检查未通过。如仍要拆分，请填写理由。"
    )
    assert written(db) == before


def test_an_override_with_a_reason_splits_and_the_audit_names_the_failed_checks(db, family):
    new_id = split(db, veterans=("Amy", "Nia"), override_reason="  the old group is full  ")
    assert [m["person_name"] for m in store.memberships(db, group_id=new_id)] == ["Amy", "Nia"]
    assert split_audit(db, new_id) == {
        "split_from_id": group_named(db, "O"),
        "failed_checks": ["veterans", "owner"],
        "override_reason": "the old group is full",
    }


def test_the_one_split_rule_is_overridden_with_a_reason(db, family):
    make_ready(db, family)
    split(db)
    with pytest.raises(ValidationError):
        split(db, veterans=("Nia",), name="O-third")
    new_id = split(db, veterans=("Nia",), name="O-third", override_reason="two launches at once")
    assert "one_split" in split_audit(db, new_id)["failed_checks"]


def test_budget_left_in_the_group_or_its_core_group(db, family) -> None:
    found = check(db, "budget", plan(db))
    assert found.passed and found.params["group"] == "C" and found.params["left"] == 1000
    assert t(found.evidence, "zh", **found.params) == (
        "C 2026-Q2 预算 ¥1,000，剩余 ¥1,000（需要 ¥500）。"
    )
    give_reward(db, "Rita", "C", money=600, reason="季度活动")
    assert not check(db, "budget", plan(db)).passed  # ¥400 left, ¥500 needed
    # the group's own budget comes first
    rewards.set_budget(db, "admin", group_id=group_named(db, "O"), quarter="2026-Q2", amount=800)
    assert check(db, "budget", plan(db)).params == {
        "group": "O",
        "need": 500,
        "quarter": "2026-Q2",
        "budget": 800,
        "spent": 0,
        "left": 800,
    }
    # no budget anywhere: ready only when no money is asked for
    assert not check(db, "budget", plan(db, group="P", veterans=("Pam", "Pat", "Pip"))).passed
    free = {**SETTINGS, "split_budget": 0}
    assert check(db, "budget", plan(db, group="P", veterans=("Pam", "Pat", "Pip")), free).passed
