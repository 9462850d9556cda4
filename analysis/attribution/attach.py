"""Quotation marks to attributions: a quote is the content of a report, a fragment of one, or its own.

Quotes are grouped (split quotes, multi-paragraph quotes); a group is then the
content of a cue whose clause it is (direct), a fragment inside an indirect
content (mixed), a direct quote that takes the nearest cue of its sentence
(inversions and split quotes included), or a bare quote that takes the speaker
of the quote before it (follow-on paragraphs).
"""
from __future__ import annotations

from ..quotes import QuoteSpan
from ..text import Span, SpanIndex, merge_spans
from .context import Context
from .cues import cue_span, is_cue_verb
from .draft import Draft, is_belief
from .lexicon import (
    EVIDENCE_VERBS, MAX_CUE_GAP, MAX_MIXED_LEAD, MAX_NAME_WORDS, QUOTE_ONLY_VERBS, REPORT_VERBS,
    VERDICT_NOUNS)
from .sources import holder_span, source_span, subject
from .spans import WORD, any_overlap, overlap, prev_char, tok_span


def _quote_groups(ctx: Context) -> list[list[QuoteSpan]]:
    """Quotes grouped into one attribution each: multi-paragraph parts and split quotes."""
    groups: list[list[QuoteSpan]] = []
    for q in ctx.quotes:
        if groups:
            prev = groups[-1][-1]
            if q.quote_id == prev.quote_id or _split_pair(ctx, prev, q):
                groups[-1].append(q)
                continue
        groups.append([q])
    return groups


def _split_pair(ctx: Context, a: QuoteSpan, b: QuoteSpan) -> bool:
    """ "A," she said, "B.": a short gap holding a cue, no sentence end, same paragraph."""
    if a.close is None or b.open is None or ctx.para_of(a.start) != ctx.para_of(b.start):
        return False
    gap = ctx.text[a.close + 1:b.open]
    if len(gap) > 80 or any(c in gap for c in ".!?\n") or not gap.strip():
        return False
    words = WORD.findall(gap)
    if len(words) > 8 or "that" in (w.lower() for w in words):
        return False  # "..., adding that the city was "overwhelmed"": a new report, not a split
    if not ctx.text[a.start:a.end].rstrip().endswith((",", "—", "-", "–", "...", "…")) \
            and not gap.rstrip().endswith((",", ":")):
        return False
    if ctx.text[a.start:a.end].rstrip().endswith((".", "!", "?")) and words and words[0][:1].isupper():
        return False  # 'him." The Foreign Secretary told the BBC: "I ...': a new sentence, a new quote
    span = ctx.doc.char_span(a.close + 1, b.open, alignment_mode="expand")
    return span is not None and any(is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS) for t in span)


def _group_span(group: list[QuoteSpan]) -> tuple[int, int]:
    return group[0].start, group[-1].end


def _governors(ctx: Context, group: list[QuoteSpan]) -> set[int]:
    """Indices of the tokens that govern the quote in the parse (heads of its tokens, upwards)."""
    out: set[int] = set()
    for q in group:
        span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            head = tok.head
            if not (q.start <= head.idx < q.end):
                out.update(t.i for t in [head, *head.ancestors])
    return out


