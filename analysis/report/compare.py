"""Two articles side by side, with what they share marked in the text.

For the article pairs that share the most (:func:`top_pairs`),
:func:`side_by_side` writes the two texts in two columns, paragraphs kept,
and marks in them:

- **shared passages** (the reuse layer's ``passages`` table: the same prose,
  with character offsets in both texts): shaded, a thick solid underline, and
  a ``P1`` tag at the start, the same number in both columns;
- **shared quotes** (the ``shared_quotes`` table: the words each article
  shares, at that article's offsets): a blue underline and a ``Q1`` tag naming
  the speaker *this* article gives; when the two articles credit the words to
  different people the tag says so (``⚠ speakers differ``) in red;
- **shared sources** (a speaker both articles quote, or an agency both
  credit): each mention that names it (the attributions' ``source`` spans, the
  agency name in a credit line) gets a dotted green underline;
- **figures that disagree** (the numbers layer's groups: one quantity of one
  event, e.g. soldiers killed, that the two articles state differently): a box
  and an ``F1`` tag; a double box and ``≠`` when the two statements cannot both
  be true (62 and 80; "dozens" and 62 differ without conflict). The title says
  what the other article gives.

Every mark has a ``title`` (hover text) saying what it is; marks are told apart
by underline style, box and tag text, not by colour alone, and print. The HTML
is plain: one ``<style>`` block scoped to ``.cmp-view``, no script, no URL,
so it reads the same in JupyterLab and in a report exported with code hidden.

Offsets index the text exactly: the text is cut at every paragraph and mark
boundary and each piece is wrapped once, in a ``<mark>`` carrying the classes,
ids (``data-marks``) and titles of every mark covering it, so overlapping marks
(a shared quote inside a shared passage) never produce crossed tags. Where the
style block is stripped (JupyterLab's sanitizer on an untrusted notebook) the
columns stack and every mark keeps the browser's default highlight, its tag
and its title.

How pairs are ranked (:func:`top_pairs`)::

    score = 10 x containment + 2 x passages + 2 x quotes + sources + figures

``containment``: the larger of the pair's two prose containments (the reuse
layer's share of one article's word 5-grams found in the other, 0 to 1, so a
copied article scores up to 10); ``passages``: aligned passages that are not
boilerplate; ``quotes``: shared-quote clusters with words in both; ``sources``:
speakers both quote plus agencies both credit (one count per name);
``figures``: quantities both report (numbers-layer groups with a figure in
each, agreeing or not). Only pairs with something to mark (a passage, quote,
source or figure) are listed. Ties: more passage words, then more quotes, then
corpus order of the first and second article.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from itertools import combinations

__all__ = ["SCORE_WEIGHTS", "TOP_PAIR_COLUMNS", "PairShare", "pair_shares", "top_pairs", "side_by_side",
           "show_top_pairs", "STYLE", "LEGEND"]

#: weight of each layer in the pair score (see the module docstring)
SCORE_WEIGHTS = {"containment": 10.0, "passages": 2.0, "quotes": 2.0, "sources": 1.0,
                 "figures": 1.0}
#: the columns of :func:`top_pairs`
TOP_PAIR_COLUMNS = ("a", "b", "score", "containment", "passages", "words", "quotes",
                    "quote_conflicts", "sources", "figures", "figures_differ")
#: speaker types never counted as a shared source (as :func:`analysis.overlap.sources.speaker_counts`)
SKIP_SPEAKER_TYPES = ("unknown",)
#: credit kinds naming an agency an article draws on (as the sources layer)
AGENCY_KINDS = ("dateline", "agency", "contributor")


# ------------------------------------------------------------------------------------------
# what two articles share, from the run's tables

def _key(name) -> str:
    return _name(name).casefold()


def _name(name) -> str:
    return " ".join(name.split()) if isinstance(name, str) else ""


def _table(run, name: str):
    import pandas as pd

    frame = (getattr(run, "tables", None) or {}).get(name)
    return frame if frame is not None else pd.DataFrame()


def _records(frame) -> list[dict]:
    return [] if frame is None or frame.empty else frame.to_dict("records")


def _span(value) -> tuple[int, int] | None:
    """``(start, end)`` of a ``{start, end, text}`` span cell, or None."""
    if not isinstance(value, dict):
        return None
    try:
        start, end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        return None
    return (start, end) if end > start else None


@dataclass
class PairShare:
    """Everything one pair of articles shares, as the view marks it."""

    a: str
    b: str
    containment: float = 0.0
    passages: list = field(default_factory=list)     # passage records, oriented a -> b
    quotes: list = field(default_factory=list)       # (cluster, [rows in a], [rows in b])
    sources: dict = field(default_factory=dict)      # key -> display name
    figures: list = field(default_factory=list)      # (group, [figure rows in a], [rows in b])

    @property
    def prose_passages(self) -> list:
        return [p for p in self.passages if not p["boilerplate"]]

    @property
    def passage_tokens(self) -> int:
        return sum(int(p["tokens"]) for p in self.prose_passages)

    @property
    def differing(self) -> list:
        """The figure groups the two articles state differently."""
        return [g for g in self.figures if _statements(g[1]) != _statements(g[2])]

    @property
    def quote_conflicts(self) -> int:
        return sum(1 for q in self.quotes if _quote_conflict(q))

    @property
    def score(self) -> float:
        w = SCORE_WEIGHTS
        return round(w["containment"] * self.containment + w["passages"] * len(self.prose_passages)
                     + w["quotes"] * len(self.quotes) + w["sources"] * len(self.sources)
                     + w["figures"] * len(self.figures), 6)

    @property
    def markable(self) -> bool:
        return bool(self.passages or self.quotes or self.sources or self.figures)


def _statements(rows) -> set:
    return {(str(r["qualifier"]), float(r["value"])) for r in rows}


def _quote_conflict(quote) -> bool:
    _, in_a, in_b = quote
    names = {_key(r["speaker"]) for r in in_a + in_b} - {""}
    return len(names) > 1


def _rows(run, name: str, docs: set | None = None, columns=("doc",)) -> list[dict]:
    """The records of table ``name`` (only those whose ``columns`` are all in ``docs``)."""
    frame = _table(run, name)
    if docs is not None and not frame.empty:
        if not all(c in frame for c in columns):
            return []
        keep = frame[list(columns)].isin(list(docs)).all(axis=1)
        frame = frame[keep]
    return _records(frame)


def _speaker_rows(rows: list[dict]) -> list[dict]:
    """Attribution rows naming a speaker counted as a source (as the sources layer)."""
    return [r for r in rows if _name(r.get("speaker"))
            and _name(r.get("speaker_type")).casefold() not in SKIP_SPEAKER_TYPES]


def _source_names(attributions: list[dict], credits: list[dict], docs: list[str]
                  ) -> dict[str, dict[str, str]]:
    """Per article: key -> display name of every named speaker and credited agency."""
    out: dict[str, dict[str, str]] = {d: {} for d in docs}
    for row in _speaker_rows(attributions):
        if row.get("doc") in out:
            out[row["doc"]].setdefault(_key(row["speaker"]), _name(row["speaker"]))
    for row in credits:
        name = _name(row.get("name"))
        if row.get("doc") in out and name and row.get("kind") in AGENCY_KINDS:
            out[row["doc"]].setdefault(_key(name), name)
    return out


def _figure_groups(run) -> list[tuple[dict, str]]:
    """Every figure row with its numbers-layer group ("" when it is not compared)."""
    from dataclasses import fields

    from ..overlap.numbers import Figure, figure_groups

    rows = _records(_table(run, "figures"))
    names = [f.name for f in fields(Figure)]
    if not rows or not all(n in rows[0] for n in names):
        return []
    groups = figure_groups([Figure(**{k: r[k] for k in names}) for r in rows])
    return [(r, g) for r, g in zip(rows, groups)]


def pair_shares(run, docs=None) -> dict[tuple[str, str], PairShare]:
    """Every article pair sharing anything, keyed ``(a, b)`` in corpus order; with
    ``docs`` (ids), only the pairs among those articles."""
    ids = [d.id for d in run.corpus]
    if docs is not None:
        docs = set(docs)
        ids = [d for d in ids if d in docs]
    order = {d: i for i, d in enumerate(ids)}
    shares: dict[tuple[str, str], PairShare] = {}

    def share(x: str, y: str) -> PairShare | None:
        if x == y or x not in order or y not in order:
            return None
        key = (x, y) if order[x] < order[y] else (y, x)
        if key not in shares:
            shares[key] = PairShare(*key)
        return shares[key]

    for row in _rows(run, "pairs", docs, ("a", "b")):
        pair = share(row["a"], row["b"])
        if pair is not None:
            values = [row.get(c) for c in ("containment_a_in_b_prose", "containment_b_in_a_prose")]
            if not all(_number(v) for v in values):
                values = [row.get("containment_a_in_b"), row.get("containment_b_in_a")]
            pair.containment = max([float(v) for v in values if _number(v)] or [0.0])
    for row in _rows(run, "passages", docs, ("a", "b")):
        pair = share(row["a"], row["b"])
        if pair is None:
            continue
        if row["a"] != pair.a:  # orient the passage as the pair is: a's offsets first
            row = {**row, "a": row["b"], "b": row["a"], "a_start": row["b_start"],
                   "a_end": row["b_end"], "b_start": row["a_start"], "b_end": row["a_end"],
                   "text_a": row["text_b"], "text_b": row["text_a"]}
        row["boilerplate"] = bool(row.get("boilerplate"))
        pair.passages.append(row)

    clusters: dict = {}
    for row in _rows(run, "shared_quotes", docs):
        clusters.setdefault(row["cluster"], []).append(row)
    for number, rows in clusters.items():
        members = sorted({r["doc"] for r in rows if r["doc"] in order}, key=order.get)
        for x, y in combinations(members, 2):
            pair = share(x, y)
            pair.quotes.append((number, [r for r in rows if r["doc"] == x],
                                [r for r in rows if r["doc"] == y]))

    names = _source_names(_rows(run, "attributions", docs), _rows(run, "credits", docs), ids)
    holders: dict[str, list[str]] = {}
    for doc in ids:
        for key in names[doc]:
            holders.setdefault(key, []).append(doc)
    for key, holding in holders.items():
        for x, y in combinations(holding, 2):
            share(x, y).sources[key] = names[x][key]

    by_group: dict[str, list[dict]] = {}
    for row, group in _figure_groups(run):
        if group and row["doc"] in order:
            by_group.setdefault(group, []).append(row)
    for group, rows in by_group.items():
        members = sorted({r["doc"] for r in rows}, key=order.get)
        for x, y in combinations(members, 2):
            share(x, y).figures.append((group, [r for r in rows if r["doc"] == x],
                                        [r for r in rows if r["doc"] == y]))
    for pair in shares.values():
        pair.passages.sort(key=lambda p: (int(p["a_start"]), int(p["a_end"])))
        pair.quotes.sort(key=lambda q: (min(int(r["start"]) for r in q[1]), str(q[0])))
        pair.figures.sort(key=lambda g: (min(int(r["start"]) for r in g[1]), g[0]))
    return dict(sorted(shares.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]])))


def _number(value) -> bool:
    """A value that is a number and not NaN."""
    try:
        return value is not None and float(value) == float(value)
    except (TypeError, ValueError):
        return False


def _ranked(run) -> list[PairShare]:
    # pair_shares keeps corpus order, and sorted() is stable: ties end in that order
    pairs = [p for p in pair_shares(run).values() if p.markable]
    return sorted(pairs, key=lambda p: (-p.score, -p.passage_tokens, -len(p.quotes)))


def top_pairs(run, n: int = 3):
    """The ``n`` article pairs that share the most, best first (score in the module docstring).

    One row per pair: ``a``, ``b`` (ids, in corpus order), ``score`` and what it
    is made of: ``containment`` (the larger prose containment), ``passages``
    (aligned passages, boilerplate left out) and their ``words``, ``quotes``
    (shared-quote clusters) and ``quote_conflicts`` (of those, credited to
    different speakers), ``sources`` (the speakers and agencies both name,
    ``" | "``-joined), ``figures`` (quantities both report) and
    ``figures_differ`` (of those, stated differently). Pairs with nothing to
    mark are left out, so there may be fewer than ``n`` rows.
    """
    import pandas as pd

    rows = [{
        "a": p.a, "b": p.b, "score": p.score, "containment": round(p.containment, 4),
        "passages": len(p.prose_passages), "words": p.passage_tokens,
        "quotes": len(p.quotes), "quote_conflicts": p.quote_conflicts,
        "sources": " | ".join(sorted(p.sources.values(), key=str.casefold)),
        "figures": len(p.figures), "figures_differ": len(p.differing),
    } for p in _ranked(run)[:max(0, int(n))]]
    return pd.DataFrame(rows, columns=TOP_PAIR_COLUMNS)


# ------------------------------------------------------------------------------------------
# marks and the HTML

@dataclass
class Mark:
    """One marked span of one article's text."""

    start: int
    end: int
    kind: str          # "p" passage, "q" quote, "s" source, "f" figure
    id: str            # unique within the column: "p1", "q2", "s3", "f1", "q1.2"
    title: str
    tag: str = ""      # text of the small tag before the mark ("" none)
    alert: bool = False  # quote speakers differ / figures cannot both be true


