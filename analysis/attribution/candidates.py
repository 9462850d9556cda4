"""Relation candidates: for a word that may be a cue, every way a content can hang on it in the parse.

PARC attributions are not only "said that X": a verb's object ("denied *the
allegations*", "endorsed *Clinton*"), its infinitive ("plans *to run*"), the
object of a linking preposition ("talked *about the economy*"), an object
frame ("called *the plan a disaster*"), a raised subject with its complement
("*Trump* is expected *to win*", "*she* seemed *to embody contradictions*"),
a noun's clause or prepositional object ("*his* claim *that X*", "support
*for Sanders*") and an adjective's ("critical *of the deal*"). This module
proposes one draft per cue word and relation; :mod:`.model` scores them and
keeps at most one per cue.

The words tried are those of the trained model's cue lexicon and of the hand
lexicons (:mod:`.lexicon`); every step looks only at a token's children, so
the pass is linear in the article's length.
"""
from __future__ import annotations

from dataclasses import replace

from .context import Context
from .contents import clause_content, clip, keep, side_clause_at
from .draft import Draft
from .lexicon import (
    ADDRESSEE_VERBS, BELIEF_VERBS, CONTENT_PREPS, DASHES, EXPLETIVES, FRAME_VERBS, LEMMA_FIXES, LIGHT_VERBS,
    QUOTE_ONLY_VERBS, RELATIVES, RELAY_VERBS, REPORT_NOUNS, REPORT_VERBS)
from .sources import holder_span, quoted_as, source_span, subject
from .spans import SPACE_EDGE, WORD, subtree_span, tok_span, trim

#: coarse parts of speech a cue word may have (prepositions and colons are read by other rules)
CUE_POS = frozenset(("VERB", "NOUN", "ADJ"))
#: marks that open a reported clause and belong to the content (PARC)
_CLAUSE_MARKS = frozenset("that whether if".split())
#: complements that complete an object frame ("called X Y", "urged X to Y", "saw X as Y")
_FRAME_DEPS = frozenset(("oprd", "xcomp", "ccomp", "acomp"))
#: complements of a raised subject ("X is expected to", "X seems unlikely")
_RAISED_DEPS = frozenset(("xcomp", "oprd", "acomp", "attr", "ccomp"))
#: a verb's complements that may together make its content ("went after Trump over his refusal")
_COMPLEMENT_DEPS = frozenset(("dobj", "dative", "prep", "xcomp", "oprd", "acomp", "attr"))
#: verbs whose object is a document or statement that carries the words ("issued a statement calling")
ISSUE_VERBS = frozenset("issue release publish send post write put sign".split())
DOC_NOUNS = frozenset("""statement statements letter letters report reports release tweet tweets post
message memo note email op-ed column editorial video ad ads advertisement""".split())
#: dependents only a verb has: a noun that governs them is a mistagged verb
_VERB_ONLY_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "aux"))
#: a content's trailing part that the writer adds: an aside set off by a comma, a second predicate
_TAIL_DEPS = frozenset(("relcl", "acl", "appos", "conj", "advcl"))
#: active verbs whose subject belongs to the content ("she seemed to embody contradictions")
RAISING_ACTIVE = frozenset("seem appear look sound prove tend".split())
_HAND_VERBS = REPORT_VERBS | BELIEF_VERBS | QUOTE_ONLY_VERBS | FRAME_VERBS


def norm_lemma(tok) -> str:
    """The token's lemma, lower case, with the lemmatiser's known slips mended ("hoping" -> hope)."""
    lemma = tok.lemma_.lower()
    return LEMMA_FIXES.get((tok.lower_, lemma), lemma)


def cue_key(tok) -> str:
    """``lemma/POS``: how the model's lexicon names a cue word."""
    return f"{norm_lemma(tok)}/{tok.pos_}"


