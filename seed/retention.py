"""Demo retention data: recognition and rewards over the last months, a few concerns leads
flagged (one resolved), and the retention actions that followed. Bulk inserts, deterministic
for a given ``rng``."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

RECOGNITIONS = (
    ("recognition", "月度复盘中点名感谢：活动筹备细致"),
    ("recognition", "群友投票评为本月最佳答疑"),
    ("reward", "年度读书会纪念周边一套"),
    ("recognition", "在核心群公开表扬：新人欢迎流程做得好"),
    ("reward", "平台会员季卡"),
    ("recognition", "活动复盘中被推荐为优秀策划"),
    ("reward", "线下沙龙嘉宾名额"),
)
CONCERNS = (
    "最近两次例会都没参加，群里回复明显变少",
    "和同组管理员在活动分工上有争执，情绪较大",
    "私聊表示觉得付出多、被看见少",
    "对新的排班安排有意见，在群里发过牢骚",
)
ACTIONS = (
    ("talk", "一对一语音沟通，聊了近期状态和想法"),
    ("workload_reduced", "把周末值班交给观察员分担"),
    ("reward_given", "送出读书会纪念周边"),
)


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """About five in six of the team recognised in the last months; four concerns."""
    _seed(db, rng, today, concern_count=len(CONCERNS))


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """The same mix over the large community, with forty concerns."""
    _seed(db, rng, today, concern_count=40)


def _seed(db: Database, rng: random.Random, today: date, concern_count: int) -> None:
    people = [
        dict(row)
        for row in db.execute(
            "SELECT id, joined_on FROM people WHERE status IN ('active', 'newcomer') ORDER BY id"
        ).fetchall()
    ]
    givers = [
        row[0]
        for row in db.execute(
            """SELECT DISTINCT m.person_id FROM memberships m JOIN roles r ON r.id = m.role_id
               WHERE m.end_on IS NULL AND r.code IN ('owner', 'admin') ORDER BY m.person_id"""
        ).fetchall()
    ]
    with db.atomic():
        recognitions = []
        for person in people:
            joined = date.fromisoformat(person["joined_on"])
            span = (today - joined).days
            if span < 20 or rng.random() < 0.15:
                continue  # never recognised yet
            # the latest within about three months, earlier ones further back
            ages = [rng.randint(3, min(span, 100))]
            ages += [rng.randint(min(span, 100), min(span, 400)) for _ in range(rng.randint(0, 2))]
            for age in ages:
                kind, what = rng.choice(RECOGNITIONS)
                giver = rng.choice([g for g in givers[:50] if g != person["id"]])
                recognitions.append(
                    [person["id"], kind, what, (today - timedelta(days=age)).isoformat(), giver]
                )
        db.conn.executemany(
            """INSERT INTO recognitions (person_id, kind, what, given_on, given_by, recorded_by)
               VALUES (?, ?, ?, ?, ?, 'lead')""",
            recognitions,
        )
        veterans = [
            p["id"] for p in people if (today - date.fromisoformat(p["joined_on"])).days > 300
        ]
        flagged = rng.sample(veterans, min(concern_count, len(veterans)))
        for index, person_id in enumerate(flagged):
            note = CONCERNS[index % len(CONCERNS)]
            flagged_on = today - timedelta(days=rng.randint(5, 40))
            resolved = index % len(CONCERNS) == len(CONCERNS) - 1
            db.execute(
                """INSERT INTO concerns
                   (person_id, note, flagged_on, flagged_by, resolved_on, resolution)
                   VALUES (?, ?, ?, 'lead', ?, ?)""",
                [
                    person_id,
                    note,
                    flagged_on.isoformat(),
                    (flagged_on + timedelta(days=4)).isoformat() if resolved else None,
                    "谈心后调整了排班" if resolved else "",
                ],
            )
            action, text = ACTIONS[index % len(ACTIONS)]
            db.execute(
                """INSERT INTO retention_actions (person_id, action, note, taken_on, taken_by)
                   VALUES (?, ?, ?, ?, 'lead')""",
                [person_id, action, text, (flagged_on + timedelta(days=2)).isoformat()],
            )
