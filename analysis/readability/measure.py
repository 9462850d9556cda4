"""Measuring a text: per-sentence counts, scores with bootstrap intervals, and the units reported.

Every sentence becomes one row of counts, split into words outside and inside
quoted speech, so an article, its paragraphs and its variants (speech
removed, the reporter's prose only, the quotes only) are all sums of rows,
and a 95% interval comes from resampling those rows.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np

from ..quotes import quote_spans
from ..text import Span, merge_spans, paragraph_spans
from .familiar import easy_words, is_familiar_normalised
from .formulas import FORMULAS, SCORES, Counts, dale_chall_1948, dale_chall_grade, scores_from_counts
from .segment import WORD, Excluded, prose_sentences
from .syllables import cmudict_syllables, normalise_word, normalised_syllables, syllable_model

__all__ = ["MIN_WORDS", "SMOG_MIN_SENTENCES", "BOOTSTRAP_RESAMPLES", "BOOTSTRAP_SEED", "CONFIDENCE",
           "DECIMALS", "VARIANTS", "ReadabilityResult", "Measured", "type_features", "measure_text",
           "bootstrap_ci", "analyze_text", "analyze_paragraphs", "analyze_variants", "clear_caches"]

#: below this many words every score is flagged as unstable
MIN_WORDS = 100
#: SMOG was normed on 30-sentence samples (McLaughlin 1969)
SMOG_MIN_SENTENCES = 30
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 0
CONFIDENCE = 0.95
#: decimals kept in records and tables (deterministic output)
DECIMALS = 2
#: text variants for comparing the reporter's prose with quoted speech
VARIANTS = ("article", "quotes_removed", "prose_only", "quotes_only")

#: per-word count columns, in this order, for every sentence row
_ROW_FIELDS = ("words", "syllables", "polysyllables", "complex_words", "characters", "letters",
               "long_words", "unfamiliar_words")
_SUFFIX_SYLLABLE = re.compile(r"(?:[td]ed|(?:s|z|x|ch|sh|ge|ce|se|ze)es)$")


@lru_cache(maxsize=200_000)
def type_features(token: str) -> tuple:
    """Counts of one word type, whatever its sentence.

    (syllables, characters, letters, long, polysyllable, complex if not a name,
    familiar if not a name, capitalised, a name even at a sentence start:
    capitalised and not a dictionary word).
    """
    norm = normalise_word(token)
    lower = norm.lower()
    syl = normalised_syllables(norm)
    chars = sum(ch.isalnum() for ch in norm)
    letters = sum(ch.isalpha() for ch in norm)
    poly = syl >= 3
    complex_common = poly and "-" not in lower and "–" not in lower
    if complex_common and syl == 3 and _SUFFIX_SYLLABLE.search(lower):
        complex_common = False  # Gunning: three syllables only through -ed/-es
    familiar = is_familiar_normalised(lower)
    cap = token[:1].isupper()
    unknown_name = cap and lower not in cmudict_syllables() and not familiar
    return (syl, chars, letters, letters > 6, poly, complex_common, familiar, cap, unknown_name)


@dataclass(frozen=True)
class Measured:
    """A text's counted sentences, their count rows and the spans left out."""

    sentences: tuple[Span, ...]
    rows: np.ndarray          # (sentences, 2, 8): [outside quotes, inside quotes] x _ROW_FIELDS
    excluded: tuple[Excluded, ...]


def _speech_bounds(text: str, speech=None) -> tuple[list[int], list[int]]:
    """Disjoint starts and ends of reported speech, merged so one bisect finds any overlap.

    ``speech`` is a list of ``(start, end)`` spans (the attribution layer's
    content spans: direct, indirect, mixed, according-to); without it, quoted
    speech from :mod:`analysis.quotes` (scare quotes left out) stands in.
    """
    if speech is None:
        speech = [(q.start, q.end) for q in quote_spans(text) if not q.is_scare]
    merged = merge_spans(speech)
    return [s for s, _ in merged], [e for _, e in merged]


