"""The demo's group lifecycle: the core community's groups are all a year or more old, so
two of them are made younger. 短视频组 is a split of 公众号组 made six weeks ago (still new:
新媒体核心群 has a split in progress), and 福利发放组 started seven months ago (growing). With
the bench and coaches the later areas seed, 新人引导组 (社群运营核心群) is ready to split and
活动核心群's groups are not (nobody on its bench is ready to own a group)."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

# group, days since it was created, the group it was split from (None: created afresh)
YOUNGER_GROUPS = (("短视频组", 42, "公众号组"), ("福利发放组", 210, None))


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Make the demo's groups span the four lifecycle stages."""
    with db.atomic():
        for name, days, split_from in YOUNGER_GROUPS:
            created_on = (today - timedelta(days=days)).isoformat()
            (group_id,) = db.execute("SELECT id FROM groups WHERE name = ?", [name]).fetchone()
            origin = None
            if split_from is not None:
                (origin,) = db.execute(
                    "SELECT id FROM groups WHERE name = ?", [split_from]
                ).fetchone()
            db.execute(
                "UPDATE groups SET created_on = ?, split_from_id = ? WHERE id = ?",
                [created_on, origin, group_id],
            )
            # nobody was in the group before it existed: who had left before then was in
            # the group it was split from; who was there already joined on its first day
            db.execute(
                """UPDATE memberships SET group_id = coalesce(?, group_id)
                   WHERE group_id = ? AND end_on < ?""",
                [origin, group_id, created_on],
            )
            db.execute(
                """UPDATE memberships SET start_on = ?
                   WHERE group_id = ? AND start_on < ? AND (end_on IS NULL OR end_on >= ?)""",
                [created_on, group_id, created_on, created_on],
            )