def is_candidate(tok, lexicon) -> bool:
    """A word worth proposing drafts for: a cue word of the model's lexicon or of the hand lexicons,
    not inside a name ("the North East Says No campaign")."""
    if tok.pos_ not in CUE_POS or tok.ent_iob_ == "I" or tok.lower_ == "according":
        return False  # "according to" has rules of its own (:func:`.reports.according_drafts`)
    if cue_key(tok) in lexicon:
        return True
    lemma = norm_lemma(tok)
    return (tok.pos_ == "VERB" and lemma in _HAND_VERBS) or (tok.pos_ == "NOUN" and lemma in REPORT_NOUNS)


def verb_group(tok, extra=None) -> tuple[int, int]:
    """A PARC cue: the word with its auxiliaries, modals, negation, particle and the adverbs among
    them ("has repeatedly called"), plus a linking preposition ("talked about")."""
    parts = [tok]
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - tok.i) <= 4:
            parts.append(c)
    lo = min(p.i for p in parts)
    for c in tok.children:
        if c.dep_ == "advmod" and lo < c.i < tok.i:
            parts.append(c)
    if extra is not None:
        parts.append(extra)
    doc = tok.doc
    lo, hi = min(p.i for p in parts), max(p.i for p in parts)
    # the cue is contiguous: drop an aux or adverb that a subject separates from the verb ("did he say")
    while lo < tok.i and any(t.dep_ in ("nsubj", "nsubjpass", "expl") or t.is_punct
                             for t in doc[lo + 1:tok.i]):
        lo = min((p.i for p in parts if p.i > lo), default=tok.i)
    while hi > tok.i and any(t.is_punct for t in doc[tok.i:hi]):
        hi = max((p.i for p in parts if p.i < hi), default=tok.i)
    return tok_span(doc[lo:hi + 1])


def _span(ctx: Context, cue, lo_tok, hi_tok, quoted_ok: bool = True) -> list[tuple[int, int]]:
    """The content from ``lo_tok`` to ``hi_tok``, cut to the cue's paragraph, edges trimmed."""
    if lo_tok.i > hi_tok.i:
        return []
    return keep(ctx, [clip(ctx, cue, lo_tok.idx, hi_tok.idx + len(hi_tok.text))], min_words=1)


def _clause(ctx: Context, cue, clause) -> list[tuple[int, int]]:
    """A clause's subtree; its "that"/"whether" stays (PARC), a leading "and"/"but" does not."""
    doc = ctx.doc
    lo, hi = clause.left_edge, clause.right_edge
    while lo.i < hi.i and (lo.is_punct or lo.dep_ == "cc"):
        lo = doc[lo.i + 1]
    return _span(ctx, cue, lo, hi)


def _object_frame(tok, obj):
    """The frame's last part after the object: "called X *Y*", "urged X *to Y*", "saw X *as Y*"."""
    last = None
    for c in tok.children:
        if c.i <= obj.i:
            continue
        if c.dep_ in _FRAME_DEPS or (c.dep_ == "prep" and c.lower_ == "as") or \
                (c.dep_ == "advcl" and c.left_edge.lower_ == "as"):
            last = c if last is None or c.right_edge.i > last.right_edge.i else last
    return last


def _pobj(prep):
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _draft(ctx, tok, how, contents, source_tok, extra=None, cue=None, source=None, head=None) -> Draft:
    if source is None and source_tok is not None:
        source = holder_span(ctx, source_tok) if how.startswith("noun") else source_span(ctx, source_tok)
    return Draft(kind="indirect", contents=contents, cue=cue or verb_group(tok, extra), source_tok=source_tok,
                 source=source, confidence=0.5, para=ctx.para_of(tok.idx), cue_tok=tok, how=how,
                 extra_cue=None if extra is None else tok_span([extra]), content_tok=head)


def _usable_source(ctx: Context, tok, src):
    """No expletive, and no source inside the content it would report."""
    if src is None or src.lower_ in EXPLETIVES:
        return None
    return src


