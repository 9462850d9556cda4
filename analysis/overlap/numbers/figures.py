"""Figures: every number of an article with its qualifier, what it counts, the event and who
said it (the source)."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable, Mapping

from ...text import SpanIndex
from .lexicon import (A_COUNTABLE, CLAUSE_DEPS, COUNTED_CLASSES, EVENT_CLASSES, QUALIFIER_WORDS,
                      QUALIFIERS, RELATIVES, SAY_VERBS, SCOPE_FIELDS)
from .parse import number_spans, parse_number
from .scope import event_scope, is_counted

__all__ = ["Figure", "extract_figures", "corpus_figures", "figures_table"]


@dataclass
class Figure:
    """One number in one article, with what it counts and who it is attributed to."""

    doc: str
    start: int
    end: int
    text: str
    value: float
    unit: str
    vague: bool
    qualifier: str
    counted: str
    counted_head: str
    event: str
    agent: str
    key: str
    source: str
    source_via: str
    sentence: str
    #: "incident" (one event) or "total" (a running or period total: "since ...",
    #: "in 40 days of fighting", "a five-year war that has killed ..."); "" without event
    event_scope: str = ""
    #: the period of a total: "40 days", "since a week ago" -> "7 days", "war"; "" unknown
    period: str = ""
    #: day words of the event's clause ("Saturday", "September 17"), "; "-joined
    when: str = ""
    #: places of the event's clause ("Deir el-Zour"), "; "-joined
    where: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _qualifier(span) -> tuple[str, int]:
    """Qualifier phrase right before the number and the start token index including it."""
    doc = span.doc
    for size in range(QUALIFIER_WORDS, 0, -1):
        if span.start - size < 0:
            continue
        phrase = " ".join(t.lower_ for t in doc[span.start - size: span.start])
        if phrase in QUALIFIERS:
            return QUALIFIERS[phrase], span.start - size
    return "", span.start


def _anchor(span):
    """The token of the expression whose head lies outside it (the number's syntactic root)."""
    for tok in reversed(span):
        if not (span.start <= tok.head.i < span.end) or tok.head.i == tok.i:
            return tok
    return span[-1]


def _noun_phrase(noun, span) -> str:
    """The counted noun with its compounds and adjectives ("Syrian soldiers"), never
    the number itself ("two dozen tanks" counts "tanks")."""
    left = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.i < noun.i]
    first = min([noun.i] + [min(t.i for t in c.subtree) for c in left])
    if first < span.end <= noun.i:
        first = span.end
    return noun.doc[first: noun.i + 1].text


def _counted_noun(span, anchor):
    """The noun a number counts: its ``nummod`` head, or X in "dozens of X"."""
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod", "det", "compound") \
            and head.pos_ in ("NOUN", "PROPN") and not (span.start <= head.i < span.end):
        return head
    for tok in (anchor, *span):
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                    return objects[0]
    return None


def _event(start_tok):
    """Class and token of the first event word above the counted phrase ("killed", "wounded")."""
    tok, hops = start_tok, 0
    while hops < 4:
        lemma = tok.lemma_.lower()
        if tok is not start_tok and lemma in SAY_VERBS:
            return "", None
        if lemma in EVENT_CLASSES and (tok is not start_tok or tok.pos_ in ("VERB", "ADJ")):
            return EVENT_CLASSES[lemma], tok
        for child in tok.children:  # "62 dead", "100 wounded" as adjectives
            if child.dep_ in ("amod", "acl") and child.lemma_.lower() in EVENT_CLASSES:
                return EVENT_CLASSES[child.lemma_.lower()], child
        if tok.head.i == tok.i:
            return "", None
        tok, hops = tok.head, hops + 1
    return "", None


def _event_before(doc, start: int):
    """Event verb right before the figure ("has killed more than 300,000"), for misparses."""
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.pos_ == "VERB" and before.lemma_.lower() in EVENT_CLASSES:
        return EVENT_CLASSES[before.lemma_.lower()], before
    return "", None




