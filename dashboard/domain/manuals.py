"""Rules of handover manuals and handovers: the template, the checklist section, the
secret warning, diffs between versions, staleness, inert Markdown, and the write services.

Secrets: a manual must never hold passwords, tokens or keys. ``find_secrets`` spots what
looks like one; ``save_manual`` refuses to save such a text unless the writer explicitly
confirms (``confirm_secrets=True``) that the findings are not real secrets — the page asks
for that confirmation, and the audit row records how many findings were confirmed.
"""

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain import org as org_rules
from dashboard.domain.alerts import Alert
from db import manuals as store
from db import org
from db.access import require_leaver_write
from db.errors import ValidationError

DEFAULT_STALE_DAYS = 90
HANDOVER_OVERDUE_DAYS = 14
MAX_MANUAL_CHARS = 50_000
AREA = "manuals"

# ---------------------------------------------------------------- template and checklist

TEMPLATE_KEY = "manual.template"
CHECKLIST_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
TASK_LINE = re.compile(r"^\s*[-*+]\s+\[( |x|X)\]\s+(.+?)\s*$")
CHECKLIST_WORDS = ("checklist", "清单")


def template(lang: str, role_name: str = "") -> str:
    """The starting text of a new manual, in ``lang`` (``en`` or ``zh``)."""
    from dashboard.i18n import t

    return t(TEMPLATE_KEY, lang, role=role_name)


def checklist_items(body_md: str) -> list[str]:
    """The ``- [ ] item`` lines of the manual's checklist section (a heading containing
    "checklist" or "清单"); without such a heading, every task line of the manual."""
    lines = body_md.splitlines()
    section: list[str] | None = None
    level = 0
    for line in lines:
        heading = CHECKLIST_HEADING.match(line)
        if section is None:
            if heading and any(w in heading.group(2).lower() for w in CHECKLIST_WORDS):
                section, level = [], len(heading.group(1))
            continue
        if heading and len(heading.group(1)) <= level:
            break
        section.append(line)
    scanned = lines if section is None else section
    found = []
    for line in scanned:
        task = TASK_LINE.match(line)
        if task:
            found.append(task.group(2))
    return found


def normalise_body(body_md: str) -> str:
    """Unix line ends, no trailing spaces, one final newline."""
    lines = [
        line.rstrip() for line in body_md.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    return "\n".join(lines).strip("\n") + "\n"


# ---------------------------------------------------------------- secrets

SECRET_LABEL = re.compile(
    r"(?i)(?<![A-Za-z])(password|passwd|pwd|passcode|pin|secret|token|api[ _-]?key|"
    r"access[ _-]?key|app[ _-]?secret|client[ _-]?secret|private[ _-]?key|"
    r"密码|口令|密钥|秘钥|令牌|验证码)\s*(?:[:：=]|是|为)\s*(?P<value>[^\s，。；;,]+)"
)
KNOWN_KEYS = (
    re.compile(r"\bsk-[A-Za-z0-9_-]{16,}"),  # OpenAI-style secret keys
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),  # AWS access key ids
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"),  # GitHub tokens
    re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),  # Slack tokens
    re.compile(r"\bAIza[0-9A-Za-z_-]{30,}"),  # Google API keys
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),  # JWTs
)
PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
URL = re.compile(r"(?i)\b(?:https?|ftp)://\S+")
RANDOM_TOKEN = re.compile(r"[A-Za-z0-9+/_=-]{24,}")
HEX_TOKEN = re.compile(r"^[0-9a-fA-F]{32,}$")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
PLACEHOLDER_START = tuple("(<[{（【「*…._-/")
PLACEHOLDERS = {"none", "n/a", "na", "null", "xxx", "xxxx", "xxxxxx", "******", "无", "略"}


@dataclass(frozen=True)
class SecretFinding:
    """Something that looks like a secret: 1-based line, kind, and a masked excerpt."""

    line: int
    kind: str  # labelled | known_key | private_key | random_token
    masked: str


