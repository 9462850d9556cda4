"""Who said what: direct, indirect, mixed and "according to" attributions from a spaCy parse.

One pass over a parsed article finds cue words (reporting verbs from a
lexicon, "according to"); each cue's content comes from the dependency
parse (a ``ccomp`` clause, an object frame such as "accused X of Y", or the
clause around a parenthetical "he said"). Quotation marks are read
separately by :mod:`analysis.quotes`; a quote is then either the content of
a cue whose clause it is, a fragment inside an indirect content (mixed), or
a direct quote that takes the nearest cue of its sentence (inversions and
split quotes included), or the speaker of the quote before it (follow-on
paragraphs). Sources are resolved to canonical speakers: relative "who" to
its noun, pronouns to the nearest compatible earlier speaker, role nouns
("the spokeswoman") to the person the article names in that role, name
variants merged in the article and across the corpus. Credits (datelines,
agency lines) live in :mod:`analysis.credits` and never count as sources.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from . import speakers as spk
from .corpus import Corpus, Document
from .credits import Credit, credit_paragraphs, credits
from .nlp import PROJECT_ROOT, load_model, parse_corpus
from .quotes import QuoteSpan, quote_spans
from .text import Span, paragraph_spans

__all__ = [
    "Attribution",
    "KINDS",
    "REPORT_VERBS",
    "extract",
    "extract_corpus",
    "attribution_records",
    "record",
    "credits",
    "Credit",
    "credit_table",
    "credit_summary",
    "article_metrics",
    "who_said_what",
    "speaker_matrix",
    "source_type_mix",
    "corpus_summary",
    "quality_scores",
]

KINDS = ("direct", "indirect", "mixed", "according_to")
#: "according to" these is a standard followed, not a source quoted
NOT_SOURCES = frozenset("""plan plans schedule rule rules law laws tradition custom instruction
instructions interest self-interest need needs script size taste season procedure protocol
guideline guidelines principle principles wish wishes ability merit merits""".split())
#: a report's words outside its quote ("calling Davis "an icon"") make it mixed up to this many
MAX_MIXED_LEAD = 8
#: a cue verb that does not govern a quote must be within this many tokens of its marks
MAX_CUE_GAP = 8

#: verbs whose clausal complement is reported speech or a reported stance ("has learned that");
#: beliefs ("think", "believe") are read apart, by :data:`BELIEF_VERBS`: a clause and a holder only
REPORT_VERBS = frozenset("""
say tell add warn state claim report announce accuse deny insist explain note argue confirm admit
suggest assert declare acknowledge allege reveal disclose concede predict estimate indicate
reply respond answer write testify stress emphasise emphasize maintain contend complain boast
reiterate repeat recall caution agree promise pledge vow threaten urge ask demand hint signal
learn mention observe remark comment tweet post affirm protest inform notify assure charge
conclude recommend propose dispute forecast lament blame criticise criticize condemn praise
welcome dismiss reject accept swear order speculate recount describe call find rule
judge show""".split())

#: verbs of a court's or referee's verdict ("ruled that", "judged the film was")
VERDICT_VERBS = frozenset("rule judge".split())

#: verbs that report only when a document, figure or body is their subject ("figures showed that",
#: "the study found"): with a person or pronoun subject they tell of a deed ("they found him")
EVIDENCE_VERBS = frozenset("show find".split())

#: belief and expectation verbs ("INSEE expects the economy to grow", "I think he will"): a stance,
#: reported only through a clause (never a quote's cue, never a frame)
BELIEF_VERBS = frozenset("think believe hope expect fear doubt feel".split())

#: verbs that, with "this"/"these explanations" as subject, state the writer's inference
INFERENCE_VERBS = frozenset("suggest indicate show imply prove confirm mean".split())

#: verbs that report nothing with a particle ("did not rule out a strike", "called off")
PARTICLE_NOT_CUES = frozenset("rule call find show".split())

#: verbs that only cue a direct quote (no clause of their own), on top of REPORT_VERBS
QUOTE_ONLY_VERBS = frozenset("""
dub brand label term express quote cite speak talk put shout yell cry whisper scream continue
begin sum joke muse laugh sigh plead read exclaim snap retort interject mutter murmur thank""".split())

#: verbs whose object frame is the content ("accused X of Y", "urged X to Y", "called X Y");
#: evaluations without a proposition ("praised X", "condemned the attack") are not attributions
FRAME_VERBS = frozenset("""
accuse blame urge ask call claim warn order demand encourage advise invite press implore
promise pledge vow threaten appeal describe brand label dub report dismiss hail denounce reject
rule""".split())

#: frame verbs that report content only as "X as Y" ("dismissed the offer as inadequate")
AS_FRAME_VERBS = frozenset("dismiss hail denounce reject".split())

#: frame verbs that report content only with an infinitive or clause ("urged X to Y")
REQUEST_VERBS = frozenset("ask urge order encourage advise invite press implore appeal".split())

#: nouns of saying whose "that"-clause is reported content ("the minister's claim that ...")
REPORT_NOUNS = frozenset("""suggestion speculation claim allegation assertion warning insistence
admission assessment prediction accusation contention argument statement announcement""".split())

#: frame verbs whose content is their direct object only ("reported heavy shelling")
OBJECT_ONLY_VERBS = frozenset(["report"])


_CONTENT_DEPS = ("ccomp",)
_FRAME_DEPS = ("dobj", "xcomp", "oprd", "ccomp", "attr", "dative")
_CLAUSE_DEPS = frozenset(("advcl", "conj", "ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"))
_FRAME_PREPS = frozenset("of for on to about against over as".split())
_WALK_UP = frozenset(("conj", "xcomp", "advcl", "pcomp", "prep", "acl", "ccomp"))
_RELATIVE = frozenset("who which that whom".split())
_PASSIVE_SOURCE = frozenset("quote cite tell inform ask say".split())
_EXPLETIVE = frozenset("it there".split())
_NOT_DONE = frozenset("fail refuse decline neglect forget".split())
_ADDRESSEE_VERBS = frozenset("tell inform assure notify warn remind ask urge brief advise".split())
_UNASSERTED = frozenset("whether if".split())
_WH = frozenset("how what why where when who which whom".split())
_EDGE = set("\"'“”‘’«»„‟‚‛` \n\r\t\xa0,;:—–-")
_HEAD_EDGE = _EDGE | set(".")
_SPACE_EDGE = set(" \t\n\r\xa0\u2009\u200a,;:")
_WORD = re.compile(r"\w+")
_LEADING_CC = re.compile(r"(?:and|but|or)\s+", re.I)
_TRAILING_CC = re.compile(r"[\s,]+(?:and|but|or|while|as)\W*$", re.I)


@dataclass
class Attribution:
    """One attribution: what was said (content spans), the cue, the source mention, who.

    ``source`` is the mention as written ("he", "who", "a rebel official");
    ``speaker`` is the resolved canonical speaker ("" when nobody), with
    ``speaker_type`` from :data:`analysis.speakers.SPEAKER_TYPES` and the
    title/role in ``speaker_role``.
    """

    kind: str
    contents: list[Span]
    cue: Span | None = None
    source: Span | None = None
    speaker: str = ""
    speaker_type: str = "unknown"
    speaker_role: str = ""
    confidence: float = 0.5

    @property
    def start(self) -> int:
        return self.contents[0].start

    def content_text(self, text: str) -> str:
        return " … ".join(s.text(text) for s in self.contents)


@dataclass
class _Draft:
    """An attribution while it is being built: spaCy tokens still attached."""

    kind: str
    contents: list[tuple[int, int]]
    cue: tuple[int, int] | None
    source_tok: object | None          # head token of the source mention (spaCy Token)
    source: tuple[int, int] | None
    confidence: float
    para: int
    inherited: "_Draft | None" = None
    speaker: str = ""
    speaker_type: str = "unknown"
    speaker_role: str = ""
    cue_tok: object | None = None
    follow_on: bool = False            # a bare quote waiting for the previous speaker

    @property
    def start(self) -> int:
        return min(s for s, _ in self.contents)

    @property
    def end(self) -> int:
        return max(e for _, e in self.contents)


# --------------------------------------------------------------------------
# small span helpers


def _trim(text: str, start: int, end: int, edge=_EDGE) -> tuple[int, int]:
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    return start, end


def _tok_span(tokens) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _subtree_span(tok, exclude_deps=(), exclude=()) -> tuple[int, int]:
    """Character span of ``tok``'s subtree, leaving out children with ``exclude_deps`` or in ``exclude``."""
    lo, hi = tok.i, tok.i
    for child in tok.children:
        if child.dep_ in exclude_deps or child in exclude:
            continue
        lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i)
    doc = tok.doc
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


# --------------------------------------------------------------------------
# per-document context


class _Context:
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
        self.boilerplate = credit_paragraphs(self.text)
        self.datelines = [(c.start, c.end) for c in credits(self.text) if c.kind == "dateline"]
        # a pipeline without parser or sentencizer: the whole text is one sentence
        parsed = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
        self.sents = list(doc.sents) if parsed else [doc[:]]
        self.sent_starts = [s.start_char for s in self.sents]

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

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def sent_of(self, pos: int) -> int:
        return max(0, bisect_right(self.sent_starts, pos) - 1)

    def in_boilerplate(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.boilerplate)


# --------------------------------------------------------------------------
# sources


def _subject(ctx: "_Context", verb, depth: int = 0):
    """The source token of a cue verb: its subject, a passive agent, or an inherited subject.

    Subjects inside a quotation (the parser sometimes makes the quote the
    subject) and subjects in another paragraph (sentences the parser ran
    across a paragraph break) are not sources.
    """
    para = ctx.para_of(verb.idx)

    quote = ctx.quote_of(verb)

    def usable(tok):
        return ctx.quote_of(tok) == quote and ctx.para_of(tok.idx) == para

    children = list(verb.children)
    quoted = _quoted_as(verb)
    if quoted is not None and usable(quoted):
        return quoted
    clause_subject = _participle_clause_subject(verb, usable)
    if clause_subject is not None:
        return clause_subject
    for child in children:
        if child.dep_ in ("nsubj", "csubj") and usable(child):
            return child
    for child in children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and usable(pobj):
                    return pobj
    for child in children:
        if child.dep_ == "nsubjpass" and child.lower_ not in _EXPLETIVE and usable(child):
            if verb.lemma_ in _PASSIVE_SOURCE:
                return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and usable(verb.head):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBG") and verb.head.pos_ in ("NOUN", "PROPN") \
            and usable(verb.head):
        return verb.head  # "a new book saying ...", or a slip: "the governor ... called on X"
    first = next((t for t in verb.sent if ctx.para_of(t.idx) == para and not t.is_space), verb)
    if verb.i == first.i or (verb.i > first.i and all(t.is_punct for t in verb.doc[first.i:verb.i])):
        # "Writes the news agency:" / "Said the minister:" inversions at a sentence start
        obj = next((c for c in children if c.dep_ in ("dobj", "attr", "nsubj") and usable(c)), None)
        if obj is not None:
            return obj
    for child in children:  # "said Smith" with Smith parsed as an object after the quote
        if child.dep_ in ("dobj", "npadvmod") and child.i > verb.i and child.pos_ == "PROPN" and \
                child.ent_type_ in ("PERSON", "ORG") and usable(child):
            return child
    stray = _conjoined_subject(verb)
    if stray is not None and usable(stray):
        return stray
    if depth == 0 and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in children):
        before = _name_before(ctx, verb, usable)
        if before is not None:
            return before
    head = verb.head
    if depth < 3 and verb.dep_ in _WALK_UP and head.i != verb.i and ctx.para_of(head.idx) == para:
        if verb.dep_ in ("advcl", "conj") and head.dep_ == "ccomp" and _is_cue_verb(head.head, REPORT_VERBS):
            return _subject(ctx, head.head, depth + 1)  # "X reported that A, writing that B"
        return _subject(ctx, head, depth + 1)
    if depth == 0 and ctx.para_of(head.idx) != para:
        return _orphan_subject(ctx, verb, usable)
    return None


