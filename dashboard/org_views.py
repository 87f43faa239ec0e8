"""Loaders and translators for the org structure page.

Pure functions (``grid_frame``, ``board_columns``, ``history_frame``, ``person_labels``,
``membership_labels``) take plain frames and dicts, so they are tested without Streamlit;
loaders read through ``dashboard.session.reading``. The tree's pictures are in
``dashboard.org_tree``.
"""

import json
from datetime import date

import pandas as pd
from sqlite_utils import Database

from dashboard.domain.org import age_months, lifecycle_stage
from dashboard.i18n import label, t
from dashboard.i18n.formats import localized
from dashboard.session import loader, reading, stored
from db import audit
from db import org as store

GROUP_COLUMNS = [
    "id",
    "name",
    "tier",
    "parent_id",
    "parent_name",
    "purpose",
    "platform",
    "capacity",
    "created_on",
    "archived_on",
    "version",
    "head_count",
    "lead_name",
    "owner_id",
]
MEMBER_COLUMNS = [
    "id",
    "person_id",
    "person_name",
    "person_status",
    "group_id",
    "group_name",
    "group_tier",
    "role_id",
    "role_code",
    "role_name",
    "role_name_zh",
    "start_on",
]
STRUCTURE_ENTITIES = ("group", "person", "membership")

# ---------------------------------------------------------------- loaders


@loader()
def groups_frame(path: str, include_archived: bool = False) -> pd.DataFrame:
    """Groups with head count and lead, one row each."""
    with reading(path) as db:
        rows = store.groups(db, include_archived=include_archived)
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


@loader()
def members_frame(path: str) -> pd.DataFrame:
    """Open memberships with person, group and role names."""
    with reading(path) as db:
        rows = store.memberships(db)
    return pd.DataFrame(rows, columns=MEMBER_COLUMNS)


@loader()
def people_in_groups(path: str) -> int:
    """How many people hold an open membership (the people of ``members_frame``), counted
    in SQL: the tree shows the number, not the memberships."""
    with reading(path) as db:
        return store.people_in_groups(db)


@loader()
def people_frame(path: str) -> pd.DataFrame:
    """Everybody, with status (leavers included, for the history filter)."""
    with reading(path) as db:
        rows = store.people(db)
    return pd.DataFrame(rows, columns=["id", "name", "status", "joined_on", "left_on"])


roles_list = stored(store.roles)


