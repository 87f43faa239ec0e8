"""The admin page's tables and chart, built from plain rows."""

from datetime import UTC, datetime

import pandas as pd

from dashboard.admin_views import AUDIT_COLUMNS, activity_chart, audit_frame, users_frame

DAILY_WRITES = pd.DataFrame(
    [
        {"day": "2026-06-14", "username": "admin", "writes": 1},
        {"day": "2026-06-14", "username": "lead", "writes": 2},
        {"day": "2026-06-15", "username": "lead", "writes": 1},
    ]
)


def test_activity_chart_stacks_writes_by_user() -> None:
    spec = activity_chart(DAILY_WRITES).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "day"
    assert spec["encoding"]["y"] == {
        "aggregate": "sum",
        "field": "writes",
        "title": "Changes",
        "type": "quantitative",
    }
    assert spec["encoding"]["color"]["field"] == "username"


def test_audit_frame_keeps_the_columns_in_order() -> None:
    frame = audit_frame(
        [
            {  # the store's order is not the table's; group_id is for filtering only
                "group_id": 3,
                "after_json": "{}",
                "before_json": None,
                "person": "",
                "group": "G",
                "entity_id": 3,
                "entity": "group",
                "action": "create",
                "username": "admin",
                "at": "2026-06-15",
            }
        ]
    )
    assert list(frame.columns) == list(AUDIT_COLUMNS)
    assert AUDIT_COLUMNS[:2] == ("at", "username") and "group_id" not in AUDIT_COLUMNS
    assert frame["entity_id"].dtype == pd.Int64Dtype()


def test_users_frame_says_whose_sign_in_is_delayed_or_must_change() -> None:
    base = {
        "display_name": "",
        "scope_group": None,
        "email": None,
        "person_id": None,
        "failed_attempts": 0,
        "has_password": 1,
        "must_change_password": 0,
        "locked_until": None,
        "app_role": "viewer",
    }
    rows = [
        {**base, "username": "a"},
        {**base, "username": "b", "locked_until": "2026-06-15T10:00:00+00:00"},
        {**base, "username": "c", "must_change_password": 1},
        {**base, "username": "d", "has_password": 0, "app_role": "lead", "scope_group": "G"},
    ]
    frame = users_frame(rows, "en", datetime(2026, 6, 15, 9, 0, tzinfo=UTC))
    assert frame["Status"].tolist() == [
        "Active",
        "Sign-in delayed",
        "Must change password",
        "No password",
    ]
    assert frame["Role"].tolist() == ["Viewer", "Viewer", "Viewer", "Lead"]
    assert frame["Scope"].tolist() == ["", "", "", "G"]
