"""The overview page (the app's first page), driven through AppTest on the demo database."""

from dashboard import overview_views as views
from dashboard.domain.alerts import Alert


def links(at) -> list[tuple[str, str]]:
    return [(link.proto.page, link.proto.label) for link in at.get("page_link")]


def test_overview_is_the_first_page_with_headline_figures(make_app) -> None:
    at = make_app()  # no page chosen: the default page
    assert not at.exception
    assert at.title[0].value == "Overview"
    figures = {m.label: m.value for m in at.metric}
    assert {k: v for k, v in figures.items() if not k.startswith("KPIs")} == {
        "People on the team": "83",
        "In Management groups": "5",
        "In Core groups": "20",
        "In Ordinary groups": "70",
        "Live groups": "16",
        "Newcomers": "12",
        "Open handovers": "2",
    }
    assert "KPIs on target (2026-05)" in figures


def test_alerts_are_bundled_and_link_to_the_page_that_fixes_them(make_app) -> None:
    at = make_app()
    headings = [m.value for m in at.markdown if "**" in m.value]
    assert ":material/error: **People at risk of leaving** · 5" in headings
    assert ":material/error: **Newcomers without a coach** · 3" in headings
    assert ":material/schedule: **Key roles without a ready successor** · 19" in headings
    found = links(at)
    assert ("retention", "孙凯 is at high risk of leaving (score 50, 2 causes).") in found
    assert ("coaching", "段雨桐 has had no coach for 47 days.") in found
    # five per bundle, then one link to the rest
    assert ("talent_pipeline", "14 more — see all on the page") in found


def test_severity_filter_narrows_the_list(make_app) -> None:
    at = make_app()
    at.get("button_group")[0].set_value(["low"]).run()
    headings = [m.value for m in at.markdown if "**" in m.value]
    assert headings == [":material/info: **Stale manuals** · 1"]
    assert all(page == "handover_manuals" for page, _ in links(at))


def test_chinese_overview(make_app) -> None:
    at = make_app(lang="zh")
    assert at.title[0].value == "总览"
    assert at.metric[0].label == "团队人数"
    assert ("retention", "孙凯 流失风险高（风险分 50，2 个原因）。") in links(at)


def test_an_alert_of_an_unfinished_area_falls_back_to_its_heading() -> None:
    unfinished = Alert("new_kind", "low", "nowhere.alert.key", "retention")
    assert views.alert_text(unfinished, "en") == "Retention"
    churn = Alert("churn_risk", "high", "missing.key", "retention", person_id=3)
    assert views.alert_text(churn, "zh") == "有流失风险的成员"
    assert views.link_params(churn) == {"person": "3"}
    assert views.link_params(unfinished) is None


def test_admins_alone_see_delayed_sign_ins(make_app, demo_db_path) -> None:
    import sqlite3

    with sqlite3.connect(demo_db_path) as conn:
        conn.execute(
            """INSERT INTO sign_in_throttles VALUES ('account', 'viewer', '', 12,
               '2026-06-15T09:00:00+00:00', '2999-01-01T00:00:00+00:00')"""
        )

    def headings(at) -> list[str]:
        return [m.value for m in at.markdown if "Delayed sign-ins" in m.value]

    admin = make_app(user="admin")
    assert not admin.exception
    assert headings(admin) == [":material/schedule: **Delayed sign-ins** · 1"]
    assert (
        "admin",
        "Sign-in to viewer is delayed after repeated wrong passwords (until 00:00 UTC).",
    ) in links(admin)
    assert headings(make_app(user="lead")) == []
