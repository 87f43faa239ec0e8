"""Strings of the handover manuals page (岗位移交说明书)."""

TEMPLATE_EN = """# Handover manual: {role}

## Responsibilities
- What this role answers for, in one or two lines
- Decisions this role takes alone, and those it takes with the group owner

## Routine
### Daily
- e.g. answer open questions in the group
### Weekly
- e.g. post the weekly plan and review last week's numbers
### Monthly
- e.g. report KPIs and plan next month's events

## Key contacts
- Name — what to ask them about — how to reach them (group, handle)

## Tools and accounts
- Tool or account — what it is for — who grants access
- Never write passwords, tokens or keys here: say who holds them instead

## KPIs owned
- KPI — target — where it is reported

## Common pitfalls
- What went wrong before, and how to avoid it

## Handover checklist
- [ ] Read this manual together with the current holder
- [ ] Get access to every tool and account listed above
- [ ] Meet the key contacts
- [ ] Run one week of the routine with the holder watching
"""

TEMPLATE_ZH = """# 岗位移交说明书：{role}

## 岗位职责
- 这个岗位负责什么（一两句话）
- 哪些事可以自己决定，哪些事需要和群主商量

## 日常工作
### 每天
- 例如：回复群里未解答的问题
### 每周
- 例如：发布本周计划，复盘上周数据
### 每月
- 例如：汇报 KPI，规划下月活动

## 关键联系人
- 姓名 —— 找他/她办什么事 —— 联系方式（群、微信号）

## 工具与账号
- 工具或账号 —— 用途 —— 找谁开通权限
- 这里绝不写密码、令牌或密钥：只写由谁保管

## 负责的 KPI
- KPI —— 目标 —— 在哪里汇报

## 常见坑
- 以前踩过的坑，以及怎么避免

## 移交清单
- [ ] 和现任一起通读这份说明书
- [ ] 开通上面列出的所有工具和账号权限
- [ ] 认识每一位关键联系人
- [ ] 在现任陪同下完整跑一周日常工作
"""

