"""The attribution scorer: a logistic regression over parse features of a draft attribution.

The rules (:mod:`.reports`, :mod:`.attach`) and the relation candidates
(:mod:`.candidates`) propose drafts; this model gives each the probability
that it is an attribution under PARC conventions (PolNeAR), from its cue
word, how its content hangs on the cue, its source, the shape of its content
and where it stands. A second linear model, the ranker, trained on pairs of one
cue's right and wrong drafts, says which reading of a cue's content is best:
:mod:`.parc` keeps the ranker's choice of each cue whose best probability
passes the threshold. The boundary features (:func:`boundary_features`) are
what siblings of one cue differ in.

The weights are package data (``analysis/data/attribution_model.json``),
made by ``benchmarks/train_attribution.py`` from PolNeAR's train articles (our
``fit`` split only); the file holds feature weights (scorer and ranker), the
cue lexicon (lemma and part of speech of words seen as cues) and the
threshold, never corpus text. Nothing is downloaded.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .. import speakers as spk
from .candidates import cue_key, norm_lemma
from .context import Context
from .draft import Draft
from .spans import WORD

#: the shipped weights (package data)
MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "attribution_model.json"

#: content length buckets (words)
_LENGTHS = (1, 2, 3, 5, 8, 13, 21, 34, 55, 89)


def _bucket(n: int) -> str:
    for b in _LENGTHS:
        if n <= b:
            return str(b)
    return "more"


def _source_features(tok) -> list[str]:
    if tok is None:
        return ["src=none"]
    low = tok.lower_
    out = [f"src-pos={tok.pos_}", f"src-ent={tok.ent_type_ or '-'}", f"src-dep={tok.dep_}"]
    if low in spk.PERSONAL_PRONOUNS:
        out.append(f"src-pron={low}")
    elif low in ("who", "which", "that"):
        out.append("src=relative")
    lemma = tok.lemma_.lower()
    if lemma in spk.DOCUMENT_WORDS:
        out.append("src=document")
    elif lemma in spk.MEDIA_WORDS:
        out.append("src=media")
    elif lemma in spk.GOVERNMENT_WORDS:
        out.append("src=government")
    elif lemma in spk.TITLE_WORDS or lemma in spk.ROLE_NOUNS or lemma in spk.ANONYMOUS_HEADS:
        out.append("src=role")
    return out


def features(ctx: Context, d: Draft) -> list[str]:
    """The draft's features as strings (``name=value``); conjunctions with the cue word included."""
    text = ctx.text
    tok = d.cue_tok
    kind = d.kind
    how = d.how or "none"
    out = [f"how={how}", f"kind={kind}", f"kind|how={kind}|{how}"]
    if tok is None:
        key = "none"
        out.append("cue=none")
    else:
        key = cue_key(tok) if tok.pos_ in ("VERB", "NOUN", "ADJ") else f"{tok.lower_}/{tok.pos_}"
        lemma = norm_lemma(tok)
        out += [f"cue={key}", f"cue|how={key}|{how}", f"cue|kind={key}|{kind}", f"lemma={lemma}",
                f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}", f"dep|how={tok.dep_}|{how}",
                f"cue|dep={key}|{tok.dep_}"]
        deps = {c.dep_ for c in tok.children}
        for dep in ("neg", "auxpass", "agent", "prt", "dobj", "ccomp", "xcomp", "dative", "nsubj"):
            if dep in deps:
                out.append(f"has={dep}")
        if "auxpass" in deps:
            out.append(f"cue|passive={key}")
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
            out.append("modal")
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            out.append("infinitive")
            out.append(f"cue|inf={key}")
        if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp"):
            head = tok.head
            out.append(f"head={norm_lemma(head)}|{tok.dep_}")
        gov = tok.head
        for _ in range(3):  # the verb that governs the cue ("said in a statement", "voiced support")
            if gov.pos_ == "VERB" or gov.head.i == gov.i:
                break
            gov = gov.head
        if gov.i != tok.i and gov.pos_ == "VERB":
            out.append(f"gov={norm_lemma(gov)}")
            out.append(f"gov|pos={norm_lemma(gov)}|{tok.pos_}")
        if ctx.in_quote(tok):
            out += ["cue-in-quote", f"cue-in-quote|how={how}"]
        if tok.is_title and tok.i > 0 and not tok.doc[tok.i - 1].is_punct:
            out.append("cue-title-case")
        if ctx.para_of(tok.idx) == 0:
            out.append("headline")
        sent = tok.sent
        out.append(f"sent-pos={'first' if tok.i - sent.start < 3 else 'late' if sent.end - tok.i < 4 else 'mid'}")
    out += [f"flag={f}" for f in d.flags]
    out += [f"cue|flag={key}|{f}" for f in d.flags if f.startswith("tail-cut=") or f in ("longest", "shortest")]
    out += [f"how|flag={how}|{f}" for f in d.flags if f in ("longest", "shortest", "alone")]
    head = d.content_tok
    if head is not None:
        ent = head.ent_type_ or "-"
        kind_of = _source_class(head) if head.pos_ in ("NOUN", "PROPN", "PRON") else head.pos_
        out += [f"chead-pos={head.pos_}", f"chead-ent={ent}", f"how|chead={how}|{head.pos_}|{ent}",
                f"cue|chead={key}|{head.pos_}|{ent}", f"chead-lemma={head.lemma_.lower()}",
                f"chead-class={kind_of}", f"cue|chead-class={key}|{kind_of}"]
        if how in ("xcomp", "raised") or how.startswith("adj-"):
            out.append(f"cue|chead-lemma={key}|{head.lemma_.lower()}")
    src = _source_features(d.source_tok)
    out += src
    src_class = _source_class(d.source_tok)
    out += [f"cue|src={key}|{src_class}", f"how|src={how}|{src_class}"]
    if d.source_tok is not None and d.source_tok.pos_ in ("NOUN", "PROPN"):
        out.append(f"src-lemma={d.source_tok.lemma_.lower()}")
    if tok is not None:
        out += [f"form={tok.lower_}", f"form|how={tok.lower_}|{how}"]
    # the content
    spans = d.contents
    words = sum(len(WORD.findall(text[s:e])) for s, e in spans)
    out.append(f"len={_bucket(words)}")
    out.append(f"how|len={how}|{_bucket(words)}")
    out.append(f"pieces={min(len(spans), 3)}")
    start, end = d.start, d.end
    quoted = 0
    for s, e in spans:
        i = ctx.quote_at(s)
        if i is not None and ctx.quote_ends[i] >= e - 1:
            quoted += 1
    marks = sum(text.count(m, start, end) for m in ('"', "“", "”"))
    out.append("quoted=" + out_quoted(quoted, len(spans), marks))
    first = WORD.search(text, start, end)
    if first is not None:
        word = first.group().lower() if first.group().lower() in _FIRST_WORDS else "other"
        out += [f"first={word}", f"cue|first={key}|{word}"]
    out += [f"cue|len={key}|{_bucket(words)}", f"cue|quoted={key}|{out_quoted(quoted, len(spans), marks)}"]
    if ctx.sent_of(start) != ctx.sent_of(max(start, end - 1)):
        out.append("multi-sentence")
    if tok is not None:
        out.append("content-before" if end <= tok.idx else "content-after" if start >= tok.idx + len(tok)
                   else "content-around")
    out += boundary_features(ctx, d, key, how)
    return out


