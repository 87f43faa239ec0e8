"""Pure translators and chart builders of dashboard.pipeline_views."""

from datetime import date

import pandas as pd

from dashboard import pipeline_views as views
from dashboard.dragdrop import card_id
from db.errors import ValidationError

TODAY = date(2026, 6, 15)


def _candidacy(id_, stage, **extra):
    row = {
        "id": id_,
        "person_id": id_,
        "person_name": f"P{id_}",
        "role_id": 1,
        "role_code": "owner",
        "role_name": "Owner",
        "role_name_zh": "群主",
        "group_id": 10,
        "group_name": "G",
        "group_tier": "core",
        "stage": stage,
        "readiness": "12m",
        "source": "task",
        "referred_by": None,
        "referrer_name": None,
        "note": "",
        "emergency": 0,
        "drop_reason": None,
        "created_on": "2026-01-01",
        "updated_on": "2026-06-01",
        "version": 1,
    }
    return {**row, **extra}


def test_board_columns_put_cards_in_their_stage_and_hide_old_closed_ones():
    frame = pd.DataFrame(
        [
            _candidacy(1, "observer", emergency=1),
            _candidacy(2, "ready", readiness="now"),
            _candidacy(3, "appointed", updated_on="2026-05-01"),
            _candidacy(4, "dropped", updated_on="2026-01-10"),  # older than 90 days
        ]
    )
    columns, headers = views.board_columns(frame, "en", TODAY)
    assert columns == {
        "spotted": [],
        "observer": ["P1 · Owner · G · Within 12 months · ⚡ emergency #1"],
        "trial": [],
        "ready": ["P2 · Owner · G #2"],
        "appointed": ["P3 · Owner · G #3"],
        "dropped": [],
    }
    assert headers["observer"] == "Observer (1)"
    assert card_id(columns["ready"][0]) == 2
    zh_columns, zh_headers = views.board_columns(frame, "zh", TODAY)
    assert zh_columns["ready"] == ["P2 · 群主 · G #2"]
    assert zh_headers["trial"] == "试岗中 (0)"


def test_filter_frame_by_role_tier_and_group():
    frame = pd.DataFrame(
        [
            _candidacy(1, "observer"),
            _candidacy(2, "observer", role_id=2, group_tier="ordinary", group_id=11),
        ]
    )
    assert list(views.filter_frame(frame)["id"]) == [1, 2]
    assert list(views.filter_frame(frame, role_ids=[2])["id"]) == [2]
    assert list(views.filter_frame(frame, tiers=["core"])["id"]) == [1]
    assert list(views.filter_frame(frame, group_ids=[11], tiers=["core"])["id"]) == []


def test_board_notices_say_what_was_saved_and_what_snapped_back():
    outcomes = [
        {
            "candidacy_id": 1,
            "person": "Ann",
            "from_stage": "observer",
            "to_stage": "trial",
            "error": None,
        },
        {
            "candidacy_id": 2,
            "person": "Bo",
            "from_stage": "spotted",
            "to_stage": "ready",
            "error": ValidationError(
                "pipeline.err.one_step", from_stage="spotted", to_stage="ready"
            ),
        },
    ]
    assert views.board_notices(outcomes, "en") == [
        ("success", "Ann: Observer → On trial"),
        (
            "error",
            "Bo stays at Spotted. Moves go one step at a time: to the next or the previous "
            "stage, or to dropped.",
        ),
    ]


def _coverage():
    return pd.DataFrame(
        [
            {
                "role_id": 1,
                "role_name": "Owner",
                "role_name_zh": "群主",
                "group_name": "A",
                "status": "covered",
                "holder_names": "Ann",
                "ready_names": "Bo",
                "shadowing": 0,
                "emergency_names": None,
            },
            {
                "role_id": 1,
                "role_name": "Owner",
                "role_name_zh": "群主",
                "group_name": "B",
                "status": "no_observer",
                "holder_names": "Cy",
                "ready_names": None,
                "shadowing": 0,
                "emergency_names": None,
            },
        ]
    )


def test_coverage_chart_stacks_positions_by_status_in_risk_colours():
    spec = views.coverage_chart(_coverage(), "en").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["aggregate"] == "count"
    assert spec["encoding"]["y"]["field"] == "role"
    colour = spec["encoding"]["color"]["scale"]
    assert colour["domain"] == [
        "Vacant",
        "At risk: nobody shadowing",
        "At risk: no ready successor",
        "Covered",
    ]
    assert colour["range"] == ["#7f1d1d", "#dc2626", "#f59e0b", "#16a34a"]
    values = next(iter(spec["datasets"].values()))
    assert [(v["role"], v["status_label"]) for v in values] == [
        ("Owner", "Covered"),
        ("Owner", "At risk: nobody shadowing"),
    ]


def test_coverage_table_is_localised():
    table = views.coverage_table(_coverage(), "zh")
    assert list(table.columns) == [
        "覆盖情况",
        "岗位",
        "群组",
        "现任者",
        "可接任者",
        "观察 / 试岗人数",
        "应急接任人",
    ]
    assert table.iloc[1].tolist() == ["有风险：无观察员", "群主", "B", "Cy", "", 0, ""]


def test_channels_chart_layers_talents_appointed_and_conversion():
    channels = pd.DataFrame(
        [
            {"source": "task", "talents": 4, "appointed": 1, "conversion": 0.25},
            {"source": "referral", "talents": 0, "appointed": 0, "conversion": 0.0},
        ]
    )
    spec = views.channels_chart(channels, "en").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "bar", "text"]
    assert [layer["encoding"]["x"]["field"] for layer in spec["layer"]] == [
        "talents",
        "appointed",
        "talents",
    ]
    values = next(iter(spec["datasets"].values()))
    assert [(v["channel"], v["conversion_text"]) for v in values] == [
        ("Task", "25%"),
        ("Veteran's referral", "0%"),
    ]


def test_optional_id():
    assert views.optional_id(float("nan")) is None
    assert views.optional_id(None) is None
    assert views.optional_id(7.0) == 7
