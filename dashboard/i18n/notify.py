"""Strings of digests and reminders: the channels tab of the Admin page, the My
notifications page and the messages themselves."""

STRINGS = {
    "nav.notifications": {"en": "My notifications", "zh": "我的通知"},
    "admin.tab.channels": {"en": "Channels", "zh": "通知渠道"},
    # the messages
    "notify.digest.title": {"en": "Ops Bench digest · {period}", "zh": "运营工作台摘要 · {period}"},
    "notify.digest.reminders": {"en": "Your reminders", "zh": "你的提醒"},
    "notify.digest.nothing": {
        "en": "Nothing needs you right now.",
        "zh": "目前没有需要你处理的事项。",
    },
    "notify.reminder.retrospective": {
        "en": "Retrospective with your newcomer {person} is due on {due}.",
        "zh": "你带的新人{person}应在 {due} 前完成复盘。",
    },
    "notify.reminder.handover": {
        "en": "Acknowledge the handover of {role} in {group} ({done} of {items} ticked, open since {since}).",
        "zh": "请确认{group}的「{role_zh}」移交（已勾选 {done}/{items} 项，{since} 起未完成）。",
    },
    "notify.reminder.manual": {
        "en": "Your manual of {role} turns stale on {on}: review it.",
        "zh": "你编写的「{role_zh}」说明书将于 {on} 过期，请复查。",
    },
    "overview.kind.reminder_retrospective": {"en": "Retrospectives due", "zh": "待进行的复盘"},
    "overview.kind.reminder_handover": {"en": "Handovers to acknowledge", "zh": "待确认的移交"},
    "overview.kind.reminder_manual": {
        "en": "Manuals turning stale",
        "zh": "即将过期的说明书",
    },
    "notify.test.title": {"en": "Ops Bench test message", "zh": "运营工作台测试消息"},
    "notify.test.body": {
        "en": "The channel “{channel}” works: digests will arrive here.",
        "zh": "渠道「{channel}」可用：摘要将发送到这里。",
    },
    # channel kinds, frequencies, weekdays, statuses
    "notify.kind.wecom": {"en": "WeCom group bot", "zh": "企业微信群机器人"},
    "notify.kind.feishu": {"en": "Feishu / Lark bot", "zh": "飞书群机器人"},
    "notify.kind.dingtalk": {"en": "DingTalk bot", "zh": "钉钉群机器人"},
    "notify.kind.slack": {"en": "Slack incoming webhook", "zh": "Slack 传入 Webhook"},
    "notify.kind.email": {"en": "E-mail (SMTP)", "zh": "电子邮件（SMTP）"},
    "notify.frequency.daily": {"en": "Daily", "zh": "每天"},
    "notify.frequency.weekly": {"en": "Weekly", "zh": "每周"},
    "notify.weekday.0": {"en": "Monday", "zh": "星期一"},
    "notify.weekday.1": {"en": "Tuesday", "zh": "星期二"},
    "notify.weekday.2": {"en": "Wednesday", "zh": "星期三"},
    "notify.weekday.3": {"en": "Thursday", "zh": "星期四"},
    "notify.weekday.4": {"en": "Friday", "zh": "星期五"},
    "notify.weekday.5": {"en": "Saturday", "zh": "星期六"},
    "notify.weekday.6": {"en": "Sunday", "zh": "星期日"},
    "notify.status.sending": {"en": "Sending", "zh": "发送中"},
    "notify.status.sent": {"en": "Sent", "zh": "已发送"},
    "notify.status.retrying": {"en": "Will retry", "zh": "等待重试"},
    "notify.status.failed": {"en": "Failed", "zh": "发送失败"},
    "notify.status.empty": {"en": "Nothing due (not sent)", "zh": "无待办（未发送）"},
    # the channels tab
    "notify.channels.title": {"en": "Channels", "zh": "通知渠道"},
    "notify.channels.help": {
        "en": "Group bots post each subscriber's digest into their chat; e-mail goes to the"
        " subscriber's own address, through the SMTP server set in the environment"
        " (OPS_SMTP_HOST …). Addresses and secrets are never shown again after saving.",
        "zh": "群机器人把订阅者的摘要发到对应群聊；电子邮件发到订阅者本人的邮箱，"
        "经由服务器环境设置的 SMTP 邮件服务器。地址和密钥保存后不再显示。",
    },
    "notify.channels.none": {"en": "No channel yet.", "zh": "还没有通知渠道。"},
    "notify.col.name": {"en": "Name", "zh": "名称"},
    "notify.col.kind": {"en": "Kind", "zh": "类型"},
    "notify.col.address": {"en": "Address", "zh": "地址"},
    "notify.col.secret": {"en": "Signing secret", "zh": "签名密钥"},
    "notify.col.enabled": {"en": "On", "zh": "启用"},
    "notify.secret.set": {"en": "a secret is set", "zh": "已设置密钥"},
    "notify.secret.unset": {"en": "none", "zh": "未设置"},
    "notify.form.title": {"en": "Add or change a channel", "zh": "添加或修改渠道"},
    "notify.form.channel": {"en": "Channel", "zh": "渠道"},
    "notify.form.new": {"en": "New channel", "zh": "新渠道"},
    "notify.form.url": {"en": "Webhook address", "zh": "Webhook 地址"},
    "notify.form.url_help": {
        "en": "The address the platform gave when the bot was added to the group."
        " Leave empty to keep the stored one.",
        "zh": "在群里添加机器人时平台给出的地址。留空则保留已保存的地址。",
    },
    "notify.form.secret": {
        "en": "Signing secret (Feishu, DingTalk)",
        "zh": "签名密钥（飞书、钉钉）",
    },
    "notify.form.secret_help": {
        "en": "Leave empty to keep the stored secret.",
        "zh": "留空则保留已保存的密钥。",
    },
    "notify.form.enabled": {"en": "Enabled", "zh": "启用"},
    "notify.form.submit": {"en": "Save channel", "zh": "保存渠道"},
    "notify.form.saved": {"en": "Channel “{name}” saved.", "zh": "渠道「{name}」已保存。"},
    "notify.form.clear_secret": {"en": "Remove its secret", "zh": "删除其密钥"},
    "notify.form.delete": {"en": "Remove channel", "zh": "删除渠道"},
    "notify.form.deleted": {"en": "Channel “{name}” removed.", "zh": "渠道「{name}」已删除。"},
    "notify.test.button": {"en": "Send a test message", "zh": "发送测试消息"},
    "notify.test.sent": {
        "en": "Test message sent through “{name}”.",
        "zh": "已通过「{name}」发送测试消息。",
    },
    "notify.test.failed": {
        "en": "The test message through “{name}” failed: {error}",
        "zh": "通过「{name}」发送测试消息失败：{error}",
    },
    "notify.deliveries.title": {"en": "Deliveries", "zh": "发送记录"},
    "notify.deliveries.none": {"en": "Nothing sent yet.", "zh": "还没有发送记录。"},
    "notify.col.when": {"en": "When (UTC)", "zh": "时间（UTC）"},
    "notify.col.user": {"en": "To", "zh": "接收人"},
    "notify.col.channel": {"en": "Channel", "zh": "渠道"},
    "notify.col.period": {"en": "Period", "zh": "周期"},
    "notify.col.status": {"en": "Status", "zh": "状态"},
    "notify.col.attempts": {"en": "Tries", "zh": "尝试次数"},
    "notify.col.next": {"en": "Next try (UTC)", "zh": "下次重试（UTC）"},
    "notify.col.error": {"en": "Error", "zh": "错误"},
    "notify.col.title": {"en": "Message", "zh": "消息"},
    # my notifications
    "notify.my.title": {"en": "My notifications", "zh": "我的通知"},
    "notify.my.caption": {
        "en": "Digests of what needs you, in your scope and your language ({language}), and"
        " reminders of what falls due for you, sent to the chat tools your team uses.",
        "zh": "按你的范围和语言（{language}）汇总需要你处理的事项，并提醒你即将到期的事务，"
        "发送到团队使用的聊天工具。",
    },
    "notify.my.no_channels": {
        "en": "No channel is set up yet: an admin adds them on the Admin page.",
        "zh": "还没有通知渠道：请管理员在管理页面添加。",
    },
    "notify.my.time_zone": {"en": "My time zone", "zh": "我的时区"},
    "notify.my.team_zone": {"en": "The team's ({zone})", "zh": "团队默认（{zone}）"},
    "notify.my.zone_saved": {"en": "Time zone saved.", "zh": "时区已保存。"},
    "notify.my.subscriptions": {"en": "My subscriptions", "zh": "我的订阅"},
    "notify.my.none": {"en": "You have no subscription yet.", "zh": "你还没有订阅。"},
    "notify.my.schedule_daily": {"en": "daily at {time}", "zh": "每天 {time}"},
    "notify.my.schedule_weekly": {"en": "every {weekday} at {time}", "zh": "每{weekday} {time}"},
    "notify.my.kinds_all": {"en": "all alerts", "zh": "全部提醒事项"},
    "notify.my.kinds_some": {"en": "{count} kinds of alerts", "zh": "{count} 类提醒事项"},
    "notify.my.form": {"en": "Subscribe or change", "zh": "订阅或修改"},
    "notify.my.frequency": {"en": "How often", "zh": "频率"},
    "notify.my.weekday": {"en": "Weekday (weekly)", "zh": "星期（每周时）"},
    "notify.my.local_time": {"en": "Local time", "zh": "本地时间"},
    "notify.my.kinds": {"en": "Alerts to include", "zh": "包含的提醒事项"},
    "notify.my.kinds_help": {
        "en": "Keep all of them to also get kinds added later.",
        "zh": "全部保留则以后新增的类型也会包含。",
    },
    "notify.my.reminders": {"en": "My personal reminders", "zh": "我的个人提醒"},
    "notify.my.when_empty": {
        "en": "Say “nothing needs you” when nothing does",
        "zh": "没有事项时也发送「目前没有需要你处理的事项」",
    },
    "notify.my.no_email": {
        "en": "Your account has no e-mail address: ask an admin to add it.",
        "zh": "你的账号没有邮箱地址：请管理员添加。",
    },
    "notify.my.submit": {"en": "Save subscription", "zh": "保存订阅"},
    "notify.my.saved": {"en": "Subscription saved.", "zh": "订阅已保存。"},
    "notify.my.remove": {"en": "Unsubscribe", "zh": "取消订阅"},
    "notify.my.removed": {"en": "Unsubscribed.", "zh": "已取消订阅。"},
    "notify.my.mutes": {"en": "Muted alert kinds", "zh": "屏蔽的提醒类型"},
    "notify.my.mutes_help": {
        "en": "Muted kinds are left out of all your digests.",
        "zh": "屏蔽的类型不会出现在你的任何摘要中。",
    },
    "notify.my.mutes_none": {"en": "Nothing muted", "zh": "未屏蔽任何类型"},
    "notify.my.kinds_none": {"en": "Reminders only", "zh": "只要个人提醒"},
    "notify.my.mutes_submit": {"en": "Save mutes", "zh": "保存屏蔽"},
    "notify.my.mutes_saved": {"en": "Mutes saved.", "zh": "屏蔽设置已保存。"},
    "notify.my.sent": {"en": "Sent to me", "zh": "发给我的消息"},
    # errors
    "notify.err.name_empty": {"en": "A channel needs a name.", "zh": "渠道需要名称。"},
    "notify.err.name_taken": {
        "en": "A channel named “{name}” exists already.",
        "zh": "已有名为「{name}」的渠道。",
    },
    "notify.err.kind": {"en": "Unknown channel kind “{kind}”.", "zh": "未知的渠道类型「{kind}」。"},
    "notify.err.url_missing": {
        "en": "Channel “{name}” needs its webhook address.",
        "zh": "渠道「{name}」需要 Webhook 地址。",
    },
    "notify.err.url_bad": {
        "en": "The webhook address of “{name}” must start with https:// (or http://).",
        "zh": "渠道「{name}」的 Webhook 地址必须以 https://（或 http://）开头。",
    },
    "notify.err.secret_unused": {
        "en": "“{name}”: only Feishu and DingTalk bots sign with a secret.",
        "zh": "「{name}」：只有飞书和钉钉机器人使用签名密钥。",
    },
    "notify.err.no_channel": {
        "en": "Channel #{channel} does not exist.",
        "zh": "渠道 #{channel} 不存在。",
    },
    "notify.err.no_user": {
        "en": "Account {username} does not exist.",
        "zh": "账号 {username} 不存在。",
    },
    "notify.err.no_subscription": {
        "en": "Subscription #{subscription} does not exist.",
        "zh": "订阅 #{subscription} 不存在。",
    },
    "notify.err.time_zone": {"en": "Unknown time zone “{zone}”.", "zh": "未知的时区「{zone}」。"},
    "notify.err.frequency": {"en": "Choose daily or weekly.", "zh": "请选择每天或每周。"},
    "notify.err.local_time": {
        "en": "“{value}” is not a time of day (HH:MM).",
        "zh": "「{value}」不是有效时间（时:分）。",
    },
    "notify.err.weekday": {"en": "Choose a weekday.", "zh": "请选择星期几。"},
}
