"""The reward mechanism (回报机制) the book asks for, and cost against revenue (成本与营收).

Recognition is a ledger entry: points (积分) and/or money or a gift (福利, in CNY) given to a
person in a group, with a reason, the giver and the day; an entry with neither is an honour
(荣誉). Entries are never edited: a counter-entry reverses one (dated like it, so it gives
its money back to the same quarter). Money comes out of the group's budget of the quarter:
giving more than is left, or giving money where no budget is set, is refused, naming the
group and what is left; the check and the insert run in one write transaction, so two leads
giving at once cannot overspend.

Costs per group and month are the ledger's money (rewards) plus what leads enter or import
(events, tools, other); next to the revenue KPI they give each group's margin, and next to
the new-members KPI (computed from activity where a group has it, else typed) the cost per
new member."""

import math
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from dashboard.domain import kpis, tabular
from dashboard.domain.changes import RowChanges
from db import kpis as kpi_store
from db import org as org_store
from db import rewards as store
from db.access import require_write
from db.errors import ValidationError

REVENUE_NAMES = {"revenue", "营收", "收入"}
NEW_MEMBER_CODE = "new_members"
CATEGORIES = ("rewards", *store.COST_CATEGORIES)
COST_COLUMNS = (
    kpis.COLUMNS[1],  # the group, named as in a KPI import
    tabular.Column(
        "month", ("month", "day", "date", "月份", "月", "日期", "时间"), "month", "月份"
    ),
    tabular.Column(
        "category",
        ("category", "type", "kind", "类别", "类型", "费用类别", "项目"),
        "category",
        "类别",
    ),
    tabular.Column(
        "amount", ("amount", "cost", "value", "金额", "费用", "成本", "数额"), "amount", "金额"
    ),
)
CATEGORY_NAMES = {  # what an import may write for a category (lower case, NFKC)
    "events": {"events", "event", "活动", "活动费", "活动费用"},
    "tools": {"tools", "tool", "工具", "工具费", "软件"},
    "other": {"other", "others", "其他", "其它"},
}


def quarter_of(day: date) -> kpis.Period:
    """The quarter containing ``day``."""
    return kpis.period_of("quarter", day)


def budget_left(db: Database, group_id: int, on: date) -> dict | None:
    """The money budget of ``group_id`` for the quarter of ``on``: ``{"quarter", "budget",
    "spent", "left"}`` (spent counts every entry of the quarter, reversals subtract);
    ``None`` when no budget is set for that quarter."""
    quarter = quarter_of(on)
    row = store.budget(db, group_id, quarter.code)
    if row is None:
        return None
    spent = store.spent(db, group_id, quarter.start.isoformat(), quarter.end.isoformat())
    return {
        "quarter": quarter.code,
        "budget": row["amount"],
        "spent": round(spent, 2),
        "left": round(row["amount"] - spent, 2),
    }


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _amount(value: object, key: str) -> float:
    """A finite, non-negative amount (``key`` names the field in the refusal)."""
    try:
        number = float(value or 0)
    except (TypeError, ValueError):
        raise ValidationError("rewards.err.amount", field=key, value=value) from None
    if not math.isfinite(number) or number < 0:
        raise ValidationError("rewards.err.amount", field=key, value=value)
    return round(number, 2)


def _group_name(db: Database, group_id: int) -> str:
    group = org_store.group(db, group_id)
    if group is None or group["archived_on"] is not None:
        raise ValidationError("rewards.err.group_unknown")
    return group["name"]