def verb_candidates(ctx: Context, tok) -> list[Draft]:
    """Drafts for a verb: clause, object, object frame, infinitive, preposition, raised subject."""
    out: list[Draft] = []
    kids = list(tok.children)
    deps = {c.dep_ for c in kids}
    passive = "auxpass" in deps
    agent = next((p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    subj = _usable_source(ctx, tok, subject(ctx, tok))
    raised_subj = next((c for c in kids if c.dep_ in ("nsubjpass", "nsubj", "csubj", "csubjpass")
                        and c.i < tok.i), None)
    lemma = tok.lemma_.lower()
    if lemma in RELAY_VERBS and quoted_as(tok) is not None:
        return []  # "quoted the chairman as saying ...": the rules read the relayed words
    has_ccomp = False
    for c in kids:
        if c.dep_ == "ccomp":
            has_ccomp = True
            if lemma == "find" and any(x.dep_ == "nsubj" and x.lower_.endswith(("self", "selves"))
                                       for x in c.children):
                continue  # "found themselves trailing": a state, not a finding
            # the rules' reading of a reported clause (asides, inner cues, "it was possible X")
            content = clause_content(ctx, tok, questions=True, children=(c,)) if c.i > tok.i \
                else _clause(ctx, tok, c)
            if content:
                out.append(_draft(ctx, tok, "ccomp" if c.i > tok.i else "ccomp-left", content, subj, head=c))
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is not None and lemma in LIGHT_VERBS | ISSUE_VERBS and obj.lemma_.lower() in REPORT_NOUNS | DOC_NOUNS:
        obj = None  # "issued a statement calling X Y": the statement is no content, its words are
    if obj is not None and not (has_ccomp and lemma in ADDRESSEE_VERBS):
        last = _object_frame(tok, obj)
        if last is not None:
            content = _span(ctx, tok, obj.left_edge, last.right_edge)
            if content:
                out.append(_draft(ctx, tok, "frame", content, subj, head=obj))
        content = _span(ctx, tok, obj.left_edge, obj.right_edge)
        if content:
            out.append(_draft(ctx, tok, "dobj", content, subj, head=obj))
    for c in kids:
        if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in ("VERB", "AUX") and not (
                raised_subj is not None and (passive or lemma in RAISING_ACTIVE)):
            content = _span(ctx, tok, c.left_edge, c.right_edge)
            if content:
                out.append(_draft(ctx, tok, "xcomp", content, subj, head=c))
    for p in kids:
        if p.dep_ != "prep" or p.i < tok.i or p.lower_ not in CONTENT_PREPS:
            continue
        obj_of = _pobj(p)
        if obj_of is None:
            continue
        hi = obj_of.right_edge
        clause = next((c for c in obj_of.children if c.dep_ == "relcl" and c.left_edge.lower_ == "that"
                       and any(x.dep_ in ("nsubj", "nsubjpass") and x.lower_ != "that" for x in c.children)),
                      None)
        if clause is not None:  # "told reporters on Tuesday that X": the clause is the verb's, not Tuesday's
            if clause.left_edge.i <= obj_of.i:
                continue
            hi = tok.doc[clause.left_edge.i - 1]
        for c in kids:  # "called on Congress to pass a deal": the infinitive joins the content
            if c.dep_ == "xcomp" and c.i > hi.i:
                hi = c.right_edge
        content = _span(ctx, tok, obj_of.left_edge, hi)
        if content:
            extra = p if p.i == tok.i + 1 or all(t.dep_ in ("prt", "advmod", "neg") for t in
                                                  tok.doc[tok.i + 1:p.i]) else None
            out.append(_draft(ctx, tok, f"prep-{p.lower_}", content, subj, extra=extra, head=obj_of))
    comps = [c for c in kids if c.i > tok.i and c.dep_ in _COMPLEMENT_DEPS
             and not (c.dep_ in ("dobj", "dative") and (obj is None or lemma in ADDRESSEE_VERBS))
             and not side_clause_at(ctx, c.left_edge)]
    if len(comps) >= 2:  # "went after Trump over his refusal", "puts his approval at 50 percent"
        first = min(comps, key=lambda c: c.left_edge.i)
        last = max(comps, key=lambda c: c.right_edge.i)
        lo = first.left_edge
        if lo.dep_ == "prep" and lo.head.i == tok.i and lo.i == first.i and _pobj(first) is not None:
            lo = _pobj(first).left_edge  # the linking preposition belongs to the cue
        content = _span(ctx, tok, lo, last.right_edge)
        if content and not any(x.contents == content for x in out):
            out.append(_draft(ctx, tok, "complements", content, subj, head=first))
    if raised_subj is not None and raised_subj.lower_ not in EXPLETIVES | RELATIVES and agent is None \
            and (passive or lemma in RAISING_ACTIVE):
        comp = next((c for c in kids if c.i > tok.i and (c.dep_ in _RAISED_DEPS or (
            c.dep_ == "prep" and c.lower_ == "as"))), None)
        if comp is not None:
            first = clip(ctx, tok, *subtree_span(raised_subj))
            second = _span(ctx, tok, comp.left_edge, comp.right_edge)
            parts = keep(ctx, [first], min_words=1) + second
            if len(parts) == 2:
                out.append(_draft(ctx, tok, "raised", parts, None, head=comp))
    return out


def _noun_source(ctx: Context, noun):
    """Who holds a cue noun: "*his* support", "*Trump's* claim", "criticism *by X*", or the subject
    of a light verb ("*Obama* voiced support for")."""
    head = noun.head
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if noun.dep_ == "dobj" and head.pos_ == "VERB" and (poss is None or poss.pos_ == "PRON"):
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is not None and (head.lemma_.lower() in LIGHT_VERBS or poss is not None):
            return subj  # "Trump continued his attacks against X", "voiced support for"
    if poss is not None:
        return poss
    by = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
               for p in c.children if p.dep_ == "pobj"), None)
    if by is not None:
        return by
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return c
    return None


