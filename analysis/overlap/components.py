"""Connected components by union-find, for grouping linked documents or quotes."""
from __future__ import annotations

from typing import Iterable

__all__ = ["component_roots"]


def component_roots(n: int, links: Iterable[tuple[int, int]]) -> list[int]:
    """For items ``0 .. n-1`` joined by ``links``, the smallest item of each one's component."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(x) for x in range(n)]