#: order marks are listed in (titles, classes, tags at one position)
_KIND_ORDER = {"p": 0, "q": 1, "s": 2, "f": 3}
_KIND_CLASS = {"p": "cmp-p", "q": "cmp-q", "s": "cmp-s", "f": "cmp-f"}


def _labels(run) -> dict[str, str]:
    try:
        return dict(run.labels)
    except (AttributeError, KeyError):
        return {}


def _short(name: str, limit: int = 32) -> str:
    """A name cut to ``limit`` characters for a tag (the title keeps it whole)."""
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _figure_statement(row) -> str:
    return f"“{_name(row['text'])}”"


def _marks(pair: PairShare, labels: dict[str, str], texts: dict[str, str], attributions: dict,
           credits: dict) -> dict[str, list[Mark]]:
    """The marks of each article of ``pair``: ``{doc: [Mark]}``; ``attributions`` and
    ``credits``: each article's rows of those tables."""
    from ..overlap.numbers import value_range

    def rng(row):
        return value_range(_RangeView(row))

    marks: dict[str, list[Mark]] = {pair.a: [], pair.b: []}
    other = {pair.a: pair.b, pair.b: pair.a}

    def add(doc: str, start, end, *args, **kwargs) -> None:
        n = len(texts[doc])
        start, end = max(0, int(start)), min(n, int(end))
        if end > start:
            marks[doc].append(Mark(start, end, *args, **kwargs))

    for i, p in enumerate(pair.passages, 1):
        what = "recurring boilerplate" if p["boilerplate"] else "the same prose"
        words = f"{int(p['tokens'])} words" if p.get("tokens") is not None else ""
        for doc, start, end in ((pair.a, p["a_start"], p["a_end"]), (pair.b, p["b_start"], p["b_end"])):
            title = (f"Shared passage P{i}: {what} is in {labels[other[doc]]}"
                     + (f" ({words})" if words else ""))
            add(doc, start, end, "p", f"p{i}", title, f"P{i}")

    for i, (_, in_a, in_b) in enumerate(pair.quotes, 1):
        conflict = _quote_conflict((None, in_a, in_b))
        members = {pair.a: in_a, pair.b: in_b}
        for doc, rows in members.items():
            theirs = ", ".join(dict.fromkeys(_name(r["speaker"]) or "no named speaker"
                                             for r in members[other[doc]]))
            for k, row in enumerate(sorted(rows, key=lambda r: int(r["start"]))):
                speaker = _name(row["speaker"]) or "no named speaker"
                title = (f"Shared quote Q{i}: credited here to {speaker}; "
                         f"{labels[other[doc]]} credits it to {theirs}"
                         + (" (the speakers differ)" if conflict else ""))
                tag = f"Q{i} · {_short(speaker)}" + (" ⚠ speakers differ" if conflict else "")
                add(doc, row["start"], row["end"], "q", f"q{i}" + (f".{k + 1}" if k else ""),
                    title, tag, conflict)

    if pair.sources:
        for doc in (pair.a, pair.b):
            spans = []
            for row in _speaker_rows(attributions.get(doc, [])):
                key = _key(row["speaker"])
                span = _span(row.get("source"))
                if key in pair.sources and span:
                    spans.append((span, pair.sources[key], "quoted"))
            for row in credits.get(doc, ()):
                key = _key(row.get("name"))
                if key in pair.sources and row.get("kind") in AGENCY_KINDS:
                    start, end = int(row["start"]), int(row["end"])
                    found = texts[doc][start:end].casefold().find(_name(row["name"]).casefold())
                    if found >= 0:  # the agency's name inside its credit line
                        start, end = start + found, start + found + len(_name(row["name"]))
                    spans.append(((start, end), pair.sources[key], "credited"))
            for k, ((start, end), name, how) in enumerate(sorted(set(spans)), 1):
                add(doc, start, end, "s", f"s{k}",
                    f"Shared source: {name}, {how} here and also named in {labels[other[doc]]}")

    for i, (group, in_a, in_b) in enumerate(pair.differing, 1):
        members = {pair.a: in_a, pair.b: in_b}
        quantity = group.split(" | ")[0]
        for doc, rows in members.items():
            theirs = members[other[doc]]
            for k, row in enumerate(sorted(rows, key=lambda r: int(r["start"]))):
                low, high = rng(row)
                conflict = any(h < low or high < lo for lo, h in map(rng, theirs))
                source = _name(row.get("source"))
                title = (f"Figure F{i} ({quantity}): {_figure_statement(row)} here"
                         + (f", from {source}" if source else "") + f"; {labels[other[doc]]} gives "
                         + ", ".join(dict.fromkeys(
                             _figure_statement(r) + (f" (from {_name(r.get('source'))})"
                                                     if _name(r.get("source")) else "")
                             for r in sorted(theirs, key=lambda r: int(r["start"]))))
                         + (": the two cannot both be true" if conflict else
                            ": stated differently, not necessarily in conflict"))
                tag = f"F{i}" + (" ≠" if conflict else "")
                add(doc, row["start"], row["end"], "f", f"f{i}" + (f".{k + 1}" if k else ""),
                    title, tag, conflict)
    return marks


