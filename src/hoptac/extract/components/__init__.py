"""The built-in components; importing this package registers them."""

from hoptac.extract.components import (  # noqa: F401
    dates,
    events,
    fields,
    figures,
    localities,
    partnerships,
    people,
    places,
    text,
)
