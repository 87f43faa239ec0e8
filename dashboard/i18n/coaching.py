"""Strings of the newcomers-and-coaches page (运营教练与新人)."""

STRINGS = {
    "coaching.title": {"en": "Newcomers & coaches", "zh": "新人与教练"},
    "coaching.caption": {
        "en": "Every newcomer learns by trial and error with an operations coach, and improves "
        "through retrospectives: goal → result → causes → lessons.",
        "zh": "每位新人在运营教练的带领下试错成长，并通过复盘不断改进：目标 → 结果 → 原因 → 经验。",
    },
    "coaching.read_only": {
        "en": "You can look but not change: your account is read-only.",
        "zh": "你的账号只能查看，不能修改。",
    },
    # alerts
    "coaching.alerts.title": {"en": "Needs attention", "zh": "待处理事项"},
    "coaching.alerts.none": {
        "en": "All clear: every newcomer has a coach and a recent retrospective.",
        "zh": "一切正常：每位新人都有教练，且近期做过复盘。",
    },
    "coaching.alerts.settings": {"en": "Alert thresholds", "zh": "提醒阈值"},
    "coaching.alerts.unassigned_days": {
        "en": "Days a newcomer may wait for a coach",
        "zh": "新人等待分配教练的天数上限",
    },
    "coaching.alerts.retro_days": {
        "en": "Days a newcomer may go without a retrospective",
        "zh": "新人未复盘的天数上限",
    },
    "coaching.alert.no_coach": {
        "en": "{person} has had no coach for {days} days.",
        "zh": "{person} 已经 {days} 天没有教练。",
    },
    "coaching.alert.no_retro": {
        "en": "{person} has had no retrospective for {days} days.",
        "zh": "{person} 已经 {days} 天没有复盘。",
    },
    "coaching.alert.over_capacity": {
        "en": "{coach} coaches {load} newcomers but has room for {capacity}.",
        "zh": "{coach} 正在带 {load} 位新人，超出上限 {capacity} 位。",
    },
    # metrics and tabs
    "coaching.metric.newcomers": {"en": "Newcomers", "zh": "新人"},
    "coaching.metric.without_coach": {"en": "Without a coach", "zh": "没有教练"},
    "coaching.metric.free_places": {"en": "Free coaching places", "zh": "教练空余名额"},
    "coaching.tab.newcomers": {"en": "Newcomers", "zh": "新人"},
    "coaching.tab.coaches": {"en": "Coaches", "zh": "教练"},
    "coaching.tab.retros": {"en": "Retrospectives", "zh": "复盘"},
    # columns
    "coaching.col.name": {"en": "Name", "zh": "姓名"},
    "coaching.col.joined_on": {"en": "Joined", "zh": "加入日期"},
    "coaching.col.days": {"en": "Days since joining", "zh": "加入天数"},
    "coaching.col.coach": {"en": "Coach", "zh": "教练"},
    "coaching.col.last_retro": {"en": "Last retrospective", "zh": "最近复盘"},
    "coaching.col.retro_count": {"en": "Retrospectives", "zh": "复盘次数"},
    "coaching.col.groups": {"en": "Groups", "zh": "所在群组"},
    "coaching.col.newcomer": {"en": "Newcomer", "zh": "新人"},
    "coaching.col.load_after": {"en": "Coach's load after", "zh": "分配后教练负荷"},
    "coaching.col.score": {"en": "Score", "zh": "匹配分"},
    "coaching.col.reasons": {"en": "Why", "zh": "推荐理由"},
    "coaching.col.free": {"en": "Free places", "zh": "空余名额"},
    "coaching.col.load": {"en": "Newcomers coached", "zh": "在带新人"},
    "coaching.col.capacity": {"en": "Capacity", "zh": "名额上限"},
    "coaching.col.graduated": {"en": "Graduated so far", "zh": "已带出师"},
    "coaching.col.mentees": {"en": "Current newcomers", "zh": "当前新人"},
    "coaching.no_coach": {"en": "⚠ no coach", "zh": "⚠ 无教练"},
    "coaching.never": {"en": "never", "zh": "从未"},
    "coaching.newcomers.empty": {
        "en": "No newcomers right now. People you add with the status “Newcomer” appear here.",
        "zh": "目前没有新人。状态为“新人”的成员会显示在这里。",
    },
    # auto-assign
    "coaching.auto.title": {"en": "Auto-assign coaches", "zh": "自动分配教练"},
    "coaching.auto.help": {
        "en": "Proposes a coach for every newcomer without one, spreading the load evenly "
        "within each coach's capacity. Nothing changes until you apply the plan.",
        "zh": "为所有没有教练的新人推荐教练，在每位教练的名额内均衡分配。确认应用前不会做任何修改。",
    },
    "coaching.auto.propose": {"en": "Propose a plan", "zh": "生成分配方案"},
    "coaching.auto.nothing": {
        "en": "Every newcomer already has a coach.",
        "zh": "每位新人都已经有教练了。",
    },
    "coaching.auto.no_room": {
        "en": "No coach has a free place. Raise a coach's capacity or add coaches first.",
        "zh": "没有教练还有空余名额。请先提高教练的名额上限或增加教练。",
    },
    "coaching.auto.left_over": {
        "en": "{count} newcomer(s) stay without a coach: no coach has room left.",
        "zh": "还有 {count} 位新人无法分配：所有教练都已满额。",
    },
    "coaching.auto.plan": {
        "en": "Proposed plan ({count} assignments)",
        "zh": "分配方案（共 {count} 项）",
    },
    "coaching.auto.apply": {"en": "Apply this plan", "zh": "应用此方案"},
    "coaching.auto.discard": {"en": "Discard", "zh": "放弃"},
    "coaching.auto.applied": {
        "en": "{count} newcomers now have a coach.",
        "zh": "已为 {count} 位新人分配教练。",
    },
    # one newcomer
    "coaching.manage.title": {"en": "Coach for one newcomer", "zh": "为新人指定教练"},
    "coaching.manage.newcomer": {"en": "Newcomer", "zh": "新人"},
    "coaching.manage.current": {
        "en": "Coached by **{coach}** since {since}.",
        "zh": "自 {since} 起由 **{coach}** 指导。",
    },
    "coaching.manage.none": {
        "en": "No coach yet: pick one of the suggestions below.",
        "zh": "尚无教练：请从下方推荐中选择一位。",
    },
    "coaching.manage.suggestions": {"en": "Suggested coaches", "zh": "推荐教练"},
    "coaching.manage.no_suggestions": {
        "en": "No eligible coach has a free place.",
        "zh": "没有符合条件且有空余名额的教练。",
    },
    "coaching.manage.coach": {"en": "Coach", "zh": "教练"},
    "coaching.manage.assign": {"en": "Assign coach", "zh": "指定教练"},
    "coaching.manage.reassign": {"en": "Change coach", "zh": "更换教练"},
    "coaching.manage.assigned": {
        "en": "{coach} now coaches {person}.",
        "zh": "{coach} 现在指导 {person}。",
    },
    "coaching.manage.end": {"en": "End this coaching…", "zh": "结束指导关系…"},
    "coaching.end.title": {"en": "End the coaching?", "zh": "结束指导关系？"},
    "coaching.end.body": {
        "en": "{person} will have no coach until you assign a new one. To celebrate progress, "
        "graduate the newcomer instead.",
        "zh": "{person} 将没有教练，直到你重新指定。若新人已经成长起来，请改用“出师”。",
    },
    "coaching.end.confirm": {"en": "End coaching", "zh": "结束指导"},
    "coaching.end.done": {"en": "Coaching ended.", "zh": "指导关系已结束。"},
    "coaching.reason.free": {
        "en": "{free} of {capacity} places free",
        "zh": "{capacity} 个名额中还空 {free} 个",
    },
    "coaching.reason.same_group": {"en": "same group: {group}", "zh": "同在 {group}"},
    "coaching.reason.core_group": {
        "en": "in the core group above: {group}",
        "zh": "在上级核心群：{group}",
    },
    "coaching.reason.record": {
        "en": "{count} newcomer(s) graduated with them",
        "zh": "已带出师 {count} 位新人",
    },
    # coaches
    "coaching.coaches.help": {
        "en": "Who may coach: active people holding the coach role, or sitting in a core or "
        "management group.",
        "zh": "可担任教练的人：担任运营教练岗位、或在核心群/管理群中的在岗成员。",
    },
    "coaching.coaches.empty": {
        "en": "Nobody can coach yet: give someone the coach role in the org structure.",
        "zh": "暂无可担任教练的人：请在组织架构中为成员指定“运营教练”岗位。",
    },
    "coaching.chart.load": {"en": "Coaching", "zh": "在带"},
    "coaching.chart.capacity": {"en": "Capacity", "zh": "上限"},
    "coaching.chart.coach": {"en": "Coach", "zh": "教练"},
    "coaching.chart.count": {"en": "Newcomers", "zh": "新人数"},
    # retrospectives
    "coaching.retro.timeline": {"en": "Retrospectives over time", "zh": "复盘时间线"},
    "coaching.retro.person": {"en": "Newcomer", "zh": "新人"},
    "coaching.retro.empty": {
        "en": "No retrospective yet. After the newcomer's next try, log one below.",
        "zh": "还没有复盘记录。新人下一次尝试后，请在下方记录复盘。",
    },
    "coaching.retro.entry": {"en": "{day} · by {author}", "zh": "{day} · 记录人：{author}"},
    "coaching.retro.final": {"en": "final", "zh": "出师复盘"},
    "coaching.retro.add_title": {"en": "Log a retrospective", "zh": "记录一次复盘"},
    "coaching.retro.held_on": {"en": "Held on", "zh": "复盘日期"},
    "coaching.retro.author": {"en": "Written by", "zh": "记录人"},
    "coaching.retro.save": {"en": "Save retrospective", "zh": "保存复盘"},
    "coaching.retro.saved": {"en": "Retrospective saved.", "zh": "复盘已保存。"},
    "coaching.retro.kind": {"en": "Kind", "zh": "类型"},
    "coaching.retro.regular": {"en": "regular", "zh": "常规复盘"},
    "coaching.step.goal": {"en": "Goal — what did we aim for?", "zh": "目标：当初想达到什么？"},
    "coaching.step.result": {"en": "Result — what happened?", "zh": "结果：实际发生了什么？"},
    "coaching.step.causes": {"en": "Causes — why?", "zh": "原因：为什么会这样？"},
    "coaching.step.lessons": {
        "en": "Lessons — what will we do next time?",
        "zh": "经验：下次怎么做？",
    },
    "coaching.grad.title": {"en": "Graduate", "zh": "出师"},
    "coaching.grad.help": {
        "en": "The newcomer becomes an active member; the coaching closes with this final "
        "retrospective.",
        "zh": "新人将转为在岗成员，指导关系随这次出师复盘一起结束。",
    },
    "coaching.grad.submit": {"en": "Graduate now", "zh": "确认出师"},
    "coaching.grad.done": {
        "en": "{person} graduated and is now an active member.",
        "zh": "{person} 已出师，成为在岗成员。",
    },
    "coaching.history.title": {"en": "Coaches so far", "zh": "指导记录"},
    "coaching.col.start_on": {"en": "From", "zh": "开始"},
    "coaching.col.end_on": {"en": "Until", "zh": "结束"},
    "coaching.col.end_reason": {"en": "Ended because", "zh": "结束原因"},
    "coaching.end_reason.graduated": {"en": "graduated", "zh": "出师"},
    "coaching.end_reason.reassigned": {"en": "reassigned", "zh": "更换教练"},
    "coaching.end_reason.ended": {"en": "ended", "zh": "已结束"},
    "coaching.end_reason.left": {"en": "left the team", "zh": "已离开团队"},
    # errors
    "coaching.err.no_such_person": {
        "en": "That person no longer exists.",
        "zh": "该成员不存在。",
    },
    "coaching.err.no_such_coaching": {
        "en": "That coaching no longer exists.",
        "zh": "该指导关系不存在。",
    },
    "coaching.err.already_ended": {
        "en": "Someone already ended this coaching.",
        "zh": "该指导关系已被他人结束。",
    },
    "coaching.err.self": {"en": "Nobody can coach themselves.", "zh": "任何人都不能指导自己。"},
    "coaching.err.coach_left": {
        "en": "{coach} has left the team and cannot coach.",
        "zh": "{coach} 已离开团队，不能担任教练。",
    },
    "coaching.err.not_eligible": {
        "en": "{coach} cannot coach: give them the coach role or a seat in a core group first.",
        "zh": "{coach} 不能担任教练：请先为其指定运营教练岗位，或让其加入核心群。",
    },
    "coaching.err.over_capacity": {
        "en": "{coach} already coaches as many newcomers as they can ({capacity}).",
        "zh": "{coach} 的新人名额已满（{capacity} 位）。",
    },
    "coaching.err.newcomer_left": {
        "en": "{person} has left the team.",
        "zh": "{person} 已离开团队。",
    },
    "coaching.err.not_newcomer": {
        "en": "{person} is not a newcomer any more.",
        "zh": "{person} 已经不是新人。",
    },
    "coaching.err.already_coached": {
        "en": "{person} already has a coach ({coach}); change the coach instead.",
        "zh": "{person} 已有教练（{coach}），请改用“更换教练”。",
    },
    "coaching.err.no_open_coaching": {
        "en": "{person} has no coach to replace; assign one instead.",
        "zh": "{person} 目前没有教练，请直接指定。",
    },
    "coaching.err.same_coach": {
        "en": "{coach} already coaches {person}.",
        "zh": "{coach} 已经在指导 {person}。",
    },
    "coaching.err.steps_empty": {
        "en": "Fill in all four steps: goal, result, causes and lessons.",
        "zh": "请填写复盘的全部四步：目标、结果、原因和经验。",
    },
    "coaching.err.future_date": {
        "en": "A retrospective cannot be dated in the future ({day}).",
        "zh": "复盘日期不能晚于今天（{day}）。",
    },
    # onboarding plans
    "coaching.alert.steps_overdue": {
        "en": "{person} has {count} onboarding step(s) overdue, the first due {day}: {step}",
        "zh": "{person} 有 {count} 个新人计划步骤已逾期，最早一项 {day} 到期：{step}",
    },
    "overview.kind.onboarding_step_overdue": {
        "en": "Onboarding steps overdue",
        "zh": "逾期的新人计划步骤",
    },
    "coaching.tab.onboarding": {"en": "Onboarding plans", "zh": "新人计划"},
    "coaching.plan.week_title": {"en": "Due this week", "zh": "本周到期"},
    "coaching.plan.week_help": {
        "en": "Open onboarding steps that are overdue or due in the next {days} days.",
        "zh": "已逾期或未来 {days} 天内到期、尚未完成的新人计划步骤。",
    },
    "coaching.plan.week_none": {
        "en": "No onboarding step is due this week.",
        "zh": "本周没有到期的新人计划步骤。",
    },
    "coaching.plan.person": {"en": "Plan of", "zh": "查看谁的计划"},
    "coaching.plan.none": {
        "en": "{person} has no onboarding plan (their role has no template).",
        "zh": "{person} 没有新人计划（其岗位还没有计划模板）。",
    },
    "coaching.plan.progress": {
        "en": "{done} of {total} steps done · template {role}, version {version} · started {day}",
        "zh": "已完成 {done}/{total} 步 · 模板：{role}，第 {version} 版 · {day} 开始",
    },
    "coaching.plan.step_label": {
        "en": "{text} — {owner}, due {day}",
        "zh": "{text}（{owner}，{day} 到期）",
    },
    "coaching.plan.section": {
        "en": "See the handover manual, section “{section}”",
        "zh": "参见岗位移交说明书「{section}」一节",
    },
    "coaching.plan.ticked": {"en": "Step ticked off: {text}", "zh": "已完成步骤：{text}"},
    "coaching.plan.unticked": {"en": "Step opened again: {text}", "zh": "已重新打开步骤：{text}"},
    "coaching.plan.start": {"en": "Start a plan", "zh": "启动计划"},
    "coaching.plan.start_role": {"en": "From the template of", "zh": "使用哪个岗位的模板"},
    "coaching.plan.started": {
        "en": "The onboarding plan of {person} started.",
        "zh": "{person} 的新人计划已启动。",
    },
    "coaching.col.step": {"en": "Step", "zh": "步骤"},
    "coaching.col.owner": {"en": "Who", "zh": "负责人"},
    "coaching.col.due_on": {"en": "Due", "zh": "到期日"},
    "coaching.col.status": {"en": "Status", "zh": "状态"},
    "coaching.col.day_offset": {"en": "Day after joining", "zh": "入群后第几天"},
    "coaching.col.manual_section": {"en": "Manual section", "zh": "说明书章节"},
    "coaching.owner.newcomer": {"en": "newcomer", "zh": "新人"},
    "coaching.owner.coach": {"en": "coach", "zh": "教练"},
    "coaching.owner.lead": {"en": "lead", "zh": "群主"},
    "coaching.step_status.done": {"en": "done", "zh": "已完成"},
    "coaching.step_status.overdue": {"en": "overdue", "zh": "已逾期"},
    "coaching.step_status.this_week": {"en": "due this week", "zh": "本周到期"},
    "coaching.step_status.later": {"en": "later", "zh": "稍后"},
    "coaching.template.title": {"en": "Plan templates per role", "zh": "各岗位的计划模板"},
    "coaching.template.help": {
        "en": "Each save is a new version; plans already started keep their steps.",
        "zh": "每次保存都是一个新版本；已启动的计划保持原来的步骤。",
    },
    "coaching.template.role": {"en": "Role", "zh": "岗位"},
    "coaching.template.none": {
        "en": "This role has no template yet: add its steps below.",
        "zh": "这个岗位还没有模板：请在下面添加步骤。",
    },
    "coaching.template.version": {
        "en": "Version {version}, saved {day} by {author}",
        "zh": "第 {version} 版，{day} 由 {author} 保存",
    },
    "coaching.template.note": {"en": "What changed", "zh": "修改说明"},
    "coaching.template.save": {"en": "Save as a new version", "zh": "保存为新版本"},
    "coaching.template.saved": {
        "en": "Template saved as version {version}.",
        "zh": "模板已保存为第 {version} 版。",
    },
    "coaching.template.versions": {"en": "Earlier versions", "zh": "历史版本"},
    "coaching.template.read_only": {
        "en": "You can read this template; a lead whose groups hold or observe the role edits it.",
        "zh": "你可以查看这个模板；由其群组中有人担任或观察该岗位的负责人编辑。",
    },
    "coaching.grad.override": {
        "en": "Reason to graduate before the plan is done (leads only)",
        "zh": "计划未完成即出师的理由（仅限负责人）",
    },
    "coaching.grad.plan_open": {
        "en": "{count} step(s) of the onboarding plan are still open: graduating now needs a reason.",
        "zh": "新人计划还有 {count} 个步骤未完成：现在出师需要填写理由。",
    },
    "coaching.err.plan_not_done": {
        "en": "{person} still has {count} open onboarding step(s): finish the plan, or give a "
        "reason to graduate anyway.",
        "zh": "{person} 的新人计划还有 {count} 个步骤未完成：请先完成计划，或填写提前出师的理由。",
    },
    "coaching.err.template_rows": {
        "en": "{count} problem(s) in the steps; nothing was saved.",
        "zh": "步骤中有 {count} 处问题，未保存任何内容。",
    },
    "coaching.err.step_text_empty": {"en": "The step has no text.", "zh": "步骤内容为空。"},
    "coaching.err.step_text_long": {
        "en": "The step is longer than {max} characters.",
        "zh": "步骤超过 {max} 个字符。",
    },
    "coaching.err.step_offset": {
        "en": "The day must be a whole number from 0 to {max}.",
        "zh": "天数必须是 0 到 {max} 之间的整数。",
    },
    "coaching.err.step_owner": {
        "en": "Choose who does it: newcomer, coach or lead.",
        "zh": "请选择负责人：新人、教练或群主。",
    },
    "coaching.err.template_empty": {
        "en": "A template needs at least one step.",
        "zh": "模板至少需要一个步骤。",
    },
    "coaching.err.template_long": {
        "en": "A template has at most {max} steps.",
        "zh": "模板最多 {max} 个步骤。",
    },
    "coaching.err.template_unchanged": {
        "en": "Nothing changed since version {version}.",
        "zh": "与第 {version} 版相比没有任何修改。",
    },
    "coaching.err.no_such_role": {
        "en": "Role #{role} does not exist.",
        "zh": "岗位 #{role} 不存在。",
    },
    "coaching.err.no_template": {
        "en": "The role {role} has no onboarding template yet.",
        "zh": "岗位 {role} 还没有新人计划模板。",
    },
    "coaching.err.plan_exists": {
        "en": "{person} already has an onboarding plan.",
        "zh": "{person} 已经有新人计划。",
    },
    "coaching.err.no_such_step": {
        "en": "Step #{step} does not exist.",
        "zh": "步骤 #{step} 不存在。",
    },
    "coaching.err.plan_closed": {
        "en": "This plan is closed; its steps no longer change.",
        "zh": "这个计划已关闭，步骤不能再修改。",
    },
    "coaching.col.version": {"en": "Version", "zh": "版本"},
    "coaching.col.author": {"en": "Saved by", "zh": "保存人"},
    "coaching.col.steps": {"en": "Steps", "zh": "步骤数"},
}
