"""Signing in and out through the real app in AppTest: the form, wrong passwords, the
delay message, the forced password change, sign-out, the remembered language, the menu,
and a fresh database's admin."""

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DEMO_TODAY, ROOT

SUBMIT = "FormSubmitter:accounts_sign_in-Sign in"


@pytest.fixture
def signed_out(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``signed_out()`` → the app run by a visitor who has not signed in yet."""
    monkeypatch.setenv("OPS_DB", str(demo_db_path))
    monkeypatch.setenv("OPS_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("OPS_DEMO", "0")

    def make(lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        at.session_state["ui_lang"] = lang
        at.run()
        return at

    return make


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="accounts_username").input(username)
    at.text_input(key="accounts_password").input(password)
    return at.button(key=SUBMIT).click().run()


def query(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_nothing_but_the_sign_in_form_before_signing_in(signed_out) -> None:
    at = signed_out()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in to Ops Bench"]
    assert not at.dataframe
    assert "auth_user" not in at.session_state


@pytest.mark.parametrize(
    ("username", "password"),
    [("admin", "admin-demo"), ("lead", "lead-demo"), ("viewer", "viewer-demo")],
)
def test_each_demo_account_signs_in(signed_out, username: str, password: str) -> None:
    at = sign_in(signed_out(), username, password)
    assert not at.exception
    assert at.session_state["auth_user"] == username
    assert "Sign in to Ops Bench" not in [t.value for t in at.title]
    assert at.sidebar.button(key="accounts_sign_out")


def test_a_wrong_password_is_refused_and_counted(signed_out, demo_db_path) -> None:
    at = sign_in(signed_out(), "viewer", "not-the-password")
    assert [e.value for e in at.error] == ["Wrong username or password."]
    assert "auth_user" not in at.session_state
    assert query(
        demo_db_path,
        "SELECT kind, client, failures FROM sign_in_throttles WHERE username = 'viewer'",
    ) == [("account", "", 1), ("pair", "local", 1)]


@pytest.mark.parametrize(
    ("username", "password", "lang", "message"),
    [
        ("", "", "en", "Enter your username and password."),
        ("viewer", "", "en", "Enter your password."),
        ("  ", "viewer-demo", "en", "Enter your username."),
        ("", "", "zh", "请输入用户名和密码。"),
        ("viewer", "", "zh", "请输入密码。"),
    ],
)
def test_an_empty_field_is_named_and_not_counted(
    signed_out, demo_db_path, username: str, password: str, lang: str, message: str
) -> None:
    at = signed_out(lang)
    at.text_input(key="accounts_username").input(username)
    at.text_input(key="accounts_password").input(password)
    at.button(key=SUBMIT if lang == "en" else "FormSubmitter:accounts_sign_in-登录").click().run()
    assert [error.value for error in at.error] == [message]
    assert at.text_input(key="accounts_username").value == username  # what was typed stays
    assert query(demo_db_path, "SELECT COUNT(*) FROM sign_in_throttles") == [(0,)]


def test_an_unknown_user_gets_the_same_message_and_delays(signed_out) -> None:
    known, unknown = signed_out(), signed_out()
    seen = {}
    for at, username in ((known, "viewer"), (unknown, "nobody")):
        seen[username] = []
        for _ in range(3):
            sign_in(at, username, "not-the-password")
            seen[username].append([e.value for e in at.error])
    assert seen["viewer"] == seen["nobody"]
    assert seen["viewer"][:2] == [["Wrong username or password."]] * 2
    assert seen["viewer"][2][0].startswith("Too many failed sign-ins. Try again in")


def test_a_delayed_sign_in_says_so_in_chinese(signed_out, demo_db_path) -> None:
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute(
            """INSERT INTO sign_in_throttles VALUES
               ('account', 'lead', '', 12, '2026-06-15T09:00:00+00:00',
                '2999-01-01T00:00:00+00:00')"""
        )
    at = signed_out(lang="zh")
    at.text_input(key="accounts_username").input("lead")
    at.text_input(key="accounts_password").input("lead-demo")
    at.button(key="FormSubmitter:accounts_sign_in-登录").click().run()
    assert len(at.error) == 1
    assert at.error[0].value.startswith("登录失败次数过多，请")
    assert "auth_user" not in at.session_state


def test_a_reset_password_must_be_changed_before_anything_else(signed_out, demo_db_path) -> None:
    from dashboard.domain import accounts
    from db.connection import connect

    db = connect(demo_db_path)
    accounts.reset_password(db, "admin", "viewer", "temporary-1")
    db.close()
    at = sign_in(signed_out(), "viewer", "temporary-1")
    assert [t.value for t in at.title] == ["Choose a new password"]
    at.text_input(key="accounts_current").input("temporary-1")
    at.text_input(key="accounts_new").input("my-own-pass")
    at.text_input(key="accounts_repeat").input("my-own-pasz")
    at.button(key="FormSubmitter:accounts_change_password-Save password").click().run()
    assert [e.value for e in at.error] == ["The two new passwords differ."]
    at.text_input(key="accounts_current").input("temporary-1")
    at.text_input(key="accounts_new").input("my-own-pass")
    at.text_input(key="accounts_repeat").input("my-own-pass")
    at.button(key="FormSubmitter:accounts_change_password-Save password").click().run()
    assert not at.exception
    assert "Choose a new password" not in [t.value for t in at.title]
    assert query(
        demo_db_path, "SELECT must_change_password FROM users WHERE username = 'viewer'"
    ) == [(0,)]


def test_a_fresh_database_prints_a_one_time_admin_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("OPS_DB", str(tmp_path / "fresh.sqlite"))
    monkeypatch.setenv("OPS_DEMO", "0")
    monkeypatch.setenv("OPS_ADMIN_PASSWORD", "first-admin-pass")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.run()
    assert "one-time password: first-admin-pass" in capsys.readouterr().out
    at = sign_in(at, "admin", "first-admin-pass")
    assert [t.value for t in at.title] == ["Choose a new password"]
    assert query(tmp_path / "fresh.sqlite", "SELECT username, app_role FROM users") == [
        ("admin", "admin")
    ]


def test_a_signed_in_user_changes_their_own_password(make_app, demo_db_path) -> None:
    from dashboard.domain import accounts
    from db.connection import connect

    at = make_app(user="viewer")
    assert "accounts_own_current" not in {w.key for w in at.sidebar.text_input}  # closed
    at.session_state["accounts_own_open"] = True  # the popover opened: it reruns
    at.run()
    form = "FormSubmitter:accounts_own_password-Save password"
    at.sidebar.text_input(key="accounts_own_current").input("not-my-password")
    at.sidebar.text_input(key="accounts_own_new").input("viewer-new-pass")
    at.sidebar.text_input(key="accounts_own_repeat").input("viewer-new-pass")
    at.sidebar.button(key=form).click().run()
    assert not at.exception
    assert [e.value for e in at.sidebar.error] == ["The current password is not right."]
    assert at.sidebar.text_input(key="accounts_own_new").value == "viewer-new-pass"  # kept
    at.sidebar.text_input(key="accounts_own_current").input("viewer-demo")
    at.sidebar.button(key=form).click().run()
    assert not at.exception
    assert [s.value for s in at.sidebar.success] == ["Your password has been changed."]
    db = connect(demo_db_path)
    try:
        assert accounts.authenticate(db, "viewer", "viewer-new-pass")["username"] == "viewer"
    finally:
        db.close()


@pytest.mark.parametrize("user", ["lead", "viewer"])
def test_the_menu_offers_the_admin_page_to_admins_only(make_app, user: str) -> None:
    at = make_app(user=user)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/admin.py")
    admin = make_app(user="admin")
    admin.switch_page("pages/admin.py").run()
    assert admin.title[0].value == "Administration"


def test_signing_out_ends_the_users_other_sessions_at_their_next_run(signed_out) -> None:
    first = sign_in(signed_out(), "viewer", "viewer-demo")
    second = sign_in(signed_out(), "viewer", "viewer-demo")
    other_user = sign_in(signed_out(), "lead", "lead-demo")
    first.sidebar.button(key="accounts_sign_out").click().run()
    assert [t.value for t in first.title] == ["Sign in to Ops Bench"]
    second.run()
    assert not second.exception
    assert "auth_user" not in second.session_state
    assert [t.value for t in second.title] == ["Sign in to Ops Bench"]
    assert [i.value for i in second.info] == [
        "You have been signed out (in another tab, or your password was reset)."
    ]
    other_user.run()
    assert other_user.session_state["auth_user"] == "lead"


def test_the_language_is_kept_with_the_account(signed_out, demo_db_path) -> None:
    at = sign_in(signed_out(), "viewer", "viewer-demo")
    at.sidebar.selectbox(key="ui_lang").set_value("zh").run()
    assert query(demo_db_path, "SELECT language FROM users WHERE username = 'viewer'") == [("zh",)]
    later = sign_in(signed_out(lang="en"), "viewer", "viewer-demo")  # another tab or day
    assert later.session_state["ui_lang"] == "zh"
    assert later.sidebar.selectbox(key="ui_lang").value == "zh"
    assert later.title[0].value == "总览"


def test_a_language_picked_before_signing_in_is_kept_for_the_account(
    signed_out, demo_db_path
) -> None:
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute("UPDATE users SET language = 'en' WHERE username = 'lead'")
    at = signed_out()
    at.sidebar.selectbox(key="ui_lang").set_value("zh").run()
    at.text_input(key="accounts_username").input("lead")
    at.text_input(key="accounts_password").input("lead-demo")
    at.button(key="FormSubmitter:accounts_sign_in-登录").click().run()
    assert at.session_state["auth_user"] == "lead"
    assert at.title[0].value == "总览"
    assert query(demo_db_path, "SELECT language FROM users WHERE username = 'lead'") == [("zh",)]
