"""The community activity page through AppTest on a copy of the demo database (which has a
chat per group, seeded as imports by ``system``): before any import, with its chats not
mapped, then with two sample exports imported and mapped; per role and in both languages."""

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from dashboard.activity.imports import import_file
from dashboard.domain import activity as rules
from dashboard.i18n import t
from db import activity as store
from seed.activity import write_samples
from tests.conftest import DEMO_TODAY, ROOT, group_named
from tests.pages.test_zh_ui import LATIN_WORD, latin_words, shown_texts

# the demo's chats, each its own import: one per core and ordinary group (15), each group's
# notice chat where its owner posts (15) and two of group health's demo (seed/health.py)
SEEDED_CHATS = 32


@pytest.fixture(scope="module")
def demo_template(zh_demo_template: Path) -> Path:
    """The demo seeded with its own text in Chinese (account names too), as the zh UI test."""
    return zh_demo_template


def table(at, column: str):
    """The first table with ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def lead_scope(db) -> int:
    return db.execute("SELECT scope_group_id FROM users WHERE username = 'lead'").fetchone()[0]


TABS = ("figures", "levels", "imports", "mapping", "settings")


def open_tab(at, name: str, lang: str = "en"):
    """Open a tab of the page (only the open tab runs) and rerun."""
    at.session_state["activity_tab"] = t(f"activity.tab.{name}", lang)
    return at.run()


def every_tab(at, user: str = "admin", lang: str = "en"):
    """Each tab the page ``at`` offers, opened in a new session of ``user`` (a rerun in
    Chinese is beyond AppTest: it formats options in English): yields its name and run."""
    offered = [tab.label for tab in at.tabs]
    for name in TABS:
        label = t(f"activity.tab.{name}", lang)
        if label in offered:
            run = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
            run.session_state["auth_user"] = user
            run.session_state["ui_lang"] = lang
            run.session_state["activity_tab"] = label
            run.switch_page("pages/activity.py")
            yield name, run.run()


def offers_exactly(at, chat_ids: list[int]) -> bool:
    """Whether the chat picker offers exactly ``chat_ids`` (compared by their labels)."""
    picker = at.selectbox(key="activity_chat_pick")
    labels = [picker.format_func(chat_id) for chat_id in chat_ids]
    return sorted(picker.options) == sorted(labels) and len(set(labels)) == len(labels)


def pick_chat(at, chat_id: int):
    """Pick ``chat_id`` in the chat picker and rerun: its form shows."""
    return at.selectbox(key="activity_chat_pick").set_value(chat_id).run()


def file_words(db) -> set[str]:
    """The Latin words of the imported files' names: the user's data, shown as it is."""
    names = [row[0] for row in db.execute("SELECT file_name FROM activity_imports")]
    return {word.lower() for name in names for word in LATIN_WORD.findall(name)}


@pytest.fixture
def imported(demo_db, tmp_path: Path) -> dict[str, int]:
    """Two sample exports imported; the Telegram chat mapped inside the lead's scope, the
    ChatLab one outside it. Returns chat name → chat id, Telegram's first."""
    samples = write_samples(tmp_path / "samples")
    chats = {}
    for name in ("telegram_result.json", "chatlab.json"):
        path = next(p for p in samples if p.name == name)
        import_id = import_file(demo_db, path, "admin", today=DEMO_TODAY)
        [chat_id] = store.import_chat_ids(demo_db, import_id)
        chats[store.chat(demo_db, chat_id)["name"]] = chat_id
    scope = lead_scope(demo_db)
    inside = demo_db.execute(
        "SELECT id, name FROM groups WHERE parent_id = ? ORDER BY id", [scope]
    ).fetchone()
    outside = demo_db.execute(
        "SELECT id FROM groups WHERE tier = 'ordinary' AND parent_id <> ? ORDER BY id", [scope]
    ).fetchone()[0]
    telegram, chatlab = chats
    rules.map_chat(demo_db, "admin", chats[telegram], inside["id"])
    rules.map_chat(demo_db, "admin", chats[chatlab], outside)
    return chats


def test_empty_page_offers_the_import(make_app, demo_db) -> None:
    for row in store.imports(demo_db):  # every import removed: nothing counted any more
        rules.remove_import(demo_db, "admin", row["id"])
    at = make_app("activity")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Community activity"
    assert [i.value for i in at.info] == [t("activity.empty", "en")]  # the figures
    assert not at.metric
    assert [i.value for i in open_tab(at, "levels").info] == [t("activity.empty", "en")]
    assert [i.value for i in open_tab(at, "imports").info] == [t("activity.imports.empty", "en")]
    assert at.get("file_uploader")
    open_tab(at, "mapping")
    chats = [row[0] for row in demo_db.execute("SELECT id FROM chats WHERE group_id IS NOT NULL")]
    assert len(chats) == SEEDED_CHATS  # the chats keep their groups for the next import
    pick_chat(at, chats[0])
    assert at.selectbox(key=f"activity_chat_group_{chats[0]}").value is not None