def mask(value: str) -> str:
    """The first two characters of a secret, the rest hidden (never show it whole)."""
    return value[:2] + "•" * max(3, min(len(value) - 2, 8))


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _looks_random(token: str) -> bool:
    if HEX_TOKEN.match(token):
        has_digit = any(c.isdigit() for c in token)
        return has_digit and any(c.isalpha() for c in token) and _entropy(token) >= 3.0
    classes = sum(
        (
            any(c.islower() for c in token),
            any(c.isupper() for c in token),
            any(c.isdigit() for c in token),
        )
    )
    return classes == 3 and _entropy(token) >= 3.5


def _labelled_value_is_secret(value: str) -> bool:
    value = value.strip("`'\"")
    if len(value) < 4 or value.lower() in PLACEHOLDERS:
        return False
    # "(ask the owner)", "<在密码管理器>", "见共享文档" are not secrets
    return not (value.startswith(PLACEHOLDER_START) or CJK.search(value))


def find_secrets(body_md: str) -> list[SecretFinding]:
    """What in the text looks like a password, token or key, one finding per line at most
    per kind: ``password: hunter22``, ``密码：abc12345``, known key formats, private key
    blocks and long random-looking tokens."""
    findings: list[SecretFinding] = []
    for number, line in enumerate(body_md.splitlines(), start=1):
        kinds_here: set[str] = set()

        def add(kind: str, value: str, number: int = number, kinds_here: set = kinds_here) -> None:
            if kind not in kinds_here:
                kinds_here.add(kind)
                findings.append(SecretFinding(number, kind, mask(value)))

        if PRIVATE_KEY.search(line):
            add("private_key", "-----BEGIN")
        for pattern in KNOWN_KEYS:
            match = pattern.search(line)
            if match:
                add("known_key", match.group(0))
        for match in SECRET_LABEL.finditer(line):
            if _labelled_value_is_secret(match.group("value")):
                add("labelled", match.group("value").strip("`'\""))
        if not kinds_here & {"known_key", "labelled"}:
            for match in RANDOM_TOKEN.finditer(URL.sub(" ", line)):
                if _looks_random(match.group(0)):
                    add("random_token", match.group(0))
    return findings


# ---------------------------------------------------------------- rendering


FENCE = re.compile(r"^\s{0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
DANGEROUS_LINK = re.compile(r"(?i)\]\(\s*(?:javascript|vbscript|data)\s*:")


def _escape_html_outside_code(line: str) -> str:
    parts, last = [], 0
    for match in CODE_SPAN.finditer(line):
        parts.append(line[last : match.start()].replace("<", "&lt;"))
        parts.append(match.group(0))
        last = match.end()
    parts.append(line[last:].replace("<", "&lt;"))
    return "".join(parts)


def inert_markdown(body_md: str) -> str:
    """The manual as Markdown that cannot carry HTML or scripts: every ``<`` outside code
    becomes ``&lt;`` (so tags show as text), and ``javascript:``/``data:`` links are cut."""
    out, in_fence = [], False
    for line in body_md.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)  # code blocks show text verbatim anyway
            continue
        out.append(DANGEROUS_LINK.sub("](#", _escape_html_outside_code(line)))
    return "\n".join(out)


def export_markdown(role: dict, manual: dict) -> str:
    """The Markdown file a user downloads: a small front matter, then the manual."""
    reviewed = manual.get("reviewed_on") or ""
    header = (
        "---\n"
        f"role: {role['code']}\n"
        f"role_name: {role['name']} / {role['name_zh']}\n"
        f"version: {manual['version']}\n"
        f"author: {manual['author']}\n"
        f"created_on: {manual['created_on']}\n"
        f"reviewed_on: {reviewed}\n"
        "---\n\n"
    )
    return header + manual["body_md"]


# ---------------------------------------------------------------- diffs

DIFF_CONTEXT = 3  # unchanged lines shown around each change of a side-by-side diff