class _RangeView:
    """A figure row with the attributes :func:`~analysis.overlap.numbers.value_range` reads."""

    def __init__(self, row: dict):
        self.value, self.qualifier = float(row["value"]), str(row["qualifier"])
        self.vague, self.text = bool(row["vague"]), str(row["text"])


def _attr(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "&#10;")


def _tag_html(mark: Mark) -> str:
    classes = f"cmp-tag cmp-tag-{mark.kind}" + (" cmp-alert" if mark.alert else "")
    return f'<sup class="{classes}" title="{_attr(mark.title)}">{html.escape(mark.tag)}</sup>'


def render_text(text: str, marks: list[Mark]) -> str:
    """``text`` as ``<p>`` paragraphs with every mark wrapped (see the module docstring)."""
    from ..text import paragraph_spans

    marks = sorted(marks, key=lambda m: (m.start, _KIND_ORDER[m.kind], -m.end, m.id))
    out, tagged = [], set()
    for para in paragraph_spans(text):
        cuts = {para.start, para.end}
        for m in marks:
            for x in (m.start, m.end):
                if para.start < x < para.end:
                    cuts.add(x)
        cuts = sorted(cuts)
        pieces = []
        for x, y in zip(cuts, cuts[1:]):
            covering = [m for m in marks if m.start <= x and y <= m.end]
            piece = html.escape(text[x:y], quote=False)
            if not covering:
                pieces.append(piece)
                continue
            for m in covering:
                if m.id not in tagged:
                    tagged.add(m.id)
                    if m.tag:
                        pieces.append(_tag_html(m))
            kinds = sorted({m.kind for m in covering}, key=_KIND_ORDER.get)
            classes = ["cmp-m"] + [_KIND_CLASS[k] for k in kinds]
            classes += [f"{_KIND_CLASS[k]}-alert" for k in kinds
                        if any(m.alert for m in covering if m.kind == k)]
            title = "\n".join(dict.fromkeys(m.title for m in covering))
            ids = " ".join(m.id for m in covering)
            pieces.append(f'<mark class="{" ".join(classes)}" data-marks="{ids}" '
                          f'title="{_attr(title)}">{piece}</mark>')
        out.append("<p>" + "".join(pieces) + "</p>")
    return "\n".join(out)