def _nearest_cue(ctx: Context, group: list[QuoteSpan]):
    """The cue verb for a quote: in its sentence(s) outside quotes, nearest to the marks."""
    start, end = _group_span(group)
    open_pos = group[0].open if group[0].open is not None else start
    close_pos = group[-1].close if group[-1].close is not None else end
    s_lo, s_hi = ctx.sent_of(open_pos), ctx.sent_of(max(close_pos, end - 1))
    sents = list(range(s_lo, s_hi + 1))
    # "...," he said.  split by the parser into its own short sentence
    if s_hi + 1 < len(ctx.sents):
        nxt = ctx.sents[s_hi + 1]
        if nxt.start_char - close_pos <= 3 and len(nxt) <= 15 and ctx.quote_at(nxt.start_char + 1) is None:
            sents.append(s_hi + 1)
    colon = False
    before_open = prev_char(ctx.text, open_pos)
    if s_lo > 0 and before_open == ":":
        sents.insert(0, s_lo - 1)
        colon = True
    elif prev_char(ctx.text, open_pos, ctx.sents[s_lo].start_char) == ":":
        colon = True
    lexicon = (REPORT_VERBS | QUOTE_ONLY_VERBS) - EVIDENCE_VERBS
    lead_in = before_open in (":", ",")  # 'he said, / "...'
    governors = _governors(ctx, group)
    para, last_para = ctx.para_of(start), ctx.para_of(max(start, end - 1))
    # a line break inside a sentence ('"...?"' / 'said he.'): the next line goes on in lower case
    after = ctx.text[close_pos + 1:close_pos + 40].lstrip()
    continued = bool(after) and after[0].islower() and last_para + 1 < len(ctx.paras) \
        and ctx.paras[last_para + 1].start <= close_pos + 1 + (len(ctx.text[close_pos + 1:close_pos + 40])
                                                               - len(after))
    best, best_d = None, None
    for si in sents:
        for tok in ctx.sents[si]:
            if not is_cue_verb(tok, lexicon) or ctx.in_quote(tok):
                continue
            if start <= tok.idx < end:
                continue
            tok_para = ctx.para_of(tok.idx)
            if not (para <= tok_para <= last_para or (lead_in and tok_para == para - 1)
                    or (tok_para == last_para + 1 and continued)):
                continue  # a sentence the parser ran across a paragraph break
            before = tok.idx < open_pos
            gap = ctx.doc.char_span(min(tok.idx, close_pos), max(tok.idx, open_pos),
                                    alignment_mode="expand") if not before else \
                ctx.doc.char_span(tok.idx, open_pos, alignment_mode="expand")
            n_gap = len(gap) if gap is not None else 0
            near = n_gap <= MAX_CUE_GAP or (colon and before)
            if tok.i not in governors and not near:
                continue  # a verb of another clause, far from the quote
            d = open_pos - tok.idx if before else tok.idx - close_pos
            if colon and before:
                d = d / 4  # "He said: "...""
            if best_d is None or d < best_d:
                best, best_d = tok, d
    if best is None:
        for si in sents:  # "according to X" as a quote's cue
            for tok in ctx.sents[si]:
                if tok.lower_ == "according" and not ctx.in_quote(tok):
                    return tok
    if best is None:
        best = _adjacent_verb(ctx, open_pos, close_pos)
    return best


def _adjacent_verb(ctx: Context, open_pos: int, close_pos: int):
    """Any verb with its subject right by the quote: '"...," she beamed.', '"...," fumed Toomey.',
    'Trump boomed: "..."': in that place a verb tells how the words were said."""
    doc = ctx.doc
    after = doc.char_span(close_pos, min(close_pos + 1, len(ctx.text)), alignment_mode="expand")
    if after is not None:
        toks = [t for t in doc[after.end:after.end + 5] if not t.is_space]
        if toks and toks[0].idx >= close_pos and prev_char(ctx.text, close_pos) in (",", "!", "?", "—", "-"):
            for t in toks[:3]:
                if t.is_punct:
                    break
                if t.pos_ == "VERB" and not ctx.in_quote(t) and any(
                        c.dep_ == "nsubj" and abs(c.i - t.i) <= 3 for c in t.children):
                    return t
    before = doc.char_span(max(0, open_pos - 1), open_pos, alignment_mode="expand")
    if before is not None and prev_char(ctx.text, open_pos) == ":":
        colon = doc[before.start - 1] if before.start > 0 else None
        i = colon.i - 1 if colon is not None and colon.text == ":" else (before.start - 1)
        for t in reversed(doc[max(0, i - 2):i + 1]):
            if t.pos_ == "VERB" and not ctx.in_quote(t) and any(c.dep_ == "nsubj" for c in t.children):
                return t
    return None


