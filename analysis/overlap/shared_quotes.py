"""Shared quotes: the same words quoted in several articles, with each article's speaker.

Reuse detection counts a quote copied between outlets as copied prose; here
quotes are matched on their own, after attribution has separated them from
the narrative. The units matched are the content spans of every attribution,
direct *and* indirect/mixed, because one outlet's quote is often another's
reported speech ("The U.S. military says it may have unintentionally struck
Syrian troops"). Matching is fuzzy: texts are normalised (case, punctuation,
whitespace) and compared with rapidfuzz ``partial_ratio``, so a truncated,
trimmed or re-punctuated quote still matches the longer one. Candidates come
from shared word trigrams (words cut to five letters, so inflection does not
hide a match); quotes of fewer than ``MIN_PARTIAL_WORDS`` words only match
other short quotes as a whole. Matches are joined into clusters; a cluster whose
members name different canonical speakers is a **conflict**.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .components import component_roots

__all__ = [
    "QuoteUnit",
    "QuoteMatch",
    "QuoteCluster",
    "normalise",
    "match_quotes",
    "units_from_attributions",
    "shared_quotes",
    "quote_records",
    "quotes_table",
    "MIN_SCORE",
    "MIN_PARTIAL_WORDS",
    "STRICT_BELOW_WORDS",
    "STRICT_SCORE",
]

#: rapidfuzz score (0-100) at or above which two quote texts match
MIN_SCORE = 85.0
#: quotes shorter than this (in words) must match another short quote as a whole
MIN_PARTIAL_WORDS = 4
#: quotes shorter than this (in words) need ``STRICT_SCORE`` to match inside a longer one
STRICT_BELOW_WORDS = 8
STRICT_SCORE = 95.0
#: letters kept per word for candidate keys ("regrets" and "regret" share "regre")
_STEM = 5


@dataclass(frozen=True)
class QuoteUnit:
    """One quoted or reported content span of one article, with its attribution."""

    doc: str
    start: int
    end: int
    text: str
    speaker: str = ""
    speaker_type: str = ""
    kind: str = ""


@dataclass(frozen=True)
class QuoteMatch:
    """Where the shorter text ``a`` lies inside ``b``: score and character range in ``b``."""

    score: float
    b_start: int
    b_end: int


@dataclass
class QuoteCluster:
    """Occurrences of one shared quote across articles (one per article)."""

    cluster: int
    quote: str
    members: list[tuple[QuoteUnit, QuoteMatch]] = field(default_factory=list)

    @property
    def docs(self) -> list[str]:
        return [u.doc for u, _ in self.members]

    @property
    def speakers(self) -> list[str]:
        """Distinct named speakers, in member order (case-insensitive)."""
        seen: dict[str, str] = {}
        for unit, _ in self.members:
            name = " ".join(unit.speaker.split())
            if name:
                seen.setdefault(name.casefold(), name)
        return list(seen.values())

    @property
    def conflict(self) -> bool:
        return len(self.speakers) > 1


def _normalise_map(text: str) -> tuple[str, list[int]]:
    """Lowercased words joined by single spaces, with each character's offset in ``text``."""
    chars, index, pending_space = [], [], False
    for i, ch in enumerate(text):
        if ch.isalnum():
            if pending_space and chars:
                chars.append(" ")
                index.append(i)
            chars.append(ch.lower())
            index.append(i)
            pending_space = False
        elif ch not in "'’":  # "Assad's" and "Assad’s" normalise alike
            pending_space = True
    return "".join(chars), index


def normalise(text: str) -> str:
    """Case, punctuation and whitespace removed: what quote matching compares."""
    return _normalise_map(text)[0]


def match_quotes(a: str, b: str, min_score: float = MIN_SCORE) -> QuoteMatch | None:
    """Does quote ``a`` occur in ``b`` (fuzzily)? Offsets returned index ``b`` as given.

    ``a`` is aligned inside ``b`` when it has at least ``MIN_PARTIAL_WORDS``
    words, two of them content words, and is the shorter (below
    ``STRICT_BELOW_WORDS`` words it needs ``STRICT_SCORE``: one changed word in
    five is another phrase); otherwise the two are compared as a whole, and a
    short quote must hold a content word (not "A" or "is not the").
    """
    return _match(_normalise_map(a)[0], *_normalise_map(b), min_score)


