"""Strings of the org structure: its page and its rules' messages."""

STRINGS = {
    "org.err.no_such_group": {"en": "That group does not exist.", "zh": "该群组不存在。"},
    "org.err.no_such_person": {"en": "That person does not exist.", "zh": "该成员不存在。"},
    "org.err.no_such_role": {"en": "That role does not exist.", "zh": "该岗位不存在。"},
    "org.err.no_such_membership": {
        "en": "That membership does not exist.",
        "zh": "该成员关系不存在。",
    },
    "org.err.conflict_group": {
        "en": "“{group}” was changed by someone else since you opened it. Reload to see their "
        "change, then edit again. Nothing of yours was saved.",
        "zh": "“{group}”在你打开后已被他人修改。请刷新查看最新内容后再编辑。你的修改未保存。",
    },
    "org.err.conflict_person": {
        "en": "{person} was changed by someone else since you opened the page. Reload and try again.",
        "zh": "{person} 在你打开页面后已被他人修改。请刷新后重试。",
    },
    "org.err.conflict_membership": {
        "en": "This membership was already changed by someone else. Reload and try again.",
        "zh": "该成员关系已被他人修改。请刷新后重试。",
    },
    "org.err.capacity_number": {
        "en": "Capacity must be a whole number of at least 1 (or blank for no limit), not “{value}”.",
        "zh": "容量必须是不小于 1 的整数（留空表示不限），不能是“{value}”。",
    },
    "org.err.name_empty": {"en": "A group needs a name.", "zh": "群组名称不能为空。"},
    "org.err.name_too_long": {
        "en": "A group name has at most {limit} characters (this one has {length}).",
        "zh": "群组名称最多 {limit} 个字符（当前 {length} 个）。",
    },
    "org.err.name_taken": {
        "en": "Another live group is already called “{name}”.",
        "zh": "已有其他群组叫“{name}”。",
    },
    "org.err.tier_unknown": {
        "en": "Choose a tier: management, core or ordinary.",
        "zh": "请选择层级：管理群、核心群或普通群。",
    },
    "org.err.management_has_parent": {
        "en": "A management group is the top of the tree and has no parent.",
        "zh": "管理群是最上层，不能有上级群组。",
    },
    "org.err.parent_missing": {
        "en": "A {tier} group needs a parent {parent_tier} group.",
        "zh": "{tier} 群组需要一个 {parent_tier} 上级群组。",
    },
    "org.err.parent_tier": {
        "en": "A {tier} group must report to a {parent_tier} group; “{parent}” is not one.",
        "zh": "{tier} 群组必须隶属于 {parent_tier} 群组；“{parent}”不是。",
    },
    "org.err.parent_archived": {
        "en": "The chosen parent group does not exist or is archived.",
        "zh": "所选上级群组不存在或已归档。",
    },
    "org.err.cycle": {
        "en": "A group cannot sit under itself or one of its own sub-groups.",
        "zh": "群组不能隶属于自己或自己的下级群组。",
    },
    "org.err.capacity_below_count": {
        "en": "Capacity {capacity} is below the {count} people already in the group.",
        "zh": "容量 {capacity} 小于群内现有的 {count} 人。",
    },
    "org.err.already_archived": {"en": "“{group}” is already archived.", "zh": "“{group}”已归档。"},
    "org.err.archive_has_members": {
        "en": "“{group}” still has {count} members: move them first.",
        "zh": "“{group}”还有 {count} 名成员：请先把他们移走。",
    },
    "org.err.archive_has_children": {
        "en": "“{group}” still has {count} live sub-groups: move or archive them first.",
        "zh": "“{group}”还有 {count} 个下级群组：请先移走或归档。",
    },
    "org.err.grid": {
        "en": "{count} problem(s) found; nothing was saved.",
        "zh": "发现 {count} 个问题，所有修改均未保存。",
    },
    "org.err.integrity": {
        "en": "The database refused the change ({detail}); nothing was saved.",
        "zh": "数据库拒绝了此修改（{detail}），所有修改均未保存。",
    },
    "org.err.group_archived": {
        "en": "Group “{group}” is archived.",
        "zh": "群组“{group}”已归档。",
    },
    "org.err.over_capacity": {
        "en": "“{group}” is full: {count} of {capacity} places taken.",
        "zh": "“{group}”已满：容量 {capacity}，已有 {count} 人。",
    },
    "org.err.person_left": {
        "en": "{person} has left the team.",
        "zh": "{person} 已离开团队。",
    },
    "org.err.person_name_empty": {"en": "A person needs a name.", "zh": "成员姓名不能为空。"},
    "org.err.person_name_too_long": {
        "en": "A person's name has at most {limit} characters (this one has {length}).",
        "zh": "成员姓名最多 {limit} 个字符（当前 {length} 个）。",
    },
    "org.err.referral_needs_referrer": {
        "en": "A referral needs the veteran who referred them.",
        "zh": "老人推荐需要填写推荐人。",
    },
    "org.err.same_group": {
        "en": "The person is already in that group.",
        "zh": "该成员已在这个群组中。",
    },
    "org.err.same_role": {
        "en": "The person already has that role here.",
        "zh": "该成员在此已担任这个岗位。",
    },
    "org.err.already_member": {
        "en": "The person already has that role in that group.",
        "zh": "该成员在该群组已担任这个岗位。",
    },
    "org.err.exit_reason": {
        "en": "Choose why they left: workload, reward, growth, discord or other.",
        "zh": "请选择离开原因：工作量大、回报少、成长停滞、团队不和或其他。",
    },
    "org.err.split_needs_veterans": {
        "en": "Choose at least one veteran to seed the new group (交叉法).",
        "zh": "请至少选择一位老成员带入新群（交叉法）。",
    },
    "org.err.split_not_member": {
        "en": "{count} of the chosen people are not members of the group being split.",
        "zh": "所选成员中有 {count} 人不在被拆分的群组中。",
    },
    "org.err.merge_same": {
        "en": "Choose two different groups to merge.",
        "zh": "请选择两个不同的群组进行合并。",
    },
    "org.err.merge_tier": {
        "en": "“{source}” and “{target}” are in different tiers and cannot be merged.",
        "zh": "“{source}”和“{target}”不在同一层级，无法合并。",
    },
    "org.err.merge_capacity": {
        "en": "After the merge “{target}” would have {count} people, over its capacity of {capacity}.",
        "zh": "合并后“{target}”将有 {count} 人，超过其容量 {capacity}。",
    },
}

