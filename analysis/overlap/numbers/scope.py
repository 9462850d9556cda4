"""The scope of a figure's event, read from its own clause: an incident or a total over a period,
its day words and its places; and what makes two scopes the same event."""
from __future__ import annotations

import re

from .lexicon import (AGENT_KINDS, LONG_EVENTS, MONTH_NAMES, PERIOD_PREPS, PLACE_LABELS,
                      PLACE_PREPS, RELATIVES, SAY_VERBS, TOTAL_ADVERBS, UNIT_DAYS, WEEKDAYS)
from .parse import parse_number

__all__ = ["event_scope", "agent_kind", "when_kind", "period_days", "same_place", "is_counted"]


def is_counted(tok, span, noun) -> bool:
    """``tok`` is the figure itself ("more than 100 wounded") or the noun it counts ("with
    23,000 people killed"): no agent of its own event."""
    return (span is not None and span.start <= tok.i < span.end) or (
        noun is not None and tok.i == noun.i)


def _duration(tok) -> tuple[str, float | None] | None:
    """(label, days) of a duration noun ("40 days", "five-year", "the past week"), else None."""
    lemma = tok.lemma_.lower()
    if lemma not in UNIT_DAYS:
        return None
    count = None
    for child in tok.children:
        if child.dep_ in ("nummod", "quantmod") or (child.like_num and child.i < tok.i):
            number = parse_number(child.text)
            if number is not None:
                count = number.value
        elif child.lower_ in ("a", "an", "one"):
            count = 1.0
    if count is None and tok.tag_ != "NNS" and any(
            c.lower_ in ("past", "last", "previous") for c in tok.children):
        count = 1.0  # "over the past week"
    if count is None:
        # "in recent days": a period of unknown length; "during the week": no period
        return (lemma + "s", None) if tok.tag_ == "NNS" else None
    return f"{count:g} {lemma}{'s' if count != 1 else ''}", count * UNIT_DAYS[lemma]


def _since_period(tok) -> tuple[str, float | None]:
    """Period of a "since" phrase or clause headed by ``tok``: "N units ago" -> N units,
    else its date words ("since 2011"), else the phrase itself."""
    for t in tok.subtree:
        if t.lower_ == "ago" and t.head is not None:
            for c in [t.head, *t.children]:
                dur = _duration(c)
                if dur is not None and dur[1] is not None:
                    return dur
    dates = [t.text for t in tok.subtree if t.ent_type_ == "DATE"]
    if dates:
        return "since " + " ".join(dates).lower(), None
    return "since " + " ".join(t.lower_ for t in tok.subtree if not t.is_punct)[:40], None


def _has_own_subject(verb, span) -> bool:
    """The clause names its own subject or is subordinated ("after X killed"): it is a
    separate event from the clause above it."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and not (
                span.start <= child.i < span.end):
            return True
        if child.dep_ == "mark" and child.lower_ != "since":
            return True
    return False


def _clause(event_tok, span, noun=None) -> list:
    """The tokens whose modifiers scope the event: the event word; for a modifier of the
    counted noun ("people killed", "62 dead") the verb that governs that noun; and the
    clauses above while they have no subject of their own ("..., killing 63
    civilians", "and 100 wounded"), up to a reporting verb."""
    chain = [event_tok]
    tok = event_tok
    if (noun is not None and event_tok.head.i == noun.i and event_tok.dep_ in ("amod", "acl")
            and noun.head.i != noun.i and noun.head.pos_ in ("VERB", "AUX")
            and noun.head.lemma_.lower() not in SAY_VERBS):
        tok = noun.head
        chain.append(tok)
    while (tok.dep_ in ("advcl", "conj", "xcomp") and not _has_own_subject(tok, span)
           and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX")
           and tok.head.lemma_.lower() not in SAY_VERBS):
        tok = tok.head
        chain.append(tok)
    return chain


def _agent_noun(verb, span=None, noun=None):
    """The noun that did it: subject, "by X", or the noun a relative clause hangs on."""
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ == "nsubj" and not is_counted(child, span, noun):
            if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return child if child.pos_ in ("NOUN", "PROPN") else None
    return None


def _day_words(tokens) -> set[str]:
    """Normalised time references among DATE tokens: weekday names ("Saturday"), dates
    ("September 17"), months alone ("March") and years ("1998")."""
    out = set()
    for tok in tokens:
        if tok.ent_type_ != "DATE":
            continue
        low = tok.lower_
        if low in WEEKDAYS:
            out.add(low.capitalize())
        elif low in MONTH_NAMES:
            doc = tok.doc
            near = [doc[j].lower_ for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
            days = [int(re.match(r"\d+", w)[0]) for w in near
                    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)]
            out.add(f"{low.capitalize()} {days[0]}" if days else low.capitalize())
        elif re.fullmatch(r"(1[89]|20)\d\d", low):
            out.add(low)
    return out


def when_kind(value: str) -> str:
    """Which kind of time reference a ``when`` value is; values compare within a kind."""
    first = value.split()[0].lower()
    if first in WEEKDAYS:
        return "weekday"
    if first in MONTH_NAMES:
        return "date" if " " in value else "month"
    return "year" if value.isdigit() else "other"


def _places(pobj, span) -> list[str]:
    """Place names in a locative object: the object itself, its compounds ("the Deir
    el-Zour air raid") and "of" objects ("the city of Aleppo")."""
    found = []
    stack = [pobj]
    while stack:
        tok = stack.pop()
        if span.start <= tok.i < span.end:
            continue
        is_place = tok.ent_type_ in PLACE_LABELS or (
            tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.ent_type_ in ("", "NORP"))
        if is_place:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            found.append(ent.text if ent is not None else tok.text)
        for child in tok.children:
            if child.dep_ == "compound" or (child.dep_ == "prep" and child.lower_ == "of"):
                stack.append(child)
            elif child.dep_ == "pobj" and tok.lower_ == "of":
                stack.append(child)
    return found


class _Scope:
    """What the modifiers of an event's clause say: total or not, period, days, places."""

    def __init__(self, span):
        self.span = span
        self.total = False
        self.period: tuple[str, float | None] | None = None
        self.when: set[str] = set()
        self.where: list[str] = []

    def make_total(self, period=None) -> None:
        self.total = True
        self.period = self.period or period

    def scan(self, tok, modifiers: bool = False) -> None:
        """The time, period and place modifiers of ``tok``; with ``modifiers``, also its
        compounds and possessives (of a noun: "Saturday's strike", "a five-year war")."""
        span = self.span
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children):
            self.make_total(_since_period(tok))  # "since it took effect a week ago, killing"
        for child in tok.children:
            low, dep = child.lower_, child.dep_
            if span.start <= child.i < span.end or low == "according":
                continue  # the figure itself; "according to X in Damascus" places the source
            if dep == "prep" and low == "since":
                self.make_total(_since_period(child))
            elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since"
                                        for c in child.children):
                self.make_total(_since_period(child))
            elif dep == "advmod" and " ".join(t.lower_ for t in child.subtree) in TOTAL_ADVERBS:
                self.make_total()
            elif dep == "prep":
                for obj in (c for c in child.children if c.dep_ == "pobj"):
                    duration = _duration(obj) if low in PERIOD_PREPS else None
                    if duration is not None:
                        self.make_total(duration)  # "in 40 days of fighting"
                        continue
                    long_event = LONG_EVENTS.get(obj.lemma_.lower())
                    if long_event and low in PERIOD_PREPS | {"under"}:
                        self.scan(obj, modifiers=True)  # "in Angola's 30-year civil war"
                        self.make_total((long_event, None))
                        continue
                    self.when |= _day_words(obj.subtree)
                    if low in PLACE_PREPS:
                        self.where += _places(obj, span)
            elif modifiers and dep in ("compound", "amod", "nmod", "poss"):
                duration = _duration(child)
                if duration is not None and duration[1] is not None:
                    self.make_total(duration)  # "a five-year war"
                self.when |= _day_words(child.subtree)
                if child.ent_type_ in PLACE_LABELS and dep != "amod":
                    self.where += _places(child, span)
            elif dep in ("npadvmod", "tmod") or child.ent_type_ == "DATE":
                self.when |= _day_words(child.subtree)