def noun_candidates(ctx: Context, noun) -> list[Draft]:
    """Drafts for a noun cue: its "that"/"whether" clause, its prepositional object, or the clause
    it is the subject of ("his view is that ...")."""
    out: list[Draft] = []
    src = _noun_source(ctx, noun)
    light = noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.i < noun.i and src is not None \
        and src.head.i == noun.head.i
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp", "appos", "relcl") and \
                c.left_edge.lower_ in _CLAUSE_MARKS and c.left_edge.dep_ == "mark":
            content = _clause(ctx, noun, c)
            if content:
                out.append(_noun_draft(ctx, noun, "noun-clause", content, src, light=light))
        elif c.i > noun.i and c.dep_ == "prep" and c.lower_ in CONTENT_PREPS:
            obj = _pobj(c)
            if obj is not None:
                content = _span(ctx, noun, obj.left_edge, obj.right_edge)
                if content:
                    out.append(_noun_draft(ctx, noun, f"noun-prep-{c.lower_}", content, src, extra=c,
                                           light=light))
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be" and head.i > noun.i:
        comp = next((c for c in head.children if c.i > head.i and c.dep_ in ("ccomp", "attr", "acomp")), None)
        if comp is not None:
            content = _clause(ctx, noun, comp)
            if content:
                out.append(_noun_draft(ctx, noun, "noun-be", content, src, cue_to=head))
    return out


def _noun_draft(ctx, noun, how, content, src, extra=None, light=False, cue_to=None) -> Draft:
    toks = [noun] + ([extra] if extra is not None else []) + ([cue_to] if cue_to is not None else [])
    if light:
        toks.append(noun.head)
    doc = noun.doc
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    cue = tok_span(doc[lo:hi + 1])
    source = None
    if src is not None:
        s, e = holder_span(ctx, src) if src.dep_ == "poss" else source_span(ctx, src)
        source = trim(ctx.text, s, e, SPACE_EDGE)
    return Draft(kind="indirect", contents=content, cue=cue, source_tok=src, source=source, confidence=0.5,
                 para=ctx.para_of(noun.idx), cue_tok=noun, how=how,
                 extra_cue=None if extra is None else tok_span([extra]))


