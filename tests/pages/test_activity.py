"""The community activity page through AppTest on a copy of the demo database: empty, then
with a sample export imported and mapped; per role and in both languages."""

from pathlib import Path

import pytest

from dashboard.activity.imports import import_file
from dashboard.domain import activity as rules
from db.connection import connect
from seed import seed_database
from seed.activity import write_samples
from tests.conftest import DEMO_TODAY
from tests.pages.test_zh_ui import latin_words, shown_texts


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo seeded with its own text in Chinese (account names too), as the zh UI test."""
    path = tmp_path_factory.mktemp("demo_zh") / "demo.sqlite"
    database = connect(path)
    seed_database(database, "demo", DEMO_TODAY, lang="zh")
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo(demo_db_path):
    database = connect(demo_db_path)
    yield database
    database.close()


def group_id(db, name: str) -> int:
    return db.execute("SELECT id FROM groups WHERE name = ?", [name]).fetchone()[0]


def table(at, column: str):
    """The first table with ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def lead_scope(db) -> int:
    return db.execute("SELECT scope_group_id FROM users WHERE username = 'lead'").fetchone()[0]


@pytest.fixture
def imported(demo, tmp_path: Path) -> dict[str, int]:
    """Two sample exports imported; the Telegram chat mapped inside the lead's scope, the
    ChatLab one outside it. Returns chat name → chat id."""
    samples = write_samples(tmp_path / "samples")
    seeded = {row[0] for row in demo.execute("SELECT id FROM chats")}  # the demo's own chats
    for name in ("telegram_result.json", "chatlab.json"):
        path = next(p for p in samples if p.name == name)
        import_file(demo, path, "admin", today=DEMO_TODAY)
    chats = {
        row["name"]: row["id"]
        for row in demo.execute("SELECT id, name FROM chats")
        if row["id"] not in seeded
    }
    scope = lead_scope(demo)
    inside = demo.execute(
        "SELECT id, name FROM groups WHERE parent_id = ? ORDER BY id", [scope]
    ).fetchone()
    outside = demo.execute(
        "SELECT id FROM groups WHERE tier = 'ordinary' AND parent_id <> ? ORDER BY id", [scope]
    ).fetchone()[0]
    telegram, chatlab = sorted(chats, key=lambda n: chats[n])
    rules.map_chat(demo, "admin", chats[telegram], inside["id"])
    rules.map_chat(demo, "admin", chats[chatlab], outside)
    return chats


def test_empty_page_offers_the_import(make_app, demo) -> None:
    demo.execute("UPDATE chats SET group_id = NULL")  # imported, none mapped yet
    at = make_app("activity")
    assert not at.exception, [e.value for e in at.exception]
    assert "No counted activity" in at.info[0].value
    assert at.title[0].value == "Community activity"


def test_figures_levels_and_imports_after_an_import(make_app, imported) -> None:
    at = make_app("activity")
    assert not at.exception, [e.value for e in at.exception]
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["Messages", "Active members a day", "Members", "Messages by the team"]
    assert int(at.metric[0].value.replace(",", "")) > 0
    assert len(at.get("vega_lite_chart")) == 5  # daily ×2, heatmap, carriers, levels
    health = table(at, "二八 check")
    assert len(health) == 2
    imports = table(at, "File")
    assert sorted(imports["File"]) == ["chatlab.json", "telegram_result.json"]


def test_viewer_sees_no_import_or_mapping_widgets(make_app, imported) -> None:
    at = make_app("activity", user="viewer")
    assert not at.exception
    assert not at.get("file_uploader")
    keys = {w.key for w in [*at.selectbox, *at.text_input, *at.button, *at.checkbox] if w.key}
    assert not [
        k
        for k in keys
        if k.startswith(
            (
                "activity_chat_",
                "activity_remove",
                "activity_link",
                "activity_owner",
                "activity_setting",
            )
        )
    ]
    assert "Thresholds" not in [tab.label for tab in at.tabs]