STRINGS.update(
    {
        "org.title": {"en": "Org structure", "zh": "组织架构"},
        "org.tree.filter_tiers": {"en": "Tiers shown", "zh": "显示的层级"},
    }
)

# Rules whose message names tiers (one key per tier, so each language says it naturally).
STRINGS.update(
    {
        "org.err.parent_missing.core": {
            "en": "A core group needs a parent management group.",
            "zh": "核心群需要隶属于一个管理群。",
        },
        "org.err.parent_missing.ordinary": {
            "en": "An ordinary group needs a parent core group.",
            "zh": "普通群需要隶属于一个核心群。",
        },
        "org.err.parent_tier.core": {
            "en": "A core group must report to a management group; “{parent}” is not one.",
            "zh": "核心群必须隶属于管理群；“{parent}”不是管理群。",
        },
        "org.err.parent_tier.ordinary": {
            "en": "An ordinary group must report to a core group; “{parent}” is not one.",
            "zh": "普通群必须隶属于核心群；“{parent}”不是核心群。",
        },
        "org.err.role_tier.management": {
            "en": "The role “{role}” exists only in the management group.",
            "zh": "“{role_zh}”岗位只设在管理群。",
        },
        "org.err.role_tier.core": {
            "en": "The role “{role}” exists only in core groups.",
            "zh": "“{role_zh}”岗位只设在核心群。",
        },
        "org.err.role_tier.ordinary": {
            "en": "The role “{role}” exists only in ordinary groups.",
            "zh": "“{role_zh}”岗位只设在普通群。",
        },
        "org.err.tier_fixed": {
            "en": "A group's tier cannot change. Create a group in the new tier and merge or "
            "split instead.",
            "zh": "群组的层级不能修改。请在新层级新建群组，再用合并或拆分调整。",
        },
        "org.alert.no_owner": {
            "en": "“{group}” has no owner (群主): appoint one.",
            "zh": "“{group}”没有群主，请尽快任命。",
        },
        "org.alert.full": {
            "en": "“{group}” is full ({count} of {capacity}): split it or raise its capacity.",
            "zh": "“{group}”已满（{count}/{capacity}）：请拆分或提高容量。",
        },
    }
)