def unified_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff of two manual texts (empty when they are the same)."""
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=old_label,
            tofile=new_label,
            n=2,
        )
    )


def side_by_side(old: str, new: str, context: int | None = None) -> list[dict]:
    """Rows of a side-by-side diff: ``old_no, old, new_no, new, change`` where change is
    ``equal``, ``replace``, ``delete`` or ``insert``; line numbers are 1-based or None.

    :param context: keep only the changed hunks with this many unchanged lines around
        each; every run of unchanged lines left out becomes one ``skip`` row whose
        ``skipped`` says how many. ``None``: every line.
    """
    old_lines, new_lines = old.splitlines(), new.splitlines()
    rows: list[dict] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    if context is None:
        return _diff_rows(matcher.get_opcodes(), old_lines, new_lines)
    if all(tag == "equal" for tag, *_ in matcher.get_opcodes()):
        return []
    next_old = 0  # the first old line not shown yet
    for hunk in matcher.get_grouped_opcodes(context):
        first_old, last_old = hunk[0][1], hunk[-1][2]
        if first_old > next_old:
            rows.append(_skip_row(first_old - next_old))
        rows += _diff_rows(hunk, old_lines, new_lines)
        next_old = last_old
    if len(old_lines) > next_old:
        rows.append(_skip_row(len(old_lines) - next_old))
    return rows


def _skip_row(skipped: int) -> dict:
    return {
        "old_no": None,
        "old": "",
        "new_no": None,
        "new": "",
        "change": "skip",
        "skipped": skipped,
    }


def _diff_rows(opcodes, old_lines: list[str], new_lines: list[str]) -> list[dict]:
    rows: list[dict] = []
    for tag, i1, i2, j1, j2 in opcodes:
        span = max(i2 - i1, j2 - j1)
        for offset in range(span):
            i, j = i1 + offset, j1 + offset
            left = i < i2
            right = j < j2
            rows.append(
                {
                    "old_no": i + 1 if left else None,
                    "old": old_lines[i] if left else "",
                    "new_no": j + 1 if right else None,
                    "new": new_lines[j] if right else "",
                    "change": tag
                    if tag == "equal" or (left and right)
                    else ("delete" if left else "insert"),
                }
            )
    return rows


def diff_counts(rows: list[dict]) -> dict[str, int]:
    """How many lines were added, removed and changed in a side-by-side diff."""
    counts = Counter(row["change"] for row in rows)
    return {
        "added": counts["insert"],
        "removed": counts["delete"],
        "changed": counts["replace"],
    }


# ---------------------------------------------------------------- staleness


def last_reviewed(manual: dict) -> date | None:
    """The later of the day a version was saved and the day it was last marked reviewed."""
    days = [manual.get("created_on"), manual.get("reviewed_on")]
    known = [date.fromisoformat(d) for d in days if d]
    return max(known) if known else None


def manual_status(manual: dict, today: date, stale_days: int = DEFAULT_STALE_DAYS) -> str:
    """``missing`` (no manual), ``stale`` (not reviewed for ``stale_days``) or ``current``."""
    reviewed = last_reviewed(manual) if manual.get("version") else None
    if reviewed is None:
        return "missing"
    return "stale" if (today - reviewed).days > stale_days else "current"


def days_since_review(manual: dict, today: date) -> int | None:
    reviewed = last_reviewed(manual) if manual.get("version") else None
    return None if reviewed is None else (today - reviewed).days


# ---------------------------------------------------------------- write services


def save_manual(
    db: Database,
    actor: str,
    *,
    role_id: int,
    body_md: str,
    today: date,
    note: str = "",
    confirm_secrets: bool = False,
) -> int:
    """Save a new version of a role's manual; returns the version id.

    Refuses an empty, unchanged or over-long text, and a text with secret-looking content
    unless ``confirm_secrets`` (the findings are listed as row errors).
    """
    body = normalise_body(body_md or "")
    if not body.strip():
        raise ValidationError("manual.err.empty")
    if len(body) > MAX_MANUAL_CHARS:
        raise ValidationError("manual.err.too_long", max=MAX_MANUAL_CHARS, chars=len(body))
    with db.atomic():
        role = org.role(db, role_id)
        if role is None:
            raise ValidationError("manual.err.no_such_role", role=role_id)
        current = store.latest_version(db, role_id)
        if current is not None and current["body_md"] == body:
            raise ValidationError("manual.err.unchanged", version=current["version"])
        findings = find_secrets(body)
        if findings and not confirm_secrets:
            raise ValidationError(
                "manual.err.secrets",
                row_errors=[
                    (f"#{f.line}", f"manual.secret.{f.kind}", {"excerpt": f.masked})
                    for f in findings
                ],
                count=len(findings),
            )
        note = note.strip()
        if findings:
            note = (note + " " if note else "") + f"[secret warning confirmed: {len(findings)}]"
        return store.insert_version(db, actor, role_id, body, today.isoformat(), note)


def mark_reviewed(db: Database, actor: str, *, role_id: int, today: date) -> None:
    """Record that the role's latest manual was checked today and is still right."""
    with db.atomic():
        current = store.latest_version(db, role_id)
        if current is None:
            raise ValidationError("manual.err.no_manual", role=role_id)
        store.mark_reviewed(db, actor, current["id"], today.isoformat())


