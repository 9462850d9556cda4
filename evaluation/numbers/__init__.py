"""The numbers layer ("the same quantity reported differently") against a hand-built gold.

``seeds_gold`` builds ``seeds_gold.jsonl`` (every reported count in the seeds,
convention in ``CONVENTIONS.md``); ``score`` scores the layer's records on it.
"""
