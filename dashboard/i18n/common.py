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
    "common.choose": {"en": "Choose an option", "zh": "请选择"},
    "common.choose_many": {"en": "Choose one or more", "zh": "可多选"},
    "common.saved": {"en": "Saved.", "zh": "已保存。"},
    "common.no_changes": {"en": "Nothing to save.", "zh": "没有需要保存的更改。"},
    "grid.stale": {
        "en": "The table changed since you opened it; nothing was saved — reload.",
        "zh": "自你打开后表格已被修改，未保存任何内容——请重新加载。",
    },
    "common.download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "common.download_xlsx": {"en": "Download Excel", "zh": "下载 Excel"},
    "table.rows": {"en": "{count} rows", "zh": "共 {count} 行"},
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
        "en": "You may not change {name}: it lies outside the groups your account ({user}) leads.",
        "zh": "你不能修改{name}：它超出了你的账号（{user}）负责的群组范围。",
    },
    "access.role_outside_scope": {
        "en": "You may not change the manual of {name}: nobody holds or observes this role in"
        " the groups your account ({user}) leads.",
        "zh": "你不能修改{name}的移交说明书：你的账号（{user}）负责的群组里没有人担任或观察这个岗位。",
    },
    "access.successor_only": {
        "en": "Only {name}, the successor, or an admin on their behalf may acknowledge this"
        " handover.",
        "zh": "只有接任人{name}本人，或管理员代其确认，才能确认这次移交。",
    },
    "scope.only_mine": {
        "en": "Only the groups I lead",
        "zh": "只看我负责的群",
    },
    "scope.read_only_board": {
        "en": "Read-only: your account may not move these cards.",
        "zh": "只读：你的账号不能移动这些卡片。",
    },
    "scope.all_read_only": {
        "en": "Showing every group: what lies outside the groups you lead is read-only.",
        "zh": "正在显示所有群：不在你负责范围内的内容只能查看。",
    },
    "scope.nothing_yours": {
        "en": "None of these lies in the groups your account may change.",
        "zh": "这些都不在你的账号可以修改的群组范围内。",
    },
    "access.admin_only": {
        "en": "Only an admin may do this.",
        "zh": "只有管理员可以执行此操作。",
    },
    # a write that finds another writer (an import, another lead's save) holding the database
    "common.busy_waiting": {
        "en": "Waiting for another import or save to finish writing…",
        "zh": "正在等待另一个导入或保存完成写入……",
    },
    "common.err.busy": {
        "en": "Another import or save was still writing after {seconds} seconds of waiting; "
        "nothing was saved — try again in a moment.",
        "zh": "等待 {seconds} 秒后，另一个导入或保存仍在写入；本次没有保存任何内容——请稍后再试。",
    },
    # reading uploaded tables (dashboard/domain/tabular.py), shared by every import
    "tabular.detected.csv": {
        "en": "Read as CSV, encoding {encoding}, {delimiter}-separated.",
        "zh": "按 CSV 读取，编码 {encoding}，{delimiter}分隔。",
    },
    "tabular.detected.xlsx": {
        "en": "Read as an Excel workbook (.xlsx), first sheet.",
        "zh": "按 Excel 工作簿（.xlsx）读取第一个工作表。",
    },
    "tabular.detected.ignored": {
        "en": "Columns not used: {headers}.",
        "zh": "未使用的列：{headers}。",
    },
    "tabular.delimiter.comma": {"en": "comma", "zh": "逗号"},
    "tabular.delimiter.tab": {"en": "tab", "zh": "制表符"},
    "tabular.delimiter.semicolon": {"en": "semicolon", "zh": "分号"},
    "tabular.err.empty": {
        "en": "“{name}” is empty: there is no table in it.",
        "zh": "“{name}”是空文件，里面没有表格。",
    },
    "tabular.err.old_excel": {
        "en": "“{name}” is an old Excel 97–2003 workbook (.xls). In Excel choose File → Save As → "
        "Excel Workbook (.xlsx) or CSV, and upload that file.",
        "zh": "“{name}”是旧版 Excel 97–2003 工作簿（.xls）。请在 Excel 中选择“文件 → 另存为”，"
        "保存为“Excel 工作簿(.xlsx)”或 CSV 后再上传。",
    },
    "tabular.err.encoding": {
        "en": "“{name}” is not a table that can be read: its characters are in no known "
        "encoding. Save it from Excel as CSV or as an Excel workbook (.xlsx) and upload again.",
        "zh": "无法识别“{name}”的文字编码，它不像是表格文件。请在 Excel 中另存为 CSV 或"
        " Excel 工作簿（.xlsx）后重新上传。",
    },
    "tabular.err.binary": {
        "en": "“{name}” is not a table: it holds binary data (a picture, an archive or a "
        "program?). Upload a CSV or Excel (.xlsx) file.",
        "zh": "“{name}”不是表格文件，里面是二进制数据（可能是图片、压缩包或程序）。"
        "请上传 CSV 或 Excel（.xlsx）文件。",
    },
    "tabular.err.csv": {
        "en": "“{name}” could not be read as CSV: a cell is far too long or its quotes do not "
        "match. Open it in Excel, save it again as CSV and upload it.",
        "zh": "无法按 CSV 读取“{name}”：某个单元格过长或引号不配对。请用 Excel 打开，"
        "重新另存为 CSV 后再上传。",
    },
    "tabular.err.workbook": {
        "en": "“{name}” looks like an Excel file but is damaged or incomplete (was a download "
        "or copy cut short?). Open it in Excel, save it again and upload it.",
        "zh": "“{name}”看起来是 Excel 文件，但已损坏或不完整（可能下载或复制时中断了）。"
        "请用 Excel 打开并重新保存后再上传。",
    },
    "tabular.err.missing_columns": {
        "en": "The file lacks the columns: {columns}. Its headers are: {found}. The accepted "
        "headers are listed above; the template has them all.",
        "zh": "文件缺少以下列：{columns_zh}。文件中的表头为：{found}。可用的表头见上方说明，"
        "也可以下载模板。",
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
