"""Who a source mention is: its type (registry of lexicons + NER), role and canonical name.

A mention as written ("Secretary of State John Kerry", "a rebel official",
"the spokeswoman", "he") becomes a canonical speaker string, a type from
:data:`SPEAKER_TYPES` and the title/role kept apart. Types are decided by a
registry of small predicates tried in order, so adding a type is one entry,
not another branch. Names are merged within an article here and across a
corpus by :func:`canonical_names` ("Kerry" == "John Kerry").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

__all__ = [
    "SPEAKER_TYPES",
    "NEWS_AGENCIES",
    "Mention",
    "describe",
    "speaker_type",
    "clean_name",
    "canonical_names",
    "name_key",
    "is_country",
    "agency_name",
    "strip_determiners",
    "role_of_mention",
]

SPEAKER_TYPES = ("person", "organization", "government body", "news agency", "media",
                 "anonymous", "document", "unknown")

NEWS_AGENCIES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "agence-france presse": "AFP", "agence-france-presse": "AFP", "france-presse": "AFP",
    "xinhua": "Xinhua", "interfax": "Interfax", "tass": "TASS", "itar-tass": "TASS",
    "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "sana": "SANA", "dpa": "dpa",
    "efe": "EFE", "ansa": "ANSA", "anadolu": "Anadolu", "anadolu agency": "Anadolu",
    "kyodo": "Kyodo", "yonhap": "Yonhap", "press association": "PA", "pa": "PA",
    "upi": "UPI", "united press international": "UPI", "bloomberg": "Bloomberg",
    "irna": "IRNA", "isna": "ISNA", "fars": "Fars", "wafa": "WAFA", "mena": "MENA",
    "bernama": "Bernama", "pti": "PTI", "aap": "AAP", "canadian press": "Canadian Press",
    "bna": "BNA", "qna": "QNA", "spa": "SPA", "wam": "WAM", "nna": "NNA", "kcna": "KCNA",
}

MEDIA_WORDS = frozenset("""
bbc cnn fox nbc abc cbs msnbc sky itv channel al-jazeera jazeera times post journal guardian
telegraph independent herald tribune gazette newspaper newspapers paper tv television radio
network magazine daily weekly media website outlet broadcaster broadcasters tabloid
economist observer mirror sun express mail standard chronicle bulletin newsweek politico
axios vox npr pbs rt sputnik izvestia pravda kommersant der spiegel le monde figaro
""".split())

GOVERNMENT_WORDS = frozenset("""
government governments ministry ministries department administration pentagon kremlin
congress parliament senate council commission command centcom military army navy
police embassy cabinet authorities authority presidency regime assembly court
nations nato treasury whitehall downing state-run agency bureau directorate
secretariat junta legislature judiciary prosecutors prosecutor forces ministers
""".split())

GOVERNMENT_PHRASES = ("white house", "state department", "foreign office", "home office",
                      "security council", "united nations", "european commission",
                      "european union", "defense ministry", "defence ministry",
                      "foreign ministry", "general staff", "central command", "un ", "eu ")

DOCUMENT_WORDS = frozenset("""
statement statements report reports release communique communiqué document documents letter
memo study survey poll figures data research analysis tweet post email note filing review
directive decree transcript message announcement bulletin paper papers website blog
""".split())

ANONYMOUS_HEADS = frozenset("""
official officials source sources spokesman spokeswoman spokesperson spokesmen diplomat
diplomats witness witnesses resident residents activist activists analyst analysts expert
experts observer observers insider insiders aide aides person people someone critics critic
opponents supporters campaigners officer officers commander commanders member members
employee employees staff worker workers doctor doctors medic medics lawyer lawyers
negotiator negotiators investigator investigators researchers researcher scientists
scientist economists economist locals fighters fighter soldier soldiers rebels rebel
militants militant survivor survivors relative relatives neighbour neighbours neighbor
neighbors friend friends colleague colleagues executive executives director directors
manager managers teacher teachers student students parent parents victim victims
insurgents official's advisers adviser advisor advisors representative representatives
delegate delegates mediator mediators monitor monitors protesters protester
""".split())

ORGANIZATION_HEADS = frozenset("""
group groups organisation organization company firm party union association observatory
coalition alliance movement agency charity foundation institute federation club team
network committee board bank corporation league society center centre campaign
""".split())

#: title words kept as the role when they precede a name
TITLE_WORDS = frozenset("""
mr mrs ms miss dr prof professor sir lord lady dame president secretary minister ambassador
spokesman spokeswoman spokesperson general gen maj major col colonel lt lieutenant capt
captain sgt sergeant chief chairman chairwoman chair executive director senator sen rep
representative governor gov mayor king queen prince princess pope judge justice premier
chancellor foreign defense defence prime state vice deputy commander officer head leader
coach manager envoy diplomat rev reverend father sheikh ayatollah emir sultan interior
finance home health economy trade former acting opposition shadow leader's mp mep
attorney counsel analyst economist professor's st.
""".split())

PARTY_WORDS = frozenset("tory tories labour conservative liberal democrat democrats republican lib "
                        "dem snp ukip green".split())
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady".split())

PERSONAL_PRONOUNS = {
    "he": "person", "she": "person", "i": "person", "him": "person", "her": "person",
    "they": "group", "we": "group", "them": "group", "it": "thing",
}

DETERMINERS = frozenset("the a an this that these those some several many two three one "
                        "another other its his her their our".split())


@dataclass(frozen=True)
class Mention:
    """What is known about a source mention, independent of spaCy objects."""

    text: str                      # as written
    head: str                      # head word, lower-cased lemma
    ents: tuple = ()               # (text, label) of named entities inside the mention
    is_pronoun: bool = False
    definite: bool = False         # starts with "the"/possessive
    plural: bool = False
    head_text: str = ""            # head word as written, lower-cased
    proper: bool = False           # the head is a proper noun

    def head_in(self, words) -> bool:
        return self.head in words or (self.head_text or self.head) in words


def _lower(s: str) -> str:
    return s.lower().strip()


def clean_name(name: str) -> str:
    """A person's name without honorifics, possessive 's, or surrounding punctuation."""
    name = re.sub(r"[’']s$", "", name.strip().strip(",.;:\"“”‘’'()"))
    words = name.split()
    bare = {h.rstrip(".") for h in HONORIFICS}
    for i in range(len(words) - 1, 0, -1):  # "Describing Mr Jackson" -> "Jackson"
        if words[i].lower().rstrip(".") in bare:
            words = words[i + 1:]
            break
    while len(words) > 1 and (words[0].lower().rstrip(".,") in bare | PARTY_WORDS | TITLE_WORDS
                              or words[0].lower() in ("of", "the", "for")
                              or not words[0][:1].isupper()):
        words = words[1:]  # "Secretary of State John Kerry" -> "John Kerry"
    while words and words[0].lower().rstrip(".") in bare:
        words = words[1:]
    return " ".join(words)


def name_key(name: str) -> str:
    """The surname used to merge name variants: last word, Arabic article stripped."""
    words = clean_name(name).split()
    if not words:
        return ""
    last = words[-1].lower()
    return re.sub(r"^(al|el|ad|as|ash|an|ar|az)-", "", last)


def agency_name(text: str) -> str | None:
    key = _lower(text).strip(".,")
    key = re.sub(r"^the\s+", "", key)
    if key in NEWS_AGENCIES:
        return NEWS_AGENCIES[key]
    key = re.sub(r"\s+news agency$", "", key)
    return NEWS_AGENCIES.get(key)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'’.-]*", text.lower())


def _is_agency(m: Mention) -> bool:
    if agency_name(m.text):
        return True
    return any(agency_name(t) for t, _ in m.ents) or (
        "news agency" in m.text.lower() or "wire service" in m.text.lower())


def _is_document(m: Mention) -> bool:
    return m.head_in(DOCUMENT_WORDS) and not m.proper


def _is_media(m: Mention) -> bool:
    words = set(_words(m.text))
    if m.head_in(MEDIA_WORDS):
        return True
    return any(label == "ORG" and set(_words(t)) & MEDIA_WORDS for t, label in m.ents) or (
        not m.ents and bool(words & {"newspaper", "tv", "television", "radio", "broadcaster"}))


def _is_person(m: Mention) -> bool:
    """A PERSON name that is the head of the mention ("The Obama administration" is not)."""
    head = (m.head_text or m.head).strip(".")
    if any(label == "PERSON" and (not head or head in re.findall(r"[\w.'’-]+", t.lower()))
           for t, label in m.ents):
        return True
    words = m.text.split()
    return len(words) >= 2 and words[0].lower() in HONORIFICS and words[1][:1].isupper()


def is_country(text: str) -> bool:
    """A country or capital used for its government ("the USA said", "Moscow says")."""
    key = re.sub(r"^the\s+", "", text.lower().strip(" .,"))
    return key in _COUNTRY_SET


_COUNTRY_SET = frozenset({"us", "u.s.", "u.s", "usa", "u.s.a.", "america", "united states",
                          "the united states", "uk", "u.k.", "britain", "great britain", "russia",
                          "russian federation", "china", "france", "germany", "iran", "iraq",
                          "syria", "israel", "turkey", "japan", "india", "pakistan", "washington",
                          "moscow", "beijing", "london", "paris", "damascus", "tehran", "ankara",
                          "kremlin", "whitehall", "downing street"})


def _is_government(m: Mention) -> bool:
    if is_country(m.text):
        return True
    low = " " + m.text.lower() + " "
    if any(p in low for p in GOVERNMENT_PHRASES):
        return True
    if m.head_in(GOVERNMENT_WORDS):
        return True
    if any(label == "GPE" for _, label in m.ents):
        return not m.head_in(ORGANIZATION_HEADS) and not m.head_in(ANONYMOUS_HEADS)
    return any(label == "ORG" and set(_words(t)) & GOVERNMENT_WORDS for t, label in m.ents)


ROLE_NOUNS = frozenset("""
ambassador president minister secretary governor mayor chairman chairwoman chancellor premier
envoy senator leader chief head director executive coach manager captain king queen prince pope
judge prosecutor commissioner chair boss founder owner prime vice-president general commander
""".split())


def _is_role_person(m: Mention) -> bool:
    """ "Syria's UN ambassador", "the prime minister": one identifiable person, unnamed here."""
    return m.head_in(ROLE_NOUNS) and m.definite and not m.plural


def _is_anonymous(m: Mention) -> bool:
    if m.head_in(ROLE_NOUNS) and not m.definite:
        return True  # "a senior minister"
    if m.plural and not m.proper and not m.definite and not m.ents and not m.head_in(
            ORGANIZATION_HEADS | GOVERNMENT_WORDS | MEDIA_WORDS | DOCUMENT_WORDS):
        return True  # "Shareholders", "Lawyers for news organisations"
    return m.head_in(ANONYMOUS_HEADS) and not _is_person(m)


def _is_organization(m: Mention) -> bool:
    return m.head_in(ORGANIZATION_HEADS) or any(label in ("ORG", "NORP") for _, label in m.ents)


#: type registry, tried in order: the first predicate that holds names the type
TYPE_RULES: tuple[tuple[str, Callable[[Mention], bool]], ...] = (
    ("news agency", _is_agency),
    ("person", _is_person),
    ("person", _is_role_person),
    ("document", _is_document),
    ("anonymous", _is_anonymous),
    ("media", _is_media),
    ("government body", _is_government),
    ("organization", _is_organization),
)


def speaker_type(m: Mention) -> str:
    """The first matching type of :data:`TYPE_RULES`, else ``unknown``."""
    if m.is_pronoun:
        return "unknown"
    for name, rule in TYPE_RULES:
        if rule(m):
            return name
    if m.proper and all(w[:1].isupper() for w in m.text.split()[:2]) and not m.definite:
        return "person"  # an unrecognised capitalised name
    return "unknown"


def strip_determiners(text: str) -> str:
    words = text.strip().strip(",;:").split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def describe(m: Mention) -> tuple[str, str, str]:
    """``(speaker, speaker_type, speaker_role)`` for a mention, before pronoun resolution."""
    kind = speaker_type(m)
    if kind == "person" and _is_role_person(m) and not _is_person(m):
        return strip_determiners(m.text), kind, strip_determiners(m.text)
    if kind == "person":
        persons = [t for t, label in m.ents if label == "PERSON"]
        # "Moadamiyat al-Sham mayor Bassam Karbuj": the PERSON entity holding the head is the name
        head = [t for t in persons if m.head_text and m.head_text in t.lower().split()]
        name = next((clean_name(t) for t in head + persons), "") or _honorific_name(m.text)
        role = role_of_mention(m.text, name)
        return name, kind, role
    if kind == "news agency":
        name = agency_name(m.text) or next((agency_name(t) for t, _ in m.ents if agency_name(t)), None)
        return name or strip_determiners(m.text), kind, ""
    if kind in ("organization", "government body", "media") and m.ents:
        ent, label = max(m.ents, key=lambda e: len(e[0]))
        if label != "NORP" and m.head_text and m.head_text in ent.lower().split():
            return strip_determiners(re.sub(r"[’']s$", "", ent)), kind, ""
    if kind == "anonymous":
        return strip_determiners(m.text), kind, strip_determiners(m.text)
    return strip_determiners(m.text) or m.text.strip(), kind, ""


def _honorific_name(text: str) -> str:
    """ "Mr Mubanga, 32, from Wembley" -> "Mubanga"; otherwise the mention without determiners."""
    words = strip_determiners(text).split()
    if words and words[0].lower() in HONORIFICS:
        name = []
        for w in words[1:]:
            if not w[:1].isupper():
                break
            name.append(w.rstrip(","))
            if w.endswith(","):
                break
        if name:
            return clean_name(" ".join(name))
    return clean_name(strip_determiners(text))


def role_of_mention(mention: str, name: str) -> str:
    """The mention with the name taken out: the title/role ("Kremlin spokesman")."""
    rest = mention.replace(name, " ") if name and name in mention else mention
    words = [w for w in rest.replace(",", " ").split() if w.lower() not in HONORIFICS]
    role = strip_determiners(" ".join(words)).strip(" ,;:-–—")
    role = re.sub(r"^[’']s\s*", "", role)
    return role if any(c.isalpha() for c in role) else ""


#: spellings of one body that differ only in these: "U.S."/"United States", "of"/"for"
_BODY_ALIASES = (
    (re.compile(r"\b(?:the )?united states(?: of america)?\b|\bu\.s\.a?\.?(?=\s|$)|\busa?\b"), "us"),
    (re.compile(r"\b(?:the )?russian federation\b"), "russia"),
    (re.compile(r"\b(?:the )?united kingdom\b|\bu\.k\.?(?=\s|$)|\bgreat britain\b"), "uk"),
    (re.compile(r"\b(?:the )?united nations\b|\bu\.n\.?(?=\s|$)"), "un"),
)
_BODY_STOP = frozenset("the of for and on in".split())


def body_key(name: str) -> str:
    """A spelling-blind key for an organisation or government: "U.S. Central Command" and
    "United States Central Command" share one, as do "Observatory for/of Human Rights"."""
    low = " ".join(_lower(name).replace("’", "'").split())
    for pattern, alias in _BODY_ALIASES:
        low = pattern.sub(alias, low)
    return " ".join(w for w in re.findall(r"[\w']+", low) if w not in _BODY_STOP)


def canonical_bodies(names: Iterable[str]) -> dict[str, str]:
    """Map each organisation/government name to the most used spelling sharing its key."""
    counts: dict[str, int] = {}
    for n in names:
        if n:
            counts[n] = counts.get(n, 0) + 1
    groups: dict[str, list[str]] = {}
    for n in counts:
        groups.setdefault(body_key(n), []).append(n)
    out = {}
    for variants in groups.values():
        best = min(variants, key=lambda v: (-counts[v], -sum(w[:1].isupper() for w in v.split()), len(v), v))
        out.update({v: best for v in variants})
    return out


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Map each person name to its fullest variant sharing the surname, when that is unique.

    "Kerry" -> "John Kerry"; "Secretary Kerry" -> "John Kerry"; two different
    first names with one surname stay apart (the short form then stays as is).
    """
    names = sorted({clean_name(n) for n in names if clean_name(n)})
    by_key: dict[str, set[str]] = {}
    for n in names:
        by_key.setdefault(name_key(n), set()).add(n)
    out: dict[str, str] = {}
    for n in names:
        variants = by_key.get(name_key(n), {n})
        longer = [v for v in variants if len(v.split()) > 1 and _compatible(n, v)]
        fullest = {v for v in longer if not any(len(w.split()) > len(v.split()) and
                                                _compatible(v, w) for w in longer)}
        out[n] = min(fullest, key=lambda v: (-len(v.split()), v)) if len(fullest) == 1 else n
    return out


def _compatible(short: str, full: str) -> bool:
    """Every word of ``short`` appears in ``full`` (initials match a first name)."""
    fwords = [w.lower().strip(".") for w in full.split()]
    for w in short.split():
        w = w.lower().strip(".")
        if w in fwords or re.sub(r"^(al|el)-", "", w) in [re.sub(r"^(al|el)-", "", f) for f in fwords]:
            continue
        if len(w) == 1 and any(f.startswith(w) for f in fwords):
            continue
        return False
    return True
