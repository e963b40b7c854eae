"""The knowledge base's tables (SQLAlchemy Core). Alembic migrations create them; this module is the
reference the store and the queries use.

Records are merged by key (a partnership by its two units, an agreement by its parties and period,
a person by name and anchor province, a dated event by type, parties and day); every mention keeps
its evidence: the article, the sentence and the character offsets. Deleting an article deletes its
mentions (ON DELETE CASCADE); a merged record shows only through its mentions, so a re-extracted
article replaces its facts without touching anyone else's.

Place codes: `code` is the unit as written in its time (Kiên Giang VN-47 in 2024), `canonical` the
unit that carries its territory today (An Giang VN-44), so a partner's page gathers its whole history.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

CODE = 8  # ISO 3166-2 codes are at most 6 characters; "VN-SG"


def _evidence() -> list[Column]:
    """Where a fact is said: its first sentence and offsets, then the others as "sentence:start-end ..."."""
    return [Column("sentence", Integer, nullable=False), Column("start", Integer, nullable=False),
            Column("end", Integer, nullable=False), Column("more", Text)]


def _article_fk() -> Column:
    return Column("article_id", Integer, ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True)


article = Table(
    "article", metadata,
    Column("id", Integer, primary_key=True),
    Column("ext_id", String(400), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("title", Text),
    Column("published", Date, index=True),
    Column("url", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("search_text", Text, nullable=False),  # folded (no marks, lower case) title and text
    Column("ingested_at", DateTime, nullable=False),
)

place = Table(
    "place", metadata,
    Column("code", String(CODE), primary_key=True),
    Column("country", String(2), nullable=False),
    Column("name", Text, nullable=False),  # today's name
    Column("kind", String(40), nullable=False),
    Column("canonical", String(CODE), nullable=False),  # the unit that carries it today
)

place_era = Table(
    "place_era", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(CODE), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("successor", String(CODE)),
    Column("note", Text),
)

locality = Table(
    "locality", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("code", String(CODE), nullable=False),
    Column("canonical", String(CODE), nullable=False, index=True),
    Column("name", Text, nullable=False),
    *_evidence(),
)

partnership = Table(
    "partnership", metadata,
    Column("id", Integer, primary_key=True),
    Column("a", String(CODE), nullable=False, index=True),
    Column("b", String(CODE), nullable=False, index=True),
    UniqueConstraint("a", "b", name="uq_partnership_pair"),
)

partnership_mention = Table(
    "partnership_mention", metadata,
    Column("id", Integer, primary_key=True),
    Column("partnership_id", Integer, ForeignKey("partnership.id"), nullable=False, index=True),
    _article_fk(),
    Column("code_a", String(CODE), nullable=False),
    Column("code_b", String(CODE), nullable=False),
    Column("seen_on", Date),
    *_evidence(),
)

person = Table(
    "person", metadata,
    Column("id", Integer, primary_key=True),
    Column("name_key", String(200), nullable=False, index=True),
    Column("anchor", String(420), nullable=False),  # canonical province (or country) of their office
    Column("name", Text, nullable=False),
    Column("name_folded", String(200), nullable=False, index=True),  # no marks: "le hong quang"
    UniqueConstraint("name_key", "anchor", name="uq_person_identity"),
)

person_mention = Table(
    "person_mention", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    _article_fk(),
    Column("name", Text, nullable=False),
    Column("seen_on", Date),
    *_evidence(),
)

role = Table(
    "role", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id"), nullable=False, index=True),
    _article_fk(),
    Column("role", String(40), nullable=False),
    Column("of_code", String(CODE)),
    Column("of_canonical", String(CODE)),
    Column("title", Text, nullable=False),
    Column("seen_on", Date),
    *_evidence(),
    Index("ix_role_of_person", "of_canonical", "person_id", "role", "seen_on"),  # a place's office holders
)

agreement = Table(
    "agreement", metadata,
    Column("id", Integer, primary_key=True),
    Column("a", String(CODE), nullable=False, index=True),
    Column("b", String(CODE), nullable=False, index=True),
    Column("start_year", Integer, nullable=False),
    Column("end_year", Integer, nullable=False),
    UniqueConstraint("a", "b", "start_year", "end_year", name="uq_agreement_identity"),
)

agreement_mention = Table(
    "agreement_mention", metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement_id", Integer, ForeignKey("agreement.id"), nullable=False, index=True),
    _article_fk(),
    Column("kind", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("code_a", String(CODE), nullable=False),
    Column("code_b", String(CODE), nullable=False),
    Column("fields", Text, nullable=False, default=""),  # space-separated
    Column("seen_on", Date),
    *_evidence(),
)

event = Table(
    "event", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(600), nullable=False, unique=True),
    Column("type", String(20), nullable=False),
    Column("parties", String(200), nullable=False),  # canonical codes, sorted, space-separated
    Column("day", Date, index=True),
)

event_party = Table(
    "event_party", metadata,
    Column("event_id", Integer, ForeignKey("event.id"), primary_key=True),
    Column("code", String(CODE), primary_key=True),
    Index("ix_event_party_code_event", "code", "event_id"),  # the events of two places: an index-only join
)

event_mention = Table(
    "event_mention", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("event.id"), nullable=False, index=True),
    _article_fk(),
    Column("realis", String(20), nullable=False),
    Column("trigger", Text, nullable=False),
    Column("participants", Text, nullable=False, default=""),  # names joined by "; "
    Column("seen_on", Date),
    *_evidence(),
)

figure = Table(
    "figure", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("value", Float, nullable=False),
    Column("class", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("qualifier", Text),
    *_evidence(),
)

field_mention = Table(
    "field_mention", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("field", String(40), nullable=False, index=True),
    *_evidence(),
)

MENTION_TABLES = (locality, partnership_mention, person_mention, role, agreement_mention, event_mention, figure,
                  field_mention)


# -- curation: accounts, the corrections people make, and the log of every change --------------------
app_user = Table(
    "app_user", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),  # argon2
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("created_at", DateTime, nullable=False),
)

# A correction is kept apart from the facts it corrects and applied again whenever its article is
# written, so it survives re-ingest and re-extraction. `article` is the article's ext_id (no foreign
# key: the article's rows are replaced, the correction stays); `fact_key` names the fact within it.
curation = Table(
    "curation", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # locality, partnership, person, role, agreement, event, figure...
    Column("article", String(400), index=True),
    Column("fact_key", String(600), nullable=False),
    Column("action", String(20), nullable=False),  # confirm, reject, correct, add, merge, split
    Column("payload", Text, nullable=False, default="{}"),  # JSON: new values, the fact added, the people moved
    Column("note", Text),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("user_id", Integer, ForeignKey("app_user.id")),
    Column("username", String(80), nullable=False),
    Column("action", String(20), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("article", String(400)),
    Column("fact_key", String(600), nullable=False),
    Column("before", Text),  # JSON
    Column("after", Text),  # JSON
    Column("note", Text),
    Index("ix_audit_fact", "kind", "article", "fact_key"),
)

app_setting = Table(
    "app_setting", metadata,
    Column("name", String(80), primary_key=True),
    Column("value", Text, nullable=False),
)
