"""Score attribution records against gold annotations: the overlap rule.

Matching rule: a gold attribution is *found* when a predicted attribution of
the same document has content that covers at least half of the gold content
and lies at least half inside it. Multi-span contents are compared as the
union of their spans (overlap = characters shared by the two unions). Gold
and predictions are paired one-to-one, greedily by overlap (ties: speaker
right first, then gold order, then prediction order), so the result does not
depend on dict or set ordering.

Speaker rule: the speaker of a matched pair is right when the predicted
``source`` mention overlaps the gold ``source`` span. When the gold source is
null (a fully quoted follow-on paragraph inheriting its speaker, or a bare
quote), the text names nobody, so the canonical name decides: right when the
predicted ``speaker`` (or source text) shares a name word with the gold
``speaker``; for a gold speaker ``unknown`` only a prediction without a
source (and without a named speaker) is right. LitBank has speaker ids
instead of source spans; there the id's name part ("Winnie_Verloc-3" ->
"Winnie Verloc") must share a word with the predicted speaker or source text
(case-insensitive, titles and articles ignored).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from analysis.errors import AnalysisError
from analysis.text import covered_length, merge_spans

__all__ = [
    "load_jsonl",
    "write_jsonl",
    "content_spans",
    "strip_marks",
    "overlap",
    "content_matches",
    "match_attributions",
    "score_attributions",
    "figures",
    "restrict_gold",
    "source_overlap_speaker",
    "name_token_speaker",
    "litbank_name",
    "SPEAKER_RULES",
    "explode_contents",
    "filter_kinds",
    "DIRECT_KINDS",
    "COUNTS",
    "FIGURES",
]

DIRECT_KINDS = ("direct", "mixed")
_DIGITS = 4
#: words that never identify a speaker on their own
_NAME_STOPWORDS = frozenset(
    "the a an of for and to in on at by mr mrs miss ms dr sir lady lord madam madame mister "
    "monsieur st old young".split()
)
#: marks and dashes at a content's edges, which gold contents leave out
_QUOTE_EDGE = "\"'“”‘’«»„‟‚‛`_—–- \n\t"
#: the counts and the figures of a score that results keep
COUNTS = ("n_gold", "n_predicted", "n_matched", "n_matched_speaker")
FIGURES = ("content_precision", "content_recall", "content_f1",
           "content_speaker_precision", "content_speaker_recall", "content_speaker_f1")


# --------------------------------------------------------------------------
# records and spans


def load_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSON Lines file (blank lines ignored); errors name file and line."""
    path = Path(path)
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise AnalysisError(f"{path}: line {lineno}: not valid JSON ({err.msg})") from None
    return rows


def write_jsonl(records: Iterable[dict], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def content_spans(record: dict) -> list[tuple[int, int]]:
    """Content of a record as merged ``(start, end)`` spans.

    Reads ``contents`` (all spans of a split quote) when present, else
    ``content`` (one span dict or a list of them).
    """
    value = record.get("contents") or record.get("content") or []
    if isinstance(value, dict):
        value = [value]
    return merge_spans((int(s["start"]), int(s["end"])) for s in value)


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop quote marks and dashes at the edges: gold content excludes them, as in the seeds."""
    while start < end and text[start] in _QUOTE_EDGE:
        start += 1
    while end > start and text[end - 1] in _QUOTE_EDGE:
        end -= 1
    return start, end


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Characters shared by two merged span lists."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def content_matches(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> int:
    """Shared characters when the half-and-half rule holds, else 0."""
    shared = overlap(gold, pred)
    if shared and 2 * shared >= covered_length(gold) and 2 * shared >= covered_length(pred):
        return shared
    return 0


# --------------------------------------------------------------------------
# speaker rules


def _name_words(text: str | None) -> set[str]:
    words = set(re.findall(r"[a-z0-9]+", (text or "").replace("_", " ").lower()))
    return (words - _NAME_STOPWORDS) or words


def _span(value) -> tuple[int, int] | None:
    if isinstance(value, dict) and "start" in value and "end" in value:
        return int(value["start"]), int(value["end"])
    return None


def _predicted_names(pred: dict) -> set[str]:
    source = pred.get("source")
    words = _name_words(pred.get("speaker"))
    if isinstance(source, dict):
        words |= _name_words(source.get("text"))
    return words - {"unknown", "none"}


def source_overlap_speaker(gold: dict, pred: dict) -> bool:
    """Seeds rule: the predicted source mention overlaps the gold one (see module doc for null)."""
    gold_source, pred_source = _span(gold.get("source")), _span(pred.get("source"))
    if gold_source is not None:
        return pred_source is not None and overlap([gold_source], [pred_source]) > 0
    gold_name = (gold.get("speaker") or "").strip()
    if not gold_name or gold_name.lower() == "unknown":
        return pred_source is None and not _predicted_names(pred)
    return bool(_name_words(gold_name) & _predicted_names(pred))


def litbank_name(speaker_id: str) -> str:
    """``"Winnie_Verloc-3"`` -> ``"Winnie Verloc"``."""
    return re.sub(r"-\d+$", "", speaker_id).replace("_", " ").strip()


def name_token_speaker(gold: dict, pred: dict) -> bool:
    """LitBank rule: the gold speaker's name shares a word with the predicted speaker or source."""
    return bool(_name_words(litbank_name(gold.get("speaker") or "")) & _predicted_names(pred))


SPEAKER_RULES: dict[str, Callable[[dict, dict], bool]] = {
    "source_overlap": source_overlap_speaker,
    "name_token": name_token_speaker,
}


# --------------------------------------------------------------------------
# matching and scores


@dataclass(frozen=True)
class Match:
    gold: int
    pred: int
    overlap: int
    speaker_right: bool


@dataclass
class _Side:
    records: list[dict]
    spans: list[list[tuple[int, int]]] = field(init=False)

    def __post_init__(self):
        self.spans = [content_spans(r) for r in self.records]

    def by_doc(self) -> dict[str, list[int]]:
        docs: dict[str, list[int]] = {}
        for i, rec in enumerate(self.records):
            docs.setdefault(str(rec.get("doc", "")), []).append(i)
        return docs


def match_attributions(predicted: list[dict], gold: list[dict],
                       speaker_rule: str | Callable = "source_overlap") -> list[Match]:
    """One-to-one pairs of gold and predicted attributions that satisfy the content rule."""
    rule = SPEAKER_RULES[speaker_rule] if isinstance(speaker_rule, str) else speaker_rule
    g_side, p_side = _Side(gold), _Side(predicted)
    p_docs = p_side.by_doc()
    candidates = []
    for doc, g_idx in g_side.by_doc().items():
        for gi in g_idx:
            for pi in p_docs.get(doc, []):
                shared = content_matches(g_side.spans[gi], p_side.spans[pi])
                if shared:
                    candidates.append(Match(gi, pi, shared, bool(rule(gold[gi], predicted[pi]))))
    candidates.sort(key=lambda m: (-m.overlap, not m.speaker_right, m.gold, m.pred))
    used_g, used_p, matches = set(), set(), []
    for m in candidates:
        if m.gold in used_g or m.pred in used_p:
            continue
        used_g.add(m.gold)
        used_p.add(m.pred)
        matches.append(m)
    return sorted(matches, key=lambda m: (m.gold, m.pred))


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, _DIGITS), round(r, _DIGITS), round(f, _DIGITS)


