"""Article credits (datelines, agency credits, bylines, licence lines), apart from quoted sources.

"BEIRUT (AP) —" or "AFP contributed to this report" say where the article
came from, not who is quoted in it; a researcher comparing outlets wants them
as their own table. Pure regular expressions over the text (compiled once),
so it also works on an unparsed document.

This module is also where readability finds what is not prose
(:func:`opening_dateline`, :func:`boilerplate_sentence`,
:func:`licence_notice`): the same lines, seen from the other side. Bylines and
licence cues have one definition for both. Datelines and credit lines have
two, on purpose: a credit must name someone and may sit at any line start,
while readability cuts whatever opens an article's first paragraphs before a
dash ("LONDON, Sept 19 (Reuters) - ", "The IAAF - ") or makes up a whole
sentence of boilerplate ("Compiled by ..."), named or not. Either definition
used for both would change one of the two outputs on real articles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .speakers import NEWS_AGENCIES, agency_name
from .text import paragraph_spans

__all__ = ["Credit", "credits", "credit_paragraphs", "BYLINE", "LICENCE_CUES",
           "OPENING_DATELINE", "CREDIT_SENTENCE", "SELF_REFERENCE", "DATELINE_MAX_CHARS",
           "BYLINE_MAX_WORDS", "opening_dateline", "boilerplate_sentence", "licence_notice"]

_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in NEWS_AGENCIES if len(k) > 1),
                              key=len, reverse=True))
_AGENCY = rf"(?:the\s+)?(?i:{_AGENCY_ALT})"
_NAME = r"[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|van|von|al|bin|la|le|da|del))*"
_DASH = r"[—–-]{1,2}"

#: a byline line: "By Jane Doe", "By Jane Doe and John Roe, Associated Press",
#: "By Jane Doe & John Roe", "Reporting by Jane Doe | Reuters"; ``name`` holds who wrote it
BYLINE = re.compile(rf"^[ \t]*(?:By|BY|Written by|Reporting by|Reported by)\s+(?P<name>{_NAME}"
                    rf"(?:\s*(?:,|and|&)\s*{_NAME})*)[ \t]*(?:$|[;,(|/])", re.M)

#: words that mark a publisher's licence or reuse notice (or an article about one: see
#: :func:`licence_notice`)
LICENCE_CUES = re.compile(r"creative commons|all rights reserved|copyright|©|permission to "
                          r"republish|free and open source|licen[cs]ed? under|reproduced with",
                          re.I)

#: datelines, each with the place (``place``) and, in parentheses, the code of whoever filed it
#: (``code``): "BEIRUT (AP) —", "(UR) Aleppo —", "WASHINGTON —" (no code)
_DATELINES: tuple[re.Pattern, ...] = (
    re.compile(rf"^[ \t]*(?P<place>[A-Z][A-Z .,'’-]{{1,40}}?)\s*\((?P<code>[A-Za-z .-]{{1,30}})\)\s*{_DASH}",
               re.M),
    re.compile(rf"^[ \t]*\((?P<code>[A-Z]{{1,8}})\)\s+(?P<place>[A-Z][\w .'-]{{0,30}}?)\s*{_DASH}", re.M),
    re.compile(rf"^[ \t]*(?P<place>[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){{0,3}})"
               rf"(?:,[ ][A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?[ ]{_DASH}(?=[ ])", re.M),
)

# (kind, pattern, group holding the credited name); patterns run over the whole text
_PATTERNS: tuple[tuple[str, re.Pattern, str], ...] = (
    ("contributor", re.compile(rf"(?P<name>{_NAME}(?:\s*(?:,|and)\s*{_NAME})*)\s+contributed(?:\s+reporting)?\s+to\s+this\s+"
                               r"(?:report|story|article)"), "name"),
    ("agency", re.compile(rf"\b(?P<name>{_AGENCY})\s+(?:reported|reports|has reported|said|says|"
                          r"quoted|cited|contributed)\b"), "name"),
    ("agency", re.compile(rf"\b(?:quoted by|told|according to|reported by|cited by)\s+(?P<name>{_AGENCY})\b"),
     "name"),
    ("byline", BYLINE, "name"),
    ("byline", re.compile(rf"(?:Editing|Additional reporting|Writing) by\s+(?P<name>{_NAME}"
                          rf"(?:\s*(?:,|and)\s*{_NAME})*)"), "name"),
    ("image", re.compile(r"(?:Image|Photo|Picture)\s+(?:credit|by)?\s*:\s*(?P<name>[^\n.]+)", re.I), "name"),
    ("licence", re.compile(r"(?:attribution to|courtesy of)\s+(?P<name>[^\n.]+?(?:\.\w+)?)(?=\.\s|\.$|$)",
                           re.M), "name"),
)

_LICENCE_NAME = re.compile(r"creative commons(?:\s+[\w.-]+){0,4}?\s+licen[cs]e|creative commons|"
                           r"all rights reserved|copyright[^.\n]*|©[^.\n]*", re.I)
_CREDIT_LINE = re.compile(r"\(?(?:By|BY|Written by|Reporting by|Additional reporting by|Editing by|"
                          r"Image credit|Photo|Picture)\b")


@dataclass(frozen=True, order=True)
class Credit:
    """One credit line or phrase: its kind, the credited name, and where it is.

    ``kind`` is "dateline", "agency", "contributor", "byline", "licence" or "image". A dateline's
    ``name`` is always its place ("BEIRUT"); the agency code beside it ("(AP)") is a credit of its
    own, of kind "agency", when it names a known news agency.
    """

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
    return agency_name(name) or name if kind in ("agency", "contributor") else name


def credit_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs that are licence or byline boilerplate, not reporting (attributions skip them)."""
    out = []
    for p in paragraph_spans(text):
        chunk = text[p.start:p.end]
        if LICENCE_CUES.search(chunk) or _CREDIT_LINE.match(chunk):
            out.append((p.start, p.end))
    return out


