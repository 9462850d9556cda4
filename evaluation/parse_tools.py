"""What a spaCy parse says about a character span: its head token, the head's lemma, tokens.

Used for cue lemmas (the lexicon counts, the training script's cue lexicon)
and content shapes (which give PolNeAR gold attributions our ``nominal`` kind).
"""
from __future__ import annotations

__all__ = ["span_tokens", "span_head", "doc_tokens", "cue_is_noun", "cue_lemma", "gold_cue_class"]

_NOUNS = frozenset(("NOUN", "PROPN"))
#: cue words that carry no reporting meaning of their own ("has been", "to", ":")
_LIGHT = frozenset("be have do will would could should may might must can not n't to by of in "
                   "on for about as with at that , : ; - — – \" “ ” '".split())


def span_tokens(doc, start: int, end: int) -> list:
    """Tokens of ``doc`` that overlap ``[start, end)`` (spaces left out)."""
    return [t for t in doc if t.idx < end and t.idx + len(t) > start and not t.is_space]


def span_head(doc, start: int, end: int):
    """The word of the span whose head lies outside it (the highest; the first on ties; punctuation
    only when the span has nothing else); None if empty."""
    toks = span_tokens(doc, start, end)
    if not toks:
        return None
    words = [t for t in toks if not t.is_punct] or toks
    inside = {t.i for t in toks}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    pool = heads or words

    def depth(t):
        d = 0
        while t.head.i != t.i and d < 200:
            t, d = t.head, d + 1
        return d

    return min(pool, key=lambda t: (depth(t), t.i))


def cue_lemma(doc, frags) -> tuple[str, str, object]:
    """(lemma, coarse POS, head token) of a cue: its syntactic head, or its first content word
    when the head is a light word ("has been", "to", a colon); "according to" stays whole."""
    start, end = min(s for s, _ in frags), max(e for _, e in frags)
    text = doc.text[start:end].lower()
    toks = span_tokens(doc, start, end)
    if not toks:
        return "", "", None
    if "according" in text:
        tok = next(t for t in toks if t.lower_ == "according") if any(
            t.lower_ == "according" for t in toks) else toks[0]
        return "according to", "ADP", tok
    head = span_head(doc, start, end)
    if head is not None and head.lemma_.lower() in _LIGHT:
        words = [t for t in toks if t.lemma_.lower() not in _LIGHT and (t.is_alpha or t.is_punct)]
        contentful = [t for t in words if t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN")]
        head = (contentful or words or [head])[0]
    lemma = head.lemma_.lower() if head.is_alpha else head.text
    return lemma, head.pos_, head


def cue_is_noun(doc, frags) -> bool:
    """The cue's head word is a noun ("his claim that", "in her view", "calls for")."""
    _, pos, _ = cue_lemma(doc, frags)
    return pos in _NOUNS


def doc_tokens(doc) -> list[tuple[int, int]]:
    """Character spans of the non-space tokens (what Citron's token metrics count)."""
    return [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]


def gold_cue_class(doc, cue_frags, source_frags) -> str:
    """The cue class (:mod:`analysis.attribution.classes`) of a gold attribution: from its cue's
    lemma and its source's head word; a cue with no source and a passive or "seem" head is raised
    ("X is expected to")."""
    from analysis.attribution.classes import classify

    lemma, _, head = cue_lemma(doc, cue_frags)
    source_lemma = ""
    if source_frags:
        src = span_head(doc, min(s for s, _ in source_frags), max(e for _, e in source_frags))
        if src is not None and src.pos_ in _NOUNS:
            source_lemma = src.lemma_.lower()
    raised = not source_frags and head is not None and (
        any(c.dep_ == "auxpass" for c in head.children) or lemma in ("seem", "appear"))
    return classify(lemma, source_lemma, according=lemma == "according to", raised=raised)
