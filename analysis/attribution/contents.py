"""What a cue reports: its clause, its object frame, the clause around it, or the sentence before it.

A ``ccomp`` clause ("said that X"), an object frame ("accused X of Y", "urged
X to Y", "called X Y"), the clause around a parenthetical "he said", or the
whole sentence before a trailing ", he said.". Each is cut to the cue's
paragraph and trimmed of asides that belong to the reporter.
"""
from __future__ import annotations

from .context import Context
from .cues import is_cue_verb
from .lexicon import (
    ADDRESSEE_VERBS, AS_FRAME_VERBS, CLAUSE_ADJECTIVES, CLAUSE_DEPS, CONTENT_DEPS, DASHES,
    FRAME_DEPS, FRAME_PREPS, MAX_TRAILING_TOKENS, OBJECT_ONLY_VERBS, QUOTE_ONLY_VERBS, REPORT_VERBS,
    REQUEST_VERBS, TAIL_MARKS, UNASSERTED_MARKS, VERDICT_VERBS, WH_WORDS)
from .sources import conjoined_subject
from .spans import EDGE, TRAILING_CC, WORD, strip_leading_cc, subtree_span, trim


def clip(ctx: Context, verb, start: int, end: int, edge=EDGE) -> tuple[int, int]:
    """A content span cut to the cue's paragraph and past any dateline, edges trimmed."""
    para = ctx.paras[ctx.para_of(verb.idx)]
    start, end = max(start, para.start), min(end, para.end)
    inside = ctx.quote_of(verb)
    if inside is not None:  # a report nested in a quotation stays inside it
        q = ctx.all_quotes[inside]
        start, end = max(start, q.start), min(end, q.end)
    start, end = trim(ctx.text, start, end, edge)
    tail = TRAILING_CC.search(ctx.text, start, end)
    if tail is not None and tail.start() > start:
        end = tail.start()  # "prices would rise and [added that ...]"
    for s, e in ctx.datelines:
        if s <= start < e or (start < s and e <= end and s == para.start):
            start = max(start, e)
    return trim(ctx.text, start, end, edge)


def keep(ctx: Context, spans, min_words: int = 2) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        if e > s and len(WORD.findall(ctx.text[s:e])) >= min_words:
            out.append((s, e))
    return out


def clause_content(ctx: Context, verb, questions: bool = False, children=None) -> list[tuple[int, int]]:
    """Spans of the reported clause(s) of ``verb`` (``ccomp``), without "that".

    Also "said in a statement that X", which the parser often reads as a
    relative clause on "statement". ``questions`` keeps "asked whether X" and
    "declined to say what" (PARC counts them); ``children`` limits the clauses
    read to those.
    """
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS]
    if children is not None:
        clauses = [c for c in clauses if c in children]
    relative = not clauses
    if not clauses:
        clauses = [rel for prep in verb.children if prep.dep_ == "prep"
                   for pobj in prep.children if pobj.dep_ == "pobj"
                   for rel in pobj.children if rel.dep_ == "relcl" and rel.left_edge.lower_ == "that"
                   and any(c.dep_ == "nsubj" and c.lower_ != "that" for c in rel.children)]
    spans = []
    unasserted_verb = any(c.dep_ in ("neg",) or (c.dep_ == "aux" and c.lower_ == "to")
                          for c in verb.children)
    for child in clauses:
        if child.tag_ == "VBG" and is_cue_verb(child, REPORT_VERBS) and clause_content(ctx, child):
            continue  # "dismissed the figures insisting that X": the participle reports X itself
        if child.i < verb.i and is_cue_verb(child, REPORT_VERBS | QUOTE_ONLY_VERBS) and \
                _parenthetical_pair(child):
            continue  # '"A," he said, "B," he added': an earlier report, not this one's clause
        if side_clause_at(ctx, child.left_edge):
            continue  # "said A, having earlier criticised B": the aside is not said
        if child.i < verb.i and conjoined_subject(verb) in child.children:
            continue  # "A, and its hosts, known as Z, said B": A is the writer's, B the hosts'
        marks = [c for c in child.children if c.dep_ == "mark"]
        if any(m.lower_ in UNASSERTED_MARKS for m in marks) and not questions:
            continue
        if unasserted_verb and child.left_edge.lower_ in WH_WORDS and not questions:
            continue  # "declined to say what", "difficult to tell how"
        start, end = subtree_span(child, exclude=_nested_reports(child))
        end = _zero_that_clause(ctx, child, end)
        start = min(start, _stray_subject(verb, child))
        end = max(end, _contrast_tail(verb, child))
        first = child.left_edge
        if first.lower_ == "that" and (first.dep_ == "mark" or relative) and first.idx == start:
            start = first.idx + len(first.text)
        start = _after_inner_cue(ctx, verb, start, end)
        end = _before_side_clause(ctx, verb, start, end)
        spans.append(strip_leading_cc(ctx.text, *clip(ctx, verb, start, end)))
    return keep(ctx, spans)