STYLE = """<style>
div.cmp-view { color: #111; background: #fff; max-width: 100%; box-sizing: border-box;
  font-size: 14px; line-height: 1.55; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
div.cmp-view * { box-sizing: border-box; }
div.cmp-view .cmp-pair { margin: 0 0 2em 0; border-top: 2px solid #444; padding-top: 0.4em; }
div.cmp-view h3.cmp-title { font-size: 1.2em; font-weight: 700; margin: 0.3em 0; }
div.cmp-view p.cmp-summary { margin: 0.2em 0 0.8em 0; color: #333; }
div.cmp-view .cmp-cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 0 28px; width: 100%; }
div.cmp-view .cmp-col { min-width: 0; overflow-wrap: anywhere; word-break: normal; }
div.cmp-view .cmp-col + .cmp-col { border-left: 1px solid #bbb; padding-left: 28px; }
div.cmp-view h4.cmp-label { font-size: 1.08em; font-weight: 700; margin: 0 0 0.2em 0; padding: 0; }
div.cmp-view p.cmp-meta { font-style: italic; color: #444; margin: 0 0 0.6em 0; font-size: 0.92em; }
div.cmp-view .cmp-text p { margin: 0 0 0.75em 0; white-space: pre-line; text-align: left; }
div.cmp-view mark.cmp-m { background: transparent; color: inherit; padding: 0; }
div.cmp-view mark.cmp-p { background: #fff0a6; border-bottom: 3px solid #a07800; }
div.cmp-view .cmp-q { text-decoration: underline 2px solid #1f4fbf; text-underline-offset: 2px;
  text-decoration-skip-ink: none; }
div.cmp-view .cmp-q-alert { text-decoration-color: #c0001a; text-decoration-style: double; }
div.cmp-view .cmp-s { border-bottom: 2px dotted #157a32; }
div.cmp-view .cmp-p.cmp-s { border-bottom: 3px dotted #157a32; }
div.cmp-view .cmp-f { outline: 1.5px solid #b34700; outline-offset: 1px; border-radius: 2px; }
div.cmp-view .cmp-f-alert { outline: 3px double #c0001a; }
div.cmp-view sup.cmp-tag { font-size: 0.72em; line-height: 0; vertical-align: super;
  font-weight: 600; margin: 0 0.2em 0 0.1em; padding: 0 0.25em; border-radius: 3px;
  border: 1px solid currentColor; white-space: nowrap; background: #fff; }
div.cmp-view .cmp-tag-p { color: #7a5a00; }
div.cmp-view .cmp-tag-q { color: #1f4fbf; }
div.cmp-view .cmp-tag-f { color: #9c3d00; }
div.cmp-view .cmp-tag.cmp-alert { color: #c0001a; }
div.cmp-view ul.cmp-legend { list-style: none; margin: 0.3em 0 1em 0; padding: 0.4em 0.8em;
  border: 1px solid #bbb; }
div.cmp-view ul.cmp-legend li { margin: 0.15em 0; padding: 0; }
div.cmp-view p.cmp-note { margin: 0.3em 0; }
@media print { div.cmp-view .cmp-pair { break-before: auto; } div.cmp-view .cmp-cols { gap: 0 16px; } }
</style>"""