#: tokens of a content read for its inner shape (the edges are always read)
_SCAN = 200


def boundary_features(ctx: Context, d: Draft, key: str, how: str) -> list[str]:
    """How the content's edges sit in the sentence: what follows its end (the sentence's end, a
    comma, "and", a preposition), how many words of the sentence are left, what each comma inside
    it opens (", who", ", saying", ", and he") and how many parse subtrees it is made of. Siblings of
    one cue differ in just these (PARC stops an indirect content at the reported clause's end)."""
    doc = ctx.doc
    s, e = d.contents[-1]
    first = ctx.token_at(s)
    last = ctx.token_at(max(s, e - 1))
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    sent = ctx.sents[ctx.sent_of(max(s, e - 1))]
    if nxt is None or nxt.i >= sent.end or (nxt.is_punct and nxt.text in ".!?" and nxt.i + 1 >= sent.end):
        after = "sent-end"
    elif nxt.text == ",":
        after = "comma"
    elif nxt.text in (";", ":", "—", "–", "-", "(", "--"):
        after = "break"
    elif nxt.is_punct:
        after = "punct"
    elif nxt.dep_ == "cc":
        after = "cc"
    elif nxt.dep_ in ("prep", "agent"):
        after = "prep"
    elif nxt.dep_ in ("mark", "advmod"):
        after = "mark"
    elif d.cue_tok is not None and nxt.i == d.cue_tok.i:
        after = "cue"
    else:
        after = "other"
    left = 0  # words left in the sentence, counted up to the last bucket's edge (a sentence may be a book)
    if after != "sent-end":
        for t in doc[last.i + 1:sent.end]:
            left += not t.is_punct
            if left > 10:
                break
    left_b = "0" if left == 0 else "1-3" if left <= 3 else "4-10" if left <= 10 else "more"
    out = [f"after={after}", f"how|after={how}|{after}", f"cue|after={key}|{after}", f"left={left_b}",
           f"how|left={how}|{left_b}", f"after|left={after}|{left_b}"]
    # subtrees the content is made of, and what its commas open
    lo = ctx.token_at(d.start)
    lo_i = lo.i if lo.idx >= d.start else lo.i + 1
    hi_i = min(last.i + 1, lo_i + _SCAN)
    inside = d.contents
    roots = 0
    commas = 0
    for t in doc[lo_i:hi_i]:
        if not any(b <= t.idx < x for b, x in inside):
            continue
        h = t.head
        if h.i == t.i or not any(b <= h.idx < x for b, x in inside):
            if not t.is_punct:
                roots += 1
                if roots > 1 and roots <= 3:
                    out.append(f"extra-root={t.dep_}")
        if t.text == "," and commas < 2 and t.i + 1 < hi_i and ctx.quote_at(t.idx) is None:
            commas += 1
            r = doc[t.i + 1]
            while r.head.i != r.i and r.head.left_edge.i == t.i + 1:
                r = r.head
            out += [f"comma-then={r.dep_}", f"how|comma-then={how}|{r.dep_}"]
    out.append(f"roots={min(roots, 3)}")
    out.append(f"how|roots={how}|{min(roots, 3)}")
    if first.i > 0:
        prev = doc[first.i - 1]
        before = "cue" if d.cue_tok is not None and prev.i == d.cue_tok.i else \
            "comma" if prev.text == "," else "punct" if prev.is_punct else prev.dep_
        out.append(f"before={before}")
    return out