def start_handover(
    db: Database,
    actor: str,
    *,
    role_id: int,
    group_id: int,
    from_person_id: int | None,
    to_person_id: int,
    today: date,
) -> int | None:
    """Start handing ``role_id`` in ``group_id`` over from its holder to a successor.

    Pins the role's latest manual version and makes the checklist from the manual's
    checklist section. Returns the handover id — the already open one if the same
    handover is under way — or ``None`` when the role has no manual yet.
    """
    with db.atomic():
        role = org.role(db, role_id)
        if role is None:
            raise ValidationError("manual.err.no_such_role", role=role_id)
        group = org.group(db, group_id)
        if group is None or group["archived_on"] is not None:
            raise ValidationError("manual.err.group_archived", group=group_id)
        successor = org_rules.require_present(
            db, to_person_id, "manual.err.no_such_person", "manual.err.successor_left"
        )
        if from_person_id is not None:
            if org.person(db, from_person_id) is None:
                raise ValidationError("manual.err.no_such_person", person=from_person_id)
            if from_person_id == to_person_id:
                raise ValidationError("manual.err.same_person", person=successor["name"])
        manual = store.latest_version(db, role_id)
        if manual is None:
            return None
        existing = store.open_handover_for(db, role_id, group_id, to_person_id)
        if existing is not None:
            return existing["id"]
        return store.insert_handover(
            db,
            actor,
            role_id=role_id,
            group_id=group_id,
            from_person=from_person_id,
            to_person=to_person_id,
            manual_version_id=manual["id"],
            started_on=today.isoformat(),
            checklist=checklist_items(manual["body_md"]),
        )


def save_checklist(
    db: Database,
    actor: str,
    handover_id: int,
    done_ids: set[int],
    today: date,
    *,
    shown_done: set[int],
) -> int:
    """Apply what the user changed on the checklist, keyed by item id, in one transaction;
    returns how many items changed.

    :param done_ids: the items ticked on the page now.
    :param shown_done: the items the page showed ticked before the user's changes. Only
        items ticked since (shown unticked) are ticked and only items unticked since
        (shown ticked) are unticked, so a save leaves alone what another session changed.
    """
    store.require_checklist_write(db, actor, handover_id)  # even when nothing changed
    to_tick = set(done_ids) - set(shown_done)
    to_untick = set(shown_done) - set(done_ids)
    changed = 0
    with db.atomic():
        for row in store.items(db, handover_id):
            if row["id"] in to_tick and row["done_on"] is None:
                store.set_item_done(db, actor, row["id"], True, today.isoformat())
                changed += 1
            elif row["id"] in to_untick and row["done_on"] is not None:
                store.set_item_done(db, actor, row["id"], False, today.isoformat())
                changed += 1
    return changed


