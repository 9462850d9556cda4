"""Error analysis helpers for PolNeAR: content shapes, cue-content relations, miss and false-positive causes.

Everything works on a spaCy parse of the article (``analysis.nlp``) and the
records of :mod:`evaluation.polnear` / :mod:`analysis.attribution`; nothing
here reads the corpus itself.
"""
from __future__ import annotations

from collections import Counter

from . import parc_score as ps
from .parse_tools import cue_lemma, span_head, span_tokens
from .polnear import GoldAttribution, quoted_share

__all__ = [
    "content_shape",
    "quote_status",
    "n_sentences",
    "content_relation",
    "miss_cause",
    "false_positive_cause",
    "speaker_error",
    "agreement",
]

_SUBJECTS = frozenset(("nsubj", "nsubjpass", "expl", "csubj", "csubjpass"))
_MARKS = frozenset(("that", "whether", "if"))
_WH = frozenset("how what why who whom where when which whatever".split())


def quote_status(text: str, frags, quotes=None) -> str:
    """``full`` (every letter quoted), ``partial`` or ``none``."""
    share = quoted_share(text, frags, quotes)
    return "full" if share >= 0.98 else "partial" if share > 0 else "none"


def n_sentences(doc, start: int, end: int) -> int:
    """How many of the parse's sentences the span touches."""
    return len({t.sent.start for t in span_tokens(doc, start, end)})


def _main_fragment(frags) -> tuple[int, int]:
    return max(frags, key=lambda f: (f[1] - f[0], -f[0]))


def content_shape(doc, frags) -> str:
    """Syntactic shape of a content: ``clause`` (finite, "that"/"whether"/wh- or with a subject),
    ``infinitive`` ("to win"), ``gerund`` ("participating in"), ``NP``, ``PP`` ("about the deal"),
    ``verb phrase`` (a subjectless verb group), ``other``; read off the longest fragment."""
    s, e = _main_fragment(frags)
    toks = [t for t in span_tokens(doc, s, e) if not t.is_punct]
    head = span_head(doc, s, e)
    if head is None or not toks:
        return "other"
    first = toks[0].lower_
    inside = {t.i for t in toks}
    kids = [c for c in head.children if c.i in inside]
    if first in _MARKS or first in _WH or any(c.dep_ in _SUBJECTS for c in kids):
        return "clause"
    if n_sentences(doc, s, e) > 1:
        return "clause"
    if head.pos_ in ("VERB", "AUX"):
        if first == "to" or any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return "infinitive"
        if head.tag_ == "VBG":
            return "gerund"
        return "verb phrase"
    if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ", "X", "SYM"):
        return "NP"
    if head.pos_ == "ADP":
        return "PP"
    return "other"


def _path_up(tok, target, limit: int = 4) -> list[str] | None:
    """Dependency labels from ``tok`` up to ``target`` (None when target is not an ancestor near by)."""
    path = []
    while tok.i != target.i:
        if tok.head.i == tok.i or len(path) >= limit:
            return None
        path.append(tok.dep_)
        tok = tok.head
    return path


def content_relation(doc, cue_frags, content_frags) -> str:
    """How the content hangs on the cue in the parse: the labels from the content's head up to
    the cue's head (``ccomp``, ``dobj``, ``xcomp``, ``pobj<prep`` ...), or with ``^`` the labels
    from the cue's head up to the content's ("he said" as ``^parataxis`` / ``^ccomp`` of a
    quote's verb), ``other-sentence`` or ``no-path``. A discontinuous content is read at the
    fragment nearest the cue that has a path."""
    _, _, cue = cue_lemma(doc, cue_frags)
    if cue is None:
        return "none"
    heads = []
    for frag in sorted(content_frags, key=lambda f: min(abs(f[0] - cue.idx), abs(f[1] - cue.idx))):
        head = span_head(doc, *frag)
        if head is None:
            continue
        heads.append(head)
        down = _path_up(head, cue)
        if down:
            return "<".join(down)
        up = _path_up(cue, head)
        if up:
            return "^" + "<".join(up)
    if not heads:
        return "none"
    if all(h.sent.start != cue.sent.start for h in heads):
        return "other-sentence"
    return "no-path"


# --------------------------------------------------------------------------
# errors


def _len(span) -> int:
    return span[1] - span[0]