#: verbs of relaying another's words: "the paper quoted X as saying", "cited X as saying"
_RELAY_VERBS = frozenset("quote cite".split())


def _quoted_as(verb):
    """ "the paper quoted the official as saying ...": the official speaks, the paper relays.

    ``verb`` may be the relaying verb or the "saying" under its "as"."""
    relay = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        relay = verb.head.head
    if relay.lemma_.lower() not in _RELAY_VERBS:
        return None
    says = any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.dep_ == "pcomp" and g.lemma_.lower() in REPORT_VERBS for g in c.children) for c in relay.children)
    return next((c for c in relay.children if c.dep_ == "dobj"), None) if says else None


def _conjoined_subject(verb):
    """ "A was true, and its hosts X and Y, known as Z, said B": the parser hung the subject as a
    noun conjunct on the clause before the cue; that noun is the speaker."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                                                for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i < verb.i and clause.pos_ in ("VERB", "AUX"):
            noun = next((c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                         and c.right_edge.i < verb.i), None)
            if noun is not None:
                return noun
    return None


def _participle_clause_subject(verb, usable):
    """ "Mr Brown dismissed the figures insisting that", "wrote to all three parties urging them":
    a participle the parser hung on an object noun reports for the clause's subject, unless that
    noun is a newly introduced document ("cited a report saying")."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "advcl" and head.i < verb.i:
        # "a new report was published by X, suggesting that": the document suggests
        return next((c for c in head.children if c.dep_ == "nsubjpass" and usable(c)
                     and c.lemma_.lower() in spk.DOCUMENT_WORDS), None)
    stray = next((c for c in verb.children if c.dep_ == "nsubj" and head.i < c.i < verb.i
                  and c.pos_ == "NOUN"), None)
    if verb.dep_ in ("ccomp", "xcomp") and stray is not None and head.pos_ in ("VERB", "AUX"):
        # "Mr Brown dismissed the figures insisting that": the object is no subject of the participle
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)
                     and c.lower_ not in _EXPLETIVE), None)
    noun = head
    if verb.dep_ != "acl" or noun.dep_ not in ("dobj", "pobj"):
        return None
    if noun.lemma_.lower() in spk.DOCUMENT_WORDS and any(c.lower_ in ("a", "an") for c in noun.children):
        return None
    clause = noun.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("prep", "agent", "pobj", "dobj") \
            and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)
                 and c.lower_ not in _EXPLETIVE and c.lower_ not in _RELATIVE), None)


def _name_before(ctx: "_Context", verb, usable):
    """ "In a speech to the Centre Mr Straw said": a name right before a subjectless verb that the
    parser hung on the preceding phrase is its subject."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i:
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    if tok.pos_ != "PROPN" or tok.head.i == verb.i or tok.head.i > tok.i or not usable(tok):
        return None
    if tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", ""):
        return None
    return tok


def _orphan_subject(ctx: "_Context", verb, usable):
    """The paragraph's first noun phrase when the parser hung it on another paragraph's sentence."""
    para = ctx.paras[ctx.para_of(verb.idx)]
    for tok in verb.doc[verb.sent.start:verb.i]:
        if tok.idx < para.start or not usable(tok):
            continue
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and (tok.head.idx < para.start or tok.head.idx >= para.end):
            return tok
    return None


def _mention_span(tok) -> tuple[int, int]:
    """The source mention as written: the noun phrase, without relative clauses."""
    if tok.lower_ in _RELATIVE or tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok.text)
    start, end = _subtree_span(tok, exclude_deps=("relcl", "acl", "advcl", "punct", "cc"))
    text = tok.doc.text
    honorific = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.idx > start
                 and c.lower_ in spk.HONORIFICS]
    if honorific:  # "the Foreign Policy Centre Mr Straw": the name starts at its honorific
        start = honorific[-1].idx
    start = max(start, text.rfind("\n", start, tok.idx) + 1)  # never across a line break
    stop = text.find("\n", tok.idx, end)
    end = stop if stop != -1 else end
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        end += 1  # "Central Command (CENTCOM)"
    return _trim(text, start, end, _SPACE_EDGE)


# --------------------------------------------------------------------------
# cues and contents


def _clip(ctx: _Context, verb, start: int, end: int, edge=_EDGE) -> tuple[int, int]:
    """A content span cut to the cue's paragraph and past any dateline, edges trimmed."""
    para = ctx.paras[ctx.para_of(verb.idx)]
    start, end = max(start, para.start), min(end, para.end)
    inside = ctx.quote_of(verb)
    if inside is not None:  # a report nested in a quotation stays inside it
        q = ctx.all_quotes[inside]
        start, end = max(start, q.start), min(end, q.end)
    start, end = _trim(ctx.text, start, end, edge)
    tail = _TRAILING_CC.search(ctx.text, start, end)
    if tail is not None and tail.start() > start:
        end = tail.start()  # "prices would rise and [added that ...]"
    for s, e in ctx.datelines:
        if s <= start < e or (start < s and e <= end and s == para.start):
            start = max(start, e)
    return _trim(ctx.text, start, end, edge)


def _keep(ctx: _Context, spans, min_words: int = 2) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        if e > s and len(_WORD.findall(ctx.text[s:e])) >= min_words:
            out.append((s, e))
    return out


def _clause_content(ctx: _Context, verb) -> list[tuple[int, int]]:
    """Spans of the reported clause(s) of ``verb`` (``ccomp``), without "that".

    Also "said in a statement that X", which the parser often reads as a
    relative clause on "statement".
    """
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    relative = not clauses
    if not clauses:
        clauses = [rel for prep in verb.children if prep.dep_ == "prep"
                   for pobj in prep.children if pobj.dep_ == "pobj"
                   for rel in pobj.children if rel.dep_ == "relcl" and rel.left_edge.lower_ == "that"
                   and any(c.dep_ == "nsubj" and c.lower_ != "that" for c in rel.children)]
    spans = []
    unasserted_verb = any(c.dep_ in ("neg",) or (c.dep_ == "aux" and c.lower_ == "to")
                          for c in verb.children)
    for child in clauses:
        if child.tag_ == "VBG" and _is_cue_verb(child, REPORT_VERBS) and _clause_content(ctx, child):
            continue  # "dismissed the figures insisting that X": the participle reports X itself
        if child.i < verb.i and _is_cue_verb(child, REPORT_VERBS | QUOTE_ONLY_VERBS) and \
                _parenthetical_pair(child):
            continue  # '"A," he said, "B," he added': an earlier report, not this one's clause
        if _side_clause_at(ctx, child.left_edge):
            continue  # "said A, having earlier criticised B": the aside is not said
        if child.i < verb.i and _conjoined_subject(verb) in child.children:
            continue  # "A, and its hosts, known as Z, said B": A is the writer's, B the hosts'
        marks = [c for c in child.children if c.dep_ == "mark"]
        if any(m.lower_ in _UNASSERTED for m in marks):
            continue
        if unasserted_verb and child.left_edge.lower_ in _WH:
            continue  # "declined to say what", "difficult to tell how"
        start, end = _subtree_span(child, exclude=_nested_reports(child))
        end = _zero_that_clause(ctx, child, end)
        start = min(start, _stray_subject(verb, child))
        end = max(end, _contrast_tail(verb, child))
        first = child.left_edge
        if first.lower_ == "that" and (first.dep_ == "mark" or relative) and first.idx == start:
            start = first.idx + len(first.text)
        start = _after_inner_cue(ctx, verb, start, end)
        end = _before_side_clause(ctx, verb, start, end)
        spans.append(_strip_leading_cc(ctx.text, *_clip(ctx, verb, start, end)))
    return _keep(ctx, spans)


#: dashes that set off an afterthought ("prices would fall - warning that ...")
_DASHES = frozenset("- – —".split())


def _side_clause_at(ctx: _Context, tok) -> bool:
    """ ", having earlier opposed X" / "- warning that Y": the reporter's aside, not the reported clause."""
    doc = ctx.doc
    if tok.i < 1 or ctx.in_quote(tok):
        return False
    prev = doc[tok.i - 1].text
    if prev == "," and tok.lower_ == "having" and tok.i + 1 < len(doc) and \
            any(t.tag_ == "VBN" for t in doc[tok.i + 1:tok.i + 4]):
        return True
    word = tok.lower_
    stem = word[:-3] if word.endswith("ing") else ""
    return prev in _DASHES and bool(stem) and (stem in REPORT_VERBS or stem + "e" in REPORT_VERBS)


def _before_side_clause(ctx: _Context, verb, start: int, end: int) -> int:
    """The reported clause ends before a trailing participle aside set off by a comma or a dash."""
    toks = ctx.doc.char_span(start, end, alignment_mode="expand")
    for t in toks if toks is not None else ():
        if t.i != verb.i and t.idx > start and _side_clause_at(ctx, t):
            return ctx.doc[t.i - 1].idx
    return end


def _parenthetical_pair(cue) -> bool:
    """ "he said," / "said he,": a cue with its subject right by it, then a comma."""
    doc = cue.doc
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and abs(c.i - cue.i) == 1), None)
    if subj is None:
        return False
    after = max(cue.i, subj.i) + 1
    return after < len(doc) and doc[after].text == ","


def _after_inner_cue(ctx: _Context, verb, start: int, end: int) -> int:
    """ "A, he said, and B" as the clause of "he added": only what follows the inner cue is ours."""
    toks = ctx.doc.char_span(start, end, alignment_mode="expand")
    doc = ctx.doc
    for t in toks if toks is not None else ():
        if t.i == verb.i or t.i < 2 or ctx.in_quote(t) or \
                not _is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS):
            continue
        subj = doc[t.i - 1]
        if subj.dep_ == "nsubj" and subj.head.i == t.i and doc[t.i - 2].text == "," and \
                t.i + 1 < len(doc) and doc[t.i + 1].text == ",":
            start = max(start, doc[t.i + 1].idx + 1)
    return start


#: subordinators of a clause that goes on with the reported one ("X was unchanged, while Y fell")
_TAIL_MARKS = frozenset("while whereas although though because".split())


def _contrast_tail(verb, clause) -> int:
    """ "showed that A, while B": a contrast clause the parser hung on the cue belongs to the content."""
    doc = verb.doc
    end = 0
    for c in verb.children:
        if c.dep_ != "advcl" or c.left_edge.i <= clause.right_edge.i:
            continue
        gap = doc[clause.right_edge.i + 1:c.left_edge.i]
        if all(t.is_punct and t.text == "," for t in gap) and \
                any(m.dep_ == "mark" and m.lower_ in _TAIL_MARKS for m in c.children) and \
                not any(_is_cue_verb(t, REPORT_VERBS) for t in c.subtree):
            end = c.right_edge.idx + len(c.right_edge.text)
    return end