@lru_cache(maxsize=32)
def measure_text(text: str, speech=None) -> Measured:
    """Count rows of every prose sentence of ``text`` (``speech``: sorted ``(start, end)`` tuples, or None)."""
    sentences, excluded = prose_sentences(text)
    tokens = [[(m.start(), m.group()) for m in WORD.finditer(text, s.start, s.end)]
              for s in sentences]
    mid_caps = {tok for sent in tokens for _, tok in sent[1:] if tok[:1].isupper()}
    q_starts, q_ends = _speech_bounds(text, speech)
    kept, rows = [], []
    for span, sent in zip(sentences, tokens):
        if not sent:
            continue
        row = [[0] * 8, [0] * 8]
        quoted_here = bool(q_starts) and _overlaps(q_starts, q_ends, span)
        for i, (pos, tok) in enumerate(sent):
            syl, chars, letters, long_, poly, complex_common, familiar, cap, unknown = type_features(tok)
            name = cap and (i > 0 or unknown or tok in mid_caps)
            r = row[1] if quoted_here and _inside(q_starts, q_ends, pos) else row[0]
            r[0] += 1
            r[1] += syl
            r[2] += poly
            r[3] += complex_common and not name
            r[4] += chars
            r[5] += letters
            r[6] += long_
            r[7] += not (familiar or name)
        kept.append(span)
        rows.append(row)
    array = np.array(rows, dtype=np.int64).reshape(len(rows), 2, 8)
    return Measured(tuple(kept), array, tuple(sorted(excluded, key=lambda x: x.start)))


def _inside(starts: list[int], ends: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _overlaps(starts: list[int], ends: list[int], span: Span) -> bool:
    i = bisect_right(starts, span.end - 1) - 1
    return i >= 0 and ends[i] > span.start


def clear_caches(*, dictionaries: bool = False) -> None:
    """Forget every measured text and word; with ``dictionaries``, CMUdict, the estimator and the list too."""
    for cached in (measure_text, type_features, normalised_syllables, is_familiar_normalised):
        cached.cache_clear()
    if dictionaries:
        for cached in (cmudict_syllables, syllable_model, easy_words):
            cached.cache_clear()


# --------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class ReadabilityResult:
    """Scores of one unit of text with the counts behind them, a 95% CI each, and warnings.

    ``span`` is the unit's range in the original text; ``sentences`` the
    counted sentences (offsets into the original text); ``excluded`` the
    datelines, bylines and credit lines left out.
    """

    counts: Counts
    scores: dict[str, float]
    ci: dict[str, tuple[float, float]]
    warnings: tuple[str, ...]
    span: Span
    sentences: tuple[Span, ...] = ()
    excluded: tuple[Excluded, ...] = ()

    @property
    def dale_chall_grade(self) -> str:
        return dale_chall_grade(self.scores.get("dale_chall", float("nan")))

    @property
    def dale_chall_1948(self) -> float:
        c = self.counts
        return dale_chall_1948(c.words, c.unfamiliar_words, c.sentences) if c.words and c.sentences \
            else float("nan")

    def record(self) -> dict:
        """Flat, rounded fields: every count, every score, grade band, CIs, warnings."""
        rec: dict = asdict(self.counts)
        for name in SCORES:
            rec[name] = _round(self.scores[name])
        rec["dale_chall_grade"] = self.dale_chall_grade
        rec["dale_chall_1948"] = _round(self.dale_chall_1948)
        for name, (low, high) in self.ci.items():
            rec[f"{name}_ci_low"] = _round(low)
            rec[f"{name}_ci_high"] = _round(high)
        rec["warnings"] = list(self.warnings)
        return rec


def _round(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), DECIMALS)


def _counts(rows: np.ndarray) -> Counts:
    """Counts from sentence rows (sentences, 8)."""
    totals = rows.sum(axis=0) if len(rows) else np.zeros(8, dtype=np.int64)
    values = dict(zip(_ROW_FIELDS, (int(v) for v in totals)))
    return Counts(sentences=int(len(rows)), **values)


@dataclass
class _ArrayCounts:
    """Counts as numpy arrays (one value per bootstrap resample), for vectorised formulas."""

    words: np.ndarray
    sentences: float
    syllables: np.ndarray
    polysyllables: np.ndarray
    complex_words: np.ndarray
    characters: np.ndarray
    letters: np.ndarray
    long_words: np.ndarray
    unfamiliar_words: np.ndarray


