"""Scores for attribution extraction against PARC-style gold (PolNeAR): the headline and Citron's.

Records are dicts in the CLI schema (``doc``, ``kind``, ``content`` /
``contents``, ``cue``, ``source``; spans ``{"start", "end"}`` as character
offsets). Gold records may carry every fragment in ``contents`` / ``cues``
/ ``sources`` (see :func:`evaluation.polnear.gold_records`).

Headline measure (how the held-out dev score is computed)
    Contents are merged to their outer bounds (first start, last end), so a
    discontinuous content counts as one span. A prediction matches a gold
    attribution of the same document when at least half of each content lies
    inside the other (shared characters x 2 >= each length). Pairs are made
    one to one, greedily by shared characters (ties: speaker right first,
    then gold order, then prediction order: :func:`evaluation.score.match_attributions`).
    Content P = matched / predicted, R = matched / gold. Content-and-speaker
    counts a matched pair only when the speaker is right: the predicted
    ``source`` mention overlaps the gold source span (any fragment); for a
    gold attribution without a source (agentless passive) the prediction must
    have no source either.

Citron metrics (BBC R&D, github bbc/citron, ``citron/metrics.py``; paper "Quote
Extraction and Analysis for News"), computed on tokens, per document, summed:
    exact cue
        a prediction is a true positive when its cue covers exactly the tokens
        of some gold cue, else a false positive; a gold attribution is a false
        negative when no predicted cue covers exactly its tokens (not one to one).
    exact source / exact content
        a prediction is a true positive when some gold attribution has a cue
        that overlaps its cue and a source (content) list equal to its own:
        same number of spans, each covering the same tokens, in order (two
        empty source lists are equal). False negatives likewise from the gold side.
    exact quote
        cue exact and source list and content list equal.
    overlap (cue, source, content, quote)
        tokens shared by every predicted and every gold span of a document
        (all pairs, no matching), summed; P = shared / predicted tokens,
        R = shared / gold tokens; quote sums the three roles.
    Two deviations from Citron's code, both deliberate: spans overlap only
    when they share a token (Citron's test also accepts spans that merely
    touch, ``a.start <= b.end``), and the quote-level overlap P and R are not
    swapped (Citron passes gold and predicted lengths the other way round
    there). Tokens are whatever the caller supplies per document (spaCy's for
    the benchmark; :func:`regex_tokens` in tests); a character span covers the
    tokens it overlaps.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from typing import Callable, Iterable, Mapping

from analysis.text import merge_spans
from evaluation import score as ev

__all__ = [
    "outer_bounds",
    "fragments",
    "speaker_right",
    "headline_matches",
    "headline_score",
    "regex_tokens",
    "TokenIndex",
    "citron_scores",
    "breakdown",
    "score_all",
    "prf",
]

_DIGITS = 4
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
Span = tuple[int, int]


def prf(hits: float, n_pred: float, n_gold: float) -> dict:
    """Precision, recall and F1 (0 where undefined), rounded."""
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, _DIGITS), "recall": round(r, _DIGITS), "f1": round(f, _DIGITS)}


# --------------------------------------------------------------------------
# spans of a record

_PLURAL = {"content": "contents", "cue": "cues", "source": "sources"}


def _as_spans(value) -> list[Span]:
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    out = []
    for v in value:
        if v is None:
            continue
        s, e = int(v["start"]), int(v["end"])
        if e > s:
            out.append((s, e))
    return sorted(out)


def fragments(record: dict, role: str) -> list[Span]:
    """Every span of ``role`` (content, cue, source): the plural field when present, else the singular."""
    plural = record.get(_PLURAL[role])
    return _as_spans(plural) if plural else _as_spans(record.get(role))


def outer_bounds(record: dict, role: str = "content") -> Span | None:
    """``(first start, last end)`` of a role's spans; None when it has none."""
    spans = fragments(record, role)
    return (spans[0][0], max(e for _, e in spans)) if spans else None


# --------------------------------------------------------------------------
# headline measure


def speaker_right(gold: dict, pred: dict) -> bool:
    """The predicted source overlaps a gold source fragment; with no gold source, none is predicted."""
    gold_src, pred_src = fragments(gold, "source"), fragments(pred, "source")
    if not gold_src:
        return not pred_src
    return ev.overlap(merge_spans(gold_src), merge_spans(pred_src)) > 0


