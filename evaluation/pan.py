"""PAN text-alignment measures and a passage-reuse benchmark built from real articles.

Measures (Potthast, Stein, Barrón-Cedeño and Rosso, "An Evaluation Framework
for Plagiarism Detection", COLING 2010): a case ``s`` and a detection ``r``
are each a pair of character ranges, one in the suspicious (reusing) document
and one in the source document, and are read as sets of characters of both.
``r`` detects ``s`` when they concern the same two documents and overlap in
both of them.

- precision = mean over detections r of |union over detected s of (s & r)| / |r|
- recall    = mean over cases s of |union over detecting r of (s & r)| / |s|
- granularity = mean over detected cases of how many detections detect each
- plagdet   = F1(precision, recall) / log2(1 + granularity)

Benchmark (:func:`build_benchmark`): clean articles (no shared 5-gram run
with any other chosen article) are paired; a run of 2-5 consecutive sentences
of the source is inserted into the suspicious article at a paragraph or
sentence boundary, verbatim or lightly edited (a few words changed, dropped or
swapped). A fixed seed makes it reproducible. :func:`build_hard_benchmark` is closer
to a held-out benchmark of related news articles: same-topic articles sharing
natural common phrases, several sources per suspicious article, mid-paragraph
insertions, unrelated articles in the folder, denser edits that may hit the
first and last words. The detections compared are the reuse layer's passages
(:func:`reuse_detections`) and two naive word 5-gram baselines: exact shingle
runs (:func:`naive_detections`) and those runs merged across small gaps
(:func:`naive_merged_detections`), neither snapping edges.
"""
from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from analysis.corpus import Corpus, Document
from analysis.overlap.reuse import ReuseParams, build_index, candidate_pairs, seed_fragments
from analysis.text import covered_length

__all__ = [
    "reference_containment",
    "Annotation",
    "pan_scores",
    "sentence_spans",
    "build_benchmark",
    "build_hard_benchmark",
    "BENCHMARKS",
    "reuse_detections",
    "naive_detections",
    "naive_merged_detections",
    "EDIT_MODES",
]

EDIT_MODES = ("verbatim", "light")


@dataclass(frozen=True)
class Annotation:
    """A reuse case or a detection: ``[susp_start, susp_end)`` in ``susp`` taken from ``src``."""

    susp: str
    src: str
    susp_start: int
    susp_end: int
    src_start: int
    src_end: int

    @property
    def size(self) -> int:
        return (self.susp_end - self.susp_start) + (self.src_end - self.src_start)


def _overlap(a0: int, a1: int, b0: int, b1: int) -> tuple[int, int] | None:
    lo, hi = max(a0, b0), min(a1, b1)
    return (lo, hi) if hi > lo else None


def _detects(r: Annotation, s: Annotation) -> bool:
    return (r.susp, r.src) == (s.susp, s.src) and \
        _overlap(r.susp_start, r.susp_end, s.susp_start, s.susp_end) is not None and \
        _overlap(r.src_start, r.src_end, s.src_start, s.src_end) is not None


def _covered(target: Annotation, others: Sequence[Annotation]) -> int:
    """Characters of ``target`` (both documents) inside the union of the ``others``."""
    susp = [o for o in (_overlap(target.susp_start, target.susp_end, x.susp_start, x.susp_end)
                        for x in others) if o]
    src = [o for o in (_overlap(target.src_start, target.src_end, x.src_start, x.src_end)
                       for x in others) if o]
    return covered_length(susp) + covered_length(src)


def _as_case_pair(r: Annotation, case_pairs) -> Annotation:
    """A detection turned to its case's orientation when it names the two documents the other way."""
    if (r.susp, r.src) not in case_pairs and (r.src, r.susp) in case_pairs:
        return Annotation(r.src, r.susp, r.src_start, r.src_end, r.susp_start, r.susp_end)
    return r


