"""Alembic's environment for copydesk's store: it runs on the connection the store hands it."""

from __future__ import annotations

from alembic import context

from copydesk.serve.store import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the migrations through copydesk.serve.store.migrate(engine)")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
