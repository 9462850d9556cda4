"""Indirect reports: one draft per reporting verb, reporting noun or "according to".

Each cue found in the parse becomes a draft attribution with its content
(:mod:`.contents`) and source (:mod:`.sources`), unless a rule says it reports
nothing: a negated verdict, a finding by a person, the writer's own inference,
a request nobody made. Beliefs ("expects", "I think") count only with a clause
and a stated holder; "X is said to Y" reports its subject and infinitive.
"""
from __future__ import annotations

from .. import speakers as spk
from .contents import (
    clause_content, clip, frame_content, keep, parenthetical_content, side_clause_at,
    trailing_content)
from .context import Context
from .cues import cue_span, is_cue_verb, make_clear
from .draft import Draft
from .lexicon import (
    BELIEF_VERBS, DASHES, EVIDENCE_VERBS, EXPLETIVES, FRAME_VERBS, INFERENCE_VERBS, NOT_DONE_VERBS,
    NOT_SOURCES, PARTICLE_NOT_CUES, PERCEPTION_BELIEFS, RAISING_VERBS, RELATIVES, REPORT_NOUNS,
    REPORT_VERBS, REQUEST_VERBS, VERDICT_VERBS)
from .sources import holder_span, source_span, subject
from .spans import HEAD_EDGE, WORD, letters, overlap, strip_leading_cc, subtree_span, tok_span


def _thing_relative(verb, subj) -> bool:
    """ "accusations that threaten to ...": a relative clause whose antecedent is not a speaker."""
    if subj is None or subj.lower_ not in ("that", "which") or verb.dep_ != "relcl":
        return False
    noun = verb.head
    return not (noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or noun.lemma_.lower() in spk.ANONYMOUS_HEADS | spk.TITLE_WORDS | spk.DOCUMENT_WORDS
                | spk.GOVERNMENT_WORDS | spk.ORGANIZATION_HEADS)


def verb_drafts(ctx: Context) -> list[Draft]:
    """Indirect (later maybe direct/mixed) attributions from reporting verbs."""
    drafts = []
    for tok in ctx.doc:
        belief = is_cue_verb(tok, BELIEF_VERBS)
        if not (belief or is_cue_verb(tok, REPORT_VERBS) or make_clear(tok)) or ctx.in_boilerplate(tok.idx):
            continue
        lemma = tok.lemma_.lower()
        raised = _raised_report(ctx, tok)
        if raised is not None:
            drafts.append(raised)
            continue
        if belief:
            drafts.extend(_belief_draft(ctx, tok))
            continue
        if lemma in EVIDENCE_VERBS | VERDICT_VERBS and any(c.dep_ == "neg" for c in tok.children):
            continue  # "could not judge", "did not find": nothing concluded
        if lemma in EVIDENCE_VERBS and not (_evidence_subject(ctx, tok) and _finite_clause(ctx, tok)):
            continue
        if any(c.dep_ == "prt" for c in tok.children) and lemma in PARTICLE_NOT_CUES:
            continue
        if lemma in INFERENCE_VERBS and _inference_subject(tok):
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in NOT_DONE_VERBS:
            continue  # "failed to warn the US": a report that did not happen
        if lemma in REQUEST_VERBS and _agentless_passive(tok):
            continue  # "viewers will be urged to call": a request with no one making it
        content = trailing_content(ctx, tok)
        how = "trailing" if content else "clause"
        content = content or clause_content(ctx, tok)
        if not content and make_clear(tok):
            clear = next(c for c in tok.children if c.lower_ == "clear")
            content = clause_content(ctx, clear)
        subj = subject(ctx, tok)
        if not content and lemma in FRAME_VERBS and not _thing_relative(tok, subj):
            content, how = frame_content(ctx, tok), "frame"
        if not content and lemma not in VERDICT_VERBS | EVIDENCE_VERBS:
            content, how = parenthetical_content(ctx, tok), "parenthetical"
        if not content:
            continue
        if subj is not None and subj.lower_ in EXPLETIVES and subj.dep_ == "nsubjpass":
            subj = None
        source = source_span(ctx, subj)
        if source is not None and any(overlap(source, c) for c in content):
            continue  # the parser took the object for the subject
        conf = {"clause": 0.8, "trailing": 0.8, "frame": 0.65, "parenthetical": 0.7}[how]
        drafts.append(Draft(
            kind="indirect", contents=content, cue=cue_span(tok), source_tok=subj,
            source=source, confidence=conf, para=ctx.para_of(tok.idx), cue_tok=tok, how="rule-" + how,
        ))
        if how in ("clause", "trailing"):
            drafts.extend(_aside_drafts(ctx, tok, subj, source))
        if how in ("clause", "trailing") and lemma in REQUEST_VERBS and _quoted_only(ctx, content):
            # 'urged X to Y, adding: "..."': the quote is one report, the request another
            frame = frame_content(ctx, tok)
            if frame and not any(overlap(source, c) for c in frame if source is not None):
                drafts.append(Draft(kind="indirect", contents=frame, cue=cue_span(tok), source_tok=subj,
                                     source=source, confidence=0.65, para=ctx.para_of(tok.idx),
                                     cue_tok=tok, how="rule-request"))
    return drafts