def _outer_record(rec: dict, i: int) -> dict:
    bounds = outer_bounds(rec)
    content = [{"start": bounds[0], "end": bounds[1]}] if bounds else []
    return {"doc": str(rec.get("doc", "")), "content": content, "_i": i}


def headline_matches(predicted: list[dict], gold: list[dict]) -> list[ev.Match]:
    """One-to-one (gold, prediction) pairs under the half-and-half rule on outer bounds."""
    g_out = [_outer_record(g, i) for i, g in enumerate(gold)]
    p_out = [_outer_record(p, i) for i, p in enumerate(predicted)]

    def rule(g: dict, p: dict) -> bool:
        return speaker_right(gold[g["_i"]], predicted[p["_i"]])

    return ev.match_attributions(p_out, g_out, rule)


def headline_score(predicted: list[dict], gold: list[dict],
                   matches: list[ev.Match] | None = None) -> dict:
    """Content and content+speaker precision, recall, F1 with the counts behind them."""
    matches = headline_matches(predicted, gold) if matches is None else matches
    hits = len(matches)
    hits_speaker = sum(m.speaker_right for m in matches)
    return {
        "n_gold": len(gold), "n_predicted": len(predicted),
        "n_matched": hits, "n_matched_speaker": hits_speaker,
        "content": prf(hits, len(predicted), len(gold)),
        "content_speaker": prf(hits_speaker, len(predicted), len(gold)),
    }


# --------------------------------------------------------------------------
# Citron metrics


def regex_tokens(text: str) -> list[Span]:
    """Words (with inner apostrophes) and single punctuation marks, as character spans."""
    return [m.span() for m in _TOKEN.finditer(text)]


class TokenIndex:
    """Maps character spans of one document to half-open token index ranges."""

    def __init__(self, tokens: Iterable[Span]):
        toks = sorted(tokens)
        self.starts = [s for s, _ in toks]
        self.ends = [e for _, e in toks]

    def span(self, start: int, end: int) -> Span | None:
        """Tokens overlapping ``[start, end)``; None when it covers no token."""
        first = bisect_right(self.ends, start)       # first token ending after start
        last = bisect_left(self.starts, end)         # first token starting at/after end
        return (first, last) if last > first else None

    def spans(self, spans: Iterable[Span]) -> list[Span]:
        out = [self.span(s, e) for s, e in spans]
        return [t for t in out if t is not None]


def _tok_overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _tok_len(spans: list[Span]) -> int:
    return sum(e - s for s, e in spans)


def _tokenised(rec: dict, index: TokenIndex) -> dict:
    cue = outer_bounds(rec, "cue")
    return {
        "cue": index.span(*cue) if cue else None,
        "source": index.spans(fragments(rec, "source")),
        "content": index.spans(fragments(rec, "content")),
    }


def _exact_counts(preds: list[dict], golds: list[dict]) -> dict[str, list[int]]:
    """[tp, fp, fn] per Citron exact metric for one document's tokenised records."""
    def cue_hit(p, g):
        return p["cue"] is not None and p["cue"] == g["cue"]

    def cues_overlap(p, g):
        return p["cue"] is not None and g["cue"] is not None and _tok_overlap(p["cue"], g["cue"]) > 0

    tests: dict[str, Callable[[dict, dict], bool]] = {
        "cue": cue_hit,
        "source": lambda p, g: cues_overlap(p, g) and p["source"] == g["source"],
        "content": lambda p, g: cues_overlap(p, g) and p["content"] == g["content"],
        "quote": lambda p, g: cue_hit(p, g) and p["source"] == g["source"] and p["content"] == g["content"],
    }
    out = {}
    for name, test in tests.items():
        tp = sum(any(test(p, g) for g in golds) for p in preds)
        fn = sum(not any(test(p, g) for p in preds) for g in golds)
        out[name] = [tp, len(preds) - tp, fn]
    return out


def _overlap_counts(preds: list[dict], golds: list[dict]) -> dict[str, list[int]]:
    """[shared, predicted, gold] token counts per role for one document (all pairs)."""
    out = {}
    for role in ("cue", "source", "content"):
        def spans(r):
            v = r[role]
            return [v] if isinstance(v, tuple) else (v or [])
        shared = sum(_tok_overlap(a, b) for p in preds for g in golds
                     for a in spans(p) for b in spans(g))
        out[role] = [shared, sum(_tok_len(spans(p)) for p in preds), sum(_tok_len(spans(g)) for g in golds)]
    out["quote"] = [sum(out[r][i] for r in ("cue", "source", "content")) for i in range(3)]
    return out


