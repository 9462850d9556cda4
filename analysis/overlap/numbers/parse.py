"""Numbers as written ("300,000", "eight", "dozens", "$1.13bn") to values, and the numeric
expressions of a parsed text (dates, years and ordinals left out)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (A_COUNTABLE, CURRENCIES, DIGITS, MONTH_AND_DAY_WORDS, ORDINAL, PERCENT, SCALES, TENS,
                      TOKEN_NUMBER, UNITS, VAGUE)

__all__ = ["Number", "parse_number", "number_spans"]


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
    while len(words) > 1 and words[-1] in SCALES and DIGITS.match(words[0]):
        scale *= SCALES[words.pop()]
    if len(words) == 1 and (m := DIGITS.match(words[0])):
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
    if ORDINAL.match(low):
        return False
    if TOKEN_NUMBER.match(low) or low in VAGUE or low in TENS:
        return True
    if low == "one":  # "a distant one", "the one who": a number only when it counts something
        return tok.dep_ in ("nummod", "quantmod", "compound") or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    if low in UNITS and low not in ("a", "an"):
        return tok.pos_ == "NUM" or tok.like_num
    if low in ("a", "an"):  # "a dozen", "a hundred", "a week ago"
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and (nxt.lower_ in SCALES and len(nxt) > 2 or (
            tok.dep_ == "det" and tok.head.i == nxt.i and nxt.lemma_.lower() in A_COUNTABLE))
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
    return bool(re.fullmatch(r"\d{1,2}", text)) and any(w in MONTH_AND_DAY_WORDS for w in near)