# The page.
STRINGS.update(
    {
        "org.caption": {
            "en": "The three tiers of the team: management → core → ordinary groups. Edit groups, "
            "move people, split and merge; every change is saved and kept in the history.",
            "zh": "团队的三层结构：管理群 → 核心群 → 普通群。在这里编辑群组、调动成员、拆分与合并；"
            "每次修改都会保存并记入变更历史。",
        },
        "org.empty": {
            "en": "There are no groups yet. Seed the demo (python -m seed) or add a management "
            "group in the groups grid.",
            "zh": "还没有任何群组。请先导入演示数据（python -m seed），或在群组表格中添加一个管理群。",
        },
        "org.read_only": {
            "en": "You can look but not change: your account is read-only.",
            "zh": "你的账号为只读，只能查看，不能修改。",
        },
        "org.choose": {"en": "Choose…", "zh": "请选择…"},
        "org.choose_both": {
            "en": "Choose both fields first.",
            "zh": "请先把两项都选好。",
        },
        "org.tab.tree": {"en": "Tree", "zh": "结构图"},
        "org.tab.groups": {"en": "Groups", "zh": "群组"},
        "org.tab.people": {"en": "People", "zh": "成员"},
        "org.tab.board": {"en": "Drag people", "zh": "拖动调岗"},
        "org.tab.split": {"en": "Split & merge", "zh": "拆分与合并"},
        "org.tab.history": {"en": "History", "zh": "变更历史"},
        "org.metric.groups": {"en": "Live groups", "zh": "在用群组"},
        "org.metric.people": {"en": "People in groups", "zh": "在群人数"},
        "org.metric.full": {"en": "Full groups", "zh": "已满群组"},
        "org.metric.no_owner": {"en": "Groups without owner", "zh": "无群主群组"},
        "org.tree.collapsed": {"en": "Collapsed groups", "zh": "折叠的群组"},
        "org.tree.collapsed_help": {
            "en": "A collapsed group shows one box summing up the groups below it.",
            "zh": "折叠后，下级群组会汇总成一个方框显示。",
        },
        "org.tree.collapsed_node": {
            "en": "+{groups} groups · {people} people",
            "zh": "+{groups} 个群组 · {people} 人",
        },
        "org.tree.download_svg": {"en": "Download SVG", "zh": "下载 SVG"},
        "org.tree.download_png": {"en": "Download PNG", "zh": "下载 PNG"},
        "org.tree.download_dot": {"en": "Download Graphviz (DOT)", "zh": "下载 Graphviz（DOT）"},
        "org.grid.help": {
            "en": "Edit cells in place, add rows at the bottom, select rows and press delete to "
            "archive them. Save applies everything at once, or nothing if any row has a problem.",
            "zh": "直接编辑单元格，在底部添加新行，选中行后删除即归档。点击保存会一次性应用全部修改；"
            "只要有一行有问题，就全部不保存。",
        },
        "org.grid.name": {"en": "Name", "zh": "名称"},
        "org.grid.tier": {"en": "Tier", "zh": "层级"},
        "org.grid.tier_help": {
            "en": "Chosen when a group is added; fixed afterwards.",
            "zh": "新建群组时选择，之后不能修改。",
        },
        "org.grid.parent": {"en": "Parent", "zh": "上级群组"},
        "org.grid.parent_help": {
            "en": "Ordinary groups report to a core group, core groups to the management group.",
            "zh": "普通群隶属于核心群，核心群隶属于管理群。",
        },
        "org.grid.purpose": {"en": "Purpose", "zh": "定位"},
        "org.grid.platform": {"en": "Platform", "zh": "平台"},
        "org.grid.capacity": {"en": "Capacity", "zh": "容量"},
        "org.grid.capacity_help": {
            "en": "Most people the group may hold; blank for no limit.",
            "zh": "群组最多容纳的人数；留空表示不限。",
        },
        "org.grid.head_count": {"en": "People", "zh": "人数"},
        "org.grid.lead": {"en": "Owner", "zh": "群主"},
        "org.grid.owner_help": {
            "en": "The group's owner; someone replaced stays in the group as a member.",
            "zh": "群组的群主；被替换的群主作为成员留在群组中。",
        },
        "org.grid.outside_scope": {
            "en": "Outside your groups (read-only): only a lead of these groups or an admin "
            "can change them.",
            "zh": "以下群组不在你负责的范围内（只读）：只有这些群组的负责人或管理员可以修改。",
        },
        "org.grid.save": {"en": "Save", "zh": "保存"},
        "org.grid.reload": {"en": "Reload", "zh": "重新加载"},
        "org.grid.saved": {
            "en": "Saved: {updated} changed, {created} added, {archived} archived.",
            "zh": "已保存：修改 {updated} 个，新增 {created} 个，归档 {archived} 个。",
        },
        "org.people.show_group": {"en": "Members of", "zh": "查看群组成员"},
        "org.people.col.id": {"en": "#", "zh": "编号"},
        "org.people.col.name": {"en": "Name", "zh": "姓名"},
        "org.people.col.group": {"en": "Group", "zh": "群组"},
        "org.people.col.role": {"en": "Role", "zh": "岗位"},
        "org.people.col.status": {"en": "Status", "zh": "状态"},
        "org.people.col.since": {"en": "Since", "zh": "起始日期"},
        "org.add.title": {"en": "Add a person", "zh": "新增成员"},
        "org.add.name": {"en": "Name", "zh": "姓名"},
        "org.add.handle": {"en": "Handle (WeChat ID)", "zh": "账号（微信号）"},
        "org.add.group": {"en": "Group", "zh": "所在群组"},
        "org.add.role": {"en": "Role", "zh": "岗位"},
        "org.add.status": {"en": "Status", "zh": "状态"},
        "org.add.source": {"en": "Found through", "zh": "发现途径"},
        "org.add.referrer": {"en": "Referred by", "zh": "推荐人"},
        "org.add.submit": {"en": "Add person", "zh": "添加成员"},
        "org.add.done": {"en": "{name} joined {group}.", "zh": "{name} 已加入 {group}。"},
        "org.move.title": {"en": "Move a person", "zh": "调动成员"},
        "org.move.membership": {"en": "Person (group, role)", "zh": "成员（群组、岗位）"},
        "org.move.target": {"en": "To group", "zh": "调往群组"},
        "org.move.submit": {"en": "Move", "zh": "调动"},
        "org.move.done": {"en": "Moved {who} to {group}.", "zh": "已将 {who} 调往 {group}。"},
        "org.role.title": {"en": "Change a role", "zh": "变更岗位"},
        "org.role.new_role": {"en": "New role", "zh": "新岗位"},
        "org.role.submit": {"en": "Change role", "zh": "变更岗位"},
        "org.role.done": {"en": "{who} is now {role}.", "zh": "{who} 现任 {role}。"},
        "org.left.title": {"en": "Mark as left", "zh": "登记离开"},
        "org.left.person": {"en": "Person", "zh": "成员"},
        "org.left.reason": {"en": "Why they left", "zh": "离开原因"},
        "org.left.note": {"en": "Note (optional)", "zh": "备注（可选）"},
        "org.left.confirm": {
            "en": "Yes, end all their memberships",
            "zh": "确认结束其全部群组成员关系",
        },
        "org.left.submit": {"en": "Mark as left", "zh": "登记离开"},
        "org.left.choose": {"en": "Choose the person who left.", "zh": "请选择离开的成员。"},
        "org.left.confirm_needed": {
            "en": "Tick the confirmation first: this ends every membership of the person.",
            "zh": "请先勾选确认：此操作会结束该成员的全部群组关系。",
        },
        "org.left.done": {
            "en": "{name} is recorded as left ({reason}).",
            "zh": "已登记 {name} 离开（{reason}）。",
        },
        "org.board.help": {
            "en": "Each column is an ordinary group of the chosen core group. Drag a person to "
            "another column to move them; a move that breaks a rule snaps back with the reason. "
            "The People tab does the same by keyboard.",
            "zh": "每一列是所选核心群下的一个普通群。把成员拖到另一列即可调动；违反规则的调动会弹回并说明原因。"
            "“成员”标签页中的表单可用键盘完成同样操作。",
        },
        "org.board.core": {"en": "Core group", "zh": "核心群"},
        "org.board.core_tier": {
            "en": "All core groups (move people between core groups)",
            "zh": "全部核心群（在核心群之间调动）",
        },
        "org.board.empty": {
            "en": "This core group has no ordinary groups yet: add one in the Groups tab.",
            "zh": "该核心群下还没有普通群：请在“群组”标签页中添加。",
        },
        "org.board.moved": {"en": "Moved {who} to {group}.", "zh": "已将 {who} 调往 {group}。"},
        "org.board.refused": {
            "en": "{who} was not moved: {why}",
            "zh": "{who} 未能调动：{why}",
        },
        "org.split.title": {"en": "Split a group (交叉法)", "zh": "拆分群组（交叉法）"},
        "org.split.help": {
            "en": "A new group beside the old one, seeded with chosen veterans so the culture "
            "carries over.",
            "zh": "在原群旁边新建一个群，并带入几位老成员，让原有文化延续下去。",
        },
        "org.split.group": {"en": "Group to split", "zh": "要拆分的群组"},
        "org.split.new_name": {"en": "Name of the new group", "zh": "新群名称"},
        "org.split.veterans": {"en": "Veterans who seed it", "zh": "带入新群的老成员"},
        "org.split.keep": {
            "en": "Veterans also stay in the old group",
            "zh": "老成员同时留在原群",
        },
        "org.split.submit": {"en": "Split…", "zh": "拆分…"},
        "org.split.confirm_title": {"en": "Split this group?", "zh": "确认拆分？"},
        "org.split.confirm_text": {
            "en": "“{new}” is created beside “{old}”, seeded with: {people}.",
            "zh": "将在“{old}”旁新建“{new}”，带入：{people}。",
        },
        "org.split.done": {"en": "“{new}” was created.", "zh": "已新建“{new}”。"},
        "org.merge.title": {"en": "Merge two groups", "zh": "合并群组"},
        "org.merge.help": {
            "en": "Members and sub-groups of the first move to the second; the emptied group is "
            "archived.",
            "zh": "前者的成员和下级群组并入后者，清空后的群组会被归档。",
        },
        "org.merge.source": {"en": "Merge this group…", "zh": "把这个群组…"},
        "org.merge.target": {"en": "…into this one", "zh": "…并入这个群组"},
        "org.merge.submit": {"en": "Merge…", "zh": "合并…"},
        "org.merge.confirm_title": {"en": "Merge these groups?", "zh": "确认合并？"},
        "org.merge.confirm_text": {
            "en": "Everyone in “{source}” moves to “{target}”, and “{source}” is archived.",
            "zh": "“{source}”的所有成员将并入“{target}”，随后“{source}”会被归档。",
        },
        "org.merge.done": {
            "en": "“{source}” was merged into “{target}”.",
            "zh": "“{source}”已并入“{target}”。",
        },
        "org.history.group": {"en": "Group", "zh": "群组"},
        "org.history.person": {"en": "Person", "zh": "成员"},
        "org.history.when": {"en": "When (UTC)", "zh": "时间（UTC）"},
        "org.history.who": {"en": "Who", "zh": "操作人"},
        "org.history.action": {"en": "Change", "zh": "变更"},
        "org.history.what": {"en": "What", "zh": "对象"},
        "org.history.from": {"en": "From", "zh": "原值"},
        "org.history.to": {"en": "To", "zh": "新值"},
        "org.history.ended": {"en": "ended {day}", "zh": "于 {day} 结束"},
        "org.history.empty": {
            "en": "No changes match these filters. Widen the dates or clear the group/person.",
            "zh": "没有符合筛选条件的变更。请放宽日期，或清除群组/成员筛选。",
        },
        "org.action.create": {"en": "Created", "zh": "新建"},
        "org.action.update": {"en": "Changed", "zh": "修改"},
        "org.action.archive": {"en": "Archived", "zh": "归档"},
        "org.action.join": {"en": "Joined", "zh": "加入"},
        "org.action.leave": {"en": "Left", "zh": "离开"},
        "org.action.move_in": {"en": "Moved", "zh": "调动"},
        "org.action.move_out": {"en": "Moved out", "zh": "调出"},
        "org.action.role_in": {"en": "Role changed", "zh": "岗位变更"},
        "org.action.role_out": {"en": "Role ended", "zh": "岗位结束"},
        "org.field.name": {"en": "name", "zh": "名称"},
        "org.field.parent_id": {"en": "parent", "zh": "上级"},
        "org.field.purpose": {"en": "purpose", "zh": "定位"},
        "org.field.platform": {"en": "platform", "zh": "平台"},
        "org.field.capacity": {"en": "capacity", "zh": "容量"},
        "org.field.tier": {"en": "tier", "zh": "层级"},
        "org.field.archived_on": {"en": "archived", "zh": "归档日期"},
        "org.field.status": {"en": "status", "zh": "状态"},
        "org.field.exit_reason": {"en": "exit reason", "zh": "离开原因"},
        "org.field.exit_note": {"en": "note", "zh": "备注"},
        "org.field.left_on": {"en": "left on", "zh": "离开日期"},
        "org.field.handle": {"en": "handle", "zh": "账号"},
        "org.field.source": {"en": "found through", "zh": "发现途径"},
    }
)

