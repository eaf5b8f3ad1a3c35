"""Stored results: SQLAlchemy models, the store, and its Alembic migrations (``migrations/``).

Every analyse, check and interview request becomes one row, kept with its input, whether it
ran synchronously or as a job: its id is the job id and the permalink's (``/r/{id}``). SQLite by
default; PostgreSQL through ``postgresql://`` URLs (psycopg 3). The schema is created and
upgraded by Alembic when the store opens; rows left queued or running by a server that
stopped are marked failed then, so nothing waits forever.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Engine, Integer, String, Text, create_engine, event, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

MIGRATIONS = Path(__file__).parent / "migrations"
TITLE_CHARS = 120


class Base(DeclarativeBase):
    pass


class ResultRow(Base):
    """One request and what became of it."""

    __tablename__ = "results"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(TITLE_CHARS * 4))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    request: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    error_status: Mapped[int | None] = mapped_column(Integer)


@dataclass(frozen=True)
class StoredResult:
    """A row as the service reads it (``request`` and ``result`` are JSON strings)."""

    id: str
    kind: str
    status: str
    title: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    request: str
    result: str | None
    error: str | None
    error_status: int | None


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _frozen(row: Any, *, bodies: bool = True) -> StoredResult:
    """A row of the results table (its columns as attributes), frozen; without ``bodies``, the
    row's request and result were not read."""
    return StoredResult(
        id=row.id,
        kind=row.kind,
        status=row.status,
        title=row.title,
        created_at=_utc(row.created_at) or row.created_at,
        started_at=_utc(row.started_at),
        finished_at=_utc(row.finished_at),
        request=row.request if bodies else "",
        result=row.result if bodies else None,
        error=row.error,
        error_status=row.error_status,
    )


def engine_url(url: str) -> str:
    """``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite the folder is created and WAL journaling is on."""
    url = engine_url(url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url[len("sqlite:///") :]).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            # WAL with synchronous=NORMAL: a commit is not flushed to disk by itself (the
            # checkpoint is), so a stored result survives the server stopping or crashing,
            # though a power cut can lose the last ones; every request writes two or three times.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    return engine


def migrate(engine: Engine) -> None:
    """Brings the schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    """The results table. Each method is one short transaction; call it off the event loop.

    Statements go through SQLAlchemy Core (no ORM session): the server's process runs them for
    every request beside the event loop, so their cost comes off what the workers can use.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Opens (and creates or upgrades) the database at ``url``."""
        engine = make_engine(url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def create(self, kind: str, request: str, title: str) -> str:
        """Stores a new queued request; returns its id (12 URL-safe random characters)."""
        rid = secrets.token_urlsafe(9)
        with self.engine.begin() as c:
            c.execute(
                insert(ResultRow).values(
                    id=rid,
                    kind=kind,
                    status="queued",
                    title=title[:TITLE_CHARS],
                    created_at=_now(),
                    request=request,
                )
            )
        return rid

    def _set(self, rid: str, *, only_if: str | None = None, **values: Any) -> None:
        query = update(ResultRow).where(ResultRow.id == rid)
        if only_if is not None:
            query = query.where(ResultRow.status == only_if)
        with self.engine.begin() as c:
            c.execute(query.values(**values))

    def mark_running(self, rid: str) -> None:
        """Queued -> running (a job that has already ended stays as it ended)."""
        self._set(rid, only_if="queued", status="running", started_at=_now())

    def finish(self, rid: str, result: str) -> None:
        self._set(rid, status="done", result=result, finished_at=_now())

    def fail(self, rid: str, error: str, status: int) -> None:
        self._set(rid, status="failed", error=error, error_status=status, finished_at=_now())

    def get(self, rid: str) -> StoredResult | None:
        with self.engine.connect() as c:
            row = c.execute(select(ResultRow.__table__).where(ResultRow.id == rid)).first()
            return None if row is None else _frozen(row)

    def recent(self, limit: int = 50) -> list[StoredResult]:
        """The newest rows first, without their request and result (``request`` is "" and
        ``result`` None in these)."""
        table = ResultRow.__table__
        columns = [col for col in table.c if col.name not in ("request", "result")]
        with self.engine.connect() as c:
            rows = c.execute(select(*columns).order_by(table.c.created_at.desc()).limit(limit))
            return [_frozen(r, bodies=False) for r in rows]

    def interrupt_unfinished(self) -> int:
        """Marks rows left queued or running by an earlier process as failed; returns how many."""
        with self.engine.begin() as c:
            result = c.execute(
                update(ResultRow)
                .where(ResultRow.status.in_(("queued", "running")))
                .values(
                    status="failed",
                    error="the server stopped before this job finished; submit it again",
                    error_status=503,
                    finished_at=_now(),
                )
            )
            return int(getattr(result, "rowcount", 0) or 0)
