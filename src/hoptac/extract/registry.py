"""The registry of pipeline components: a name for each, so a pipeline is built from a list of names
and a component can be swapped or added without touching the others."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from hoptac.extract.document import Document


class Component(Protocol):
    def __call__(self, doc: Document) -> None: ...


Factory = Callable[[], Component]
_REGISTRY: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Class decorator: `@register("places")` makes the component buildable by name."""

    def decorate(factory: Factory) -> Factory:
        if name in _REGISTRY and _REGISTRY[name] is not factory:
            raise ValueError(f"component {name!r} is registered twice")
        _REGISTRY[name] = factory
        return factory

    return decorate


def create(name: str) -> Component:
    _load_builtins()
    factory = _REGISTRY.get(name)
    if factory is None:
        raise KeyError(f"unknown component {name!r}; known: {', '.join(sorted(_REGISTRY))}")
    return factory()


def registered() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def _load_builtins() -> None:
    from hoptac.extract import components  # noqa: F401  (registers the built-in components)
