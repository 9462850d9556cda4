"""Direct-speech spans found from quotation marks alone (no parser), with recovery.

News text mixes straight and curly, double and single marks, uses the same
character for apostrophes (don't, Syria's, '90s, dogs'), drops closing marks,
and opens multi-paragraph quotes with a fresh mark on each paragraph and no
close. :func:`quote_spans` reads all of that without ever raising: every mark
is classified by the characters around it (opener, closer, either, or
apostrophe), then one pass pairs them, paragraph by paragraph, repairing what
does not pair. Offsets index the text as given; the marks are excluded.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .text import paragraph_spans, strip_span

__all__ = ["QuoteSpan", "quote_spans", "SCARE_MAX_WORDS", "CUE_WORDS"]

#: characters either side of a quote searched for a reporting cue, at most (its sentence
#: otherwise): news sentences are far shorter, a text without full stops is not
CUE_WINDOW = 1000
#: quotes of at most this many words with no reporting cue nearby are scare quotes/titles
SCARE_MAX_WORDS = 3
#: quoted titles ("A Concert of Hope") up to this many words are not speech either
TITLE_MAX_WORDS = 12
_TITLE_SMALL = frozenset("a an the of and or in on at to for with by from as but nor vs".split())
#: how many following paragraphs may be searched for the closer of an unclosed quote
LOOKAHEAD_PARAGRAPHS = 4

# mark -> (family, role); role is "open", "close" or "either"
_MARKS = {
    "“": ("double", "open"), "„": ("double", "open"), "‟": ("double", "open"),
    "«": ("double", "open"), "``": ("double", "open"),
    "”": ("double", "close"), "»": ("double", "close"), "''": ("double", "close"),
    '"': ("double", "either"),
    "‘": ("single", "open"), "‚": ("single", "open"), "‛": ("single", "open"), "`": ("single", "open"),
    "’": ("single", "close"),
    "'": ("single", "either"),
}
_MARK_RE = re.compile(r"``|''|[\"“”„‟«»‘’‚‛`']")
_CLITIC_RE = re.compile(r"(?:s|t|d|m|ll|re|ve|em|n|tis|twas|cause|til)\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"\d\d(?:s|\b)")
_OPEN_BEFORE = set("([{<—–-/") | set(_MARKS)  # chars after which a mark opens
_CLOSE_AFTER = set(".,;:!?)]}>—–-/…") | set(_MARKS)  # chars before which a mark closes
_SENT_END_RE = re.compile(r"[.!?…][\"”’')\]]*(?=\s)")
_WORD_RE = re.compile(r"[A-Za-z]+")

#: surface forms that make a short quote reported speech rather than a scare quote
CUE_WORDS = frozenset("""
say says said saying tell tells told telling add adds added adding according called calls
calling describe describes described describing dub dubs dubbed brand brands branded label
labels labelled labeled branding dubbing labelling describing warn warns warned warning claim claims claimed claiming state states
stated stating insist insists insisted ask asks asked asking reply replied replies answer
answered write writes wrote written quote quoted quoting declare declares declared shout
shouted yell yelled cry cried whisper whispered urge urged urges announce announced
announces express expressed expresses vow vowed promise promised deny denied denies
accuse accused accuses admit admitted argue argued argues explain explained note noted
acknowledge acknowledged confirm confirmed suggest suggested insisting telling statement
spokesman spokeswoman spokesperson
""".split())


@dataclass(frozen=True, order=True)
class QuoteSpan:
    """The content of one quotation (marks excluded) as ``[start, end)`` into the text.

    ``open``/``close`` are the offsets of the marks (None when missing and
    recovered); parts of one multi-paragraph quote share ``quote_id`` and
    count up in ``part``. ``is_scare`` flags scare quotes and titles.
    """

    start: int
    end: int
    open: int | None = None
    close: int | None = None
    family: str = "double"
    quote_id: int = 0
    part: int = 0
    is_scare: bool = False

    @property
    def closed(self) -> bool:
        return self.close is not None

    def text(self, source: str) -> str:
        return source[self.start:self.end]

    def as_dict(self, source: str) -> dict:
        return {"start": self.start, "end": self.end, "text": source[self.start:self.end]}


@dataclass(frozen=True)
class _Mark:
    pos: int
    length: int
    family: str
    role: str  # open | close | either | maybe_close (possessive or closer)
    para: int
    para_initial: bool


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, pos: int, mark: str) -> str | None:
    """Role of the mark at ``pos``; None for an apostrophe."""
    family, role = _MARKS[mark]
    prev = text[pos - 1] if pos > 0 else ""
    nxt = text[pos + len(mark)] if pos + len(mark) < len(text) else ""
    left_open = prev == "" or prev.isspace() or prev in _OPEN_BEFORE
    right_closed = nxt == "" or nxt.isspace() or nxt in _CLOSE_AFTER
    if family == "single" and len(mark) == 1:
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, Syria's, Assad’s
        after = text[pos + 1:pos + 8]
        if left_open and (_YEAR_RE.match(after) or _CLITIC_RE.match(after)):
            return None  # '90s, 's in tokenised text, 'em
        if _is_word(prev) and right_closed and mark != "‘":
            return "maybe_close"  # dogs' or a closing mark
    if role == "open" and not left_open and right_closed:
        return "close"  # a sloppy “ used as a closer
    if role == "close" and left_open and not right_closed:
        return "open"  # a sloppy ” used as an opener
    if role != "either":
        return role
    if left_open and not right_closed:
        return "open"
    if right_closed and not left_open:
        return "close"
    return "either"


def _marks(text: str, paras) -> list[_Mark]:
    marks: list[_Mark] = []
    p = 0
    for m in _MARK_RE.finditer(text):
        pos = m.start()
        while p + 1 < len(paras) and pos >= paras[p + 1].start:
            p += 1
        if not paras or not (paras[p].start <= pos < paras[p].end):
            continue
        role = _classify(text, pos, m.group())
        if role is None:
            continue
        family = _MARKS[m.group()][0]
        initial = pos == paras[p].start  # (paragraphs are trimmed: nothing but the mark before it)
        marks.append(_Mark(pos, len(m.group()), family, role, p, initial))
    return marks


class _Pairer:
    """One pass over the classified marks: a small state machine with repairs."""

    def __init__(self, text: str):
        self.text = text
        self.paras = paragraph_spans(text)
        self.para_starts = [p.start for p in self.paras]
        self.marks = _marks(text, self.paras)
        self.sentences = _SentenceEnds(text)
        self.out: list[QuoteSpan] = []
        self.quoted_paras: set[int] = set()  # paragraphs in which an emitted quote starts
        self.quote_id = 0

    def emit(self, opener: _Mark | None, part: int, start: int, end: int, close: int | None,
             family: str = "double") -> None:
        s, e = strip_span(self.text, start, end)
        if e <= s:
            return
        if part == 0:
            self.quote_id += 1
        family = opener.family if opener else family
        self.out.append(QuoteSpan(s, e, opener.pos if opener else None, close, family,
                                  self.quote_id, part))
        self.quoted_paras.add(bisect_right(self.para_starts, s) - 1)

    def _continues(self, i: int, cur: _Mark, cur_para: int) -> tuple[str, int]:
        """After an unclosed quote's paragraph: ("reopen", j), ("carry", j) or ("end", -1)."""
        for j in range(i, len(self.marks)):
            m = self.marks[j]
            if m.family != cur.family:
                continue
            if m.para > cur_para + LOOKAHEAD_PARAGRAPHS:
                break
            if m.para_initial and m.role in ("open", "either"):
                return "reopen", j
            if m.role in ("close", "maybe_close", "either"):
                return "carry", j
            break
        return "end", -1

    def _unclosed(self, cur: _Mark, cur_para: int, part: int) -> None:
        """An unclosed quote ends at its paragraph's end (a lone single mark is dropped)."""
        if cur.family == "double" or part > 0:
            self.emit(cur, part, cur.pos + cur.length, self.paras[cur_para].end, None)

    def _missing_open(self, m: _Mark) -> None:
        """A closer with no opener: quote from its sentence's start when it reads as speech."""
        if m.pos == 0 or self.text[m.pos - 1] not in ",.!?—–-…":
            return
        para = self.paras[m.para]
        if m.para in self.quoted_paras:
            return
        start = self.sentences.last_end(para.start, m.pos - 1)
        self.emit(None, 0, start, m.pos, m.pos)

    def run(self) -> list[QuoteSpan]:
        marks = self.marks
        cur: _Mark | None = None  # the open top-level mark
        cur_para, part, i = -1, 0, 0
        while i < len(marks):
            m = marks[i]
            if cur is not None and m.para != cur_para:
                action, j = self._continues(i, cur, cur_para)
                if action == "carry":
                    cur_para = m.para
                else:
                    self._unclosed(cur, cur_para, part)
                    if action == "reopen":
                        cur, cur_para, part, i = marks[j], marks[j].para, part + 1, j + 1
                        continue
                    cur, part = None, 0
            if cur is None:
                if m.role in ("open", "either"):
                    cur, cur_para, part = m, m.para, 0
                elif m.role == "close" and m.family == "double":
                    self._missing_open(m)
            elif m.family != cur.family:
                if cur.family == "single" and part == 0 and m.family == "double" and m.role == "open":
                    cur, cur_para = m, m.para  # a stray single opener: the double quote wins
            elif m.role == "open":
                # a second opener: the first lost its closer; it ends at the last sentence end
                # before this one ("...a Muslim. He added: "The ...") or where this one starts
                end = m.pos
                for stop in _SENT_END_RE.finditer(self.text, cur.pos + cur.length, m.pos):
                    end = stop.end()
                self.emit(cur, part, cur.pos + cur.length, end, None)
                if end < m.pos and not self.text[end:m.pos].strip():
                    # 'not wise. "He lacks ...': a paragraph break flattened away; the
                    # quote goes on in a new part, as a reopened paragraph does
                    cur, cur_para, part = m, m.para, part + 1
                else:
                    cur, cur_para, part = m, m.para, 0
            else:
                self.emit(cur, part, cur.pos + cur.length, m.pos, m.pos)
                cur, part = None, 0
            i += 1
        if cur is not None:
            self._unclosed(cur, cur_para, part)
        return self.out