def _frame_of(ctx: Context, group: list[QuoteSpan], drafts: list[Draft], index: SpanIndex):
    """The report whose content is this quote ("direct") or holds it as a fragment ("mixed")."""
    glen = sum(q.end - q.start for q in group)
    mixed = None
    for d in (drafts[i] for i in index.query(group[0].start, group[-1].end)):
        if d.cue_tok is not None and (ctx.in_quote(d.cue_tok) or is_belief(d)):
            continue  # a report nested inside a quotation, or a stance: not the quotation's frame
        shared = sum(overlap(c, (q.start, q.end)) for c in d.contents for q in group)
        if not shared:
            continue
        dlen = sum(e - s for s, e in d.contents)
        if shared >= 0.8 * dlen or (shared >= 0.9 * glen and dlen <= 1.25 * glen):
            return ("extend", d) if _names_outside(ctx, d, group) else ("direct", d)
        if shared >= 0.9 * glen and mixed is None:
            mixed = ("mixed", d)
    return mixed


def _names_outside(ctx: Context, d: Draft, group: list[QuoteSpan]) -> bool:
    """ "calling Davis "an icon"": a report whose content names something outside the quote is
    mixed, however short the unquoted part."""
    lo = group[0].open if group[0].open is not None else group[0].start
    hi = group[-1].close if group[-1].close is not None else group[-1].end
    outside = sum(len(WORD.findall(ctx.text[s:min(e, lo)])) + len(WORD.findall(ctx.text[max(s, hi):e]))
                  for s, e in d.contents)
    if outside > MAX_MIXED_LEAD:
        return False  # a long stretch of narration around the quote: the quote is the content
    for s, e in d.contents:
        span = ctx.doc.char_span(s, e, alignment_mode="expand")
        for tok in span if span is not None else ():
            if tok.pos_ in ("PROPN", "NOUN") and not lo <= tok.idx <= hi:
                return True
    return False


def _headline(ctx: Context, para: Span) -> bool:
    """A short first line without a sentence end: the article's title."""
    line = ctx.text[para.start:para.end].rstrip("\"'”’ ")
    return len(WORD.findall(line)) <= 20 and not line.endswith((".", "!", "?", ":"))


