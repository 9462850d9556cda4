"""Character-span helpers shared by every layer (offsets always index the text as loaded)."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "paragraph_spans"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into a document's text."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def as_dict(self, source: str) -> dict:
        return {"start": self.start, "end": self.end, "text": source[self.start:self.end]}


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs as spans, whitespace trimmed.

    Paragraphs are blocks separated by blank lines; a text with no blank line
    at all (one paragraph per line, as many feeds deliver it) splits on lines.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans, pos = [], 0
    for match in separator.finditer(text):
        spans.append(_strip(text, pos, match.start()))
        pos = match.end()
    spans.append(_strip(text, pos, len(text)))
    return [Span(s, e) for s, e in spans if e > s]
