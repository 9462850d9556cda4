"""Words and sentences of news text, and the spans that are not prose (datelines, bylines, credits).

Readability runs on plain text, not on the spaCy parse: a regex tokenizer and
a news-aware sentence splitter (abbreviations such as "U.S." and "Gen.",
headlines without a full stop) are enough for every formula and much faster
than a tagger and parser. What counts as a dateline, byline, credit line or
licence notice is defined in :mod:`analysis.credits`, beside the credits the
attribution layer reports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..credits import boilerplate_sentence, licence_notice, opening_dateline
from ..text import Span, paragraph_spans, strip_span
from .constants import MONTH_ABBREVIATIONS, OTHER_ABBREVIATIONS, SENTENCE_OPENERS, TITLE_ABBREVIATIONS

__all__ = ["WORD", "tokenize", "split_sentences", "Excluded", "prose_sentences", "DATELINE_PARAGRAPHS"]

_L = r"[^\W\d_]"  # a letter, any script
#: one word: "300,000", "3.5%", "$1.13bn", "U.S.", "U.S.-backed", "week-long", "don't", "dogs'"
WORD = re.compile(
    rf"""
    [$£€¥]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:[-–/]\d+)*(?:%|{_L}+)?     # 300,000  3.5%  $1.13bn  2016-09-19  18th
  | (?:{_L}\.){{2,}}(?:-{_L}+)*                                   # U.S.  a.m.  U.S.-backed
  | {_L}[\w]*(?:['’]{_L}+)*(?:[-‑–](?:{_L}|\d)[\w]*(?:['’]{_L}+)*)*(?<=s)['’](?!\w)   # dogs' (plural possessive)
  | {_L}[\w]*(?:['’]{_L}+)*(?:[-‑–](?:{_L}|\d)[\w]*(?:['’]{_L}+)*)*                   # words, don't, week-long
    """,
    re.VERBOSE,
)
#: a dateline is looked for at the start of this many first paragraphs
DATELINE_PARAGRAPHS = 3


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans ``(start, end)`` in ``text[start:end]``; punctuation is not a word."""
    end = len(text) if end is None else end
    return [m.span() for m in WORD.finditer(text, start, end)]


_BOUNDARY_RE = re.compile(r"""[.!?…]+['"”’»)\]]*(?=\s+['"“‘«(\[]*[A-Z0-9])|\n+""")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)[.]?$")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
_NEXT_WORD_RE = re.compile(r"""\s*['"“‘«(\[]*([\w'’]+)""")


def _is_break(text: str, pos: int, end_punct: int) -> bool:
    """Whether the punctuation run ending at ``end_punct`` (starting at ``pos``) ends a sentence."""
    if text[pos] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, pos - 20), pos + 1)
    if not before:
        return True
    word = before.group(1).rstrip(".")
    key = word.lower()
    nxt = _NEXT_WORD_RE.match(text, end_punct)
    next_word = nxt.group(1) if nxt else ""
    if key in TITLE_ABBREVIATIONS and "." not in word:
        return False
    if key in MONTH_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    dotted = _DOTTED_RE.fullmatch(word) is not None  # U.S., a.m. (not "1.13bn")
    if dotted or key in OTHER_ABBREVIATIONS:
        return next_word.lower() in SENTENCE_OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans in ``text[start:end]`` (one paragraph or line block); whitespace trimmed.

    A line break always ends a sentence, so a headline or a line without a
    final stop is a sentence of its own; a full stop after an abbreviation
    does not ("Gen. Igor", "Sept. 19", "the U.S. military"), unless the next
    word is a typical sentence opener ("... the U.S. The ...").
    """
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if m.group()[0] != "\n" and not _is_break(text, m.start(), m.end()):
            continue
        cut = m.end() if m.group()[0] != "\n" else m.start()
        spans.append((pos, cut))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in (strip_span(text, s, e) for s, e in spans):
        if e > s:
            out.append(Span(s, e))
    return out


@dataclass(frozen=True)
class Excluded:
    """A span left out of every count, with why ("dateline", "byline", "credit", "licence")."""

    start: int
    end: int
    kind: str


def prose_sentences(text: str) -> tuple[list[Span], list[Excluded]]:
    """Prose sentences and excluded spans (licence notices, datelines, bylines, credit lines).

    A licence notice is a whole paragraph; a dateline opens one of the first
    :data:`DATELINE_PARAGRAPHS` paragraphs; bylines and credit lines are whole sentences.
    """
    sentences, excluded = [], []
    for i, para in enumerate(paragraph_spans(text)):
        if licence_notice(text, para.start, para.end):
            excluded.append(Excluded(para.start, para.end, "licence"))
            continue
        start = para.start
        dateline_end = opening_dateline(text, para.start, para.end) if i < DATELINE_PARAGRAPHS else None
        if dateline_end is not None:
            excluded.append(Excluded(para.start, dateline_end, "dateline"))
            start = dateline_end
        for sent in split_sentences(text, start, para.end):
            kind = boilerplate_sentence(text[sent.start:sent.end])
            if kind:
                excluded.append(Excluded(sent.start, sent.end, kind))
            else:
                sentences.append(sent)
    return sentences, excluded