def event_scope(span, event_tok, noun=None) -> dict:
    """Where, when and over what period the event of a figure happened.

    Read from the event's own clause (see :func:`_clause`), the counted noun
    ``noun`` and the noun that did it, never from a clause the event is
    subordinate to ("the truce ended on Monday, two days after a strike killed
    62"): a "since" phrase or clause, a duration after "in/over/during ..."
    ("in 40 days of fighting"), a duration or a long-running event as the
    agent ("a five-year war that has killed"), or "so far"/"to date" make the
    figure a ``total`` over a ``period``; otherwise it is an ``incident``, with
    the day words (``when``: weekday names, "September 17") and places
    (``where``) of its clause. "According to" phrases are skipped: they
    place the source, not the event.
    """
    if event_tok is None:
        return {"event_scope": "", "period": "", "when": "", "where": ""}
    scope = _Scope(span)
    chain = _clause(event_tok, span, noun)
    for tok in chain:
        scope.scan(tok)
    if noun is not None and noun.i not in {t.i for t in chain}:
        scope.scan(noun)  # "killed 300 people in Aleppo"
    agent = next((a for a in (_agent_noun(t, span, noun) for t in reversed(chain)
                              if t.pos_ in ("VERB", "AUX")) if a is not None), None)
    if agent is not None:
        scope.scan(agent, modifiers=True)
        lemma = agent.lemma_.lower()
        if lemma in LONG_EVENTS:
            scope.make_total((LONG_EVENTS[lemma], None))
    period = scope.period[0] if scope.total and scope.period else ""
    return {"event_scope": "total" if scope.total else "incident", "period": period,
            "when": "; ".join(sorted(scope.when)),
            "where": "; ".join(dict.fromkeys(scope.where))}


def agent_kind(agent: str) -> str:
    """The :data:`AGENT_KINDS` kind of an agent phrase ("the airstrikes" -> "violence"):
    the kind of its last word that has one, "" when none has ("the US", "Mitch")."""
    kinds = [AGENT_KINDS.get(w) or AGENT_KINDS.get(w[:-1] if w.endswith("s") else w)
             for w in re.findall(r"[a-z]+", agent.lower())]
    return next((k for k in reversed(kinds) if k), "")


def period_days(label: str) -> float | None:
    m = re.fullmatch(r"([\d.]+) (\w+?)s?", label)
    if m and m[2] in UNIT_DAYS:
        return float(m[1]) * UNIT_DAYS[m[2]]
    return None


def _norm_place(name: str) -> str:
    s = re.sub(r"\b(al|el|ez|es|ad|as|ar|the)\b", "", name.lower())
    return re.sub(r"[^a-z]", "", s)


def same_place(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    x, y = _norm_place(a), _norm_place(b)
    if not x or not y:
        return True
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.8
