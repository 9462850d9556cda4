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

One key is not one event: "people killed" may be one village's dead, 40 days
of fighting in a city or a five-year war. Each figure also gets the scope of its
event, read from its own clause (:func:`event_scope`): an ``incident`` or a
``total`` over a ``period`` ("since it took effect a week ago", "in 40 days of
fighting", "a five-year war that has killed"), its day words (``when``) and
places (``where``). :func:`figure_groups` splits a key into groups of figures
whose scopes, days, places and agent kinds do not contradict each other, and
:func:`differing_figures` compares values within a ``group`` only. Vague words
("dozens", "scores") are members of the group, read as ranges
(:func:`value_range`): they agree with 62 and with 90, and ``conflict`` is true
only when two articles' statements cannot both hold. Scored against a gold by
:mod:`analysis.overlap.figures_score`.
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
    "figure_groups",
    "event_scope",
    "value_range",
    "agent_kind",
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


def _is_counted(tok, span, noun) -> bool:
    """``tok`` is the figure itself ("more than 100 wounded") or the noun it counts ("with
    23,000 people killed"): no agent of its own event."""
    return (span is not None and span.start <= tok.i < span.end) or (
        noun is not None and tok.i == noun.i)


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
    if subject is not None and _is_counted(subject, span, noun):
        subject = None
    if subject is not None:
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
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


# --------------------------------------------------------------------------- event scope

#: nouns of long-running events: a count they are the agent of is a total over
#: their whole course ("a war that has killed ..."); value = the period label
LONG_EVENTS = {
    "war": "war", "conflict": "war", "insurgency": "insurgency", "uprising": "uprising",
    "revolution": "uprising", "occupation": "occupation", "siege": "siege",
    "epidemic": "epidemic", "pandemic": "epidemic", "outbreak": "epidemic",
    "regime": "regime", "rule": "regime", "dictatorship": "regime",
}
#: coarse kinds of what kills or harms, read from the agent's words: two incidents
#: whose agents are of different kinds are different events (a tsunami, a bombing).
#: Coarse on purpose: "the blast" and "the attack" are one bombing, "the quake" and
#: "the waves" one disaster.
AGENT_KINDS = {
    **dict.fromkeys(("attack", "airstrike", "strike", "raid", "bombing", "bomb", "blast",
                     "explosion", "shelling", "bombardment", "shooting", "gunman", "gunmen",
                     "missile", "rocket", "mortar", "ambush", "assault", "massacre",
                     "offensive", "militant", "rebel", "soldier", "troop", "army", "force",
                     "coalition", "terrorist", "bomber", "jet", "drone", "aircraft"),
                    "violence"),
    **dict.fromkeys(("earthquake", "quake", "tsunami", "wave", "flood", "flooding", "storm",
                     "hurricane", "cyclone", "typhoon", "tornado", "landslide", "mudslide",
                     "avalanche", "eruption", "volcano", "drought", "heatwave", "wildfire"),
                    "disaster"),
    **dict.fromkeys(("crash", "collision", "derailment", "accident", "capsizing", "sinking"),
                    "accident"),
    **dict.fromkeys(("virus", "disease", "outbreak", "epidemic", "pandemic", "cholera",
                     "flu", "influenza", "infection"), "disease"),
}
#: prepositions whose duration object makes a count a total over that period
#: ("killed in 40 days of fighting", "over the past week")
PERIOD_PREPS = frozenset({"in", "over", "during", "within", "throughout", "across"})
#: adverbs marking a running total ("so far", "to date")
TOTAL_ADVERBS = frozenset({"so far", "to date", "in total", "in all", "altogether", "overall"})
#: prepositions that place an event
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "around", "inside", "across", "of",
                         "close", "from"})
#: days per unit, for comparing periods ("a week" = "7 days")
UNIT_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
             "fortnight": 14, "month": 30, "year": 365, "decade": 3650, "century": 36500}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_SCOPE_FIELDS = ("event_scope", "period", "when", "where")


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
        if child.dep_ == "nsubj" and not _is_counted(child, span, noun):
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
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
        if low in _WEEKDAYS:
            out.add(low.capitalize())
        elif low in _MONTH_NAMES:
            doc = tok.doc
            near = [doc[j].lower_ for j in (tok.i - 1, tok.i + 1) if 0 <= j < len(doc)]
            days = [int(re.match(r"\d+", w)[0]) for w in near
                    if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)]
            out.add(f"{low.capitalize()} {days[0]}" if days else low.capitalize())
        elif re.fullmatch(r"(1[89]|20)\d\d", low):
            out.add(low)
    return out