def _stray_subject(verb, clause) -> int:
    """ "said the changes, which ..., were made": a subjectless clause whose subject the parser
    made the verb's object; the start of that object, or the clause's own start."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "mark") for c in clause.children) \
            or verb.lemma_.lower() in _ADDRESSEE_VERBS:
        return clause.left_edge.idx  # "told delegates that ...": the object is the addressee
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i
                and c.right_edge.i < clause.left_edge.i), None)
    return obj.left_edge.idx if obj is not None else clause.left_edge.idx


#: "it was possible [that] X": adjectives whose clause the parser often hangs elsewhere
_CLAUSE_ADJECTIVES = frozenset("possible clear likely unlikely true certain obvious evident "
                               "inevitable important necessary sure aware".split())


def _zero_that_clause(ctx: _Context, clause, end: int) -> int:
    """Extend "it was possible" over the clause that follows it without "that"."""
    doc = ctx.doc
    last = clause.right_edge
    if last.dep_ != "acomp" or last.lower_ not in _CLAUSE_ADJECTIVES or last.i + 1 >= len(doc):
        return end
    nxt = doc[last.i + 1]
    subject = nxt
    while subject.head.i != subject.i and subject.head.left_edge.i == nxt.i \
            and subject.head.pos_ not in ("VERB", "AUX"):
        subject = subject.head  # the noun phrase that starts right after the adjective
    verb = subject.head
    if subject.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX") and verb.i > last.i:
        return max(end, verb.right_edge.idx + len(verb.right_edge.text))
    return end


def _nested_reports(clause) -> list:
    """Trailing ", saying/writing/adding that ..." participles: the reporter's, not the content's."""
    return [c for c in clause.children if c.dep_ in ("advcl", "conj") and c.i > clause.i
            and c.lemma_.lower() in REPORT_VERBS and c.pos_ == "VERB"
            and (c.tag_ == "VBG" or c.dep_ == "conj" or any(x.dep_ == "nsubj" for x in c.children))]


def _frame_content(ctx: _Context, verb) -> list[tuple[int, int]]:
    """Object frames: "accused X of Y", "urged X to Y", "called X Y", "called on X to Y"."""
    lemma = verb.lemma_.lower()
    if lemma == "call":
        demand = _call_for_clause(ctx, verb)
        if demand:
            return demand
    parts = []
    for child in verb.children:
        if child.i < verb.i or (child.dep_ == "ccomp" and ctx.in_quote(child.left_edge)
                                and not ctx.in_quote(verb)):
            continue  # 'urged X to Y, adding: "..."': a quoted clause is another report's words
        if child.dep_ in _FRAME_DEPS or (child.dep_ == "prep" and child.lower_ in _FRAME_PREPS) \
                or _as_clause(child):
            parts.append(child)
    if lemma in OBJECT_ONLY_VERBS:
        parts = [p for p in parts if p.dep_ == "dobj"]
    if lemma in VERDICT_VERBS and not any(p.dep_ in ("oprd", "xcomp", "ccomp", "acomp") for p in parts):
        return []  # "will rule on an issue": no verdict stated yet
    if lemma in AS_FRAME_VERBS and not any(p.dep_ == "prep" and p.lower_ == "as" or _as_clause(p)
                                           for p in parts):
        return []  # "dismissed the claims" judges, "dismissed them as lies" reports
    if lemma in REQUEST_VERBS and not any(p.dep_ in ("xcomp", "ccomp") for p in parts):
        return []  # "asked my mom" reports no content; "asked X to Y" does
    deps = {p.dep_ for p in parts} | {c.dep_ for c in verb.children if c.dep_ == "dobj"}
    if lemma == "call" and not (("dobj" in deps and deps & {"oprd", "xcomp", "ccomp"})
                                or any(p.lower_ == "on" for p in parts) and "xcomp" in deps):
        return []  # "called for talks" is a demand for a thing, not reported content
    if not parts:
        return []
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts)
    doc = ctx.doc
    first = doc[lo]
    if first.pos_ == "ADP" and first.head.i == verb.i and first.lower_ in ("on", "of", "about", "for"):
        lo += 1  # "called on X to Y": content starts after the preposition
    if lo > hi or doc[lo].lower_ in _UNASSERTED:
        return []  # "asked whether ...": a question, nothing asserted
    return _keep(ctx, [_clip(ctx, verb, doc[lo].idx, doc[hi].idx + len(doc[hi].text))])


def _as_clause(child) -> bool:
    """ "describing it as significant": the parser's "as"-clause after the object is the frame's Y."""
    first = child.left_edge
    return child.dep_ == "advcl" and first.lower_ == "as" and first.dep_ != "mark" and first.i > child.head.i


def _call_for_clause(ctx: _Context, verb) -> list[tuple[int, int]]:
    """ "called for him to resign": a demand with its own subject and infinitive is reported content."""
    for c in verb.children:
        if c.i < verb.i or c.dep_ not in ("advcl", "ccomp", "xcomp"):
            continue
        marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]
        if marks and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and \
                any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
            m = marks[0]
            end = c.right_edge.idx + len(c.right_edge.text)
            return _keep(ctx, [_clip(ctx, verb, m.idx + len(m.text), end)])
    return []


def _parenthetical_content(ctx: _Context, verb) -> list[tuple[int, int]]:
    """The clause around a parenthetical cue, without stretches that hold another cue."""
    spans = _parenthetical_spans(ctx, verb)
    return [sp for sp in spans if not _holds_other_cue(ctx, verb, sp)]


def _holds_other_cue(ctx: _Context, verb, span: tuple[int, int]) -> bool:
    """ "The talks failed, he said, and the war resumed": a stretch with its own cue is not ours."""
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and any(t.i != verb.i and _is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS)
                                    and not ctx.in_quote(t) for t in toks)


def _parenthetical_spans(ctx: _Context, verb) -> list[tuple[int, int]]:
    """ "The truce, he said, was holding" / "A, he said, because B": the clause around the cue."""
    if verb.dep_ not in ("parataxis", "ccomp") or verb.head.i == verb.i:
        return []
    if verb.dep_ == "ccomp" and (_is_cue_verb(verb.head, REPORT_VERBS) or verb.i < verb.head.i):
        return []  # "a spokesman said he could not comment": reported, not parenthetical
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in verb.children):
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return []
    head = verb.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    lo = head.left_edge.i
    inner_lo, inner_hi = verb.left_edge.i, verb.right_edge.i
    doc = ctx.doc
    spans = []
    if inner_lo > lo:
        spans.append(_clip(ctx, verb, doc[lo].idx, doc[inner_lo - 1].idx + len(doc[inner_lo - 1].text)))
    if head.i > inner_hi:  # "Now, he said, the gaming world rivals ...": the rest is content
        hi = head.right_edge.i
        spans.append(_clip(ctx, verb, doc[inner_hi + 1].idx, doc[hi].idx + len(doc[hi].text)))
        return _keep(ctx, spans)
    # what follows the cue belongs to the content only as a clause or complement of the head
    after = [c for c in head.children if c.i > inner_hi and c.dep_ in _CLAUSE_DEPS]
    if after:
        a, b = min(c.left_edge.i for c in after), max(c.right_edge.i for c in after)
        spans.append(_clip(ctx, verb, doc[a].idx, doc[b].idx + len(doc[b].text)))
    return _keep(ctx, spans)


def _is_cue_verb(tok, lexicon) -> bool:
    """A reporting verb used as a verb: not a modifier ("claimed improvements") nor inside a
    title-case name ("the North East Says No campaign")."""
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lexicon:
        return False
    if tok.dep_ in ("amod", "compound") or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
        # a past tense with its own subject is a verb the parser hung on a noun ("DiCaprio described
        # director Martin Scorsese as ...")
        return tok.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if tok.is_title and prev is not None and not (prev.is_punct or prev.is_space or prev.is_sent_end):
        return False
    return True


def _thing_relative(verb, subj) -> bool:
    """ "accusations that threaten to ...": a relative clause whose antecedent is not a speaker."""
    if subj is None or subj.lower_ not in ("that", "which") or verb.dep_ != "relcl":
        return False
    noun = verb.head
    return not (noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or noun.lemma_.lower() in spk.ANONYMOUS_HEADS | spk.TITLE_WORDS | spk.DOCUMENT_WORDS
                | spk.GOVERNMENT_WORDS | spk.ORGANIZATION_HEADS)


def _make_clear(tok) -> bool:
    """ "has made it clear that ...": a reporting idiom."""
    return tok.lemma_ == "make" and any(c.lower_ == "clear" for c in tok.children)


def _verb_drafts(ctx: _Context) -> list[_Draft]:
    """Indirect (later maybe direct/mixed) attributions from reporting verbs."""
    drafts = []
    for tok in ctx.doc:
        belief = _is_cue_verb(tok, BELIEF_VERBS)
        if not (belief or _is_cue_verb(tok, REPORT_VERBS) or _make_clear(tok)) or ctx.in_boilerplate(tok.idx):
            continue
        lemma = tok.lemma_.lower()
        raised = _raised_report(ctx, tok)
        if raised is not None:
            drafts.append(raised)
            continue
        if belief:
            drafts.extend(_belief_draft(ctx, tok))
            continue
        if lemma in EVIDENCE_VERBS | VERDICT_VERBS and any(c.dep_ == "neg" for c in tok.children):
            continue  # "could not judge", "did not find": nothing concluded
        if lemma in EVIDENCE_VERBS and not (_evidence_subject(ctx, tok) and _finite_clause(ctx, tok)):
            continue
        if any(c.dep_ == "prt" for c in tok.children) and lemma in PARTICLE_NOT_CUES:
            continue
        if lemma in INFERENCE_VERBS and _inference_subject(tok):
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NOT_DONE:
            continue  # "failed to warn the US": a report that did not happen
        if lemma in REQUEST_VERBS and _agentless_passive(tok):
            continue  # "viewers will be urged to call": a request with no one making it
        content = _trailing_content(ctx, tok) or _clause_content(ctx, tok)
        if not content and _make_clear(tok):
            clear = next(c for c in tok.children if c.lower_ == "clear")
            content = _clause_content(ctx, clear)
        how = "clause"
        subj = _subject(ctx, tok)
        if not content and lemma in FRAME_VERBS and not _thing_relative(tok, subj):
            content, how = _frame_content(ctx, tok), "frame"
        if not content and lemma not in VERDICT_VERBS | EVIDENCE_VERBS:
            content, how = _parenthetical_content(ctx, tok), "parenthetical"
        if not content:
            continue
        if subj is not None and subj.lower_ in _EXPLETIVE and subj.dep_ == "nsubjpass":
            subj = None
        source = _source_span(subj)
        if source is not None and any(_overlap(source, c) for c in content):
            continue  # the parser took the object for the subject
        conf = {"clause": 0.8, "frame": 0.65, "parenthetical": 0.7}[how]
        drafts.append(_Draft(
            kind="indirect", contents=content, cue=_cue_span(tok), source_tok=subj,
            source=source, confidence=conf, para=ctx.para_of(tok.idx), cue_tok=tok,
        ))
        if how == "clause":
            drafts.extend(_aside_drafts(ctx, tok, subj, source))
        if how == "clause" and lemma in REQUEST_VERBS and _quoted_only(ctx, content):
            # 'urged X to Y, adding: "..."': the quote is one report, the request another
            frame = _frame_content(ctx, tok)
            if frame and not any(_overlap(source, c) for c in frame if source is not None):
                drafts.append(_Draft(kind="indirect", contents=frame, cue=_cue_span(tok), source_tok=subj,
                                     source=source, confidence=0.65, para=ctx.para_of(tok.idx),
                                     cue_tok=tok))
    return drafts


def _aside_drafts(ctx: _Context, verb, subj, source) -> list[_Draft]:
    """ "X said A - warning that B": the dash aside is a second report by the same source."""
    sent = ctx.sents[ctx.sent_of(verb.idx)]
    doc = ctx.doc
    for t in doc[verb.i + 1:sent.end]:
        if not (_side_clause_at(ctx, t) and doc[t.i - 1].text in _DASHES):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < sent.end else None
        if nxt is None or nxt.lower_ != "that":
            return []
        last = doc[sent.end - 1]
        content = _keep(ctx, [_clip(ctx, verb, nxt.idx + len(nxt.text), last.idx + len(last.text),
                                    _HEAD_EDGE)])
        if not content:
            return []
        return [_Draft(kind="indirect", contents=content, cue=_tok_span([t]), source_tok=subj,
                       source=source, confidence=0.7, para=ctx.para_of(t.idx), cue_tok=t)]
    return []


def _quoted_only(ctx: _Context, content) -> bool:
    """Every span lies inside quotation marks."""
    return all(any(q.start <= s and e <= q.end for q in ctx.all_quotes) for s, e in content)


def _agentless_passive(verb) -> bool:
    """ "will be urged to", "were asked to": a passive with no "by" agent names no requester."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _noun_holder(noun):
    """Who holds a reporting noun: "a TV host's suggestion", "media speculation", "claims by X"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "compound" and c.i == noun.i - 1 and (
                c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or {c.lemma_.lower(), c.lower_} & (
                    spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS | spk.TITLE_WORDS
                    | {"media", "press"})):
            return c
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                 for p in c.children if p.dep_ == "pobj"), None)


def _noun_drafts(ctx: _Context) -> list[_Draft]:
    """ "a TV host's suggestion that X", "media speculation that X": a held claim's clause."""
    drafts = []
    for noun in ctx.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORT_NOUNS or ctx.in_boilerplate(noun.idx):
            continue
        holder = _noun_holder(noun)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i
                       and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
                       and c.left_edge.i == noun.i + 1
                       and any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children)), None)
        if holder is None or clause is None:
            continue
        that = clause.left_edge
        end = clause.right_edge.idx + len(clause.right_edge.text)
        content = _keep(ctx, [_clip(ctx, noun, that.idx + len(that.text), end)], min_words=3)
        if not content:
            continue
        drafts.append(_Draft(kind="indirect", contents=content, cue=_tok_span([noun]), source_tok=holder,
                             source=_holder_span(ctx, holder), confidence=0.6, para=ctx.para_of(noun.idx), cue_tok=noun))
    return drafts