@loader(ttl=60)
def history_rows(
    path: str,
    group_id: int | None = None,
    person_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Audit rows of the structure, newest first, filtered."""
    with reading(path) as db:
        return audit.history(
            db,
            entities=STRUCTURE_ENTITIES,
            group_id=group_id,
            person_id=person_id,
            since=since,
            until=until,
        )


org_settings = stored(store.settings)


@loader()
def all_group_names(path: str) -> dict[int, str]:
    """Every group's name by id, archived ones too (for the history)."""
    with reading(path) as db:
        return {g["id"]: g["name"] for g in store.groups(db, include_archived=True)}


def with_lifecycle(groups: pd.DataFrame, today: date, settings: dict) -> pd.DataFrame:
    """The groups with their age in whole months (``age_months``) and lifecycle ``stage``."""
    created = [date.fromisoformat(day) for day in groups["created_on"]]
    return groups.assign(
        age_months=[age_months(day, today) for day in created],
        stage=[lifecycle_stage(day, today, settings) for day in created],
    )


# ---------------------------------------------------------------- names


def role_label(role: dict, lang: str) -> str:
    """A role's name in the language."""
    return localized(role, "name", lang)


# ---------------------------------------------------------------- the groups grid

# a group's own fields, in the order the grid and the read-only table show them
GROUP_FIELDS = ["name", "tier", "parent_id", "purpose", "platform", "capacity", "head_count"]
GRID_COLUMNS = ["id", "version", *GROUP_FIELDS, "lead_name", "owner_id"]


# columns the groups grid shows but never saves: counts and labels derived from other tables
DERIVED_COLUMNS = ("head_count", "stage", "health")


def shown_columns(person_column: str) -> list[str]:
    """The groups' columns in the order the grid and the read-only table show them, with
    ``person_column`` (the owner to pick, or the lead's name to read) before the health."""
    return [*GROUP_FIELDS, "stage", person_column, "health"]


def grid_frame(groups: pd.DataFrame, order: list[int] | None = None) -> pd.DataFrame:
    """The groups as the editor shows them (ids and versions kept, hidden).

    :param order: group ids to show first, in this order (the rows as they stood before a
        save, then the groups it created), so a saved row keeps its place.
    """
    frame = groups[GRID_COLUMNS].copy()
    if order:
        place = {group_id: index for index, group_id in enumerate(order)}
        frame = frame.sort_values(
            "id", key=lambda ids: ids.map(place).fillna(len(place)), kind="stable"
        )
    frame = frame.reset_index(drop=True)
    frame["parent_id"] = frame["parent_id"].astype("Int64")
    frame["capacity"] = frame["capacity"].astype("Int64")
    frame["owner_id"] = frame["owner_id"].astype("Int64")
    frame["purpose"] = frame["purpose"].fillna("").astype(object)
    frame["platform"] = frame["platform"].fillna("").astype(object)
    frame["lead_name"] = frame["lead_name"].astype(object)
    return frame


def current_grid_frame(db: Database) -> pd.DataFrame:
    """The groups grid as it would be shown now, read on ``db`` (not from a cache)."""
    return grid_frame(pd.DataFrame(store.groups(db), columns=GROUP_COLUMNS))


def person_labels(people: pd.DataFrame) -> dict[int, str]:
    """Each person's name, with ``#id`` added where two people share a name."""
    counts = people["name"].value_counts()
    return {
        int(pid): name if counts[name] == 1 else f"{name} #{pid}"
        for pid, name in zip(people["id"], people["name"], strict=True)
    }


@loader()
def present_labels(path: str) -> dict[int, str]:
    """``person_labels`` of everyone still on the team (made once, not per run)."""
    people = people_frame(path)
    return person_labels(people[people["status"] != "left"])


@loader()
def membership_texts(path: str, lang: str) -> dict[int, str]:
    """``membership_labels`` of every open membership in ``lang`` (made once, not per run)."""
    role_name = {role["id"]: role_label(role, lang) for role in roles_list(path)}
    return membership_labels(members_frame(path), role_name)


def membership_labels(members: pd.DataFrame, role_name: dict[int, str]) -> dict[int, str]:
    """One label per open membership, ``name #person — group (role)``, made once (the move
    and role forms list thousands of them)."""
    return {
        int(mid): f"{name} #{pid} — {group} ({role_name[int(rid)]})"
        for mid, name, pid, group, rid in zip(
            members["id"],
            members["person_name"],
            members["person_id"],
            members["group_name"],
            members["role_id"],
            strict=True,
        )
    }


# ---------------------------------------------------------------- the people board


def board_columns(
    members: pd.DataFrame, group_ids: list[int], lang: str
) -> tuple[dict[str, list[str]], dict[str, int]]:
    """One column per group (by id, as text) of person cards, and each card's membership id.

    A card reads ``name · role #person_id``; if the same text would appear twice, the
    membership id is added so every card stays unique.
    """
    columns: dict[str, list[str]] = {str(group_id): [] for group_id in group_ids}
    card_membership: dict[str, int] = {}
    chosen = members[members["group_id"].isin(group_ids)].sort_values(
        ["group_id", "person_name", "id"]
    )
    for row in chosen.itertuples():
        role = localized(row._asdict(), "role_name", lang)
        card = f"{row.person_name} · {role} #{row.person_id}"
        if card in card_membership:
            card = f"{row.person_name} · {role} · m{row.id} #{row.person_id}"
        card_membership[card] = int(row.id)
        columns[str(row.group_id)].append(card)
    return columns, card_membership


# ---------------------------------------------------------------- the history

_FIELDS = [
    "name",
    "parent_id",
    "purpose",
    "platform",
    "capacity",
    "tier",
    "archived_on",
    "status",
    "exit_reason",
    "exit_note",
    "left_on",
    "handle",
    "source",
]


def _load(text: str | None) -> dict:
    return json.loads(text) if text else {}


def _field_value(name: str, value: object, groups: dict[int, str], lang: str) -> str:
    if value is None or value == "":
        return t("common.none", lang)
    if name in ("parent_id", "group_id", "to_group_id"):
        return groups.get(int(value), f"#{value}")
    if name == "tier":
        return label("tier", str(value), lang)
    if name == "status":
        return label("status", str(value), lang)
    if name == "exit_reason":
        return label("exit", str(value), lang)
    if name == "source":
        return label("source", str(value), lang)
    return str(value)


def _fields_text(values: dict, names: list[str], groups: dict[int, str], lang: str) -> str:
    return "; ".join(
        f"{t('org.field.' + name, lang)}: {_field_value(name, values.get(name), groups, lang)}"
        for name in names
    )


def history_frame(
    rows: list[dict],
    *,
    groups: dict[int, str],
    people: dict[int, str],
    roles: dict[int, str],
    lang: str,
) -> pd.DataFrame:
    """Audit rows as "when, who, what, from, to", with names instead of ids. A move or role
    change is one line (its closing half is folded into the opening half)."""
    paired = {
        _load(row["before_json"]).get("membership_id")
        for row in rows
        if row["action"] in ("move_in", "role_in")
    }
    lines = []
    for row in rows:
        before, after = _load(row["before_json"]), _load(row["after_json"])
        action, entity = row["action"], row["entity"]
        if action in ("move_out", "role_out") and row["entity_id"] in paired:
            continue
        person = people.get(row["person_id"], "") if row["person_id"] else ""
        group = groups.get(row["group_id"], "") if row["group_id"] else ""
        what, old, new = "", "", ""
        if entity == "group":
            what = groups.get(row["entity_id"], f"#{row['entity_id']}")
            if action == "split":
                old = groups.get(after.get("split_from_id"), "")
                failed = after.get("failed_checks")
                new = (
                    t(
                        "org.history.override",
                        lang,
                        checks=("、" if lang == "zh" else ", ").join(
                            t(f"org.ready.{key}", lang) for key in failed
                        ),
                        reason=after.get("override_reason", ""),
                    )
                    if failed
                    else ""
                )
            elif action == "create":
                old = ""
                new = _fields_text(
                    after, [k for k in ("name", "tier", "parent_id") if k in after], groups, lang
                )
            else:
                names = [k for k in _FIELDS if k in before or k in after]
                old = _fields_text(before, names, groups, lang)
                new = _fields_text(after, names, groups, lang)
        elif entity == "person":
            what = people.get(row["entity_id"], f"#{row['entity_id']}")
            names = [k for k in _FIELDS if k in after]
            old = _fields_text(before, names, groups, lang) if before else ""
            new = _fields_text(after, names, groups, lang)
        else:
            what = f"{person} · {group}" if action in ("role_in", "role_out") else person
            if action == "join":
                new = f"{group} ({roles.get(after.get('role_id'), '')})"
            elif action == "leave":
                old = f"{group} ({roles.get(before.get('role_id'), '')})"
                new = t("org.history.ended", lang, day=after.get("end_on", ""))
            elif action == "move_in":
                old = groups.get(before.get("group_id"), "")
                new = group
            elif action == "move_out":
                old = group
                new = groups.get(after.get("to_group_id"), "")
            elif action == "role_in":
                old = roles.get(before.get("role_id"), "")
                new = roles.get(after.get("role_id"), "")
            elif action == "role_out":
                old = roles.get(before.get("role_id"), "")
                new = roles.get(after.get("to_role_id"), "")
        action_key = f"org.action.{action}"
        lines.append(
            {
                t("org.history.when", lang): row["at"].replace("T", " ")[:16],
                t("org.history.who", lang): (
                    f"{row['display_name']} ({row['username']})"
                    if row.get("display_name")
                    else row["username"]
                ),
                t("org.history.action", lang): t(action_key, lang),
                t("org.history.what", lang): what,
                t("org.history.from", lang): old,
                t("org.history.to", lang): new,
            }
        )
    columns = [t(f"org.history.{c}", lang) for c in ("when", "who", "action", "what", "from", "to")]
    return pd.DataFrame(lines, columns=columns)
