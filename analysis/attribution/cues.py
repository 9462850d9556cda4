"""Which tokens are cues: reporting verbs used as verbs, "made clear", and a cue's span."""
from __future__ import annotations

from .spans import tok_span


def is_cue_verb(tok, lexicon) -> bool:
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


def make_clear(tok) -> bool:
    """ "has made it clear that ...": a reporting idiom."""
    return tok.lemma_ == "make" and any(c.lower_ == "clear" for c in tok.children)


def cue_span(tok) -> tuple[int, int]:
    """The cue verb with its auxiliaries and particle ("has said", "pointed out")."""
    parts = [tok] + [c for c in tok.children if c.dep_ in ("aux", "auxpass", "prt", "neg")
                     and abs(c.i - tok.i) <= 3]
    return tok_span(parts)
