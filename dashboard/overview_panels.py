"""Panels of the overview page: the headline figures and the alerts, bundled by kind,
each linking to the page that fixes it."""

import streamlit as st

from dashboard import overview_views as views
from dashboard.domain.alerts import SEVERITIES, Alert
from dashboard.domain.overview import group_alerts, severity_counts
from dashboard.i18n import label, t


def headline_panel(figures: dict) -> None:
    """People per tier, groups, newcomers, open handovers and last month's KPI attainment."""
    row = st.columns(4)
    row[0].metric(t("overview.metric.people"), figures["people"])
    for column, (tier, count) in zip(row[1:], figures["people_per_tier"].items(), strict=True):
        column.metric(t("overview.metric.tier", tier=label("tier", tier)), count)
    row = st.columns(4)
    row[0].metric(t("overview.metric.groups"), figures["groups"])
    row[1].metric(t("overview.metric.newcomers"), figures["newcomers"])
    if figures["open_handovers"] is not None:
        row[2].metric(t("overview.metric.handovers"), figures["open_handovers"])
    kpi = figures["kpi_attainment"]
    if kpi is not None:
        row[3].metric(
            t("overview.metric.kpi", period=kpi["period"]),
            f"{kpi['share']}%",
            help=t(
                "overview.metric.kpi_help", on_target=kpi["on_target"], measured=kpi["measured"]
            ),
        )


@st.fragment
def alerts_panel(alerts: list[Alert]) -> None:
    """The gathered alerts, bundled by kind, each linking to the page that fixes it."""
    st.subheader(t("overview.alerts.title"))
    if not alerts:
        st.success(t("overview.alerts.none"))
        return
    st.caption(t("overview.alerts.summary", **severity_counts(alerts)))
    shown = st.segmented_control(
        t("overview.alerts.filter"),
        options=list(SEVERITIES),
        default=list(SEVERITIES),
        selection_mode="multi",
        format_func=lambda code: t(f"overview.severity.{code}"),
        key="overview_severity",
    )
    bundles = group_alerts([a for a in alerts if a.severity in (shown or [])])
    st.html(views.WRAPPING_ALERT_LINKS)
    columns = st.columns(2)
    for index, (kind, bundle) in enumerate(bundles):
        first = bundle[0]
        with columns[index % 2].container(border=True, key=f"overview_kind_{kind}"):
            st.markdown(
                f"{views.SEVERITY_ICONS.get(first.severity, '')} "
                f"**{views.kind_title(kind, first.area)}** · {len(bundle)}"
            )
            for alert in bundle[: views.SHOWN_PER_KIND]:
                text = views.alert_text(alert)
                page = views.alert_page(alert)
                if page is not None:
                    st.page_link(page, label=text, query_params=views.link_params(alert))
                else:
                    st.markdown(f"- {text}")
            extra = len(bundle) - views.SHOWN_PER_KIND
            if extra > 0 and views.alert_page(first) is not None:
                st.page_link(
                    views.alert_page(first),
                    label=t("overview.alerts.more", count=extra),
                    icon=":material/arrow_forward:",
                )