LEGEND = (
    '<ul class="cmp-legend" aria-label="What the marks mean">'
    '<li><sup class="cmp-tag cmp-tag-p">P1</sup><mark class="cmp-m cmp-p">shaded, thick underline</mark>:'
    " the same passage in both articles</li>"
    '<li><sup class="cmp-tag cmp-tag-q">Q1 · speaker</sup><mark class="cmp-m cmp-q">underlined</mark>:'
    " a quote both carry, with the speaker this article gives;"
    ' <sup class="cmp-tag cmp-tag-q cmp-alert">⚠ speakers differ</sup>'
    '<mark class="cmp-m cmp-q cmp-q-alert">double red underline</mark> when they credit different'
    " people</li>"
    '<li><mark class="cmp-m cmp-s">dotted underline</mark>: a source both name (a speaker both quote,'
    " an agency both credit)</li>"
    '<li><sup class="cmp-tag cmp-tag-f">F1</sup><mark class="cmp-m cmp-f">boxed</mark>: a figure the'
    ' other article states differently; <sup class="cmp-tag cmp-tag-f cmp-alert">F1 ≠</sup>'
    '<mark class="cmp-m cmp-f cmp-f-alert">double box</mark> when both cannot be true</li>'
    "<li>Hover over a mark for what it is and what the other article says.</li></ul>")


