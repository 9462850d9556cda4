"""Attributions of an article and of a corpus: the rules run in order.

Reports from verbs, nouns and "according to" (:mod:`.reports`), quotes
attached to them (:mod:`.attach`), duplicates dropped, follow-on quotes
linked, speakers resolved (:mod:`.resolve`); across a corpus, speaker names
merged (:mod:`.speaker_merge`).
"""
from __future__ import annotations

from collections import Counter

from ..corpus import Corpus
from ..nlp import parse_corpus
from ..text import Span
from .attach import attach_quotes, inherit_follow_ons
from .candidates import relation_drafts, tail_cut
from .classes import cue_class
from .context import Context
from .draft import Draft
from .model import load_model
from .parc import (
    bare_quotations, best_per_cue, cue_scores, fold_follow_ons, is_quotation, merge_same_cue, outermost, parc_bounds, quote_kind,
    unfolded, univocal)
from .records import Attribution, record
from .reports import according_drafts, noun_drafts, verb_drafts
from .resolve import Resolver
from .speaker_merge import canonical_maps, merge_speakers, speaker_names


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One attribution per content: identical content spans keep the most confident."""
    best: dict[tuple, Draft] = {}
    for d in drafts:
        key = tuple(sorted(d.contents))
        if key not in best or d.confidence > best[key].confidence:
            best[key] = d
    return list(best.values())


def _finalise(ctx: Context, d: Draft) -> Attribution:
    def span(pair):
        return None if pair is None else Span(*pair)

    contents = [Span(s, e) for s, e in sorted(d.contents) if e > s]
    conf = d.score if d.score is not None else d.confidence
    return Attribution(
        kind=d.kind, contents=contents, cue=span(d.cue), source=span(d.source), speaker=d.speaker,
        speaker_type=d.speaker_type if d.speaker or d.speaker_type != "unknown" else "unknown",
        speaker_role=d.speaker_role, confidence=round(max(0.01, min(conf, 0.99)), 2),
        cue_class=d.cue_class or "speech",
    )


def rule_drafts(ctx: Context) -> list[Draft]:
    """The hand rules' drafts: reports from verbs, nouns and "according to", quotes attached,
    duplicates dropped, follow-on quotes linked to the quote before them."""
    drafts = verb_drafts(ctx) + according_drafts(ctx) + noun_drafts(ctx)
    drafts = attach_quotes(ctx, drafts)
    drafts = [d for d in drafts if d.contents and not ctx.in_boilerplate(d.start)]
    drafts = _dedupe(drafts)
    inherit_follow_ons(drafts, ctx)
    return drafts


def candidate_drafts(ctx: Context, lexicon) -> list[Draft]:
    """Every draft the scorer chooses from: the rules' (follow-on quotes folded into the attribution
    they continue) and the relation candidates of every possible cue word."""
    rules = fold_follow_ons(ctx, merge_same_cue(rule_drafts(ctx)))
    for d in rules:
        d.contents = parc_bounds(ctx, d.contents)
    seen = {(d.cue_tok.i, tuple(sorted(d.contents))) for d in rules if d.cue_tok is not None}
    by_cue: dict[int, list[Draft]] = {}
    for d in rules:
        if d.cue_tok is not None:
            by_cue.setdefault(d.cue_tok.i, []).append(d)
    relations = []
    for d in relation_drafts(ctx, lexicon):
        d.contents = parc_bounds(ctx, d.contents)
        if (d.cue_tok.i, tuple(sorted(d.contents))) in seen:
            continue
        for r in by_cue.get(d.cue_tok.i, ()):
            if r.start <= d.start and d.end <= r.end:
                d.flags.append("inside-rule-draft")
            elif d.start <= r.start and r.end <= d.end:
                d.flags.append("around-rule-draft")
        if d.cue_tok.i not in by_cue:
            d.flags.append("no-rule-draft")
        relations.append(d)
    out = rules + relations
    cuts = [c for d in out if d.kind != "direct" and (c := tail_cut(ctx, d)) is not None]
    for c in cuts:
        c.contents = parc_bounds(ctx, c.contents)
    out += cuts
    _sibling_flags(out)
    return out


def _sibling_flags(drafts: list[Draft]) -> None:
    """How each draft compares with the other drafts of its cue (the longest, the shortest, alone):
    the scorer picks one per cue."""
    groups: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.cue_tok is not None:
            groups.setdefault(d.cue_tok.i, []).append(d)
    for group in groups.values():
        if len(group) == 1:
            group[0].flags.append("alone")
            continue
        lengths = [sum(e - s for s, e in d.contents) for d in group]
        hi, lo = max(lengths), min(lengths)
        n = "2" if len(group) == 2 else "3+"
        for d, length in zip(group, lengths):
            d.flags.append(f"siblings={n}")
            if length == hi:
                d.flags.append("longest")
            if length == lo:
                d.flags.append("shortest")


def select(drafts: list[Draft], threshold: float, ctx: Context | None = None) -> list[Draft]:
    """PARC's choice among scored drafts: the ranker's best of each cue whose best score is above
    ``threshold``, outermost only,
    one attribution per stretch of text (:mod:`.parc`). With ``ctx``, a quotation standing as a
    sentence of its own is kept even below the threshold (:func:`.parc.is_quotation`)."""
    every = drafts
    top = cue_scores(every)
    drafts = [d for d in best_per_cue(every, ctx)
              if (top[d.cue_tok.i] if d.cue_tok is not None else d.score or 0.0) >= threshold
              or (ctx is not None and is_quotation(ctx, d))]
    if ctx is not None:
        kept = {id(d) for d in drafts}
        drafts += unfolded(ctx, drafts, [d for d in every if id(d) not in kept])
    drafts = univocal(outermost(drafts, ctx), ctx)
    if ctx is not None:
        drafts = bare_quotations(ctx, drafts)
    return drafts


def extract(doc) -> list[Attribution]:
    """All attributions of one parsed article, in text order; never raises on odd text."""
    if doc is None or not doc.text.strip():
        return []
    if not doc.has_annotation("DEP"):
        # a pipeline without a dependency parser: the rules have nothing to read (and spaCy's
        # token.children can crash on such a doc); analysis.pipeline warns about it once
        return []
    ctx = Context(doc)
    model = load_model()
    drafts = candidate_drafts(ctx, model.lexicon)
    for d, score, rank in zip(drafts, *model.score_and_rank(ctx, drafts)):
        d.score, d.rank = score, rank
    drafts = select(drafts, model.threshold, ctx)
    for d in drafts:
        d.kind = quote_kind(ctx, d)
        d.cue_class = cue_class(d)
    resolver = Resolver(ctx)
    done: list[Draft] = []
    # a quotation standing alone again takes the speaker of the attribution it was folded into
    parents = {id(d.inherited): d.inherited for d in drafts if d.inherited is not None}
    for d in sorted(list(parents.values()) + drafts, key=lambda d: (d.inherited is not None, d.start)):
        resolver.resolve(d, done)
        done.append(d)
    out = [_finalise(ctx, d) for d in drafts]
    return sorted([a for a in out if a.contents],
                  key=lambda a: (a.start, a.contents[-1].end, a.kind))


def extract_corpus(corpus: Corpus, nlp=None, parsed: dict | None = None) -> dict[str, list[Attribution]]:
    """``{doc_id: [Attribution]}`` for a corpus, person names merged across documents."""
    parsed = parsed if parsed is not None else parse_corpus(corpus, nlp)
    result = {d.id: extract(parsed[d.id]) for d in corpus}
    persons: set[str] = set()
    bodies: Counter = Counter()
    for d in corpus:
        p, b = speaker_names(result[d.id], parsed[d.id])
        persons |= p
        bodies += b
    canon, body_canon = canonical_maps(persons, bodies)
    return {doc_id: merge_speakers(atts, canon, body_canon) for doc_id, atts in result.items()}


def attribution_records(corpus: Corpus, nlp=None, parsed: dict | None = None,
                        attributions: dict | None = None) -> list[dict]:
    """Every attribution of the corpus as CLI-schema dicts, documents in corpus order."""
    attributions = attributions if attributions is not None else extract_corpus(corpus, nlp, parsed)
    return [record(d.id, d.text, a) for d in corpus for a in attributions.get(d.id, [])]
