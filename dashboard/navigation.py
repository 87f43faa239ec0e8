"""The app's pages, listed explicitly in menu order. A page appears once its script
exists; the first one present is the default page."""

from pathlib import Path

import streamlit as st

from dashboard.i18n import t

ROOT = Path(__file__).resolve().parent.parent

# script, title key, icon, section key
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:", "app.section.team"),
    ("pages/org_structure.py", "nav.org_structure", ":material/account_tree:", "app.section.team"),
    ("pages/kpi_board.py", "nav.kpi_board", ":material/monitoring:", "app.section.team"),
    ("pages/talent_pipeline.py", "nav.talent_pipeline", ":material/groups:", "app.section.team"),
    ("pages/coaching.py", "nav.coaching", ":material/school:", "app.section.team"),
    (
        "pages/handover_manuals.py",
        "nav.handover_manuals",
        ":material/menu_book:",
        "app.section.team",
    ),
    ("pages/retention.py", "nav.retention", ":material/favorite:", "app.section.team"),
    ("pages/admin.py", "nav.admin", ":material/admin_panel_settings:", "app.section.admin"),
)


def available_pages() -> list[tuple[str, str, str, str]]:
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def build_navigation() -> dict[str, list]:
    """``st.navigation`` sections with titles in the session's language."""
    sections: dict[str, list] = {}
    for index, (script, title_key, icon, section_key) in enumerate(available_pages()):
        page = st.Page(
            ROOT / script,
            title=t(title_key),
            icon=icon,
            url_path=Path(script).stem,
            default=index == 0,
        )
        sections.setdefault(t(section_key), []).append(page)
    return sections
