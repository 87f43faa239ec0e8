"""Strings of sign-in, accounts and the admin page."""

STRINGS = {
    # sign-in
    "accounts.sign_in.title": {"en": "Sign in to Ops Bench", "zh": "登录运营工作台"},
    "accounts.sign_in.caption": {
        "en": "Use the account your admin gave you. After a few wrong passwords each "
        "further try has to wait a little longer.",
        "zh": "请使用管理员为你开设的账号。连续输错几次密码后，每次重试都需要多等一会儿。",
    },
    "accounts.username": {"en": "Username", "zh": "用户名"},
    "accounts.password": {"en": "Password", "zh": "密码"},
    "accounts.sign_in.submit": {"en": "Sign in", "zh": "登录"},
    "accounts.sign_in.oidc": {"en": "Sign in with your organisation", "zh": "使用组织账号登录"},
    "accounts.sign_out": {"en": "Sign out", "zh": "退出登录"},
    "accounts.signed_out_elsewhere": {
        "en": "You have been signed out (in another tab, or your password was reset).",
        "zh": "你已退出登录（在其他标签页中退出，或密码已被重置）。",
    },
    "accounts.change.title": {"en": "Choose a new password", "zh": "设置新密码"},
    "accounts.change.required": {
        "en": "Welcome, {name}. Your password was set by an admin (or is a one-time "
        "password): choose your own before you continue.",
        "zh": "欢迎，{name}。你的密码是管理员设置的（或是一次性密码），请先设置你自己的密码再继续。",
    },
    "accounts.change.current": {"en": "Current password", "zh": "当前密码"},
    "accounts.change.new": {"en": "New password", "zh": "新密码"},
    "accounts.change.repeat": {"en": "New password again", "zh": "再次输入新密码"},
    "accounts.change.submit": {"en": "Save password", "zh": "保存密码"},
    "accounts.change.open": {"en": "Change my password", "zh": "修改我的密码"},
    "accounts.change.done": {
        "en": "Your password has been changed.",
        "zh": "密码已修改。",
    },
    "accounts.role.admin": {"en": "Admin", "zh": "管理员"},
    "accounts.role.lead": {"en": "Lead", "zh": "负责人"},
    "accounts.role.viewer": {"en": "Viewer", "zh": "只读访客"},
    "accounts.alert.locked": {
        "en": "Sign-in to {user} is delayed after repeated wrong passwords (until {until}).",
        "zh": "账号 {user} 因多次输错密码，登录被暂缓（至 {until}）。",
    },
    # errors
    "accounts.err.missing_username_password": {
        "en": "Enter your username and password.",
        "zh": "请输入用户名和密码。",
    },
    "accounts.err.missing_username": {"en": "Enter your username.", "zh": "请输入用户名。"},
    "accounts.err.missing_password": {"en": "Enter your password.", "zh": "请输入密码。"},
    "accounts.err.bad_credentials": {
        "en": "Wrong username or password.",
        "zh": "用户名或密码错误。",
    },
    "accounts.err.throttled": {
        "en": "Too many failed sign-ins. Try again in {seconds} second(s).",
        "zh": "登录失败次数过多，请 {seconds} 秒后再试。",
    },
    "accounts.err.throttled_minutes": {
        "en": "Too many failed sign-ins. Try again in {minutes} minute(s), or ask an admin "
        "to clear the delay.",
        "zh": "登录失败次数过多，请 {minutes} 分钟后再试，或请管理员解除限制。",
    },
    "accounts.err.bad_language": {
        "en": "Unknown language “{language}”.",
        "zh": "未知语言“{language}”。",
    },
    "accounts.err.no_account_for_email": {
        "en": "There is no Ops Bench account for {email}. Ask an admin to add one.",
        "zh": "{email} 还没有运营工作台账号，请联系管理员开通。",
    },
    "accounts.err.bad_role": {"en": "Unknown role “{role}”.", "zh": "未知角色“{role}”。"},
    "accounts.err.no_such_group": {
        "en": "The scope group no longer exists.",
        "zh": "所选的负责范围（群）已不存在。",
    },
    "accounts.err.username_taken": {
        "en": "The username “{username}” is already taken.",
        "zh": "用户名“{username}”已被占用。",
    },
    "accounts.err.email_taken": {
        "en": "The email {email} already belongs to {username}.",
        "zh": "邮箱 {email} 已属于用户 {username}。",
    },
    "accounts.err.no_such_user": {
        "en": "There is no account “{username}”.",
        "zh": "账号“{username}”不存在。",
    },
    "accounts.err.last_admin": {
        "en": "This is the last admin: make someone else an admin first.",
        "zh": "这是最后一位管理员，请先把其他人设为管理员。",
    },
    "accounts.err.bad_username": {
        "en": "A username needs 1–64 characters and no spaces.",
        "zh": "用户名须为 1–64 个字符，且不能含空格。",
    },
    "accounts.err.password_short": {
        "en": "A password needs at least {min} characters.",
        "zh": "密码至少需要 {min} 个字符。",
    },
    "accounts.err.password_is_username": {
        "en": "The password must not be the username.",
        "zh": "密码不能与用户名相同。",
    },
    "accounts.err.current_password_wrong": {
        "en": "The current password is not right.",
        "zh": "当前密码不正确。",
    },
    "accounts.err.passwords_differ": {
        "en": "The two new passwords differ.",
        "zh": "两次输入的新密码不一致。",
    },
    "accounts.err.password_unchanged": {
        "en": "Choose a password different from the current one.",
        "zh": "新密码不能与当前密码相同。",
    },
    "accounts.err.empty_upload": {"en": "The uploaded file is empty.", "zh": "上传的文件是空的。"},
    "accounts.err.upload_too_large": {
        "en": "The file is {size} MB; backups up to {limit} MB can be restored. Nothing "
        "was changed.",
        "zh": "文件大小为 {size} MB，最多只能恢复 {limit} MB 的备份。数据库未做任何改动。",
    },
    "accounts.err.not_sqlite": {
        "en": "This is not an SQLite database file. Nothing was changed.",
        "zh": "这不是 SQLite 数据库文件。数据库未做任何改动。",
    },
    "accounts.err.corrupt": {
        "en": "The file is damaged (SQLite's integrity check failed). Nothing was changed.",
        "zh": "文件已损坏（SQLite 完整性检查未通过）。数据库未做任何改动。",
    },
    "accounts.err.schema_mismatch": {
        "en": "This backup's schema is not what this version of the app creates at its "
        "migration level ({count} differences), so it is refused. Nothing was changed.",
        "zh": "该备份的数据库结构与本版本应用在相同迁移级别下创建的结构不一致（{count} 处不同），"
        "已拒绝恢复。数据库未做任何改动。",
    },
    "accounts.schema.skipped_migration": {
        "en": "migration `{name}` was skipped",
        "zh": "跳过了迁移 `{name}`",
    },
    "accounts.schema.missing_table": {
        "en": "missing table `{name}`",
        "zh": "缺少数据表 `{name}`",
    },
    "accounts.schema.unexpected_table": {
        "en": "unexpected table `{name}`",
        "zh": "多出的数据表 `{name}`",
    },
    "accounts.schema.differs_table": {
        "en": "table `{name}` is defined differently",
        "zh": "数据表 `{name}` 的定义不同",
    },
    "accounts.schema.missing_index": {
        "en": "missing index `{name}`",
        "zh": "缺少索引 `{name}`",
    },
    "accounts.schema.unexpected_index": {
        "en": "unexpected index `{name}`",
        "zh": "多出的索引 `{name}`",
    },
    "accounts.schema.differs_index": {
        "en": "index `{name}` is defined differently",
        "zh": "索引 `{name}` 的定义不同",
    },
    "accounts.schema.missing_trigger": {
        "en": "missing trigger `{name}`",
        "zh": "缺少触发器 `{name}`",
    },
    "accounts.schema.unexpected_trigger": {
        "en": "unexpected trigger `{name}`",
        "zh": "多出的触发器 `{name}`",
    },
    "accounts.schema.differs_trigger": {
        "en": "trigger `{name}` is defined differently",
        "zh": "触发器 `{name}` 的定义不同",
    },
    "accounts.schema.missing_view": {
        "en": "missing view `{name}`",
        "zh": "缺少视图 `{name}`",
    },
    "accounts.schema.unexpected_view": {
        "en": "unexpected view `{name}`",
        "zh": "多出的视图 `{name}`",
    },
    "accounts.schema.differs_view": {
        "en": "view `{name}` is defined differently",
        "zh": "视图 `{name}` 的定义不同",
    },
    "accounts.schema.table_not_index": {
        "en": "`{name}` is a table, expected an index",
        "zh": "`{name}` 是数据表，应为索引",
    },
    "accounts.schema.table_not_view": {
        "en": "`{name}` is a table, expected a view",
        "zh": "`{name}` 是数据表，应为视图",
    },
    "accounts.schema.index_not_table": {
        "en": "`{name}` is an index, expected a table",
        "zh": "`{name}` 是索引，应为数据表",
    },
    "accounts.schema.index_not_view": {
        "en": "`{name}` is an index, expected a view",
        "zh": "`{name}` 是索引，应为视图",
    },
    "accounts.schema.view_not_table": {
        "en": "`{name}` is a view, expected a table",
        "zh": "`{name}` 是视图，应为数据表",
    },
    "accounts.schema.view_not_index": {
        "en": "`{name}` is a view, expected an index",
        "zh": "`{name}` 是视图，应为索引",
    },
    "accounts.err.newer_schema": {
        "en": "The backup comes from a newer version of the app ({migrations}); update the "
        "app first. Nothing was changed.",
        "zh": "该备份来自更新版本的应用（{migrations}），请先升级应用。数据库未做任何改动。",
    },
    "accounts.err.no_admin_in_backup": {
        "en": "The backup has no admin with a password, so nobody could manage it. Nothing "
        "was changed.",
        "zh": "该备份中没有设置了密码的管理员，恢复后将无人能管理。数据库未做任何改动。",
    },
    # admin page
    "admin.title": {"en": "Administration", "zh": "系统管理"},
    "admin.only": {
        "en": "This page is for admins only: ask an admin to change accounts, read the "
        "audit log or restore a backup.",
        "zh": "此页面仅限管理员使用。如需调整账号、查看审计日志或恢复备份，请联系管理员。",
    },
    "admin.caption": {
        "en": "Accounts and roles, the audit log of every change, and backups.",
        "zh": "账号与角色、每一次改动的审计日志，以及数据备份。",
    },
    "admin.tab.users": {"en": "Users", "zh": "用户"},
    "admin.tab.audit": {"en": "Audit log", "zh": "审计日志"},
    "admin.tab.backup": {"en": "Backup & restore", "zh": "备份与恢复"},
    "admin.users.whole_tree": {"en": "Whole team", "zh": "整个团队"},
    "admin.users.roles_help": {
        "en": "Admins change everything, users included; leads change what lies in their "
        "scope group's subtree; viewers only read.",
        "zh": "管理员可修改一切（含用户）；负责人只能修改其负责群及下级群；访客只能查看。",
    },
    "admin.users.scope_help": {
        "en": "Only for leads: the group whose subtree they may change.",
        "zh": "仅对负责人有效：其可修改的群（含下级群）。",
    },
    "admin.users.email_help": {
        "en": "Used when sign-in goes through your organisation (OIDC).",
        "zh": "通过组织账号（OIDC）登录时用于匹配。",
    },
    "admin.users.col.username": {"en": "Username", "zh": "用户名"},
    "admin.users.col.display_name": {"en": "Display name", "zh": "显示名称"},
    "admin.users.col.role": {"en": "Role", "zh": "角色"},
    "admin.users.col.scope": {"en": "Scope", "zh": "负责范围"},
    "admin.users.col.email": {"en": "Email", "zh": "邮箱"},
    "admin.users.col.status": {"en": "Status", "zh": "状态"},
    "admin.users.status.locked": {"en": "Sign-in delayed", "zh": "登录暂缓"},
    "admin.users.status.no_password": {"en": "No password", "zh": "未设密码"},
    "admin.users.status.must_change": {
        "en": "Must change password",
        "zh": "待修改密码",
    },
    "admin.users.status.ok": {"en": "Active", "zh": "正常"},
    "admin.add.title": {"en": "Add a user", "zh": "新增用户"},
    "admin.add.password": {"en": "Temporary password", "zh": "临时密码"},
    "admin.add.password_help": {
        "en": "At least {min} characters; the user must change it at first sign-in.",
        "zh": "至少 {min} 个字符；用户首次登录时须修改。",
    },
    "admin.add.submit": {"en": "Add user", "zh": "新增用户"},
    "admin.add.done": {"en": "Added {username}.", "zh": "已新增用户 {username}。"},
    "admin.edit.title": {"en": "Change a user", "zh": "修改用户"},
    "admin.edit.user": {"en": "User", "zh": "用户"},
    "admin.edit.submit": {"en": "Save role and scope", "zh": "保存角色与范围"},
    "admin.edit.done": {"en": "Saved {username}.", "zh": "已保存 {username}。"},
    "admin.reset.password": {"en": "New temporary password", "zh": "新的临时密码"},
    "admin.reset.help": {
        "en": "The user must change it at the next sign-in; this also clears their sign-in "
        "delays and signs them out everywhere.",
        "zh": "用户下次登录时须修改；此操作同时会解除登录限制，并使其在所有设备上退出登录。",
    },
    "admin.reset.submit": {"en": "Reset password", "zh": "重置密码"},
    "admin.reset.done": {
        "en": "Password of {username} reset; they choose a new one at next sign-in.",
        "zh": "已重置 {username} 的密码，对方下次登录时需设置新密码。",
    },
    "admin.unlock.state": {
        "en": "{username} has {attempts} recent failed sign-in(s); sign-in may be delayed.",
        "zh": "{username} 近期有 {attempts} 次登录失败，登录可能被暂缓。",
    },
    "admin.unlock.submit": {"en": "Clear sign-in delays", "zh": "解除登录限制"},
    "admin.unlock.done": {
        "en": "Cleared the sign-in delays of {username}.",
        "zh": "已解除 {username} 的登录限制。",
    },
    "admin.audit.since": {"en": "From", "zh": "开始日期"},
    "admin.audit.until": {"en": "To", "zh": "结束日期"},
    "admin.audit.any": {"en": "All", "zh": "全部"},
    "admin.audit.bad_range": {
        "en": "The start date is after the end date.",
        "zh": "开始日期晚于结束日期。",
    },
    "admin.audit.empty": {
        "en": "No change matches these filters: widen the dates or clear a filter.",
        "zh": "没有符合筛选条件的改动，请放宽日期或清除筛选。",
    },
    "admin.audit.count": {
        "en": "{count} change(s), newest first.",
        "zh": "共 {count} 条改动，最新的在前。",
    },
    "admin.audit.page": {
        "en": "Page ({size} changes a page, {pages} pages)",
        "zh": "页码（每页 {size} 条，共 {pages} 页）",
    },
    "admin.audit.csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "admin.audit.chart.day": {"en": "Day", "zh": "日期"},
    "admin.audit.chart.writes": {"en": "Changes", "zh": "改动数"},
    "admin.audit.col.at": {"en": "When (UTC)", "zh": "时间（UTC）"},
    "admin.audit.col.username": {"en": "User", "zh": "用户"},
    "admin.audit.col.action": {"en": "Action", "zh": "操作"},
    "admin.audit.col.entity": {"en": "Entity", "zh": "对象"},
    "admin.audit.col.entity_id": {"en": "Id", "zh": "编号"},
    "admin.audit.col.group": {"en": "Group", "zh": "群"},
    "admin.audit.col.person": {"en": "Person", "zh": "成员"},
    "admin.audit.col.before_json": {"en": "Before", "zh": "改动前"},
    "admin.audit.col.after_json": {"en": "After", "zh": "改动后"},
    "admin.backup.title": {"en": "Backup", "zh": "备份"},
    "admin.backup.help": {
        "en": "A consistent copy of the whole database, taken while the team keeps working.",
        "zh": "整个数据库的一致性副本，备份时团队可照常使用。",
    },
    "admin.backup.download": {"en": "Download a backup", "zh": "下载备份"},
    "admin.restore.title": {"en": "Restore", "zh": "恢复"},
    "admin.restore.help": {
        "en": "Upload a backup made by this page (up to {limit} MB). It is checked first; "
        "the current database is kept aside as a timestamped copy next to it.",
        "zh": "上传本页生成的备份（最大 {limit} MB）。系统会先检查文件，并把当前数据库另存为带时间戳的副本。",
    },
    "admin.restore.file": {"en": "Backup file", "zh": "备份文件"},
    "admin.restore.check": {"en": "Check and restore…", "zh": "检查并恢复……"},
    "admin.restore.confirm_title": {"en": "Replace the database?", "zh": "替换数据库？"},
    "admin.restore.confirm_text": {
        "en": "Everything the team sees will be replaced by {name}. The current database "
        "is kept aside as a copy.",
        "zh": "团队看到的所有数据都将被 {name} 替换。当前数据库会另存为副本。",
    },
    "admin.restore.confirm": {"en": "Replace", "zh": "替换"},
    "admin.restore.cancel": {"en": "Cancel", "zh": "取消"},
    "admin.restore.working": {"en": "Restoring…", "zh": "正在恢复……"},
    "admin.restore.done": {
        "en": "Restored {name}. The previous database was kept as {aside}.",
        "zh": "已恢复 {name}。之前的数据库已另存为 {aside}。",
    },
}

