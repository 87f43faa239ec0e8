"""Community activity (社群活跃度): the chats' figures per group and month (messages, daily
active members, the hour × weekday heatmap, the carriers), members' activity levels and
their moves, the chat imports, the mapping of chats, senders and WeCom owners to groups and
people, and the level thresholds. Only the open tab runs."""

import streamlit as st

from dashboard import activity_panels as panels
from dashboard import activity_views as views
from dashboard import auth, clock
from dashboard.domain import activity as rules
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels

ensure_app_shell()

db, path = page_db()
today = clock.today()
writer = auth.can_write()
allowed_groups, allowed_people = views.writable(path, auth.actor())

page_header(t("activity.title"), t("activity.caption"))

chats = views.chats(path)
names = views.groups(path)
mapped = sorted({c["group_id"] for c in chats if c["group_id"] in names}, key=names.get)
left, right = st.columns([3, 1])
chosen = left.multiselect(
    t("activity.filter.groups"),
    mapped,
    format_func=names.get,
    key="activity_groups",
    placeholder=t("activity.filter.all_groups"),
)
span = right.selectbox(
    t("activity.filter.months"),
    [1, 3, 6, 12],
    index=1,
    format_func=lambda n: t("activity.filter.months_n", n=n),
    key="activity_months",
)
months = rules.months_between(today, today)
for _ in range(span - 1):
    months.insert(0, rules.previous_month(months[0]))
if chats and not mapped:
    st.info(t("activity.unmapped_only"))

ctx = panels.ActivityContext(
    db=db,
    path=path,
    lang=current_language(),
    today=today,
    writer=writer,
    allowed_groups=allowed_groups,
    allowed_people=allowed_people,
    chats=chats,
    names=names,
    group_ids=tuple(chosen or mapped),
    months=months,
)

# only the open tab runs: the others' figures are read when the lead opens them; the
# thresholds are for writers who may change every group
tabs = {
    "figures": [panels.figures_tab],
    "levels": [panels.levels_tab],
    "imports": [panels.imports_tab],
    "mapping": [panels.mapping_tab],
}
if writer and allowed_groups is None:
    tabs["settings"] = [panels.settings_tab]
open_tab_panels(
    "activity_tab", ctx, {t(f"activity.tab.{name}"): shown for name, shown in tabs.items()}
)
