"""Alembic's environment: hoptac runs the migrations on a connection it opened itself."""

from alembic import context

from hoptac.kb.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the migrations through `hoptac db upgrade` (hoptac.kb.db.upgrade)")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
