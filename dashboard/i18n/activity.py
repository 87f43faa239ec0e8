"""Strings of community activity (社群活跃): importing chat exports and their errors."""

EXPECTED_EN = (
    "a Telegram Desktop export (result.json), a ChatLab .json or .jsonl file, WeCom's "
    "群聊数据统计 (Excel/CSV or API JSON) or a message table (CSV/Excel with time, chat and "
    "sender columns)"
)
EXPECTED_ZH = (
    "Telegram 桌面版导出的 result.json、ChatLab 格式的 .json 或 .jsonl 文件、企业微信「群聊数据统计」"
    "（Excel/CSV 或接口 JSON），或消息表（含时间、群名、发送者列的 CSV/Excel）"
)

STRINGS = {
    "activity.format.telegram": {"en": "Telegram Desktop JSON", "zh": "Telegram 桌面版 JSON"},
    "activity.format.chatlab_json": {"en": "ChatLab JSON", "zh": "ChatLab JSON"},
    "activity.format.chatlab_jsonl": {"en": "ChatLab JSONL", "zh": "ChatLab JSONL"},
    "activity.format.wecom_json": {
        "en": "WeCom group statistics (API JSON)",
        "zh": "企业微信群聊数据统计（接口 JSON）",
    },
    "activity.format.wecom_table": {
        "en": "WeCom group statistics (Excel/CSV)",
        "zh": "企业微信群聊数据统计（Excel/CSV）",
    },
    "activity.format.message_csv": {"en": "Message table", "zh": "消息表"},
    "activity.err.empty": {
        "en": "“{name}” is empty. Expected " + EXPECTED_EN + ".",
        "zh": "“{name}”是空文件。应为" + EXPECTED_ZH + "。",
    },
    "activity.err.unknown": {
        "en": "“{name}” is no chat export this app reads. Expected " + EXPECTED_EN + ".",
        "zh": "“{name}”不是本应用能读取的聊天导出文件。应为" + EXPECTED_ZH + "。",
    },
    "activity.err.encoding": {
        "en": "“{name}” is not in UTF-8, the encoding JSON exports are written in (was it "
        "saved again in another encoding?). Export it again and upload the original file.",
        "zh": "“{name}”不是 UTF-8 编码，而 JSON 导出文件都是 UTF-8（是否被另存为其他编码？）。"
        "请重新导出，并上传原始文件。",
    },
    "activity.err.broken": {
        "en": "“{name}” looks like {expected} but breaks off or is damaged (a download or copy "
        "cut short?). Nothing was imported; export it again.",
        "zh": "“{name}”看起来是{expected_zh}，但文件不完整或已损坏（可能下载或复制时中断了）。"
        "没有导入任何数据，请重新导出。",
    },
    "activity.err.bad_record": {
        "en": "“{name}” looks like {expected} but a message in it lacks its time or sender. "
        "Nothing was imported; export it again with the exporting tool.",
        "zh": "“{name}”看起来是{expected_zh}，但其中有消息缺少时间或发送者。没有导入任何数据，"
        "请用导出工具重新导出。",
    },
    "activity.err.no_chat_name": {
        "en": "“{name}” has no chat name in its header (meta.name). Expected a ChatLab file "
        "whose meta names the chat.",
        "zh": "“{name}”的文件头中没有群名（meta.name）。ChatLab 文件的 meta 中应写明群名。",
    },
    "activity.err.rows": {
        "en": "“{name}”: {rows} rows cannot be read (listed below). Nothing was imported; fix "
        "them and upload the file again.",
        "zh": "“{name}”中有 {rows} 行无法读取（见下方列表）。没有导入任何数据，请修改后重新上传。",
    },
    "activity.err.row_time": {
        "en": "“{value}” is no date and time (expected e.g. 2026-06-01 21:05 or 2026/6/1 21:05).",
        "zh": "“{value}”不是日期时间（应如 2026-06-01 21:05 或 2026/6/1 21:05）。",
    },
    "activity.err.row_chat": {"en": "The chat is empty.", "zh": "群名为空。"},
    "activity.err.row_sender": {
        "en": "Neither a sender id nor a sender name.",
        "zh": "既没有发送者 ID，也没有发送者名称。",
    },
    "activity.err.row_number": {
        "en": "“{value}” is no whole number of zero or more.",
        "zh": "“{value}”不是大于等于 0 的整数。",
    },
    "activity.err.wecom_error": {
        "en": "“{name}” is a WeCom error response (errcode {code}), not statistics. Call the "
        "API again and save a response with errcode 0.",
        "zh": "“{name}”是企业微信接口的错误返回（errcode {code}），不是统计数据。请重新调用接口，"
        "保存 errcode 为 0 的返回结果。",
    },
    "activity.err.wecom_no_day": {
        "en": "“{name}” holds WeCom statistics per owner but not their day. Save the request's "
        "day_begin_time (one day per file) with the response, or use the per-day API "
        "(statistic_group_by_day).",
        "zh": "“{name}”是按群主汇总的企业微信统计，但没有日期。请把请求中的 day_begin_time（每个文件一天）"
        "与返回结果一起保存，或使用按自然日汇总的接口（statistic_group_by_day）。",
    },
    "activity.err.nothing": {
        "en": "“{name}” holds no messages, joins or leaves to count.",
        "zh": "“{name}”中没有可统计的消息、入群或退群记录。",
    },
    "activity.err.future": {
        "en": "“{name}” has activity dated {day}, which lies in the future. Check the "
        "computer's clock or the export; nothing was imported.",
        "zh": "“{name}”中有日期为 {day} 的记录，晚于今天。请检查电脑时间或导出文件；没有导入任何数据。",
    },
    "activity.err.duplicate": {
        "en": "“{name}” was already imported on {on} by {by}. The same file is not counted twice.",
        "zh": "“{name}”已于 {on} 由 {by} 导入过，同一文件不会重复计算。",
    },
    "activity.err.outside_scope": {
        "en": "The chat “{chat}” belongs to a group outside your scope: you may not change its activity.",
        "zh": "群聊“{chat}”属于你权限范围之外的群组，你不能修改它的活跃数据。",
    },
    "activity.err.unknown_import": {
        "en": "There is no import number {id} (was it removed already?).",
        "zh": "没有编号为 {id} 的导入记录（可能已被删除）。",
    },
    "activity.err.unknown_chat": {
        "en": "There is no chat number {id}.",
        "zh": "没有编号为 {id} 的群聊。",
    },
    "activity.err.no_keywords": {
        "en": "Give “{chat}” at least one check-in keyword (without commas).",
        "zh": "请为“{chat}”至少填写一个打卡关键词（不含逗号）。",
    },
    # python -m dashboard.ingest
    "activity.ingest.preview": {
        "en": "{name}: {format}, {chats} chats, {first_day} – {last_day}, {messages} messages, "
        "{members} members",
        "zh": "{name}：{format}，{chats} 个群聊，{first_day} 至 {last_day}，{messages} 条消息，"
        "{members} 位成员",
    },
    "activity.ingest.already": {
        "en": "{name}: already imported on {on} by {by}",
        "zh": "{name}：已于 {on} 由 {by} 导入",
    },
    "activity.ingest.imported": {
        "en": "{name}: imported as number {id} in {seconds} s",
        "zh": "{name}：已导入，编号 {id}，用时 {seconds} 秒",
    },
    "activity.ingest.missing": {
        "en": "{name}: no such file",
        "zh": "{name}：文件不存在",
    },
}