def bootstrap_ci(rows: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES,
                 seed: int = BOOTSTRAP_SEED) -> dict[str, tuple[float, float]]:
    """95% percentile intervals of every score, resampling sentences with replacement.

    Fixed seed, so the same text always gets the same interval.
    """
    n = len(rows)
    if n == 0:
        return {name: (float("nan"), float("nan")) for name in FORMULAS}
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(resamples, n))
    offsets = (np.arange(resamples) * n)[:, None]
    weights = np.bincount((picks + offsets).ravel(), minlength=resamples * n).reshape(resamples, n)
    sums = (weights @ rows).astype(float)
    arrays = _ArrayCounts(sums[:, 0], float(n), *(sums[:, i] for i in range(1, 8)))
    tail = (1.0 - CONFIDENCE) / 2.0 * 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.vstack([np.broadcast_to(np.asarray(f.fn(arrays), dtype=float), (resamples,))
                            for f in FORMULAS.values()])
    low, high = np.percentile(values, [tail, 100.0 - tail], axis=1)
    return {name: (float(lo), float(hi)) for name, lo, hi in zip(FORMULAS, low, high)}


def _warnings(c: Counts) -> tuple[str, ...]:
    out = []
    if c.words == 0:
        return ("no words to measure",)
    if c.words < MIN_WORDS:
        out.append(f"short text: {c.words} words (under {MIN_WORDS}); every score is unstable")
    if c.sentences < SMOG_MIN_SENTENCES:
        out.append(f"SMOG needs {SMOG_MIN_SENTENCES} sentences; this text has {c.sentences}")
    return tuple(out)


def _result(rows: np.ndarray, span: Span, sentences, excluded=(), ci: bool = True) -> ReadabilityResult:
    counts = _counts(rows)
    intervals = bootstrap_ci(rows) if ci else {}
    return ReadabilityResult(counts, scores_from_counts(counts), intervals, _warnings(counts), span,
                             tuple(sentences), tuple(excluded))


# --------------------------------------------------------------------------
# units: the article, its paragraphs, its variants


def analyze_text(text: str, *, ci: bool = True) -> ReadabilityResult:
    """Every formula for one article, with counts, bootstrap CIs (``ci=True``) and warnings."""
    m = measure_text(text)
    rows = m.rows.sum(axis=1)
    return _result(rows, Span(0, len(text)), m.sentences, m.excluded, ci)


def analyze_paragraphs(text: str, *, ci: bool = False) -> list[tuple[int, ReadabilityResult]]:
    """``(paragraph number, result)`` for each paragraph with counted words, spans into ``text``.

    Sentences never cross paragraphs, so the paragraph results add up to the article's.
    """
    m = measure_text(text)
    rows = m.rows.sum(axis=1)
    starts = [s.start for s in m.sentences]
    out = []
    for number, para in enumerate(paragraph_spans(text)):
        lo, hi = bisect_right(starts, para.start - 1), bisect_right(starts, para.end - 1)
        if hi > lo:
            out.append((number, _result(rows[lo:hi], para, m.sentences[lo:hi], ci=ci)))
    return out


def analyze_variants(text: str, *, ci: bool = True, speech=None) -> dict[str, ReadabilityResult]:
    """The article whole, with quoted speech removed, the reporter's own sentences only, and the quotes.

    Quoted speech is what :func:`analysis.quotes.quote_spans` finds (scare
    quotes aside), or, when ``speech`` gives the attribution layer's content
    spans as ``(start, end)`` pairs, everything attributed to a source, so
    ``prose_only`` is the reporter's own voice (reported speech excluded too).
    ``quotes_removed`` keeps every sentence's words outside the quotation
    marks ("..., Diab said." still counts as a short sentence); ``prose_only``
    keeps only sentences with no quoted word at all; ``quotes_only`` keeps the
    words inside quotation marks.
    """
    m = measure_text(text, None if speech is None else tuple(sorted(map(tuple, speech))))
    outside, inside = m.rows[:, 0, :], m.rows[:, 1, :]
    has_out = outside[:, 0] > 0 if len(m.rows) else np.zeros(0, bool)
    has_in = inside[:, 0] > 0 if len(m.rows) else np.zeros(0, bool)
    whole = Span(0, len(text))

    def pick(rows, mask):
        return _result(rows[mask], whole, [s for s, keep in zip(m.sentences, mask) if keep], m.excluded, ci)

    return {
        "article": _result(m.rows.sum(axis=1), whole, m.sentences, m.excluded, ci),
        "quotes_removed": pick(outside, has_out),
        "prose_only": pick(m.rows.sum(axis=1), ~has_in),
        "quotes_only": pick(inside, has_in),
    }