def attach_quotes(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Turn quotes into direct attributions, or mark the reports that contain them mixed."""
    by_cue = {d.cue_tok.i: d for d in drafts if d.cue_tok is not None}
    quoted = merge_spans((q.start, q.end) for q in ctx.quotes)
    quoted_starts = [s for s, _ in quoted]
    # '"...," thought Alice': a stance verb outside quotes whose clause holds a quote is no report
    out = [d for d in drafts if not (is_belief(d) and not ctx.in_quote(d.cue_tok) and any(
        any_overlap(quoted, quoted_starts, s, e) for s, e in d.contents))]
    index = SpanIndex()  # the drafts by their contents, kept current as quotes reshape them
    number = {id(d): i for i, d in enumerate(drafts)}
    for i, d in enumerate(drafts):
        index.add(i, d.contents)
    for group in _quote_groups(ctx):
        contents = [(q.start, q.end) for q in group]
        para = ctx.para_of(group[0].start)
        frame = _frame_of(ctx, group, drafts, index)
        if frame is not None:
            kind, d = frame
            index.add(number[id(d)], contents)
            if kind == "direct":
                d.kind = "according_to" if d.kind == "according_to" else "direct"
                d.contents = contents
                d.confidence = max(d.confidence, 0.9)
            elif d.kind == "indirect":
                d.kind = "mixed"
                if kind == "extend" and len(d.contents) == 1 and \
                        ctx.para_of(d.start) == para == ctx.para_of(group[-1].end - 1):
                    # the reported clause runs on inside the quote: one span over both
                    d.contents = [(min(d.start, group[0].start), max(d.end, group[-1].end))]
            continue
        cue = _nearest_cue(ctx, group)
        if cue is None and para == 0 and _headline(ctx, ctx.paras[0]):
            continue  # a quoted phrase in a headline names nobody: "Users 'lose patience'"
        host = _run_on_host(ctx, group, drafts, index) if cue is None else None
        if host is not None:
            # 'calling Davis "an icon" and he and Dee "American treasures"': one reported clause
            host.kind = "mixed"
            host.contents = [(host.start, group[-1].end)]
            index.add(number[id(host)], host.contents)
        elif cue is None and (noun := _noun_verdict(ctx, group)) is not None:
            holder = next(c for c in noun.children if c.dep_ == "poss")
            out.append(Draft("direct", contents, tok_span([noun]), holder, holder_span(ctx, holder),
                              0.8, para, cue_tok=noun, how="quote-noun"))
        elif cue is None and (intro := _introducer(ctx, group)) is not None:
            # 'Writing in a paper, Mr X set out his view. "..."': the participle frames the quote
            verb, subj = intro
            out.append(Draft("direct", contents, tok_span([verb]), subj, source_span(ctx, subj),
                              0.75, para, cue_tok=verb, how="quote-intro"))
        elif cue is None and _quoted_name(ctx, group):
            continue  # 'the show billed as "A Night Of Stars"': a title or slogan, no one speaking
        elif cue is None:
            out.append(Draft("direct", contents, None, None, None, 0.4, para, follow_on=True, how="follow-on"))
        elif cue.lower_ == "according":
            pobj = next((c for t in cue.children if t.lower_ == "to" for c in t.children
                         if c.dep_ == "pobj"), None)
            out.append(Draft("according_to", contents, tok_span([cue]), pobj, source_span(ctx, pobj),
                              0.8, para, cue_tok=cue, how="quote-according"))
        elif _continues_clause(ctx, by_cue.get(cue.i), group):
            # 'said A but B would be "central"': the quoted word ends the same reported clause
            existing = by_cue[cue.i]
            existing.kind = "mixed"
            existing.contents = [(existing.start, group[-1].end)]
            if id(existing) in number:
                index.add(number[id(existing)], existing.contents)
        else:
            existing = by_cue.get(cue.i)
            subj = existing.source_tok if existing is not None else subject(ctx, cue)
            out.append(Draft("direct", contents, cue_span(cue), subj, source_span(ctx, subj),
                              0.9 if subj is not None else 0.6, para, cue_tok=cue, how="quote"))
    return out


def _continues_clause(ctx: Context, d: Draft | None, group: list[QuoteSpan]) -> bool:
    """A short quoted fragment later in the sentence of a one-span indirect report, with no other
    cue or sentence mark between them: the fragment continues that report."""
    if d is None or d.kind != "indirect" or len(d.contents) != 1 or d.cue_tok is None or \
            d.cue_tok.idx > d.start:
        return False
    q = group[0]
    inner = ctx.text[q.start:group[-1].end]
    open_pos = q.open if q.open is not None else q.start
    if len(WORD.findall(inner)) > MAX_NAME_WORDS or open_pos < d.end or \
            ctx.sent_of(open_pos) != ctx.sent_of(d.cue_tok.idx):
        return False
    gap = ctx.doc.char_span(d.end, open_pos, alignment_mode="expand")
    return gap is not None and not any(t.text in ".!?:;" or is_cue_verb(t, REPORT_VERBS | QUOTE_ONLY_VERBS)
                                       for t in gap if not ctx.in_quote(t))


def _noun_verdict(ctx: Context, group: list[QuoteSpan]):
    """ '"A," was X's assessment': the noun after the quote and "was", held by a possessive."""
    close = group[-1].close if group[-1].close is not None else group[-1].end
    doc = ctx.doc
    mark = doc.char_span(close, min(close + 1, len(ctx.text)), alignment_mode="expand")
    if mark is None:
        return None
    after = [t for t in doc[mark.end - 1:mark.end + 6] if t.idx > close][:6]
    words = [t for t in after if not t.is_punct]
    if len(words) < 3 or words[0].lemma_ != "be" or any(t.text in ".!?" for t in after[:after.index(words[0])]):
        return None
    noun = next((t for t in words[1:] if t.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in VERDICT_NOUNS or noun.head.i != words[0].i or \
            not any(c.dep_ == "poss" for c in noun.children):
        return None
    return noun


def _introducer(ctx: Context, group: list[QuoteSpan]):
    """The sentence right before a bare quote, in its paragraph, opened by "Writing in ..." /
    "Speaking to ...": (participle, subject of the sentence) when the subject is a name."""
    open_pos = group[0].open if group[0].open is not None else group[0].start
    si = ctx.sent_of(open_pos)
    if si == 0 or ctx.para_of(ctx.sents[si - 1].start_char) != ctx.para_of(open_pos):
        return None
    prev = ctx.sents[si - 1]
    if ctx.text[prev.end_char:open_pos].strip() or any(ctx.in_quote(t) for t in prev):
        return None
    root = prev.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    part = next((c for c in root.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < root.i
                 and c.lemma_.lower() in REPORT_VERBS | QUOTE_ONLY_VERBS), None)
    if subj is None or part is None or not (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"):
        return None
    return part, subj


def _quoted_name(ctx: Context, group: list[QuoteSpan]) -> bool:
    """ 'the "Save Our Parks" campaign', 'described as "A Night Of Stars"': a title or slogan."""
    if len(group) != 1:
        return False
    q = group[0]
    inner = ctx.text[q.start:q.end].strip()
    if not inner or not inner[0].isupper() or len(WORD.findall(inner)) > MAX_NAME_WORDS or \
            any(ch in inner for ch in ".!?,;:"):
        return False
    before = prev_char(ctx.text, q.open if q.open is not None else q.start)
    return bool(before) and (before.isalnum() or before in "'’")


def _run_on_host(ctx: Context, group: list[QuoteSpan], drafts: list[Draft], index: SpanIndex
                 ) -> Draft | None:
    """The report whose clause this cue-less quote continues: same sentence, a short joining gap."""
    open_pos = group[0].open if group[0].open is not None else group[0].start
    # a host ends at most 40 characters before the opening mark
    for d in (drafts[i] for i in index.query(max(0, open_pos - 41), open_pos + 1)):
        if d.kind not in ("indirect", "mixed") or len(d.contents) != 1 or d.cue_tok is None \
                or is_belief(d) or ctx.in_quote(d.cue_tok) or not (d.start < d.end <= open_pos):
            continue
        gap = ctx.text[d.end:open_pos]
        if len(gap) <= 40 and not any(c in gap for c in ".!?;:\n") and \
                ctx.sent_of(d.end - 1) == ctx.sent_of(open_pos) and WORD.search(gap):
            return d
    return None


def inherit_follow_ons(drafts: list[Draft], ctx: Context | None = None) -> None:
    """A bare quote takes the speaker of the quote just before it (same or previous paragraph).

    A sourced report in between is whom it continues, unless that report sits in the sentence
    of the quote before (with ``ctx``: '"A," X said, suggesting that Y. "B."' continues "A")."""
    prev: Draft | None = None
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        if d.follow_on:
            if prev is not None and d.para - prev.para <= 1:
                d.inherited = prev
                d.confidence = 0.7
            continue
        if d.kind in ("direct", "mixed") and (d.source_tok is not None or d.inherited) and not (
                ctx is not None and d.cue_tok is not None and ctx.in_quote(d.cue_tok)):
            prev = d  # (a report inside a quotation is no one a following quote continues)
        elif d.kind in ("indirect", "according_to") and d.start > (prev.end if prev else -1) \
                and not is_belief(d) and not _same_sentence_as_quote(ctx, d, prev):
            # a sourced report between quotes is whom a following bare quote continues;
            # an unsourced one ends the chain
            prev = d if d.source_tok is not None else None


def _same_sentence_as_quote(ctx: Context | None, d: Draft, prev: Draft | None) -> bool:
    """``d`` reports in the sentence whose quote ``prev`` is (its cue there too)."""
    if ctx is None or prev is None or prev.kind != "direct" or d.cue is None or prev.cue is None:
        return False
    return ctx.sent_of(d.cue[0]) == ctx.sent_of(prev.cue[0])
