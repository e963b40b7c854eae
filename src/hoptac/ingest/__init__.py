"""Reading: articles from files, directories and standard input, with errors as values."""

from hoptac.ingest.files import (
    MAX_TEXT_BYTES,
    Article,
    Item,
    ReadError,
    article_from_mapping,
    parse_date,
    read,
)

__all__ = ["MAX_TEXT_BYTES", "Article", "Item", "ReadError", "article_from_mapping", "parse_date", "read"]