def test_unmapped_chats_are_kept_and_pointed_to_the_mapping(make_app, demo_db) -> None:
    demo_db.execute("UPDATE chats SET group_id = NULL")  # imported, none mapped yet
    at = make_app("activity")
    assert not at.exception, [e.value for e in at.exception]
    assert at.info[0].value.startswith("Imported chats are not mapped to groups yet")
    assert not at.metric  # nothing counted before a chat is mapped
    open_tab(at, "mapping")
    chats = [row[0] for row in demo_db.execute("SELECT id FROM chats ORDER BY id")]
    assert offers_exactly(at, chats)  # every chat can be picked and mapped
    forms = [k for k in (w.key for w in at.selectbox) if k and k.startswith("activity_chat_group_")]
    picked = at.selectbox(key="activity_chat_pick").value
    assert forms == [f"activity_chat_group_{picked}"]  # one form: the picked chat's


def test_figures_levels_and_imports_after_an_import(make_app, imported, demo_db) -> None:
    at = make_app("activity")
    assert not at.exception, [e.value for e in at.exception]
    # an admin is offered every tab, in this order
    assert [tab.label for tab in at.tabs] == [t(f"activity.tab.{name}", "en") for name in TABS]
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["Messages", "Active members a day", "Members", "Messages by the team"]
    counted = demo_db.execute(
        """SELECT SUM(d.messages) FROM activity_counts d JOIN chats c ON c.id = d.chat_id
           WHERE c.group_id IS NOT NULL AND d.day BETWEEN '2026-04-01' AND ?""",
        [DEMO_TODAY.isoformat()],
    ).fetchone()[0]  # the default three months, the imported chats with the demo's own
    assert int(at.metric[0].value.replace(",", "")) == counted
    assert len(at.get("vega_lite_chart")) == 4  # daily ×2, heatmap, carriers
    assert len(open_tab(at, "levels").get("vega_lite_chart")) == 1
    health = table(at, "二八 check")
    mapped = {
        row[0]
        for row in demo_db.execute("SELECT g.name FROM chats c JOIN groups g ON g.id = c.group_id")
    }
    assert len(mapped) == 15  # the demo's core and ordinary groups: each has a chat
    assert set(health["Group"]) == mapped
    imports = table(open_tab(at, "imports"), "File")
    assert len(imports) == SEEDED_CHATS + 2  # the demo's seeded chats and the two samples
    assert {"chatlab.json", "telegram_result.json"} <= set(imports["File"])
    assert Counter(imports["By"]) == {"system": SEEDED_CHATS, "admin": 2}


def test_viewer_sees_no_import_or_mapping_widgets(make_app, imported) -> None:
    at = make_app("activity", user="viewer")
    assert not at.exception
    assert not at.get("file_uploader")
    keys = {
        w.key
        for _, run in every_tab(at, "viewer")
        for w in [*run.selectbox, *run.text_input, *run.button, *run.checkbox]
        if w.key
    }
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


def test_lead_edits_only_the_chats_of_their_scope(make_app, imported, demo_db) -> None:
    at = open_tab(make_app("activity", user="lead"), "mapping")
    assert not at.exception
    telegram, chatlab = imported
    scope = lead_scope(demo_db)
    subtree = demo_db.execute(
        "SELECT id, name FROM groups WHERE id = ? OR parent_id = ?", [scope, scope]
    ).fetchall()
    theirs = [
        row[0]
        for row in demo_db.execute(
            f"SELECT id FROM chats WHERE group_id IN ({', '.join('?' for _ in subtree)})",
            [row[0] for row in subtree],
        )
    ]
    assert imported[telegram] in theirs and imported[chatlab] not in theirs
    assert offers_exactly(at, theirs)
    pick_chat(at, imported[telegram])
    options = at.selectbox(key=f"activity_chat_group_{imported[telegram]}").options
    assert set(options) - {"(not mapped)"} <= {row[1] for row in subtree}
    assert "Thresholds" not in [tab.label for tab in at.tabs]  # a team-wide setting