def give(
    db: Database,
    actor: str,
    *,
    person_id: int,
    group_id: int,
    points: object,
    money: object,
    reason: str,
    given_on: date,
    given_by: int | None,
    today: date,
) -> int:
    """Give a person of a group points and/or money (or an honour: neither) for a reason;
    returns the entry's id. Money must fit in what is left of the group's quarter budget."""
    with db.atomic():
        require_write(db, actor, [group_id])
        group = _group_name(db, group_id)
        whole = _amount(points, "points")
        if whole != int(whole):
            raise ValidationError("rewards.err.amount", field="points", value=points)
        cash = _amount(money, "money")
        if not _text(reason):
            raise ValidationError("rewards.err.reason_empty")
        if given_on > today:
            raise ValidationError("rewards.err.future", day=given_on.isoformat())
        person = org_store.person(db, person_id)
        if person is None or person["status"] == "left":
            raise ValidationError("rewards.err.person_unknown")
        if group_id not in org_store.person_groups(db, person_id):
            raise ValidationError("rewards.err.not_in_group", person=person["name"], group=group)
        if given_by is not None and given_by == person_id:
            raise ValidationError("rewards.err.self", person=person["name"])
        if cash > 0:
            left = budget_left(db, group_id, given_on)
            if left is None:
                raise ValidationError(
                    "rewards.err.no_budget", group=group, quarter=quarter_of(given_on).code
                )
            if cash > left["left"] + 1e-9:
                raise ValidationError(
                    "rewards.err.over_budget",
                    group=group,
                    quarter=left["quarter"],
                    money=f"{cash:g}",
                    left=f"{left['left']:g}",
                    budget=f"{left['budget']:g}",
                )
        return store.insert_entry(
            db,
            actor,
            {
                "person_id": person_id,
                "group_id": group_id,
                "points": int(whole),
                "money": cash,
                "reason": _text(reason),
                "given_on": given_on.isoformat(),
                "given_by": given_by,
                "recorded_on": today.isoformat(),
            },
        )


def reverse(db: Database, actor: str, *, entry_id: int, reason: str, today: date) -> int:
    """Undo an entry by a counter-entry (the same points and money, negative, dated like it
    so the money returns to the same quarter); returns the counter-entry's id."""
    with db.atomic():
        original = store.entry(db, entry_id)
        if original is None:
            raise ValidationError("rewards.err.entry_unknown")
        require_write(db, actor, [original["group_id"]])
        if original["reverses_id"] is not None:
            raise ValidationError("rewards.err.is_reversal", entry=entry_id)
        if db.execute("SELECT 1 FROM reward_entries WHERE reverses_id = ?", [entry_id]).fetchone():
            raise ValidationError("rewards.err.already_reversed", entry=entry_id)
        if not _text(reason):
            raise ValidationError("rewards.err.reason_empty")
        return store.insert_entry(
            db,
            actor,
            {
                "person_id": original["person_id"],
                "group_id": original["group_id"],
                "points": -original["points"],
                "money": -original["money"],
                "reason": _text(reason),
                "given_on": original["given_on"],
                "given_by": None,
                "recorded_on": today.isoformat(),
                "reverses_id": entry_id,
            },
        )


def set_budget(db: Database, actor: str, *, group_id: int, quarter: str, amount: object) -> None:
    """Set a group's money budget of ``quarter`` (``2026-Q3``); it may not fall below what
    the quarter has already spent."""
    with db.atomic():
        require_write(db, actor, [group_id])
        group = _group_name(db, group_id)
        value = _amount(amount, "budget")
        year, _, number = quarter.partition("-Q")
        if not (year.isdigit() and number in ("1", "2", "3", "4")):
            raise ValidationError("rewards.err.quarter", quarter=quarter)
        first = date(int(year), (int(number) - 1) * 3 + 1, 1)
        spent = store.spent(db, group_id, first.isoformat(), quarter_of(first).end.isoformat())
        if value < spent - 1e-9:
            raise ValidationError(
                "rewards.err.budget_below_spent",
                group=group,
                quarter=quarter,
                spent=f"{spent:g}",
            )
        store.set_budget(db, actor, group_id, quarter, value)


# ---------------------------------------------------------------- costs


