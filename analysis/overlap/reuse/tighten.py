"""Passage edges moved onto sentence edges, in both documents at once.

:func:`tighten` cuts a word or two that spill over a sentence edge, grows
edges a few (or a few edited) words short of a sentence edge onto it and
takes in the punctuation there, so offsets fall on word and sentence edges.
:class:`DocView` is what this needs of one document: its text, tokens and
sentence starts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .align import Fragment
from .params import ReuseParams
from .shingles import ShingleIndex, Tokens, shingle_hashes

__all__ = ["sentence_starts", "DocView", "doc_view", "tighten_tokens", "tighten", "char_spans"]


# sentence edges: a token starts a sentence when the gap before it holds a terminator followed by
# whitespace (so not "1.1%" or "U.S-led") or a newline
_SENT_GAP = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s|\n")


def sentence_starts(text: str, tok: Tokens) -> np.ndarray:
    """Token indices that begin a sentence (index 0 and ``len(tok)`` included).

    A token begins a sentence when the characters between it and the
    previous token hold ``.``, ``!``, ``?`` or ``…`` (closing quotes or
    brackets may follow) before whitespace, or a newline.
    """
    marks = np.array([m.start() for m in _SENT_GAP.finditer(text)], dtype=np.int64)
    if len(tok) == 0:
        return np.array([0], dtype=np.int64)
    before_start = np.searchsorted(marks, tok.starts[1:], "left")
    before_prev_end = np.searchsorted(marks, tok.ends[:-1], "left")
    inner = np.flatnonzero(before_start > before_prev_end) + 1
    return np.r_[0, inner, len(tok)].astype(np.int64)


@dataclass(frozen=True)
class DocView:
    """What edge tightening needs of one document: text, tokens, sentence-start token indices."""

    text: str
    tokens: Tokens
    bounds: np.ndarray
    _grams: dict = field(default_factory=dict, compare=False, repr=False)

    def grams(self, k: int) -> np.ndarray:
        """Hashes of every run of ``k`` tokens (alignment seeds), computed once per ``k``."""
        if k not in self._grams:
            self._grams[k] = shingle_hashes(self.tokens.hashes, k)
        return self._grams[k]

    def sentence_before(self, k: int) -> int:
        """Start (token index) of the sentence holding token ``k`` (``k`` itself at a start)."""
        return int(self.bounds[int(np.searchsorted(self.bounds, k, "right")) - 1])

    def sentence_after(self, k: int) -> int:
        """End (token index) of the sentence holding token ``k - 1`` (``k`` itself at an end)."""
        return int(self.bounds[min(int(np.searchsorted(self.bounds, k, "left")), len(self.bounds) - 1)])

    def is_bound(self, k: int) -> bool:
        i = int(np.searchsorted(self.bounds, k, "left"))
        return i < len(self.bounds) and int(self.bounds[i]) == k


def doc_view(index: ShingleIndex, d: int) -> DocView:
    """The :class:`DocView` of document ``d`` of an index."""
    return DocView(index.texts[d], index.tokens[d], sentence_starts(index.texts[d], index.tokens[d]))


def _common(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int) -> int:
    """Words two token ranges share (multiset overlap)."""
    common = Counter(x.tokens.hashes[x0:x1].tolist()) & Counter(y.tokens.hashes[y0:y1].tolist())
    return sum(common.values())


def _similar(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int, share: float) -> bool:
    """Whether two token ranges hold mostly the same words (multiset overlap / longer length)."""
    longer = max(x1 - x0, y1 - y0)
    return longer == 0 or _common(x, x0, x1, y, y0, y1) / longer >= share


def _snaps(x: DocView, x0: int, x1: int, y: DocView, y0: int, y1: int, p: ReuseParams) -> bool:
    """Whether the words ``[x0, x1)`` and ``[y0, y1)`` between a passage edge and the sentence
    edge belong to the passage too.

    Yes when they are mostly shared (``edge_similarity``, up to ``edge_tokens``),
    or few (``snap_tokens``, lengths differing by at most one) and, beyond
    one or two changed words, sharing a word: a sentence whose first words
    differ entirely is a different sentence holding the same phrase.
    """
    dx, dy = x1 - x0, y1 - y0
    longer = max(dx, dy)
    if longer <= p.snap_tokens and abs(dx - dy) <= 1 and \
            (longer <= 2 or _common(x, x0, x1, y, y0, y1) > 0):
        return True
    return longer <= p.edge_tokens and _similar(x, x0, x1, y, y0, y1, p.edge_similarity)


def _grow_start(a: DocView, a0: int, b: DocView, b0: int, p: ReuseParams) -> tuple[int, int]:
    """Move a passage start back to its sentence start, then over similar whole sentences."""
    sa, sb = a.sentence_before(a0), b.sentence_before(b0)
    if _snaps(a, sa, a0, b, sb, b0, p):
        a0, b0 = sa, sb
    for _ in range(p.edge_sentences):
        if not (a.is_bound(a0) and b.is_bound(b0)) or a0 == 0 or b0 == 0:
            break
        pa, pb = a.sentence_before(a0 - 1), b.sentence_before(b0 - 1)
        if max(a0 - pa, b0 - pb) > p.edge_sentence_tokens or \
                not _similar(a, pa, a0, b, pb, b0, p.edge_similarity):
            break
        a0, b0 = pa, pb
    return a0, b0


def _grow_end(a: DocView, a1: int, b: DocView, b1: int, p: ReuseParams) -> tuple[int, int]:
    """Move a passage end on to its sentence end, then over similar whole sentences."""
    ea, eb = a.sentence_after(a1), b.sentence_after(b1)
    if _snaps(a, a1, ea, b, b1, eb, p):
        a1, b1 = ea, eb
    for _ in range(p.edge_sentences):
        if not (a.is_bound(a1) and b.is_bound(b1)) or a1 >= len(a.tokens) or b1 >= len(b.tokens):
            break
        na, nb = a.sentence_after(a1 + 1), b.sentence_after(b1 + 1)
        if max(na - a1, nb - b1) > p.edge_sentence_tokens or \
                not _similar(a, a1, na, b, b1, nb, p.edge_similarity):
            break
        a1, b1 = na, nb
    return a1, b1


def _trim(a0: int, a1: int, a: DocView, b0: int, b1: int, b: DocView, most: int
          ) -> tuple[int, int, int, int]:
    """Cut the last words of a previous sentence or first words of a next one off a passage.

    An exact match often runs on by a common word or two across a sentence
    edge (``... in 12 months. The``). When it does so by at most ``most``
    tokens in either text, the same number of tokens is cut in both: a
    passage starts and ends with an exact run, so its edge tokens pair up.
    """
    def spill_start(v: DocView, x0: int, x1: int) -> int:
        nxt = v.sentence_after(x0 + 1)
        return nxt - x0 if not v.is_bound(x0) and 0 < nxt - x0 <= most and nxt < x1 else 0

    def spill_end(v: DocView, x0: int, x1: int) -> int:
        prev = v.sentence_before(x1 - 1)
        return x1 - prev if not v.is_bound(x1) and 0 < x1 - prev <= most and prev > x0 else 0

    cut = max(spill_start(a, a0, a1), spill_start(b, b0, b1))
    a0, b0 = a0 + cut, b0 + cut
    cut = max(spill_end(a, a0, a1), spill_end(b, b0, b1))
    return a0, a1 - cut, b0, b1 - cut


def tighten_tokens(frag: Fragment, a: DocView, b: DocView, params: ReuseParams
                   ) -> tuple[int, int, int, int]:
    """Token ranges ``a0, a1, b0, b1`` of a passage, edges cut or grown to sentence boundaries.

    A changed word near the start or end of a reused sentence breaks every
    shingle it is in, so the exact match stops short of the sentence edge.
    An edge moves onto its sentence boundary when that is at most
    ``snap_tokens`` away in both texts (see :func:`_snaps`), or at most
    ``edge_tokens`` away with the skipped words mostly shared
    (``edge_similarity``); then up to ``edge_sentences`` whole neighbouring
    sentences that are mostly the same words join too.
    """
    a0, a1, b0, b1 = _trim(frag.a0, frag.a1, a, frag.b0, frag.b1, b, params.trim_tokens)
    a0, b0 = _grow_start(a, a0, b, b0, params)
    a1, b1 = _grow_end(a, a1, b, b1, params)
    return a0, a1, b0, b1


def tighten(frag: Fragment, a: DocView, b: DocView, params: ReuseParams) -> tuple[int, int, int, int]:
    """Character spans of a passage: :func:`tighten_tokens`, and at a sentence edge in both
    texts the passage takes in its opening quote and closing punctuation, each text its own."""
    return char_spans(*tighten_tokens(frag, a, b, params), a, b)


def char_spans(a0: int, a1: int, b0: int, b1: int, a: DocView, b: DocView) -> tuple[int, int, int, int]:
    """Character spans of token ranges in both texts; where both ranges start (end) on a sentence
    edge, each span takes in what sticks to its first (last) word."""
    sa, ea = int(a.tokens.starts[a0]), int(a.tokens.ends[a1 - 1])
    sb, eb = int(b.tokens.starts[b0]), int(b.tokens.ends[b1 - 1])
    if a.is_bound(a0) and b.is_bound(b0):
        sa, sb = _extend_left(a.text, sa), _extend_left(b.text, sb)
    if a.is_bound(a1) and b.is_bound(b1):
        ea, eb = _extend_right(a.text, ea), _extend_right(b.text, eb)
    return sa, ea, sb, eb


def _extend_left(text: str, start: int) -> int:
    """Take in what sticks to a sentence's first word: opening quotes, brackets, currency signs."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _extend_right(text: str, end: int) -> int:
    """Take in what sticks to a sentence's last word: %, full stop, closing quotes, brackets."""
    while end < len(text) and not text[end].isspace():
        end += 1
    return end
