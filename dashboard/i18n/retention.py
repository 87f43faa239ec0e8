"""Strings of the retention page (churn risk, recognition, concerns, actions, exits)."""

STRINGS = {
    "retention.title": {"en": "Retention", "zh": "人才保留"},
    "retention.caption": {
        "en": "Who might leave and why, before they do: the book's four causes, each a "
        "signal with its threshold, added up into one score.",
        "zh": "在成员离开之前看清谁可能流失、为什么：书中的四种流失原因各是一个带阈值的信号，"
        "相加得出风险分。",
    },
    "retention.read_only": {
        "en": "You can look but not record anything: your account is read-only.",
        "zh": "你的账号为只读，可以查看但不能记录。",
    },
    "retention.no_one_in_scope": {
        "en": "Nobody in the groups you lead is on the team right now, so there is nothing "
        "to record here.",
        "zh": "你负责的群组里目前没有在岗成员，因此这里暂无可记录的内容。",
    },
    "retention.tab.risk": {"en": "Churn risk", "zh": "流失风险"},
    "retention.tab.recognition": {"en": "Recognition", "zh": "认可与奖励"},
    "retention.recognition.ledger": {
        "en": "Give recognition, points or perks in the rewards ledger",
        "zh": "在回报账本中发放认可、积分或福利",
    },
    "retention.tab.concerns": {"en": "Concerns", "zh": "关注事项"},
    "retention.tab.actions": {"en": "Actions", "zh": "保留行动"},
    "retention.tab.exits": {"en": "Exits", "zh": "离开记录"},
    "retention.tab.settings": {"en": "Thresholds", "zh": "阈值设置"},
    "retention.metric.high": {"en": "High risk", "zh": "高风险"},
    "retention.metric.medium": {"en": "Medium risk", "zh": "中风险"},
    "retention.metric.concerns": {"en": "Open concerns", "zh": "未解决的关注事项"},
    "retention.metric.exits_year": {"en": "Exits, last 12 months", "zh": "近 12 个月离开人数"},
    "retention.level.high": {"en": "High", "zh": "高"},
    "retention.level.medium": {"en": "Medium", "zh": "中"},
    "retention.level.low": {"en": "Low", "zh": "低"},
    "retention.filter.level": {"en": "Show risk levels", "zh": "显示风险等级"},
    "retention.filter.empty": {
        "en": "Nobody at these risk levels. Widen the filter above to see everyone.",
        "zh": "没有处于所选风险等级的成员。放宽上方筛选可查看全部成员。",
    },
    "retention.col.name": {"en": "Person", "zh": "成员"},
    "retention.col.status": {"en": "Status", "zh": "状态"},
    "retention.col.score": {"en": "Score", "zh": "风险分"},
    "retention.col.level": {"en": "Risk", "zh": "风险"},
    "retention.col.workload": {"en": "Workload (load)", "zh": "工作量（负荷）"},
    "retention.col.reward": {"en": "Reward (days)", "zh": "回报（天）"},
    "retention.col.growth": {"en": "Growth (months)", "zh": "成长（月）"},
    "retention.col.discord": {"en": "Discord (concerns)", "zh": "不和（关注事项）"},
    "retention.col.last_action": {"en": "Last action", "zh": "最近行动"},
    "retention.col.when": {"en": "When", "zh": "日期"},
    "retention.col.what": {"en": "What", "zh": "内容"},
    "retention.col.kind": {"en": "Kind", "zh": "类型"},
    "retention.col.by": {"en": "By", "zh": "记录/给予人"},
    "retention.col.note": {"en": "Note", "zh": "备注"},
    "retention.col.resolved": {"en": "Resolved", "zh": "已解决"},
    "retention.col.reason": {"en": "Reason", "zh": "原因"},
    "retention.col.joined": {"en": "Joined", "zh": "加入日期"},
    "retention.col.left": {"en": "Left", "zh": "离开日期"},
    "retention.col.month": {"en": "Month", "zh": "月份"},
    "retention.col.exits": {"en": "Exits", "zh": "离开人数"},
    "retention.col.cause": {"en": "Cause", "zh": "原因"},
    "retention.col.points": {"en": "Points", "zh": "分值"},
    "retention.fired": {"en": "⚠ {value}", "zh": "⚠ {value}"},
    "retention.cause.workload": {"en": "Workload", "zh": "工作量大"},
    "retention.cause.reward": {"en": "Reward", "zh": "回报少"},
    "retention.cause.growth": {"en": "Growth", "zh": "成长停滞"},
    "retention.cause.discord": {"en": "Discord", "zh": "团队不和"},
    "retention.explain.pick": {"en": "Explain the score of", "zh": "查看风险分明细："},
    "retention.explain.title": {
        "en": "How {person}'s score of {score} adds up ({level} risk)",
        "zh": "{person} 的风险分 {score} 是怎么算出来的（{level}风险）",
    },
    "retention.explain.workload": {
        "en": "Workload: {roles} roles + {mentees} mentees + {handovers} open handovers = "
        "{value} (too much above {threshold})",
        "zh": "工作量：{roles} 个岗位 + {mentees} 名带教新人 + {handovers} 个未完成移交 = "
        "{value}（超过 {threshold} 即过重）",
    },
    "retention.explain.reward": {
        "en": "Reward: {value} reward(s) in the last {days} days ({points} points, ¥{money}) "
        "for a load of {load}; at least {threshold} expected (last: {last})",
        "zh": "回报：近 {days} 天获得 {value} 次奖励（{points} 积分，{money} 元），"
        "承担的工作量为 {load}，应至少获得 {threshold} 次（上次：{last}）",
    },
    "retention.explain.reward_activity": {
        "en": "Reward: {value} reward(s) in the last {days} days ({points} points, ¥{money}) "
        "for a load of {load} and {messages} messages a week in the chats; at least "
        "{threshold} expected (last: {last})",
        "zh": "回报：近 {days} 天获得 {value} 次奖励（{points} 积分，{money} 元），"
        "承担的工作量为 {load}，群内每周发言 {messages} 条，应至少获得 {threshold} 次（上次：{last}）",
    },
    "retention.explain.growth": {
        "en": "Growth: {value} months without a role or stage change (last: {last}; "
        "alert from {threshold} months)",
        "zh": "成长：已 {value} 个月没有岗位或梯队阶段变化（上次：{last}；满 {threshold} 个月提醒）",
    },
    "retention.explain.discord": {
        "en": "Discord: {value} open concerns (alert from {threshold})",
        "zh": "不和：{value} 个未解决的关注事项（达到 {threshold} 个提醒）",
    },
    "retention.explain.points": {"en": "**+{points}**", "zh": "**+{points}**"},
    "retention.explain.zero": {"en": "+0", "zh": "+0"},
    "retention.explain.total": {
        "en": "Total **{score}** — medium from {medium}, high from {high}.",
        "zh": "合计 **{score}** 分 —— {medium} 分起为中风险，{high} 分起为高风险。",
    },
    "retention.never": {"en": "never", "zh": "从未"},
    "retention.chart.signals": {
        "en": "Points per cause for the people at risk",
        "zh": "有风险成员的各原因得分",
    },
    "retention.chart.exit_trend": {"en": "Exits per month", "zh": "每月离开人数"},
    "retention.chart.exit_reasons": {"en": "Exits by reason", "zh": "离开原因分布"},
    # recognition
    # concerns
    "retention.concern.form": {"en": "Flag a concern", "zh": "标记关注事项"},
    "retention.concern.person": {"en": "About", "zh": "涉及成员"},
    "retention.concern.note": {"en": "What you noticed", "zh": "观察到的情况"},
    "retention.concern.submit": {"en": "Flag", "zh": "标记"},
    "retention.concern.saved": {
        "en": "Concern about {person} flagged.",
        "zh": "已标记关于 {person} 的关注事项。",
    },
    "retention.concern.open": {"en": "Open concerns", "zh": "未解决的关注事项"},
    "retention.concern.none_open": {
        "en": "No open concerns. Flag one above when you notice friction in the team.",
        "zh": "没有未解决的关注事项。发现团队摩擦时请在上方标记。",
    },
    "retention.concern.resolve": {"en": "Resolve", "zh": "标记已解决"},
    "retention.concern.resolution": {"en": "How it was resolved", "zh": "解决方式"},
    "retention.concern.resolved": {"en": "Concern resolved.", "zh": "关注事项已解决。"},
    "retention.concern.line": {
        "en": "**{person}** · {day} · {by}: {note}",
        "zh": "**{person}** · {day} · {by}：{note}",
    },
    "retention.concern.history": {"en": "All concerns", "zh": "全部关注事项"},
    # actions
    "retention.action.form": {"en": "Log a retention action", "zh": "记录保留行动"},
    "retention.action.person": {"en": "For", "zh": "对象"},
    "retention.action.kind": {"en": "Action", "zh": "行动"},
    "retention.action.note": {"en": "Note", "zh": "备注"},
    "retention.action.taken_on": {"en": "When", "zh": "日期"},
    "retention.action.submit": {"en": "Log", "zh": "记录"},
    "retention.action.saved": {
        "en": "Action logged for {person}.",
        "zh": "已为 {person} 记录保留行动。",
    },
    "retention.action.empty": {
        "en": "No retention actions logged yet. After a talk, a lighter load or a reward, "
        "log it with the form above.",
        "zh": "还没有保留行动记录。谈心、减负或发放奖励后，请用上方表单记录。",
    },
    "retention.action.talk": {"en": "Talk held", "zh": "进行谈心"},
    "retention.action.workload_reduced": {"en": "Workload reduced", "zh": "减轻工作量"},
    "retention.action.reward_given": {"en": "Reward given", "zh": "给予奖励"},
    # exits
    "retention.exits.empty": {
        "en": "Nobody has left yet. Exits recorded on the org structure page show up here.",
        "zh": "还没有人离开。在组织架构页记录的离开会显示在这里。",
    },
    # settings
    "retention.settings.intro": {
        "en": "Each cause adds its points when its signal fires; the sum is the score.",
        "zh": "每个原因的信号触发时计入对应分值，分值相加即为风险分。",
    },
    "retention.settings.workload_max": {
        "en": "Workload: too much above (roles + mentees + open handovers)",
        "zh": "工作量：超过多少算过重（岗位 + 带教新人 + 未完成移交）",
    },
    "retention.settings.reward_days": {
        "en": "Reward: days of rewards counted",
        "zh": "回报：统计最近多少天的奖励",
    },
    "retention.settings.reward_load": {
        "en": "Reward: one reward expected per this much load",
        "zh": "回报：每承担多少工作量应获得一次奖励",
    },
    "retention.settings.growth_months": {
        "en": "Growth: months without a role or stage change",
        "zh": "成长：多少个月没有岗位或阶段变化",
    },
    "retention.settings.discord_concerns": {
        "en": "Discord: open concerns",
        "zh": "不和：未解决的关注事项数",
    },
    "retention.settings.weight_workload": {"en": "Points for workload", "zh": "工作量分值"},
    "retention.settings.weight_reward": {"en": "Points for reward", "zh": "回报分值"},
    "retention.settings.weight_growth": {"en": "Points for growth", "zh": "成长分值"},
    "retention.settings.weight_discord": {"en": "Points for discord", "zh": "不和分值"},
    "retention.settings.medium_score": {"en": "Medium risk from", "zh": "中风险起始分"},
    "retention.settings.high_score": {"en": "High risk from", "zh": "高风险起始分"},
    "retention.settings.submit": {"en": "Save thresholds", "zh": "保存阈值"},
    "retention.settings.saved": {"en": "Thresholds saved.", "zh": "阈值已保存。"},
    # alerts and errors
    "retention.alert.at_risk": {
        "en": "{person} is at high risk of leaving (score {score}, {count} causes).",
        "zh": "{person} 流失风险高（风险分 {score}，{count} 个原因）。",
    },
    "retention.err.person_unknown": {"en": "That person does not exist.", "zh": "该成员不存在。"},
    "retention.err.person_left": {
        "en": "{person} has already left the team.",
        "zh": "{person} 已经离开团队。",
    },
    "retention.err.future": {
        "en": "{day} lies in the future; record what already happened.",
        "zh": "{day} 是未来的日期，请记录已经发生的事。",
    },
    "retention.err.action": {"en": "Unknown action: {action}.", "zh": "未知行动：{action}。"},
    "retention.err.note_empty": {
        "en": "Write a note on what you noticed.",
        "zh": "请写下你观察到的情况。",
    },
    "retention.err.concern_unknown": {
        "en": "That concern no longer exists.",
        "zh": "该关注事项已不存在。",
    },
    "retention.err.concern_resolved": {
        "en": "That concern was already resolved.",
        "zh": "该关注事项已经解决。",
    },
    "retention.err.setting_number": {
        "en": "{setting} must be a whole number.",
        "zh": "{setting} 必须是整数。",
    },
    "retention.err.setting_range": {
        "en": "{setting} must lie between {low} and {high}.",
        "zh": "{setting} 必须在 {low} 到 {high} 之间。",
    },
    "retention.err.setting_unknown": {
        "en": "Unknown setting {setting}.",
        "zh": "未知设置 {setting}。",
    },
    "retention.err.bands": {
        "en": "Medium risk ({medium}) must start at or below high risk ({high}).",
        "zh": "中风险起始分（{medium}）不能高于高风险起始分（{high}）。",
    },
    # signals from the team's own chat activity
    "retention.cause.night": {"en": "Night work", "zh": "深夜工作"},
    "retention.cause.drift": {"en": "Drifting away", "zh": "逐渐疏离"},
    "retention.col.night": {"en": "Night work %", "zh": "深夜消息占比 %"},
    "retention.col.drift": {"en": "Silent weeks", "zh": "沉默周数"},
    "retention.explain.workload_activity": {
        "en": "Workload (from the chats): {recent} messages a week over the last 4 weeks"
        " against their own norm of {norm} = {value}% (too much from {threshold}%;"
        " {roles} roles held)",
        "zh": "工作量（来自群聊）：近 4 周每周 {recent} 条消息，本人常态每周 {norm} 条，"
        "为常态的 {value}%（达到 {threshold}% 即过重；现任 {roles} 个岗位）",
    },
    "retention.explain.night": {
        "en": "Night work (from the chats): {night} of their {messages} messages in the last"
        " 4 weeks were sent between 23:00 and 07:00 = {value}% (alert from {threshold}%)",
        "zh": "深夜工作（来自群聊）：近 4 周 {messages} 条消息中有 {night} 条发于 23:00–07:00，"
        "占 {value}%（达到 {threshold}% 提醒）",
    },
    "retention.explain.drift": {
        "en": "Drifting away (from the chats): {value} whole weeks in a row without a"
        " message (measured since {since}; alert from {threshold} weeks)",
        "zh": "逐渐疏离（来自群聊）：已连续 {value} 整周没有发言（自 {since} 起统计；满 {threshold} 周提醒）",
    },
    "retention.settings.load_pct": {
        "en": "Chat load: % of own weekly norm that is too much",
        "zh": "群聊工作量：达到本人每周常态的百分之几即过重",
    },
    "retention.settings.night_pct": {
        "en": "Night work: % of messages 23:00–07:00",
        "zh": "深夜工作：23:00–07:00 消息占比（%）",
    },
    "retention.settings.drift_weeks": {
        "en": "Drifting away: weeks without a message",
        "zh": "逐渐疏离：连续无发言周数",
    },
    "retention.settings.weight_night": {"en": "Points for night work", "zh": "深夜工作分值"},
    "retention.settings.weight_drift": {"en": "Points for drifting away", "zh": "疏离分值"},
}