# Lifecycle (stage by age) and the readiness of a 交叉法 split, with their settings.
STRINGS.update(
    {
        "org.stage.new": {"en": "New", "zh": "新建期"},
        "org.stage.growing": {"en": "Growing", "zh": "成长期"},
        "org.stage.mature": {"en": "Mature", "zh": "成熟期"},
        "org.stage.ageing": {"en": "Ageing", "zh": "老化期"},
        "org.tree.filter_stages": {"en": "Stages shown", "zh": "显示的阶段"},
        "org.tree.stage_help": {
            "en": "A group's stage follows its age: new under {new} months, growing, mature from "
            "{mature} months, ageing from {ageing} months (the book: a group lives about two "
            "years).",
            "zh": "群组阶段由群龄决定：不满 {new} 个月为新建期，之后为成长期，满 {mature} 个月为成熟期，"
            "满 {ageing} 个月为老化期（书中说：一个社群的自然生命周期约为两年）。",
        },
        "org.tree.age": {"en": "{stage} · {months} mo", "zh": "{stage} · {months} 个月"},
        "org.grid.stage": {"en": "Stage (age)", "zh": "阶段（群龄）"},
        "org.grid.stage_help": {
            "en": "From the group's creation date; the boundaries are in the split tab's settings.",
            "zh": "按建群日期计算；阶段边界可在“拆分与合并”页签的设置中修改。",
        },
        "org.action.split": {"en": "Split from", "zh": "拆分自"},
        "org.history.override": {
            "en": "not ready ({checks}), overridden: {reason}",
            "zh": "未就绪（{checks}），强制拆分理由：{reason}",
        },
        "org.split.owner": {"en": "Owner of the new group", "zh": "新群群主"},
        "org.split.owner_help": {
            "en": "Someone ready for 群主 on the talent bench, ideally.",
            "zh": "最好是人才梯队中已可接任群主的人。",
        },
        "org.split.checklist": {"en": "Ready to split?", "zh": "拆分准备是否就绪？"},
        "org.split.checklist_help": {
            "en": "Checked for the group chosen above with the veterans and owner of your last "
            "“Split…”; the confirmation checks your final choice. Thresholds are in the "
            "settings at the bottom of this tab.",
            "zh": "按上方所选群组及最近一次“拆分…”时选的老成员和群主检查；确认时会按最终选择再检查一次。"
            "阈值可在本页签底部的设置中修改。",
        },
        "org.split.all_ready": {
            "en": "Every check passes: the split can go ahead.",
            "zh": "全部检查通过，可以拆分。",
        },
        "org.split.not_ready": {
            "en": "{count} check(s) fail: the split needs a reason to go ahead anyway.",
            "zh": "有 {count} 项检查未通过：如仍要拆分，须填写理由。",
        },
        "org.split.override": {
            "en": "Reason to split anyway (kept in the history)",
            "zh": "仍要拆分的理由（记入历史）",
        },
        "org.split.override_help": {
            "en": "Needed only when a check fails.",
            "zh": "仅在有检查未通过时需要填写。",
        },
        "org.split.confirm_override": {
            "en": "Not ready ({checks}); reason given: {reason}",
            "zh": "未就绪（{checks}）；理由：{reason}",
        },
        "org.err.split_not_ready": {
            "en": "“{group}” is not ready to split: {count} readiness check(s) fail. Give a "
            "reason to split anyway.",
            "zh": "“{group}”尚未做好拆分准备：有 {count} 项检查未通过。如仍要拆分，请填写理由。",
        },
        "org.ready.veterans": {"en": "Veterans to seed it", "zh": "带入新群的老成员"},
        "org.ready.owner": {"en": "A ready owner", "zh": "可接任的群主"},
        "org.ready.coaches": {"en": "Coach capacity", "zh": "教练带新容量"},
        "org.ready.budget": {"en": "Budget left", "zh": "剩余预算"},
        "org.ready.budget.evidence": {
            "en": "{group} has ¥{left:,.0f} left of its ¥{budget:,.0f} budget for {quarter} "
            "(need ¥{need:,}).",
            "zh": "{group} {quarter} 预算 ¥{budget:,.0f}，剩余 ¥{left:,.0f}（需要 ¥{need:,}）。",
        },
        "org.ready.budget.none": {
            "en": "No budget is set for {group} or its core group this quarter (need ¥{need:,}).",
            "zh": "本季度 {group} 及其核心群均未设预算（需要 ¥{need:,}）。",
        },
        "org.ready.one_split": {"en": "One split at a time", "zh": "一次只拆一个群"},
        "org.ready.veterans.evidence": {
            "en": "{available} of {chosen} chosen veterans available (need {need}: active, in "
            "the group {months}+ months, no key role). Too new: {short}. Carrying key roles: "
            "{busy}.",
            "zh": "所选 {chosen} 位老成员中 {available} 位可用（需要 {need} 位：正式成员、入群满 "
            "{months} 个月、未担任关键岗位）。资历不足：{short}。已担任关键岗位：{busy_zh}。",
        },
        "org.ready.owner.evidence": {
            "en": "{count} ready for 群主 on the talent bench of this core group: {names}.",
            "zh": "本核心群人才梯队中有 {count} 人可接任群主：{names}。",
        },
        "org.ready.owner.chosen_ready": {
            "en": "{name} is ready for 群主 on the talent bench.",
            "zh": "{name} 在人才梯队中已可接任群主。",
        },
        "org.ready.owner.chosen_not_ready": {
            "en": "{name} is not ready for 群主 on this core group's talent bench (ready: "
            "{names}).",
            "zh": "{name} 在本核心群的人才梯队中尚不能接任群主（可接任：{names}）。",
        },
        "org.ready.coaches.evidence": {
            "en": "{slots} free coaching slots among {coaches} coaches of this core group "
            "(need {need}): {names}.",
            "zh": "本核心群 {coaches} 位教练共有 {slots} 个空余带新名额（需要 {need} 个）：{names}。",
        },
        "org.ready.one_split.free": {
            "en": "No split in progress in “{core}”.",
            "zh": "“{core}”目前没有进行中的拆分。",
        },
        "org.ready.one_split.busy": {
            "en": "“{group}”, split on {day}, is still new (under {months} months): one split "
            "at a time in “{core}”.",
            "zh": "{day} 拆分出的“{group}”仍在新建期（不满 {months} 个月）：“{core}”一次只拆一个群。",
        },
        "org.settings.title": {
            "en": "Lifecycle and readiness settings",
            "zh": "生命周期与拆分准备设置",
        },
        "org.settings.new_months": {
            "en": "New until (months)",
            "zh": "新建期截至（月）",
        },
        "org.settings.mature_months": {
            "en": "Mature from (months)",
            "zh": "成熟期起（月）",
        },
        "org.settings.ageing_months": {
            "en": "Ageing from (months)",
            "zh": "老化期起（月）",
        },
        "org.settings.split_veterans": {
            "en": "Veterans needed to split",
            "zh": "拆分所需老成员数",
        },
        "org.settings.veteran_months": {
            "en": "A veteran's months in the group",
            "zh": "老成员最少入群月数",
        },
        "org.settings.split_coach_slots": {
            "en": "Free coaching slots needed",
            "zh": "所需空余带新名额",
        },
        "org.settings.split_budget": {
            "en": "Budget left needed (¥)",
            "zh": "所需剩余预算（元）",
        },
        "org.settings.submit": {"en": "Save settings", "zh": "保存设置"},
        "org.settings.saved": {"en": "Settings saved.", "zh": "设置已保存。"},
        "org.err.setting_unknown": {
            "en": "Unknown setting: {setting}.",
            "zh": "未知的设置项：{setting}。",
        },
        "org.err.setting_number": {
            "en": "A setting must be a whole number.",
            "zh": "设置值必须是整数。",
        },
        "org.err.setting_range": {
            "en": "A setting must be a whole number from {low} to {high}.",
            "zh": "设置值必须是 {low} 到 {high} 之间的整数。",
        },
        "org.err.stage_order": {
            "en": "Stages must follow each other: new until {new} months < mature from {mature} "
            "< ageing from {ageing}.",
            "zh": "阶段边界须依次递增：新建期截至 {new} 个月 < 成熟期起 {mature} 个月 < 老化期起 "
            "{ageing} 个月。",
        },
    }
)