def pan_scores(cases: Sequence[Annotation], detections: Sequence[Annotation]) -> dict:
    """Macro-averaged character precision, recall, granularity and plagdet (PAN 2010).

    A detection naming a case's two documents in the other order is turned
    round first, so detections need not know which document reused which.
    """
    by_pair: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for s in cases:
        by_pair[(s.susp, s.src)].append(s)
    detections = [_as_case_pair(r, by_pair) for r in detections]
    det_pair: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for r in detections:
        det_pair[(r.susp, r.src)].append(r)
    precision = 0.0
    for r in detections:
        hit = [s for s in by_pair.get((r.susp, r.src), []) if _detects(r, s)]
        precision += _covered(r, hit) / r.size if r.size else 0.0
    precision = precision / len(detections) if detections else 0.0
    recall, detected, grains = 0.0, 0, 0
    for s in cases:
        hit = [r for r in det_pair.get((s.susp, s.src), []) if _detects(r, s)]
        recall += _covered(s, hit) / s.size if s.size else 0.0
        if hit:
            detected += 1
            grains += len(hit)
    recall = recall / len(cases) if cases else 0.0
    granularity = grains / detected if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4),
            "granularity": round(granularity, 4), "plagdet": round(f1 / math.log2(1 + granularity), 4),
            "cases": len(cases), "detections": len(detections)}


# --------------------------------------------------------------------------
# benchmark construction

