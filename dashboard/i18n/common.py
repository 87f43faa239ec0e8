"""Strings shared by every page: app frame, enumerations, access errors."""

STRINGS = {
    "app.title": {"en": "Ops Bench", "zh": "运营工作台"},
    "app.tagline": {
        "en": "Run your community-operations team",
        "zh": "管好你的社群运营团队",
    },
    "app.language": {"en": "Language", "zh": "语言"},
    "app.signed_in_as": {"en": "Signed in as {name}", "zh": "当前用户：{name}"},
    "app.section.team": {"en": "Team", "zh": "团队"},
    "app.section.admin": {"en": "Administration", "zh": "管理"},
    "common.save": {"en": "Save", "zh": "保存"},
    "common.cancel": {"en": "Cancel", "zh": "取消"},
    "common.confirm": {"en": "Confirm", "zh": "确认"},
    "common.all": {"en": "All", "zh": "全部"},
    "common.none": {"en": "(none)", "zh": "（无）"},
    "common.saved": {"en": "Saved.", "zh": "已保存。"},
    "common.no_changes": {"en": "Nothing to save.", "zh": "没有需要保存的更改。"},
    "grid.stale": {
        "en": "The table changed since you opened it; nothing was saved — reload.",
        "zh": "自你打开后表格已被修改，未保存任何内容——请重新加载。",
    },
    "common.download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "common.from": {"en": "From", "zh": "从"},
    "common.to": {"en": "To", "zh": "到"},
    "common.name": {"en": "Name", "zh": "名称"},
    "common.date": {"en": "Date", "zh": "日期"},
    "common.empty": {"en": "Nothing here yet.", "zh": "暂无内容。"},
    "tier.management": {"en": "Management group", "zh": "管理群"},
    "tier.core": {"en": "Core group", "zh": "核心群"},
    "tier.ordinary": {"en": "Ordinary group", "zh": "普通群"},
    "status.newcomer": {"en": "Newcomer", "zh": "新人"},
    "status.active": {"en": "Active", "zh": "在岗"},
    "status.left": {"en": "Left", "zh": "已离开"},
    "source.task": {"en": "Task", "zh": "任务"},
    "source.referral": {"en": "Veteran's referral", "zh": "老人推荐"},
    "source.system": {"en": "System", "zh": "制度"},
    "source.activity": {"en": "Activity", "zh": "活动"},
    "exit.workload": {"en": "Workload", "zh": "工作量大"},
    "exit.reward": {"en": "Little reward", "zh": "回报少"},
    "exit.growth": {"en": "Growth stalled", "zh": "成长停滞"},
    "exit.discord": {"en": "Team discord", "zh": "团队不和"},
    "exit.other": {"en": "Other", "zh": "其他"},
    "access.read_only": {
        "en": "Your account ({user}) can only read; ask an admin for edit rights.",
        "zh": "你的账号（{user}）只有查看权限，如需编辑请联系管理员。",
    },
    "access.team_wide": {
        "en": "This is a team-wide setting: only an admin or a lead of the whole team may change it.",
        "zh": "这是全团队设置：只有管理员或负责整个团队的负责人可以修改。",
    },
    "access.outside_scope": {
        "en": "This lies outside the groups your account ({user}) leads.",
        "zh": "这超出了你的账号（{user}）负责的群组范围。",
    },
    "access.admin_only": {
        "en": "Only an admin may do this.",
        "zh": "只有管理员可以执行此操作。",
    },
}

STRINGS.update(
    {
        "nav.overview": {"en": "Overview", "zh": "总览"},
        "nav.org_structure": {"en": "Org structure", "zh": "组织架构"},
        "nav.kpi_board": {"en": "KPI board", "zh": "KPI 看板"},
        "nav.talent_pipeline": {"en": "Talent bench", "zh": "人才梯队"},
        "nav.coaching": {"en": "Newcomers & coaches", "zh": "新人与教练"},
        "nav.handover_manuals": {"en": "Handover manuals", "zh": "岗位移交说明书"},
        "nav.retention": {"en": "Retention", "zh": "人才保留"},
        "nav.admin": {"en": "Admin", "zh": "系统管理"},
    }
)
