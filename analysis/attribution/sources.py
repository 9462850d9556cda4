"""The source of a cue: who reports, as the parse shows it.

The subject of the cue verb, a passive agent, the noun a relative clause or
participle hangs on, "quoted X as saying", or a subject the parser misplaced;
then the mention as written ("the foreign ministry's spokeswoman").
"""
from __future__ import annotations

from .. import speakers as spk
from .context import Context
from .cues import is_cue_verb
from .lexicon import (
    ASKED_VERBS, EXPLETIVES, PASSIVE_SOURCE_VERBS, QUOTE_ONLY_VERBS, RELATIVES, RELAY_VERBS, REPORT_VERBS, WALK_UP_DEPS)
from .spans import SPACE_EDGE, subtree_span, trim


def subject(ctx: Context, verb, depth: int = 0):
    """The source token of a cue verb (see :func:`_subject`), never a dateline's place or agency:
    "LONDON (Reuters) - Donald Trump said" is Trump's."""
    tok = _subject(ctx, verb, depth)
    if tok is None or not ctx.datelines:
        return tok
    for s, e in ctx.datelines:
        if s <= tok.idx < e:
            doc = ctx.doc
            after = doc.char_span(e, min(e + 1, len(ctx.text)), alignment_mode="expand")
            if after is None:
                return None
            nxt = next((t for t in doc[after.start:after.start + 4] if t.idx >= e and not t.is_punct
                        and not t.is_space), None)
            while nxt is not None and nxt.dep_ in ("compound", "amod", "det", "poss", "nmod", "flat") \
                    and nxt.head.i > nxt.i:
                nxt = nxt.head
            return nxt if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON") and nxt.i < verb.i else None
    return tok


def _subject(ctx: Context, verb, depth: int = 0):
    """The source token of a cue verb: its subject, a passive agent, or an inherited subject.

    Subjects inside a quotation (the parser sometimes makes the quote the
    subject) and subjects in another paragraph (sentences the parser ran
    across a paragraph break) are not sources.
    """
    para = ctx.para_of(verb.idx)
    if verb.tag_ == "VBN" and verb.lemma_.lower() in ASKED_VERBS and not any(
            c.dep_ in ("aux", "auxpass", "agent", "nsubj") for c in verb.children):
        return None  # "Asked whether ..., she said": nobody named asked

    quote = ctx.quote_of(verb)

    def usable(tok):
        return ctx.quote_of(tok) == quote and ctx.para_of(tok.idx) == para

    children = list(verb.children)
    quoted = quoted_as(verb)
    if quoted is not None and usable(quoted):
        return quoted
    clause_subject = _participle_clause_subject(verb, usable)
    if clause_subject is not None:
        return clause_subject
    for child in children:
        if child.dep_ in ("nsubj", "csubj") and usable(child):
            return child
    for child in children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and usable(pobj):
                    return pobj
    for child in children:
        if child.dep_ == "nsubjpass" and child.lower_ not in EXPLETIVES and usable(child):
            if verb.lemma_ in PASSIVE_SOURCE_VERBS:
                return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON") and usable(verb.head):
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBG") and verb.head.pos_ in ("NOUN", "PROPN") \
            and usable(verb.head):
        return verb.head  # "a new book saying ...", or a slip: "the governor ... called on X"
    first = next((t for t in verb.sent if ctx.para_of(t.idx) == para and not t.is_space), verb)
    if verb.i == first.i or (verb.i > first.i and all(t.is_punct for t in verb.doc[first.i:verb.i])):
        # "Writes the news agency:" / "Said the minister:" inversions at a sentence start
        obj = next((c for c in children if c.dep_ in ("dobj", "attr", "nsubj") and usable(c)), None)
        if obj is not None:
            return obj
    for child in children:  # "said Smith" with Smith parsed as an object after the quote
        if child.dep_ in ("dobj", "npadvmod") and child.i > verb.i and child.pos_ == "PROPN" and \
                child.ent_type_ in ("PERSON", "ORG") and usable(child) and \
                verb.lemma_.lower() in REPORT_VERBS | QUOTE_ONLY_VERBS and child.left_edge.i <= verb.i + 2:
            return child
    stray = conjoined_subject(verb)
    if stray is not None and usable(stray):
        return stray
    if depth == 0 and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in children):
        before = _name_before(ctx, verb, usable)
        if before is not None:
            return before
    head = verb.head
    if depth < 3 and verb.dep_ in WALK_UP_DEPS and head.i != verb.i and ctx.para_of(head.idx) == para:
        if verb.dep_ in ("advcl", "conj") and head.dep_ == "ccomp" and is_cue_verb(head.head, REPORT_VERBS):
            return _subject(ctx, head.head, depth + 1)  # "X reported that A, writing that B"
        return _subject(ctx, head, depth + 1)
    if depth == 0 and (ctx.para_of(head.idx) != para or verb.sent.start_char < ctx.paras[para].start):
        # the parser ran the sentence across a paragraph break
        return _orphan_subject(ctx, verb, usable)
    return None


