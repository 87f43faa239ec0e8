"""Strings of the rewards ledger (回报机制: 积分 and 福利), the budgets, and cost vs revenue."""

STRINGS = {
    "nav.rewards": {"en": "Rewards", "zh": "回报与福利"},
    "rewards.title": {"en": "Rewards ledger", "zh": "回报账本"},
    "rewards.caption": {
        "en": "Points (积分) and perks or money (福利) given to the team, against each group's "
        "quarterly budget. Entries are never edited: a mistake is reversed by a counter-entry.",
        "zh": "发给团队成员的积分和福利（物品或现金），对照各群每季度的预算。记录不可修改：出错时用一条冲销记录抵消。",
    },
    "rewards.read_only": {
        "en": "You can read the ledger; giving rewards and setting budgets needs a lead or an admin.",
        "zh": "你可以查看账本；发放奖励和设置预算需要负责人或管理员权限。",
    },
    "rewards.tab.ledger": {"en": "Ledger", "zh": "账本"},
    "rewards.tab.budgets": {"en": "Budgets", "zh": "预算"},
    "rewards.tab.points": {"en": "Points balances", "zh": "积分余额"},
    # giving
    "rewards.give.form": {"en": "Give a reward", "zh": "发放奖励"},
    "rewards.give.group": {"en": "Group", "zh": "群组"},
    "rewards.give.person": {"en": "To", "zh": "发给"},
    "rewards.give.points": {"en": "Points (积分)", "zh": "积分"},
    "rewards.give.money": {"en": "Money or gift value (CNY)", "zh": "现金或礼品价值（元）"},
    "rewards.give.reason": {"en": "Reason", "zh": "理由"},
    "rewards.give.reason_help": {
        "en": "e.g. 'Best answers of the month'",
        "zh": "例如：“本月最佳答疑”",
    },
    "rewards.give.given_on": {"en": "Day", "zh": "日期"},
    "rewards.give.given_by": {"en": "Given by", "zh": "给予人"},
    "rewards.give.submit": {"en": "Give", "zh": "发放"},
    "rewards.give.saved": {"en": "Given to {person}.", "zh": "已发给 {person}。"},
    "rewards.give.left": {
        "en": "{group}, {quarter}: ¥{left} left of ¥{budget}.",
        "zh": "{group}，{quarter}：预算 {budget} 元，剩余 {left} 元。",
    },
    "rewards.give.no_budget": {
        "en": "{group} has no budget for {quarter}: points and honours only.",
        "zh": "{group} 在 {quarter} 没有预算：只能发放积分或荣誉。",
    },
    "rewards.give.nobody": {
        "en": "Nobody is in this group.",
        "zh": "这个群组里没有成员。",
    },
    "rewards.give.no_group": {
        "en": "No group in your scope.",
        "zh": "你的范围内没有群组。",
    },
    "rewards.reverse.form": {"en": "Reverse an entry", "zh": "冲销一条记录"},
    "rewards.reverse.entry": {"en": "Entry", "zh": "记录"},
    "rewards.reverse.reason": {"en": "Why", "zh": "冲销原因"},
    "rewards.reverse.submit": {"en": "Reverse", "zh": "冲销"},
    "rewards.reverse.saved": {"en": "Entry #{entry} reversed.", "zh": "记录 #{entry} 已冲销。"},
    "rewards.reverse.label": {
        "en": "#{id} · {day} · {person} · {points} points · ¥{money} · {reason}",
        "zh": "#{id} · {day} · {person} · {points} 积分 · {money} 元 · {reason}",
    },
    "rewards.entries.title": {"en": "Entries", "zh": "账本记录"},
    "rewards.entries.empty": {"en": "No entries yet.", "zh": "还没有记录。"},
    "rewards.col.id": {"en": "#", "zh": "编号"},
    "rewards.col.given_on": {"en": "Day", "zh": "日期"},
    "rewards.col.person": {"en": "Person", "zh": "成员"},
    "rewards.col.group": {"en": "Group", "zh": "群组"},
    "rewards.col.points": {"en": "Points", "zh": "积分"},
    "rewards.col.money": {"en": "Money (CNY)", "zh": "金额（元）"},
    "rewards.col.reason": {"en": "Reason", "zh": "理由"},
    "rewards.col.by": {"en": "Given by", "zh": "给予人"},
    "rewards.col.status": {"en": "Status", "zh": "状态"},
    "rewards.status.reversed": {"en": "reversed by #{id}", "zh": "已被 #{id} 冲销"},
    "rewards.status.reversal": {"en": "reverses #{id}", "zh": "冲销 #{id}"},
    "rewards.status.migrated": {
        "en": "recognition (before the ledger)",
        "zh": "认可（账本前的记录）",
    },
    # budgets
    "rewards.budget.quarter": {"en": "Quarter", "zh": "季度"},
    "rewards.col.budget": {"en": "Budget (CNY)", "zh": "预算（元）"},
    "rewards.col.spent": {"en": "Spent (CNY)", "zh": "已用（元）"},
    "rewards.col.left": {"en": "Left (CNY)", "zh": "剩余（元）"},
    "rewards.col.used": {"en": "Used", "zh": "使用率"},
    "rewards.budget.form": {"en": "Set a budget", "zh": "设置预算"},
    "rewards.budget.group": {"en": "Group", "zh": "群组"},
    "rewards.budget.amount": {"en": "Budget (CNY)", "zh": "预算（元）"},
    "rewards.budget.submit": {"en": "Set", "zh": "保存预算"},
    "rewards.budget.saved": {
        "en": "Budget of {group} for {quarter} set.",
        "zh": "已设置 {group} 在 {quarter} 的预算。",
    },
    "rewards.burn.group": {"en": "Burn-down of", "zh": "查看消耗曲线的群组"},
    "rewards.burn.none": {
        "en": "No budget set for this group in this quarter.",
        "zh": "这个群组本季度没有设置预算。",
    },
    "rewards.chart.burn": {
        "en": "{group}: budget left in {quarter}",
        "zh": "{group}：{quarter} 剩余预算",
    },
    "rewards.chart.day": {"en": "Day", "zh": "日期"},
    "rewards.chart.left": {"en": "Left (CNY)", "zh": "剩余（元）"},
    "rewards.chart.actual": {"en": "Left", "zh": "实际剩余"},
    "rewards.chart.even": {"en": "Even pace", "zh": "均匀消耗"},
    "rewards.chart.series": {"en": "Line", "zh": "曲线"},
    # points
    "rewards.points.empty": {"en": "Nobody holds points yet.", "zh": "还没有人获得积分。"},
    "rewards.col.balance": {"en": "Points", "zh": "积分余额"},
    "rewards.col.entries": {"en": "Entries", "zh": "记录数"},
    "rewards.col.last": {"en": "Last entry", "zh": "最近一次"},
    "rewards.chart.points": {"en": "Top points balances", "zh": "积分余额前列"},
    # cost vs revenue (KPI board)
    "rewards.tab.costs": {"en": "Cost vs revenue", "zh": "成本与营收"},
    "rewards.costs.caption": {
        "en": "{start} – {end}. Rewards are the ledger's money; events, tools and other costs "
        "are entered below or imported. Margin = revenue − cost.",
        "zh": "{start} – {end}。奖励成本来自账本的现金与礼品；活动、工具和其他成本在下方录入或导入。利润 = 营收 − 成本。",
    },
    "rewards.costs.no_revenue": {
        "en": "No revenue KPI (营收) is defined: margins cannot be shown.",
        "zh": "没有定义营收 KPI：无法计算利润。",
    },
    "rewards.costs.computed": {
        "en": "New members marked * are computed from chat activity (joins).",
        "zh": "标 * 的新增用户由社群活跃数据（入群）计算。",
    },
    "rewards.costs.empty": {"en": "No group in the chosen scope.", "zh": "所选范围内没有群组。"},
    "rewards.category.rewards": {"en": "Rewards", "zh": "奖励"},
    "rewards.category.events": {"en": "Events", "zh": "活动"},
    "rewards.category.tools": {"en": "Tools", "zh": "工具"},
    "rewards.category.other": {"en": "Other", "zh": "其他"},
    "rewards.col.cost": {"en": "Cost (CNY)", "zh": "成本（元）"},
    "rewards.col.revenue": {"en": "Revenue (CNY)", "zh": "营收（元）"},
    "rewards.col.margin": {"en": "Margin (CNY)", "zh": "利润（元）"},
    "rewards.col.new_members": {"en": "New members", "zh": "新增用户"},
    "rewards.col.cost_per_new": {"en": "Cost per new member", "zh": "每位新增用户成本"},
    "rewards.metric.cost": {"en": "Cost", "zh": "成本"},
    "rewards.metric.revenue": {"en": "Revenue", "zh": "营收"},
    "rewards.metric.margin": {"en": "Margin", "zh": "利润"},
    "rewards.metric.cost_per_new": {"en": "Cost per new member", "zh": "每位新增用户成本"},
    "rewards.money": {"en": "¥{amount}", "zh": "{amount} 元"},
    "rewards.chart.costs": {"en": "Cost by category against revenue", "zh": "各类成本与营收"},
    "rewards.chart.amount": {"en": "CNY", "zh": "金额（元）"},
    "rewards.chart.category": {"en": "Cost", "zh": "成本类别"},
    "rewards.chart.revenue_mark": {"en": "Revenue (black tick)", "zh": "营收（黑色刻度）"},
    "rewards.costs.entry": {"en": "Enter costs", "zh": "录入成本"},
    "rewards.costs.month": {"en": "Month", "zh": "月份"},
    "rewards.costs.grid_help": {
        "en": "One row per group you may change; leave a cell empty for no cost. Rewards come "
        "from the ledger and cannot be typed.",
        "zh": "每行是一个你有权修改的群组；没有成本的格子留空。奖励成本来自账本，不能手工填写。",
    },
    "rewards.costs.saved": {"en": "{count} cost(s) saved.", "zh": "已保存 {count} 项成本。"},
    "rewards.costs.upload": {"en": "Import costs (CSV or Excel)", "zh": "导入成本（CSV 或 Excel）"},
    "rewards.costs.upload_help": {
        "en": "Columns: group (群名称), month or a day of it (月份: 2026-06, 2026/6/1), category "
        "(类别: events/活动, tools/工具, other/其他) and amount (金额). GB18030 or UTF-8.",
        "zh": "列：群名称、月份（如 2026-06 或 2026/6/1）、类别（活动 / 工具 / 其他）和金额。支持 GB18030 或 UTF-8 编码。",
    },
    "rewards.costs.preview": {
        "en": "{rows} row(s) read from {name}.",
        "zh": "已从 {name} 读取 {rows} 行。",
    },
    "rewards.costs.import": {"en": "Import", "zh": "导入"},
    "rewards.costs.imported": {"en": "{count} cost(s) imported.", "zh": "已导入 {count} 项成本。"},
    # errors
    "rewards.err.amount": {
        "en": "{field} must be a number of 0 or more (got {value}).",
        "zh": "{field} 必须是不小于 0 的数字（填写的是 {value}）。",
    },
    "rewards.err.reason_empty": {"en": "Give a reason.", "zh": "请填写理由。"},
    "rewards.err.future": {"en": "{day} lies in the future.", "zh": "{day} 是未来的日期。"},
    "rewards.err.person_unknown": {
        "en": "This person is not on the team.",
        "zh": "此人不在团队中。",
    },
    "rewards.err.group_unknown": {"en": "This group does not exist.", "zh": "该群组不存在。"},
    "rewards.err.not_in_group": {
        "en": "{person} is not in {group}: give the reward in one of their groups.",
        "zh": "{person} 不在 {group}：请在其所在群组发放。",
    },
    "rewards.err.self": {
        "en": "{person} cannot reward themselves: pick another giver.",
        "zh": "{person} 不能给自己发放奖励，请选择其他给予人。",
    },
    "rewards.err.no_budget": {
        "en": "{group} has no budget for {quarter}: set one before giving money or gifts.",
        "zh": "{group} 在 {quarter} 没有预算：请先设置预算再发放现金或礼品。",
    },
    "rewards.err.over_budget": {
        "en": "¥{money} is more than {group} has left for {quarter}: ¥{left} of ¥{budget}.",
        "zh": "{money} 元超出了 {group} 在 {quarter} 的剩余预算：预算 {budget} 元，剩余 {left} 元。",
    },
    "rewards.err.entry_unknown": {"en": "This entry does not exist.", "zh": "该记录不存在。"},
    "rewards.err.is_reversal": {
        "en": "Entry #{entry} is itself a reversal.",
        "zh": "记录 #{entry} 本身就是冲销记录。",
    },
    "rewards.err.already_reversed": {
        "en": "Entry #{entry} is already reversed.",
        "zh": "记录 #{entry} 已被冲销。",
    },
    "rewards.err.quarter": {"en": "Not a quarter: {quarter}.", "zh": "不是有效的季度：{quarter}。"},
    "rewards.err.budget_below_spent": {
        "en": "{group} already spent ¥{spent} in {quarter}: the budget cannot be less.",
        "zh": "{group} 在 {quarter} 已花费 {spent} 元：预算不能低于此数。",
    },
    "rewards.err.cost_value": {
        "en": "Not an amount of 0 or more: {value}.",
        "zh": "不是不小于 0 的金额：{value}。",
    },
    "rewards.err.cost_rows": {
        "en": "{count} cell(s) could not be saved; nothing was saved.",
        "zh": "{count} 个格子无法保存；未保存任何内容。",
    },
    "rewards.err.empty_file": {"en": "The file has no rows.", "zh": "文件中没有数据行。"},
    "rewards.err.unknown_group": {"en": "Unknown group: {name}.", "zh": "未知群组：{name}。"},
    "rewards.err.bad_month": {
        "en": "Not a month or a day: {value}.",
        "zh": "不是有效的月份或日期：{value}。",
    },
    "rewards.err.future_month": {
        "en": "{month} lies in the future.",
        "zh": "{month} 是未来的月份。",
    },
    "rewards.err.bad_category": {
        "en": "Unknown category: {value} (events/活动, tools/工具, other/其他).",
        "zh": "未知类别：{value}（活动、工具或其他）。",
    },
    "rewards.err.duplicate_row": {
        "en": "Same group, month and category as row {other}.",
        "zh": "与第 {other} 行的群组、月份和类别重复。",
    },
    "rewards.err.import_rows": {
        "en": "{count} of {total} row(s) have problems; nothing was imported.",
        "zh": "{total} 行中有 {count} 行有问题；未导入任何内容。",
    },
}
