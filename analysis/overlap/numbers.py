"""Figures and claims: numbers with what they count and who they are attributed to.

Outlets covering one event often disagree on a number (the seeds give 62, 80 and
90 soldiers killed, from different sources). To line those up we need, per
number: its value (``"300,000"``, ``"eight"``, ``"dozens"``, ``"$1.13bn"``), its
qualifier (*more than*, *at least*, *about*), the noun it counts (from the spaCy
parse: the ``nummod`` head, or the object of *dozens of*), the event verb that
governs it (*killed*, *wounded*) and its source (*according to X* in the sentence,
an attribution whose content holds it, or the subject of a reporting verb
above it, in that order). Counted nouns and events are normalised through small
registries so that "troops were killed" and "soldiers killed" fall into one group.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Iterable, Mapping

__all__ = [
    "Number",
    "Figure",
    "parse_number",
    "number_spans",
    "extract_figures",
    "corpus_figures",
    "figures_table",
    "differing_figures",
    "COUNTED_CLASSES",
    "EVENT_CLASSES",
    "QUALIFIERS",
]

# --------------------------------------------------------------------------- registries

#: number words, including the "a week" reading of the article
UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "zero": 0,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
#: scale words and their abbreviated suffixes ("$1.13bn", "£5m")
SCALES = {"dozen": 12, "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6,
          "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
#: vague plurals: the smallest value the word can mean, flagged as vague
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6,
         "tens": 20, "several": 3}
CURRENCIES = {"$": "$", "us$": "$", "£": "£", "€": "€", "¥": "¥"}
PERCENT = {"%": "%", "per cent": "%", "percent": "%"}

#: phrases before a number -> normalised qualifier
QUALIFIERS = {
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "at least": "at least", "no fewer than": "at least",
    "no less than": "at least", "as many as": "up to", "up to": "up to", "at most": "up to",
    "fewer than": "less than", "less than": "less than", "under": "less than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about",
}
_QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)

#: lemma of the counted noun -> class used to group figures across articles
COUNTED_CLASSES = {
    "soldier": "soldiers", "troop": "soldiers", "serviceman": "soldiers",
    "servicemen": "soldiers", "personnel": "soldiers", "army": "soldiers",
    "person": "people", "people": "people", "resident": "people", "civilian": "civilians",
    "child": "children", "kid": "children", "fighter": "fighters", "militant": "fighters",
    "rebel": "fighters", "insurgent": "fighters", "jihadist": "fighters",
    "time": "times", "violation": "violations", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "hour": "hours",
}
#: lemma of the governing verb (or adjective) -> event class
EVENT_CLASSES = {
    "kill": "killed", "die": "killed", "dead": "killed", "slay": "killed", "death": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "injured": "wounded",
    "wounded": "wounded", "violate": "violated", "breach": "violated",
    "displace": "displaced", "flee": "displaced", "arrest": "arrested", "detain": "arrested",
    "evacuate": "evacuated", "rescue": "rescued", "distribute": "distributed",
}
#: counted classes that are durations: listed as figures, never compared as tolls
DURATION_CLASSES = frozenset({"days", "weeks", "months", "years", "hours"})
#: verbs whose subject is the source of what their clause reports
SAY_VERBS = frozenset({
    "say", "tell", "report", "state", "claim", "announce", "confirm", "estimate", "add",
    "insist", "allege", "declare", "note", "write", "put", "give", "cite", "quote",
})
#: nouns that "a"/"an" may count (durations: "a week ago", "a year")
_A_COUNTABLE = frozenset({"second", "minute", "hour", "day", "week", "month", "year",
                          "decade", "century", "fortnight"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "jan", "feb", "mar",
                     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                     "sunday"})

_DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<suffix>[a-z%]*)$")
_TOKEN_NUM = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:bn|mn|m|k|tn|b|%)?$", re.I)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


# --------------------------------------------------------------------------- numbers

@dataclass(frozen=True)
class Number:
    """A parsed numeric expression: value, unit ("%", "$", "£") and whether it is vague."""

    value: float
    unit: str = ""
    vague: bool = False


def _words_value(words: list[str]) -> float | None:
    """Value of number words ("twenty five", "two hundred thousand"); None if not numeric."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and" and seen:
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and seen:
            scale = SCALES[word]
            if scale < 1000:  # "two hundred thousand": multiplies what follows too
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> Number | None:
    """Parse "62", "300,000", "3.5%", "$1.13bn", "1.5 million", "eight", "dozens", "a week".

    Returns None when ``text`` holds no number. A trailing noun after "a"/"an"
    ("a week") is ignored: the article counts it once.
    """
    s = text.strip().lower().replace("\u2011", "-").replace("\u2013", "-")
    unit = ""
    for symbol, name in sorted(CURRENCIES.items(), key=lambda kv: -len(kv[0])):
        if s.startswith(symbol):
            unit, s = name, s[len(symbol):].strip()
            break
    for suffix, name in PERCENT.items():
        if s.endswith(suffix):
            unit, s = name, s[: -len(suffix)].strip()
            break
    if s in VAGUE:
        return Number(float(VAGUE[s]), unit, vague=True)
    words = [w for w in re.split(r"[\s-]+", s) if w]
    if not words:
        return None
    if words[0] in ("a", "an") and len(words) == 2 and words[1] not in SCALES:
        return Number(1.0, unit)
    scale = 1.0
    while len(words) > 1 and words[-1] in SCALES and _DIGITS.match(words[0]):
        scale *= SCALES[words.pop()]
    if len(words) == 1 and (m := _DIGITS.match(words[0])):
        value = float(m["num"].replace(",", "") + (f".{m['dec']}" if m["dec"] else ""))
        suffix = m["suffix"]
        if suffix == "%":
            unit = "%"
        elif suffix in SCALES:
            scale *= SCALES[suffix]
        elif suffix:
            return None
        return Number(value * scale, unit)
    value = _words_value(words)
    return Number(value * scale, unit) if value is not None else None


