"""Strings of the overview page (headline figures and the gathered alerts)."""

STRINGS = {
    "overview.title": {"en": "Overview", "zh": "总览"},
    "overview.caption": {
        "en": "What needs attention today, {day}: the team at a glance and every open alert, "
        "each linking to the page that fixes it.",
        "zh": "今天（{day}）需要关注的事：团队概况与所有待处理提醒，点击即可前往处理页面。",
    },
    "overview.metric.people": {"en": "People on the team", "zh": "团队人数"},
    "overview.metric.tier": {"en": "In {tier}s", "zh": "{tier}内人数"},
    "overview.metric.groups": {"en": "Live groups", "zh": "运行中的群组"},
    "overview.metric.newcomers": {"en": "Newcomers", "zh": "新人"},
    "overview.metric.handovers": {"en": "Open handovers", "zh": "未完成的移交"},
    "overview.metric.kpi": {"en": "KPIs on target ({period})", "zh": "KPI 达标率（{period}）"},
    "overview.metric.kpi_help": {
        "en": "{on_target} of {measured} KPI targets of groups met last month.",
        "zh": "上月各群组 {measured} 项 KPI 目标中达成 {on_target} 项。",
    },
    "overview.alerts.title": {"en": "Needs attention", "zh": "待处理事项"},
    "overview.alerts.summary": {
        "en": "{high} urgent · {medium} soon · {low} when you can",
        "zh": "{high} 项紧急 · {medium} 项尽快 · {low} 项有空处理",
    },
    "overview.alerts.none": {
        "en": "Nothing needs attention today. Well done!",
        "zh": "今天没有需要处理的事项，做得好！",
    },
    "overview.alerts.more": {
        "en": "{count} more — see all on the page",
        "zh": "还有 {count} 项，前往页面查看全部",
    },
    "overview.alerts.filter": {"en": "Show", "zh": "显示"},
    "overview.severity.high": {"en": "Urgent", "zh": "紧急"},
    "overview.severity.medium": {"en": "Soon", "zh": "尽快"},
    "overview.severity.low": {"en": "When you can", "zh": "有空处理"},
    "overview.kind.group_without_owner": {"en": "Groups without an owner", "zh": "没有群主的群组"},
    "overview.kind.group_full": {"en": "Full groups", "zh": "已满员的群组"},
    "overview.kind.key_role_vacant": {"en": "Key roles vacant", "zh": "空缺的关键岗位"},
    "overview.kind.key_role_no_observer": {
        "en": "Key roles with nobody on the bench",
        "zh": "无人储备的关键岗位",
    },
    "overview.kind.key_role_no_ready": {
        "en": "Key roles without a ready successor",
        "zh": "没有成熟接班人的关键岗位",
    },
    "overview.kind.newcomer_without_coach": {
        "en": "Newcomers without a coach",
        "zh": "没有教练的新人",
    },
    "overview.kind.newcomer_without_retrospective": {
        "en": "Newcomers without a recent retrospective",
        "zh": "近期没有复盘的新人",
    },
    "overview.kind.coach_over_capacity": {"en": "Coaches over capacity", "zh": "超负荷的教练"},
    "overview.kind.role_without_manual": {
        "en": "Key roles without a handover manual",
        "zh": "缺少移交说明书的关键岗位",
    },
    "overview.kind.stale_manual": {"en": "Stale manuals", "zh": "过期的说明书"},
    "overview.kind.handover_overdue": {"en": "Handovers open too long", "zh": "拖延的移交"},
    "overview.kind.handover_holder_left": {
        "en": "Handovers whose holder left",
        "zh": "交接人已离开的移交",
    },
    "overview.kind.handover_successor_left": {
        "en": "Handovers whose successor left",
        "zh": "接任人已离开的移交",
    },
    "overview.kind.kpi_target_missed": {"en": "KPIs off target", "zh": "未达标的 KPI"},
    "overview.kind.churn_risk": {"en": "People at risk of leaving", "zh": "有流失风险的成员"},
    "overview.kind.account_locked": {"en": "Delayed sign-ins", "zh": "登录被暂缓的账号"},
}
