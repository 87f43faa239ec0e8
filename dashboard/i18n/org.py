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