def _agent(verb, depth: int = 0, span=None, noun=None) -> str:
    """Who or what did it: the event verb's subject ("a U.S.-led coalition airstrike"),
    "by X" of a passive, the noun a relative clause hangs on ("the airstrikes which
    killed ..."), or the subject of the clause a participle depends on ("the rebels
    violated the truce ..., killing 63 civilians"). Empty for agentless passives and
    pronouns (the attribution layer resolves speakers, not agents)."""
    if verb is None or verb.pos_ not in ("VERB", "AUX") or depth > 2:
        return ""
    deps = {child.dep_: child for child in verb.children}
    if "agent" in deps:
        objects = [c for c in deps["agent"].children if c.dep_ == "pobj"]
        return _phrase(objects[0]).text.strip() if objects else ""
    if "nsubjpass" in deps:
        return ""
    subject = deps.get("nsubj")
    if subject is not None and is_counted(subject, span, noun):
        subject = None
    if subject is not None:
        if subject.lower_ in RELATIVES and verb.dep_ == "relcl":
            return _phrase(verb.head).text.strip()
        return "" if subject.pos_ == "PRON" else _phrase(subject).text.strip()
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        # "and more than 100 wounded": the figure (or the noun it counts: "with 23,000 people
        # killed") is no agent of its own event; the clause above may name one
        return _agent(verb.head, depth + 1)
    return ""


def _subject(verb):
    """Subject mention of a reporting verb; its agent when passive ("told by the Syrian army")."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _phrase(objects[0])
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _phrase(child)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None




def _phrase(tok):
    """The mention headed by ``tok`` ("the Syrian Observatory for Human Rights") as a Span,
    without its relative clauses or appositions: the contiguous run around ``tok``."""
    dropped = {t.i for child in tok.children if child.dep_ in CLAUSE_DEPS
               for t in child.subtree}
    kept = {t.i for t in tok.subtree} - dropped
    start = end = tok.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    return tok.doc[start:end + 1]


def _according_to(span):
    """Object of the nearest "according to" in the sentence, preferring one after the number."""
    candidates = []
    for tok in span.sent:
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
            objects = [c for c in nxt.children if c.dep_ == "pobj"]
            if objects:
                after = tok.i >= span.end
                candidates.append(((0 if after else 1), abs(tok.i - span.start), objects[0]))
    if not candidates:
        return None
    return _phrase(min(candidates, key=lambda c: c[:2])[2])


def _reporting_subject(anchor):
    """Subject of the nearest reporting verb above the number ("Rudskoi said ... 302 times")."""
    tok = anchor
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in SAY_VERBS and tok.pos_ in ("VERB", "AUX"):
            subject = _subject(tok)
            if subject is not None:
                return subject
    return None


class _Attributions:
    """An article's attributions, found by where their content and source mentions are."""

    def __init__(self, attributions, text: str):
        self.attributions = list(attributions or ())
        self.text = text
        self.contents, self.sources = SpanIndex(), SpanIndex()
        for i, att in enumerate(self.attributions):
            self.contents.add(i, [(c.start, c.end) for c in getattr(att, "contents", ()) or ()])
            source = getattr(att, "source", None)
            if hasattr(source, "start"):
                self.sources.add(i, [(source.start, source.end)])

    def named(self, mention) -> str:
        """The canonical speaker of an attribution whose source is this mention, else its text.

        So "he" and "Rudskoi" become the names the attribution layer resolved them to.
        """
        lo, hi = mention.start_char, mention.end_char
        for i in self.sources.query(lo, hi):
            att = self.attributions[i]
            source = getattr(att, "source", None)
            speaker = getattr(att, "speaker", "")
            if speaker and hasattr(source, "start") and source.start < hi and lo < source.end:
                return str(speaker)
        return mention.text.strip()

    def speaker_of(self, start: int, end: int) -> str:
        """Speaker of the attribution whose content span contains [start, end).

        The canonical speaker when resolved, else the source mention as written.
        """
        for i in self.contents.query(start, end):
            att = self.attributions[i]
            for content in getattr(att, "contents", ()) or ():
                if content.start <= start and end <= content.end:
                    speaker = getattr(att, "speaker", "") or ""
                    if speaker:
                        return str(speaker)
                    source = getattr(att, "source", None)
                    if source is not None and hasattr(source, "start"):
                        return self.text[source.start:source.end]
                    return str(source or "")
        return ""