def _aside_drafts(ctx: Context, verb, subj, source) -> list[Draft]:
    """ "X said A - warning that B": the dash aside is a second report by the same source."""
    sent = ctx.sents[ctx.sent_of(verb.idx)]
    doc = ctx.doc
    for t in doc[verb.i + 1:sent.end]:
        if not (side_clause_at(ctx, t) and doc[t.i - 1].text in DASHES):
            continue
        nxt = doc[t.i + 1] if t.i + 1 < sent.end else None
        if nxt is None or nxt.lower_ != "that":
            return []
        last = doc[sent.end - 1]
        content = keep(ctx, [clip(ctx, verb, nxt.idx + len(nxt.text), last.idx + len(last.text),
                                    HEAD_EDGE)])
        if not content:
            return []
        return [Draft(kind="indirect", contents=content, cue=tok_span([t]), source_tok=subj,
                       source=source, confidence=0.7, para=ctx.para_of(t.idx), cue_tok=t,
                       how="rule-aside")]
    return []


def _quoted_only(ctx: Context, content) -> bool:
    """Every span lies inside quotation marks."""
    return all(any(q.start <= s and e <= q.end for q in ctx.all_quotes) for s, e in content)


def _agentless_passive(verb) -> bool:
    """ "will be urged to", "were asked to": a passive with no "by" agent names no requester."""
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps and "agent" not in deps


def _noun_holder(noun):
    """Who holds a reporting noun: "a TV host's suggestion", "media speculation", "claims by X"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "compound" and c.i == noun.i - 1 and (
                c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or {c.lemma_.lower(), c.lower_} & (
                    spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS | spk.TITLE_WORDS
                    | {"media", "press"})):
            return c
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                 for p in c.children if p.dep_ == "pobj"), None)


def noun_drafts(ctx: Context) -> list[Draft]:
    """ "a TV host's suggestion that X", "media speculation that X": a held claim's clause."""
    drafts = []
    for noun in ctx.doc:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in REPORT_NOUNS or ctx.in_boilerplate(noun.idx):
            continue
        holder = _noun_holder(noun)
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > noun.i
                       and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
                       and c.left_edge.i == noun.i + 1
                       and any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children)), None)
        if holder is None or clause is None:
            continue
        that = clause.left_edge
        end = clause.right_edge.idx + len(clause.right_edge.text)
        content = keep(ctx, [clip(ctx, noun, that.idx + len(that.text), end)], min_words=3)
        if not content:
            continue
        drafts.append(Draft(kind="indirect", contents=content, cue=tok_span([noun]), source_tok=holder,
                             source=holder_span(ctx, holder), confidence=0.6, para=ctx.para_of(noun.idx), cue_tok=noun,
                             how="rule-noun"))
    return drafts


def _finite_clause(ctx: Context, verb) -> bool:
    """ "found that 31% of documents contained", not "found themselves trailing"."""
    para = ctx.para_of(verb.idx)

    def has_subject(clause) -> bool:
        return any(s.dep_ in ("nsubj", "nsubjpass") and not s.lower_.endswith(("self", "selves"))
                   for s in clause.children)

    return any(c.dep_ == "ccomp" and ctx.para_of(c.idx) == para and has_subject(c) for c in verb.children)