def test_admin_maps_a_chat_through_its_form(make_app, imported, demo_db) -> None:
    at = open_tab(make_app("activity"), "mapping")
    telegram, _ = imported
    target = demo_db.execute("SELECT name FROM groups WHERE tier = 'core' ORDER BY id").fetchone()[
        0
    ]
    pick_chat(at, imported[telegram])
    at.selectbox(key=f"activity_chat_group_{imported[telegram]}").set_value(
        group_named(demo_db, target)
    )
    at.text_input(key=f"activity_chat_keywords_{imported[telegram]}").input("打卡、早安")
    at.button(key=f"activity_chat_save_{imported[telegram]}").click().run()
    assert not at.exception
    row = demo_db.execute(
        "SELECT group_id, checkin_keywords FROM chats WHERE id = ?", [imported[telegram]]
    ).fetchone()
    assert (row[0], row[1]) == (group_named(demo_db, target), "打卡,早安")


def test_thresholds_are_saved_and_refused_when_inconsistent(make_app, demo_db) -> None:
    at = open_tab(make_app("activity"), "settings")
    at.number_input(key="activity_setting_core_messages").set_value(30)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert at.success[0].value == "Thresholds saved."
    at.number_input(key="activity_setting_active_messages").set_value(40)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert "Core needs more messages (30) than active (40)." in at.error[0].value
    saved = dict(demo_db.execute("SELECT key, value FROM activity_level_settings").fetchall())
    assert saved["core_messages"] == 30 and saved["active_messages"] == 4


def test_chinese_page_with_activity_shows_no_english(make_app, imported, demo_db) -> None:
    at = make_app("activity", lang="zh")
    assert not at.exception
    assert at.title[0].value == "社群活跃"
    data = file_words(demo_db)  # the imported files' names, e.g. demo-读书笔记组.jsonl
    for name, run in every_tab(at, lang="zh"):
        english = {w: s for w, s in latin_words(shown_texts(run)).items() if w.lower() not in data}
        assert english == {}, name
        if name == "imports":
            assert Counter(table(run, "文件")["导入人"]) == {"系统": SEEDED_CHATS, "admin": 2}


def test_a_lead_links_a_sender_and_removes_only_imports_of_their_scope(
    make_app, imported, demo_db
) -> None:
    from db.access import writable_people

    person_id = min(writable_people(demo_db, "lead"))
    senders = store.senders(demo_db, date(2026, 4, 1), DEMO_TODAY)  # the form's list
    names = Counter(s["display_name"] for s in senders)
    # not the first (the form's default), and a name only one sender has: AppTest picks an
    # option by its label
    member_key = next(s["key"] for s in senders[1:] if names[s["display_name"]] == 1)
    linked = "SELECT key, person_id FROM members WHERE person_id IS NOT NULL"
    before = {tuple(row) for row in demo_db.execute(linked)}  # the demo's team, linked in seeding
    at = open_tab(make_app("activity", user="lead"), "mapping")
    at.selectbox(key="activity_link_sender").set_value(member_key)
    at.selectbox(key="activity_link_person").set_value(person_id)
    at.button(key="FormSubmitter:activity_link_form-Link").click().run()
    assert not at.exception
    assert {tuple(row) for row in demo_db.execute(linked)} - before == {(member_key, person_id)}

    telegram, chatlab = imported
    by_file = dict(demo_db.execute("SELECT file_name, id FROM activity_imports").fetchall())
    open_tab(at, "imports")
    at.selectbox(key="activity_remove_pick").set_value(by_file["chatlab.json"])
    at.checkbox(key="activity_remove_sure").check().run()
    at.button(key="activity_remove").click().run()
    assert f"The chat “{chatlab}” belongs to a group outside your scope" in at.error[0].value
    at.selectbox(key="activity_remove_pick").set_value(by_file["telegram_result.json"])
    at.checkbox(key="activity_remove_sure").check().run()
    at.button(key="activity_remove").click().run()
    assert at.success[0].value.startswith("“telegram_result.json” removed")
    files = {row[0] for row in demo_db.execute("SELECT file_name FROM activity_imports")}
    assert "telegram_result.json" not in files and "chatlab.json" in files
    assert len(files) == SEEDED_CHATS + 1  # the demo's own imports stay


def test_a_sender_named_like_a_person_of_the_team_is_suggested_and_confirmed(
    make_app, imported, demo_db
) -> None:
    from db.access import writable_people

    person_id = min(writable_people(demo_db, "lead"))
    name = demo_db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()[0]
    export = (
        "时间,群名,发送者ID,发送者,消息类型,内容\r\n"
        f"2026/6/1 09:00,{next(iter(imported))},wxid_ops,{name},文本,早安\r\n"
    )
    import_file(demo_db, export.encode(), "admin", name="messages.csv", today=DEMO_TODAY)
    at = open_tab(make_app("activity"), "mapping")  # an admin: everyone is a candidate
    assert not at.exception
    # the samples' senders are named like no one of the team (some share a given name with
    # someone, 赵雨桐 and 龚雨桐): only this one is suggested
    suggested = [m.value for m in at.markdown if m.value.endswith("?")]
    assert suggested == [f"“{name}” (1 message) is {name}?"]
    senders = store.senders(demo_db, date(2026, 6, 1), DEMO_TODAY)
    [sender] = [s for s in senders if s["display_name"] == name]
    at.button(key=f"activity_confirm_{sender['key']}").click().run()
    assert at.success[0].value == f"“{name}” linked."
    assert store.member(demo_db, sender["key"])["person_id"] == person_id


