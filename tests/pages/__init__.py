"""AppTest tests of the pages.

``PAGES`` is the one explicit list of page scripts the tests walk (in menu order): a page
that disappears from the registry fails ``test_all_pages`` instead of silently dropping
out of every parametrised test.
"""

PAGES = [
    "pages/overview.py",
    "pages/org_structure.py",
    "pages/kpi_board.py",
    "pages/talent_pipeline.py",
    "pages/coaching.py",
    "pages/handover_manuals.py",
    "pages/retention.py",
    "pages/talent_review.py",
    "pages/activity.py",
    "pages/rewards.py",
    "pages/notifications.py",
    "pages/admin.py",
]
# the names ``make_app`` takes: the scripts without ``pages/`` and ``.py``
PAGE_NAMES = [script.removeprefix("pages/").removesuffix(".py") for script in PAGES]
