"""Strings of the talent bench (人才梯队) page and its rules."""

STRINGS = {
    "pipeline.title": {"en": "Talent bench", "zh": "人才梯队"},
    "pipeline.caption": {
        "en": "Candidates move one step at a time: spotted → observer → trial → ready → "
        "appointed (one step back is allowed; any open stage may be dropped with a reason). "
        "Appointing hands the role over in one go.",
        "zh": "候选人每次只能前进一步：发现 → 观察员 → 试岗 → 可接任 → 已任命（允许后退一步；"
        "任何进行中的阶段都可以填写原因后放弃）。任命时一次完成岗位交接。",
    },
    # enumerations
    "pipeline.stage.spotted": {"en": "Spotted", "zh": "已发现"},
    "pipeline.stage.observer": {"en": "Observer", "zh": "观察员"},
    "pipeline.stage.trial": {"en": "On trial", "zh": "试岗中"},
    "pipeline.stage.ready": {"en": "Ready", "zh": "可接任"},
    "pipeline.stage.appointed": {"en": "Appointed", "zh": "已任命"},
    "pipeline.stage.dropped": {"en": "Dropped", "zh": "已放弃"},
    "pipeline.readiness.now": {"en": "Ready now", "zh": "随时可接任"},
    "pipeline.readiness.6m": {"en": "Within 6 months", "zh": "6 个月内"},
    "pipeline.readiness.12m": {"en": "Within 12 months", "zh": "12 个月内"},
    "pipeline.readiness.later": {"en": "Later", "zh": "更久以后"},
    "pipeline.drop.declined": {"en": "Declined", "zh": "本人婉拒"},
    "pipeline.drop.not_fit": {"en": "Not a fit", "zh": "不适合该岗位"},
    "pipeline.drop.left": {"en": "Left the team", "zh": "已离开团队"},
    "pipeline.drop.role_filled": {"en": "Role filled otherwise", "zh": "岗位已由他人接任"},
    "pipeline.drop.other": {"en": "Other", "zh": "其他"},
    "pipeline.status.vacant": {"en": "Vacant", "zh": "空缺"},
    "pipeline.status.no_observer": {"en": "At risk: nobody shadowing", "zh": "有风险：无观察员"},
    "pipeline.status.no_ready": {"en": "At risk: no ready successor", "zh": "有风险：无可接任者"},
    "pipeline.status.covered": {"en": "Covered", "zh": "已覆盖"},
    # filters and metrics
    "pipeline.filter.roles": {"en": "Roles", "zh": "岗位"},
    "pipeline.filter.tiers": {"en": "Tiers", "zh": "层级"},
    "pipeline.filter.groups": {"en": "Groups", "zh": "群组"},
    "pipeline.metric.positions": {"en": "Key positions", "zh": "关键岗位数"},
    "pipeline.metric.at_risk": {"en": "At risk", "zh": "有风险"},
    "pipeline.metric.ready": {"en": "Ready-now successors", "zh": "随时可接任的人"},
    "pipeline.metric.open": {"en": "Open candidacies", "zh": "进行中的候选"},
    "pipeline.tab.board": {"en": "Board", "zh": "看板"},
    "pipeline.tab.coverage": {"en": "Bench coverage", "zh": "梯队覆盖"},
    "pipeline.tab.channels": {"en": "Discovery channels", "zh": "发现渠道"},
    "pipeline.tab.roles": {"en": "Roles", "zh": "岗位目录"},
    # board
    "pipeline.board.help": {
        "en": "Drag a card to the next (or previous) stage; it is saved at once. Dropping to "
        "“Dropped” needs a reason: use the form below. Appointed and dropped columns show the "
        "last 90 days.",
        "zh": "把卡片拖到下一个（或上一个）阶段即可保存。放弃需要填写原因，请使用下方表单。"
        "“已任命”和“已放弃”两列只显示最近 90 天。",
    },
    "pipeline.board.empty": {
        "en": "No candidates match these filters. Add one with “Add a candidate” below.",
        "zh": "没有符合筛选条件的候选人。请在下方“添加候选人”中添加。",
    },
    "pipeline.board.moved": {
        "en": "{person}: {from_stage} → {to_stage}",
        "zh": "{person}：{from_stage} → {to_stage}",
    },
    "pipeline.board.refused": {
        "en": "{person} stays at {from_stage}. {reason}",
        "zh": "{person} 仍在“{from_stage}”。{reason}",
    },
    "pipeline.err.drop_on_board": {
        "en": "Dropping a candidate needs a reason — use “Move a candidate” below.",
        "zh": "放弃候选人需要填写原因，请使用下方的“移动候选人”。",
    },
    "pipeline.card.emergency": {"en": "⚡ emergency", "zh": "⚡ 应急"},
    # move form
    "pipeline.move.title": {"en": "Move a candidate", "zh": "移动候选人"},
    "pipeline.move.candidacy": {"en": "Candidate", "zh": "候选人"},
    "pipeline.move.to_stage": {"en": "To stage", "zh": "目标阶段"},
    "pipeline.move.drop_reason": {"en": "Reason (when dropping)", "zh": "原因（放弃时填写）"},
    "pipeline.move.submit": {"en": "Move", "zh": "移动"},
    "pipeline.move.saved": {"en": "Stage changed.", "zh": "阶段已更新。"},
    "pipeline.move.none": {"en": "No open candidacies.", "zh": "没有进行中的候选。"},
    "pipeline.candidacy.option": {
        "en": "{person} → {role} · {group} ({stage})",
        "zh": "{person} → {role} · {group}（{stage}）",
    },
    # appoint
    "pipeline.appoint.title": {"en": "Appoint a successor", "zh": "任命接任者"},
    "pipeline.appoint.help": {
        "en": "Ends the holder's membership, opens the successor's, closes the candidacy and "
        "starts the handover checklist when the role has a manual — all in one step.",
        "zh": "一次完成：结束原任者的岗位、开启接任者的岗位、关闭候选记录，并在岗位有移交说明书时"
        "启动交接清单。",
    },
    "pipeline.appoint.candidate": {"en": "Ready candidate", "zh": "可接任的候选人"},
    "pipeline.appoint.replace": {"en": "Replaces", "zh": "接替"},
    "pipeline.appoint.alongside": {
        "en": "(nobody — add alongside the holders)",
        "zh": "（不接替任何人，与现任者并列）",
    },
    "pipeline.appoint.button": {"en": "Appoint…", "zh": "任命…"},
    "pipeline.appoint.confirm_title": {"en": "Confirm the appointment", "zh": "确认任命"},
    "pipeline.appoint.confirm_text": {
        "en": "Appoint **{person}** as {role} of {group}, replacing **{holder}**?",
        "zh": "任命 **{person}** 为 {group} 的{role}，接替 **{holder}**？",
    },
    "pipeline.appoint.done": {"en": "Appointed {person}.", "zh": "已任命 {person}。"},
    "pipeline.appoint.handover": {
        "en": "Handover #{handover} started — see Handover manuals.",
        "zh": "交接 #{handover} 已启动，请到“岗位移交说明书”查看。",
    },
    "pipeline.appoint.none": {
        "en": "Nobody is at “Ready” yet: move a candidate there first.",
        "zh": "还没有处于“可接任”阶段的候选人，请先把候选人移到该阶段。",
    },
    # add form
    "pipeline.add.title": {"en": "Add a candidate", "zh": "添加候选人"},
    "pipeline.add.person": {"en": "Person", "zh": "人员"},
    "pipeline.add.role": {"en": "Role", "zh": "岗位"},
    "pipeline.add.group": {"en": "Group", "zh": "群组"},
    "pipeline.add.source": {"en": "Discovered through", "zh": "发现渠道"},
    "pipeline.add.referrer": {"en": "Referred by (for referrals)", "zh": "推荐人（老人推荐时）"},
    "pipeline.add.readiness": {"en": "Readiness", "zh": "就绪程度"},
    "pipeline.add.stage": {"en": "Starts as", "zh": "起始阶段"},
    "pipeline.add.note": {"en": "Note", "zh": "备注"},
    "pipeline.add.emergency": {"en": "Emergency successor", "zh": "应急接任人"},
    "pipeline.add.submit": {"en": "Add candidate", "zh": "添加候选人"},
    "pipeline.add.saved": {"en": "Candidate added.", "zh": "已添加候选人。"},
    # details form
    "pipeline.details.title": {
        "en": "Readiness, note, emergency flag",
        "zh": "就绪程度、备注、应急标记",
    },
    "pipeline.details.submit": {"en": "Save details", "zh": "保存详情"},
    "pipeline.history.title": {"en": "Stage history", "zh": "阶段变更记录"},
    "pipeline.history.by": {"en": "By", "zh": "操作人"},
    # coverage
    "pipeline.coverage.help": {
        "en": "Every key role in every group where it is held or sought. At risk: nobody at "
        "“Ready”; worst when nobody even shadows the holder, or the seat is vacant.",
        "zh": "列出每个群组中已有人担任或正在物色人选的关键岗位。有风险：没有“可接任”的人；"
        "若连观察员都没有，或岗位空缺，则最为紧急。",
    },
    "pipeline.coverage.chart_title": {"en": "Key positions by coverage", "zh": "关键岗位覆盖情况"},
    "pipeline.coverage.only_at_risk": {"en": "Only positions at risk", "zh": "只看有风险的岗位"},
    "pipeline.coverage.empty": {
        "en": "No key positions match these filters.",
        "zh": "没有符合筛选条件的关键岗位。",
    },
    "pipeline.coverage.act_title": {
        "en": "Give an at-risk position an observer",
        "zh": "为有风险的岗位安排观察员",
    },
    "pipeline.coverage.position": {"en": "Position at risk", "zh": "有风险的岗位"},
    "pipeline.coverage.position_option": {
        "en": "{role} · {group} ({status})",
        "zh": "{role} · {group}（{status}）",
    },
    "pipeline.coverage.act_submit": {"en": "Add as observer", "zh": "添加为观察员"},
    "pipeline.coverage.act_none": {
        "en": "No position is at risk under these filters.",
        "zh": "在当前筛选条件下没有有风险的岗位。",
    },
    "pipeline.col.role": {"en": "Role", "zh": "岗位"},
    "pipeline.col.group": {"en": "Group", "zh": "群组"},
    "pipeline.col.tier": {"en": "Tier", "zh": "层级"},
    "pipeline.col.holders": {"en": "Holders", "zh": "现任人数"},
    "pipeline.col.holder_names": {"en": "Held by", "zh": "现任者"},
    "pipeline.col.ready": {"en": "Ready now", "zh": "可接任人数"},
    "pipeline.col.ready_names": {"en": "Ready successors", "zh": "可接任者"},
    "pipeline.col.shadowing": {"en": "Observing / on trial", "zh": "观察 / 试岗人数"},
    "pipeline.col.emergency": {"en": "Emergency successor", "zh": "应急接任人"},
    "pipeline.col.status": {"en": "Coverage", "zh": "覆盖情况"},
    "pipeline.col.positions": {"en": "Positions", "zh": "岗位数"},
    "pipeline.col.source": {"en": "Channel", "zh": "渠道"},
    "pipeline.col.talents": {"en": "Talents", "zh": "人才数"},
    "pipeline.col.appointed": {"en": "Appointed", "zh": "已任命"},
    "pipeline.col.conversion": {"en": "Conversion", "zh": "转化率"},
    "pipeline.col.measure": {"en": "Count", "zh": "人数"},
    "pipeline.col.code": {"en": "Code", "zh": "代码"},
    "pipeline.col.name": {"en": "Name (English)", "zh": "名称（英文）"},
    "pipeline.col.name_zh": {"en": "Name (Chinese)", "zh": "名称（中文）"},
    "pipeline.col.is_key": {"en": "Key role", "zh": "关键岗位"},
    "pipeline.col.description": {"en": "Description", "zh": "说明"},
    # channels
    "pipeline.channels.help": {
        "en": "How many talents each channel brought onto the bench (pale bar) and how many of "
        "them were appointed (dark bar); the percentage is the conversion.",
        "zh": "每个渠道带来多少进入梯队的人才（浅色条），其中多少最终被任命（深色条）；百分比为转化率。",
    },
    "pipeline.channels.chart_title": {
        "en": "Talents and appointments per channel",
        "zh": "各渠道的人才与任命",
    },
    "pipeline.channels.empty": {
        "en": "No candidates yet: add one on the Board tab.",
        "zh": "还没有候选人：请在“看板”页添加。",
    },
    # roles
    "pipeline.roles.help": {
        "en": "The role catalogue. Key roles need a successor and appear in bench coverage. "
        "Add a row for a new role (its code: lowercase letters, digits, _).",
        "zh": "岗位目录。关键岗位需要接任者，并会出现在梯队覆盖中。新增一行即可添加岗位"
        "（代码只能用小写字母、数字和下划线）。",
    },
    "pipeline.roles.save": {"en": "Save roles", "zh": "保存岗位"},
    "pipeline.roles.saved": {"en": "Roles saved ({count}).", "zh": "岗位已保存（{count} 项）。"},
    "pipeline.roles.any_tier": {"en": "any tier", "zh": "任意层级"},
    # alerts
    "pipeline.alert.vacant": {
        "en": "{role} of {group} is vacant.",
        "zh": "{group} 的{role_zh}岗位空缺。",
    },
    "pipeline.alert.no_observer": {
        "en": "{role} of {group}: nobody shadows the holder — no successor if they leave.",
        "zh": "{group} 的{role_zh}：没有观察员，现任者离开后无人接任。",
    },
    "pipeline.alert.no_ready": {
        "en": "{role} of {group} has no ready successor.",
        "zh": "{group} 的{role_zh}还没有可接任的人。",
    },
    # errors
    "pipeline.err.no_such_candidacy": {
        "en": "That candidacy no longer exists.",
        "zh": "该候选记录已不存在。",
    },
    "pipeline.err.choose": {
        "en": "Choose a person, a role and a group.",
        "zh": "请选择人员、岗位和群组。",
    },
    "pipeline.err.no_such_person": {"en": "No such person.", "zh": "找不到该人员。"},
    "pipeline.err.no_such_role": {"en": "No such role.", "zh": "找不到该岗位。"},
    "pipeline.err.no_such_group": {"en": "No such group.", "zh": "找不到该群组。"},
    "pipeline.err.group_archived": {
        "en": "{group} is archived: it takes no candidates.",
        "zh": "{group} 已归档，不能再添加候选人。",
    },
    "pipeline.err.person_left": {
        "en": "{person} has left the team and cannot be a candidate.",
        "zh": "{person} 已离开团队，不能成为候选人。",
    },
    "pipeline.err.already_holds": {
        "en": "{person} already holds {role} in {group}.",
        "zh": "{person} 已经是 {group} 的{role_zh}。",
    },
    "pipeline.err.already_holds_plain": {
        "en": "The successor already holds this role.",
        "zh": "接任者已经担任该岗位。",
    },
    "pipeline.err.duplicate": {
        "en": "{person} is already an open candidate for {role} in {group}.",
        "zh": "{person} 已经是 {group} {role_zh}岗位的候选人。",
    },
    "pipeline.err.source": {
        "en": "Unknown discovery channel “{source}”.",
        "zh": "未知的发现渠道“{source}”。",
    },
    "pipeline.err.referral_needs_referrer": {
        "en": "A veteran's referral needs the referrer.",
        "zh": "老人推荐需要填写推荐人。",
    },
    "pipeline.err.self_referral": {
        "en": "Nobody can refer themselves.",
        "zh": "不能推荐自己。",
    },
    "pipeline.err.readiness": {
        "en": "Unknown readiness “{readiness}”.",
        "zh": "未知的就绪程度“{readiness}”。",
    },
    "pipeline.err.start_stage": {
        "en": "A new candidate starts as spotted or observer.",
        "zh": "新候选人只能从“已发现”或“观察员”开始。",
    },
    "pipeline.err.closed": {
        "en": "This candidacy is closed (appointed or dropped); it does not move any more.",
        "zh": "该候选已结束（已任命或已放弃），不能再移动。",
    },
    "pipeline.err.same_stage": {
        "en": "The candidate is already there.",
        "zh": "候选人已在该阶段。",
    },
    "pipeline.err.unknown_stage": {"en": "Unknown stage “{stage}”.", "zh": "未知阶段“{stage}”。"},
    "pipeline.err.one_step": {
        "en": "Moves go one step at a time: to the next or the previous stage, or to dropped.",
        "zh": "每次只能移动一步：到下一阶段或上一阶段，或者放弃。",
    },
    "pipeline.err.drop_reason": {
        "en": "Choose a reason for dropping the candidate.",
        "zh": "请选择放弃该候选人的原因。",
    },
    "pipeline.err.not_ready": {
        "en": "{person} is not at “Ready” yet: only ready successors are appointed.",
        "zh": "{person} 还未到“可接任”阶段：只能任命可接任的人。",
    },
    "pipeline.err.choose_holder": {
        "en": "{group} has {count} holders of {role}: choose whom the successor replaces in "
        "“Appoint a successor”.",
        "zh": "{group} 有 {count} 位{role_zh}：请在“任命接任者”中选择接替哪一位。",
    },
    "pipeline.err.not_a_holder": {
        "en": "The chosen person no longer holds this role here.",
        "zh": "所选人员已不再担任该岗位。",
    },
    "pipeline.err.conflict": {
        "en": "Someone else just changed {person}'s candidacy; reload and try again.",
        "zh": "{person} 的候选记录刚被别人修改，请刷新后重试。",
    },
    "pipeline.err.role_grid": {
        "en": "{count} problem(s) in the role catalogue; nothing was saved.",
        "zh": "岗位目录中有 {count} 处问题，未保存任何内容。",
    },
    "pipeline.err.role_name_empty": {"en": "The English name is empty.", "zh": "英文名称为空。"},
    "pipeline.err.role_name_zh_empty": {"en": "The Chinese name is empty.", "zh": "中文名称为空。"},
    "pipeline.err.role_tier": {"en": "Unknown tier “{tier}”.", "zh": "未知层级“{tier}”。"},
    "pipeline.err.role_code": {
        "en": "The code “{code}” must be 2–31 lowercase letters, digits or _, starting with a "
        "letter.",
        "zh": "代码“{code}”须为 2–31 位小写字母、数字或下划线，并以字母开头。",
    },
    "pipeline.err.role_code_taken": {
        "en": "The code “{code}” is taken.",
        "zh": "代码“{code}”已被使用。",
    },
}
