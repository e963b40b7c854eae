"""The first schema: articles, places, and the merged records with their mentions.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS_TABLE = "article_fts"


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a", sa.String(length=8), nullable=False),
        sa.Column("b", sa.String(length=8), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("a", "b", "start_year", "end_year", name="uq_agreement_identity"),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_a"), ["a"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_b"), ["b"], unique=False)

    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ext_id", sa.String(length=400), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("ext_id", name=op.f("uq_article_ext_id")),
    )
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_published"), ["published"], unique=False)

    op.create_table(
        "event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("parties", sa.String(length=200), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
        sa.UniqueConstraint("key", name=op.f("uq_event_key")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_day"), ["day"], unique=False)

    op.create_table(
        "partnership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("a", sa.String(length=8), nullable=False),
        sa.Column("b", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership")),
        sa.UniqueConstraint("a", "b", name="uq_partnership_pair"),
    )
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_a"), ["a"], unique=False)
        batch_op.create_index(batch_op.f("ix_partnership_b"), ["b"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("anchor", sa.String(length=420), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("name_folded", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name_key", "anchor", name="uq_person_identity"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_folded"), ["name_folded"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_name_key"), ["name_key"], unique=False)

    op.create_table(
        "place",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("canonical", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_place")),
    )
    op.create_table(
        "place_era",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("successor", sa.String(length=8), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_era")),
    )
    with op.batch_alter_table("place_era", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_place_era_code"), ["code"], unique=False)

    op.create_table(
        "agreement_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("code_a", sa.String(length=8), nullable=False),
        sa.Column("code_b", sa.String(length=8), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreement.id"], name=op.f("fk_agreement_mention_agreement_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_agreement_mention_article_id_article"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_mention")),
    )
    with op.batch_alter_table("agreement_mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_mention_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_mention_article_id"), ["article_id"], unique=False)

    op.create_table(
        "event_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("realis", sa.String(length=20), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_event_mention_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_mention_event_id_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_mention")),
    )
    with op.batch_alter_table("event_mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_mention_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_mention_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_party",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_party_event_id_event")),
        sa.PrimaryKeyConstraint("event_id", "code", name=op.f("pk_event_party")),
    )
    with op.batch_alter_table("event_party", schema=None) as batch_op:
        batch_op.create_index("ix_event_party_code", ["code"], unique=False)

    op.create_table(
        "field_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_field_mention_article_id_article"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_mention")),
    )
    with op.batch_alter_table("field_mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_field_mention_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_field_mention_field"), ["field"], unique=False)

    op.create_table(
        "figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("class", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("qualifier", sa.Text(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_figure_article_id_article"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure")),
    )
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_article_id"), ["article_id"], unique=False)

    op.create_table(
        "locality",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("canonical", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_locality_article_id_article"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locality")),
    )
    with op.batch_alter_table("locality", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_locality_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_locality_canonical"), ["canonical"], unique=False)

    op.create_table(
        "partnership_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("code_a", sa.String(length=8), nullable=False),
        sa.Column("code_b", sa.String(length=8), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_partnership_mention_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partnership_id"], ["partnership.id"], name=op.f("fk_partnership_mention_partnership_id_partnership")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_mention")),
    )
    with op.batch_alter_table("partnership_mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_mention_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_partnership_mention_partnership_id"), ["partnership_id"], unique=False)

    op.create_table(
        "person_mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_person_mention_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_mention_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_mention")),
    )
    with op.batch_alter_table("person_mention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_mention_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_mention_person_id"), ["person_id"], unique=False)

    op.create_table(
        "role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("of_code", sa.String(length=8), nullable=True),
        sa.Column("of_canonical", sa.String(length=8), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("sentence", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("more", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_role_article_id_article"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_role_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_role")),
    )
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_role_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_of_canonical"), ["of_canonical"], unique=False)
        batch_op.create_index(batch_op.f("ix_role_person_id"), ["person_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        # Full text over the folded text: "Champasak", "Chăm-pa-sắc" and "cham pa sac" all match.
        op.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, content='article', "
            "content_rowid='id', tokenize='unicode61')"
        )
        op.execute(
            f"CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
        op.execute(
            f"CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) "
            "VALUES ('delete', old.id, old.search_text); END"
        )
    else:
        op.execute("CREATE INDEX ix_article_search ON article USING gin (to_tsvector('simple', search_text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    with op.batch_alter_table("role", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_role_person_id"))
        batch_op.drop_index(batch_op.f("ix_role_of_canonical"))
        batch_op.drop_index(batch_op.f("ix_role_article_id"))

    op.drop_table("role")
    with op.batch_alter_table("person_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_mention_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_mention_article_id"))

    op.drop_table("person_mention")
    with op.batch_alter_table("partnership_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_mention_partnership_id"))
        batch_op.drop_index(batch_op.f("ix_partnership_mention_article_id"))

    op.drop_table("partnership_mention")
    with op.batch_alter_table("locality", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locality_canonical"))
        batch_op.drop_index(batch_op.f("ix_locality_article_id"))

    op.drop_table("locality")
    with op.batch_alter_table("figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figure_article_id"))

    op.drop_table("figure")
    with op.batch_alter_table("field_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_field_mention_field"))
        batch_op.drop_index(batch_op.f("ix_field_mention_article_id"))

    op.drop_table("field_mention")
    with op.batch_alter_table("event_party", schema=None) as batch_op:
        batch_op.drop_index("ix_event_party_code")

    op.drop_table("event_party")
    with op.batch_alter_table("event_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_mention_event_id"))
        batch_op.drop_index(batch_op.f("ix_event_mention_article_id"))

    op.drop_table("event_mention")
    with op.batch_alter_table("agreement_mention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_mention_article_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_mention_agreement_id"))

    op.drop_table("agreement_mention")
    with op.batch_alter_table("place_era", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_era_code"))

    op.drop_table("place_era")
    op.drop_table("place")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_name_key"))
        batch_op.drop_index(batch_op.f("ix_person_name_folded"))

    op.drop_table("person")
    with op.batch_alter_table("partnership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_b"))
        batch_op.drop_index(batch_op.f("ix_partnership_a"))

    op.drop_table("partnership")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_day"))

    op.drop_table("event")
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_published"))

    op.drop_table("article")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_b"))
        batch_op.drop_index(batch_op.f("ix_agreement_a"))

    op.drop_table("agreement")
