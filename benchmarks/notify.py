"""Digests on the large database: gathering every area's alerts and what reminders need
(once per notify run), then building and laying out one digest per account and language
(the demo accounts, and a lead scoped to each core group), as ``python -m dashboard.notify``
does. Reads only: subscriptions are built in memory, nothing is written or sent.
"""

import time

from benchmarks.overview import _median_ms, _prepared


def run(path: str) -> None:
    """Print how long gathering and building all digests take."""
    from dashboard.domain import notify as rules
    from dashboard.notify import messages
    from db.access import subtree_ids
    from db.connection import connect

    path, today = _prepared(path)
    db = connect(path)
    users = [dict(row) for row in db.execute("SELECT username FROM users ORDER BY username")]
    cores = [row[0] for row in db.execute("SELECT id FROM groups WHERE tier = 'core'")]
    print(f"database: {path}, today = {today}; {len(users)} accounts, {len(cores)} core groups")

    started = time.perf_counter()
    gathered = rules.gather(db, today)
    gather_s = time.perf_counter() - started
    print(
        f"gather (alerts of every area, reminders' sources): {gather_s:.2f} s,"
        f" {len(gathered.alerts)} alerts"
    )

    def subscription(username: str) -> dict:
        return {"username": username, "alert_kinds": None, "reminders": 1}

    def build_all() -> int:
        built = 0
        for user in users:
            for lang in ("en", "zh"):
                digest = rules.build_digest(db, gathered, subscription(user["username"]))
                digest.language = lang
                messages.markdown(messages.compose(digest, "https://ops.example", "2026-W25"))
                built += 1
        return built

    count = build_all()
    per_account = _median_ms(build_all)
    print(f"build and lay out {count} digests (accounts × 2 languages): {per_account:.1f} ms")

    # a lead per core group: the scoping a whole team of leads' digests would need
    scoped = 0
    started = time.perf_counter()
    for core in cores:
        scope = subtree_ids(db, core)
        digest_alerts = [
            a for a in gathered.alerts if rules.in_scope(a, scope, gathered.person_groups)
        ]
        scoped += len(digest_alerts)
    scoped_ms = (time.perf_counter() - started) * 1000
    print(
        f"scope filtering for {len(cores)} core-group leads: {scoped_ms:.1f} ms ({scoped} alerts)"
    )
    total = gather_s + per_account / 1000 + scoped_ms / 1000
    print(f"all digests of one run: {total:.2f} s")
    db.close()