def side_clause_at(ctx: Context, tok) -> bool:
    """ ", having earlier opposed X" / "- warning that Y": the reporter's aside, not the reported clause."""
    doc = ctx.doc
    if tok.i < 1 or ctx.in_quote(tok):
        return False
    prev = doc[tok.i - 1].text
    if prev == "," and tok.lower_ == "having" and tok.i + 1 < len(doc) and \
            any(t.tag_ == "VBN" for t in doc[tok.i + 1:tok.i + 4]):
        return True
    word = tok.lower_
    stem = word[:-3] if word.endswith("ing") else ""
    return prev in DASHES and bool(stem) and (stem in REPORT_VERBS or stem + "e" in REPORT_VERBS)


def _before_side_clause(ctx: Context, verb, start: int, end: int) -> int:
    """The reported clause ends before a trailing participle aside set off by a comma or a dash."""
    toks = ctx.doc.char_span(start, end, alignment_mode="expand")
    for t in toks if toks is not None else ():
        if t.i != verb.i and t.idx > start and side_clause_at(ctx, t):
            return ctx.doc[t.i - 1].idx
    return end


def _parenthetical_pair(cue) -> bool:
    """ "he said," / "said he,": a cue with its subject right by it, then a comma."""
    doc = cue.doc
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and abs(c.i - cue.i) == 1), None)
    if subj is None:
        return False
    after = max(cue.i, subj.i) + 1
    return after < len(doc) and doc[after].text == ","


def _after_inner_cue(ctx: Context, verb, start: int, end: int) -> int:
    """ "A, he said, and B" as the clause of "he added": only what follows the inner cue is ours."""
    toks = ctx.doc.char_span(start, end, alignment_mode="expand")
    doc = ctx.doc
    for t in toks if toks is not None else ():
        if t.i == verb.i or t.i < 2 or ctx.in_quote(t) or \
                not is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS):
            continue
        subj = doc[t.i - 1]
        if subj.dep_ == "nsubj" and subj.head.i == t.i and doc[t.i - 2].text == "," and \
                t.i + 1 < len(doc) and doc[t.i + 1].text == ",":
            start = max(start, doc[t.i + 1].idx + 1)
    return start


def _contrast_tail(verb, clause) -> int:
    """ "showed that A, while B": a contrast clause the parser hung on the cue belongs to the content."""
    doc = verb.doc
    end = 0
    for c in verb.children:
        if c.dep_ != "advcl" or c.left_edge.i <= clause.right_edge.i:
            continue
        gap = doc[clause.right_edge.i + 1:c.left_edge.i]
        if all(t.is_punct and t.text == "," for t in gap) and \
                any(m.dep_ == "mark" and m.lower_ in TAIL_MARKS for m in c.children) and \
                not any(is_cue_verb(t, REPORT_VERBS) for t in c.subtree):
            end = c.right_edge.idx + len(c.right_edge.text)
    return end