# the audit log's names for the activity area's writes
STRINGS.update(
    {
        "audit.action.import": {"en": "import", "zh": "导入"},
        "audit.action.remove": {"en": "remove", "zh": "移除"},
        "audit.action.set_keywords": {"en": "set check-in keywords", "zh": "设置打卡关键词"},
        "audit.action.recompute": {"en": "recompute", "zh": "重新计算"},
        "audit.entity.activity_import": {"en": "chat export import", "zh": "群聊导出导入"},
        "audit.entity.chat": {"en": "chat", "zh": "群聊"},
    }
)

# the community activity page (pages/activity.py)
STRINGS |= {
    "nav.activity": {"en": "Community activity", "zh": "社群活跃"},
    "activity.title": {"en": "Community activity", "zh": "社群活跃"},
    "activity.caption": {
        "en": "What the team's chat groups show: who speaks, when, members by level (core, "
        "active, occasional, silent, left), whether a fifth carries the group and whether it "
        "evaporates. Counts only: no message text is kept.",
        "zh": "团队各社群的活跃情况：谁在发言、何时发言、成员分层（核心、活跃、偶尔、沉默、已退出）、"
        "是否由五分之一的成员撑起社群、社群是否正在“蒸发”。只保存计数，不保存任何消息内容。",
    },
    "activity.empty": {
        "en": "No counted activity of mapped chats in this period yet. Import an export and "
        "map its chat to a group (tabs Imports and Mapping).",
        "zh": "这段时间还没有已关联群聊的活跃数据。请先导入聊天导出文件，并把群聊关联到群组"
        "（见“导入”和“关联”两个标签页）。",
    },
    "activity.unmapped_only": {
        "en": "Imported chats are not mapped to groups yet: their counts are kept and show "
        "here once mapped (tab Mapping).",
        "zh": "已导入的群聊还没有关联到群组：数据已保存，关联后即在此显示（见“关联”标签页）。",
    },
    "activity.filter.groups": {"en": "Groups", "zh": "群组"},
    "activity.filter.all_groups": {"en": "All mapped groups", "zh": "全部已关联群组"},
    "activity.filter.months": {"en": "Period", "zh": "时间范围"},
    "activity.filter.months_n": {"en": "Last {n} months", "zh": "最近 {n} 个月"},
    "activity.tab.figures": {"en": "Activity", "zh": "活跃度"},
    "activity.tab.levels": {"en": "Member levels", "zh": "成员分层"},
    "activity.tab.imports": {"en": "Imports", "zh": "导入"},
    "activity.tab.mapping": {"en": "Mapping", "zh": "关联"},
    "activity.tab.settings": {"en": "Thresholds", "zh": "分层阈值"},
    "activity.measure.messages": {"en": "Messages", "zh": "消息数"},
    "activity.measure.active_members": {"en": "Active members", "zh": "活跃成员"},
    "activity.metric.daily_active": {"en": "Active members a day", "zh": "日均活跃成员"},
    "activity.metric.team_share": {"en": "Messages by the team", "zh": "团队发言占比"},
    "activity.chart.daily": {"en": "Day by day", "zh": "每日走势"},
    "activity.chart.target": {"en": "target {target}%", "zh": "目标 {target}%"},
    "activity.chart.charted": {
        "en": "The {n} groups with the most messages of the {groups} chosen; pick groups above to see others.",
        "zh": "所选 {groups} 个群组中消息最多的 {n} 个；在上方选择群组可查看其他群组。",
    },
    "activity.chart.target_note": {
        "en": "Dashed: the active members a day the active-member ratio's target of the last "
        "month asks for (target × the group's members in the period).",
        "zh": "虚线：按最近一个月“活跃成员占比”目标折算的每日活跃成员数（目标 × 该群组这段时间的成员数）。",
    },
    "activity.chart.heatmap": {"en": "When the groups talk", "zh": "发言时段分布"},
    "activity.chart.carriers": {
        "en": "Who carries the groups: top senders",
        "zh": "谁撑起了社群：发言最多的成员",
    },
    "activity.col.group": {"en": "Group", "zh": "群组"},
    "activity.col.target": {"en": "Target (%)", "zh": "目标（%）"},
    "activity.col.hour": {"en": "Hour of day", "zh": "小时"},
    "activity.col.weekday": {"en": "Weekday", "zh": "星期"},
    "activity.col.month": {"en": "Month", "zh": "月份"},
    "activity.col.members": {"en": "Members", "zh": "成员数"},
    "activity.col.level": {"en": "Level", "zh": "层级"},
    "activity.col.side": {"en": "Who", "zh": "身份"},
    "activity.col.sender": {"en": "Sender", "zh": "发送者"},
    "activity.col.person": {"en": "Person of the team", "zh": "团队成员"},
    "activity.col.chat": {"en": "Chat", "zh": "群聊"},
    "activity.col.days": {"en": "Days counted", "zh": "已统计天数"},
    "activity.col.owner": {"en": "WeCom owner", "zh": "企业微信群主"},
    "activity.col.platform": {"en": "Platform", "zh": "平台"},
    "activity.col.suggested": {"en": "Suggested group", "zh": "推荐群组"},
    "activity.col.last_day": {"en": "Last day", "zh": "最近一天"},
    "activity.col.import": {"en": "No.", "zh": "编号"},
    "activity.col.file": {"en": "File", "zh": "文件"},
    "activity.col.by": {"en": "By", "zh": "导入人"},
    "activity.col.when": {"en": "When", "zh": "时间"},
    "activity.col.top_share": {"en": "Top fifth", "zh": "前 20% 成员"},
    "activity.col.pareto": {"en": "二八 check", "zh": "二八检验"},
    "activity.col.active_share": {"en": "Active share by month", "zh": "各月活跃占比"},
    "activity.col.evaporation": {"en": "Evaporation", "zh": "蒸发"},
    "activity.side.team": {"en": "Team", "zh": "团队"},
    "activity.side.community": {"en": "Community", "zh": "社群成员"},
    "activity.member.unnamed": {"en": "Unnamed member {n}", "zh": "未具名成员 {n}"},
    "activity.weekday.0": {"en": "Mon", "zh": "周一"},
    "activity.weekday.1": {"en": "Tue", "zh": "周二"},
    "activity.weekday.2": {"en": "Wed", "zh": "周三"},
    "activity.weekday.3": {"en": "Thu", "zh": "周四"},
    "activity.weekday.4": {"en": "Fri", "zh": "周五"},
    "activity.weekday.5": {"en": "Sat", "zh": "周六"},
    "activity.weekday.6": {"en": "Sun", "zh": "周日"},
    "activity.level.core": {"en": "Core", "zh": "核心"},
    "activity.level.active": {"en": "Active", "zh": "活跃"},
    "activity.level.occasional": {"en": "Occasional", "zh": "偶尔"},
    "activity.level.silent": {"en": "Silent", "zh": "沉默"},
    "activity.level.left": {"en": "Left", "zh": "已退出"},
    "activity.level.new": {"en": "New", "zh": "新出现"},
    "activity.levels.rule": {
        "en": "Per group and month: core = at least {core_messages} messages on at least "
        "{core_days} days; active = at least {active_messages} messages; occasional = at least "
        "one; silent = none; left = more leaves than joins.",
        "zh": "按群组和月份：核心 = 至少 {core_days} 天发言且至少 {core_messages} 条消息；"
        "活跃 = 至少 {active_messages} 条消息；偶尔 = 至少 1 条；沉默 = 没有发言；"
        "已退出 = 退群多于入群。",
    },
    "activity.levels.moves": {
        "en": "Moves between levels into {month} (rows: last month, columns: this month)",
        "zh": "{month}的层级变化（行：上月，列：本月）",
    },
    "activity.levels.health": {
        "en": "二八 check and evaporation",
        "zh": "二八检验与蒸发",
    },
    "activity.levels.top": {
        "en": "{top} of {members} speaking members send {share}",
        "zh": "{members} 位发言成员中的 {top} 位发出 {share} 的消息",
    },
    "activity.levels.few": {
        "en": "Carried by a few (80% or more)",
        "zh": "少数人撑场（80% 及以上）",
    },
    "activity.levels.spread": {"en": "Spread out", "zh": "分布较广"},
    "activity.levels.evaporating": {
        "en": "Evaporating: fell three months in a row",
        "zh": "正在蒸发：连续三个月下降",
    },
    "activity.levels.steady": {"en": "No", "zh": "否"},
    "activity.import.upload": {"en": "Upload a chat export", "zh": "上传聊天导出文件"},
    "activity.import.help": {
        "en": "A Telegram Desktop or ChatLab JSON export, WeCom's group statistics (Excel, CSV "
        "or JSON) or a message table (CSV or Excel). Nothing is written before you confirm.",
        "zh": "Telegram 桌面版或 ChatLab 的 JSON 导出、企业微信「群聊数据统计」（Excel、CSV 或 JSON），"
        "或消息表（CSV 或 Excel）。确认之前不会写入任何数据。",
    },
    "activity.import.preview": {"en": "What “{name}” holds", "zh": "“{name}”的内容"},
    "activity.import.format": {"en": "Format", "zh": "格式"},
    "activity.import.days": {"en": "Days", "zh": "日期范围"},
    "activity.import.chats": {"en": "Chats: {chats}", "zh": "群聊：{chats}"},
    "activity.import.submit": {"en": "Import", "zh": "导入"},
    "activity.import.progress": {"en": "Importing…", "zh": "正在导入…"},
    "activity.import.done": {
        "en": "“{name}” imported (number {id}).",
        "zh": "“{name}”已导入（编号 {id}）。",
    },
    "activity.imports.empty": {"en": "Nothing imported yet.", "zh": "还没有导入记录。"},
    "activity.imports.remove_pick": {"en": "Import to remove", "zh": "要删除的导入"},
    "activity.imports.remove_sure": {
        "en": "Remove it and everything it contributed",
        "zh": "删除它及其带来的全部数据",
    },
    "activity.imports.remove": {"en": "Remove import", "zh": "删除导入"},
    "activity.imports.removed": {
        "en": "“{name}” removed with everything it contributed.",
        "zh": "已删除“{name}”及其带来的全部数据。",
    },
    "activity.map.empty": {
        "en": "No chats or WeCom owners yet: import an export first.",
        "zh": "还没有群聊或企业微信群主：请先导入导出文件。",
    },
    "activity.map.chats": {"en": "Chats → groups", "zh": "群聊 → 群组"},
    "activity.map.senders": {"en": "Senders → people of the team", "zh": "发送者 → 团队成员"},
    "activity.map.owners": {"en": "WeCom owners → people", "zh": "企业微信群主 → 团队成员"},
    "activity.map.others": {
        "en": "Chats of groups outside your scope (read only):",
        "zh": "你权限范围之外的群组的群聊（只读）：",
    },
    "activity.map.search": {"en": "Find a chat", "zh": "查找群聊"},
    "activity.map.search_hint": {
        "en": "Part of a chat's or a group's name",
        "zh": "群聊或群组名称的一部分",
    },
    "activity.map.no_match": {
        "en": "No chat you may map matches “{search}”.",
        "zh": "没有可关联的群聊与“{search}”匹配。",
    },
    "activity.map.pick": {"en": "Chat to map", "zh": "要关联的群聊"},
    "activity.map.unmapped": {"en": "(not mapped)", "zh": "（未关联）"},
    "activity.map.suggested": {"en": "group suggested by name", "zh": "已按名称推荐群组"},
    "activity.map.keywords": {"en": "Check-in keywords", "zh": "打卡关键词"},
    "activity.map.keywords_help": {
        "en": "Separated by 、 or commas; they count check-ins of imports made from now on.",
        "zh": "用顿号或逗号分隔；对此后的导入生效。",
    },
    "activity.map.save": {"en": "Save", "zh": "保存"},
    "activity.map.saved": {"en": "“{chat}” saved.", "zh": "“{chat}”已保存。"},
    "activity.platform.telegram": {"en": "Telegram", "zh": "Telegram"},
    "activity.platform.wechat": {"en": "WeChat", "zh": "微信"},
    "activity.platform.qq": {"en": "QQ", "zh": "QQ"},
    "activity.platform.wecom": {"en": "WeCom", "zh": "企业微信"},
    "activity.platform.chatlab": {"en": "ChatLab", "zh": "ChatLab"},
    "activity.platform.csv": {"en": "message table", "zh": "消息表"},
    "activity.link.suggested": {
        "en": "Suggested by name — confirm each one:",
        "zh": "按名称推荐——请逐一确认：",
    },
    "activity.link.line": {
        "en": "“{sender}” ({messages}) is {person}?",
        "zh": "“{sender}”（{messages}）是{person}吗？",
    },
    "activity.messages.one": {"en": "1 message", "zh": "1 条消息"},
    "activity.messages.other": {"en": "{n} messages", "zh": "{n} 条消息"},
    "activity.link.confirm": {"en": "Confirm", "zh": "确认"},
    "activity.link.form": {"en": "Link a sender", "zh": "关联发送者"},
    "activity.link.nobody": {"en": "(nobody)", "zh": "（无）"},
    "activity.link.submit": {"en": "Link", "zh": "关联"},
    "activity.link.saved": {"en": "“{sender}” linked.", "zh": "“{sender}”已关联。"},
    "activity.owner.person": {
        "en": "{owner} ({days} days of statistics) is",
        "zh": "{owner}（{days} 天统计数据）是",
    },
    "activity.owner.saved": {"en": "{owner} mapped.", "zh": "{owner}已关联。"},
    "activity.settings.intro": {
        "en": "Thresholds of the member levels, for every group (a team-wide setting).",
        "zh": "成员分层的阈值，对所有群组生效（团队级设置）。",
    },
    "activity.settings.core_messages": {
        "en": "Core: messages a month at least",
        "zh": "核心：每月消息至少",
    },
    "activity.settings.core_days": {
        "en": "Core: days with messages at least",
        "zh": "核心：每月发言天数至少",
    },
    "activity.settings.active_messages": {
        "en": "Active: messages a month at least",
        "zh": "活跃：每月消息至少",
    },
    "activity.settings.submit": {"en": "Save thresholds", "zh": "保存阈值"},
    "activity.settings.saved": {"en": "Thresholds saved.", "zh": "阈值已保存。"},
    "activity.err.setting_unknown": {
        "en": "There is no threshold “{setting}”.",
        "zh": "没有名为“{setting}”的阈值。",
    },
    "activity.err.setting_range": {
        "en": "A threshold must be a whole number from {low} to {high}.",
        "zh": "阈值必须是 {low} 到 {high} 之间的整数。",
    },
    "activity.err.core_above_active": {
        "en": "Core needs more messages ({core}) than active ({active}).",
        "zh": "核心的消息数阈值（{core}）必须高于活跃（{active}）。",
    },
    "activity.err.unknown_group": {
        "en": "There is no live group number {id}.",
        "zh": "没有编号为 {id} 的现存群组。",
    },
    "activity.err.unknown_person": {
        "en": "There is no person number {id}.",
        "zh": "没有编号为 {id} 的人员。",
    },
    "activity.err.unknown_member": {
        "en": "This sender is not known (was its import removed?).",
        "zh": "找不到该发送者（其导入是否已被删除？）。",
    },
    "activity.err.unknown_owner": {
        "en": "The WeCom owner “{owner}” is not known.",
        "zh": "找不到企业微信群主“{owner}”。",
    },
}