def score_attributions(predicted: list[dict], gold: list[dict],
                       speaker_rule: str | Callable = "source_overlap") -> dict:
    """Precision, recall and F1 for content and content+speaker, counts and per-kind recall."""
    matches = match_attributions(predicted, gold, speaker_rule)
    n_pred, n_gold = len(predicted), len(gold)
    hits = len(matches)
    hits_speaker = sum(m.speaker_right for m in matches)
    cp, cr, cf = _prf(hits, n_pred, n_gold)
    sp, sr, sf = _prf(hits_speaker, n_pred, n_gold)
    score = {
        "n_gold": n_gold,
        "n_predicted": n_pred,
        "n_matched": hits,
        "n_matched_speaker": hits_speaker,
        "content_precision": cp,
        "content_recall": cr,
        "content_f1": cf,
        "content_speaker_precision": sp,
        "content_speaker_recall": sr,
        "content_speaker_f1": sf,
        "recall_by_kind": _recall_by(gold, matches, "kind"),
    }
    if any("cue_class" in g for g in gold):  # the hand-annotated sets (docs/attribution_conventions.md)
        score["recall_by_cue_class"] = _recall_by(gold, matches, "cue_class")
    return score


def _recall_by(gold: list[dict], matches: list[Match], field: str) -> dict:
    """Recall (content, content+speaker) of the gold records of each value of ``field``."""
    found = {m.gold: m.speaker_right for m in matches}
    kinds: dict[str, list[int]] = {}
    for i, g in enumerate(gold):
        kinds.setdefault(str(g.get(field, "")), []).append(i)
    out = {}
    for kind in sorted(kinds):
        idx = kinds[kind]
        n_found = sum(i in found for i in idx)
        n_speaker = sum(found.get(i, False) for i in idx)
        out[kind] = {
            "n_gold": len(idx),
            "content_recall": round(n_found / len(idx), _DIGITS),
            "content_speaker_recall": round(n_speaker / len(idx), _DIGITS),
        }
    return out


def filter_kinds(records: Iterable[dict], kinds: Iterable[str] = DIRECT_KINDS) -> list[dict]:
    """Records whose ``kind`` is one of ``kinds`` (LitBank scores direct speech only)."""
    keep = set(kinds)
    return [r for r in records if r.get("kind") in keep]


def explode_contents(records: Iterable[dict]) -> list[dict]:
    """One record per content span: LitBank annotates each quoted stretch of a split quote apart."""
    out = []
    for rec in records:
        value = rec.get("contents") or rec.get("content") or []
        spans = [value] if isinstance(value, dict) else list(value)
        for span in spans:
            out.append({**{k: v for k, v in rec.items() if k != "contents"}, "content": [span]})
    return out


def figures(score: dict) -> dict:
    """What results keep of a :func:`score_attributions` score: counts, figures, recall by kind
    (and by cue class when the gold has one)."""
    return {k: score[k] for k in (*COUNTS, *FIGURES, "recall_by_kind", "recall_by_cue_class") if k in score}


def restrict_gold(predicted: list[dict], gold: list[dict],
                  keep: Callable[[dict], bool]) -> tuple[list[dict], list[dict]]:
    """Gold records for which ``keep`` holds, predictions minus those matched to another gold.

    Predictions matched to a dropped gold record are dropped too, so they count
    neither as hits nor as false positives (e.g. ``keep`` = speech cues only).
    """
    matched_to_dropped = {m.pred for m in match_attributions(predicted, gold) if not keep(gold[m.gold])}
    return ([p for i, p in enumerate(predicted) if i not in matched_to_dropped],
            [g for g in gold if keep(g)])