def _match(na: str, nb: str, map_b: list[int], min_score: float) -> QuoteMatch | None:
    """:func:`match_quotes` on normalised texts (``map_b``: offsets of ``nb`` in ``b``)."""
    from rapidfuzz import fuzz

    if not na or not nb:
        return None
    words = na.count(" ") + 1
    if words >= MIN_PARTIAL_WORDS and len(na) <= len(nb):
        if _content_words(na) < 2:  # "that is not the case" is everyone's phrase
            return None
        cutoff = min_score if words >= STRICT_BELOW_WORDS else max(min_score, STRICT_SCORE)
        hit = fuzz.partial_ratio_alignment(na, nb, score_cutoff=cutoff)
        if hit is None:
            return None
        start, end = _word_bounds(nb, hit.dest_start, hit.dest_end)
        return QuoteMatch(round(hit.score, 1), map_b[start], map_b[end - 1] + 1)
    if nb.count(" ") + 1 >= MIN_PARTIAL_WORDS or _content_words(na) < 1:
        return None  # a short quote does not match inside a long one: too many false hits
    score = fuzz.ratio(na, nb)
    if score < min_score or not _same_words(na, nb):
        return None
    return QuoteMatch(round(score, 1), map_b[0], map_b[-1] + 1)


def _same_words(na: str, nb: str) -> bool:
    """Short quotes: the same non-stop words in order, inflection allowed ("tax"/"taxes").

    Character similarity alone would pair "very clear" with "very clever".
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    wa = [w for w in na.split(" ") if w not in ENGLISH_STOP_WORDS]
    wb = [w for w in nb.split(" ") if w not in ENGLISH_STOP_WORDS]
    return len(wa) == len(wb) and all(
        x == y or (min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)))
        for x, y in zip(wa, wb))


def _content_words(norm: str) -> int:
    """Words of four letters or more that are not stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sum(1 for w in norm.split(" ") if len(w) >= 4 and w not in ENGLISH_STOP_WORDS)


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words of the normalised text."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


