"""PARC conventions over the drafts: one attribution per cue, outermost only, univocal.

* A cue owns all of its content: the pieces of a split quote, the quote
  paragraphs that continue it (follow-ons) and any relation candidate of the
  same cue compete, and one draft of a cue is kept: the ranker's choice, when the cue's best
  score passes the threshold.
* Only the outermost attribution is annotated: a draft whose cue lies inside
  another kept draft's content ("I think" inside a quotation, "X criticised Y
  for saying that ...") is dropped.
* Each stretch of text is the content of at most one attribution: of drafts
  whose contents overlap by half or more, the better scored is kept.

Every step goes through sorted spans or a :class:`analysis.text.SpanIndex`, so the
pass is linear in the number of drafts.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import replace

from .context import Context
from .draft import Draft
from ..text import SpanIndex
from .spans import overlap


_OPENERS = set("\"'“”‘’«»„‟‚‛` \t\xa0")


def opens_sentence(text: str, start: int) -> bool:
    """The quote starting at ``start`` (its first letter) opens a sentence or paragraph: before its
    marks there is nothing, a line break or a sentence end."""
    i = start
    while i > 0 and text[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n" or text[i - 1] in ")]"


def merge_same_cue(drafts: list[Draft]) -> list[Draft]:
    """Quotes that took the same cue word are one attribution (``"A," she said. "B."`` when the
    parser ran both sentences into one): their contents join the first draft of that cue."""
    first: dict[int, Draft] = {}
    merged: dict[int, Draft] = {}
    out = []
    for d in sorted(drafts, key=lambda d: d.start):
        if d.cue_tok is None or d.kind not in ("direct", "mixed"):
            out.append(d)
            continue
        keep = first.get(d.cue_tok.i)
        if keep is None:
            first[d.cue_tok.i] = d
            out.append(d)
            continue
        keep.contents = sorted(keep.contents + d.contents)
        merged[id(d)] = keep
    for d in out:
        if d.inherited is not None and id(d.inherited) in merged:
            d.inherited = merged[id(d.inherited)]
    return out


def _holds_cue(cues: list[int], d: Draft) -> bool:
    """Whether a cue word starts inside the outer bounds of ``d``'s contents (``cues`` sorted)."""
    i = bisect_left(cues, d.start)
    return i < len(cues) and cues[i] < d.end


def fold_follow_ons(ctx: Context, drafts: list[Draft]) -> list[Draft]:
    """Bare quotes that continue the quote before them become more content of its attribution
    (``"A," the mayor said. "B."`` is one attribution whose content is both sentences); a bare
    quoted fragment inside a sentence continues nothing and stays apart."""
    cues = sorted(d.cue[0] for d in drafts if d.cue is not None)
    out = []
    for d in drafts:
        if d.follow_on and d.inherited is not None and _holds_cue(cues, d):
            d.inherited = None  # '"Yes," said Dick, "I ..."' has a cue of its own: it continues nothing
        if d.follow_on and d.inherited is not None and not opens_sentence(ctx.text, d.start):
            d.inherited = None
            d.how = "fragment"
        if d.follow_on and d.inherited is not None and d.inherited.cue is not None \
                and _inside(d.inherited.cue, d.contents):
            d.inherited = None  # a quote holding its parent's cue is the outer attribution, not more of it
        if d.follow_on and d.inherited is not None:
            parent = d.inherited
            parent.folded.append(d)
            parent.contents = sorted(parent.contents + d.contents)
            if parent.kind == "indirect":
                parent.kind = "mixed"
            continue
        out.append(d)
    return out


def unfolded(ctx: Context, kept: list[Draft], dropped: list[Draft]) -> list[Draft]:
    """The quotations folded into drafts that were not kept, each standing on its own again
    (:func:`is_quotation`), so a wrong reading of their parent does not take them along."""
    out = []
    for d in dropped:
        for q in d.folded:
            q = replace(q, contents=parc_bounds(ctx, q.contents))
            if is_quotation(ctx, q):
                out.append(q)
    return out


def best_per_cue(drafts: list[Draft], ctx: Context | None = None) -> list[Draft]:
    """The best draft of each cue word by the ranker (by score without one; drafts without a cue
    stand alone); with ``ctx``, a
    quotation standing as a sentence of its own (:func:`is_quotation`) is its cue's content whatever
    the score of the cue's other readings ('"Boh!" cried the voice of John Reed': not "the voice")."""
    whole = set() if ctx is None else {id(d) for d in drafts if d.cue_tok is not None and whole_quotes(ctx, d)}
    quoted = {d.cue_tok.i for d in drafts if id(d) in whole and is_quotation(ctx, d)}
    best: dict[object, Draft] = {}
    rank: dict[object, tuple] = {}
    for n, d in enumerate(drafts):
        key = d.cue_tok.i if d.cue_tok is not None else ("no-cue", n)
        mine = (key in quoted and id(d) in whole, d.rank if d.rank is not None else d.score or 0.0,
                d.score or 0.0)
        if key not in best or mine > rank[key]:
            best[key], rank[key] = d, mine
    return list(best.values())