def cost_rows(db: Database, month: str, group_ids: list[int]) -> list[dict]:
    """One row per group of ``group_ids`` for the cost grid of ``month``: the ledger's
    rewards money (read-only) and the entered categories (``None`` when not entered)."""
    first, last = f"{month}-01", f"{month}-{kpis.days_in_month(month):02d}"
    rewards = {r["group_id"]: r["amount"] for r in store.monthly_reward_money(db, first, last)}
    entered = {(c["group_id"], c["category"]): c["amount"] for c in store.costs(db, month, month)}
    names = {g["id"]: g["name"] for g in kpi_store.groups(db)}
    return [
        {
            "group_id": group_id,
            "group": names[group_id],
            "rewards": round(rewards.get(group_id, 0.0), 2),
            **{c: entered.get((group_id, c)) for c in store.COST_CATEGORIES},
        }
        for group_id in group_ids
        if group_id in names
    ]


def _cost_value(value: object) -> float | None:
    """A cost cell: ``None`` when blank; a finite non-negative amount (``¥1,200`` and
    ``1200元`` too) or ``ValueError``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = tabular.parse_number(value)
    if number is None or number.percent or not math.isfinite(number.value) or number.value < 0:
        raise ValueError(value)
    return round(number.value, 2)


def save_cost_grid(db: Database, actor: str, month: str, changes: RowChanges) -> int:
    """Apply the cost grid's edits of ``month`` (keyed by group id) in one transaction;
    every bad cell is reported with its group. Returns how many cells changed."""
    cells, errors = [], []
    for group_id, fields in changes.edited.items():
        name = changes.seen.get(group_id, {}).get("group", f"#{group_id}")
        for category, value in fields.items():
            if category not in store.COST_CATEGORIES:
                continue
            try:
                cells.append((group_id, month, category, _cost_value(value)))
            except ValueError:
                errors.append((name, "rewards.err.cost_value", {"value": value}))
    if errors:
        raise ValidationError("rewards.err.cost_rows", row_errors=errors, count=len(errors))
    if not cells:
        raise ValidationError("common.no_changes")
    with db.atomic():
        return store.write_costs(db, actor, cells, "update")


def read_cost_upload(name: str, content: bytes) -> tabular.Table:
    """An uploaded CSV or Excel file of costs (group, month or a day of it, category,
    amount), English or Chinese headers, any encoding ``tabular`` reads."""
    return tabular.read_table(name, content, COST_COLUMNS)


def _month(value: object) -> str | None:
    day = tabular.parse_day(value)
    if day is not None:
        return day.isoformat()[:7]
    text = _text(value) if isinstance(value, str) else str(value or "")
    parts = [p for p in text.replace("年", "-").replace("月", "").replace("/", "-").split("-") if p]
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[0]):04d}-{int(parts[1]):02d}"
    return None


def _category(value: object) -> str | None:
    wanted = tabular.header_key(value)
    return next((code for code, names in CATEGORY_NAMES.items() if wanted in names), None)


def import_costs(
    db: Database, actor: str, records: list[dict], today: date, lines: list[int] | None = None
) -> int:
    """Validate every record and, only if all are valid, write them in one transaction
    (a cell already entered is replaced). Raises ``ValidationError`` listing every problem
    of every row otherwise."""
    if not records:
        raise ValidationError("rewards.err.empty_file")
    groups = {g["name"].strip().lower(): g["id"] for g in kpi_store.groups(db)}
    cells, errors, seen = [], [], {}
    for index, record in enumerate(records):
        line = f"#{lines[index] if lines else index + 2}"
        problems = []
        group_id = groups.get(str(record.get("group") or "").strip().lower())
        if group_id is None:
            problems.append(("rewards.err.unknown_group", {"name": record.get("group") or ""}))
        month = _month(record.get("month"))
        if month is None:
            problems.append(("rewards.err.bad_month", {"value": record.get("month") or ""}))
        elif month > today.isoformat()[:7]:
            problems.append(("rewards.err.future_month", {"month": month}))
        category = _category(record.get("category"))
        if category is None:
            problems.append(("rewards.err.bad_category", {"value": record.get("category") or ""}))
        try:
            amount = _cost_value(record.get("amount"))
            if amount is None:
                raise ValueError(None)
        except ValueError:
            problems.append(("rewards.err.cost_value", {"value": record.get("amount") or ""}))
        if not problems and (group_id, month, category) in seen:
            problems.append(
                ("rewards.err.duplicate_row", {"other": seen[(group_id, month, category)]})
            )
        errors.extend((line, key, params) for key, params in problems)
        if not problems:
            seen[(group_id, month, category)] = line
            cells.append((group_id, month, category, amount))
    if errors:
        raise ValidationError(
            "rewards.err.import_rows",
            row_errors=errors,
            count=len({line for line, _, _ in errors}),
            total=len(records),
        )
    with db.atomic():
        return store.write_costs(db, actor, cells, "import")


# ---------------------------------------------------------------- cost vs revenue


def revenue_kpi(definitions: list[dict]) -> dict | None:
    """The revenue KPI (营收): a result KPI coded or named so."""
    return next(
        (
            k
            for k in definitions
            if k["kind"] == "result"
            and REVENUE_NAMES
            & {str(k[f] or "").strip().lower() for f in ("code", "name", "name_zh")}
        ),
        None,
    )


def new_member_kpis(definitions: list[dict]) -> list[dict]:
    """The new-members KPIs, the one computed from activity (joins) first, then the typed."""
    computed = [k for k in definitions if k.get("activity_metric") == NEW_MEMBER_CODE]
    typed = [k for k in definitions if k["code"] == NEW_MEMBER_CODE and k not in computed]
    return computed + typed


@dataclass(frozen=True)
class CostFigures:
    """One group's costs over some months, next to what it brought in."""

    group_id: int
    costs: dict[str, float]  # by category (rewards, events, tools, other)
    revenue: float | None  # ``None`` without revenue figures
    new_members: float | None  # ``None`` without new-member figures
    new_members_computed: bool

    @property
    def cost(self) -> float:
        return round(sum(self.costs.values()), 2)

    @property
    def margin(self) -> float | None:
        return None if self.revenue is None else round(self.revenue - self.cost, 2)

    @property
    def cost_per_new_member(self) -> float | None:
        if not self.new_members:
            return None
        return round(self.cost / self.new_members, 2)


