"""The talent review page, driven through AppTest on a copy of the demo database: a lead
rates a person, sees the 9-box and the ranked bench; a viewer sees no rating; both
languages."""

from dashboard.domain import review as rules
from dashboard.review_views import nine_box_chart, ratings_frame


def current_round(db) -> int:
    return db.execute("SELECT id FROM review_rounds WHERE period = '2026-Q2'").fetchone()[0]


def unrated_in_scope(db, username: str) -> tuple[int, str]:
    """A person ``username`` may rate who has no rating yet in this quarter's round."""
    visible = rules.visible_people(db, username)
    rated = {
        row[0]
        for row in db.execute(
            "SELECT person_id FROM review_ratings WHERE round_id = ?", [current_round(db)]
        )
    }
    for person_id, name in db.execute(
        """SELECT DISTINCT p.id, p.name FROM people p JOIN memberships m ON m.person_id = p.id
           WHERE m.end_on IS NULL AND p.status <> 'left' ORDER BY p.name"""
    ):
        if (visible is None or person_id in visible) and person_id not in rated:
            return person_id, name
    raise AssertionError("everyone is rated")


def test_a_lead_rates_a_person_of_their_scope(make_app, demo_db) -> None:
    person_id, name = unrated_in_scope(demo_db, "lead")
    at = make_app("talent_review", user="lead")
    assert not at.exception
    assert at.selectbox(key="review_round").value == current_round(demo_db)
    people = at.selectbox(key="review_person").options
    visible = rules.visible_people(demo_db, "lead")
    assert len(people) == len(visible)  # only the lead's scope is offered
    at.selectbox(key="review_person").set_value(person_id).run()
    assert any(m.value.startswith("Suggested performance: **") for m in at.markdown)
    at.radio(key=f"review_performance_{person_id}").set_value("high")
    at.radio(key=f"review_potential_{person_id}").set_value("high")
    at.text_area(key=f"review_note_{person_id}").input("带出两位新人")
    at.button(key="review_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"{name} is in the box “Future leader”."]
    row = demo_db.execute(
        """SELECT performance, potential, note, rater FROM review_ratings
           WHERE round_id = ? AND person_id = ?""",
        [current_round(demo_db), person_id],
    ).fetchone()
    assert tuple(row) == ("high", "high", "带出两位新人", "lead")


def test_only_the_open_tab_of_the_review_runs(make_app) -> None:
    at = make_app("talent_review")
    assert "review_person" in {s.key for s in at.selectbox}  # the Rate tab, open at first
    assert not at.get("vega_lite_chart") and not at.dataframe
    at.session_state["review_tab"] = "9-box"
    at.run()
    assert "review_person" not in {s.key for s in at.selectbox}
    assert at.get("vega_lite_chart")


def test_the_nine_box_and_the_ranked_bench(make_app, demo_db) -> None:
    at = make_app("talent_review", state={"review_tab": "9-box"})
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["Rate", "9-box", "Bench by role"]
    table = next(d.value for d in at.dataframe if "movement" in d.value.columns)
    rated = demo_db.execute(
        "SELECT COUNT(*) FROM review_ratings WHERE round_id = ?", [current_round(demo_db)]
    ).fetchone()[0]
    assert len(table) == rated
    assert set(table["movement"]) <= {"new", "▲ up", "▼ down", "= same"}
    # the role filter keeps only people holding that role
    owner = demo_db.execute("SELECT id FROM roles WHERE code = 'owner'").fetchone()[0]
    at.multiselect(key="review_filter_roles").set_value([owner]).run()
    filtered = next(d.value for d in at.dataframe if "movement" in d.value.columns)
    owners = {
        row[0]
        for row in demo_db.execute(
            """SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id
               WHERE m.role_id = ? AND m.end_on IS NULL""",
            [owner],
        )
    }
    assert 0 < len(filtered) < len(table)
    assert set(filtered["person_name"]) <= owners
    at.session_state["review_tab"] = "Bench by role"
    at.run()
    bench = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert list(bench["Rank"]) == list(range(1, len(bench) + 1))
    assert list(bench.columns) == [
        "Rank",
        "Person",
        "Group",
        "Box",
        "Readiness",
        "Stage",
        "Since last round",
    ]


def test_a_viewer_sees_no_rating(make_app) -> None:
    at = make_app("talent_review", user="viewer")
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Talent ratings are confidential: only leads (for their own groups) and admins see them."
    ]
    assert not at.dataframe and not at.tabs
    assert [s.key for s in at.selectbox] == ["ui_lang"]  # the sidebar's language box only
    assert not at.get("arrow_vega_lite_chart")


def test_the_page_in_chinese(make_app, demo_db) -> None:
    at = make_app("talent_review", lang="zh")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["评定", "九宫格", "各岗位梯队"]
    assert (
        at.selectbox(key="review_round")
        .format_func(current_round(demo_db))
        .startswith("2026年第2季度")
    )


def test_the_nine_box_chart_names_its_boxes_and_hovers_people(demo_db_path) -> None:
    frame = ratings_frame.__wrapped__(str(demo_db_path), "admin", 2, "zh")
    spec = nine_box_chart(frame, "zh").to_dict()
    tiles, names, points, labels = spec["layer"]
    datasets = spec["datasets"]
    box_names = [row["name"] for row in datasets[names["data"]["name"]]]
    assert box_names[0] == "待改进" and box_names[-1] == "明日之星" and len(box_names) == 9
    assert [t["title"] for t in points["encoding"]["tooltip"]][:3] == ["成员", "格子", "绩效"]
    people = datasets[points["data"]["name"]]
    assert len(people) == len(frame)
    for row in people:  # every point stays inside its box
        assert 0 < row["px"] < 3 and 0 < row["py"] < 3