def adjective_candidates(ctx: Context, adj) -> list[Draft]:
    """Drafts for an adjective cue: "confident *that X*", "critical *of X*", "eager *to X*"; the source
    is the subject of its copula."""
    out: list[Draft] = []
    head = adj.head
    src = None
    if adj.dep_ in ("acomp", "oprd", "attr") and head.pos_ in ("VERB", "AUX"):
        src = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    src = _usable_source(ctx, adj, src)
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ in ("ccomp", "xcomp"):
            content = _clause(ctx, adj, c)
            how = "adj-" + c.dep_
        elif c.dep_ == "prep" and c.lower_ in CONTENT_PREPS and _pobj(c) is not None:
            obj = _pobj(c)
            content = _span(ctx, adj, obj.left_edge, obj.right_edge)
            how = f"adj-prep-{c.lower_}"
        else:
            continue
        if content:
            extra = c if c.dep_ == "prep" else None
            cue_toks = [adj] + ([extra] if extra is not None else [])
            out.append(Draft(kind="indirect", contents=content, cue=tok_span(cue_toks), source_tok=src,
                             source=source_span(ctx, src), confidence=0.5, para=ctx.para_of(adj.idx),
                             cue_tok=adj, how=how))
    return out


def tail_cut(ctx: Context, d: Draft) -> Draft | None:
    """The draft with its content cut before a trailing aside of the content's head: ", who ...",
    ", a longtime ally", "and has championed ...", "as she left" (PARC contents leave out what the
    writer adds); None when there is none."""
    if len(d.contents) != 1:
        return None
    start, end = d.contents[0]
    head = d.content_tok
    doc = ctx.doc
    if head is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < 4:
            return None
        head = span.root
    if not start <= head.idx < end:
        return None
    cut, kind = None, ""
    for c in head.children:
        if c.i <= head.i or c.dep_ not in _TAIL_DEPS or c.idx >= end:
            continue
        first = c.left_edge
        prev = doc[first.i - 1] if first.i > 0 else None
        set_off = prev is not None and (prev.text in (",", ";") or prev.text in DASHES)
        if c.dep_ in ("relcl", "acl", "appos") and not set_off and not (
                c.tag_ == "VBG" and c.lemma_.lower() in REPORT_VERBS):
            continue  # a restrictive modifier, unless a report of its own ("the figures insisting that")
        if c.dep_ == "conj" and c.pos_ not in ("VERB", "AUX"):
            continue
        pos = first.idx
        if c.dep_ == "conj":  # cut before its "and"/"but" and any comma
            cc = next((x for x in head.children if x.dep_ == "cc" and x.i < c.i), None)
            pos = cc.idx if cc is not None else pos
        if cut is None or pos < cut:
            cut, kind = pos, c.dep_
    if cut is None or cut <= start:
        return None
    s, e = trim(ctx.text, start, cut)
    if e - s < 2 or not WORD.search(ctx.text, s, e):
        return None
    share = (e - s) / (end - start)
    return replace(d, contents=[(s, e)], flags=d.flags + [
        "tail-cut", f"tail-cut={kind}", f"tail-kept={'<1/3' if share < 0.34 else '<2/3' if share < 0.67 else 'most'}"])


