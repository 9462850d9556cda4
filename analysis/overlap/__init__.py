"""Source overlap between articles, in layers kept apart.

- ``reuse``: shared prose -- word n-gram containment per pair and aligned
  passages with character offsets (no parse needed, fast).
- ``layers`` (shared_quotes, sources, numbers, paraphrase): what the prose
  is made of, from the spaCy parse and the attribution layer.

:func:`overlap_records` gives the ``pair``, ``passage`` and ``boilerplate``
records of the reuse layer; with ``layers="all"`` also the records of the
other layers (``quote``, ``source_pair``, ``figure``, ``paraphrase``).
"""
from __future__ import annotations

from typing import Iterator

from .layers import LayerOptions
from .layers import records as event_layer_records
from .reuse import MODES, ReuseParams, find_reuse, reuse_records, reuse_tables

__all__ = ["MODES", "LayerOptions", "ReuseParams", "find_reuse", "reuse_records", "reuse_tables", "overlap_records"]


def overlap_records(corpus, params: ReuseParams | None = None, *, layers: str = "reuse",
                    model: str | None = None, options: LayerOptions | None = None
                    ) -> Iterator[dict]:
    """The reuse layer's records; ``layers="all"`` appends the event layers' (parsing with ``model``)."""
    yield from reuse_records(corpus, params)
    if layers == "all":
        yield from event_layer_records(corpus, model=model, options=options)