# The audit log's actions, entities and the seeding actor, as the audit table shows them
# (the CSV export keeps the stored codes).
STRINGS.update(
    {
        "audit.user.system": {"en": "system", "zh": "系统"},
        "audit.action.create": {"en": "create", "zh": "新建"},
        "audit.action.update": {"en": "update", "zh": "修改"},
        "audit.action.delete": {"en": "delete", "zh": "删除"},
        "audit.action.archive": {"en": "archive", "zh": "归档"},
        "audit.action.assign": {"en": "assign", "zh": "分配"},
        "audit.action.end": {"en": "end", "zh": "结束"},
        "audit.action.start": {"en": "start", "zh": "开始"},
        "audit.action.flag": {"en": "flag", "zh": "标记"},
        "audit.action.resolve": {"en": "resolve", "zh": "解决"},
        "audit.action.lock": {"en": "lock", "zh": "锁定"},
        "audit.action.unlock": {"en": "unlock", "zh": "解锁"},
        "audit.action.restore": {"en": "restore", "zh": "恢复"},
        "audit.action.review": {"en": "review", "zh": "复核"},
        "audit.action.set_target": {"en": "set target", "zh": "设定目标"},
        "audit.action.stage": {"en": "stage", "zh": "调整阶段"},
        "audit.action.acknowledge": {"en": "acknowledge", "zh": "确认接手"},
        "audit.action.cancel": {"en": "cancel", "zh": "取消"},
        "audit.action.tick": {"en": "tick", "zh": "勾选"},
        "audit.action.untick": {"en": "untick", "zh": "取消勾选"},
        "audit.action.reset_password": {"en": "reset password", "zh": "重置密码"},
        "audit.action.change_password": {"en": "change password", "zh": "修改密码"},
        "audit.action.join": {"en": "join", "zh": "加入"},
        "audit.action.leave": {"en": "leave", "zh": "离开"},
        "audit.action.move_in": {"en": "move in", "zh": "调入"},
        "audit.action.move_out": {"en": "move out", "zh": "调出"},
        "audit.action.role_in": {"en": "role taken", "zh": "担任岗位"},
        "audit.action.role_out": {"en": "role handed on", "zh": "卸任岗位"},
        "audit.action.graduate": {"en": "graduate", "zh": "转正"},
        "audit.action.values_entry": {"en": "values entered", "zh": "录入数值"},
        "audit.action.values_editor": {"en": "values edited", "zh": "编辑数值"},
        "audit.action.values_import": {"en": "values imported", "zh": "导入数值"},
        "audit.entity.candidacy": {"en": "candidacy", "zh": "候选"},
        "audit.entity.coaching": {"en": "coaching", "zh": "带教"},
        "audit.entity.concern": {"en": "concern", "zh": "关注事项"},
        "audit.entity.database": {"en": "database", "zh": "数据库"},
        "audit.entity.group": {"en": "group", "zh": "群组"},
        "audit.entity.handover": {"en": "handover", "zh": "移交"},
        "audit.entity.handover_item": {"en": "handover item", "zh": "移交清单项"},
        "audit.entity.kpi": {"en": "KPI", "zh": "KPI"},
        "audit.entity.kpi_target": {"en": "KPI target", "zh": "KPI 目标"},
        "audit.entity.kpi_value": {"en": "KPI value", "zh": "KPI 数值"},
        "audit.entity.kpi_values": {"en": "KPI values", "zh": "KPI 数值"},
        "audit.entity.manual_version": {"en": "manual version", "zh": "说明书版本"},
        "audit.entity.membership": {"en": "membership", "zh": "成员任职"},
        "audit.entity.person": {"en": "person", "zh": "成员"},
        "audit.entity.recognition": {"en": "recognition", "zh": "表彰"},
        "audit.entity.retention_action": {"en": "retention action", "zh": "保留措施"},
        "audit.entity.retention_settings": {"en": "retention settings", "zh": "保留设置"},
        "audit.entity.retrospective": {"en": "retrospective", "zh": "复盘"},
        "audit.entity.role": {"en": "role", "zh": "岗位"},
        "audit.entity.user": {"en": "user", "zh": "账号"},
    }
)
