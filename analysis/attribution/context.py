"""What every rule needs about one parsed article, computed once.

Quotation marks (:mod:`analysis.quotes`), paragraphs, credit lines and
datelines (:mod:`analysis.credits`) and sentences, with lookups by character
position.
"""
from __future__ import annotations

from bisect import bisect_right

from ..credits import LICENCE_CUES, credit_paragraphs, credits, opening_dateline
from ..quotes import quote_spans
from ..text import Span, paragraph_spans


#: a byline paragraph has at most this many words
MAX_BYLINE_WORDS = 20


class Context:
    """What every rule needs about one parsed article, computed once."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        all_quotes = quote_spans(self.text)
        self.all_quotes = all_quotes
        self.quotes = [q for q in all_quotes if not q.is_scare]
        self.quote_starts = [q.open if q.open is not None else q.start for q in all_quotes]
        self.quote_ends = [(q.close + 1) if q.close is not None else q.end for q in all_quotes]
        self.paras = paragraph_spans(self.text) or [Span(0, len(self.text))]
        self.para_starts = [p.start for p in self.paras]
        # a "By ..." paragraph is a byline only when short ("By now, Sexton said ..." is prose)
        self.boilerplate = [(s, e) for s, e in credit_paragraphs(self.text)
                            if LICENCE_CUES.search(self.text, s, e) or len(self.text[s:e].split()) <= MAX_BYLINE_WORDS]
        datelines = {(c.start, c.end) for c in credits(self.text) if c.kind == "dateline"}
        for p in self.paras:  # "Washington (AFP) — " opening a paragraph
            end = opening_dateline(self.text, p.start, p.end)
            if end is not None:
                datelines.add((p.start, end))
        self.datelines = sorted(datelines)
        # a pipeline without parser or sentencizer: the whole text is one sentence
        parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        self.sents = list(doc.sents) if parsed else [doc[:]]
        self.sent_starts = [s.start_char for s in self.sents]
        self.tok_starts = [t.idx for t in doc]

    def quote_at(self, pos: int) -> int | None:
        """Index into ``all_quotes`` of the quote (marks included) containing ``pos``."""
        i = bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quote_starts[i] <= pos < self.quote_ends[i]:
            return i
        return None

    def quote_of(self, tok) -> int | None:
        """The (non-scare) quote a token lies in, or None."""
        i = self.quote_at(tok.idx)
        return None if i is None or self.all_quotes[i].is_scare else i

    def in_quote(self, tok) -> bool:
        i = self.quote_at(tok.idx)
        return i is not None and not self.all_quotes[i].is_scare

    def token_at(self, pos: int):
        """The token that starts at or last before ``pos``."""
        return self.doc[max(0, bisect_right(self.tok_starts, pos) - 1)]

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def in_boilerplate(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.boilerplate)