def _message(text: str, style: bool = True) -> str:
    return (f'<div class="cmp-view">{STYLE if style else ""}'
            f'<p class="cmp-note">{html.escape(text)}</p></div>')


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _summary(pair: PairShare) -> str:
    parts = []
    if pair.prose_passages:
        parts.append(_plural(len(pair.prose_passages), "shared passage")
                     + f" ({_plural(pair.passage_tokens, 'word')})")
    boiler = len(pair.passages) - len(pair.prose_passages)
    if boiler:
        parts.append(_plural(boiler, "boilerplate passage"))
    if pair.quotes:
        conflicts = pair.quote_conflicts
        parts.append(_plural(len(pair.quotes), "shared quote")
                     + (f", {conflicts} credited to different speakers" if conflicts else ""))
    if pair.sources:
        names = sorted(pair.sources.values(), key=str.casefold)
        parts.append(_plural(len(names), "shared source") + ": " + ", ".join(names))
    differing = pair.differing
    if differing:
        quantities = ", ".join(dict.fromkeys(g.split(" | ")[0] for g, _, _ in differing))
        parts.append(_plural(len(differing), "figure") + f" stated differently ({quantities})")
    elif pair.figures:
        parts.append(_plural(len(pair.figures), "figure") + " both report, stated alike")
    return "; ".join(parts) + "."


