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
}