STRINGS = {
    "manual.template": {"en": TEMPLATE_EN, "zh": TEMPLATE_ZH},
    "manual.title": {"en": "Handover manuals", "zh": "岗位移交说明书"},
    "manual.intro": {
        "en": "Every role keeps a manual so people can leave and join without the team "
        "losing what it knows. A handover turns the manual's checklist into the "
        "successor's first tasks.",
        "zh": "每个岗位都有一份说明书，这样人员来去时团队的经验不会流失。"
        "移交时，说明书里的移交清单就是接任者的第一批任务。",
    },
    # tabs
    "manual.tab.manuals": {"en": "Manuals", "zh": "说明书"},
    "manual.tab.handovers": {"en": "Handovers", "zh": "移交"},
    # overview of roles
    "manual.stale_days": {
        "en": "Stale after (days without review)",
        "zh": "超过多少天未复核算过期",
    },
    "manual.col.role": {"en": "Role", "zh": "岗位"},
    "manual.col.key": {"en": "Key role", "zh": "关键岗位"},
    "manual.col.version": {"en": "Version", "zh": "版本"},
    "manual.col.author": {"en": "Author", "zh": "作者"},
    "manual.col.saved": {"en": "Saved on", "zh": "保存日期"},
    "manual.col.reviewed": {"en": "Last reviewed", "zh": "最近复核"},
    "manual.col.days": {"en": "Days since review", "zh": "距上次复核天数"},
    "manual.col.status": {"en": "Status", "zh": "状态"},
    "manual.col.note": {"en": "Note", "zh": "备注"},
    "manual.status.missing": {"en": "No manual", "zh": "缺少说明书"},
    "manual.status.stale": {"en": "Stale", "zh": "已过期"},
    "manual.status.current": {"en": "Up to date", "zh": "最新"},
    "manual.summary": {
        "en": "{missing} key role(s) without a manual · {stale} stale manual(s)",
        "zh": "{missing} 个关键岗位缺少说明书 · {stale} 份说明书已过期",
    },
    "manual.chart.title": {
        "en": "Days since each manual was last reviewed",
        "zh": "各岗位说明书距上次复核的天数",
    },
    "manual.pick_role": {"en": "Role", "zh": "岗位"},
    # one manual
    "manual.view.current": {"en": "Current", "zh": "当前版本"},
    "manual.view.edit": {"en": "Edit", "zh": "编辑"},
    "manual.view.history": {"en": "History and diff", "zh": "历史与对比"},
    "manual.view.print": {"en": "Printable", "zh": "打印版"},
    "manual.none_yet": {
        "en": "The role {role} has no manual yet. Open “Edit”: it starts from the template.",
        "zh": "岗位「{role}」还没有说明书。打开「编辑」，会从模板开始写。",
    },
    "manual.meta": {
        "en": "Version {version} · by {author} on {created} · last reviewed {reviewed}",
        "zh": "第 {version} 版 · {author} 于 {created} 保存 · 最近复核 {reviewed}",
    },
    "manual.stale_warning": {
        "en": "Not reviewed for {days} days: check it is still right, then mark it reviewed.",
        "zh": "已有 {days} 天未复核：请确认内容仍然正确，然后标记为已复核。",
    },
    "manual.mark_reviewed": {"en": "Mark reviewed", "zh": "标记为已复核"},
    "manual.reviewed_ok": {"en": "Marked reviewed.", "zh": "已标记为已复核。"},
    "manual.download": {"en": "Download Markdown", "zh": "下载 Markdown"},
    "manual.read_only": {
        "en": "You can read this manual. It is edited by an admin, or by a lead of groups where"
        " someone holds or observes this role.",
        "zh": "你可以查看这份说明书。它由管理员编辑，或由有人担任或观察该岗位的群的负责人编辑。",
    },
    # editing
    "manual.edit.body": {"en": "Manual (Markdown)", "zh": "说明书（Markdown）"},
    "manual.edit.help": {
        "en": "Keep the sections. Checklist items are lines like “- [ ] item” under "
        "“Handover checklist”. Never write passwords, tokens or keys.",
        "zh": "请保留各个章节。移交清单的每一项写成「- [ ] 事项」放在「移交清单」下。"
        "不要写密码、令牌或密钥。",
    },
    "manual.edit.from_template": {
        "en": "Starting from the {language} template.",
        "zh": "从{language}模板开始。",
    },
    "manual.edit.note": {"en": "What changed (optional)", "zh": "修改说明（可选）"},
    "manual.edit.save": {"en": "Save as new version", "zh": "保存为新版本"},
    "manual.edit.saved": {"en": "Saved version {version}.", "zh": "已保存第 {version} 版。"},
    "manual.edit.reset": {"en": "Start again from the template", "zh": "从模板重新开始"},
    "manual.secret.warning": {
        "en": "This text looks like it holds {count} secret(s). Manuals must not keep "
        "passwords, tokens or keys: write who holds them instead.",
        "zh": "这段内容里似乎有 {count} 处密码或密钥。说明书里不能保存密码、令牌或密钥，"
        "请改为写明由谁保管。",
    },
    "manual.secret.save_anyway": {
        "en": "These are not real secrets: save anyway",
        "zh": "这些不是真实的密码或密钥：仍然保存",
    },
    "manual.secret.back": {"en": "Go back and edit", "zh": "返回修改"},
    "manual.secret.line": {"en": "Line {line}", "zh": "第 {line} 行"},
    "manual.secret.labelled": {
        "en": "a password, token or key after its label ({excerpt})",
        "zh": "标注后面跟着的密码、令牌或密钥（{excerpt}）",
    },
    "manual.secret.known_key": {
        "en": "an API key or access token ({excerpt})",
        "zh": "API 密钥或访问令牌（{excerpt}）",
    },
    "manual.secret.private_key": {
        "en": "a private key block ({excerpt})",
        "zh": "私钥内容（{excerpt}）",
    },
    "manual.secret.random_token": {
        "en": "a long random-looking token ({excerpt})",
        "zh": "一串很长的随机字符（{excerpt}）",
    },
    # history and diff
    "manual.history.versions": {"en": "Versions", "zh": "版本列表"},
    "manual.history.view": {"en": "Show version", "zh": "查看版本"},
    "manual.history.version_label": {
        "en": "v{version} · {created} · {author}",
        "zh": "第 {version} 版 · {created} · {author}",
    },
    "manual.history.compare": {"en": "Compare two versions", "zh": "对比两个版本"},
    "manual.history.old": {"en": "Older", "zh": "旧版本"},
    "manual.history.new": {"en": "Newer", "zh": "新版本"},
    "manual.history.only_one": {
        "en": "Only one version so far: save another to compare.",
        "zh": "目前只有一个版本：再保存一次即可对比。",
    },
    "manual.diff.same": {"en": "The two versions are identical.", "zh": "这两个版本内容相同。"},
    "manual.diff.counts": {
        "en": "{added} line(s) added · {removed} removed · {changed} changed",
        "zh": "新增 {added} 行 · 删除 {removed} 行 · 修改 {changed} 行",
    },
    "manual.diff.unified": {"en": "Unified", "zh": "合并视图"},
    "manual.diff.side": {"en": "Side by side", "zh": "并排视图"},
    "manual.diff.layout": {"en": "Diff layout", "zh": "对比方式"},
    "manual.diff.old_no": {"en": "Old #", "zh": "旧行号"},
    "manual.diff.old": {"en": "Older text", "zh": "旧内容"},
    "manual.diff.new_no": {"en": "New #", "zh": "新行号"},
    "manual.diff.new": {"en": "Newer text", "zh": "新内容"},
    "manual.diff.change": {"en": "Change", "zh": "变化"},
    "manual.change.equal": {"en": "same", "zh": "未变"},
    "manual.change.replace": {"en": "changed", "zh": "修改"},
    "manual.change.delete": {"en": "removed", "zh": "删除"},
    "manual.change.insert": {"en": "added", "zh": "新增"},
    "manual.change.skip": {
        "en": "{count} unchanged lines",
        "zh": "{count} 行未变",
    },
    # printable
    "manual.print.hint": {
        "en": "Use your browser's Print (Ctrl+P / ⌘P) to print or save this as PDF.",
        "zh": "用浏览器的打印功能（Ctrl+P / ⌘P）打印或另存为 PDF。",
    },
    "manual.print.open": {
        "en": "Open the printable view (new tab)",
        "zh": "打开打印版（新标签页）",
    },
    "manual.print.back": {"en": "Back to the manuals", "zh": "返回说明书"},
    "manual.print.missing": {
        "en": "There is no manual for the role “{role}” to print.",
        "zh": "岗位“{role}”没有可打印的说明书。",
    },
    "manual.print.header": {
        "en": "{role} — handover manual, version {version} ({created})",
        "zh": "{role} —— 岗位移交说明书，第 {version} 版（{created}）",
    },
    # handovers
    "manual.handover.start": {"en": "Start a handover", "zh": "发起移交"},
    "manual.handover.group": {"en": "Group", "zh": "群组"},
    "manual.handover.role": {"en": "Role", "zh": "岗位"},
    "manual.handover.from": {"en": "From (current holder)", "zh": "移交人（现任）"},
    "manual.handover.to": {"en": "To (successor)", "zh": "接任者"},
    "manual.handover.nobody": {"en": "(vacant role)", "zh": "（岗位空缺）"},
    "manual.handover.submit": {"en": "Start handover", "zh": "发起移交"},
    "manual.handover.started": {"en": "Handover started.", "zh": "移交已发起。"},
    "manual.handover.no_manual": {
        "en": "The role {role} has no manual yet: write it first on the Manuals tab.",
        "zh": "岗位「{role}」还没有说明书：请先在「说明书」页签写好。",
    },
    "manual.handover.open": {"en": "Open handovers", "zh": "进行中的移交"},
    "manual.handover.none_open": {
        "en": "No handover under way. Start one above when someone takes over a role.",
        "zh": "目前没有进行中的移交。有人接手岗位时，在上方发起移交。",
    },
    "manual.handover.closed": {"en": "Closed handovers", "zh": "已结束的移交"},
    "manual.handover.headline": {
        "en": "{role} in {group}: {from_name} → {to_name}",
        "zh": "{group}的{role}：{from_name} → {to_name}",
    },
    "manual.handover.progress": {
        "en": "{done} of {total} items done · started {started} · manual v{version}",
        "zh": "已完成 {done}/{total} 项 · {started} 发起 · 说明书第 {version} 版",
    },
    "manual.handover.flag.holder_left": {
        "en": "The holder has left: finish this with the manual and the key contacts.",
        "zh": "移交人已离开：请依靠说明书和关键联系人完成移交。",
    },
    "manual.handover.flag.successor_left": {
        "en": "The successor has left: cancel this handover and start one to someone else.",
        "zh": "接任者已离开：请取消本次移交，再移交给其他人。",
    },
    "manual.handover.overdue": {
        "en": "Open for {days} days: check what is holding the successor up.",
        "zh": "已进行 {days} 天：请了解接任者卡在哪里。",
    },
    "manual.metric.open": {"en": "Open", "zh": "进行中"},
    "manual.metric.overdue": {"en": "Open too long", "zh": "拖延中"},
    "manual.metric.acknowledged": {"en": "Acknowledged", "zh": "已确认"},
    "manual.handover.save_items": {"en": "Save checklist", "zh": "保存清单进度"},
    "manual.handover.items_saved": {"en": "Checklist saved.", "zh": "清单进度已保存。"},
    "manual.handover.no_items": {
        "en": "The manual had no checklist items: the successor can acknowledge directly.",
        "zh": "说明书里没有清单项：接任者可以直接确认。",
    },
    "manual.handover.acknowledge": {
        "en": "Successor acknowledges",
        "zh": "接任者确认接手",
    },
    "manual.handover.acknowledged": {"en": "Handover acknowledged.", "zh": "已确认接手。"},
    "manual.handover.cancel": {"en": "Cancel handover", "zh": "取消移交"},
    "manual.handover.cancel_confirm": {
        "en": "Cancel the handover of {role} in {group} to {to_name}? It stays in the history.",
        "zh": "确定取消 {group} 的{role}移交给 {to_name} 吗？记录会保留在历史中。",
    },
    "manual.handover.cancelled": {"en": "Handover cancelled.", "zh": "移交已取消。"},
    "manual.handover.view_manual": {"en": "Pinned manual", "zh": "所依据的说明书"},
    "manual.col.group": {"en": "Group", "zh": "群组"},
    "manual.col.from": {"en": "From", "zh": "移交人"},
    "manual.col.to": {"en": "To", "zh": "接任者"},
    "manual.col.started": {"en": "Started", "zh": "发起日期"},
    "manual.col.progress": {"en": "Progress", "zh": "进度"},
    "manual.col.closed": {"en": "Closed", "zh": "结束日期"},
    "manual.col.outcome": {"en": "Outcome", "zh": "结果"},
    "manual.outcome.acknowledged": {"en": "Acknowledged", "zh": "已确认"},
    "manual.outcome.cancelled": {"en": "Cancelled", "zh": "已取消"},
    "manual.col.acknowledged_by": {"en": "Acknowledged by", "zh": "确认人"},
    "manual.handover.on_behalf": {
        "en": "{user} on behalf of {name}",
        "zh": "{user}代{name}确认",
    },
    "manual.handover.acknowledge_on_behalf": {
        "en": "Acknowledge on behalf of {name}",
        "zh": "代{name}确认接手",
    },
    "manual.handover.successor_only": {
        "en": "Only {name}, the successor, or an admin on their behalf acknowledges this handover.",
        "zh": "这次移交只能由接任人{name}本人确认，或由管理员代其确认。",
    },
    "manual.handover.no_groups": {
        "en": "There is no group you can edit.",
        "zh": "没有你可以编辑的群组。",
    },
    # errors
    "manual.err.empty": {"en": "The manual is empty.", "zh": "说明书内容为空。"},
    "manual.err.too_long": {
        "en": "The manual is too long ({chars} characters; at most {max}).",
        "zh": "说明书太长（{chars} 个字符，最多 {max} 个）。",
    },
    "manual.err.unchanged": {
        "en": "Nothing changed since version {version}.",
        "zh": "与第 {version} 版相比没有任何修改。",
    },
    "manual.err.secrets": {
        "en": "Not saved: {count} thing(s) look like passwords, tokens or keys.",
        "zh": "未保存：有 {count} 处内容像是密码、令牌或密钥。",
    },
    "manual.err.no_such_role": {"en": "There is no role {role}.", "zh": "不存在岗位 {role}。"},
    "manual.err.no_manual": {
        "en": "This role has no manual yet.",
        "zh": "这个岗位还没有说明书。",
    },
    "manual.err.no_such_version": {
        "en": "There is no manual version {version}.",
        "zh": "不存在说明书版本 {version}。",
    },
    "manual.err.no_such_person": {
        "en": "There is no person {person}.",
        "zh": "不存在人员 {person}。",
    },
    "manual.err.no_such_handover": {
        "en": "There is no handover {handover}.",
        "zh": "不存在移交 {handover}。",
    },
    "manual.err.no_such_item": {
        "en": "There is no checklist item {item}.",
        "zh": "不存在清单项 {item}。",
    },
    "manual.err.group_archived": {
        "en": "That group is archived or does not exist.",
        "zh": "该群组已归档或不存在。",
    },
    "manual.err.successor_left": {
        "en": "{person} has left the team and cannot take over a role.",
        "zh": "{person} 已离开团队，不能接手岗位。",
    },
    "manual.err.same_person": {
        "en": "{person} cannot hand a role over to themselves.",
        "zh": "{person} 不能把岗位移交给自己。",
    },
    "manual.err.handover_closed": {
        "en": "This handover was already closed (perhaps by someone else). Reload to see it.",
        "zh": "这次移交已经结束（可能是别人操作的）。请刷新查看。",
    },
    "manual.err.items_open": {
        "en": "{count} checklist item(s) are still open: tick them (and save) before "
        "the successor acknowledges.",
        "zh": "还有 {count} 个清单项未完成：请先勾选并保存，接任者才能确认。",
    },
    # alerts
    "manual.alert.no_manual": {
        "en": "Key role {role} has no handover manual.",
        "zh": "关键岗位「{role_zh}」还没有移交说明书。",
    },
    "manual.alert.stale": {
        "en": "The manual of {role} has not been reviewed for {days} days.",
        "zh": "「{role_zh}」的说明书已有 {days} 天未复核。",
    },
    "manual.alert.handover_overdue": {
        "en": "Handover of {role} in {group} to {to} open for {days} days.",
        "zh": "{group} 的「{role_zh}」移交给 {to} 已进行 {days} 天仍未确认。",
    },
    "manual.alert.holder_left": {
        "en": "The holder left before handing {role} in {group} over to {to}.",
        "zh": "{group} 的「{role_zh}」移交人已离开，{to} 尚未完成接手。",
    },
    "manual.alert.successor_left": {
        "en": "{to}, successor for {role} in {group}, has left: hand over to someone else.",
        "zh": "{group} 的「{role_zh}」接任者 {to} 已离开：请移交给其他人。",
    },
}