def _column(doc, label: str, marks: list[Mark]) -> str:
    meta = [str(doc.metadata.get(k, "")).strip() for k in ("headline", "date")]
    if meta[0] and " ".join(doc.text[:len(meta[0]) + 200].split()).startswith(" ".join(meta[0].split())):
        meta[0] = ""  # the text opens with its headline: not said twice
    meta_html = (f'<p class="cmp-meta">{html.escape(" · ".join(m for m in meta if m))}</p>'
                 if any(meta) else "")
    return (f'<div class="cmp-col" data-doc="{_attr(doc.id)}">'
            f'<h4 class="cmp-label">{html.escape(label)}</h4>{meta_html}'
            f'<div class="cmp-text">{render_text(doc.text, marks)}</div></div>')


def side_by_side(run, a: str, b: str, *, style: bool = True, legend: bool = True) -> str:
    """The HTML of articles ``a`` and ``b`` in two columns with what they share marked.

    ``style``/``legend``: include the ``<style>`` block and the legend (leave them
    out when several pairs go in one output that has them once). Raises
    ``KeyError`` for an id not in the corpus.
    """
    docs = {d.id: d for d in run.corpus}
    for doc in (a, b):
        if doc not in docs:
            raise KeyError(f"{doc!r} is not an article of this corpus")
    labels = _labels(run)
    labels = {d: labels.get(d) or d for d in docs}
    if a == b:
        return _message(f"{labels[a]} is one article: choose two to compare.", style)
    order = {d: i for i, d in enumerate(docs)}
    x, y = (a, b) if order[a] < order[b] else (b, a)
    pair = pair_shares(run, (a, b)).get((x, y)) or PairShare(x, y)
    texts = {d: docs[d].text for d in (a, b)}
    rows = {}
    for name in ("attributions", "credits"):
        rows[name] = {}
        for row in _rows(run, name, {a, b}):
            rows[name].setdefault(row["doc"], []).append(row)
    marks = _marks(pair, labels, texts, rows["attributions"], rows["credits"])
    summary = (_summary(pair) if pair.markable else
               "These two articles share no passage, quote, source or figure.")
    body = (f'<div class="cmp-pair"><h3 class="cmp-title">{html.escape(labels[a])} and '
            f'{html.escape(labels[b])}</h3><p class="cmp-summary">{html.escape(summary)}</p>'
            f'<div class="cmp-cols">{_column(docs[a], labels[a], marks[a])}'
            f'{_column(docs[b], labels[b], marks[b])}</div></div>')
    return (f'<div class="cmp-view">{STYLE if style else ""}{LEGEND if legend else ""}'
            f"{body}</div>")


def top_pairs_html(run, n: int = 3) -> str:
    """The HTML of :func:`show_top_pairs`: one style block and legend, then each pair."""
    count = len(run.corpus)
    if count == 0:
        return _message("The corpus has no articles, so there is nothing to compare.")
    if count == 1:
        return _message("The corpus has one article, so there is no pair to compare.")
    ranked = top_pairs(run, n)
    if ranked.empty:
        return _message("No two articles share a passage, a quote, a source or a figure.")
    note = str(getattr(run, "event_layers_note", "") or "")
    parts = [f'<div class="cmp-view">{STYLE}']
    if note:
        parts.append(f'<p class="cmp-note">{html.escape(note)} Only shared passages and '
                     "sources are marked.</p>")
    parts.append(LEGEND)
    for row in ranked.itertuples(index=False):
        parts.append(side_by_side(run, row.a, row.b, style=False, legend=False))
    parts.append("</div>")
    return "".join(parts)


def show_top_pairs(run, n: int = 3):
    """The ``n`` pairs that share the most side by side, as an object Jupyter displays."""
    from IPython.display import HTML

    return HTML(top_pairs_html(run, n))