def credits(doc_or_text) -> list["Credit"]:
    """Credits of one article (a spaCy Doc, a Document or a string), in text order."""
    text = doc_or_text if isinstance(doc_or_text, str) else doc_or_text.text
    found: dict[tuple[int, int, str], Credit] = {}
    for pattern in _DATELINES:
        for m in pattern.finditer(text):
            _dateline(text, m, found)
    for kind, pattern, group in _PATTERNS:
        for m in pattern.finditer(text):
            name = _normalise(kind, m.group(group))
            if not name:
                continue
            key = (m.start(), m.end(), kind)
            found.setdefault(key, Credit(m.start(), m.end(), kind, name, text[m.start():m.end()]))
    for start, end in credit_paragraphs(text):
        chunk = text[start:end]
        if LICENCE_CUES.search(chunk):
            found.setdefault((start, end, "licence"),
                             Credit(start, end, "licence", _licence_name(chunk), chunk))
    return sorted(found.values())


def _dateline(text: str, m: re.Match, found: dict) -> None:
    """A dateline's credits: the place line as a ``dateline`` (its span the whole dateline, which
    attribution keeps out of contents), and the code in parentheses as an ``agency`` credit when
    it names a known news agency ("BEIRUT (AP) —"). An outlet's own code ("(UR) Aleppo —") names
    no source and gives no credit."""
    place = _normalise("dateline", m.group("place"))
    if place:
        found.setdefault((m.start(), m.end(), "dateline"),
                         Credit(m.start(), m.end(), "dateline", place, text[m.start():m.end()]))
    code = m.groupdict().get("code")
    agency = agency_name(" ".join(code.split())) if code else None
    if agency:
        start, end = m.start("code") - 1, m.end("code") + 1  # with its parentheses
        found.setdefault((start, end, "agency"), Credit(start, end, "agency", agency, text[start:end]))


