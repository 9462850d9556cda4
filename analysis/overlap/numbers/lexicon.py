"""Word lists and registries of the numbers layer, as data: number words, qualifiers, counted
classes, event classes, and the words that say when, where and over what period an event happened."""
from __future__ import annotations

import re

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
QUALIFIER_WORDS = max(len(q.split()) for q in QUALIFIERS)

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
A_COUNTABLE = frozenset({"second", "minute", "hour", "day", "week", "month", "year",
                          "decade", "century", "fortnight"})
MONTH_AND_DAY_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                     "september", "october", "november", "december", "jan", "feb", "mar",
                     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                     "sunday"})

DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<suffix>[a-z%]*)$")
TOKEN_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:bn|mn|m|k|tn|b|%)?$", re.I)
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


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
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SCOPE_FIELDS = ("event_scope", "period", "when", "where")

VAGUE_RANGES = {"dozens": (24, 120), "scores": (40, 200), "hundreds": (200, 1000),
                "thousands": (2000, 10000), "millions": (2e6, 1e7), "tens": (20, 100),
                "several": (3, 10)}

RELATIVES = frozenset({"which", "that", "who", "whom"})

CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl"})