def _shared(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def miss_cause(gold: dict, preds: list[dict], matched_preds: set[int], pred_index: list[int],
               text: str, doc=None) -> tuple[str, str]:
    """(cause, detail) of a missed gold attribution, given the document's predictions.

    ``pred_index`` holds the predictions' positions in the full predicted list
    (to look up ``matched_preds``). Causes: ``not found`` (no predicted
    content overlaps), ``prediction too short`` (the best overlapping one
    covers less than half of the gold's outer bounds), ``prediction too long``
    (less than half of it lies in the gold), ``taken`` (a qualifying
    prediction went to another gold).
    """
    g = ps.outer_bounds(gold)
    best, best_i, best_shared = None, None, 0
    for p, i in zip(preds, pred_index):
        b = ps.outer_bounds(p)
        if b and _shared(b, g) > best_shared:
            best, best_i, best_shared = b, i, _shared(b, g)
    if best is None:
        cue = ps.outer_bounds(gold, "cue")
        cue_hit = any(ps.outer_bounds(p, "cue") and _shared(ps.outer_bounds(p, "cue"), cue) for p in preds)
        return "not found", "cue predicted, content elsewhere" if cue_hit else "cue not predicted"
    short = 2 * best_shared < _len(g)
    long_ = 2 * best_shared < _len(best)
    if not short and not long_:
        return "taken", "qualifying prediction matched to another gold" if best_i in matched_preds else "?"
    if short:
        frags = ps.fragments(gold, "content")
        if len(frags) > 1 and any(_shared(best, f) >= 0.5 * _len(best) for f in frags):
            detail = "gold discontinuous, prediction covers one piece"
        elif "\n" in text[g[0]:g[1]]:
            detail = "gold runs over paragraphs"
        elif doc is not None and n_sentences(doc, *g) > n_sentences(doc, *best):
            detail = "gold runs over more sentences"
        elif best[0] > g[0] + 0.25 * _len(g):
            detail = "prediction starts late"
        else:
            detail = "prediction stops early"
        return "prediction too short", detail
    detail = ("prediction runs over paragraphs" if "\n" in text[best[0]:best[1]]
              else "prediction takes in more of the sentence")
    return "prediction too long", detail


def false_positive_cause(pred: dict, golds: list[dict], matched_golds: set[int], gold_index: list[int],
                         text: str) -> str:
    """Why an unmatched prediction is a false positive.

    ``follow-on piece`` (no cue: a quote paragraph inheriting the speaker,
    which PolNeAR folds into the previous attribution's content), ``nested``
    (its cue lies inside a gold content: PolNeAR annotates only the outermost
    attribution), ``piece of a discontinuous gold`` (it lies in one fragment of
    an unmatched gold whose content has several), ``duplicate`` (overlaps only
    golds already matched), ``boundary`` (overlaps an unmatched gold without
    meeting the half rule), ``no gold overlap``.
    """
    b = ps.outer_bounds(pred)
    overlapping = [(g, i) for g, i in zip(golds, gold_index) if _shared(ps.outer_bounds(g), b) > 0]
    if pred.get("cue") is None:
        return "follow-on piece (no cue)"
    cue = ps.outer_bounds(pred, "cue")
    if any(f[0] <= cue[0] and cue[1] <= f[1] for g in golds for f in ps.fragments(g, "content")):
        return "nested (cue inside a gold content)"
    unmatched = [g for g, i in overlapping if i not in matched_golds]
    if any(len(ps.fragments(g, "content")) > 1 and
           any(_shared(f, b) >= 0.5 * _len(b) for f in ps.fragments(g, "content")) for g in unmatched):
        return "piece of a discontinuous gold"
    if overlapping and not unmatched:
        return "duplicate of a matched gold"
    if overlapping:
        return "boundary (overlaps an unmatched gold)"
    return "no gold overlap"


def speaker_error(gold: dict, pred: dict) -> str:
    """Kind of speaker error of a matched pair."""
    g, p = ps.fragments(gold, "source"), ps.fragments(pred, "source")
    if not g:
        return "gold has no source, one predicted"
    if not p:
        return "no source predicted"
    gb, pb = ps.outer_bounds(gold, "source"), ps.outer_bounds(pred, "source")
    if abs(pb[0] - gb[0]) > 300:
        return "predicted source far from gold (other mention)"
    return "predicted source near but disjoint"


def agreement(annotations: dict[str, list[GoldAttribution]], text: str, doc_id: str) -> list[dict]:
    """Headline scores of every ordered pair of annotators of one article (first as gold)."""
    from .polnear import PolnearDocument, gold_records

    records = {}
    for annotator, atts in annotations.items():
        fake = PolnearDocument(doc_id, text, {}, annotator, atts)
        records[annotator] = gold_records([fake])
    out = []
    names = sorted(records)
    for a in names:
        for b in names:
            if a != b:
                s = ps.headline_score(records[b], records[a])
                out.append({"gold": a, "pred": b, **s})
    return out


def counter_table(counter: Counter, total: int, top: int = 30) -> list[tuple[str, int, float]]:
    return [(k, n, n / total if total else 0.0) for k, n in counter.most_common(top)]
