"""Strings of group health (the org page's health column and tab, its overview alert)."""

STRINGS = {
    "org.tab.health": {"en": "Health", "zh": "社群健康"},
    "org.grid.health": {"en": "Health", "zh": "健康"},
    "health.intro": {
        "en": "Which groups are sick and why — the book's five traps (无首 leaderless, 暴政 "
        "tyranny, 无聊 boredom, 蒸发 evaporation, 失焦 unfocused), judged on the complete "
        "months of counted chat activity, each with its evidence. Dismiss a flag you have "
        "looked into with a note: it stays dismissed until its evidence changes materially "
        "or the set number of days passes.",
        "zh": "哪些群生病了、为什么——书中的五种陷阱（无首、暴政、无聊、蒸发、失焦），按已统计的"
        "聊天活跃数据的整月判断，每项都附有证据。已核实的提醒可以附备注忽略：在证据明显变化或"
        "超过设定天数之前保持忽略。",
    },
    "health.only_flagged": {"en": "Only groups with flags", "zh": "只看有提醒的群"},
    "health.none_flagged": {
        "en": "No group has fallen into a trap.",
        "zh": "目前没有群落入陷阱。",
    },
    "health.healthy": {"en": "Healthy", "zh": "健康"},
    "health.no_data": {"en": "No activity data", "zh": "无活跃数据"},
    "health.no_data_help": {
        "en": "No activity data: no chat is mapped to this group, so only a missing owner "
        "is judged.",
        "zh": "无活跃数据：没有聊天映射到此群，因此只判断是否缺少群主。",
    },
    "health.healthy_help": {
        "en": "No trap: nothing to act on.",
        "zh": "未落入任何陷阱，无需处理。",
    },
    "health.trap.leaderless": {"en": "Leaderless (无首)", "zh": "无首"},
    "health.trap.tyranny": {"en": "Tyranny (暴政)", "zh": "暴政"},
    "health.trap.boredom": {"en": "Boredom (无聊)", "zh": "无聊"},
    "health.trap.evaporation": {"en": "Evaporation (蒸发)", "zh": "蒸发"},
    "health.trap.unfocused": {"en": "Unfocused (失焦)", "zh": "失焦"},
    "health.flag": {"en": "{trap}: {evidence}", "zh": "{trap}：{evidence}"},
    "health.dismissed_line": {
        "en": "~~{text}~~ — dismissed by {who} on {day}: {note}",
        "zh": "~~{text}~~ —— {who} 于 {day} 忽略：{note}",
    },
    "health.ev.no_owner": {
        "en": "the group has no owner.",
        "zh": "此群没有群主。",
    },
    "health.ev.owner_never": {
        "en": "the owner {owner} has never written in the group's chats.",
        "zh": "群主{owner}从未在本群的聊天中发言。",
    },
    "health.ev.owner_silent": {
        "en": "the owner {owner} has not written in the group's chats for {weeks} weeks "
        "(last on {day}).",
        "zh": "群主{owner}已有 {weeks} 周未在本群聊天中发言（最后一次：{day}）。",
    },
    "health.ev.tyranny_top": {
        "en": "in {month} the top {k} senders wrote {share} % of the {messages} messages while "
        "{silent} % of the {members} members stayed silent.",
        "zh": "{month} 发言最多的 {k} 人发了 {messages} 条消息中的 {share}%，"
        "而 {members} 名成员中 {silent}% 沉默。",
    },
    "health.ev.tyranny_team": {
        "en": "in {month} the team's own people wrote {share} % of the {messages} messages "
        "(top {k} senders measured too) while {silent} % of the {members} members stayed "
        "silent.",
        "zh": "{month} 运营团队自己发了 {messages} 条消息中的 {share}%（同时统计发言最多的 {k} 人），"
        "而 {members} 名成员中 {silent}% 沉默。",
    },
    "health.ev.boredom": {
        "en": "messages per active member fell {months} months in a row since {since}, from "
        "{first} to {last}, and no event in {weeks} weeks (last on {event}).",
        "zh": "自 {since} 起人均消息数（活跃成员）连续 {months} 个月下降，从 {first} 降到 {last}，"
        "且 {weeks} 周内没有活动（最近一次：{event}）。",
    },
    "health.ev.boredom_never": {
        "en": "messages per active member fell {months} months in a row since {since}, from "
        "{first} to {last}, and no event was ever recorded (none in {weeks} weeks).",
        "zh": "自 {since} 起人均消息数（活跃成员）连续 {months} 个月下降，从 {first} 降到 {last}，"
        "且从未记录过活动（{weeks} 周内无活动）。",
    },
    "health.ev.evaporation": {
        "en": "the active-member share fell every month from {since} to {until}: from "
        "{first} % to {last} %.",
        "zh": "活跃成员占比从 {since} 到 {until} 每月下降：从 {first}% 降到 {last}%。",
    },
    "health.ev.unfocused": {
        "en": "check-ins and shares were below {limit} % of messages for {months} months "
        "since {since} (last month {share} %).",
        "zh": "自 {since} 起连续 {months} 个月打卡与分享占消息不足 {limit}%（上月 {share}%）。",
    },
    "health.alert": {"en": "{group}: {evidence}", "zh": "{group}：{evidence_zh}"},
    "overview.kind.group_unhealthy": {
        "en": "Groups in a trap (group health)",
        "zh": "落入陷阱的群（社群健康）",
    },
    "health.chart.title": {"en": "Health by month", "zh": "按月健康状况"},
    "health.chart.caption": {
        "en": "One small chart per group: active-member share, check-ins and shares among "
        "messages, and the top senders' share of messages (dashed: the 失焦 and 暴政 "
        "thresholds). Hover a point for messages per active member.",
        "zh": "每个群一张小图：活跃成员占比、打卡与分享在消息中的占比、发言最多者的消息占比"
        "（虚线：失焦与暴政的阈值）。悬停可看人均消息数。",
    },
    "health.chart.active_share": {"en": "Active members", "zh": "活跃成员占比"},
    "health.chart.focus_share": {"en": "Check-ins + shares", "zh": "打卡与分享占比"},
    "health.chart.concentration": {"en": "Top senders", "zh": "头部发言占比"},
    "health.chart.month": {"en": "Month", "zh": "月份"},
    "health.chart.percent": {"en": "Share (%)", "zh": "占比（%）"},
    "health.chart.measure": {"en": "Measure", "zh": "指标"},
    "health.chart.per_active": {
        "en": "Messages per active member",
        "zh": "活跃成员人均消息数",
    },
    "health.chart.focus_limit": {"en": "失焦 threshold", "zh": "失焦阈值"},
    "health.chart.tyranny_limit": {"en": "暴政 threshold", "zh": "暴政阈值"},
    "health.dismiss.trap": {"en": "Flag to dismiss", "zh": "要忽略的提醒"},
    "health.dismiss.note": {"en": "Why (kept in the history)", "zh": "原因（记入历史）"},
    "health.dismiss.note_placeholder": {
        "en": "e.g. the owner is on leave until next month",
        "zh": "例如：群主休假到下月",
    },
    "health.dismiss.submit": {"en": "Dismiss", "zh": "忽略"},
    "health.dismiss.done": {
        "en": "A flag of {group} is dismissed.",
        "zh": "已忽略{group}的一项提醒。",
    },
    "health.tab.history": {"en": "Dismissals", "zh": "忽略记录"},
    "health.tab.events": {"en": "Events", "zh": "活动"},
    "health.tab.settings": {"en": "Thresholds", "zh": "阈值"},
    "health.history.empty": {"en": "No flag has been dismissed.", "zh": "尚无被忽略的提醒。"},
    "health.col.group": {"en": "Group", "zh": "群"},
    "health.col.trap": {"en": "Trap", "zh": "陷阱"},
    "health.col.note": {"en": "Note", "zh": "备注"},
    "health.col.by": {"en": "By", "zh": "记录人"},
    "health.col.on": {"en": "On", "zh": "日期"},
    "health.col.day": {"en": "Date", "zh": "日期"},
    "health.col.kind": {"en": "Kind", "zh": "类型"},
    "health.col.title": {"en": "Title", "zh": "标题"},
    "health.event.talk": {"en": "Talk", "zh": "分享"},
    "health.event.challenge": {"en": "Check-in challenge", "zh": "打卡挑战"},
    "health.event.meetup": {"en": "Meetup", "zh": "线下聚会"},
    "health.event.other": {"en": "Other", "zh": "其他"},
    "health.event.title_placeholder": {
        "en": "e.g. Thursday night book talk",
        "zh": "例如：周四晚读书分享",
    },
    "health.event.submit": {"en": "Record the event", "zh": "记录活动"},
    "health.event.done": {
        "en": "The event of {group} is recorded.",
        "zh": "已记录{group}的活动。",
    },
    "health.event.empty": {"en": "No event recorded yet.", "zh": "尚未记录活动。"},
    "health.settings.intro": {
        "en": "The traps' thresholds, team-wide (admins and leads of the whole tree change them).",
        "zh": "各陷阱的阈值，全团队通用（管理员和负责整棵树的负责人可修改）。",
    },
    "health.settings.submit": {"en": "Save thresholds", "zh": "保存阈值"},
    "health.settings.saved": {"en": "Thresholds saved.", "zh": "阈值已保存。"},
    "health.setting.leaderless_weeks": {
        "en": "无首: weeks the owner is silent (weeks)",
        "zh": "无首：群主沉默周数（周）",
    },
    "health.setting.tyranny_top_k": {
        "en": "暴政: top senders measured (people)",
        "zh": "暴政：统计的头部发言人数（人）",
    },
    "health.setting.tyranny_share": {
        "en": "暴政: their share of messages from (%)",
        "zh": "暴政：其消息占比达到（%）",
    },
    "health.setting.tyranny_silent": {
        "en": "暴政: silent members from (%)",
        "zh": "暴政：沉默成员占比达到（%）",
    },
    "health.setting.boredom_falls": {
        "en": "无聊: months in a row messages per active member fell (months)",
        "zh": "无聊：人均消息数连续下降月数（月）",
    },
    "health.setting.boredom_event_weeks": {
        "en": "无聊: weeks without an event (weeks)",
        "zh": "无聊：无活动周数（周）",
    },
    "health.setting.unfocused_share": {
        "en": "失焦: check-ins + shares below (% of messages)",
        "zh": "失焦：打卡与分享低于（占消息 %）",
    },
    "health.setting.unfocused_months": {
        "en": "失焦: for months in a row (months)",
        "zh": "失焦：连续月数（月）",
    },
    "health.setting.dismiss_days": {
        "en": "A dismissal holds for (days)",
        "zh": "忽略的有效期（天）",
    },
    "health.setting.dismiss_change": {
        "en": "… unless the measure moves by (%)",
        "zh": "……除非指标变化达到（%）",
    },
    "health.err.setting_unknown": {
        "en": "There is no health threshold called {setting}.",
        "zh": "没有名为 {setting} 的健康阈值。",
    },
    "health.err.setting_range": {
        "en": "Enter a whole number from {low} to {high}.",
        "zh": "请输入 {low} 到 {high} 之间的整数。",
    },
    "health.err.unknown_group": {
        "en": "Group #{id} does not exist or is archived.",
        "zh": "群 #{id} 不存在或已归档。",
    },
    "health.err.event_kind": {
        "en": "Choose the kind of event.",
        "zh": "请选择活动类型。",
    },
    "health.err.event_title": {
        "en": "Give the event a title of at most {max} characters.",
        "zh": "请填写活动标题（最多 {max} 个字）。",
    },
    "health.err.event_future": {
        "en": "The event's date {day} lies in the future: record events that took place.",
        "zh": "活动日期 {day} 在未来：请记录已经举办的活动。",
    },
    "health.err.note": {
        "en": "Say why the flag is dismissed (at most {max} characters).",
        "zh": "请说明忽略的原因（最多 {max} 个字）。",
    },
    "health.err.no_flag": {
        "en": "{group} has no such open flag any more: nothing was dismissed.",
        "zh": "{group}已没有这项待处理的提醒，未作忽略。",
    },
}
