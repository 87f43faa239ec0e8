"""Demo coaching: past newcomers who graduated with a coach, today's newcomers with (most
of) their coaches, and retrospectives in the four steps of 复盘."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain.coaching import (
    coach_slots,
    dated_steps,
    plan_assignments,
    rank_coaches,
    waiting_newcomers,
)

# goal, result, causes, lessons
RETROS = (
    (
        "第一次独立主持线上分享，目标到场 30 人",
        "到场 22 人，互动提问只有 3 个",
        "预告只提前一天发出；开场没有抛出问题",
        "提前三天预热，开场先发起投票调动气氛",
    ),
    (
        "一周内写完一篇读书笔记并发布",
        "按时发布，阅读量 180，收藏 12",
        "选题贴近群友需求，但标题不够吸引人",
        "发布前准备两个标题请教练挑选",
    ),
    (
        "组织一次 7 天打卡，完成率 60%",
        "完成率 41%，第 4 天起明显掉队",
        "中途缺少提醒和小奖励，任务难度偏高",
        "每天固定时间提醒，第 3、5 天设置小红包",
    ),
    (
        "独立处理新群友的入群欢迎和群规说明",
        "欢迎语及时，但有两人违规发广告未及时处理",
        "不熟悉群管理工具的禁言与移除操作",
        "先在测试群练习管理操作，整理一份处理清单",
    ),
    (
        "策划一次线下读书会，报名 15 人",
        "报名 18 人，实到 11 人",
        "场地离地铁远，活动前一天未再次确认",
        "选交通方便的场地，活动前一晚逐一确认",
    ),
    (
        "剪辑一条 1 分钟短视频并发布",
        "完成发布，完播率 23%",
        "开头 5 秒没有亮点，节奏偏慢",
        "开头直接展示结论，多参考爆款的节奏",
    ),
)
FINAL = (
    "能独立承担一项运营任务",
    "已独立完成三次分享和一次打卡活动",
    "坚持复盘，问题处理越来越主动",
    "转为在岗成员，下一步尝试带一位新人",
)

# onboarding steps every role's template starts from: day offset, who, text, manual section
COMMON_STEPS = (
    (0, "newcomer", "Read the group rules and introduce yourself", ""),
    (3, "coach", "First one-to-one with the coach: agree on a first task", ""),
    (14, "newcomer", "Log a first retrospective: goal, result, causes, lessons", ""),
    (30, "lead", "Thirty-day talk with the lead: what next", ""),
)
# and one step of the role's own, linked to its handover manual where it has one
ROLE_STEPS = {
    "owner": (7, "coach", "Shadow the owner's Monday plan for the week", "日常工作"),
    "admin": (7, "newcomer", "Practise muting and removing in the test group", "日常工作"),
    "coach": (7, "coach", "Sit in on a retrospective another coach leads", "日常工作"),
    "editor": (7, "coach", "Edit one reading note together with the editor", "Routine"),
    "event_planner": (7, "newcomer", "Help run one check-in challenge", ""),
    "observer": (7, "newcomer", "Shadow the observed role for a full week", ""),
    "member": (7, "newcomer", "Share one useful post in the group", ""),
}


def _seed_onboarding(db: Database, rng: random.Random, today: date) -> None:
    """One onboarding template per role, and a plan for each of today's newcomers from the
    template of their first role: steps due a few days ago or more are mostly done."""
    roles = dict(db.execute("SELECT code, id FROM roles").fetchall())
    created = (today - timedelta(days=200)).isoformat()
    templates = {}
    for code, role_id in roles.items():
        extra = ROLE_STEPS.get(code)
        steps = sorted([*COMMON_STEPS, *([extra] if extra else [])], key=lambda s: s[0])
        template_id = db.execute(
            """INSERT INTO onboarding_templates (role_id, version, author, created_on)
               VALUES (?, 1, 'admin', ?)""",
            [role_id, created],
        ).lastrowid
        rows = [
            {"day_offset": offset, "owner": owner, "text": text, "manual_section": section}
            for offset, owner, text, section in steps
        ]
        db.conn.executemany(
            """INSERT INTO onboarding_template_steps
               (template_id, position, text, day_offset, owner, manual_section)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (template_id, n, r["text"], r["day_offset"], r["owner"], r["manual_section"])
                for n, r in enumerate(rows, start=1)
            ],
        )
        templates[role_id] = (template_id, rows)
    newcomers = db.execute(
        """SELECT p.id, p.joined_on,
                  (SELECT m.role_id FROM memberships m WHERE m.person_id = p.id
                    ORDER BY m.start_on, m.id LIMIT 1)
           FROM people p WHERE p.status = 'newcomer' ORDER BY p.id"""
    ).fetchall()
    for person_id, joined_on, role_id in newcomers:
        if role_id not in templates:
            continue
        template_id, rows = templates[role_id]
        plan_id = db.execute(
            "INSERT INTO onboarding_plans (person_id, template_id, started_on) VALUES (?, ?, ?)",
            [person_id, template_id, joined_on],
        ).lastrowid
        for step in dated_steps(date.fromisoformat(joined_on), rows):
            due = date.fromisoformat(step["due_on"])
            done = due <= today - timedelta(days=3) and rng.random() < 0.8
            done_on = min(due + timedelta(days=rng.randint(0, 2)), today) if done else None
            db.execute(
                """INSERT INTO onboarding_steps
                   (plan_id, position, text, owner, manual_section, due_on, done_on, done_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    plan_id,
                    step["position"],
                    step["text"],
                    step["owner"],
                    step["manual_section"],
                    step["due_on"],
                    done_on.isoformat() if done_on else None,
                    "system" if done_on else None,
                ],
            )


def _retro(
    db: Database, person_id: int, author_id: int, coaching_id: int, day: date, steps, final=False
):
    db.execute(
        """INSERT INTO retrospectives
           (person_id, author_id, coaching_id, held_on, goal, result, causes, lessons, is_final)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [person_id, author_id, coaching_id, day.isoformat(), *steps, int(final)],
    )


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Graduates of the past year, coaches for 8 of today's newcomers (the 2 who waited
    longest and the 2 newest are left for the lead to match), and onboarding templates and
    plans."""
    with db.atomic():
        coach_ids = [
            row[0]
            for row in db.execute(
                """SELECT DISTINCT m.person_id FROM memberships m JOIN roles r ON r.id = m.role_id
                   JOIN people p ON p.id = m.person_id
                   WHERE r.code = 'coach' AND m.end_on IS NULL AND p.status = 'active'
                   ORDER BY m.person_id"""
            ).fetchall()
        ]
        # past newcomers of the last year who graduated with a coach
        graduates = db.execute(
            """SELECT id, joined_on FROM people WHERE status = 'active' AND joined_on >= ?
               ORDER BY joined_on, id""",
            [(today - timedelta(days=420)).isoformat()],
        ).fetchall()
        for person_id, joined_on in graduates:
            if person_id in coach_ids or rng.random() < 0.3:
                continue
            coach_id = rng.choice(coach_ids)
            start = date.fromisoformat(joined_on) + timedelta(days=rng.randint(1, 6))
            end = start + timedelta(days=rng.randint(45, 90))
            if end >= today:
                continue
            coaching_id = db.execute(
                """INSERT INTO coaching (coach_id, newcomer_id, start_on, end_on, end_reason)
                   VALUES (?, ?, ?, ?, 'graduated')""",
                [coach_id, person_id, start.isoformat(), end.isoformat()],
            ).lastrowid
            for step_day in sorted(rng.sample(range(7, (end - start).days), 2)):
                _retro(
                    db,
                    person_id,
                    coach_id,
                    coaching_id,
                    start + timedelta(days=step_day),
                    rng.choice(RETROS),
                )
            _retro(db, person_id, coach_id, coaching_id, end, FINAL, final=True)
        # today's newcomers: match most of them the way the page suggests
        waiting = waiting_newcomers(db)  # longest-waiting first
        to_match = waiting[2:-2] if len(waiting) > 4 else []
        names = {row[0]: row[1] for row in db.execute("SELECT id, name FROM groups").fetchall()}
        for newcomer in to_match:
            suggestions = rank_coaches(newcomer, coach_slots(db), names)
            if not suggestions:
                break
            coach_id = suggestions[0].coach_id
            joined = date.fromisoformat(
                db.execute("SELECT joined_on FROM people WHERE id = ?", [newcomer.id]).fetchone()[0]
            )
            start = min(joined + timedelta(days=rng.randint(1, 5)), today)
            coaching_id = db.execute(
                "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (?, ?, ?)",
                [coach_id, newcomer.id, start.isoformat()],
            ).lastrowid
            day = start + timedelta(days=rng.randint(5, 12))
            while day <= today - timedelta(days=3):
                _retro(db, newcomer.id, coach_id, coaching_id, day, rng.choice(RETROS))
                day += timedelta(days=rng.randint(8, 20))
        _seed_onboarding(db, rng, today)


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """Coaches for three in four of the large community's newcomers (balanced, as the
    page's auto-assign would), each with one or two retrospectives."""
    with db.atomic():
        waiting = waiting_newcomers(db)
        plan = plan_assignments(waiting[: len(waiting) * 3 // 4], coach_slots(db))
        joined = dict(db.execute("SELECT id, joined_on FROM people").fetchall())
        coaching_rows, retro_rows = [], []
        for pair in plan:
            start = min(date.fromisoformat(joined[pair.newcomer_id]) + timedelta(days=2), today)
            coaching_rows.append((pair.coach_id, pair.newcomer_id, start.isoformat()))
        db.conn.executemany(
            "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (?, ?, ?)",
            coaching_rows,
        )
        for coaching_id, coach_id, newcomer_id, start_on in db.execute(
            "SELECT id, coach_id, newcomer_id, start_on FROM coaching ORDER BY id"
        ).fetchall():
            day = date.fromisoformat(start_on) + timedelta(days=rng.randint(3, 10))
            while day <= today and rng.random() < 0.8:
                retro_rows.append(
                    (newcomer_id, coach_id, coaching_id, day.isoformat(), *rng.choice(RETROS))
                )
                day += timedelta(days=rng.randint(7, 21))
        db.conn.executemany(
            """INSERT INTO retrospectives
               (person_id, author_id, coaching_id, held_on, goal, result, causes, lessons)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            retro_rows,
        )