def _source(span, attributions: _Attributions) -> tuple[str, str]:
    """(source, how it was found): according_to, attribution, reporting_verb or unattributed.

    "according to X" next to the number wins: it is specific to that number,
    where one attribution may cover two figures from two sources ("more than
    60 according to A, or 80 according to B").
    """
    mention = _according_to(span)
    if mention is not None:
        return attributions.named(mention), "according_to"
    who = attributions.speaker_of(span.start_char, span.end_char)
    if who:
        return who, "attribution"
    mention = _reporting_subject(_anchor(span))
    if mention is not None:
        return attributions.named(mention), "reporting_verb"
    return "", "unattributed"  # the outlet's own statement


def _key(counted_head, event: str) -> str:
    if counted_head is None:
        return ""
    lemma = counted_head.lemma_.lower()
    name = COUNTED_CLASSES.get(lemma, lemma)
    return f"{name} {event}".strip()


def extract_figures(doc, doc_id: str = "", attributions=None) -> list[Figure]:
    """Every number of a parsed article with qualifier, counted noun, event and source.

    A number that stands alone ("and more than 100 wounded", "or 80 according
    to ...") borrows the counted noun of the previous figure in its sentence.
    """
    figures: list[Figure] = []
    text = doc.text  # (Doc.text joins every token again on each access)
    attributions = _Attributions(attributions, text)
    for span in number_spans(doc):
        number = parse_number(span.text)
        if number is None:
            continue
        qualifier, qstart = _qualifier(span)
        anchor = _anchor(span)
        noun = _counted_noun(span, anchor)
        borrowed = None
        if noun is None and anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "pobj", "appos",
                                            "attr", "ROOT"):
            sentence_start = span.sent.start_char
            for f in reversed(figures):  # the last figure of this sentence that counts something
                if f.start < sentence_start:
                    break
                if f.counted:
                    borrowed = f
                    break
        event, event_tok = _event(noun if noun is not None else anchor)
        if not event:
            event, event_tok = _event_before(doc, qstart)
        agent = _agent(event_tok, span=span, noun=noun)
        scope = event_scope(span, event_tok, noun) if event else {}
        if borrowed is not None and not event:
            event, agent = borrowed.event, borrowed.agent
            scope = {name: getattr(borrowed, name) for name in SCOPE_FIELDS}
        if noun is not None and noun.lemma_.lower() in A_COUNTABLE:
            event, agent, scope = "", "", {}  # durations ("two days after", "40 days of fighting")
        source, via = _source(span, attributions)
        counted = (_noun_phrase(noun, span) if noun is not None
                   else borrowed.counted if borrowed else "")
        head = (noun.lemma_.lower() if noun is not None
                else borrowed.counted_head if borrowed else "")
        key = _key(noun, event) if noun is not None else (
            f"{COUNTED_CLASSES.get(head, head)} {event}".strip() if head else "")
        start = doc[qstart].idx
        figures.append(Figure(
            doc=doc_id, start=start, end=span.end_char, text=text[start:span.end_char],
            value=round(number.value, 4), unit=number.unit, vague=number.vague,
            qualifier=qualifier or ("vague" if number.vague else ""), counted=counted,
            counted_head=head, event=event, agent=agent, key=key, source=source, source_via=via,
            sentence=span.sent.text.strip(), **scope,
        ))
    return figures


def corpus_figures(parsed: Mapping[str, object], attributions: Mapping[str, list] | None = None
                   ) -> list[Figure]:
    """Figures of every article, in corpus order then text order."""
    attributions = attributions or {}
    out: list[Figure] = []
    for doc_id, doc in parsed.items():
        out.extend(extract_figures(doc, doc_id, attributions.get(doc_id)))
    return out


def figures_table(figures: Iterable[Figure]):
    """Figures as a DataFrame, one row per number."""
    import pandas as pd

    columns = list(Figure.__dataclass_fields__)
    return pd.DataFrame([f.as_dict() for f in figures], columns=columns)