def out_quoted(quoted: int, pieces: int, marks: int) -> str:
    return "all" if quoted == pieces else "some" if quoted or marks else "none"


def _source_class(tok) -> str:
    """none, pronoun, relative, person, group, document or other: the source's kind, coarsely."""
    if tok is None:
        return "none"
    low = tok.lower_
    if low in ("who", "which", "that"):
        return "relative"
    if tok.pos_ == "PRON":
        return "pronoun"
    if tok.ent_type_ == "PERSON":
        return "person"
    lemma = tok.lemma_.lower()
    if lemma in spk.DOCUMENT_WORDS:
        return "document"
    if tok.ent_type_ in ("ORG", "GPE", "NORP") or lemma in spk.GOVERNMENT_WORDS | spk.MEDIA_WORDS:
        return "group"
    if lemma in spk.TITLE_WORDS or lemma in spk.ROLE_NOUNS or lemma in spk.ANONYMOUS_HEADS:
        return "person"
    return "other"


#: first words of a content worth a feature of their own
_FIRST_WORDS = frozenset("""that whether if to the a an he she they it i we you his her their its
this there what how why who when""".split())


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class Model:
    """Feature weights and bias of both passes, threshold and cue lexicon of a trained scorer."""

    def __init__(self, data: dict):
        self.weights: dict[str, float] = data.get("weights", {})
        self.bias: float = float(data.get("bias", 0.0))
        self.context_weights: dict[str, float] | None = data.get("context_weights")
        self.context_bias: float = float(data.get("context_bias", 0.0))
        self.rank_weights: dict[str, float] = data.get("rank_weights") or {}
        self.threshold: float = float(data.get("threshold", 0.5))
        self.lexicon = frozenset(data.get("lexicon", ()))
        self.meta = {k: v for k, v in data.items() if k not in ("weights", "lexicon", "context_weights", "rank_weights")}

    def score(self, feats: list[str]) -> float:
        """The first pass: a draft on its own."""
        return _sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in feats))

    def score_and_rank(self, ctx: Context, drafts: list[Draft]) -> tuple[list[float], list[float | None]]:
        """Each draft's probability, from both passes (the second adds the first's view of the draft's
        neighbours, :func:`context_features`), and its ranker score, which picks among the drafts of
        one cue (None for every draft when the model has no ranker). Features are computed once."""
        feats = [features(ctx, d) for d in drafts]
        ranks = [self.rank(f) for f in feats] if self.rank_weights else [None] * len(drafts)
        return self._both_passes(drafts, feats), ranks

    def rank(self, feats: list[str]) -> float:
        """The ranker: how much better than its siblings a draft's reading of its cue is (a linear
        score learnt from pairs of one cue's right and wrong drafts)."""
        w = self.rank_weights
        return sum(w.get(f, 0.0) for f in feats)

    def _both_passes(self, drafts: list[Draft], feats: list[list[str]]) -> list[float]:
        first = [self.score(f) for f in feats]
        if not self.context_weights:
            return first
        w = self.context_weights
        return [_sigmoid(self.context_bias + sum(w.get(x, 0.0) for x in f) + sum(w.get(x, 0.0) for x in c))
                for f, c in zip(feats, context_features(drafts, first))]


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model (an empty one, which keeps every draft, when the file is missing)."""
    if not MODEL_FILE.exists():
        return Model({"threshold": 0.0})
    return Model(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def _level(score: float) -> str:
    return "0" if score <= 0 else "low" if score < 0.3 else "mid" if score < 0.6 else "high"


def context_features(drafts: list[Draft], scores: list[float]) -> list[list[str]]:
    """Second-pass features of each draft from the first-pass scores of the drafts around it: how it
    ranks among the drafts of its cue, and how likely the drafts are whose content holds its cue,
    whose cue its content holds, or whose content overlaps its own (PARC keeps one of them)."""
    from ..text import SpanIndex
    from .spans import overlap

    index = SpanIndex()
    for n, d in enumerate(drafts):
        index.add(n, d.contents)
    best: dict[int, float] = {}
    for d, s in zip(drafts, scores):
        if d.cue_tok is not None:
            best[d.cue_tok.i] = max(best.get(d.cue_tok.i, 0.0), s)
    out = []
    for n, (d, s) in enumerate(zip(drafts, scores)):
        feats = [f"first-pass={min(9, int(s * 10))}"]
        if d.cue_tok is not None:
            top = best[d.cue_tok.i]
            feats.append("best-of-cue" if s >= top else ("near-best" if top - s < 0.15 else "not-best"))
        holds_me = mine_in = clash = 0.0
        length = sum(e - b for b, e in d.contents)
        for m in index.query(d.start, d.end):
            if m == n:
                continue
            other, o = drafts[m], scores[m]
            if d.cue_tok is not None and other.cue_tok is not None and other.cue_tok.i == d.cue_tok.i:
                continue
            if d.cue is not None and any(b <= d.cue[0] and d.cue[1] <= e for b, e in other.contents):
                holds_me = max(holds_me, o)
            if other.cue is not None and any(b <= other.cue[0] and other.cue[1] <= e for b, e in d.contents):
                mine_in = max(mine_in, o)
            shared = sum(overlap(a, b) for a in d.contents for b in other.contents)
            if shared and 2 * shared >= min(length, sum(e - b for b, e in other.contents)):
                clash = max(clash, o)
        if d.cue is not None:  # drafts whose content holds the cue but not this draft's content
            for m in index.query(d.cue[0], d.cue[1]):
                other = drafts[m]
                if m != n and any(b <= d.cue[0] and d.cue[1] <= e for b, e in other.contents) and \
                        not (other.cue_tok is not None and d.cue_tok is not None and other.cue_tok.i == d.cue_tok.i):
                    holds_me = max(holds_me, scores[m])
        feats += [f"held-by={_level(holds_me)}", f"holds={_level(mine_in)}", f"clash={_level(clash)}",
                  f"held-by|how={_level(holds_me)}|{d.how}", f"clash|level={_level(clash)}|{_level(s)}"]
        out.append(feats)
    return out
