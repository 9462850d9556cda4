"""Scoring the figures layer against a hand-built gold of reported quantities.

The gold (``evaluation/numbers/seeds_gold.jsonl``, convention in
``CONVENTIONS.md`` beside it) has one line per number mention with ``doc``, ``start``,
``end`` and ``event``: two mentions share ``event`` exactly when they report
the same quantity of the same real-world event. The layer is scored on what
``differing_figures`` is for, "the same quantity reported differently":

- a **gold pair** is two mentions in different articles with the same
  ``event``, in a group whose statements (value or qualifier) differ across
  at least two articles;
- a **predicted pair** is two figures in different articles that the layer
  puts in the same differing group (records with ``differs`` true and the
  same ``group``; ``key`` for records made before groups existed).

Predicted figures are matched to gold mentions by character overlap in the
same article (the largest overlap wins). A predicted pair is correct when its
two figures match the two mentions of a gold pair. Everything here is pure:
records in, numbers out.
"""
from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Iterable, Mapping

__all__ = ["load_gold", "gold_differing_groups", "score_differing"]


def load_gold(path) -> list[dict]:
    """The gold mentions of a JSONL file, one dict per line."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _statement(mention: Mapping) -> tuple:
    return (str(mention.get("qualifier") or "").lower(), float(mention["value"]))


def gold_differing_groups(gold: Iterable[Mapping]) -> dict[str, list[Mapping]]:
    """``event`` -> its mentions, for events reported by two or more articles whose
    (qualifier, value) statements are not all the same."""
    by_event: dict[str, list[Mapping]] = defaultdict(list)
    for mention in gold:
        by_event[mention["event"]].append(mention)
    return {event: ms for event, ms in by_event.items()
            if len({m["doc"] for m in ms}) >= 2 and len({_statement(m) for m in ms}) >= 2}


def _get(record, name, default=None):
    if isinstance(record, Mapping):
        return record.get(name, default)
    return getattr(record, name, default)


def _match(record, gold_by_doc: Mapping[str, list[tuple[int, Mapping]]]) -> int | None:
    """Index of the gold mention that overlaps ``record`` most in its article, or None."""
    start, end = int(_get(record, "start")), int(_get(record, "end"))
    best, best_overlap = None, 0
    for index, mention in gold_by_doc.get(_get(record, "doc"), ()):
        overlap = min(end, mention["end"]) - max(start, mention["start"])
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def _prf(correct_pred: int, n_pred: int, correct_gold: int, n_gold: int) -> dict:
    precision = correct_pred / n_pred if n_pred else 0.0
    recall = correct_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def score_differing(predicted_records: Iterable, gold: Iterable[Mapping],
                    group_field: str = "group") -> dict:
    """Pair-level precision, recall and F1 of "the same quantity reported differently".

    ``predicted_records``: every figure of the corpus as a dict (the CLI's
    ``figure`` records, ``kind`` other than ``figure`` ignored) or an object
    with ``doc``, ``start``, ``end``, ``differs`` and ``group_field`` (falling
    back to ``key`` when absent). All figures count for mention recall; only
    those with ``differs`` true make predicted pairs.

    Returns P/R/F1 and the counts behind them: ``pred_pairs``,
    ``pred_pairs_correct``, ``gold_pairs``, ``gold_pairs_found``; the mention
    level ``gold_mentions``, ``mentions_extracted`` and ``mention_recall``
    (gold mentions overlapped by any figure at all), ``mentions_in_groups``
    (gold mentions of differing groups that the layer flags as differing);
    and ``false_pairs``: the wrong predicted pairs as ``(doc, text)`` tuples.
    """
    gold = list(gold)
    gold_by_doc: dict[str, list[tuple[int, Mapping]]] = defaultdict(list)
    for index, mention in enumerate(gold):
        gold_by_doc[mention["doc"]].append((index, mention))
    groups = gold_differing_groups(gold)
    gold_pairs = set()
    in_groups = set()
    for mentions in groups.values():
        indices = [gold.index(m) for m in mentions]
        in_groups.update(indices)
        for a, b in combinations(indices, 2):
            if gold[a]["doc"] != gold[b]["doc"]:
                gold_pairs.add(frozenset((a, b)))

    records = [r for r in predicted_records if _get(r, "kind", "figure") == "figure"]
    extracted = {m for r in records if (m := _match(r, gold_by_doc)) is not None}
    predicted: dict[str, list] = defaultdict(list)
    for r in records:
        if _get(r, "differs", False):
            group = _get(r, group_field) or _get(r, "key")
            predicted[group].append(r)
    n_pred, correct_pred, found = 0, 0, set()
    false_pairs = []
    for members in predicted.values():
        for a, b in combinations(members, 2):
            if _get(a, "doc") == _get(b, "doc"):
                continue
            n_pred += 1
            ga, gb = _match(a, gold_by_doc), _match(b, gold_by_doc)
            pair = frozenset((ga, gb)) if ga is not None and gb is not None else None
            if pair in gold_pairs:
                correct_pred += 1
                found.add(pair)
            else:
                false_pairs.append(((_get(a, "doc"), _get(a, "text")),
                                    (_get(b, "doc"), _get(b, "text"))))
    flagged = {m for r in records if _get(r, "differs", False)
               and (m := _match(r, gold_by_doc)) is not None}
    return {
        **_prf(correct_pred, n_pred, len(found), len(gold_pairs)),
        "pred_pairs": n_pred, "pred_pairs_correct": correct_pred,
        "gold_pairs": len(gold_pairs), "gold_pairs_found": len(found),
        "gold_groups": len(groups),
        "gold_mentions": len(gold), "mentions_extracted": len(extracted),
        "mention_recall": round(len(extracted) / len(gold), 4) if gold else 0.0,
        "mentions_in_groups": f"{len(flagged & in_groups)}/{len(in_groups)}",
        "false_pairs": false_pairs,
    }
