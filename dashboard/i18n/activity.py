"""Strings of community activity (社群活跃): importing chat exports and their errors."""

EXPECTED_EN = (
    "a Telegram Desktop export (result.json), a ChatLab .json or .jsonl file, WeCom's "
    "群聊数据统计 (Excel/CSV or API JSON) or a message table (CSV/Excel with time, chat and "
    "sender columns)"
)
EXPECTED_ZH = (
    "Telegram 桌面版导出的 result.json、ChatLab 格式的 .json 或 .jsonl 文件、企业微信「群聊数据统计」"
    "（Excel/CSV 或接口 JSON），或消息表（含时间、群名、发送者列的 CSV/Excel）"
)

STRINGS = {
    "activity.format.telegram": {"en": "Telegram Desktop JSON", "zh": "Telegram 桌面版 JSON"},
    "activity.format.chatlab_json": {"en": "ChatLab JSON", "zh": "ChatLab JSON"},
    "activity.format.chatlab_jsonl": {"en": "ChatLab JSONL", "zh": "ChatLab JSONL"},
    "activity.format.wecom_json": {
        "en": "WeCom group statistics (API JSON)",
        "zh": "企业微信群聊数据统计（接口 JSON）",
    },
    "activity.format.wecom_table": {
        "en": "WeCom group statistics (Excel/CSV)",
        "zh": "企业微信群聊数据统计（Excel/CSV）",
    },
    "activity.format.message_csv": {"en": "Message table", "zh": "消息表"},
    "activity.err.empty": {
        "en": "“{name}” is empty. Expected " + EXPECTED_EN + ".",
        "zh": "“{name}”是空文件。应为" + EXPECTED_ZH + "。",
    },
    "activity.err.unknown": {
        "en": "“{name}” is no chat export this app reads. Expected " + EXPECTED_EN + ".",
        "zh": "“{name}”不是本应用能读取的聊天导出文件。应为" + EXPECTED_ZH + "。",
    },
    "activity.err.encoding": {
        "en": "“{name}” is not in UTF-8, the encoding JSON exports are written in (was it "
        "saved again in another encoding?). Export it again and upload the original file.",
        "zh": "“{name}”不是 UTF-8 编码，而 JSON 导出文件都是 UTF-8（是否被另存为其他编码？）。"
        "请重新导出，并上传原始文件。",
    },
    "activity.err.broken": {
        "en": "“{name}” looks like {expected} but breaks off or is damaged (a download or copy "
        "cut short?). Nothing was imported; export it again.",
        "zh": "“{name}”看起来是{expected_zh}，但文件不完整或已损坏（可能下载或复制时中断了）。"
        "没有导入任何数据，请重新导出。",
    },
    "activity.err.bad_record": {
        "en": "“{name}” looks like {expected} but a message in it lacks its time or sender. "
        "Nothing was imported; export it again with the exporting tool.",
        "zh": "“{name}”看起来是{expected_zh}，但其中有消息缺少时间或发送者。没有导入任何数据，"
        "请用导出工具重新导出。",
    },
    "activity.err.no_chat_name": {
        "en": "“{name}” has no chat name in its header (meta.name). Expected a ChatLab file "
        "whose meta names the chat.",
        "zh": "“{name}”的文件头中没有群名（meta.name）。ChatLab 文件的 meta 中应写明群名。",
    },
    "activity.err.rows": {
        "en": "“{name}”: {rows} rows cannot be read (listed below). Nothing was imported; fix "
        "them and upload the file again.",
        "zh": "“{name}”中有 {rows} 行无法读取（见下方列表）。没有导入任何数据，请修改后重新上传。",
    },
    "activity.err.row_time": {
        "en": "“{value}” is no date and time (expected e.g. 2026-06-01 21:05 or 2026/6/1 21:05).",
        "zh": "“{value}”不是日期时间（应如 2026-06-01 21:05 或 2026/6/1 21:05）。",
    },
    "activity.err.row_chat": {"en": "The chat is empty.", "zh": "群名为空。"},
    "activity.err.row_sender": {
        "en": "Neither a sender id nor a sender name.",
        "zh": "既没有发送者 ID，也没有发送者名称。",
    },
    "activity.err.row_number": {
        "en": "“{value}” is no whole number of zero or more.",
        "zh": "“{value}”不是大于等于 0 的整数。",
    },
    "activity.err.wecom_error": {
        "en": "“{name}” is a WeCom error response (errcode {code}), not statistics. Call the "
        "API again and save a response with errcode 0.",
        "zh": "“{name}”是企业微信接口的错误返回（errcode {code}），不是统计数据。请重新调用接口，"
        "保存 errcode 为 0 的返回结果。",
    },
    "activity.err.wecom_no_day": {
        "en": "“{name}” holds WeCom statistics per owner but not their day. Save the request's "
        "day_begin_time (one day per file) with the response, or use the per-day API "
        "(statistic_group_by_day).",
        "zh": "“{name}”是按群主汇总的企业微信统计，但没有日期。请把请求中的 day_begin_time（每个文件一天）"
        "与返回结果一起保存，或使用按自然日汇总的接口（statistic_group_by_day）。",
    },
    "activity.err.nothing": {
        "en": "“{name}” holds no messages, joins or leaves to count.",
        "zh": "“{name}”中没有可统计的消息、入群或退群记录。",
    },
    "activity.err.future": {
        "en": "“{name}” has activity dated {day}, which lies in the future. Check the "
        "computer's clock or the export; nothing was imported.",
        "zh": "“{name}”中有日期为 {day} 的记录，晚于今天。请检查电脑时间或导出文件；没有导入任何数据。",
    },
    "activity.err.duplicate": {
        "en": "“{name}” was already imported on {on} by {by}. The same file is not counted twice.",
        "zh": "“{name}”已于 {on} 由 {by} 导入过，同一文件不会重复计算。",
    },
    "activity.err.outside_scope": {
        "en": "The chat “{chat}” belongs to a group outside your scope: you may not change its activity.",
        "zh": "群聊“{chat}”属于你权限范围之外的群组，你不能修改它的活跃数据。",
    },
    "activity.err.unknown_import": {
        "en": "There is no import number {id} (was it removed already?).",
        "zh": "没有编号为 {id} 的导入记录（可能已被删除）。",
    },
    "activity.err.unknown_chat": {
        "en": "There is no chat number {id}.",
        "zh": "没有编号为 {id} 的群聊。",
    },
    "activity.err.no_keywords": {
        "en": "Give “{chat}” at least one check-in keyword (without commas).",
        "zh": "请为“{chat}”至少填写一个打卡关键词（不含逗号）。",
    },
    # python -m dashboard.ingest
    "activity.ingest.preview": {
        "en": "{name}: {format}, {chats} chats, {first_day} – {last_day}, {messages} messages, "
        "{members} members",
        "zh": "{name}：{format}，{chats} 个群聊，{first_day} 至 {last_day}，{messages} 条消息，"
        "{members} 位成员",
    },
    "activity.ingest.already": {
        "en": "{name}: already imported on {on} by {by}",
        "zh": "{name}：已于 {on} 由 {by} 导入",
    },
    "activity.ingest.imported": {
        "en": "{name}: imported as number {id} in {seconds} s",
        "zh": "{name}：已导入，编号 {id}，用时 {seconds} 秒",
    },
    "activity.ingest.missing": {
        "en": "{name}: no such file",
        "zh": "{name}：文件不存在",
    },
}

# the audit log's names for the activity area's writes
STRINGS.update(
    {
        "audit.action.import": {"en": "import", "zh": "导入"},
        "audit.action.remove": {"en": "remove", "zh": "移除"},
        "audit.action.set_keywords": {"en": "set check-in keywords", "zh": "设置打卡关键词"},
        "audit.action.recompute": {"en": "recompute", "zh": "重新计算"},
        "audit.entity.activity_import": {"en": "chat export import", "zh": "群聊导出导入"},
        "audit.entity.chat": {"en": "chat", "zh": "群聊"},
    }
)