def _monthly_totals(db: Database, kpi: dict | None, first: str, last: str) -> dict[int, float]:
    if kpi is None:
        return {}
    totals: dict[int, float] = {}
    for row in kpi_store.monthly_actuals(db, first, last, kpi_id=kpi["id"]):
        totals[row["group_id"]] = totals.get(row["group_id"], 0.0) + row["total"]
    return totals


def cost_figures(
    db: Database, first_month: str, last_month: str, group_ids: list[int]
) -> list[CostFigures]:
    """Per group of ``group_ids``: its costs of ``first_month``..``last_month`` by category,
    the revenue KPI's total, and its new members (the computed KPI where the group has
    computed values, else the typed one)."""
    definitions = kpi_store.kpis(db)
    first_day = f"{first_month}-01"
    last_day = f"{last_month}-{kpis.days_in_month(last_month):02d}"
    costs: dict[tuple[int, str], float] = {}
    for row in store.monthly_reward_money(db, first_day, last_day):
        key = (row["group_id"], "rewards")
        costs[key] = costs.get(key, 0.0) + row["amount"]
    for row in store.costs(db, first_month, last_month):
        key = (row["group_id"], row["category"])
        costs[key] = costs.get(key, 0.0) + row["amount"]
    revenue = _monthly_totals(db, revenue_kpi(definitions), first_month, last_month)
    members = [
        (k, _monthly_totals(db, k, first_month, last_month)) for k in new_member_kpis(definitions)
    ]
    figures = []
    for group_id in group_ids:
        found = next(((k, t[group_id]) for k, t in members if group_id in t), None)
        figures.append(
            CostFigures(
                group_id=group_id,
                costs={c: round(costs.get((group_id, c), 0.0), 2) for c in CATEGORIES},
                revenue=revenue.get(group_id),
                new_members=found[1] if found else None,
                new_members_computed=bool(found and found[0].get("activity_metric")),
            )
        )
    return figures