def _when_kind(value: str) -> str:
    """Which kind of time reference a ``when`` value is; values compare within a kind."""
    first = value.split()[0].lower()
    if first in _WEEKDAYS:
        return "weekday"
    if first in _MONTH_NAMES:
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
        is_place = tok.ent_type_ in _PLACE_LABELS or (
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
                if child.ent_type_ in _PLACE_LABELS and dep != "amod":
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


def _period_days(label: str) -> float | None:
    m = re.fullmatch(r"([\d.]+) (\w+?)s?", label)
    if m and m[2] in UNIT_DAYS:
        return float(m[1]) * UNIT_DAYS[m[2]]
    return None


def _norm_place(name: str) -> str:
    s = re.sub(r"\b(al|el|ez|es|ad|as|ar|the)\b", "", name.lower())
    return re.sub(r"[^a-z]", "", s)


def _same_place(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    x, y = _norm_place(a), _norm_place(b)
    if not x or not y:
        return True
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.8


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
        agent = _agent(event_tok, span=span, noun=noun)
        scope = event_scope(span, event_tok, noun) if event else {}
        if borrowed is not None and not event:
            event, agent = borrowed.event, borrowed.agent
            scope = {name: getattr(borrowed, name) for name in _SCOPE_FIELDS}
        if noun is not None and noun.lemma_.lower() in _A_COUNTABLE:
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
            doc=doc_id, start=start, end=span.end_char, text=doc.text[start:span.end_char],
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


#: vague plurals "Xs" read as the range [2X, 10X): "dozens" of soldiers is 24 to 119
VAGUE_RANGES = {"dozens": (24, 120), "scores": (40, 200), "hundreds": (200, 1000),
                "thousands": (2000, 10000), "millions": (2e6, 1e7), "tens": (20, 100),
                "several": (3, 10)}


def value_range(fig) -> tuple[float, float]:
    """The values a figure's statement allows: "62" -> [62, 62], "more than 60" -> [60, inf),
    "about 7,000" -> [6,300, 7,700], "dozens" -> [24, 120)."""
    value, qualifier = float(fig.value), fig.qualifier
    if fig.vague:
        low, high = VAGUE_RANGES.get(fig.text.split()[-1].lower(), (value, float("inf")))
        return float(low), float(high)
    if qualifier in ("more than", "at least"):
        return value, float("inf")
    if qualifier in ("up to", "less than"):
        return 0.0, value
    if qualifier == "nearly":
        return 0.8 * value, value
    if qualifier == "about":
        return 0.9 * value, 1.1 * value
    return value, value


@dataclass(frozen=True)
class _Said:
    """What a figure says about its event, parsed once for :func:`_compatible`."""

    scope: str
    period: str
    days: float | None
    when: dict  # kind ("weekday", "date", "month", "year") -> frozenset of values
    agent: str  # :func:`agent_kind`
    where: tuple

    @classmethod
    def of(cls, fig) -> "_Said":
        when: dict[str, set] = {}
        for value in filter(None, fig.when.split("; ")):
            when.setdefault(_when_kind(value), set()).add(value)
        return cls(fig.event_scope, fig.period, _period_days(fig.period),
                   {k: frozenset(v) for k, v in when.items()}, agent_kind(fig.agent),
                   tuple(w for w in fig.where.split("; ") if w))


def _compatible(a: _Said, b: _Said) -> bool:
    """Two figures of one key can report the same event: same kind (incident or total),
    no two known periods that differ (by more than 15% when both are lengths), no two
    sets of the same kind of day ("Saturday" / "Sunday", 1993 / 1998), agent kinds
    (a tsunami / a bombing) or places that share nothing. What is not said is no
    conflict."""
    if a.scope != b.scope:
        return False
    if a.period and b.period and a.period != b.period:
        if a.days is None or b.days is None or max(a.days, b.days) > 1.15 * min(a.days, b.days):
            return False
    for kind in a.when.keys() & b.when.keys():
        if not a.when[kind] & b.when[kind]:
            return False
    if a.agent and b.agent and a.agent != b.agent:
        return False
    if a.where and b.where and not any(_same_place(x, y) for x in a.where for y in b.where):
        return False
    return True


def _groupable(fig, require_event: bool = True) -> bool:
    return bool(fig.key and fig.unit == "" and fig.key.split()[0] not in DURATION_CLASSES
                and (fig.event or not require_event))


def figure_groups(figures: Iterable[Figure], require_event: bool = True) -> list[str]:
    """One group id per figure ("" when not compared): figures of one ``key`` that report
    the same event.

    Within a key, figures that say more (a period, a day, a place) open groups
    first; a figure joins the group it is compatible with (see
    :func:`_compatible`, checked against every member), the one with most
    articles when several are, and opens a new group when none is. So a
    week's total ("since it took effect a week ago, killing 153 soldiers")
    is never compared with one strike's toll, a 40-day total never with a
    five-year war's, and an undated "62 soldiers killed" joins the one
    "soldiers killed" incident the corpus reports. The id is the key with the
    scope ("soldiers killed | total 1 week"), numbered when two groups would
    read the same.
    """
    figures = list(figures)
    ids = [""] * len(figures)
    by_key: dict[str, list[int]] = {}
    for i, fig in enumerate(figures):
        if _groupable(fig, require_event):
            by_key.setdefault(fig.key, []).append(i)

    said = {i: _Said.of(figures[i]) for members in by_key.values() for i in members}
    for key, members in by_key.items():
        groups: list[list[int]] = []
        for i in sorted(members, key=lambda i: (not said[i].period, not said[i].when,
                                                not said[i].where)):
            fits = [g for g in groups if all(_compatible(said[i], said[j]) for j in g)]
            if fits:
                max(fits, key=lambda g: len({figures[j].doc for j in g})).append(i)
            else:
                groups.append([i])
        labels: dict[str, int] = {}
        for group in groups:
            first = figures[group[0]]
            parts = [first.event_scope + (f" {first.period}" if first.period else "")]
            parts += sorted({p for j in group for p in figures[j].when.split("; ") if p})
            parts += list(dict.fromkeys(p for j in group for p in figures[j].where.split("; ")
                                        if p))
            label = f"{key} | " + ", ".join(p for p in parts if p)
            labels[label] = labels.get(label, 0) + 1
            if labels[label] > 1:
                label += f" #{labels[label]}"
            for j in group:
                ids[j] = label
    return ids


def differing_figures(figures: Iterable[Figure], min_docs: int = 2, require_event: bool = True):
    """The same quantity of the same event reported with different values across articles.

    Only figures that count something in an event ("soldiers killed"; bare
    counts such as "two people" only when ``require_event`` is False) are
    grouped, durations never; figures are grouped by ``key`` and event scope
    (:func:`figure_groups`: incident or total, the total's period, the day
    and the place), and a ``group`` is kept when at least ``min_docs``
    articles report it and they do not all agree on the (qualifier, value)
    statement. ``conflict`` says whether two articles' statements cannot both
    be true (their :func:`value_range` do not overlap): "62" and "at least 62"
    differ without conflict, "dozens" agrees with 62 and with 90, 62 and 80
    conflict.
    """
    import pandas as pd

    figures = list(figures)
    groups = figure_groups(figures, require_event)
    kept = [(f, g) for f, g in zip(figures, groups) if g]
    table = figures_table(f for f, _ in kept)
    table["group"] = [g for _, g in kept]
    table["low"] = [value_range(f)[0] for f, _ in kept]
    table["high"] = [value_range(f)[1] for f, _ in kept]
    columns = ["key", "doc", "text", "qualifier", "value", "counted", "agent", "source",
               "source_via", "sentence"]
    extra = ["group", "event_scope", "period", "when", "where", "conflict"]
    if table.empty:
        return pd.DataFrame(columns=columns + ["n_docs", "n_values"] + extra)
    stats = table.groupby("group").agg(n_docs=("doc", "nunique"),
                                       n_values=("text", lambda s: s.str.lower().nunique()))
    stats["conflict"] = [_conflict(table[table.group == g]) for g in stats.index]
    keep = stats[(stats.n_docs >= min_docs) & (stats.n_values >= 2)]
    out = table[table.group.isin(keep.index)][columns + extra[:-1]].merge(
        keep.reset_index(), on="group")
    out = out[columns + ["n_docs", "n_values"] + extra]
    return out.sort_values(["n_docs", "key", "group", "value", "doc", "text"],
                           ascending=[False, True, True, True, True, True]).reset_index(drop=True)


def _conflict(rows) -> bool:
    """Two articles of a group give statements that cannot both be true."""
    spans = list(zip(rows.doc, rows.low, rows.high))
    return any(a[0] != b[0] and (a[2] < b[1] or b[2] < a[1])
               for i, a in enumerate(spans) for b in spans[i + 1:])
