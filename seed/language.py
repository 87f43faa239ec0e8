"""The demo's own text in the language it is seeded in.

The area seeders write the demo's free text (group purposes, platforms, role descriptions,
account names, the role manuals and their checklists) in English; a Chinese demo
(``seed_database(..., lang="zh")``, ``python -m seed --lang zh``, ``OPS_DEMO_LANG=zh``)
has it rewritten here, once, after seeding. Only exact seeded strings are replaced, so
nothing a user wrote is touched, and a string missing here stays visible to the test
that walks the Chinese UI.
"""

from sqlite_utils import Database

SEED_LANGUAGES = ("en", "zh")

ZH_TEXT = {
    # group purposes
    "Operations management: strategy, budget, people": "运营管理：战略、预算、人员",
    "Content: reading notes and know-how output": "内容：读书笔记与干货输出",
    "Weekly reading notes": "每周读书笔记",
    "How-to articles": "干货文章",
    "Book breakdown sessions": "拆书分享",
    "Events: shares, check-ins and meetups": "活动：分享、打卡与线下聚会",
    "Online talks (社群分享)": "线上社群分享",
    "Daily check-in challenges": "每日打卡挑战",
    "Offline meetups": "线下聚会",
    "New media: WeChat account and short video": "新媒体：公众号与短视频",
    "WeChat official account": "微信公众号",
    "Short video": "短视频",
    "Community operations: onboarding, order, rewards": "社群运营：新人引导、秩序、福利",
    "Welcomes and onboarding": "欢迎与新人引导",
    "Group rules and moderation": "群规与管理",
    "Rewards and red packets": "福利与红包",
    "Management": "管理",
    "Core": "核心",
    # platforms
    "WeChat": "微信",
    "DingTalk": "钉钉",
    # role descriptions
    "Leads the group and answers for its results.": "带领本群，对结果负责。",
    "Keeps order: rules, welcomes, clean-ups.": "维护秩序：群规、欢迎新人、清理广告。",
    "Guides newcomers through trial and error.": "带新人在试错中成长。",
    "Plans and edits the group's output.": "策划并编辑本群的内容产出。",
    "Runs shares, check-ins, meetups.": "组织分享、打卡和线下聚会。",
    "Shadows a key role to take it over later.": "跟随关键岗位学习，日后接任。",
    "Takes part in the group's work.": "参与本群的工作。",
    # demo accounts
    "Admin": "管理员",
    "Content lead": "内容负责人",
    "Viewer": "访客",
    # the content editor's handover checklist
    "Walk through the submissions folder together": "一起过一遍投稿文件夹",
    "Get edit access to the shared drive": "开通共享网盘的编辑权限",
    "Publish one digest together": "一起发布一期周刊",
    # the owner's, admin's and coach's handover checklists (seed.manuals)
    "Read this manual together with the successor": "和接任者一起通读这份说明书",
    "Transfer the group owner role": "转让群主身份",
    "Introduce the successor in the core group": "在核心群介绍接任者",
    "Hand over this month's unfinished events and promises": "交接本月未完成的活动和承诺",
    "Give the successor admin rights": "给接任者设置管理员权限",
    "Hand over the group bot's keyword settings": "交接群机器人的关键词设置",
    "Handle one rule violation together": "一起处理一次违规消息",
    "Introduce each newcomer you coach, one by one": "逐一介绍正在带的新人",
    "Hand over the coaching log": "交接带教记录表",
    "Sit in on one retrospective": "旁听一次复盘",
    # onboarding plan steps (seed.coaching) and the manual section they link to
    "Read the group rules and introduce yourself": "阅读群规并做自我介绍",
    "First one-to-one with the coach: agree on a first task": "与教练第一次一对一：商定第一个任务",
    "Log a first retrospective: goal, result, causes, lessons": "记录第一次复盘：目标、结果、原因、经验",
    "Thirty-day talk with the lead: what next": "满月时与群主面谈：下一步做什么",
    "Shadow the owner's Monday plan for the week": "周一跟随群主制定本周计划",
    "Practise muting and removing in the test group": "在测试群练习禁言和移除操作",
    "Sit in on a retrospective another coach leads": "旁听一次其他教练主持的复盘",
    "Edit one reading note together with the editor": "和内容编辑一起编辑一篇读书笔记",
    "Help run one check-in challenge": "协助组织一次打卡挑战",
    "Shadow the observed role for a full week": "完整跟随所观察的岗位一周",
    "Share one useful post in the group": "在群里分享一篇有用的内容",
    "Routine": "日常工作",
}

EDITOR_MANUAL_ZH = """# 岗位移交说明书：内容编辑

## 岗位职责
- 策划并编辑本群每周的内容产出（读书笔记、干货文章）

## 日常工作
### 每天
- 查看投稿文件夹，回复作者
### 每周
- 周五发布本周周刊
### 每月
- 和群主商定下个月的选题

## 关键联系人
- 群主 —— 选题和优先级
- 公众号组的编辑 —— 转载

## 工具与账号
- 共享网盘「内容」—— 找群主开通权限
- 不要把公众号密码写在这里：由公众号组群主保管

## 负责的 KPI
- 每周发布篇数、单篇阅读量

## 常见坑
- 没有第二个人审读就发布：每篇至少找一人审读

## 移交清单
- [ ] 一起过一遍投稿文件夹
- [ ] 开通共享网盘的编辑权限
- [ ] 一起发布一期周刊
"""

# table, column: the seeded free text that has a Chinese variant
_COLUMNS = (
    ("groups", "purpose"),
    ("groups", "platform"),
    ("roles", "description"),
    ("users", "display_name"),
    ("handover_items", "text"),
    ("onboarding_template_steps", "text"),
    ("onboarding_template_steps", "manual_section"),
    ("onboarding_steps", "text"),
    ("onboarding_steps", "manual_section"),
)


def localize_demo(db: Database, lang: str) -> None:
    """Rewrite the seeded demo's own text into ``lang`` (English is how it is seeded)."""
    if lang not in SEED_LANGUAGES:
        raise ValueError(f"unknown demo language {lang!r}")
    if lang == "en":
        return
    from seed.manuals import EDITOR_V1, MANUALS_ZH

    with db.atomic():
        for table, column in _COLUMNS:
            for english, chinese in ZH_TEXT.items():
                db.execute(
                    f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [chinese, english]
                )
        for english, chinese in {**MANUALS_ZH, EDITOR_V1: EDITOR_MANUAL_ZH}.items():
            db.execute(
                "UPDATE manual_versions SET body_md = ? WHERE body_md = ?", [chinese, english]
            )