_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s+[\"'\u201c\u2018(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def sentence_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentences of ``text[start:]`` as ``[start, end)``, split at line breaks and at ``. X``."""
    spans = []
    for line in re.finditer(r"[^\n]+", text[start:]):
        pos = line.start() + start
        end = line.end() + start
        for m in _SENT_END.finditer(text, pos, end):
            spans.append((pos, m.end()))
            pos = m.end()
            while pos < end and text[pos].isspace():
                pos += 1
        if pos < end:
            spans.append((pos, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _body_start(text: str) -> int:
    """Where the article body starts: after the title line and blank lines."""
    nl = text.find("\n")
    if nl < 0:
        return 0
    while nl < len(text) and text[nl].isspace():
        nl += 1
    return nl


def _shingle_set(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = [w.lower() for w in re.findall(r"\w+", text)]
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _clean_documents(docs: Sequence[Document], rng: random.Random, needed: int) -> list[Document]:
    """A random set of documents sharing no word 5-gram with each other (independent check)."""
    pool = list(docs)
    rng.shuffle(pool)
    chosen: list[Document] = []
    seen: set[tuple[str, ...]] = set()
    for d in pool:
        sh = _shingle_set(d.text)
        if sh & seen:
            continue
        chosen.append(d)
        seen |= sh
        if len(chosen) == needed:
            break
    return chosen


def _edit(passage: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """A few words changed, dropped or swapped (about one edit per 12 words, at least 2)."""
    words = list(_WORD.finditer(passage))
    if len(words) < 6:
        return passage
    n_edits = max(2, min(5, len(words) // 12))
    targets = sorted(rng.sample(range(1, len(words) - 1), min(n_edits, len(words) - 2)))
    pieces, pos, skip = [], 0, set()
    for k in targets:
        if k in skip:
            continue
        w = words[k]
        op = rng.choice(("change", "drop", "swap"))
        if op == "swap" and k + 1 < len(words) and k + 1 not in targets:
            nxt = words[k + 1]
            pieces.append(passage[pos:w.start()])
            pieces.append(nxt.group() + passage[w.end():nxt.start()] + w.group())
            pos = nxt.end()
            skip.add(k + 1)
        elif op == "drop":
            pieces.append(passage[pos:w.start()])
            pos = w.end()
            while pos < len(passage) and passage[pos] == " ":
                pos += 1
        else:
            pieces.append(passage[pos:w.start()])
            pieces.append(rng.choice(vocabulary))
            pos = w.end()
    pieces.append(passage[pos:])
    return "".join(pieces)


def build_benchmark(corpus: Corpus | Sequence[Document], n_cases: int = 100, *, seed: int = 13,
                    edit: str = "verbatim") -> tuple[Corpus, list[Annotation]]:
    """A corpus of ``2 * n_cases`` articles (``src-NNN``, ``susp-NNN``) and its reuse cases.

    Each case inserts 2-5 consecutive body sentences of ``src-NNN`` into
    ``susp-NNN`` (after a paragraph, or between two sentences of one),
    verbatim or lightly edited; the sources stay unchanged.
    """
    if edit not in EDIT_MODES:
        raise ValueError(f"edit must be one of {EDIT_MODES}, got {edit!r}")
    rng = random.Random(seed)
    docs = _clean_documents(list(corpus), rng, 2 * n_cases)
    out: list[Document] = []
    cases: list[Annotation] = []
    for k in range(min(n_cases, len(docs) // 2)):
        src, target = docs[2 * k], docs[2 * k + 1]
        src_sents = sentence_spans(src.text, _body_start(src.text))
        length = rng.randint(2, 5)
        if len(src_sents) < length + 1:
            length = max(2, len(src_sents) - 1)
        first = rng.randrange(0, max(1, len(src_sents) - length + 1))
        s0, s1 = src_sents[first][0], src_sents[min(first + length, len(src_sents)) - 1][1]
        passage = src.text[s0:s1]
        if edit == "light":
            vocabulary = sorted({w.group().lower() for w in _WORD.finditer(target.text)
                                 if len(w.group()) > 3})
            passage = _edit(passage, rng, vocabulary)
        body = sentence_spans(target.text, _body_start(target.text))
        slot = rng.randrange(1, len(body)) if len(body) > 1 else 0
        insert_at = body[slot][0] if body else len(target.text)
        before = target.text[:insert_at]
        separator = "\n\n" if before.endswith("\n") else " "
        if separator == "\n\n":
            new_text = before + passage + "\n\n" + target.text[insert_at:]
        else:
            new_text = before + passage + " " + target.text[insert_at:]
        src_id, susp_id = f"src-{k:03d}", f"susp-{k:03d}"
        out.append(Document(src_id, src.text, src.source, {"origin": src.id}))
        out.append(Document(susp_id, new_text, target.source, {"origin": target.id}))
        cases.append(Annotation(susp_id, src_id, insert_at, insert_at + len(passage), s0, s1))
    return Corpus(sorted(out, key=lambda d: d.id)), cases


def _topic(doc: Document) -> str:
    return doc.id.split("/", 1)[0] if "/" in doc.id else ""


def _unlinked_documents(docs: Sequence[Document], rng: random.Random, n: int, min_sentences: int
                        ) -> dict[str, list[Document]]:
    """Shuffled documents per topic sharing no word ``n``-gram with each other (shorter runs may be
    shared: natural common phrases stay, unannotated real reuse does not)."""
    pool = list(docs)
    rng.shuffle(pool)
    seen: set[tuple[str, ...]] = set()
    out: dict[str, list[Document]] = defaultdict(list)
    for d in pool:
        if len(sentence_spans(d.text, _body_start(d.text))) < min_sentences:
            continue
        sh = _shingle_set(d.text, n)
        if sh & seen:
            continue
        seen |= sh
        out[_topic(d)].append(d)
    return out


def _edit_dense(passage: str, rng: random.Random, vocabulary: Sequence[str], rate: float) -> str:
    """Words changed, dropped or swapped with an adjacent one, about ``rate`` of them, any word
    (first and last too) may be hit."""
    words = list(_WORD.finditer(passage))
    if len(words) < 4:
        return passage
    n_edits = max(2, round(rate * len(words)))
    targets = set(rng.sample(range(len(words)), min(n_edits, len(words))))
    pieces, pos, k = [], 0, 0
    while k < len(words):
        w = words[k]
        if k not in targets:
            k += 1
            continue
        op = rng.choice(("change", "change", "drop", "swap"))
        pieces.append(passage[pos:w.start()])
        if op == "swap" and k + 1 < len(words):
            nxt = words[k + 1]
            pieces.append(nxt.group() + passage[w.end():nxt.start()] + w.group())
            pos, k = nxt.end(), k + 2
            continue
        if op == "drop" and 0 < k < len(words) - 1:
            pos = w.end()
            while pos < len(passage) and passage[pos] == " ":
                pos += 1
        else:
            word = rng.choice(vocabulary)
            pieces.append(word.capitalize() if w.group()[0].isupper() else word)
            pos = w.end()
        k += 1
    pieces.append(passage[pos:])
    return "".join(pieces)


def _insert_all(text: str, slots: Sequence[int], passages: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each passage inserted before the character offset of its slot (ascending):
    as its own paragraph at a paragraph start, else as sentences of the paragraph."""
    pieces, spans, pos, shift = [], [], 0, 0
    for slot, passage in zip(slots, passages):
        pieces.append(text[pos:slot])
        start = slot + shift
        sep = "\n\n" if slot == 0 or text[slot - 1] == "\n" else " "
        if slot >= len(text):
            sep = ""
            if text and not text.endswith("\n"):
                pieces.append(" ")
                start += 1
                shift += 1
        pieces.append(passage + sep)
        spans.append((start, start + len(passage)))
        shift += len(passage) + len(sep)
        pos = slot
    pieces.append(text[pos:])
    return "".join(pieces), spans


def build_hard_benchmark(corpus: Corpus | Sequence[Document], n_cases: int = 150, *, seed: int = 13,
                         edit: str = "verbatim", edit_rate: float = 0.12, distractors: float = 0.5,
                         same_topic: float = 0.5, max_shared_run: int = 5
                         ) -> tuple[Corpus, list[Annotation]]:
    """A harder benchmark, closer to a held-out one built from related articles.

    Differences from :func:`build_benchmark`: articles of one suspicious
    document and its sources come from the same topic folder, so they share
    natural common phrases (runs of more than ``max_shared_run`` words are excluded; each source is
    of the suspicious article's topic with probability ``same_topic``); a suspicious
    article takes 1-3 passages from different sources, inserted at sentence
    starts mid-paragraph as often as at paragraph starts; unrelated same-topic
    articles (``other-NNN``) sit in the folder too (``distractors`` per
    suspicious article); edited passages change, drop or swap about
    ``edit_rate`` of their words (one in eight; the easy benchmark edits about
    one in twelve, never the first or last word), first and last included.
    The naive word 5-gram run merger is meant to score here about what it is
    given for the held-out benchmark; ``benchmarks/pan_benchmark.py`` records
    its scores beside the reuse layer's.
    """
    if edit not in EDIT_MODES:
        raise ValueError(f"edit must be one of {EDIT_MODES}, got {edit!r}")
    rng = random.Random(seed)
    topics = _unlinked_documents(list(corpus), rng, max_shared_run + 1, min_sentences=7)
    names = sorted(topics)
    out: list[Document] = []
    cases: list[Annotation] = []
    k_src = k_susp = k_other = 0
    while len(cases) < n_cases:
        names = [t for t in names if len(topics[t]) >= 4]
        if not names:
            break
        pool = topics[rng.choice(names)]
        target = pool.pop()
        sources = []
        for _ in range(min(rng.choice((1, 1, 2, 2, 3)), n_cases - len(cases))):
            other = pool if rng.random() < same_topic else topics[rng.choice(names)]
            if len(other) > 1:
                sources.append(other.pop())
        if not sources:
            continue
        body = sentence_spans(target.text, _body_start(target.text))
        slots = sorted(rng.sample([s for s, _ in body[1:]] + [len(target.text)], len(sources)))
        passages, src_spans, src_ids = [], [], []
        for src in sources:
            sents = sentence_spans(src.text, _body_start(src.text))
            length = min(rng.randint(2, 5), len(sents) - 1)
            first = rng.randrange(0, len(sents) - length + 1)
            s0, s1 = sents[first][0], sents[first + length - 1][1]
            passage = src.text[s0:s1]
            if edit == "light":
                vocabulary = sorted({w.group().lower() for w in _WORD.finditer(target.text)
                                     if len(w.group()) > 2})
                passage = _edit_dense(passage, rng, vocabulary, edit_rate)
            src_id = f"src-{k_src:03d}"
            k_src += 1
            out.append(Document(src_id, src.text, src.source, {"origin": src.id}))
            passages.append(passage)
            src_spans.append((s0, s1))
            src_ids.append(src_id)
        new_text, spans = _insert_all(target.text, slots, passages)
        susp_id = f"susp-{k_susp:03d}"
        k_susp += 1
        out.append(Document(susp_id, new_text, target.source, {"origin": target.id}))
        for src_id, (a0, a1), src_span in zip(src_ids, spans, src_spans):
            cases.append(Annotation(susp_id, src_id, a0, a1, *src_span))
        if pool and rng.random() < distractors:
            other = pool.pop()
            out.append(Document(f"other-{k_other:03d}", other.text, other.source, {"origin": other.id}))
            k_other += 1
    return Corpus(sorted(out, key=lambda d: d.id)), cases


#: benchmark builders by name (``--benchmark`` of benchmarks/pan_benchmark.py)
BENCHMARKS = {"easy": build_benchmark, "hard": build_hard_benchmark}


# --------------------------------------------------------------------------
# detections


def _oriented(a: str, b: str, a_span: tuple[int, int], b_span: tuple[int, int]) -> Annotation:
    """A detection with the ``susp-`` document first when the ids say which is which."""
    if a.startswith("src-") and b.startswith("susp-"):
        return Annotation(b, a, b_span[0], b_span[1], a_span[0], a_span[1])
    return Annotation(a, b, a_span[0], a_span[1], b_span[0], b_span[1])


def reuse_detections(records: Iterable[dict]) -> list[Annotation]:
    """Detections from ``passage`` records (CLI output or :func:`reuse_records`)."""
    return [_oriented(r["a"], r["b"], (r["a_start"], r["a_end"]), (r["b_start"], r["b_end"]))
            for r in records if r.get("kind") == "passage"]


def naive_detections(corpus, n: int = 5) -> list[Annotation]:
    """Baseline: every maximal run of shared word ``n``-grams is one detection (no merging)."""
    index = build_index(corpus, ReuseParams(shingle_size=n, mode="exact"))
    out = []
    for (a, b) in sorted(candidate_pairs(index)):
        ta, tb = index.tokens[a], index.tokens[b]
        for f in seed_fragments(index.shingles[a], index.shingles[b], n):
            out.append(_oriented(index.ids[a], index.ids[b],
                                 (int(ta.starts[f.a0]), int(ta.ends[f.a1 - 1])),
                                 (int(tb.starts[f.b0]), int(tb.ends[f.b1 - 1]))))
    return out


def naive_merged_detections(corpus, n: int = 5, max_gap: int = 5) -> list[Annotation]:
    """Baseline: maximal runs of shared word ``n``-grams, a run merged into the previous one of its
    pair when it follows it within ``max_gap`` tokens in both documents (a plain run merger)."""
    index = build_index(corpus, ReuseParams(shingle_size=n, mode="exact"))
    out = []
    for (a, b) in sorted(candidate_pairs(index)):
        ta, tb = index.tokens[a], index.tokens[b]
        merged: list[list[int]] = []
        for f in seed_fragments(index.shingles[a], index.shingles[b], n):
            last = merged[-1] if merged else None
            if last and f.a0 > last[0] and f.b0 > last[2] and f.a0 - last[1] <= max_gap \
                    and f.b0 - last[3] <= max_gap:
                last[1], last[3] = max(last[1], f.a1), max(last[3], f.b1)
            else:
                merged.append([f.a0, f.a1, f.b0, f.b1])
        for a0, a1, b0, b1 in merged:
            out.append(_oriented(index.ids[a], index.ids[b], (int(ta.starts[a0]), int(ta.ends[a1 - 1])),
                                 (int(tb.starts[b0]), int(tb.ends[b1 - 1]))))
    return out


def reference_containment(corpus, n: int = 5, max_df: int | None = None) -> dict:
    """Ground truth for pair tests: word n-gram containment (max of both directions) per pair.

    Deliberately independent of :mod:`analysis.overlap.reuse` (plain Python
    sets and an inverted index, its own normalisation), so the two can check
    each other. ``max_df`` skips n-grams found in more documents (speed only).
    """
    sets = []
    for doc in corpus:
        text = doc.text.replace("\u2019", "'").replace("\u2018", "'").lower()
        words = re.findall(r"[^\W_]+", re.sub(r"(?<=\w)'(?=\w)", "", text))
        sets.append({tuple(words[i:i + n]) for i in range(len(words) - n + 1)})
    postings = defaultdict(list)
    for d, grams in enumerate(sets):
        for g in grams:
            postings[g].append(d)
    shared = Counter()
    for docs in postings.values():
        if 1 < len(docs) and (max_df is None or len(docs) <= max_df):
            for i, a in enumerate(docs):
                for b in docs[i + 1:]:
                    shared[(a, b)] += 1
    ids = corpus.ids
    return {(ids[a], ids[b]): max(k / len(sets[a]), k / len(sets[b])) for (a, b), k in shared.items()}