def _around_source(ctx: Context, d: Draft) -> None:
    """A content that holds its own source and cue ("which officials said will go into effect") is
    cut around them (PARC: "which | will go into effect"); a source that only overlaps it is dropped
    (the parser took part of the content for the subject)."""
    lo, hi = min(d.source[0], d.cue[0]), max(d.source[1], d.cue[1])
    pieces = []
    for s, e in d.contents:
        if s <= lo and hi <= e:
            pieces += [trim(ctx.text, s, lo), trim(ctx.text, hi, e)]
        elif e <= lo or s >= hi:
            pieces.append((s, e))
        else:
            d.source, d.source_tok = None, None
            return
    pieces = keep(ctx, pieces, min_words=1)
    if pieces:
        d.contents = pieces
        d.flags.append("split-around-source")
    else:
        d.source, d.source_tok = None, None


#: a speaker's name before a colon has at most this many words ("Sen. Tim Kaine:", "TAPPER:")
MAX_COLON_SOURCE = 6


def colon_draft(ctx: Context, colon) -> Draft | None:
    """ "Ryan: 'No place in a campaign'", "TAPPER: Do you think ...": a short name opening its line,
    a colon, and the words after it to the end of the paragraph."""
    if ctx.in_quote(colon):
        return None
    para = ctx.paras[ctx.para_of(colon.idx)]
    doc = ctx.doc
    left = [t for t in doc[max(0, colon.i - MAX_COLON_SOURCE - 1):colon.i] if t.idx >= para.start]
    if not left or len(left) > MAX_COLON_SOURCE or left[0].idx != para.start and \
            ctx.text[para.start:left[0].idx].strip():
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in left) or any(t.pos_ == "VERB" for t in left):
        return None
    start, end = trim(ctx.text, colon.idx + 1, para.end)
    start, end = trim(ctx.text, start, end, SPACE_EDGE)
    if end - start < 3 or len([t for t in doc[colon.i + 1:colon.i + 4] if t.is_alpha]) < 1:
        return None
    source = trim(ctx.text, left[0].idx, colon.idx, SPACE_EDGE)
    head = max(left, key=lambda t: (t.pos_ in ("PROPN", "NOUN", "PRON"), -len(list(t.ancestors))))
    return Draft(kind="indirect", contents=[(start, end)], cue=(colon.idx, colon.idx + 1), source_tok=head,
                 source=source, confidence=0.5, para=ctx.para_of(colon.idx), cue_tok=colon, how="colon")


def _title_case_sentence(ctx: Context, tok, cache: dict[int, bool]) -> bool:
    """Most words of the token's sentence are capitalised (a headline: "Clinton Says Trump Is Unfit")."""
    n = ctx.sent_of(tok.idx)
    if n not in cache:
        words = [t for t in ctx.sents[n] if t.is_alpha and len(t) > 3]
        cache[n] = bool(words) and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)
    return cache[n]


def relation_drafts(ctx: Context, lexicon) -> list[Draft]:
    """Every relation candidate of the article's possible cue words (see the module's doc)."""
    out: list[Draft] = []
    headline_case: dict[int, bool] = {}
    for tok in ctx.doc:
        if tok.is_title and tok.i > 0 and not tok.doc[tok.i - 1].is_punct and is_candidate(tok, lexicon) \
                and not _title_case_sentence(ctx, tok, headline_case):
            continue  # "the North East Says No campaign": a capitalised word inside a name
        if tok.text == ":":
            d = colon_draft(ctx, tok)
            if d is not None:
                out.append(d)
            continue
        if not is_candidate(tok, lexicon) or ctx.in_boilerplate(tok.idx):
            continue
        if tok.pos_ == "VERB":
            found = verb_candidates(ctx, tok)
        elif tok.pos_ == "NOUN":
            found = noun_candidates(ctx, tok)
            if any(c.dep_ in _VERB_ONLY_DEPS for c in tok.children):
                found += verb_candidates(ctx, tok)  # a verb the tagger took for a noun ("Trump demands X")
        else:
            found = adjective_candidates(ctx, tok)
        for d in found:
            if d.source is not None and any(d.source[0] < e and s < d.source[1] for s, e in d.contents):
                _around_source(ctx, d)
            out.append(d)
    return out