def _finite_clause(ctx: _Context, verb) -> bool:
    """ "found that 31% of documents contained", not "found themselves trailing"."""
    para = ctx.para_of(verb.idx)

    def has_subject(clause) -> bool:
        return any(s.dep_ in ("nsubj", "nsubjpass") and not s.lower_.endswith(("self", "selves"))
                   for s in clause.children)

    return any(c.dep_ == "ccomp" and ctx.para_of(c.idx) == para and has_subject(c) for c in verb.children)


def _inference_subject(verb) -> bool:
    """ "These explanations suggest that", "This shows that": no source, the writer reasoning."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None:
        return False
    if subj.lower_ in ("this", "these", "those") or subj.lower_ == "that" and verb.dep_ != "relcl":
        return True  # "which suggests" refers back to its noun, a possible source
    det = next((c for c in subj.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("this", "these", "those") and subj.pos_ == "NOUN" and \
        subj.lemma_.lower() not in spk.DOCUMENT_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS \
        | spk.ANONYMOUS_HEADS | spk.TITLE_WORDS | spk.ROLE_NOUNS | spk.MEDIA_WORDS


def _evidence_subject(ctx: _Context, verb) -> bool:
    """ "Official figures showed", "a study found": a document or body, not a person or pronoun."""
    subj = _subject(ctx, verb)
    if subj is None or subj.pos_ == "PRON" or subj.ent_type_ == "PERSON":
        return False
    if verb.lemma_.lower() == "find":
        return True
    heads = {subj.lemma_.lower(), subj.lower_}
    return subj.ent_type_ in ("ORG", "GPE", "NORP") or bool(heads & (
        spk.DOCUMENT_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS))


#: tokens that may stand between a trailing cue and its sentence's end ("he told the BBC.")
_TRAILING_MAX = 7


def _trailing_content(ctx: _Context, verb) -> list[tuple[int, int]]:
    """ "A, B and C, he said." / "..., said Mr Kennedy.": the whole sentence before the comma.

    The parser often hangs such a cue inside the clause ("judgement that this
    contravenes ..., he said"); the reported stretch is still everything from
    the sentence start to the comma before the speaker.
    """
    doc, text = ctx.doc, ctx.text
    para = ctx.paras[ctx.para_of(verb.idx)]
    j = verb.i + 1
    while j < len(doc) and doc[j].idx < para.end and not (doc[j].is_punct and doc[j].text in ".!?"):
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_punct and doc[j].text not in ",":
            return []
        j += 1
    if j - verb.i - 1 > _TRAILING_MAX:
        return []
    i = verb.i - 1
    while i >= 0 and (doc[i].dep_ in ("aux", "neg", "advmod", "compound", "det", "amod", "poss", "case")
                      or doc[i].dep_ in ("nsubj", "nsubjpass")) and doc[i].head.i in (verb.i, *[
            t.i for t in doc[i + 1:verb.i + 1]]) and doc[i].text != ",":
        i -= 1  # the subject (and its modifiers) right before the cue
    if i < 0 or doc[i].text != "," or ctx.in_quote(doc[i]) and not ctx.in_quote(verb):
        return []
    if i == verb.i - 1 and not any(c.i > verb.i and (c.dep_ == "nsubj" or c.dep_ in ("dobj", "npadvmod")
                                                     and c.pos_ == "PROPN") for c in verb.children):
        return []  # ", saying." or ", dismissed the offer": no speaker right by the cue
    sent = ctx.sents[ctx.sent_of(doc[i].idx)]
    start = max(sent.start_char, para.start)
    end = doc[i].idx
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.pos_ in ("VERB", "AUX") for t in span) \
            or len(_WORD.findall(text[start:end])) < 4:
        return []
    if any(_is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS) and not ctx.in_quote(t) for t in span):
        return []  # '"A," he said, "B," he added': another cue's stretch, not this one's
    return _keep(ctx, [_clip(ctx, verb, start, end)])


#: passives that report a claim about their subject: "X is said / reported / believed to Y"
RAISING_VERBS = frozenset("say report believe think understand rumour rumor allege".split())


def _raised_report(ctx: _Context, verb) -> _Draft | None:
    """ "Winning a Golden Globe is said to improve a film's chance": subject and infinitive are the
    content (two spans); the source is the agent when there is one, else nobody."""
    if verb.lemma_.lower() not in RAISING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if subj is None or xcomp is None or subj.lower_ in _EXPLETIVE or subj.lower_ in _RELATIVE:
        return None
    to = next(a for a in xcomp.children if a.dep_ == "aux" and a.lower_ == "to")
    parts = [_clip(ctx, verb, *_subtree_span(subj)),
             _clip(ctx, verb, to.idx + len(to.text), xcomp.right_edge.idx + len(xcomp.right_edge.text))]
    contents = _keep(ctx, parts, min_words=1)
    if len(contents) != 2:
        return None
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children
                  if p.dep_ == "pobj"), None)
    return _Draft(kind="indirect", contents=contents, cue=_cue_span(verb), source_tok=agent,
                  source=_source_span(agent), confidence=0.6, para=ctx.para_of(verb.idx), cue_tok=verb)


def _belief_draft(ctx: _Context, verb) -> list[_Draft]:
    """A stance with a clause and a stated holder: "INSEE expects the economy to grow"."""
    if verb.tag_ not in ("VBP", "VBZ", "VBD", "VBG") or any(c.dep_ == "neg" for c in verb.children):
        return []
    if verb.lemma_.lower() in PERCEPTION_BELIEFS and not _tensed_clause(verb):
        return []  # "I felt my leg go": a sensation, not a stance
    content = _clause_content(ctx, verb)
    subj = _subject(ctx, verb)
    if not content or subj is None or subj.lower_ in _EXPLETIVE | _RELATIVE:
        return []
    if sum(len(_WORD.findall(ctx.text[s:e])) for s, e in content) < 2 or not _has_subject(content, ctx):
        return []
    source = _source_span(subj)
    if any(_overlap(source, c) for c in content):
        return []
    return [_Draft(kind="indirect", contents=content, cue=_cue_span(verb), source_tok=subj, source=source,
                   confidence=0.6, para=ctx.para_of(verb.idx), cue_tok=verb)]


#: belief verbs that also tell of a sensation ("felt the floor shake"): a stance only with a tensed clause
PERCEPTION_BELIEFS = frozenset(["feel"])


def _tensed_clause(verb) -> bool:
    """ "feel (that) there is a place": the clause has a tense of its own (not a bare infinitive)."""
    return any(c.dep_ == "ccomp" and (c.tag_ in ("VBD", "VBZ", "VBP", "MD")
                                      or any(a.dep_ in ("aux", "auxpass") and a.lower_ != "to"
                                             for a in c.children))
               for c in verb.children)


def _has_subject(content, ctx: _Context) -> bool:
    """ "I think we did": even two words are a belief when they hold a subject and its verb."""
    s, e = content[0]
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    if len(_WORD.findall(ctx.text[s:e])) >= 3:
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span) and \
        any(t.pos_ in ("VERB", "AUX") for t in span)


def _cue_span(tok) -> tuple[int, int]:
    """The cue verb with its auxiliaries and particle ("has said", "pointed out")."""
    parts = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "prt", "neg")
                     and abs(c.i - tok.i) <= 3]
    return _tok_span(parts)


def _source_span(subj) -> tuple[int, int] | None:
    return None if subj is None else _mention_span(subj)


def _according_phrases(ctx: _Context) -> list[tuple]:
    """Every "according to X" phrase: (according, to, first token index, last token index)."""
    out = []
    for tok in ctx.doc:
        if tok.lower_ != "according" or ctx.in_boilerplate(tok.idx):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
        if to is not None:
            out.append((tok, to, tok.i, max(tok.i + 1, to.right_edge.i)))
    return out


def _according_drafts(ctx: _Context) -> list[_Draft]:
    """ "according to X": content is the clause the phrase attaches to, minus the phrase.

    A trailing phrase ("..., according to X") takes what precedes it; a
    phrase inside the clause takes both sides; another "according to" phrase
    in the same stretch bounds it ("60 according to A or 80 according to B").
    """
    drafts = []
    phrases = _according_phrases(ctx)
    doc = ctx.doc
    for tok, to, phrase_lo, phrase_hi in phrases:
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in NOT_SOURCES:
            continue  # "went according to plan": a standard, not a source
        head = tok.head if tok.head.i != tok.i else tok.sent.root
        if phrase_lo <= head.i <= phrase_hi:
            head = tok.sent.root
        anchor = head
        while anchor.dep_ != "ROOT" and anchor.pos_ in ("NOUN", "PROPN", "NUM"):
            anchor = anchor.head  # "killing 60 soldiers according to X": the clause of the noun
        lo, hi = anchor.left_edge.i, anchor.right_edge.i
        pieces = []
        if lo < phrase_lo:
            pieces.append([lo, phrase_lo - 1])
        if phrase_hi < hi and anchor.i > phrase_hi:
            pieces.append([phrase_hi + 1, hi])
        for _, _, o_lo, o_hi in phrases:
            for piece in pieces:
                if o_lo != phrase_lo and piece[0] <= o_lo and o_hi <= piece[1]:
                    if o_hi < phrase_lo:
                        piece[0] = o_hi + 1
                    else:
                        piece[1] = o_lo - 1
        spans = [_clip(ctx, tok, doc[x].idx, doc[y].idx + len(doc[y].text), _HEAD_EDGE)
                 for x, y in pieces if x <= y]
        spans = [_strip_leading_cc(ctx.text, *sp) for sp in spans]
        spans = [sp for sp in spans if _letters(ctx.text, *sp) >= 1]
        if not spans:
            continue
        drafts.append(_Draft(
            kind="according_to", contents=spans, cue=_tok_span([tok, to]), source_tok=pobj,
            source=_source_span(pobj), confidence=0.8, para=ctx.para_of(tok.idx), cue_tok=tok,
        ))
    return drafts


def _strip_leading_cc(text: str, start: int, end: int) -> tuple[int, int]:
    m = _LEADING_CC.match(text, start, end)
    return (m.end(), end) if m and m.end() < end else (start, end)


# --------------------------------------------------------------------------
# quotes


def _quote_groups(ctx: _Context) -> list[list[QuoteSpan]]:
    """Quotes grouped into one attribution each: multi-paragraph parts and split quotes."""
    groups: list[list[QuoteSpan]] = []
    for q in ctx.quotes:
        if groups:
            prev = groups[-1][-1]
            if q.quote_id == prev.quote_id or _split_pair(ctx, prev, q):
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _split_pair(ctx: _Context, a: QuoteSpan, b: QuoteSpan) -> bool:
    """ "A," she said, "B.": a short gap holding a cue, no sentence end, same paragraph."""
    if a.close is None or b.open is None or ctx.para_of(a.start) != ctx.para_of(b.start):
        return False
    gap = ctx.text[a.close + 1:b.open]
    if len(gap) > 80 or any(c in gap for c in ".!?\n") or not gap.strip():
        return False
    words = _WORD.findall(gap)
    if len(words) > 8 or "that" in (w.lower() for w in words):
        return False  # "..., adding that the city was "overwhelmed"": a new report, not a split
    if not ctx.text[a.start:a.end].rstrip().endswith((",", "—", "-", "–", "...", "…")) \
            and not gap.rstrip().endswith((",", ":")):
        return False
    if ctx.text[a.start:a.end].rstrip().endswith((".", "!", "?")) and words and words[0][:1].isupper():
        return False  # 'him." The Foreign Secretary told the BBC: "I ...': a new sentence, a new quote
    span = ctx.doc.char_span(a.close + 1, b.open, alignment_mode="expand")
    return span is not None and any(_is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS) for t in span)


def _group_span(group: list[QuoteSpan]) -> tuple[int, int]:
    return group[0].start, group[-1].end


def _governors(ctx: _Context, group: list[QuoteSpan]) -> set[int]:
    """Indices of the tokens that govern the quote in the parse (heads of its tokens, upwards)."""
    out: set[int] = set()
    for q in group:
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            head = tok.head
            if not (q.start <= head.idx < q.end):
                out.update(t.i for t in [head, *head.ancestors])
    return out


def _nearest_cue(ctx: _Context, group: list[QuoteSpan]):
    """The cue verb for a quote: in its sentence(s) outside quotes, nearest to the marks."""
    start, end = _group_span(group)
    open_pos = group[0].open if group[0].open is not None else start
    close_pos = group[-1].close if group[-1].close is not None else end
    s_lo, s_hi = ctx.sent_of(open_pos), ctx.sent_of(max(close_pos, end - 1))
    sents = list(range(s_lo, s_hi + 1))
    # "...," he said.  split by the parser into its own short sentence
    if s_hi + 1 < len(ctx.sents):
        nxt = ctx.sents[s_hi + 1]
        if nxt.start_char - close_pos <= 3 and len(nxt) <= 15 and ctx.quote_at(nxt.start_char + 1) is None:
            sents.append(s_hi + 1)
    colon = False
    if s_lo > 0 and ctx.text[:open_pos].rstrip().endswith(":"):
        sents.insert(0, s_lo - 1)
        colon = True
    elif ctx.text[ctx.sents[s_lo].start_char:open_pos].rstrip().endswith(":"):
        colon = True
    lexicon = (REPORT_VERBS | QUOTE_ONLY_VERBS) - EVIDENCE_VERBS
    lead_in = ctx.text[:open_pos].rstrip().endswith((":", ","))  # 'he said, / "...'
    governors = _governors(ctx, group)
    para, last_para = ctx.para_of(start), ctx.para_of(max(start, end - 1))
    # a line break inside a sentence ('"...?"' / 'said he.'): the next line goes on in lower case
    after = ctx.text[close_pos + 1:close_pos + 40].lstrip()
    continued = bool(after) and after[0].islower() and last_para + 1 < len(ctx.paras) \
        and ctx.paras[last_para + 1].start <= close_pos + 1 + (len(ctx.text[close_pos + 1:close_pos + 40])
                                                               - len(after))
    best, best_d = None, None
    for si in sents:
        for tok in ctx.sents[si]:
            if not _is_cue_verb(tok, lexicon) or ctx.in_quote(tok):
                continue
            if start <= tok.idx < end:
                continue
            tok_para = ctx.para_of(tok.idx)
            if not (para <= tok_para <= last_para or (lead_in and tok_para == para - 1)
                    or (tok_para == last_para + 1 and continued)):
                continue  # a sentence the parser ran across a paragraph break
            before = tok.idx < open_pos
            gap = ctx.doc.char_span(min(tok.idx, close_pos), max(tok.idx, open_pos),
                                    alignment_mode="expand") if not before else \
                ctx.doc.char_span(tok.idx, open_pos, alignment_mode="expand")
            n_gap = len(gap) if gap is not None else 0
            near = n_gap <= MAX_CUE_GAP or (colon and before)
            if tok.i not in governors and not near:
                continue  # a verb of another clause, far from the quote
            d = open_pos - tok.idx if before else tok.idx - close_pos
            if colon and before:
                d = d / 4  # "He said: "...""
            if best_d is None or d < best_d:
                best, best_d = tok, d
    if best is None:
        for si in sents:  # "according to X" as a quote's cue
            for tok in ctx.sents[si]:
                if tok.lower_ == "according" and not ctx.in_quote(tok):
                    return tok
    return best


def _frame_of(ctx: _Context, group: list[QuoteSpan], drafts: list[_Draft]):
    """The report whose content is this quote ("direct") or holds it as a fragment ("mixed")."""
    glen = sum(q.end - q.start for q in group)
    mixed = None
    for d in drafts:
        if d.cue_tok is not None and (ctx.in_quote(d.cue_tok) or _is_belief(d)):
            continue  # a report nested inside a quotation, or a stance: not the quotation's frame
        shared = sum(_overlap(c, (q.start, q.end)) for c in d.contents for q in group)
        if not shared:
            continue
        dlen = sum(e - s for s, e in d.contents)
        if shared >= 0.8 * dlen or (shared >= 0.9 * glen and dlen <= 1.25 * glen):
            return ("extend", d) if _names_outside(ctx, d, group) else ("direct", d)
        if shared >= 0.9 * glen and mixed is None:
            mixed = ("mixed", d)
    return mixed


def _is_belief(d: _Draft) -> bool:
    return d.cue_tok is not None and d.cue_tok.lemma_.lower() in BELIEF_VERBS


def _names_outside(ctx: _Context, d: _Draft, group: list[QuoteSpan]) -> bool:
    """ "calling Davis "an icon"": a report whose content names something outside the quote is
    mixed, however short the unquoted part."""
    lo = group[0].open if group[0].open is not None else group[0].start
    hi = group[-1].close if group[-1].close is not None else group[-1].end
    outside = sum(len(_WORD.findall(ctx.text[s:min(e, lo)])) + len(_WORD.findall(ctx.text[max(s, hi):e]))
                  for s, e in d.contents)
    if outside > MAX_MIXED_LEAD:
        return False  # a long stretch of narration around the quote: the quote is the content
    for s, e in d.contents:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        for tok in span if span is not None else ():
            if tok.pos_ in ("PROPN", "NOUN") and not lo <= tok.idx <= hi:
                return True
    return False


def _headline(ctx: _Context, para: Span) -> bool:
    """A short first line without a sentence end: the article's title."""
    line = ctx.text[para.start:para.end].rstrip("\"'”’ ")
    return len(_WORD.findall(line)) <= 20 and not line.endswith((".", "!", "?", ":"))


def _attach_quotes(ctx: _Context, drafts: list[_Draft]) -> list[_Draft]:
    """Turn quotes into direct attributions, or mark the reports that contain them mixed."""
    by_cue = {d.cue_tok.i: d for d in drafts if d.cue_tok is not None}
    # '"...," thought Alice': a stance verb outside quotes whose clause holds a quote is no report
    out = [d for d in drafts if not (_is_belief(d) and not ctx.in_quote(d.cue_tok) and any(
        _overlap(c, (q.start, q.end)) for c in d.contents for q in ctx.quotes))]
    for group in _quote_groups(ctx):
        contents = [(q.start, q.end) for q in group]
        para = ctx.para_of(group[0].start)
        frame = _frame_of(ctx, group, drafts)
        if frame is not None:
            kind, d = frame
            if kind == "direct":
                d.kind = "according_to" if d.kind == "according_to" else "direct"
                d.contents = contents
                d.confidence = max(d.confidence, 0.9)
            elif d.kind == "indirect":
                d.kind = "mixed"
                if kind == "extend" and len(d.contents) == 1 and \
                        ctx.para_of(d.start) == para == ctx.para_of(group[-1].end - 1):
                    # the reported clause runs on inside the quote: one span over both
                    d.contents = [(min(d.start, group[0].start), max(d.end, group[-1].end))]
            continue
        cue = _nearest_cue(ctx, group)
        if cue is None and para == 0 and _headline(ctx, ctx.paras[0]):
            continue  # a quoted phrase in a headline names nobody: "Users 'lose patience'"
        host = _run_on_host(ctx, group, drafts) if cue is None else None
        if host is not None:
            # 'calling Davis "an icon" and he and Dee "American treasures"': one reported clause
            host.kind = "mixed"
            host.contents = [(host.start, group[-1].end)]
        elif cue is None and (noun := _noun_verdict(ctx, group)) is not None:
            holder = next(c for c in noun.children if c.dep_ == "poss")
            out.append(_Draft("direct", contents, _tok_span([noun]), holder, _holder_span(ctx, holder),
                              0.8, para, cue_tok=noun))
        elif cue is None and (intro := _introducer(ctx, group)) is not None:
            # 'Writing in a paper, Mr X set out his view. "..."': the participle frames the quote
            verb, subj = intro
            out.append(_Draft("direct", contents, _tok_span([verb]), subj, _source_span(subj),
                              0.75, para, cue_tok=verb))
        elif cue is None and _quoted_name(ctx, group):
            continue  # 'the show billed as "A Night Of Stars"': a title or slogan, no one speaking
        elif cue is None:
            out.append(_Draft("direct", contents, None, None, None, 0.4, para, follow_on=True))
        elif cue.lower_ == "according":
            pobj = next((c for t in cue.children if t.lower_ == "to" for c in t.children
                         if c.dep_ == "pobj"), None)
            out.append(_Draft("according_to", contents, _tok_span([cue]), pobj, _source_span(pobj),
                              0.8, para, cue_tok=cue))
        elif _continues_clause(ctx, by_cue.get(cue.i), group):
            # 'said A but B would be "central"': the quoted word ends the same reported clause
            existing = by_cue[cue.i]
            existing.kind = "mixed"
            existing.contents = [(existing.start, group[-1].end)]
        else:
            existing = by_cue.get(cue.i)
            subj = existing.source_tok if existing is not None else _subject(ctx, cue)
            out.append(_Draft("direct", contents, _cue_span(cue), subj, _source_span(subj),
                              0.9 if subj is not None else 0.6, para, cue_tok=cue))
    return out


def _continues_clause(ctx: _Context, d: _Draft | None, group: list[QuoteSpan]) -> bool:
    """A short quoted fragment later in the sentence of a one-span indirect report, with no other
    cue or sentence mark between them: the fragment continues that report."""
    if d is None or d.kind != "indirect" or len(d.contents) != 1 or d.cue_tok is None or \
            d.cue_tok.idx > d.start:
        return False
    q = group[0]
    inner = ctx.text[q.start:group[-1].end]
    open_pos = q.open if q.open is not None else q.start
    if len(_WORD.findall(inner)) > MAX_NAME_WORDS or open_pos < d.end or \
            ctx.sent_of(open_pos) != ctx.sent_of(d.cue_tok.idx):
        return False
    gap = ctx.doc.char_span(d.end, open_pos, alignment_mode="expand")
    return gap is not None and not any(t.text in ".!?:;" or _is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS)
                                       for t in gap if not ctx.in_quote(t))


