"""The network picture of a place's partnerships: an SVG drawn on the server (no JavaScript), the place
in the middle, its partners on a circle, a line's width by the articles that report the pair."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 420
RADIUS = 160


@dataclass
class Node:
    code: str
    label: str
    x: float
    y: float
    centre: bool = False


@dataclass
class Edge:
    a: Node
    b: Node
    width: float
    title: str


def star(centre: tuple[str, str], partners: list[tuple[str, str, int]],
         links: list[tuple[str, str, int]] = ()) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges for a place (code, label) and its partners [(code, label, articles)]; `links`
    are partnerships among the partners themselves (three-party meetings)."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    hub = Node(centre[0], centre[1], cx, cy, centre=True)
    nodes = {hub.code: hub}
    edges: list[Edge] = []
    most = max((n for *_, n in partners), default=1)
    for k, (code, label, articles) in enumerate(partners):
        angle = 2 * math.pi * k / max(1, len(partners)) - math.pi / 2
        node = nodes[code] = Node(code, label, cx + RADIUS * math.cos(angle), cy + RADIUS * math.sin(angle))
        edges.append(Edge(hub, node, 1.5 + 6 * articles / most, f"{centre[1]} – {label}: {articles} bài"))
    for a, b, articles in links:
        if a in nodes and b in nodes and hub.code not in (a, b):
            edges.append(Edge(nodes[a], nodes[b], 1 + 3 * articles / most,
                              f"{nodes[a].label} – {nodes[b].label}: {articles} bài"))
    return list(nodes.values()), edges
