"""Strings of the talent review (人才盘点 / 九宫格)."""

STRINGS = {
    "nav.talent_review": {"en": "Talent review", "zh": "人才盘点"},
    "review.title": {"en": "Talent review (9-box)", "zh": "人才盘点（九宫格）"},
    "review.caption": {
        "en": "Each quarter, leads rate the people in their scope on performance and potential. "
        "Performance is suggested from KPI attainment and retrospectives; you confirm or change it.",
        "zh": "每个季度，负责人为自己范围内的成员评定绩效和潜力。绩效会根据 KPI 达成率和复盘记录给出建议，由你确认或修改。",
    },
    "review.viewer": {
        "en": "Talent ratings are confidential: only leads (for their own groups) and admins see them.",
        "zh": "人才评定是保密信息：只有负责人（限本人负责的群组）和管理员可以查看。",
    },
    "review.round": {"en": "Review round", "zh": "盘点轮次"},
    "review.round_label": {"en": "{period} · {count} rated", "zh": "{period} · 已评 {count} 人"},
    "review.no_round": {
        "en": "No review round yet.",
        "zh": "还没有盘点轮次。",
    },
    "review.open_round": {"en": "Open the round of {period}", "zh": "开启 {period} 的盘点"},
    "review.round_opened": {
        "en": "The round of {period} is open.",
        "zh": "{period} 的盘点已开启。",
    },
    "review.tab.rate": {"en": "Rate", "zh": "评定"},
    "review.tab.grid": {"en": "9-box", "zh": "九宫格"},
    "review.tab.bench": {"en": "Bench by role", "zh": "各岗位梯队"},
    "review.person": {"en": "Person", "zh": "成员"},
    "review.nobody": {
        "en": "Nobody in your scope to rate.",
        "zh": "你的范围内没有需要评定的成员。",
    },
    "review.suggested": {
        "en": "Suggested performance: **{level}**",
        "zh": "建议绩效：**{level}**",
    },
    "review.reason.kpi": {
        "en": "their groups reached {pct}% of their KPI targets this quarter",
        "zh": "所在群组本季度 KPI 达成率 {pct}%",
    },
    "review.reason.no_kpi": {
        "en": "no KPI figures for their groups this quarter",
        "zh": "所在群组本季度没有 KPI 数据",
    },
    "review.reason.retros": {
        "en": "{own} retrospective(s) of their own and {coached} written as a coach",
        "zh": "本人复盘 {own} 次，作为教练撰写复盘 {coached} 次",
    },
    "review.current": {
        "en": "Rated {performance} performance, {potential} potential by {rater} on {day}.",
        "zh": "{day} 由 {rater} 评定：绩效{performance}，潜力{potential}。",
    },
    "review.performance": {"en": "Performance", "zh": "绩效"},
    "review.potential": {"en": "Potential", "zh": "潜力"},
    "review.note": {"en": "Note (why)", "zh": "备注（理由）"},
    "review.save": {"en": "Save the rating", "zh": "保存评定"},
    "review.saved": {
        "en": "{person} is in the box “{box}”.",
        "zh": "{person} 已放入「{box}」格。",
    },
    "review.level.low": {"en": "low", "zh": "低"},
    "review.level.medium": {"en": "medium", "zh": "中"},
    "review.level.high": {"en": "high", "zh": "高"},
    "review.box.1": {"en": "Under-performer", "zh": "待改进"},
    "review.box.2": {"en": "Effective", "zh": "稳定贡献"},
    "review.box.3": {"en": "Trusted professional", "zh": "专业骨干"},
    "review.box.4": {"en": "Dilemma", "zh": "待观察"},
    "review.box.5": {"en": "Core player", "zh": "中坚力量"},
    "review.box.6": {"en": "High performer", "zh": "绩效之星"},
    "review.box.7": {"en": "Enigma", "zh": "潜力待发"},
    "review.box.8": {"en": "Growth talent", "zh": "成长之星"},
    "review.box.9": {"en": "Future leader", "zh": "明日之星"},
    "review.move.new": {"en": "new", "zh": "新评"},
    "review.move.up": {"en": "▲ up", "zh": "▲ 上升"},
    "review.move.down": {"en": "▼ down", "zh": "▼ 下降"},
    "review.move.same": {"en": "= same", "zh": "= 持平"},
    "review.filter.roles": {"en": "Roles", "zh": "岗位"},
    "review.filter.groups": {"en": "Groups", "zh": "群组"},
    "review.grid.empty": {
        "en": "No ratings to show in this round (for these filters).",
        "zh": "本轮（在当前筛选下）没有可显示的评定。",
    },
    "review.col.person": {"en": "Person", "zh": "成员"},
    "review.col.roles": {"en": "Roles", "zh": "岗位"},
    "review.col.groups": {"en": "Groups", "zh": "群组"},
    "review.col.box": {"en": "Box", "zh": "格子"},
    "review.col.movement": {"en": "Since last round", "zh": "较上一轮"},
    "review.col.suggested": {"en": "Suggested", "zh": "建议绩效"},
    "review.col.rater": {"en": "Rated by", "zh": "评定人"},
    "review.col.rank": {"en": "Rank", "zh": "排名"},
    "review.col.stage": {"en": "Stage", "zh": "阶段"},
    "review.col.readiness": {"en": "Readiness", "zh": "准备度"},
    "review.col.group": {"en": "Group", "zh": "群组"},
    "review.not_rated": {"en": "not rated", "zh": "未评定"},
    "review.bench.role": {"en": "Role", "zh": "岗位"},
    "review.bench.help": {
        "en": "Candidates ranked by their box (performance and potential), then readiness and stage.",
        "zh": "候选人按九宫格（绩效与潜力）排序，其次是准备度和阶段。",
    },
    "review.bench.empty": {
        "en": "Nobody you may see is on the bench for this role.",
        "zh": "这个岗位的梯队中没有你可以查看的人。",
    },
    "review.link": {
        "en": "Rank the bench by the talent review (9-box)",
        "zh": "按人才盘点（九宫格）为梯队排序",
    },
    "review.err.round_exists": {
        "en": "The round of {period} is already open.",
        "zh": "{period} 的盘点已经开启。",
    },
    "review.err.level": {
        "en": "Performance and potential are low, medium or high.",
        "zh": "绩效和潜力只能是低、中或高。",
    },
    "review.err.note_long": {
        "en": "The note is longer than {max} characters.",
        "zh": "备注超过 {max} 个字符。",
    },
    "review.err.no_such_round": {
        "en": "Review round #{round} does not exist.",
        "zh": "盘点轮次 #{round} 不存在。",
    },
    "review.err.not_reviewable": {
        "en": "Person #{person} is not in any group and cannot be rated.",
        "zh": "成员 #{person} 不在任何群组中，无法评定。",
    },
}