def citron_scores(predicted: list[dict], gold: list[dict],
                  tokens: Mapping[str, Iterable[Span]] | Callable[[str], Iterable[Span]]) -> dict:
    """Citron exact and overlap P/R/F1 for cue, source, content and the whole quote.

    ``tokens`` gives each document's token character spans: a mapping
    ``{doc: [(start, end), ...]}`` or a function of the document id.
    """
    by_doc: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for p in predicted:
        by_doc[str(p.get("doc", ""))][0].append(p)
    for g in gold:
        by_doc[str(g.get("doc", ""))][1].append(g)
    exact = {k: [0, 0, 0] for k in ("cue", "source", "content", "quote")}
    over = {k: [0, 0, 0] for k in ("cue", "source", "content", "quote")}
    for doc, (preds, golds) in by_doc.items():
        toks = tokens(doc) if callable(tokens) else tokens.get(doc, ())
        index = TokenIndex(toks)
        tp_, tg_ = [_tokenised(p, index) for p in preds], [_tokenised(g, index) for g in golds]
        for k, v in _exact_counts(tp_, tg_).items():
            exact[k] = [a + b for a, b in zip(exact[k], v)]
        for k, v in _overlap_counts(tp_, tg_).items():
            over[k] = [a + b for a, b in zip(over[k], v)]
    result = {}
    for k in exact:
        tp, fp, fn = exact[k]
        shared, n_pred, n_gold = over[k]
        result[k] = {
            "exact": {**prf(tp, tp + fp, tp + fn), "tp": tp, "fp": fp, "fn": fn},
            "overlap": {**prf(shared, n_pred, n_gold), "shared_tokens": shared,
                        "predicted_tokens": n_pred, "gold_tokens": n_gold},
        }
    return result


# --------------------------------------------------------------------------
# breakdowns


def breakdown(predicted: list[dict], gold: list[dict], matches: list[ev.Match]) -> dict:
    """Headline figures by predicted ``kind`` (precision), gold ``kind`` (recall), predicted
    ``cue_class`` (precision; None when no prediction has that field), gold ``cue_class``
    (recall; None when no gold record has one) and a gold x predicted kind table of the matched
    pairs."""
    by_pred = {m.pred: m for m in matches}
    by_gold = {m.gold: m for m in matches}

    def table(records: list[dict], matched: dict, field: str, side: str, rate: str) -> dict:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(records):
            groups[str(r.get(field) or "")].append(i)
        out = {}
        for key in sorted(groups):
            idx = groups[key]
            hit = sum(i in matched for i in idx)
            spk = sum(matched[i].speaker_right for i in idx if i in matched)
            out[key] = {f"n_{side}": len(idx), "n_matched": hit,
                        f"content_{rate}": round(hit / len(idx), _DIGITS),
                        f"content_speaker_{rate}": round(spk / len(idx), _DIGITS)}
        return out

    def precision_table(field: str) -> dict:
        return table(predicted, by_pred, field, "predicted", "precision")

    def recall_table(field: str) -> dict:
        return table(gold, by_gold, field, "gold", "recall")

    confusion = Counter((str(gold[m.gold].get("kind") or ""), str(predicted[m.pred].get("kind") or ""))
                        for m in matches)
    has_class = any("cue_class" in p for p in predicted)
    gold_class = any("cue_class" in g for g in gold)
    return {
        "by_predicted_kind": precision_table("kind"),
        "by_gold_kind": recall_table("kind"),
        "by_cue_class": precision_table("cue_class") if has_class else None,
        "by_gold_cue_class": recall_table("cue_class") if gold_class else None,
        "kind_confusion": {f"{g} -> {p}": n for (g, p), n in sorted(confusion.items())},
    }


def score_all(predicted: list[dict], gold: list[dict],
              tokens: Mapping[str, Iterable[Span]] | Callable[[str], Iterable[Span]]) -> dict:
    """Headline, Citron and breakdowns in one dict (what the benchmark prints)."""
    matches = headline_matches(predicted, gold)
    return {
        "headline": headline_score(predicted, gold, matches),
        "citron": citron_scores(predicted, gold, tokens),
        "breakdown": breakdown(predicted, gold, matches),
    }
