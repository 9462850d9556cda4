"""Article credits (datelines, agency credits, bylines, licence lines), apart from quoted sources.

"BEIRUT (AP) —" or "AFP contributed to this report" say where the article
came from, not who is quoted in it; a researcher comparing outlets wants them
as their own table. Pure regular expressions over the text (compiled once),
so it also works on an unparsed document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .speakers import NEWS_AGENCIES, agency_name
from .text import paragraph_spans

__all__ = ["Credit", "credits", "credit_paragraphs", "CREDIT_KINDS"]

CREDIT_KINDS = ("dateline", "agency", "contributor", "byline", "licence", "image")

_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in NEWS_AGENCIES if len(k) > 1),
                              key=len, reverse=True))
_AGENCY = rf"(?:the\s+)?(?i:{_AGENCY_ALT})"
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|van|von|al|bin|la|le|da|del))*"
_DASH = r"[—–-]{1,2}"

# (kind, pattern, group holding the credited name); patterns run over the whole text
_PATTERNS: tuple[tuple[str, re.Pattern, str], ...] = (
    ("dateline", re.compile(rf"^[ \t]*(?P<place>[A-Z][A-Z .,'’-]{{1,40}}?)\s*\((?P<name>[A-Za-z .-]{{1,30}})\)\s*{_DASH}",
                            re.M), "name"),
    ("dateline", re.compile(rf"^[ \t]*\((?P<name>[A-Z]{{1,8}})\)\s+(?P<place>[A-Z][\w .'-]{{0,30}}?)\s*{_DASH}", re.M),
     "name"),
    ("dateline", re.compile(rf"^[ \t]*(?P<name>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}})"
                            rf"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?[ ]{_DASH}(?=[ ])", re.M), "name"),
    ("contributor", re.compile(rf"(?P<name>{_NAME}(?:\s*(?:,|and)\s*{_NAME})*)\s+contributed(?:\s+reporting)?\s+to\s+this\s+"
                               r"(?:report|story|article)"), "name"),
    ("agency", re.compile(rf"\b(?P<name>{_AGENCY})\s+(?:reported|reports|has reported|said|says|"
                          r"quoted|cited|contributed)\b"), "name"),
    ("agency", re.compile(rf"\b(?:quoted by|told|according to|reported by|cited by)\s+(?P<name>{_AGENCY})\b"),
     "name"),
    ("byline", re.compile(rf"^[ \t]*(?:By|BY|Written by|Reporting by|Reported by)\s+(?P<name>{_NAME}"
                          rf"(?:\s*(?:,|and)\s*{_NAME})*)[ \t]*(?:$|[;,(|])", re.M), "name"),
    ("byline", re.compile(rf"(?:Editing|Additional reporting|Writing) by\s+(?P<name>{_NAME}"
                          rf"(?:\s*(?:,|and)\s*{_NAME})*)"), "name"),
    ("image", re.compile(r"(?:Image|Photo|Picture)\s+(?:credit|by)?\s*:\s*(?P<name>[^\n.]+)", re.I), "name"),
    ("licence", re.compile(r"(?:attribution to|courtesy of)\s+(?P<name>[^\n.]+?(?:\.\w+)?)(?=\.\s|\.$|$)",
                           re.M), "name"),
)

_LICENCE_CUES = re.compile(r"creative commons|all rights reserved|copyright|©|permission to "
                           r"republish|free and open source|licen[cs]ed? under|reproduced with",
                           re.I)


_LICENCE_NAME = re.compile(r"creative commons(?:\s+[\w.-]+){0,4}?\s+licen[cs]e|creative commons|"
                           r"all rights reserved|copyright[^.\n]*|©[^.\n]*", re.I)
_CREDIT_LINE = re.compile(r"\(?(?:By|BY|Written by|Reporting by|Additional reporting by|Editing by|"
                          r"Image credit|Photo|Picture)\b")


@dataclass(frozen=True, order=True)
class Credit:
    """One credit line or phrase: its kind, the credited name, and where it is."""

    start: int
    end: int
    kind: str
    name: str
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "start": self.start, "end": self.end,
                "text": self.text}


def _normalise(kind: str, name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:.")
    return agency_name(name) or name if kind in ("agency", "dateline", "contributor") else name


def credit_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are licence or byline boilerplate, not reporting (attributions skip them)."""
    out = []
    for p in paragraph_spans(text):
        chunk = text[p.start:p.end]
        if _LICENCE_CUES.search(chunk) or _CREDIT_LINE.match(chunk):
            out.append((p.start, p.end))
    return out


def credits(doc_or_text) -> list["Credit"]:
    """Credits of one article (a spaCy Doc, a Document or a string), in text order."""
    text = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
    found: dict[tuple[int, int, str], Credit] = {}
    for kind, pattern, group in _PATTERNS:
        for m in pattern.finditer(text):
            name = _normalise(kind, m.group(group))
            if not name:
                continue
            key = (m.start(), m.end(), kind)
            found.setdefault(key, Credit(m.start(), m.end(), kind, name, text[m.start():m.end()]))
    for start, end in credit_paragraphs(text):
        chunk = text[start:end]
        if _LICENCE_CUES.search(chunk):
            found.setdefault((start, end, "licence"),
                             Credit(start, end, "licence", _licence_name(chunk), chunk))
    return sorted(found.values())


def _licence_name(chunk: str) -> str:
    m = _LICENCE_NAME.search(chunk)
    return re.sub(r"\s+", " ", m.group(0)).strip(" .") if m else "licence"
