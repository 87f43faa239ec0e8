import streamlit as st

from dashboard.i18n import current_language, label, t
from dashboard.org_views import groups_frame, tree_dot
from dashboard.session import page_db

db, path = page_db()
lang = current_language()
st.title(t("org.title"))

groups = groups_frame(path)
tiers = st.multiselect(
    t("org.tree.filter_tiers"),
    options=["management", "core", "ordinary"],
    default=["management", "core", "ordinary"],
    format_func=lambda tier: label("tier", tier),
    key="org_tree_tiers",
)
st.graphviz_chart(tree_dot(groups, lang, tiers), width="stretch")