def cue_scores(drafts: list[Draft]) -> dict[int, float]:
    """The best score among the drafts of each cue word: how likely the word is a cue at all, whichever
    reading of its content the ranker prefers."""
    top: dict[int, float] = {}
    for d in drafts:
        if d.cue_tok is not None:
            top[d.cue_tok.i] = max(top.get(d.cue_tok.i, 0.0), d.score or 0.0)
    return top


def _inside(span: tuple[int, int], contents) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in contents)


def is_quotation(ctx: Context, d: Draft) -> bool:
    """A draft whose every piece is a quotation standing as a sentence of its own ('"Come with me!"'
    and the like, with or without a cue): quoted words someone said, whatever the scorer thinks."""
    text = ctx.text
    for s, e in d.contents:
        if text[s:s + 1] not in _OPEN_MARKS or text[e - 1:e] not in _CLOSE_MARKS:
            return False
        if not opens_sentence(text, s + 1):
            return False
    return bool(d.contents)


def whole_quotes(ctx: Context, d: Draft) -> bool:
    """Every piece of ``d``'s content is a whole quotation, marks to marks ('"A," he said, "b."'),
    and its cue stands outside them."""
    if not d.contents or (d.cue is not None and _inside(d.cue, d.contents)):
        return False
    for s, e in d.contents:
        i = ctx.quote_at(s)
        if i is None or ctx.quote_starts[i] != s or ctx.quote_ends[i] != e:
            return False
    return True


def _multi_sentence(ctx: Context | None, d: Draft) -> bool:
    return ctx is not None and ctx.sent_of(d.start) != ctx.sent_of(max(d.start, d.end - 1))


def _protected(ctx: Context | None, d: Draft, other: Draft) -> bool:
    """A quotation is not dropped for a report in the writer's words that runs over sentences (the
    rules' reading of a clause the parser carried across a dialogue)."""
    return ctx is not None and is_quotation(ctx, d) and other.kind != "direct" and _multi_sentence(ctx, other)


def outermost(drafts: list[Draft], ctx: Context | None = None) -> list[Draft]:
    """Drop drafts whose cue lies inside another draft's content (of two that hold each other's cue,
    the better scored stays); with ``ctx``, see :func:`_protected`."""
    index = SpanIndex()
    for n, d in enumerate(drafts):
        index.add(n, d.contents)
    out = []
    for n, d in enumerate(drafts):
        if d.cue is None:
            out.append(d)
            continue
        nested = False
        for m in index.query(d.cue[0], d.cue[1]):
            if m == n:
                continue
            other = drafts[m]
            if not _inside(d.cue, other.contents) or _protected(ctx, d, other):
                continue
            if other.cue is not None and _inside(other.cue, d.contents) and (d.score or 0) >= (other.score or 0):
                continue  # each holds the other's cue: the better one stays
            nested = True
            break
        if not nested:
            out.append(d)
    return out


def univocal(drafts: list[Draft], ctx: Context | None = None) -> list[Draft]:
    """Of drafts whose contents share half of either one's length, keep the better scored (with
    ``ctx``, a report in the writer's words over several sentences comes last: see :func:`_protected`)."""
    late = [ctx is not None and not is_quotation(ctx, d) and _multi_sentence(ctx, d) for d in drafts]
    order = sorted(range(len(drafts)), key=lambda n: (late[n], -(drafts[n].score or 0.0), drafts[n].start))
    index = SpanIndex()
    kept: list[int] = []
    for n in order:
        d = drafts[n]
        length = sum(e - s for s, e in d.contents)
        clash = False
        for m in index.query(d.start, d.end):
            other = drafts[m]
            shared = sum(overlap(a, b) for a in d.contents for b in other.contents)
            if shared and (2 * shared >= length or 2 * shared >= sum(e - s for s, e in other.contents)):
                clash = True
                break
        if not clash:
            kept.append(n)
            index.add(n, d.contents)
    return [drafts[n] for n in sorted(kept)]


_COMPLEMENTIZERS = frozenset("that whether if".split())
_OPEN_MARKS = "\"“‘'«„"
_CLOSE_MARKS = "\"”’'»"