def _keys(norm: str) -> set[tuple]:
    """Candidate keys: word trigrams of long quotes; the whole text and words of short ones."""
    words = [w[:_STEM] for w in norm.split()]
    if len(words) < MIN_PARTIAL_WORDS:
        return {("short", *words)} | {("short-word", w) for w in words if len(w) >= 4}
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _candidates(units: list[QuoteUnit], norms: list[str]) -> list[tuple[int, int]]:
    """Pairs of units from different articles that share a key (word trigram or short form)."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, norm in enumerate(norms):
        for key in _keys(norm):
            index[key].append(i)
    pairs = set()
    for members in index.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if units[i].doc != units[j].doc:
                    pairs.add((i, j))
    return sorted(pairs)


def shared_quotes(units: Iterable[QuoteUnit], min_score: float = MIN_SCORE,
                  doc_order: Mapping[str, int] | None = None) -> list[QuoteCluster]:
    """Clusters of quotes found in at least two articles, ordered by first occurrence.

    Matches are joined transitively (union-find). The cluster's ``quote`` is
    the longest run of words every article shares (the shortest member when
    that run is under ``MIN_PARTIAL_WORDS`` words); each article appears once,
    with its unit that holds the quote best and the quote's character range
    in that article's text.
    """
    units = sorted(units, key=lambda u: ((doc_order or {}).get(u.doc, 0), u.doc, u.start, u.end))
    normalised = [_normalise_map(u.text) for u in units]
    norms = [n for n, _ in normalised]

    def matching(i: int, j: int) -> bool:
        short, long = (i, j) if len(norms[i]) <= len(norms[j]) else (j, i)
        return _match(norms[short], *normalised[long], min_score)

    roots = component_roots(len(units), ((i, j) for i, j in _candidates(units, norms) if matching(i, j)))
    groups: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        groups[root].append(i)
    clusters = []
    for root in sorted(groups):
        members = [units[i] for i in groups[root]]
        if len({u.doc for u in members}) < 2:
            continue
        clusters.append(_cluster(len(clusters) + 1, members))
    return clusters


def _shared_words(core: QuoteUnit, others: list[QuoteUnit]) -> tuple[int, int] | None:
    """Longest run of the core's words found as one contiguous run in every other member.

    Returns a character range into ``core.text``; None when no word is shared
    by all (a cluster joined through a chain of partial matches).
    """
    from difflib import SequenceMatcher

    norm, index = _normalise_map(core.text)
    bounds, pos = [], 0
    for word in norm.split(" "):
        bounds.append((index[pos], index[pos + len(word) - 1] + 1))
        pos += len(word) + 1
    words = norm.split(" ")
    blocks = []  # per other member: which matching block each core word falls in (-1: none)
    for other in others:
        matcher = SequenceMatcher(None, words, normalise(other.text).split(" "), autojunk=False)
        block_of = [-1] * len(words)
        for b, block in enumerate(matcher.get_matching_blocks()):
            for k in range(block.a, block.a + block.size):
                block_of[k] = b
        blocks.append(block_of)
    best, run_start = (0, 0, 0), None
    for k in range(len(words) + 1):
        ok = k < len(words) and all(b[k] >= 0 for b in blocks)
        joined = ok and run_start is not None and all(b[k] == b[k - 1] for b in blocks)
        if run_start is not None and not joined:
            best = max(best, (k - run_start, -run_start, k))
            run_start = None
        if ok and run_start is None:
            run_start = k
    size, neg_start, end = best
    if size == 0:
        return None
    return bounds[-neg_start][0], bounds[end - 1][1]


def _cluster(number: int, members: list[QuoteUnit]) -> QuoteCluster:
    """The shared words (a run common to all articles, else the shortest quote) and, per
    article, its unit that holds them best, with where they are in that article."""
    from rapidfuzz import fuzz

    core = min(members, key=lambda u: (len(normalise(u.text)), u.doc, u.start))
    by_doc: dict[str, list[QuoteUnit]] = defaultdict(list)
    for unit in members:
        by_doc[unit.doc].append(unit)
    others = [units[0] for doc, units in by_doc.items() if doc != core.doc]
    shared = _shared_words(core, others)
    quote = core.text.strip()
    if shared and len(normalise(core.text[shared[0]:shared[1]]).split()) >= MIN_PARTIAL_WORDS:
        quote = core.text[shared[0]:shared[1]]
    cluster = QuoteCluster(number, quote)
    for doc, units in by_doc.items():
        best = None
        for unit in units:
            hit = match_quotes(quote, unit.text, 0)
            if hit is None:  # a short quote inside a longer one: the whole unit, scored partially
                score = fuzz.partial_ratio(normalise(quote), normalise(unit.text))
                hit = QuoteMatch(round(score, 1), 0, len(unit.text))
            if best is None or hit.score > best[1].score:
                best = (unit, hit)
        unit, hit = best
        cluster.members.append((unit, QuoteMatch(hit.score, unit.start + hit.b_start,
                                                 unit.start + hit.b_end)))
    return cluster


def units_from_attributions(attributions: Mapping[str, list], texts: Mapping[str, str],
                            min_words: int = 1) -> list[QuoteUnit]:
    """One unit per content span of every attribution (direct, indirect and mixed alike).

    Quoted words inside an indirect or mixed content ("said it "regrets" the
    death") are added as units of their own, kind ``"<kind> quoted"``, so they
    meet the same words quoted directly elsewhere. Reported (unquoted) contents
    shorter than ``MIN_PARTIAL_WORDS`` words are left out.
    """
    from ..quotes import quote_spans

    units = []
    for doc_id, atts in attributions.items():
        text = texts[doc_id]
        marks = None
        for att in atts:
            kind = _text(getattr(att, "kind", ""))
            for span in getattr(att, "contents", ()) or ():
                pieces = [(span.start, span.end, kind)]
                if kind != "direct":
                    marks = marks if marks is not None else quote_spans(text)
                    pieces += [(q.start, q.end, f"{kind} quoted") for q in marks
                               if span.start <= q.start and q.end <= span.end
                               and (q.start, q.end) != (span.start, span.end)]
                for start, end, piece_kind in pieces:
                    content = text[start:end]
                    words = len(normalise(content).split())
                    if words < min_words or (words < MIN_PARTIAL_WORDS and piece_kind == kind
                                             and kind != "direct"):
                        continue  # "it bankrupt": too short to be anyone's words
                    units.append(QuoteUnit(doc_id, start, end, content,
                                           _text(getattr(att, "speaker", "")),
                                           _text(getattr(att, "speaker_type", "")), piece_kind))
    return units


def _text(value) -> str:
    return "" if value is None else str(value)


def quote_records(clusters: Iterable[QuoteCluster]) -> list[dict]:
    """One record per (cluster, article): the shared words, that article's span and speaker."""
    rows = []
    for cluster in clusters:
        speakers = cluster.speakers
        for unit, hit in cluster.members:
            rows.append({
                "kind": "quote",
                "cluster": cluster.cluster,
                "quote": cluster.quote,
                "doc": unit.doc,
                "start": hit.b_start,
                "end": hit.b_end,
                "text": unit.text.strip(),
                "attribution": unit.kind,
                "speaker": unit.speaker,
                "speaker_type": unit.speaker_type,
                "score": hit.score,
                "n_docs": len(cluster.members),
                "speakers": speakers,
                "conflict": cluster.conflict,
            })
    return rows


def quotes_table(clusters: Iterable[QuoteCluster]):
    """Shared quotes as a DataFrame (speakers joined with " | ")."""
    import pandas as pd

    columns = ["cluster", "quote", "doc", "start", "end", "text", "attribution", "speaker",
               "speaker_type", "score", "n_docs", "speakers", "conflict"]
    frame = pd.DataFrame(quote_records(clusters), columns=["kind", *columns])[columns]
    frame["speakers"] = frame["speakers"].map(" | ".join)
    return frame
