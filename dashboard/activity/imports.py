"""Importing a chat export: detect its format, read and count it (streaming), then store
the counts in one transaction. ``preview`` does the same without writing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from dashboard import clock
from dashboard.activity import counting, formats
from dashboard.activity.formats import DEFAULT_TIMEZONE, Source
from dashboard.domain import activity_kpis
from db import activity as store

Progress = Callable[[float], None]
READ_SHARE = 0.8  # of the progress bar: reading and counting; the rest is writing


@dataclass(frozen=True)
class Preview:
    """What an export holds, as a lead checks it before importing."""

    file_name: str
    file_hash: str
    format: str
    chats: list[str]
    first_day: str
    last_day: str
    messages: int
    members: int
    owners: list[str]
    already: dict | None  # the earlier import of the same file, if any


def read(
    source: Source,
    salt: str,
    keywords: dict[tuple[str, str], str],
    today: date,
    tz: tzinfo,
    progress: Progress | None,
) -> tuple[str, counting.Tally]:
    """The format and the counts of ``source``."""
    file_format = formats.detect(source)
    size = max(source.size(), 1)

    def told(_events: int) -> None:
        if progress is not None:
            progress(READ_SHARE * min(source.bytes_read / size, 1.0))

    def keywords_of(chat: formats.Chat) -> tuple[str, ...]:
        return counting.parse_keywords(keywords.get((chat.platform, chat.external_id)))

    events = formats.read(source, file_format, tz)
    result = counting.tally(
        events, salt, keywords_of, today, source_name=source.name, progress=told, every=20_000
    )
    return file_format, result


def preview(
    data: str | Path | bytes,
    name: str | None = None,
    *,
    db=None,
    today: date | None = None,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> Preview:
    """Chats, days, messages and members of an export; nothing is written. With ``db``,
    says whether the same file was imported before."""
    source = Source(data, name)
    file_format, result = read(source, "", {}, today or clock.today(), tz, None)
    file_hash = source.sha256()
    return Preview(
        source.name,
        file_hash,
        file_format,
        sorted(chat.name for chat in result.chats),
        result.first_day,
        result.last_day,
        result.messages,
        len(result.members),
        sorted({owner for owner, _ in result.owner_days}),
        store.import_by_hash(db, file_hash) if db is not None else None,
    )


def import_file(
    db,
    data: str | Path | bytes,
    actor: str,
    *,
    name: str | None = None,
    progress: Progress | None = None,
    today: date | None = None,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> int:
    """Import an export in one transaction (refused when the same file was imported
    before); returns the import's id. ``progress`` is told the done fraction (0–1)."""
    source = Source(data, name)
    file_hash = source.sha256()
    store.refuse_duplicate(db, file_hash, source.name)
    keywords = store.checkin_keywords(db)
    file_format, result = read(
        source, store.salt(db), keywords, today or clock.today(), tz, progress
    )
    rows = result.row_count() or 1

    def written(count: int) -> None:
        if progress is not None:
            progress(READ_SHARE + (1 - READ_SHARE) * min(count / rows, 1.0))

    with db.atomic():  # the counts and the KPIs computed from them, in one transaction
        import_id = _store_and_recompute(db, actor, source, file_hash, file_format, result, written)
    if progress is not None:
        progress(1.0)
    return import_id


def _store_and_recompute(db, actor, source, file_hash, file_format, result, written) -> int:
    chats = result.chats
    import_id = store.store_import(
        db,
        actor,
        {
            "file_name": source.name,
            "file_hash": file_hash,
            "format": file_format,
            "first_day": result.first_day,
            "last_day": result.last_day,
            "messages": result.messages,
        },
        [(c.platform, c.external_id, c.name) for c in chats],
        [(key, platform, display) for key, (platform, display) in result.members.items()],
        result.rows(),
        ((chat, day, hour, n) for (chat, day, hour), n in result.hours.items()),
        [(owner, day, counts) for (owner, day), counts in result.owner_days.items()],
        progress=written,
    )
    activity_kpis.recompute(
        db,
        actor,
        store.import_chat_ids(db, import_id),
        owners=store.import_owners(db, import_id),
    )
    return import_id


def remove_import(db, import_id: int, actor: str) -> dict:
    """Remove an import and everything it contributed, and recompute the KPIs computed from
    its chats, in one transaction; returns the removed import's row."""
    with db.atomic():
        chat_ids = store.import_chat_ids(db, import_id)
        owners = store.import_owners(db, import_id)
        removed = store.remove_import(db, import_id, actor)
        activity_kpis.recompute(db, actor, chat_ids, owners=owners)
        return removed