def _inference_subject(verb) -> bool:
    """ "These explanations suggest that", "This shows that": no source, the writer reasoning."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None:
        return False
    if subj.lower_ in ("this", "these", "those") or subj.lower_ == "that" and verb.dep_ != "relcl":
        return True  # "which suggests" refers back to its noun, a possible source
    det = next((c for c in subj.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("this", "these", "those") and subj.pos_ == "NOUN" and \
        subj.lemma_.lower() not in spk.DOCUMENT_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS \
        | spk.ANONYMOUS_HEADS | spk.TITLE_WORDS | spk.ROLE_NOUNS | spk.MEDIA_WORDS


def _evidence_subject(ctx: Context, verb) -> bool:
    """ "Official figures showed", "a study found": a document or body, not a person or pronoun."""
    subj = subject(ctx, verb)
    if subj is None or subj.pos_ == "PRON" or subj.ent_type_ == "PERSON":
        return False
    if verb.lemma_.lower() == "find":
        return True
    heads = {subj.lemma_.lower(), subj.lower_}
    return subj.ent_type_ in ("ORG", "GPE", "NORP") or bool(heads & (
        spk.DOCUMENT_WORDS | spk.ORGANIZATION_HEADS | spk.GOVERNMENT_WORDS))


def _raised_report(ctx: Context, verb) -> Draft | None:
    """ "Winning a Golden Globe is said to improve a film's chance": subject and infinitive are the
    content (two spans); the source is the agent when there is one, else nobody."""
    if verb.lemma_.lower() not in RAISING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                  and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    if subj is None or xcomp is None or subj.lower_ in EXPLETIVES or subj.lower_ in RELATIVES:
        return None
    to = next(a for a in xcomp.children if a.dep_ == "aux" and a.lower_ == "to")
    parts = [clip(ctx, verb, *subtree_span(subj)),
             clip(ctx, verb, to.idx + len(to.text), xcomp.right_edge.idx + len(xcomp.right_edge.text))]
    contents = keep(ctx, parts, min_words=1)
    if len(contents) != 2:
        return None
    agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children
                  if p.dep_ == "pobj"), None)
    return Draft(kind="indirect", contents=contents, cue=cue_span(verb), source_tok=agent,
                  source=source_span(ctx, agent), confidence=0.6, para=ctx.para_of(verb.idx), cue_tok=verb,
                  how="rule-raised")


def _belief_draft(ctx: Context, verb) -> list[Draft]:
    """A stance with a clause and a stated holder: "INSEE expects the economy to grow"."""
    if verb.tag_ not in ("VBP", "VBZ", "VBD", "VBG") or any(c.dep_ == "neg" for c in verb.children):
        return []
    if verb.lemma_.lower() in PERCEPTION_BELIEFS and not _tensed_clause(verb):
        return []  # "I felt my leg go": a sensation, not a stance
    content = clause_content(ctx, verb)
    subj = subject(ctx, verb)
    if not content or subj is None or subj.lower_ in EXPLETIVES | RELATIVES:
        return []
    if sum(len(WORD.findall(ctx.text[s:e])) for s, e in content) < 2 or not _has_subject(content, ctx):
        return []
    source = source_span(ctx, subj)
    if any(overlap(source, c) for c in content):
        return []
    return [Draft(kind="indirect", contents=content, cue=cue_span(verb), source_tok=subj, source=source,
                   confidence=0.6, para=ctx.para_of(verb.idx), cue_tok=verb, how="rule-belief")]


def _tensed_clause(verb) -> bool:
    """ "feel (that) there is a place": the clause has a tense of its own (not a bare infinitive)."""
    return any(c.dep_ == "ccomp" and (c.tag_ in ("VBD", "VBZ", "VBP", "MD")
                                      or any(a.dep_ in ("aux", "auxpass") and a.lower_ != "to"
                                             for a in c.children))
               for c in verb.children)


def _has_subject(content, ctx: Context) -> bool:
    """ "I think we did": even two words are a belief when they hold a subject and its verb."""
    s, e = content[0]
    span = ctx.doc.char_span(s, e, alignment_mode="expand")
    if span is None:
        return False
    if len(WORD.findall(ctx.text[s:e])) >= 3:
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in span) and \
        any(t.pos_ in ("VERB", "AUX") for t in span)


def _according_phrases(ctx: Context) -> list[tuple]:
    """Every "according to X" phrase: (according, to, first token index, last token index)."""
    out = []
    for tok in ctx.doc:
        if tok.lower_ != "according" or ctx.in_boilerplate(tok.idx):
            continue
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            to = tok.nbor(1)
        if to is not None:
            out.append((tok, to, tok.i, max(tok.i + 1, to.right_edge.i)))
    return out


def according_drafts(ctx: Context) -> list[Draft]:
    """ "according to X": content is the clause the phrase attaches to, minus the phrase.

    A trailing phrase ("..., according to X") takes what precedes it; a
    phrase inside the clause takes both sides; another "according to" phrase
    in the same stretch bounds it ("60 according to A or 80 according to B").
    """
    drafts = []
    phrases = _according_phrases(ctx)
    doc = ctx.doc
    for tok, to, phrase_lo, phrase_hi in phrases:
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in NOT_SOURCES:
            continue  # "went according to plan": a standard, not a source
        head = tok.head if tok.head.i != tok.i else tok.sent.root
        if phrase_lo <= head.i <= phrase_hi:
            head = tok.sent.root
        anchor = head
        while anchor.dep_ != "ROOT" and anchor.pos_ in ("NOUN", "PROPN", "NUM"):
            anchor = anchor.head  # "killing 60 soldiers according to X": the clause of the noun
        lo, hi = anchor.left_edge.i, anchor.right_edge.i
        pieces = []
        if lo < phrase_lo:
            pieces.append([lo, phrase_lo - 1])
        if phrase_hi < hi and anchor.i > phrase_hi:
            pieces.append([phrase_hi + 1, hi])
        for _, _, o_lo, o_hi in phrases:
            for piece in pieces:
                if o_lo != phrase_lo and piece[0] <= o_lo and o_hi <= piece[1]:
                    if o_hi < phrase_lo:
                        piece[0] = o_hi + 1
                    else:
                        piece[1] = o_lo - 1
        spans = [clip(ctx, tok, doc[x].idx, doc[y].idx + len(doc[y].text), HEAD_EDGE)
                 for x, y in pieces if x <= y]
        spans = [strip_leading_cc(ctx.text, *sp) for sp in spans]
        spans = [sp for sp in spans if letters(ctx.text, *sp) >= 1]
        if not spans:
            continue
        drafts.append(Draft(
            kind="according_to", contents=spans, cue=tok_span([tok, to]), source_tok=pobj,
            source=source_span(ctx, pobj), confidence=0.8, para=ctx.para_of(tok.idx), cue_tok=tok,
            how="according",
        ))
    return drafts
