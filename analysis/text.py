"""Character-span helpers shared by every layer (offsets always index the text as loaded)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

__all__ = ["Span", "paragraph_spans", "strip_span", "merge_spans", "covered_length", "SpanIndex"]

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


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace at both edges."""
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
        spans.append(strip_span(text, pos, match.start()))
        pos = match.end()
    spans.append(strip_span(text, pos, len(text)))
    return [Span(s, e) for s, e in spans if e > s]


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint ``(start, end)`` ranges covering the same characters (touching ones joined,
    empty ones dropped)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def covered_length(spans: Iterable[tuple[int, int]]) -> int:
    """How many characters (or tokens) the union of ``(start, end)`` ranges covers."""
    return sum(e - s for s, e in merge_spans(spans))


class SpanIndex:
    """Which items have a span touching a character range: spans kept in fixed-size buckets.

    Queries cost the number of buckets the range covers plus the items found, so
    looking up every quote's neighbours stays linear in the document's length.
    Items may be added again with new spans; a query can return an item whose
    spans have since changed, so callers check the live spans.
    """

    BUCKET = 512

    def __init__(self):
        self.buckets: dict[int, set[int]] = {}

    def add(self, item: int, spans) -> None:
        for s, e in spans:
            for b in range(s // self.BUCKET, max(s, e - 1) // self.BUCKET + 1):
                self.buckets.setdefault(b, set()).add(item)

    def query(self, start: int, end: int) -> list[int]:
        """Items with a span in a bucket that ``[start, end)`` touches, in ascending order."""
        found: set[int] = set()
        for b in range(start // self.BUCKET, max(start, end - 1) // self.BUCKET + 1):
            found |= self.buckets.get(b, set())
        return sorted(found)