def _licence_name(chunk: str) -> str:
    m = _LICENCE_NAME.search(chunk)
    return re.sub(r"\s+", " ", m.group(0)).strip(" .") if m else "licence"


# --------------------------------------------------------------------------
# what readability leaves out of its counts

#: the opening of a paragraph up to a dash, when it is a dateline: "BEIRUT (AP) — ",
#: "(UR) Aleppo — ", "LONDON, Sept 19 (Reuters) - " (see :func:`opening_dateline`)
OPENING_DATELINE = re.compile(
    r"""(?:\(\s*[A-Z][\w.&/ ]{0,24}\)\s*)?                           # (UR)
        (?:[A-Z][\w.'’-]*(?:[ ,]+(?:[A-Z0-9][\w.'’-]*))*,?\s*)?      # BEIRUT / LONDON, Sept 19
        (?:\(\s*[A-Z][\w.&/ ]{0,24}\)\s*)?                           # (AP)
        (?:—|–|--|\s-)\s""",
    re.VERBOSE,
)
#: a sentence that is a credit line, not prose: picture credits, "Reporting by ...",
#: "... contributed to this report", "Filed under:", "Related news:", a bare agency name
CREDIT_SENTENCE = re.compile(
    r"""^(?:(?:Image|Photo|Picture|Video|Graphic|Map|Cartoon|Top\s+image|Featured\s+image)s?
            (?:\s+(?:credit|courtesy|source))?\s*:.*
          | (?:Additional\s+)?(?:reporting|writing|editing|compiled|translated|edited)\s+by\b.*
          | .{0,80}\bcontributed\s+to\s+this\s+(?:report|story|article)\.?
          | (?:filed|posted)\s+(?:under|in)\s*:?.*
          | (?:related|related\s+(?:news|articles?|stories|content|coverage)|read\s+more|see\s+also
             |share\s+this(?:\s+article)?)\s*:?
          | \(?(?:AP|AFP|Reuters|PA|UPI|dpa)\)?\.?
        )$""",
    re.VERBOSE | re.IGNORECASE,
)
#: a paragraph that names itself ("this article"): with a licence cue, the publisher's notice
SELF_REFERENCE = re.compile(r"\b[Tt]his\s+(?:article|story|post|report|work|content|image|piece)\b")
_ALLCAPS = re.compile(r"\b[A-Z]{2,}\b")
_SENTENCE_END = re.compile(r"[.!?]\s")
#: a dateline is at most this many characters before its dash
DATELINE_MAX_CHARS = 60
#: a byline sentence has at most this many words ("By Monday, the truce ..." is prose)
BYLINE_MAX_WORDS = 8


def opening_dateline(text: str, start: int, end: int) -> int | None:
    """Where a dateline opening ``text[start:end]`` (a paragraph) ends, or None.

    The opening needs a parenthesis or a word in capitals, so a plain
    capitalised phrase before a dash ("Obama — who had ...") stays prose.
    """
    m = OPENING_DATELINE.match(text, start, min(end, start + DATELINE_MAX_CHARS + 3))
    if not m or m.end() - start > DATELINE_MAX_CHARS + 3:
        return None
    head = text[start:m.end()]
    if "(" not in head and not _ALLCAPS.search(head):
        return None
    if _SENTENCE_END.search(head):
        return None
    return m.end()


def boilerplate_sentence(sentence: str) -> str | None:
    """"credit" or "byline" when a whole sentence is one (see :data:`CREDIT_SENTENCE`, :data:`BYLINE`)."""
    if CREDIT_SENTENCE.match(sentence):
        return "credit"
    if len(sentence.split()) <= BYLINE_MAX_WORDS and BYLINE.match(sentence):
        return "byline"
    return None


def licence_notice(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a paragraph) is a licence or reuse notice about itself.

    An article about copyright names the same terms, so the paragraph must also
    refer to itself ("This article ... Creative Commons").
    """
    return bool(LICENCE_CUES.search(text, start, end) and SELF_REFERENCE.search(text, start, end))