#: nouns that name a person's words after a quote: '"...," was Mr Smith's verdict'
VERDICT_NOUNS = REPORT_NOUNS | frozenset("assessment verdict view comment response reply words "
                                         "judgement judgment conclusion summary".split())


def _noun_verdict(ctx: _Context, group: list[QuoteSpan]):
    """ '"A," was X's assessment': the noun after the quote and "was", held by a possessive."""
    close = group[-1].close if group[-1].close is not None else group[-1].end
    doc = ctx.doc
    mark = doc.char_span(close, min(close + 1, len(ctx.text)), alignment_mode="expand")
    if mark is None:
        return None
    after = [t for t in doc[mark.end - 1:mark.end + 6] if t.idx > close][:6]
    words = [t for t in after if not t.is_punct]
    if len(words) < 3 or words[0].lemma_ != "be" or any(t.text in ".!?" for t in after[:after.index(words[0])]):
        return None
    noun = next((t for t in words[1:] if t.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in VERDICT_NOUNS or noun.head.i != words[0].i or \
            not any(c.dep_ == "poss" for c in noun.children):
        return None
    return noun


def _introducer(ctx: _Context, group: list[QuoteSpan]):
    """The sentence right before a bare quote, in its paragraph, opened by "Writing in ..." /
    "Speaking to ...": (participle, subject of the sentence) when the subject is a name."""
    open_pos = group[0].open if group[0].open is not None else group[0].start
    si = ctx.sent_of(open_pos)
    if si == 0 or ctx.para_of(ctx.sents[si - 1].start_char) != ctx.para_of(open_pos):
        return None
    prev = ctx.sents[si - 1]
    if ctx.text[prev.end_char:open_pos].strip() or any(ctx.in_quote(t) for t in prev):
        return None
    root = prev.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    part = next((c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < root.i
                 and c.lemma_.lower() in REPORT_VERBS | QUOTE_ONLY_VERBS), None)
    if subj is None or part is None or not (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"):
        return None
    return part, subj


def _holder_span(ctx: _Context, holder) -> tuple[int, int]:
    """The possessor's mention without its "'s"."""
    s, e = _mention_span(holder)
    return _trim(ctx.text, s, e - 2 if ctx.text[e - 2:e] in ("'s", "’s") else e, _SPACE_EDGE)


#: a cue-less quote this short, capitalised mid-sentence and without a sentence mark, is a name
MAX_NAME_WORDS = 5


def _quoted_name(ctx: _Context, group: list[QuoteSpan]) -> bool:
    """ 'the "Save Our Parks" campaign', 'described as "A Night Of Stars"': a title or slogan."""
    if len(group) != 1:
        return False
    q = group[0]
    inner = ctx.text[q.start:q.end].strip()
    if not inner or not inner[0].isupper() or len(_WORD.findall(inner)) > MAX_NAME_WORDS or \
            any(ch in inner for ch in ".!?,;:"):
        return False
    before = ctx.text[:q.open if q.open is not None else q.start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in "'’")


def _run_on_host(ctx: _Context, group: list[QuoteSpan], drafts: list[_Draft]) -> _Draft | None:
    """The report whose clause this cue-less quote continues: same sentence, a short joining gap."""
    open_pos = group[0].open if group[0].open is not None else group[0].start
    for d in drafts:
        if d.kind not in ("indirect", "mixed") or len(d.contents) != 1 or d.cue_tok is None \
                or _is_belief(d) or ctx.in_quote(d.cue_tok) or not (d.start < d.end <= open_pos):
            continue
        gap = ctx.text[d.end:open_pos]
        if len(gap) <= 40 and not any(c in gap for c in ".!?;:\n") and \
                ctx.sent_of(d.end - 1) == ctx.sent_of(open_pos) and _WORD.search(gap):
            return d
    return None


def _inherit_follow_ons(drafts: list[_Draft]) -> None:
    """A bare quote takes the speaker of the quote just before it (same or previous paragraph)."""
    prev: _Draft | None = None
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        if d.follow_on:
            if prev is not None and d.para - prev.para <= 1:
                d.inherited = prev
                d.confidence = 0.7
            continue
        if d.kind in ("direct", "mixed") and (d.source_tok is not None or d.inherited):
            prev = d
        elif d.kind in ("indirect", "according_to") and d.start > (prev.end if prev else -1) \
                and not _is_belief(d):
            # a sourced report between quotes is whom a following bare quote continues;
            # an unsourced one ends the chain
            prev = d if d.source_tok is not None else None


# --------------------------------------------------------------------------
# speaker resolution


class _Resolver:
    """Pronouns, relatives, role nouns and name variants to canonical speakers, per article."""

    def __init__(self, ctx: _Context):
        self.ctx = ctx
        doc = ctx.doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON" and spk.clean_name(e.text)
                        and e.text.lower() not in spk.PARTY_WORDS]  # "Labour" tagged PERSON
        self.groups = [e for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP")]
        self.canon = spk.canonical_names(spk.clean_name(e.text) for e in self.persons)
        surnames: dict[str, set[str]] = {}
        for full in set(self.canon.values()):
            if len(full.split()) > 1:
                surnames.setdefault(spk.name_key(full), set()).add(full)
        self.by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        self.roles = self._role_map()
        self.person_starts = [e.start_char for e in self.persons]
        # proper-noun subjects the tagger did not call PERSON ("Souness", tagged ORG): he/she may
        # still refer to them
        self.name_subjects = [t for t in doc if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
                              and t.ent_type_ in ("", "PERSON", "ORG") and t.is_title
                              and not self._organisation_word(t) and t.lower_ not in spk.PARTY_WORDS]
        self.name_subject_starts = [t.idx for t in self.name_subjects]

    def _role_map(self) -> list[tuple[int, str, str, str]]:
        """(position, role word, canonical name, role phrase) for every titled person mention."""
        out = []
        for e in self.persons:
            name = self.name(e.text)
            root = e.root
            np_tokens = [t for t in root.subtree if t.i < e.start and t.dep_ in ("compound", "amod", "nmod",
                                                                                     "poss", "det", "case")]
            words = [t for t in np_tokens if (t.lower_.rstrip(".") in spk.TITLE_WORDS | spk.ANONYMOUS_HEADS
                     or t.pos_ == "NOUN") and t.lower_ not in spk.HONORIFICS
                     and t.lower_.rstrip(".") not in spk.HONORIFICS]
            titled = [t for t in np_tokens if t.lower_ not in spk.HONORIFICS]
            phrase = self.ctx.text[titled[0].idx:e.start_char].strip(" ,") if titled else ""
            for t in words:
                out.append((e.start_char, t.lemma_.lower(), name, phrase))
            # "Aleppo's governor, Hussein Diab" / "Samantha Power, the USA ambassador"
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                head = root.head
                out.append((e.start_char, head.lemma_.lower(), name,
                            self.ctx.text[head.left_edge.idx:head.idx + len(head.text)]))
            for child in root.children:
                if child.dep_ == "appos" and child.pos_ == "NOUN":
                    out.append((e.start_char, child.lemma_.lower(), name,
                                self.ctx.text[child.left_edge.idx:child.right_edge.idx
                                              + len(child.right_edge.text)]))
        return out

    def name(self, text: str) -> str:
        clean = spk.clean_name(text)
        if clean not in self.canon and " " not in clean and clean.lower() in getattr(self, "by_surname", {}):
            return self.by_surname[clean.lower()]  # "Mr Straw" tagged ORG after "Jack Straw"
        return self.canon.get(clean, clean)

    def mention(self, tok) -> spk.Mention:
        start, end = _mention_span(tok)
        ents = tuple((e.text, e.label_) for e in self.ctx.doc.ents
                     if e.start_char < end and e.end_char > start)
        first = self.ctx.text[start:end].split()[:1]
        definite = bool(first) and (first[0].lower() in ("the", "his", "her", "its", "their")
                                    or first[0].endswith(("'s", "’s")))
        return spk.Mention(
            text=self.ctx.text[start:end], head=tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_,
            ents=ents, is_pronoun=tok.pos_ == "PRON", definite=definite,
            plural=tok.tag_ in ("NNS", "NNPS"), head_text=tok.lower_, proper=tok.pos_ == "PROPN",
        )

    def resolve(self, d: _Draft, done: list[_Draft]) -> None:
        if d.inherited is not None:
            src = d.inherited
            d.speaker, d.speaker_type, d.speaker_role = src.speaker, src.speaker_type, src.speaker_role
            return
        tok = d.source_tok
        if tok is None:
            return
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.lower_ in spk.PERSONAL_PRONOUNS:
            self._pronoun(d, tok, done)
            return
        m = self.mention(tok)
        speaker, kind, role = spk.describe(m)
        chain = self._proper_name(tok)
        if chain and kind not in ("news agency", "media") and (kind != "person" or not any(
                label == "PERSON" and tok.text in t for t, label in m.ents)):
            # a proper-noun head outside any organisation or place entity is a person's name
            speaker, kind = chain, "person"
            role = self._title_of(tok, m.text)
        if kind == "person":
            speaker = self.name(speaker)
            role = role or self._role_of(speaker)
        elif kind == "document":
            author = self._document_author(tok)
            if author is not None:
                inner = self.mention(author)
                speaker, kind, role = spk.describe(inner)
                if kind == "person":
                    speaker = self.name(speaker)
        person_noun = tok.lemma_.lower() in spk.TITLE_WORDS | spk.ROLE_NOUNS | spk.ANONYMOUS_HEADS
        appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and (c.ent_type_ in ("", "PERSON") or person_noun)), None)
        if appos is not None and tok.pos_ == "NOUN" and not any(
                label == "PERSON" and tok.text in t.split() for t, label in m.ents):
            # "Aleppo's governor, Hussein Diab": the apposed name is the speaker
            name = self.name(self.ctx.text[appos.left_edge.idx:appos.right_edge.idx + len(appos.right_edge.text)])
            role = spk.strip_determiners(self.ctx.text[tok.left_edge.idx:tok.idx + len(tok.text)])
            speaker, kind = name, "person"
        if kind == "news agency" and spk.agency_name(speaker) is None:
            # "the news agency": the agency the article named before
            earlier = [x for x in done if x.speaker_type == "news agency" and spk.agency_name(x.speaker)]
            if earlier:
                speaker = max(earlier, key=lambda x: x.start).speaker
        if kind != "person" and tok.pos_ == "PROPN" and tok.lower_ in self.by_surname:
            # "McIlroy" (tagged as an organisation) after "James McIlroy" in the same article
            speaker, kind, role = self.by_surname[tok.lower_], "person", self._role_of(speaker)
        if kind != "person" and tok.pos_ == "NOUN" and tok.lemma_.lower() in spk.ROLE_NOUNS | spk.TITLE_WORDS:
            named = self._trailing_name(m)
            if named:  # "U.S. ambassador to the UN Samantha Power": the name, with its role
                speaker, kind, role = self.name(named), "person", spk.role_of_mention(m.text, named)
        head_named = any(tok.text in t.split() for t, _ in m.ents)
        if kind in ("anonymous", "unknown", "person") and m.definite and not head_named \
                and tok.pos_ == "NOUN":
            named = self._role_noun(tok, m)
            if named is not None:
                speaker, kind, role = named[0], "person", named[1] or role
        d.speaker, d.speaker_type, d.speaker_role = speaker, kind, role

    def _trailing_name(self, m: spk.Mention) -> str:
        """Two or more title-case proper nouns ending a role mention, acronyms and places left out."""
        words = m.text.split()
        name: list[str] = []
        while words and re.fullmatch(r"[A-Z][a-z][\w'’.-]*", words[-1]) and not (
                spk.is_country(words[-1]) or words[-1].lower() in spk.GOVERNMENT_WORDS | spk.ORGANIZATION_HEADS
                | spk.MEDIA_WORDS | spk.TITLE_WORDS | spk.ROLE_NOUNS):
            name.insert(0, words.pop())
        return " ".join(name) if len(name) >= 2 and words else ""

    @staticmethod
    def _organisation_word(tok) -> bool:
        words = {w.lower_ for w in tok.subtree} if tok.n_lefts + tok.n_rights < 6 else {tok.lower_}
        return bool(words & (spk.GOVERNMENT_WORDS | spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS)) or \
            spk.agency_name(tok.text) is not None or spk.is_country(tok.text)

    def _proper_name(self, tok) -> str:
        """ "Lieutenant General Sergei Rudskoi" -> "Sergei Rudskoi" when the head is a bare name."""
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON"):
            return ""
        low = tok.lower_
        if low in spk.GOVERNMENT_WORDS | spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS or spk.agency_name(tok.text):
            return ""
        if spk.is_country(tok.text):
            return ""
        words = [tok]
        left = tok.i - 1
        doc = tok.doc
        while left >= 0 and doc[left].dep_ == "compound" and doc[left].head.i in (tok.i,) and \
                doc[left].pos_ == "PROPN" and doc[left].ent_type_ in ("", "PERSON"):
            words.insert(0, doc[left])
            left -= 1
        names = [w.text for w in words]
        while len(names) > 1 and names[0].lower().rstrip(".") in spk.TITLE_WORDS:
            names = names[1:]
        if tok.ent_type_ == "" and len(names) == 1 and not tok.text[:1].isupper():
            return ""
        return self.name(" ".join(names))

    def _title_of(self, tok, mention: str) -> str:
        """The words of the mention that are not the name: "Lieutenant General", "mayor"."""
        name = self._proper_name(tok)
        rest = mention
        for w in name.split():
            rest = rest.replace(w, " ")
        role = " ".join(rest.split()).strip(" ,;:")
        return spk.strip_determiners(role) if any(c.isalpha() for c in role) else ""

    def _document_author(self, tok):
        """ "a statement by Russia's foreign ministry": the author, not the document."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        for child in tok.children:
            if child.dep_ in ("compound", "poss") and child.pos_ in ("NOUN", "PROPN"):
                return child  # "a Syrian army statement" -> "Syrian army"
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod") and child.ent_type_ in ("ORG", "GPE", "NORP",
                                                                                  "PERSON"):
                return child
        return None

    def _role_of(self, name: str) -> str:
        for _, _, n, phrase in self.roles:
            if n == name and phrase:
                return phrase
        return ""

    def _role_noun(self, tok, m: spk.Mention):
        """ "the spokeswoman" -> the person named as spokeswoman, nearest mention first."""
        head = tok.lemma_.lower()
        hits = [(abs(pos - tok.idx), pos > tok.idx, name, phrase)
                for pos, word, name, phrase in self.roles if word == head]
        if not hits:
            return None
        _, _, name, phrase = min(hits)
        return name, m.text.strip() if m.text.strip() else phrase

    def _pronoun(self, d: _Draft, tok, done: list[_Draft]) -> None:
        kind = spk.PERSONAL_PRONOUNS[tok.lower_]
        pos = tok.idx
        if tok.lower_ in ("i", "we", "me", "us"):
            # "I told him ..." inside a quotation: the speaker of that quotation
            outer = [x for x in done if x.speaker and x.kind in ("direct", "mixed")
                     and any(s <= pos < e for s, e in x.contents)]
            if outer:
                src = outer[-1]
                d.speaker, d.speaker_type, d.speaker_role = src.speaker, src.speaker_type, src.speaker_role
                return
        if kind == "person":
            cand = self._nearest_person(pos, done)
            if cand is not None:
                d.speaker, d.speaker_type, d.speaker_role = cand
                return
        else:
            for prev in sorted(done, key=lambda x: -(x.source[0] if x.source else -1)):
                if prev.source and prev.source[0] < pos and prev.speaker and prev.speaker_type in (
                        "organization", "government body", "media", "anonymous", "news agency",
                        "document") and (kind == "group" or prev.speaker_type != "anonymous"):
                    if pos - prev.source[0] < 1500:
                        d.speaker, d.speaker_type, d.speaker_role = (prev.speaker, prev.speaker_type,
                                                                     prev.speaker_role)
                        return
            ent = self._nearest_group(tok)
            if ent is not None:
                m = spk.Mention(ent.text, ent.root.lower_, ((ent.text, ent.label_),))
                d.speaker, d.speaker_type, d.speaker_role = spk.describe(m)
                return
        d.speaker, d.speaker_type, d.speaker_role = "", "unknown", ""

    def _nearest_person(self, pos: int, done: list[_Draft]):
        """The closest earlier person: a resolved person speaker or a PERSON name as a subject."""
        best = None
        for prev in done:
            if prev.speaker_type == "person" and prev.speaker and prev.source and prev.source[0] < pos:
                if best is None or prev.source[0] > best[0]:
                    best = (prev.source[0], (prev.speaker, "person", prev.speaker_role))
        i = bisect_right(self.person_starts, pos) - 1
        while i >= 0:
            e = self.persons[i]
            root = e.root
            subject = root.dep_ in ("nsubj", "nsubjpass") or (
                root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
            if e.end_char <= pos and subject:
                if best is None or e.start_char > best[0]:
                    name = self.name(e.text)
                    best = (e.start_char, (name, "person", self._role_of(name)))
                break
            i -= 1
        j = bisect_right(self.name_subject_starts, pos) - 1
        while j >= 0 and self.name_subjects[j].ent_type_ == "ORG" and best is not None \
                and self.name_subjects[j].lower_ not in self.by_surname:
            j -= 1  # "Labour" tagged ORG is a weaker antecedent than a person already found
        if j >= 0:
            tok = self.name_subjects[j]
            if best is None or tok.idx > best[0]:
                name = self.by_surname.get(tok.lower_) or self._proper_name(tok) or tok.text
                best = (tok.idx, (name, "person", self._role_of(name)))
        if best is None:  # no subject at all: any earlier name (a headline the parser ran on)
            k = bisect_right(self.person_starts, pos) - 1
            while k >= 0 and self.persons[k].end_char > pos:
                k -= 1
            if k >= 0 and pos - self.persons[k].start_char < 1500:
                name = self.name(self.persons[k].text)
                best = (self.persons[k].start_char, (name, "person", self._role_of(name)))
        if best is None or pos - best[0] > 3000:
            return None
        return best[1]

    def _nearest_group(self, tok):
        for e in reversed(self.groups):
            if e.end_char <= tok.idx and tok.idx - e.end_char < 600 and e.root.dep_ in ("nsubj", "nsubjpass"):
                return e
        return None


# --------------------------------------------------------------------------
# public API


def _dedupe(drafts: list[_Draft]) -> list[_Draft]:
    """One attribution per content: identical content spans keep the most confident."""
    best: dict[tuple, _Draft] = {}
    for d in drafts:
        key = tuple(sorted(d.contents))
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    return list(best.values())


def _finalise(ctx: _Context, d: _Draft) -> Attribution:
    def span(pair):
        return None if pair is None else Span(*pair)

    contents = [Span(s, e) for s, e in sorted(d.contents) if e > s]
    conf = d.confidence
    if not d.speaker:
        conf -= 0.2
    elif d.source_tok is not None and d.source_tok.pos_ == "PRON":
        conf -= 0.1
    return Attribution(
        kind=d.kind, contents=contents, cue=span(d.cue), source=span(d.source), speaker=d.speaker,
        speaker_type=d.speaker_type if d.speaker or d.speaker_type != "unknown" else "unknown",
        speaker_role=d.speaker_role, confidence=round(max(0.05, min(conf, 0.99)), 2),
    )


def extract(doc) -> list[Attribution]:
    """All attributions of one parsed article, in text order; never raises on odd text."""
    if doc is None or not doc.text.strip():
        return []
    if not doc.has_annotation("DEP"):
        # a pipeline without a dependency parser: the rules have nothing to read (and spaCy's
        # token.children can crash on such a doc); analysis.pipeline warns about it once
        return []
    ctx = _Context(doc)
    drafts = _verb_drafts(ctx) + _according_drafts(ctx) + _noun_drafts(ctx)
    drafts = _attach_quotes(ctx, drafts)
    drafts = [d for d in drafts if d.contents and not ctx.in_boilerplate(d.start)]
    drafts = _dedupe(drafts)
    _inherit_follow_ons(drafts)
    resolver = _Resolver(ctx)
    done: list[_Draft] = []
    for d in sorted(drafts, key=lambda d: (d.inherited is not None, d.start)):
        resolver.resolve(d, done)
        done.append(d)
    out = [_finalise(ctx, d) for d in drafts]
    return sorted([a for a in out if a.contents],
                  key=lambda a: (a.start, a.contents[-1].end, a.kind))


def extract_corpus(corpus: Corpus, nlp=None, parsed: dict | None = None) -> dict[str, list[Attribution]]:
    """``{doc_id: [Attribution]}`` for a corpus, person names merged across documents."""
    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    result = {d.id: extract(parsed[d.id]) for d in corpus}
    persons: set[str] = set()
    bodies: Counter = Counter()
    for d in corpus:
        p, b = speaker_names(result[d.id], parsed[d.id])
        persons |= p
        bodies += b
    canon, body_canon = canonical_maps(persons, bodies)
    return {doc_id: merge_speakers(atts, canon, body_canon) for doc_id, atts in result.items()}


def speaker_names(attributions: list[Attribution], doc) -> tuple[set[str], Counter]:
    """What one article adds to the corpus-wide name merge: person names (speakers and PERSON
    entities) and organisation-like speakers with how often each is cited.

    Kept per article so a corpus processed in batches (``analysis.pipeline``)
    merges exactly as :func:`extract_corpus` does.
    """
    persons = {a.speaker for a in attributions if a.speaker_type == "person"}
    persons |= {e.text for e in doc.ents if e.label_ == "PERSON"}
    bodies = Counter(a.speaker for a in attributions if a.speaker_type in _BODY_TYPES and a.speaker)
    return persons, bodies


def canonical_maps(persons, bodies: Counter) -> tuple[dict[str, str], dict[str, str]]:
    """(person name -> canonical name, body name -> canonical spelling) for a whole corpus."""
    return spk.canonical_names(persons), spk.canonical_bodies(bodies.elements())


def merge_speakers(attributions: list[Attribution], canon: dict[str, str], bodies: dict[str, str]
                   ) -> list[Attribution]:
    """The attributions with speakers replaced by their corpus-wide canonical names."""
    return [replace(a, speaker=canon.get(a.speaker, a.speaker)) if a.speaker_type == "person"
            else replace(a, speaker=bodies.get(a.speaker, a.speaker))
            if a.speaker_type in _BODY_TYPES else a for a in attributions]


def canonical_speaker(speaker: str, speaker_type: str, canon: dict[str, str], bodies: dict[str, str]
                      ) -> str:
    """One speaker's corpus-wide name (the rule of :func:`merge_speakers` for a single value)."""
    if speaker_type == "person":
        return canon.get(speaker, speaker)
    if speaker_type in _BODY_TYPES:
        return bodies.get(speaker, speaker)
    return speaker


#: speaker types whose spellings are merged across the corpus ("U.S."/"United States")
_BODY_TYPES = frozenset(("organization", "government body", "media", "news agency"))


def record(doc_id: str, text: str, a: Attribution) -> dict:
    """One attribution in the CLI schema (field names are a public contract)."""
    contents = [s.as_dict(text) for s in a.contents]
    return {
        "doc": doc_id,
        "kind": a.kind,
        "content": contents[0],
        "contents": contents,
        "cue": a.cue.as_dict(text) if a.cue else None,
        "source": a.source.as_dict(text) if a.source else None,
        "speaker": a.speaker,
        "speaker_type": a.speaker_type,
        "speaker_role": a.speaker_role,
        "confidence": a.confidence,
    }


def _span(value) -> Span | None:
    return Span(int(value["start"]), int(value["end"])) if value is not None else None


def from_record(rec: dict) -> Attribution:
    """The :class:`Attribution` of one CLI-schema record (as :func:`record` wrote it)."""
    return Attribution(rec["kind"], [_span(c) for c in rec["contents"]], _span(rec.get("cue")),
                       _span(rec.get("source")), rec.get("speaker") or "",
                       rec.get("speaker_type") or "unknown", rec.get("speaker_role") or "",
                       float(rec.get("confidence", 0.5)))


def from_records(records: Iterable[dict], doc_ids: Iterable[str] = ()) -> dict[str, list[Attribution]]:
    """``{doc_id: [Attribution]}`` from CLI-schema records (``doc_ids`` listed first, even if empty)."""
    found: dict[str, list[Attribution]] = {d: [] for d in doc_ids}
    for rec in records:
        found.setdefault(rec["doc"], []).append(from_record(rec))
    return found


def attribution_records(corpus: Corpus, nlp=None, parsed: dict | None = None,
                        attributions: dict | None = None) -> list[dict]:
    """Every attribution of the corpus as CLI-schema dicts, documents in corpus order."""
    attributions = attributions if attributions is not None else extract_corpus(corpus, nlp, parsed)
    return [record(d.id, d.text, a) for d in corpus for a in attributions.get(d.id, [])]


# --------------------------------------------------------------------------
# tables for notebooks


def who_said_what(corpus: Corpus, attributions: dict):
    """One row per attribution: article, speaker, type, role, kind and the content text."""
    import pandas as pd

    rows = []
    for d in corpus:
        for a in attributions.get(d.id, []):
            rows.append({"doc": d.id, "speaker": a.speaker or "(unknown)", "speaker_type": a.speaker_type,
                         "speaker_role": a.speaker_role, "kind": a.kind,
                         "source": a.source.text(d.text) if a.source else "",
                         "content": a.content_text(d.text), "confidence": a.confidence})
    return pd.DataFrame(rows, columns=["doc", "speaker", "speaker_type", "speaker_role", "kind",
                                       "source", "content", "confidence"])


def speaker_matrix(corpus: Corpus, attributions: dict, min_docs: int = 1):
    """Speakers x articles: how often each named speaker is cited in each article."""
    import pandas as pd

    counts = Counter((a.speaker, d.id) for d in corpus for a in attributions.get(d.id, []) if a.speaker)
    frame = pd.Series(counts, dtype="int64").rename_axis(["speaker", "doc"]).unstack(fill_value=0) \
        if counts else pd.DataFrame()
    if frame.empty:
        return frame
    frame = frame.reindex(columns=[d.id for d in corpus], fill_value=0)
    frame = frame[(frame > 0).sum(axis=1) >= min_docs]
    order = frame.sum(axis=1).sort_values(ascending=False, kind="stable")
    return frame.loc[sorted(order.index, key=lambda s: (-order[s], s))]


def _outlet(doc) -> str:
    return doc.metadata.get("outlet") or doc.id


def source_type_mix(corpus: Corpus, attributions: dict):
    """Share of attributions by speaker type, per outlet (rows sum to 1)."""
    import pandas as pd

    rows = Counter()
    for d in corpus:
        for a in attributions.get(d.id, []):
            rows[(_outlet(d), a.speaker_type)] += 1
    if not rows:
        return pd.DataFrame(columns=list(spk.SPEAKER_TYPES))
    frame = pd.Series(rows).rename_axis(["outlet", "speaker_type"]).unstack(fill_value=0)
    frame = frame.reindex(columns=[t for t in spk.SPEAKER_TYPES], fill_value=0)
    return (frame.div(frame.sum(axis=1), axis=0)).round(3).sort_index()


def credit_table(corpus: Corpus):
    """Credited agencies, contributors, bylines and licences per article."""
    import pandas as pd

    rows = [{"doc": d.id, "outlet": _outlet(d), "kind": c.kind, "name": c.name,
             "start": c.start, "end": c.end, "text": c.text[:120]}
            for d in corpus for c in credits(d.text)]
    return pd.DataFrame(rows, columns=["doc", "outlet", "kind", "name", "start", "end", "text"])


def credit_summary(corpus: Corpus):
    """One row per article: dateline places/agencies, credited agencies, authors, licence."""
    import pandas as pd

    rows = []
    for d in corpus:
        found = credits(d.text)
        agencies = {c.name for c in found if spk.agency_name(c.name)}
        authors = {c.name for c in found if c.kind in ("byline", "contributor") and c.name not in agencies}
        authors |= {c.name for c in found if c.kind == "licence" and c.text.lower().startswith(
            ("attribution to", "courtesy of"))}
        rows.append({
            "doc": d.id, "outlet": _outlet(d),
            "dateline": "; ".join(sorted({c.name for c in found if c.kind == "dateline"})),
            "agencies": "; ".join(sorted(agencies)),
            "authors": "; ".join(sorted(authors)),
            "licence": "; ".join(sorted({c.name for c in found if c.kind == "licence"
                                         and not c.text.lower().startswith(("attribution to",
                                                                            "courtesy of"))})),
            "image_credits": "; ".join(sorted({c.name for c in found if c.kind == "image"})),
        })
    return pd.DataFrame(rows, columns=["doc", "outlet", "dateline", "agencies", "authors", "licence",
                                       "image_credits"])


def _words(doc) -> list:
    return [t for t in doc if not (t.is_punct or t.is_space)]


def quoted_words(doc) -> tuple[int, int]:
    """(words, words inside direct quotes) of a parsed article; scare quotes do not count."""
    words = _words(doc)
    quoted = [q for q in quote_spans(doc.text) if not q.is_scare]
    return len(words), sum(1 for t in words if any(q.start <= t.idx < q.end for q in quoted))


def metrics_row(doc_id: str, outlet: str, words: int, in_quote: int, atts: list[Attribution],
                top: int = 3) -> dict:
    """One row of :func:`article_metrics` from an article's counts and (merged) attributions."""
    n = len(atts)
    kinds = Counter(a.kind for a in atts)
    types = Counter(a.speaker_type for a in atts)
    named = sum(1 for a in atts if a.speaker and a.speaker_type not in ("anonymous", "unknown"))
    speakers = Counter(a.speaker for a in atts if a.speaker)
    total = sum(speakers.values())
    diversity = -sum(c / total * math.log(c / total) for c in speakers.values()) if total else 0.0
    row = {
        "doc": doc_id,
        "outlet": outlet,
        "words": words,
        "attributions": n,
        "per_1000_words": round(1000 * n / words, 2) if words else 0.0,
    }
    for kind in KINDS:
        row[f"share_{kind}"] = round(kinds[kind] / n, 3) if n else 0.0
    row["share_named"] = round(named / n, 3) if n else 0.0
    row["share_anonymous"] = round(types["anonymous"] / n, 3) if n else 0.0
    row["distinct_speakers"] = len(speakers)
    for t in spk.SPEAKER_TYPES:
        row[f"type_{t.replace(' ', '_')}"] = round(types[t] / n, 3) if n else 0.0
    row["source_diversity"] = round(diversity, 3)
    row["quoted_word_share"] = round(in_quote / words, 3) if words else 0.0
    row["top_speakers"] = "; ".join(f"{s} ({c})" for s, c in
                                    sorted(speakers.items(), key=lambda x: (-x[1], x[0]))[:top])
    return row


def article_metrics(corpus: Corpus, nlp=None, parsed: dict | None = None,
                    attributions: dict | None = None, top: int = 3):
    """Per-article attribution metrics (issue 4, point 5), one row per article.

    Attributions per 1,000 words; shares by kind; share named vs anonymous;
    distinct speakers; share of each speaker type; a Shannon diversity index
    of speakers (natural log, 0 when one speaker); the share of the article's
    words inside direct quotes; the most-cited speakers.
    """
    import pandas as pd

    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    attributions = attributions if attributions is not None else extract_corpus(corpus, parsed=parsed)
    rows = []
    for d in corpus:
        words, in_quote = quoted_words(parsed[d.id])
        rows.append(metrics_row(d.id, _outlet(d), words, in_quote, attributions.get(d.id, []), top))
    return pd.DataFrame(rows)


def corpus_summary(corpus: Corpus, attributions: dict):
    """A few corpus-wide figures: attributions by kind, speakers, named share."""
    import pandas as pd

    atts = [a for d in corpus for a in attributions.get(d.id, [])]
    kinds = Counter(a.kind for a in atts)
    speakers = {a.speaker for a in atts if a.speaker}
    named = sum(1 for a in atts if a.speaker and a.speaker_type not in ("anonymous", "unknown"))
    rows = [("articles", len(corpus)), ("attributions", len(atts))]
    rows += [(f"{kind} attributions", kinds[kind]) for kind in KINDS]
    rows += [("distinct speakers", len(speakers)),
             ("share with a named speaker", round(named / len(atts), 3) if atts else 0.0),
             ("credits found", sum(len(credits(d.text)) for d in corpus))]
    return pd.DataFrame({"figure": [r[0] for r in rows],
                         "value": pd.Series([r[1] for r in rows], dtype=object)})


SEEDS_GOLD = PROJECT_ROOT / "tests" / "fixtures" / "seeds_attributions_gold.jsonl"
LITBANK = PROJECT_ROOT.parent / "shared" / "corpora" / "litbank_quotations"
BBC = PROJECT_ROOT.parent / "shared" / "corpora" / "bbc"
#: hand-annotated BBC gold sets, each annotated before the extractor was run on its articles
BBC_GOLD = {
    "BBC, 12 articles annotated blind (rules tuned on them afterwards)":
        PROJECT_ROOT / "tests" / "fixtures" / "bbc_attributions_gold.jsonl",
    "BBC, 10 other articles annotated blind (rules tuned on them afterwards)":
        PROJECT_ROOT / "tests" / "fixtures" / "bbc2_attributions_gold.jsonl",
    "BBC, 10 more articles annotated blind (held out: never tuned on)":
        PROJECT_ROOT / "tests" / "fixtures" / "bbc3_attributions_gold.jsonl",
}


def _gold_corpus(gold: list[dict], root: Path, encoding: str = "utf-8,cp1252") -> Corpus:
    """The documents a gold file names (``topic/NNN`` ids), read from ``root``."""
    from .corpus import load_corpus

    ids = sorted({g["doc"] for g in gold})
    return Corpus([Document(i, load_corpus(root / f"{i}.txt", encoding=encoding)[0].text) for i in ids])


def quality_scores(nlp=None, litbank_limit: int | None = None):
    """Precision/recall/F1 on the seeds gold fixture, LitBank (direct speech only) and the BBC gold sets.

    Scored with :mod:`analysis.evaluation` (the issue's overlap rule) on the
    CLI-schema records; LitBank counts one record per quoted stretch and
    judges speakers by name words, as its gold has speaker ids, not spans.
    """
    import pandas as pd

    from . import evaluation as ev
    from .corpus import load_corpus

    nlp = nlp if nlp is not None else load_model()
    rows = []
    seeds = load_corpus(PROJECT_ROOT / "seeds")
    score = ev.score_attributions(attribution_records(seeds, nlp), ev.load_jsonl(SEEDS_GOLD))
    rows.append({"corpus": "seeds (gold fixture)", **_figures(score)})
    litbank = ev.load_litbank(LITBANK, limit=litbank_limit)
    lit_corpus = Corpus([Document(k, v) for k, v in sorted(litbank.texts.items())])
    predicted = ev.explode_contents(ev.filter_kinds(attribution_records(lit_corpus, nlp)))
    score = ev.score_attributions(predicted, litbank.gold, "name_token")
    rows.append({"corpus": f"LitBank quotations ({len(litbank.texts)} works, direct speech)",
                 **_figures(score)})
    for label, path in BBC_GOLD.items():
        gold = ev.load_jsonl(path)
        score = ev.score_attributions(attribution_records(_gold_corpus(gold, BBC), nlp), gold)
        rows.append({"corpus": label, **_figures(score)})
    return pd.DataFrame(rows)


def _figures(score: dict) -> dict:
    keys = ("n_gold", "n_predicted", "content_precision", "content_recall", "content_f1",
            "content_speaker_precision", "content_speaker_recall", "content_speaker_f1")
    return {k: round(score[k], 3) if isinstance(score[k], float) else score[k] for k in keys}
