"""Small helpers on character spans and the tokens that cover them.

A draft attribution keeps ``(start, end)`` character pairs; these turn tokens
and subtrees into such pairs and trim quote marks, spaces and connectives from
their edges.
"""
from __future__ import annotations

import re
from bisect import bisect_left


#: characters trimmed from a content's edges: quote marks, spaces, separators, dashes
EDGE = set("\"'“”‘’«»„‟‚‛` \n\r\t\xa0,;:—–-")
#: the same, and a full stop (an "according to" content ends its sentence)
HEAD_EDGE = EDGE | set(".")
#: characters trimmed from a source mention's edges
SPACE_EDGE = set(" \t\n\r\xa0\u2009\u200a,;:")
WORD = re.compile(r"\w+")
#: a connective opening a content ("and the talks failed")
LEADING_CC = re.compile(r"(?:and|but|or)\s+", re.I)
#: a connective ending a content before the next report ("prices would rise and [added that ...]")
TRAILING_CC = re.compile(r"[\s,]+(?:and|but|or|while|as)\W*$", re.I)


def trim(text: str, start: int, end: int, edge=EDGE) -> tuple[int, int]:
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def tok_span(tokens) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def subtree_span(tok, exclude_deps=(), exclude=()) -> tuple[int, int]:
    """Character span of ``tok``'s subtree, leaving out children with ``exclude_deps`` or in ``exclude``."""
    lo, hi = tok.i, tok.i
    for child in tok.children:
        if child.dep_ in exclude_deps or child in exclude:
            continue
        lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i)
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def letters(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def strip_leading_cc(text: str, start: int, end: int) -> tuple[int, int]:
    m = LEADING_CC.match(text, start, end)
    return (m.end(), end) if m and m.end() < end else (start, end)


def prev_char(text: str, pos: int, floor: int = 0) -> str:
    """The last character before ``pos`` (not before ``floor``) that is not whitespace, or "".

    What ``text[floor:pos].rstrip()[-1:]`` gives, without copying the text before ``pos``.
    """
    i = pos
    while i > floor and text[i - 1].isspace():
        i -= 1
    return text[i - 1] if i > floor else ""


def any_overlap(sorted_spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``sorted_spans`` (disjoint, sorted; ``starts`` their
    starts)."""
    i = bisect_left(starts, end) - 1  # the last span starting before ``end``
    return i >= 0 and sorted_spans[i][1] > start and end > start