def quoted_as(verb):
    """ "the paper quoted the official as saying ...": the official speaks, the paper relays.

    ``verb`` may be the relaying verb or the "saying" under its "as"."""
    relay = verb
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.dep_ == "prep":
        relay = verb.head.head
    if relay.lemma_.lower() not in RELAY_VERBS:
        return None
    says = any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.dep_ == "pcomp" and g.lemma_.lower() in REPORT_VERBS for g in c.children) for c in relay.children)
    return next((c for c in relay.children if c.dep_ == "dobj"), None) if says else None


def conjoined_subject(verb):
    """ "A was true, and its hosts X and Y, known as Z, said B": the parser hung the subject as a
    noun conjunct on the clause before the cue; that noun is the speaker."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")
                                                for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ == "ccomp" and clause.i < verb.i and clause.pos_ in ("VERB", "AUX"):
            noun = next((c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                         and c.right_edge.i < verb.i), None)
            if noun is not None:
                return noun
    return None


def _participle_clause_subject(verb, usable):
    """ "Mr Brown dismissed the figures insisting that", "wrote to all three parties urging them":
    a participle the parser hung on an object noun reports for the clause's subject, unless that
    noun is a newly introduced document ("cited a report saying")."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "advcl" and head.i < verb.i:
        # "a new report was published by X, suggesting that": the document suggests
        return next((c for c in head.children if c.dep_ == "nsubjpass" and usable(c)
                     and c.lemma_.lower() in spk.DOCUMENT_WORDS), None)
    stray = next((c for c in verb.children if c.dep_ == "nsubj" and head.i < c.i < verb.i
                  and c.pos_ == "NOUN"), None)
    if verb.dep_ in ("ccomp", "xcomp") and stray is not None and head.pos_ in ("VERB", "AUX"):
        # "Mr Brown dismissed the figures insisting that": the object is no subject of the participle
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)
                     and c.lower_ not in EXPLETIVES), None)
    noun = head
    if verb.dep_ != "acl" or noun.dep_ not in ("dobj", "pobj"):
        return None
    if noun.lemma_.lower() in spk.DOCUMENT_WORDS and any(c.lower_ in ("a", "an") for c in noun.children):
        return None
    clause = noun.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ in ("prep", "agent", "pobj", "dobj") \
            and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and usable(c)
                 and c.lower_ not in EXPLETIVES and c.lower_ not in RELATIVES), None)


def _name_before(ctx: Context, verb, usable):
    """ "In a speech to the Centre Mr Straw said": a name right before a subjectless verb that the
    parser hung on the preceding phrase is its subject."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i:
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    if tok.pos_ != "PROPN" or tok.head.i == verb.i or tok.head.i > tok.i or not usable(tok):
        return None
    if tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", ""):
        return None
    return tok


def _orphan_subject(ctx: Context, verb, usable):
    """The paragraph's first noun phrase when the parser hung it on another paragraph's sentence."""
    para = ctx.paras[ctx.para_of(verb.idx)]
    for tok in verb.doc[verb.sent.start:verb.i]:
        if tok.idx < para.start or not usable(tok):
            continue
        if tok.pos_ in ("NOUN", "PROPN", "PRON") and (tok.head.idx < para.start or tok.head.idx >= para.end):
            return tok
    return None


def mention_span(tok, text: str) -> tuple[int, int]:
    """The source mention as written: the noun phrase, without relative clauses.

    ``text`` is the document's text (``Context.text``): ``Doc.text`` joins every
    token anew on each access, which would make extraction quadratic.
    """
    if tok.lower_ in RELATIVES or tok.pos_ == "PRON":
        return tok.idx, tok.idx + len(tok.text)
    start, end = subtree_span(tok, exclude_deps=("relcl", "acl", "advcl", "punct", "cc"))
    honorific = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.idx > start
                 and c.lower_ in spk.HONORIFICS]
    if honorific:  # "the Foreign Policy Centre Mr Straw": the name starts at its honorific
        start = honorific[-1].idx
    start = max(start, text.rfind("\n", start, tok.idx) + 1)  # never across a line break
    stop = text.find("\n", tok.idx, end)
    end = stop if stop != -1 else end
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        end += 1  # "Central Command (CENTCOM)"
    return trim(text, start, end, SPACE_EDGE)


def source_span(ctx: Context, subj) -> tuple[int, int] | None:
    """The mention of ``subj`` as written, never reaching into a dateline ("LONDON (Reuters) -")."""
    if subj is None:
        return None
    start, end = mention_span(subj, ctx.text)
    for s, e in ctx.datelines:
        if s <= start < e < end:
            start, end = trim(ctx.text, e, end, SPACE_EDGE | set("-–—"))
    return (start, end) if end > start else None


def holder_span(ctx: Context, holder) -> tuple[int, int]:
    """The possessor's mention without its "'s"."""
    s, e = mention_span(holder, ctx.text)
    return trim(ctx.text, s, e - 2 if ctx.text[e - 2:e] in ("'s", "’s") else e, SPACE_EDGE)