class _SentenceEnds:
    """Every sentence end of a text, found once, so each quote's sentence is a bisect away."""

    def __init__(self, text: str):
        found = [(m.start(), m.end()) for m in _SENT_END_RE.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def last_end(self, floor: int, limit: int) -> int:
        """End of the last sentence end inside ``[floor, limit)`` (the whitespace after it too),
        else ``floor``."""
        i = bisect_right(self.ends, limit - 1) - 1
        return self.ends[i] if i >= 0 and self.starts[i] >= floor else floor

    def bounds(self, start: int, end: int, para_start: int, para_end: int) -> tuple[int, int]:
        """The sentence around ``[start, end)`` inside its paragraph: from the end of the last
        sentence end before ``start`` to the end of the first one at or after ``end``."""
        left = self.last_end(para_start, start)
        right = para_end
        j = bisect_left(self.starts, end)
        if j < len(self.starts) and self.ends[j] <= para_end - 1:
            right = self.ends[j]
        return left, right


def _title_case(words: list[str]) -> bool:
    """ "The Prisoner of Azkaban", "A Concert of Hope": a title, not a sentence."""
    content = [w for w in words if w.lower() not in _TITLE_SMALL]
    return len(words) >= 2 and bool(content) and all(w[:1].isupper() for w in content)


def _scare(text: str, q: QuoteSpan, paras, para_starts: list[int], sentences: _SentenceEnds) -> bool:
    """Short or title-case, unpunctuated, inside a sentence, no reporting cue around: not speech."""
    content = text[q.start:q.end]
    words = _WORD_RE.findall(content)
    if not content.strip():
        return False
    if len(words) > SCARE_MAX_WORDS and not (len(words) <= TITLE_MAX_WORDS and _title_case(words)):
        return False
    if content.rstrip()[-1] in ".!?,;:…":
        return False
    k = bisect_right(para_starts, q.start) - 1
    para = paras[k] if k >= 0 and q.start < paras[k].end else None
    if para is None:
        return False
    if not text[para.start:q.start].strip(" \t\"“”‘’'«»") and not text[q.end:para.end].strip(
            " \t\"“”‘’'«».,!?"):
        return False  # the whole paragraph is the quote
    left, right = sentences.bounds(q.start, q.end, para.start, para.end)
    # a run-on "sentence" (a feed with no full stops) is read only near the quote
    left, right = max(left, q.start - CUE_WINDOW), min(right, q.end + CUE_WINDOW)
    around = (text[left:q.start] + " " + text[q.end:right]).lower()
    return not any(w in CUE_WORDS for w in _WORD_RE.findall(around))


def quote_spans(text: str) -> list[QuoteSpan]:
    """Content spans of the quotations in ``text``, in text order; never raises.

    Straight and curly, double and single marks; apostrophes are skipped;
    an unclosed quote ends at its paragraph's end unless the next paragraph
    reopens it (multi-paragraph quote: parts share ``quote_id``) or closes it
    (a quote broken over lines); an opener with no closer before the next
    opener ends there. Nested quotes stay inside their outer span.
    """
    if not text:
        return []
    pairer = _Pairer(text)
    spans = pairer.run()
    paras = pairer.paras
    para_starts = [p.start for p in paras]
    sentences = _SentenceEnds(text)
    out = []
    for q in sorted(set(spans)):
        if _scare(text, q, paras, para_starts, sentences):
            q = QuoteSpan(q.start, q.end, q.open, q.close, q.family, q.quote_id, q.part, True)
        out.append(q)
    return out