def acknowledge_handover(
    db: Database,
    actor: str,
    handover_id: int,
    today: date,
    done_ids: set[int] | None = None,
    shown_done: set[int] | None = None,
) -> None:
    """The successor's acknowledgement: closes the handover once every item is ticked.

    With ``done_ids`` the user's changes to the checklist (ticked now against
    ``shown_done``, see ``save_checklist``) are saved first (all or nothing).
    """
    with db.atomic():
        if done_ids is not None:
            save_checklist(db, actor, handover_id, done_ids, today, shown_done=shown_done or set())
        handover = store.handover(db, handover_id)
        if handover is not None:
            successor = org.person(db, handover["to_person"])
            if successor["status"] == "left":
                raise ValidationError("manual.err.successor_left", person=successor["name"])
        open_items = [i for i in store.items(db, handover_id) if i["done_on"] is None]
        if open_items:
            raise ValidationError("manual.err.items_open", count=len(open_items))
        store.close_handover(db, actor, handover_id, acknowledged=True, on=today.isoformat())


def cancel_handover(db: Database, actor: str, handover_id: int, today: date) -> None:
    """Call off an open handover (e.g. the successor left); it stays in the history."""
    store.close_handover(db, actor, handover_id, acknowledged=False, on=today.isoformat())


def on_person_left(db: Database, actor: str, person_id: int, today: date) -> None:
    """A leaver's open handovers stay open but are flagged for a lead: ``holder_left``
    (finish it with what the manual says) or ``successor_left`` (cancel it and hand over
    to someone else). Runs inside ``mark_left``'s transaction; the actor must be allowed the exit."""
    require_leaver_write(db, actor, person_id, today.isoformat())
    for row in store.open_handovers_of_person(db, person_id):
        flag = "holder_left" if row["from_person"] == person_id else "successor_left"
        store.flag_handover(db, actor, row["id"], flag, check_access=False)


def open_handovers(db: Database) -> list[dict]:
    """Open handovers (not acknowledged, not cancelled) with names and progress."""
    return store.handovers(db, open_only=True)


# ---------------------------------------------------------------- alerts


def alerts(db: Database, today: date, stale_days: int = DEFAULT_STALE_DAYS) -> list[Alert]:
    """Key roles without a manual, stale manuals, and handovers open too long or flagged."""
    found: list[Alert] = []
    for manual in store.role_manuals(db):
        names = {"role": manual["name"], "role_zh": manual["name_zh"]}
        status = manual_status(manual, today, stale_days)
        if status == "missing" and manual["is_key"]:
            found.append(
                Alert("role_without_manual", "medium", "manual.alert.no_manual", AREA, names)
            )
        elif status == "stale":
            days = days_since_review(manual, today)
            found.append(
                Alert("stale_manual", "low", "manual.alert.stale", AREA, {**names, "days": days})
            )
    for row in store.handovers(db, open_only=True):
        days_open = (today - date.fromisoformat(row["started_on"])).days
        params = {
            "role": row["role_name"],
            "role_zh": row["role_name_zh"],
            "group": row["group_name"],
            "to": row["to_name"],
            "days": days_open,
        }
        if row["flag"]:
            found.append(
                Alert(
                    f"handover_{row['flag']}",
                    "high",
                    f"manual.alert.{row['flag']}",
                    AREA,
                    params,
                    person_id=row["to_person"],
                    group_id=row["group_id"],
                )
            )
        elif days_open > HANDOVER_OVERDUE_DAYS:
            found.append(
                Alert(
                    "handover_overdue",
                    "medium",
                    "manual.alert.handover_overdue",
                    AREA,
                    params,
                    person_id=row["to_person"],
                    group_id=row["group_id"],
                )
            )
    return found


def overdue_since(today: date) -> date:
    """Handovers started before this day are open too long."""
    return today - timedelta(days=HANDOVER_OVERDUE_DAYS)