def _is_number_token(tok) -> bool:
    low = tok.lower_
    if _ORDINAL.match(low):
        return False
    if _TOKEN_NUM.match(low) or low in VAGUE or low in TENS:
        return True
    if low == "one":  # "a distant one", "the one who": a number only when it counts something
        return tok.dep_ in ("nummod", "quantmod", "compound") or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    if low in UNITS and low not in ("a", "an"):
        return tok.pos_ == "NUM" or tok.like_num
    if low in ("a", "an"):  # "a dozen", "a hundred", "a week ago"
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (nxt.lower_ in SCALES and len(nxt) > 2 or (
            tok.dep_ == "det" and tok.head.i == nxt.i and nxt.lemma_.lower() in _A_COUNTABLE))
    return tok.like_num and tok.pos_ == "NUM"


def _is_part(tok) -> bool:
    """Tokens that extend a number expression: scales, currency, percent, hyphens."""
    low = tok.lower_
    return low in SCALES or low in CURRENCIES or low in ("%", "-", "per", "cent", "percent")


def number_spans(doc) -> list:
    """Numeric expressions of a Doc as spaCy spans (dates, years and ordinals left out)."""
    spans, i, n = [], 0, len(doc)
    while i < n:
        tok = doc[i]
        if not _is_number_token(tok):
            i += 1
            continue
        start = i
        if start > 0 and doc[start - 1].lower_ in CURRENCIES:
            start -= 1
        end = i + 1
        while end < n and (_is_number_token(doc[end]) or
                           (_is_part(doc[end]) and doc[end].lower_ != "-")
                           or (doc[end].lower_ == "-" and end + 1 < n
                               and _is_number_token(doc[end + 1])
                               and doc[end + 1].lower_ not in ("a", "an"))):
            if doc[end].lower_ in ("per",) and not (end + 1 < n and doc[end + 1].lower_ == "cent"):
                break
            end += 1
        span = doc[start:end]
        if not _is_date(span):
            spans.append(span)
        i = end
    return spans


def _is_date(span) -> bool:
    """Years ("2016") and days of the month ("Monday 19", "September 18")."""
    text = span.text.strip()
    if re.fullmatch(r"\d{4}", text) and (span[0].ent_type_ == "DATE" or (
            re.fullmatch(r"(1[89]|20)\d\d", text) and span[0].ent_type_ == "")):
        return True
    doc = span.doc
    near = [doc[j].lower_ for j in (span.start - 1, span.end) if 0 <= j < len(doc)]
    return bool(re.fullmatch(r"\d{1,2}", text)) and any(w in _MONTHS for w in near)


# --------------------------------------------------------------------------- figures

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

    def as_dict(self) -> dict:
        return asdict(self)


def _qualifier(span) -> tuple[str, int]:
    """Qualifier phrase right before the number and the start token index including it."""
    doc = span.doc
    for size in range(_QUALIFIER_WORDS, 0, -1):
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


_RELATIVE = frozenset({"which", "that", "who", "whom"})


def _agent(verb, depth: int = 0) -> str:
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
    if "nsubj" in deps:
        subject = deps["nsubj"]
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return _phrase(verb.head).text.strip()
        return "" if subject.pos_ == "PRON" else _phrase(subject).text.strip()
    if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
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


_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl"})