def parc_bounds(ctx: Context, contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content spans with PARC's edges: a heading "that"/"whether"/"if" and the quotation marks of a
    quote the span begins or ends are in, a sentence-final full stop outside quotes is out."""
    text = ctx.text
    out = []
    for s, e in contents:
        tok = ctx.token_at(s)
        if tok.idx == s and tok.i > 0:
            prev = ctx.doc[tok.i - 1]
            if prev.lower_ in _COMPLEMENTIZERS and prev.dep_ == "mark" and \
                    not text[prev.idx + len(prev.text):s].strip():
                s = prev.idx
        q = ctx.quote_at(s)
        if q is not None:
            quote = ctx.all_quotes[q]
            if quote.open is not None and quote.open < s and not text[quote.open + 1:s].strip(" \t\xa0") and \
                    text[quote.open] in _OPEN_MARKS:
                s = quote.open
        q = ctx.quote_at(max(s, e - 1))
        if q is not None:
            quote = ctx.all_quotes[q]
            if quote.close is not None and quote.close >= e and \
                    not text[e:quote.close].strip(" \t\xa0.,!?;:…") and text[quote.close] in _CLOSE_MARKS:
                e = quote.close + 1  # the quote's own closing punctuation and mark: '"overwhelmed."'
        if e - s > 1 and text[e - 1] == "." and text[e - 2] != "." and ctx.quote_at(e - 1) is None:
            e -= 1
        out.append((s, e))
    return out


def quote_kind(ctx: Context, d: Draft) -> str:
    """``direct`` when the content lies inside quotation marks, ``mixed`` when part of it does,
    ``nominal`` for an unquoted noun-phrase content, else ``indirect`` (``according_to`` kept)."""
    if d.kind == "according_to":
        return d.kind
    text = ctx.text
    inside = letters = 0
    for s, e in d.contents:
        for pos in range(s, e):
            if text[pos].isalnum():
                letters += 1
                i = ctx.quote_at(pos)
                if i is not None and not ctx.all_quotes[i].is_scare:
                    inside += 1
    if letters and inside >= 0.98 * letters:
        return "direct"
    if inside:
        return "mixed"
    head = d.content_tok
    if head is not None and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and len(d.contents) == 1 \
            and not d.how.startswith(("ccomp", "xcomp", "raised", "noun-clause", "noun-be", "adj-ccomp",
                                      "adj-xcomp")):
        return "nominal"
    return "indirect"


#: how a quoted utterance ends inside its marks (a title or a phrase ends with a word)
_UTTERANCE_ENDS = set(".!?,;:-\u2013\u2014\u2026")


def _after_break(text: str, start: int) -> bool:
    """The quotation mark at ``start`` follows a sentence end, a line break or a clause break
    (',' ';' a dash): '... and said, "The Herr Englishman?"', not 'the "fake news" media'."""
    i = start
    while i > 0 and text[i - 1] in " \t\xa0":
        i -= 1
    return i == 0 or text[i - 1] in ".!?:\n)],;-\u2013\u2014" or text[i - 1] in _OPEN_MARKS + _CLOSE_MARKS


def bare_quotations(ctx: Context, kept: list[Draft]) -> list[Draft]:
    """``kept`` with the quotations no kept attribution covers any part of (dialogue the scorer or
    a wrong reading around it lost) added, when they read as something said (they open a sentence
    or follow a clause break, :func:`_after_break`, and end on punctuation inside their marks):
    each an attribution of its own with its speaker left to the resolver. A quotation
    without a cue, kept or added, that goes on right after a quoting attribution in its paragraph
    joins it instead ('"A," said X. "B."': one cue owns the whole quotation)."""
    covered = sorted(span for d in kept for span in d.contents)
    starts = [s for s, _ in covered]
    reach = []  # the furthest end among the covered spans up to each index
    for _, e in covered:
        reach.append(max(e, reach[-1]) if reach else e)
    lone = [d for d in kept if d.cue is None and d.inherited is None]
    for q in ctx.quotes:
        if q.open is None or q.close is None:
            continue
        s, e = q.open, q.close + 1
        i = bisect_left(starts, e) - 1  # the last covered span starting before the quote's end
        if i >= 0 and reach[i] > s:
            continue
        words = ctx.text[s + 1:e - 1].rstrip()
        if not words or words[-1] not in _UTTERANCE_ENDS:
            continue  # '"Crooked Hillary" is trending': a name or a phrase, not something said
        if ctx.in_boilerplate(s) or not _after_break(ctx.text, s):
            continue
        lone.append(Draft("direct", [(s, e)], None, None, None, 0.4, ctx.para_of(s), follow_on=True,
                          how="bare-quote"))
    lone_ids = {id(d) for d in lone}
    # copies, so that selecting again from the same drafts (as training does) starts afresh
    out = [replace(d, contents=list(d.contents)) for d in kept if id(d) not in lone_ids]
    ends = sorted((max(e for _, e in d.contents), id(d), d) for d in out if d.contents)
    for d in sorted(lone, key=lambda d: d.start):
        parent = _quote_before(ctx, ends, d.start)
        if parent is not None:
            parent.contents = sorted(parent.contents + d.contents)
            insort(ends, (d.end, id(parent), parent))  # a further quotation may continue it too
        else:
            out.append(d)
            insort(ends, (d.end, id(d), d))
    return out


def _quote_before(ctx: Context, ends: list, start: int) -> Draft | None:
    """The attribution whose content ends last before ``start`` in the same paragraph,
    when only its cue and source stand between them (``ends``: (end, id, draft), sorted)."""
    i = bisect_left(ends, (start,)) - 1
    if i < 0:
        return None
    end, _, d = ends[i]
    if d.cue is None or ctx.para_of(end - 1) != ctx.para_of(start):
        return None
    between = [x for x in (d.cue, d.source) if x is not None]
    if not ctx.text[end:start].strip(" \t,.;:") or any(end <= a < start for a, _ in between):
        return d
    return None
