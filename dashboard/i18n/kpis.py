"""Strings of the KPI board (结果导向与过程导向 KPI)."""

STRINGS = {
    "unit.people": {"en": "people", "zh": "人"},
    "kpi.title": {"en": "KPI board", "zh": "KPI 看板"},
    "kpi.caption": {
        "en": "Results (new users, conversion) are the goal; process (activity, events) is how "
        "you get there. Activity alone is not the goal: check that it turns into results.",
        "zh": "结果（新增用户、转化率）才是目标，过程（活跃度、活动频次）是手段。"
        "只有活跃度不够，要看它是否转化成了结果。",
    },
    "kpi.read_only": {
        "en": "Your account can read the board but not enter values or targets.",
        "zh": "你的账号可以查看看板，但不能录入数值或目标。",
    },
    "kpi.empty": {
        "en": "No KPIs defined yet: add them in the Settings tab.",
        "zh": "还没有定义 KPI：请在「设置」页签中添加。",
    },
    "kpi.no_values": {
        "en": "No values or targets for this period and scope yet. Enter values in the "
        "'Enter data' tab or pick another period.",
        "zh": "该周期和范围内还没有数值或目标。请在「录入数据」页签中录入，或选择其他周期。",
    },
    # filters
    "kpi.filter.period_kind": {"en": "Period", "zh": "周期"},
    "kpi.filter.period": {"en": "Which", "zh": "具体周期"},
    "kpi.filter.tier": {"en": "Tier", "zh": "层级"},
    "kpi.filter.group": {"en": "Group", "zh": "群组"},
    "kpi.period.week": {"en": "Week", "zh": "周"},
    "kpi.period.month": {"en": "Month", "zh": "月"},
    "kpi.period.quarter": {"en": "Quarter", "zh": "季度"},
    "kpi.period.week_of": {"en": "Week {week}, {year}", "zh": "{year}年第{week}周"},
    "kpi.period.year": {"en": "Year", "zh": "年"},
    "kpi.period.current": {"en": "{code} (running)", "zh": "{code}（进行中）"},
    "kpi.period.range": {
        "en": "{start} – {end}, compared with {previous}",
        "zh": "{start} 至 {end}，对比上一周期 {previous}",
    },
    "kpi.period.prorated": {
        "en": "This period is still running: sum targets are pro-rated to the {pct}% of it "
        "that is over.",
        "zh": "本周期尚未结束：求和类指标的目标按已过去的 {pct}% 折算。",
    },
    # tabs
    "kpi.tab.result": {"en": "Results", "zh": "结果指标"},
    "kpi.tab.process": {"en": "Process", "zh": "过程指标"},
    "kpi.tab.relation": {"en": "Activity → results", "zh": "活跃 → 结果"},
    "kpi.tab.entry": {"en": "Enter data", "zh": "录入数据"},
    "kpi.tab.settings": {"en": "Settings", "zh": "设置"},
    # kinds, directions, aggregations, statuses
    "kpi.kind.result": {"en": "Result", "zh": "结果导向"},
    "kpi.kind.process": {"en": "Process", "zh": "过程导向"},
    "kpi.direction.up": {"en": "Higher is better", "zh": "越高越好"},
    "kpi.direction.down": {"en": "Lower is better", "zh": "越低越好"},
    "kpi.aggregation.sum": {"en": "Sum", "zh": "求和"},
    "kpi.aggregation.avg": {"en": "Average", "zh": "平均"},
    "kpi.aggregation.last": {"en": "Last value", "zh": "期末值"},
    "kpi.rag.green": {"en": "🟢 on target", "zh": "🟢 达标"},
    "kpi.rag.amber": {"en": "🟠 close", "zh": "🟠 接近"},
    "kpi.rag.red": {"en": "🔴 missed", "zh": "🔴 未达标"},
    "kpi.rag.none": {"en": "⚪ no target", "zh": "⚪ 无目标"},
    "kpi.legend": {
        "en": "{green}: at least {green_at}% of target · {amber}: {amber_at}% to {green_at}%"
        " · {red}: below {amber_at}%",
        "zh": "{green}：达成率不低于 {green_at}% · {amber}：{amber_at}% 至 {green_at}%"
        " · {red}：低于 {amber_at}%",
    },
    "kpi.headline.team_total": {
        "en": "Team total of the {groups} groups in view.",
        "zh": "所选范围内 {groups} 个群的团队合计。",
    },
    "kpi.headline.team_total_missed": {
        "en": "Team total of the {groups} groups in view — {missed} of them missed on their"
        " own (listed below).",
        "zh": "所选范围内 {groups} 个群的团队合计——其中 {missed} 个群单独未达标（见下表）。",
    },
    # columns
    "kpi.col.kpi": {"en": "KPI", "zh": "指标"},
    "kpi.col.group": {"en": "Group", "zh": "群组"},
    "kpi.col.tier": {"en": "Tier", "zh": "层级"},
    "kpi.col.person": {"en": "Person", "zh": "成员"},
    "kpi.col.groups": {"en": "Groups", "zh": "群数"},
    "kpi.col.missed": {"en": "Missed", "zh": "未达标群数"},
    "kpi.col.actual": {"en": "Actual", "zh": "实际"},
    "kpi.col.target": {"en": "Target", "zh": "目标"},
    "kpi.col.attainment": {"en": "Attainment %", "zh": "达成率 %"},
    "kpi.col.status": {"en": "Status", "zh": "状态"},
    "kpi.col.previous": {"en": "Previous", "zh": "上期"},
    "kpi.col.change": {"en": "Change %", "zh": "环比 %"},
    "kpi.col.unit": {"en": "Unit", "zh": "单位"},
    "kpi.col.month": {"en": "Month", "zh": "月份"},
    "kpi.col.day": {"en": "Day", "zh": "日期"},
    "kpi.col.value": {"en": "Value", "zh": "数值"},
    "kpi.col.share": {"en": "Share of group %", "zh": "占群比例 %"},
    "kpi.col.series": {"en": "Series", "zh": "系列"},
    "kpi.col.process_attainment": {"en": "{kpi} attainment %", "zh": "{kpi}达成率 %"},
    "kpi.col.process_status": {"en": "{kpi} status", "zh": "{kpi}状态"},
    "kpi.col.code": {"en": "Code", "zh": "代码"},
    "kpi.col.name": {"en": "Name (English)", "zh": "名称（英文）"},
    "kpi.col.name_zh": {"en": "Name (Chinese)", "zh": "名称（中文）"},
    "kpi.col.kind": {"en": "Kind", "zh": "类型"},
    "kpi.col.direction": {"en": "Direction", "zh": "方向"},
    "kpi.col.aggregation": {"en": "Over a period", "zh": "周期汇总方式"},
    "kpi.col.min": {"en": "Minimum", "zh": "最小值"},
    "kpi.col.max": {"en": "Maximum", "zh": "最大值"},
    "kpi.col.default": {"en": "Default (all groups)", "zh": "默认（所有群）"},
    # board
    "kpi.summary.title": {"en": "All {kind} KPIs", "zh": "全部{kind}指标"},
    "kpi.pick_kpi": {"en": "KPI", "zh": "指标"},
    "kpi.only_missed": {"en": "Only groups that missed", "zh": "只看未达标的群"},
    "kpi.tiers.title": {"en": "By tier", "zh": "按层级"},
    "kpi.groups.title": {"en": "By group", "zh": "按群组"},
    "kpi.groups.none_missed": {
        "en": "No group missed this target in this period.",
        "zh": "本周期没有群未达成该目标。",
    },
    "kpi.people.title": {"en": "People in {group}", "zh": "{group}的成员"},
    "kpi.people.empty": {
        "en": "No per-person values for {group} in this period: upload them with a 'person' column.",
        "zh": "{group}本周期没有按成员的数值：上传时加上「成员」列即可。",
    },
    "kpi.people.hint": {
        "en": "Pick one group above to see its people.",
        "zh": "在上方选择一个群，即可查看其成员明细。",
    },
    "kpi.ranking.title": {"en": "Ranking of groups", "zh": "群组排名"},
    "kpi.ranking.ends": {
        "en": "Ranking: the {ends} lowest and {ends} highest of {groups} groups",
        "zh": "排名：{groups} 个群组中最低的 {ends} 个与最高的 {ends} 个",
    },
    "kpi.trend.title": {"en": "Trend, last 12 months", "zh": "近 12 个月趋势"},
    "kpi.trend.actual": {"en": "Actual", "zh": "实际"},
    "kpi.trend.target": {"en": "Target", "zh": "目标"},
    "kpi.export": {"en": "Download this table (CSV)", "zh": "下载此表（CSV）"},
    "kpi.export_xlsx": {"en": "Download this table (Excel)", "zh": "下载此表（Excel）"},
    # relation
    "kpi.relation.intro": {
        "en": "Does activity turn into results? Each dot is a group: attainment of a process "
        "KPI against attainment of a result KPI.",
        "zh": "活跃度有没有转化成结果？每个点代表一个群：横轴是过程指标达成率，纵轴是结果指标达成率。",
    },
    "kpi.relation.process": {"en": "Process KPI", "zh": "过程指标"},
    "kpi.relation.result": {"en": "Result KPI", "zh": "结果指标"},
    "kpi.relation.missed_title": {
        "en": "Groups that missed {result}, with their {process}",
        "zh": "未达成{result}的群及其{process}",
    },
    "kpi.relation.low_too": {"en": "Low activity too?", "zh": "活跃度也偏低？"},
    "kpi.relation.yes": {"en": "yes", "zh": "是"},
    "kpi.relation.no": {"en": "no", "zh": "否"},
    "kpi.relation.correlation": {
        "en": "Correlation across groups: {r}",
        "zh": "各群之间的相关系数：{r}",
    },
    "kpi.relation.empty": {
        "en": "Not enough groups with both KPIs and targets in this scope.",
        "zh": "该范围内同时有这两个指标和目标的群太少。",
    },
    # entry
    "kpi.entry.form_title": {"en": "Enter one value", "zh": "录入单个数值"},
    "kpi.entry.kpi": {"en": "KPI", "zh": "指标"},
    "kpi.entry.group": {"en": "Group", "zh": "群组"},
    "kpi.entry.person": {"en": "Person (optional)", "zh": "成员（可选）"},
    "kpi.entry.day": {"en": "Day", "zh": "日期"},
    "kpi.entry.value": {"en": "Value", "zh": "数值"},
    "kpi.entry.submit": {"en": "Save value", "zh": "保存数值"},
    "kpi.entry.saved": {"en": "Value saved.", "zh": "数值已保存。"},
    "kpi.upload.title": {"en": "Upload CSV or Excel", "zh": "上传 CSV 或 Excel"},
    "kpi.upload.help": {
        "en": "Columns: kpi (code or name), group (name), day, value, and optionally person "
        "(handle or name); English or Chinese headers. Every row is checked and every "
        "problem listed; nothing is saved unless all rows are valid. Uploading the same day "
        "again updates the value.",
        "zh": "列：指标（代码或名称）、群名称、日期、数值，可选成员（账号或姓名）；"
        "表头可用中文或英文。每一行都会校验并列出全部问题；只要有一行出错就不会保存。"
        "重复上传同一天的数据会更新原值，不会重复计算。",
    },
    "kpi.upload.formats_title": {
        "en": "Accepted files, headers, dates and numbers",
        "zh": "可上传的文件、表头、日期和数字格式",
    },
    "kpi.upload.formats": {
        "en": "- **Files:** CSV as Excel saves it — “CSV (comma delimited)” in GB18030/GBK, "
        "“CSV UTF-8” (with or without BOM) or “Unicode text” (UTF-16, tab-separated); comma, "
        "tab or semicolon separated; or an Excel workbook (.xlsx, first sheet). The encoding "
        "is detected and shown.\n"
        "- **Dates:** 2026-06-01, 2026/6/1, 2026-6-1, 2026.6.1, 2026年6月1日, 20260601, "
        "Excel date cells and Excel serial numbers (e.g. 46174).\n"
        "- **Numbers:** 1234, 1,234.5, full-width digits (１２３４), ¥1,200 or 1200元. Rates "
        "are percentages: 55.5 or 55.5% (a % only for KPIs measured in %).",
        "zh": "- **文件：** Excel 保存的 CSV——“CSV（逗号分隔）”（GB18030/GBK 编码）、"
        "“CSV UTF-8”（带或不带 BOM）或“Unicode 文本”（UTF-16，制表符分隔）；"
        "可用逗号、制表符或分号分隔；也可以是 Excel 工作簿（.xlsx，读取第一个工作表）。"
        "系统会自动识别编码并显示。\n"
        "- **日期：** 2026-06-01、2026/6/1、2026-6-1、2026.6.1、2026年6月1日、20260601、"
        "Excel 日期单元格以及 Excel 日期序列号（如 46174）。\n"
        "- **数字：** 1234、1,234.5、全角数字（１２３４）、¥1,200 或 1200元。"
        "比率按百分数填写：55.5 或 55.5%（只有以 % 计量的指标才能带 %）。",
    },
    "kpi.upload.col_column": {"en": "Column", "zh": "列"},
    "kpi.upload.col_required": {"en": "Required", "zh": "是否必填"},
    "kpi.upload.col_headers": {"en": "Accepted headers", "zh": "可用的表头"},
    "kpi.upload.required": {"en": "required", "zh": "必填"},
    "kpi.upload.optional": {"en": "optional", "zh": "可选"},
    "kpi.upload.col_row": {"en": "Row", "zh": "行号"},
    "kpi.upload.col_problem": {"en": "Problem", "zh": "问题"},
    "kpi.upload.problems_capped": {
        "en": "Showing the first {shown} of {total} problems; download the list for all.",
        "zh": "仅显示 {total} 个问题中的前 {shown} 个；下载列表可查看全部。",
    },
    "kpi.upload.problems_download": {
        "en": "Download the list of problems",
        "zh": "下载问题列表",
    },
    "kpi.upload.file": {"en": "File", "zh": "文件"},
    "kpi.upload.template": {"en": "Download a template (CSV)", "zh": "下载模板（CSV）"},
    "kpi.upload.template_xlsx": {
        "en": "Download a template (Excel)",
        "zh": "下载模板（Excel）",
    },
    "kpi.upload.preview": {
        "en": "{rows} rows read from {name}.",
        "zh": "已从 {name} 读取 {rows} 行。",
    },
    "kpi.upload.submit": {"en": "Check and import", "zh": "校验并导入"},
    "kpi.upload.progress": {"en": "Importing {rows} rows…", "zh": "正在导入 {rows} 行……"},
    "kpi.upload.done": {"en": "{rows} values imported.", "zh": "已导入 {rows} 个数值。"},
    "kpi.editor.title": {"en": "Edit values in a grid", "zh": "在表格中编辑数值"},
    "kpi.editor.month": {"en": "Month", "zh": "月份"},
    "kpi.editor.help": {
        "en": "Change a value, add a row (day and value) or delete rows, then save.",
        "zh": "可修改数值、新增行（日期和数值）或删除行，然后保存。",
    },
    "kpi.editor.saved": {"en": "{count} changes saved.", "zh": "已保存 {count} 处更改。"},
    # settings
    "kpi.settings.definitions": {"en": "KPI definitions", "zh": "KPI 定义"},
    "kpi.settings.definitions_help": {
        "en": "Edit a definition or add a row for a new KPI. Min/max bound the values "
        "(e.g. 0–100 for a rate).",
        "zh": "可修改定义，或新增一行添加新 KPI。最小值/最大值用于限制数值范围（比如比率为 0–100）。",
    },
    "kpi.settings.definitions_saved": {
        "en": "{count} KPI definitions saved.",
        "zh": "已保存 {count} 个 KPI 定义。",
    },
    "kpi.settings.targets": {"en": "Monthly targets", "zh": "月度目标"},
    "kpi.settings.targets_help": {
        "en": "One row per group, one column per KPI; the first row is the default for "
        "groups without their own target. Clear a cell to fall back to the default.",
        "zh": "每行一个群、每列一个指标；第一行是默认目标，适用于没有单独目标的群。"
        "清空单元格即恢复使用默认目标。",
    },
    "kpi.settings.targets_month": {"en": "Month", "zh": "月份"},
    "kpi.settings.targets_saved": {"en": "{count} targets saved.", "zh": "已保存 {count} 个目标。"},
    "kpi.default_row": {"en": "(default)", "zh": "（默认）"},
    # errors
    "kpi.err.unknown_kpi": {"en": "Unknown KPI '{code}'.", "zh": "未知的指标「{code}」。"},
    "kpi.err.unknown_group": {"en": "Unknown group '{name}'.", "zh": "未知的群组「{name}」。"},
    "kpi.err.unknown_person": {"en": "Unknown person '{name}'.", "zh": "未知的成员「{name}」。"},
    "kpi.err.bad_day": {
        "en": "'{value}' is not a date (write e.g. 2026-06-01, 2026/6/1 or 2026年6月1日).",
        "zh": "「{value}」不是日期（请写成 2026-06-01、2026/6/1 或 2026年6月1日 等形式）。",
    },
    "kpi.err.future_day": {"en": "{day} lies in the future.", "zh": "{day} 是未来的日期。"},
    "kpi.err.not_number": {"en": "'{value}' is not a number.", "zh": "「{value}」不是数字。"},
    "kpi.err.percent_not_rate": {
        "en": "'{value}' is a percentage, but {kpi} is not measured in %.",
        "zh": "「{value}」是百分数，但 {kpi} 不是以 % 计量的指标。",
    },
    "kpi.err.not_finite": {
        "en": "'{value}' is not a finite number.",
        "zh": "「{value}」不是有限的数值。",
    },
    "kpi.err.out_of_range": {
        "en": "{value} is outside {kpi}'s range {low}–{high}.",
        "zh": "{value} 超出了 {kpi} 的范围 {low}–{high}。",
    },
    "kpi.err.duplicate_row": {
        "en": "Same KPI, group, person and day as row {other}.",
        "zh": "与第 {other} 行的指标、群组、成员和日期重复。",
    },
    "kpi.err.import_rows": {
        "en": "Nothing was imported: {count} of {total} rows have problems.",
        "zh": "未导入任何数据：{total} 行中有 {count} 行有问题。",
    },
    "kpi.err.editor_rows": {
        "en": "Nothing was saved: {count} rows have problems.",
        "zh": "未保存任何更改：有 {count} 行有问题。",
    },
    "kpi.err.definition_rows": {
        "en": "Nothing was saved: {count} definitions have problems.",
        "zh": "未保存任何更改：有 {count} 个定义有问题。",
    },
    "kpi.err.target_rows": {
        "en": "Nothing was saved: {count} targets have problems.",
        "zh": "未保存任何更改：有 {count} 个目标有问题。",
    },
    "kpi.err.empty_file": {"en": "The file has no rows.", "zh": "文件中没有数据行。"},
    "kpi.err.pick_kpi_group": {
        "en": "Pick a KPI and a group.",
        "zh": "请选择指标和群组。",
    },
    "kpi.err.code_taken": {
        "en": "A KPI with the code '{code}' already exists.",
        "zh": "代码为「{code}」的 KPI 已存在。",
    },
    "kpi.err.required": {"en": "'{field}' must not be empty.", "zh": "「{field}」不能为空。"},
    "kpi.err.bad_choice": {
        "en": "'{value}' is not a valid {field}.",
        "zh": "「{value}」不是有效的 {field}。",
    },
    "kpi.err.bad_range": {
        "en": "The minimum {low} is above the maximum {high}.",
        "zh": "最小值 {low} 大于最大值 {high}。",
    },
    # alerts (overview page)
    "kpi.alert.missed": {
        "en": "{group} missed {count} result target(s) in {month}: {kpis}.",
        "zh": "{group} 在 {month} 有 {count} 个结果目标未达成：{kpis_zh}。",
    },
    # KPIs computed from the chats' activity
    "kpi.err.computed_cell": {
        "en": "{kpi} of {group} on {day} is computed from the chats' activity: it cannot be"
        " typed over. Change the activity (or the chat's mapping) instead.",
        "zh": "{group} 在 {day} 的 {kpi} 由群聊活跃数据计算，不能手工覆盖；请改动活跃数据（或群聊的映射）。",
    },
    "kpi.col.source": {"en": "Source", "zh": "来源"},
    "kpi.source.computed": {"en": "computed from activity", "zh": "由活跃数据计算"},
    "kpi.source.typed": {"en": "typed", "zh": "手工录入"},
    "kpi.source.computed_note": {
        "en": "{kpi} is computed from the chats' activity (no typing needed); it is"
        " recomputed whenever an export is imported or removed or a chat is remapped.",
        "zh": "{kpi} 由群聊活跃数据计算（无需手工录入）；导入或删除导出文件、或群聊映射变更时自动重新计算。",
    },
    "kpi.col.activity_metric": {"en": "Computed from activity", "zh": "由活跃数据计算"},
    "kpi.metric.active_ratio": {"en": "active-member ratio", "zh": "活跃成员占比"},
    "kpi.metric.messages": {"en": "messages", "zh": "消息数"},
    "kpi.metric.new_members": {"en": "new members (joins)", "zh": "新成员（入群）"},
    "kpi.metric.leavers": {"en": "leavers", "zh": "退群人数"},
    "kpi.metric.checkin_rate": {"en": "check-in rate", "zh": "打卡率"},
    "kpi.metric.shares": {"en": "shares", "zh": "分享次数"},
}