def _phrase(tok):
    """The mention headed by ``tok`` ("the Syrian Observatory for Human Rights") as a Span,
    without its relative clauses or appositions: the contiguous run around ``tok``."""
    dropped = {t.i for child in tok.children if child.dep_ in _CLAUSE_DEPS
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


def _named(mention, attributions) -> str:
    """The canonical speaker of an attribution whose source is this mention, else its text.

    So "he" and "Rudskoi" become the names the attribution layer resolved them to.
    """
    lo, hi = mention.start_char, mention.end_char
    for att in attributions or ():
        source = getattr(att, "source", None)
        speaker = getattr(att, "speaker", "")
        if speaker and hasattr(source, "start") and source.start < hi and lo < source.end:
            return str(speaker)
    return mention.text.strip()


def _attributed(start: int, end: int, attributions, text: str) -> str:
    """Speaker of the attribution whose content span contains [start, end).

    The canonical speaker when resolved, else the source mention as written.
    """
    for att in attributions or ():
        for content in getattr(att, "contents", ()) or ():
            if content.start <= start and end <= content.end:
                speaker = getattr(att, "speaker", "") or ""
                if speaker:
                    return str(speaker)
                source = getattr(att, "source", None)
                if source is not None and hasattr(source, "start"):
                    return text[source.start:source.end]
                return str(source or "")
    return ""


def _source(span, attributions) -> tuple[str, str]:
    """(source, how it was found): according_to, attribution, reporting_verb or unattributed.

    "according to X" next to the number wins: it is specific to that number,
    where one attribution may cover two figures from two sources ("more than
    60 according to A, or 80 according to B").
    """
    mention = _according_to(span)
    if mention is not None:
        return _named(mention, attributions), "according_to"
    who = _attributed(span.start_char, span.end_char, attributions, span.doc.text)
    if who:
        return who, "attribution"
    mention = _reporting_subject(_anchor(span))
    if mention is not None:
        return _named(mention, attributions), "reporting_verb"
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
            borrowed = next((f for f in reversed(figures) if f.counted and
                             f.start >= span.sent.start_char), None)
        event, event_tok = _event(noun if noun is not None else anchor)
        if not event:
            event, event_tok = _event_before(doc, qstart)
        agent = _agent(event_tok)
        if borrowed is not None and not event:
            event, agent = borrowed.event, borrowed.agent
        if noun is not None and noun.lemma_.lower() in _A_COUNTABLE:
            event, agent = "", ""  # durations ("two days after", "40 days of fighting")
        source, via = _source(span, attributions)
        counted = (_noun_phrase(noun, span) if noun is not None
                   else borrowed.counted if borrowed else "")
        head = (noun.lemma_.lower() if noun is not None
                else borrowed.counted_head if borrowed else "")
        key = _key(noun, event) if noun is not None else (
            f"{COUNTED_CLASSES.get(head, head)} {event}".strip() if head else "")
        start = doc[qstart].idx
        figures.append(Figure(
            doc=doc_id, start=start, end=span.end_char, text=doc.text[start:span.end_char],
            value=round(number.value, 4), unit=number.unit, vague=number.vague,
            qualifier=qualifier or ("vague" if number.vague else ""), counted=counted,
            counted_head=head, event=event, agent=agent, key=key, source=source, source_via=via,
            sentence=span.sent.text.strip(),
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


def differing_figures(figures: Iterable[Figure], min_docs: int = 2, require_event: bool = True):
    """The same quantity (same ``key``) reported with different values across articles.

    Only figures that count something in an event ("soldiers killed"; bare
    counts such as "two people" only when ``require_event`` is False) are
    grouped, durations never; a group is kept when at least ``min_docs``
    articles report it and they do not all agree on the (qualifier, value)
    statement. Meant for a corpus about one event: across unrelated stories
    every "people killed" would be compared.
    """
    import pandas as pd

    table = figures_table(f for f in figures if f.key and f.unit == ""
                          and f.key.split()[0] not in DURATION_CLASSES
                          and (f.event or not require_event))
    columns = ["key", "doc", "text", "qualifier", "value", "counted", "agent", "source",
               "source_via", "sentence"]
    if table.empty:
        return pd.DataFrame(columns=columns + ["n_docs", "n_values"])
    stats = table.groupby("key").agg(n_docs=("doc", "nunique"),
                                     n_values=("text", lambda s: s.str.lower().nunique()))
    keep = stats[(stats.n_docs >= min_docs) & (stats.n_values >= 2)]
    out = table[table.key.isin(keep.index)][columns].merge(keep.reset_index(), on="key")
    return out.sort_values(["n_docs", "key", "value", "doc", "text"],
                           ascending=[False, True, True, True, True]).reset_index(drop=True)