def test_the_chat_table_lists_unmapped_chats_first_with_their_suggestion_and_filters(
    make_app, imported, demo_db
) -> None:
    named = demo_db.execute(  # a demo chat named after its group, unmapped again
        """SELECT c.id, c.name, g.name FROM chats c JOIN groups g ON g.id = c.group_id
           WHERE c.name = g.name ORDER BY c.id"""
    ).fetchone()
    demo_db.execute("UPDATE chats SET group_id = NULL WHERE id = ?", [named[0]])
    at = open_tab(make_app("activity"), "mapping")
    chats = table(at, "Suggested group")
    assert list(chats["Group"][:1]) == ["(not mapped)"]
    assert chats["Group"].tolist().count("(not mapped)") == 1
    assert (chats["Chat"][0], chats["Suggested group"][0]) == (named[1], named[2])
    assert at.selectbox(key="activity_chat_pick").value == named[0]  # the first to map
    assert at.selectbox(key=f"activity_chat_group_{named[0]}").value == group_named(
        demo_db, named[2]
    )
    telegram, _ = imported
    at.text_input(key="activity_chat_search").input(telegram).run()
    found = dict(  # by the chat's name or its group's: the sample chat and the demo's own
        demo_db.execute(
            """SELECT c.id, c.name FROM chats c LEFT JOIN groups g ON g.id = c.group_id
               WHERE instr(c.name, ?) OR instr(g.name, ?)""",
            [telegram, telegram],
        ).fetchall()
    )
    assert imported[telegram] in found and len(found) < len(chats)
    assert offers_exactly(at, list(found))
    assert set(table(at, "Suggested group")["Chat"]) == set(found.values())
    at.text_input(key="activity_chat_search").input("no such chat").run()
    assert at.info[-1].value == "No chat you may map matches “no such chat”."
    assert not [w for w in at.selectbox if w.key and w.key.startswith("activity_chat_")]


def test_the_day_by_day_charts_draw_the_busiest_groups_of_many(
    make_app, demo_db, monkeypatch
) -> None:
    from dashboard import activity_views

    monkeypatch.setattr(activity_views, "CHARTED_GROUPS", 3)
    at = make_app("activity")
    assert not at.exception
    note = "The 3 groups with the most messages of the 15 chosen; pick groups above to see others."
    assert note in [c.value for c in at.caption]
    busiest = [
        row[0]
        for row in demo_db.execute(
            """SELECT g.name FROM activity_counts d JOIN chats c ON c.id = d.chat_id
               JOIN groups g ON g.id = c.group_id WHERE d.day BETWEEN '2026-04-01' AND ?
               GROUP BY g.id ORDER BY SUM(d.messages) DESC LIMIT 3""",
            [DEMO_TODAY.isoformat()],
        )
    ]
    chart = at.get("vega_lite_chart")[1].proto  # the daily messages
    drawn = {
        group
        for dataset in chart.datasets
        for group in convert_arrow_bytes_to_pandas_df(dataset.data.data)["group"]
    }
    assert drawn == set(busiest)


def test_a_rerun_of_the_figures_builds_no_chart_again(make_app, monkeypatch) -> None:
    """The figures tab's metrics and chart specs are one cached answer: a rerun (a widget
    elsewhere, the page opened again) draws them as they were without building a chart; the
    other language is its own answer."""
    from dashboard import activity_views

    at = make_app("activity")
    assert not at.exception
    drawn = [chart.proto.spec for chart in at.get("vega_lite_chart")]
    metrics = [m.value for m in at.metric]
    built = []
    real = activity_views.daily_chart

    def counted(*args, **kwargs):
        built.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(activity_views, "daily_chart", counted)
    at.run()
    assert not at.exception
    assert built == []
    assert [chart.proto.spec for chart in at.get("vega_lite_chart")] == drawn
    assert [m.value for m in at.metric] == metrics
    at.session_state["ui_lang"] = "zh"
    at.run()
    assert built == ["active_members", "messages"]
    assert at.metric[0].label == t("activity.measure.messages", "zh")
    lines = json.loads(at.get("vega_lite_chart")[0].proto.spec)["layer"][0]
    assert lines["encoding"]["y"]["title"] == t("activity.measure.active_members", "zh")