def _stray_subject(verb, clause) -> int:
    """ "said the changes, which ..., were made": a subjectless clause whose subject the parser
    made the verb's object; the start of that object, or the clause's own start."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "mark") for c in clause.children) \
            or verb.lemma_.lower() in ADDRESSEE_VERBS:
        return clause.left_edge.idx  # "told delegates that ...": the object is the addressee
    obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i
                and c.right_edge.i < clause.left_edge.i), None)
    return obj.left_edge.idx if obj is not None else clause.left_edge.idx


def _zero_that_clause(ctx: Context, clause, end: int) -> int:
    """Extend "it was possible" over the clause that follows it without "that"."""
    doc = ctx.doc
    last = clause.right_edge
    if last.dep_ != "acomp" or last.lower_ not in CLAUSE_ADJECTIVES or last.i + 1 >= len(doc):
        return end
    nxt = doc[last.i + 1]
    subject = nxt
    while subject.head.i != subject.i and subject.head.left_edge.i == nxt.i \
            and subject.head.pos_ not in ("VERB", "AUX"):
        subject = subject.head  # the noun phrase that starts right after the adjective
    verb = subject.head
    if subject.dep_ in ("nsubj", "nsubjpass") and verb.pos_ in ("VERB", "AUX") and verb.i > last.i:
        return max(end, verb.right_edge.idx + len(verb.right_edge.text))
    return end


def _nested_reports(clause) -> list:
    """Trailing ", saying/writing/adding that ..." participles: the reporter's, not the content's."""
    return [c for c in clause.children if c.dep_ in ("advcl", "conj") and c.i > clause.i
            and c.lemma_.lower() in REPORT_VERBS and c.pos_ == "VERB"
            and (c.tag_ == "VBG" or c.dep_ == "conj" or any(x.dep_ == "nsubj" for x in c.children))]


def frame_content(ctx: Context, verb) -> list[tuple[int, int]]:
    """Object frames: "accused X of Y", "urged X to Y", "called X Y", "called on X to Y"."""
    lemma = verb.lemma_.lower()
    if lemma == "call":
        demand = _call_for_clause(ctx, verb)
        if demand:
            return demand
    parts = []
    for child in verb.children:
        if child.i < verb.i or (child.dep_ == "ccomp" and ctx.in_quote(child.left_edge)
                                and not ctx.in_quote(verb)):
            continue  # 'urged X to Y, adding: "..."': a quoted clause is another report's words
        if child.dep_ in FRAME_DEPS or (child.dep_ == "prep" and child.lower_ in FRAME_PREPS) \
                or _as_clause(child):
            parts.append(child)
    if lemma in OBJECT_ONLY_VERBS:
        parts = [p for p in parts if p.dep_ == "dobj"]
    if lemma in VERDICT_VERBS and not any(p.dep_ in ("oprd", "xcomp", "ccomp", "acomp") for p in parts):
        return []  # "will rule on an issue": no verdict stated yet
    if lemma in AS_FRAME_VERBS and not any(p.dep_ == "prep" and p.lower_ == "as" or _as_clause(p)
                                           for p in parts):
        return []  # "dismissed the claims" judges, "dismissed them as lies" reports
    if lemma in REQUEST_VERBS and not any(p.dep_ in ("xcomp", "ccomp") for p in parts):
        return []  # "asked my mom" reports no content; "asked X to Y" does
    deps = {p.dep_ for p in parts} | {c.dep_ for c in verb.children if c.dep_ == "dobj"}
    if lemma == "call" and not (("dobj" in deps and deps & {"oprd", "xcomp", "ccomp"})
                                or any(p.lower_ == "on" for p in parts) and "xcomp" in deps):
        return []  # "called for talks" is a demand for a thing, not reported content
    if not parts:
        return []
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts)
    doc = ctx.doc
    first = doc[lo]
    if first.pos_ == "ADP" and first.head.i == verb.i and first.lower_ in ("on", "of", "about", "for"):
        lo += 1  # "called on X to Y": content starts after the preposition
    if lo > hi or doc[lo].lower_ in UNASSERTED_MARKS:
        return []  # "asked whether ...": a question, nothing asserted
    return keep(ctx, [clip(ctx, verb, doc[lo].idx, doc[hi].idx + len(doc[hi].text))])


def _as_clause(child) -> bool:
    """ "describing it as significant": the parser's "as"-clause after the object is the frame's Y."""
    first = child.left_edge
    return child.dep_ == "advcl" and first.lower_ == "as" and first.dep_ != "mark" and first.i > child.head.i


def _call_for_clause(ctx: Context, verb) -> list[tuple[int, int]]:
    """ "called for him to resign": a demand with its own subject and infinitive is reported content."""
    for c in verb.children:
        if c.i < verb.i or c.dep_ not in ("advcl", "ccomp", "xcomp"):
            continue
        marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]
        if marks and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and \
                any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
            m = marks[0]
            end = c.right_edge.idx + len(c.right_edge.text)
            return keep(ctx, [clip(ctx, verb, m.idx + len(m.text), end)])
    return []


def parenthetical_content(ctx: Context, verb) -> list[tuple[int, int]]:
    """The clause around a parenthetical cue, without stretches that hold another cue."""
    spans = _parenthetical_spans(ctx, verb)
    return [sp for sp in spans if not _holds_other_cue(ctx, verb, sp)]


def _holds_other_cue(ctx: Context, verb, span: tuple[int, int]) -> bool:
    """ "The talks failed, he said, and the war resumed": a stretch with its own cue is not ours."""
    toks = ctx.doc.char_span(span[0], span[1], alignment_mode="expand")
    return toks is not None and any(t.i != verb.i and is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS)
                                    and not ctx.in_quote(t) for t in toks)


def _parenthetical_spans(ctx: Context, verb) -> list[tuple[int, int]]:
    """ "The truce, he said, was holding" / "A, he said, because B": the clause around the cue."""
    if verb.dep_ not in ("parataxis", "ccomp") or verb.head.i == verb.i:
        return []
    if verb.dep_ == "ccomp" and (is_cue_verb(verb.head, REPORT_VERBS) or verb.i < verb.head.i):
        return []  # "a spokesman said he could not comment": reported, not parenthetical
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "mark") for c in verb.children):
        return []
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return []
    head = verb.head
    if head.pos_ not in ("VERB", "AUX"):
        return []
    lo = head.left_edge.i
    inner_lo, inner_hi = verb.left_edge.i, verb.right_edge.i
    doc = ctx.doc
    spans = []
    if inner_lo > lo:
        spans.append(clip(ctx, verb, doc[lo].idx, doc[inner_lo - 1].idx + len(doc[inner_lo - 1].text)))
    if head.i > inner_hi:  # "Now, he said, the gaming world rivals ...": the rest is content
        hi = head.right_edge.i
        spans.append(clip(ctx, verb, doc[inner_hi + 1].idx, doc[hi].idx + len(doc[hi].text)))
        return keep(ctx, spans)
    # what follows the cue belongs to the content only as a clause or complement of the head
    after = [c for c in head.children if c.i > inner_hi and c.dep_ in CLAUSE_DEPS]
    if after:
        a, b = min(c.left_edge.i for c in after), max(c.right_edge.i for c in after)
        spans.append(clip(ctx, verb, doc[a].idx, doc[b].idx + len(doc[b].text)))
    return keep(ctx, spans)


def trailing_content(ctx: Context, verb) -> list[tuple[int, int]]:
    """ "A, B and C, he said." / "..., said Mr Kennedy.": the whole sentence before the comma.

    The parser often hangs such a cue inside the clause ("judgement that this
    contravenes ..., he said"); the reported stretch is still everything from
    the sentence start to the comma before the speaker.
    """
    doc, text = ctx.doc, ctx.text
    para = ctx.paras[ctx.para_of(verb.idx)]
    j = verb.i + 1
    while j < len(doc) and doc[j].idx < para.end and not (doc[j].is_punct and doc[j].text in ".!?"):
        if doc[j].pos_ in ("VERB", "AUX") or doc[j].is_punct and doc[j].text not in ",":
            return []
        j += 1
    if j - verb.i - 1 > MAX_TRAILING_TOKENS:
        return []
    i = verb.i - 1
    while i >= 0 and (doc[i].dep_ in ("aux", "neg", "advmod", "compound", "det", "amod", "poss", "case")
                      or doc[i].dep_ in ("nsubj", "nsubjpass")) and doc[i].head.i in (verb.i, *[
            t.i for t in doc[i + 1:verb.i + 1]]) and doc[i].text != ",":
        i -= 1  # the subject (and its modifiers) right before the cue
    if i < 0 or doc[i].text != "," or ctx.in_quote(doc[i]) and not ctx.in_quote(verb):
        return []
    if i == verb.i - 1 and not any(c.i > verb.i and (c.dep_ == "nsubj" or c.dep_ in ("dobj", "npadvmod")
                                                     and c.pos_ == "PROPN") for c in verb.children):
        return []  # ", saying." or ", dismissed the offer": no speaker right by the cue
    sent = ctx.sents[ctx.sent_of(doc[i].idx)]
    start = max(sent.start_char, para.start)
    end = doc[i].idx
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.pos_ in ("VERB", "AUX") for t in span) \
            or len(WORD.findall(text[start:end])) < 4:
        return []
    if any(is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS) and not ctx.in_quote(t) for t in span):
        return []  # '"A," he said, "B," he added': another cue's stretch, not this one's
    return keep(ctx, [clip(ctx, verb, start, end)])