def test_lead_edits_only_the_chats_of_their_scope(make_app, imported, demo) -> None:
    at = make_app("activity", user="lead")
    assert not at.exception
    telegram, chatlab = sorted(imported, key=imported.get)
    forms = {k for k in (w.key for w in at.selectbox) if k and k.startswith("activity_chat_group_")}
    assert forms == {f"activity_chat_group_{imported[telegram]}"}
    options = at.selectbox(key=f"activity_chat_group_{imported[telegram]}").options
    scope = lead_scope(demo)
    allowed = {
        row[0]
        for row in demo.execute(
            "SELECT name FROM groups WHERE id = ? OR parent_id = ?", [scope, scope]
        )
    }
    assert set(options) - {"(not mapped)"} <= allowed
    assert "Thresholds" not in [tab.label for tab in at.tabs]  # a team-wide setting


def test_admin_maps_a_chat_through_its_form(make_app, imported, demo) -> None:
    at = make_app("activity")
    telegram, _ = sorted(imported, key=imported.get)
    target = demo.execute("SELECT name FROM groups WHERE tier = 'core' ORDER BY id").fetchone()[0]
    at.selectbox(key=f"activity_chat_group_{imported[telegram]}").set_value(group_id(demo, target))
    at.text_input(key=f"activity_chat_keywords_{imported[telegram]}").input("打卡、早安")
    at.button(key=f"activity_chat_save_{imported[telegram]}").click().run()
    assert not at.exception
    row = demo.execute(
        "SELECT group_id, checkin_keywords FROM chats WHERE id = ?", [imported[telegram]]
    ).fetchone()
    assert (row[0], row[1]) == (group_id(demo, target), "打卡,早安")


def test_thresholds_are_saved_and_refused_when_inconsistent(make_app, demo) -> None:
    at = make_app("activity")
    at.number_input(key="activity_setting_core_messages").set_value(30)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert at.success[0].value == "Thresholds saved."
    at.number_input(key="activity_setting_active_messages").set_value(40)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert "Core needs more messages (30) than active (40)." in at.error[0].value
    saved = dict(demo.execute("SELECT key, value FROM activity_level_settings").fetchall())
    assert saved["core_messages"] == 30 and saved["active_messages"] == 4


def test_chinese_page_with_activity_shows_no_english(make_app, imported) -> None:
    at = make_app("activity", lang="zh")
    assert not at.exception
    assert at.title[0].value == "社群活跃"
    data = {"chatlab", "telegram", "result", "json"}  # the imported files' names
    assert {w: s for w, s in latin_words(shown_texts(at)).items() if w.lower() not in data} == {}


def test_a_lead_links_a_sender_and_removes_only_imports_of_their_scope(
    make_app, imported, demo
) -> None:
    from db.access import writable_people

    person_id = min(writable_people(demo, "lead"))
    member_key = demo.execute(
        "SELECT key FROM members WHERE display_name IS NOT NULL ORDER BY key"
    ).fetchone()[0]
    at = make_app("activity", user="lead")
    at.selectbox(key="activity_link_sender").set_value(member_key)
    at.selectbox(key="activity_link_person").set_value(person_id)
    at.button(key="FormSubmitter:activity_link_form-Link").click().run()
    assert not at.exception
    linked = demo.execute("SELECT key, person_id FROM members WHERE person_id IS NOT NULL")
    assert [tuple(row) for row in linked] == [(member_key, person_id)]

    telegram, chatlab = sorted(imported, key=imported.get)
    by_file = dict(demo.execute("SELECT file_name, id FROM activity_imports").fetchall())
    at.selectbox(key="activity_remove_pick").set_value(by_file["chatlab.json"])
    at.checkbox(key="activity_remove_sure").check().run()
    at.button(key="activity_remove").click().run()
    assert f"The chat “{chatlab}” belongs to a group outside your scope" in at.error[0].value
    at.selectbox(key="activity_remove_pick").set_value(by_file["telegram_result.json"])
    at.checkbox(key="activity_remove_sure").check().run()
    at.button(key="activity_remove").click().run()
    assert at.success[0].value.startswith("“telegram_result.json” removed")
    files = [row[0] for row in demo.execute("SELECT file_name FROM activity_imports")]
    assert files == ["chatlab.json"]
