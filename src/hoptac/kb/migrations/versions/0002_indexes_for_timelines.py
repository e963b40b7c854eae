"""Indexes for the partnership timeline: the events of a place with their ids, the office holders of a
place with theirs, so both are read from the index alone.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_party") as batch_op:
        batch_op.drop_index("ix_event_party_code")
        batch_op.create_index("ix_event_party_code_event", ["code", "event_id"])
    with op.batch_alter_table("role") as batch_op:
        batch_op.drop_index("ix_role_of_canonical")
        batch_op.create_index("ix_role_of_person", ["of_canonical", "person_id", "role", "seen_on"])


def downgrade() -> None:
    with op.batch_alter_table("role") as batch_op:
        batch_op.drop_index("ix_role_of_person")
        batch_op.create_index("ix_role_of_canonical", ["of_canonical"])
    with op.batch_alter_table("event_party") as batch_op:
        batch_op.drop_index("ix_event_party_code_event")
        batch_op.create_index("ix_event_party_code", ["code"])
