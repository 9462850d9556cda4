"""PolNeAR (Political News Attribution Relations corpus) reader: ``data/train`` only.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in
1,008 articles on the 2016 US election from 7 publishers, after PARC
conventions: every attribution has a cue (one contiguous span), zero or one
source (possibly a conjunction, rarely split) and content that may be
discontinuous ("A," she said. "B."). Annotations are univocal: no nesting,
each token plays at most one role in at most one attribution.

This module reads a local checkout; nothing of the corpus is shipped (it has
no licence file). Pass the checkout root, its ``data`` folder or
``data/train`` itself, or set ``$POLNEAR``. Only the train compartment is
ever read: ``dev`` and ``test`` are the held-out measure (the corpus README
asks analysts not to look at them), and paths that point at them are refused.

Layout read: ``data/train/text/<name>.txt`` (title line, blank line, body),
``data/train/attributions/<name>_<annotator>.ann`` (brat standoff) and,
when present, ``data/metadata.tsv`` (or a ``metadata_train.tsv`` holding its
train rows); only rows whose ``compartment`` is ``train`` are kept. Without
metadata, publisher and date come from the file name
(``publisher_YYYY-MM-DD_slug``).

brat records read: ``T`` text-bound spans (``Source``, ``Cue``,
``Content``, the trigger ``Attribution`` / ``Attribution-no-source`` that
repeats the cue, and the annotators' flags ``Discuss`` / ``Discard``),
``E`` events that tie them together (roles ``Attribution``, ``Source``,
``Cue``, ``Content``, ``Content2`` ...) and ``#`` annotator notes. A span's
text may run over several lines of the file (a fragment that crosses a
paragraph break); fragments of a discontinuous span are ``;``-separated
offsets whose texts brat joins with one space. Every fragment is checked
against the article text (:class:`PolnearError` on a mismatch).

Our development split (:func:`split_of`): PolNeAR's train compartment is the
first 10 month-long sampling periods (8 Nov 2015 - 8 Sep 2016; each period
runs from the 8th of one month to the 8th of the next), 84 articles each by
the stratified design; the corpus's own dev and test are the 11th and 12th
periods. Our ``dev`` is the 10th period (8 Aug - 7 Sep 2016, 84 of 840
train articles, 10%): the period closest in time to the held-out dev, so it
mimics its topic drift (conventions, debates) while keeping the design's
balance over publishers and candidates. The other nine periods are ``fit``.
"""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

__all__ = [
    "PolnearError",
    "GoldAttribution",
    "PolnearDocument",
    "DEV_PERIOD",
    "SPLITS",
    "period_of",
    "split_of",
    "train_dir",
    "parse_ann",
    "load_polnear",
    "gold_records",
    "gold_kind",
    "quoted_share",
    "corpus_of",
]

ENV = "POLNEAR"
#: index of the month-long sampling period that is our development split (0 = 8 Nov - 7 Dec 2015)
DEV_PERIOD = 9
SPLITS = ("all", "fit", "dev")
_FIRST_PERIOD = (2015, 11)
_PERIOD_DAY = 8
_HELD_OUT = frozenset(("dev", "test"))
_RECORD = re.compile(r"^(?:[TERAMN]\d+|#\d*)\t")
_NAME = re.compile(r"^(?P<publisher>[a-z-]+)_(?P<date>\d{4}-\d\d-\d\d)_(?P<slug>.*)$")
#: roles of an ``E`` line that carry spans (``Content2`` and so on fold into ``Content``)
_ROLE = re.compile(r"^(?P<role>[A-Za-z-]+?)\d*$")
_ACCORDING = re.compile(r"\baccording\b", re.I)


class PolnearError(ValueError):
    """The checkout is missing, points at a held-out split, or an annotation does not fit its text."""


Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution; every span is a tuple of ``(start, end)`` fragments in text order.

    ``content`` keeps every piece of a discontinuous content (``Content`` and
    ``Content2`` ... of the event, each possibly split by ``;``);
    :attr:`content_bounds` merges them to their outer bounds. ``source`` is
    empty when the annotator marked the attribution ``Attribution-no-source``
    (agentless passives, "It is expected that ..."). ``notes`` are the
    annotator notes attached to any of its spans; ``labels`` the brat type of
    each role's span (a cue is occasionally a ``Discuss`` span).
    """

    id: str
    doc: str
    annotator: str
    trigger: str
    cue: Fragments
    content: Fragments
    source: Fragments = ()
    notes: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()

    @staticmethod
    def _bounds(frags: Fragments) -> tuple[int, int] | None:
        return (min(s for s, _ in frags), max(e for _, e in frags)) if frags else None

    @property
    def content_bounds(self) -> tuple[int, int]:
        return self._bounds(self.content)

    @property
    def cue_bounds(self) -> tuple[int, int]:
        return self._bounds(self.cue)

    @property
    def source_bounds(self) -> tuple[int, int] | None:
        return self._bounds(self.source)

    @property
    def has_source(self) -> bool:
        return bool(self.source)

    @property
    def discontinuous(self) -> bool:
        return len(self.content) > 1


@dataclass
class PolnearDocument:
    """One train article: exact text, metadata, the primary annotation and any others.

    ``attributions`` is the annotation of ``annotator`` (the first annotator
    listed in the metadata; a few articles were annotated by all six to measure
    agreement, the others by one). ``annotations`` holds every annotator's.
    ``flags`` are the standalone ``Discuss``/``Discard`` spans
    (label, fragments, note); ``incomplete`` counts events without cue or content.
    """

    id: str
    text: str
    metadata: dict
    annotator: str
    attributions: list[GoldAttribution]
    annotations: dict[str, list[GoldAttribution]] = field(default_factory=dict)
    flags: list[tuple[str, Fragments, str]] = field(default_factory=list)
    incomplete: int = 0

    @property
    def publisher(self) -> str:
        return self.metadata.get("publisher", "")

    @property
    def date(self) -> date | None:
        return self.metadata.get("date")

    @property
    def period(self) -> int | None:
        return self.metadata.get("period")

    @property
    def split(self) -> str:
        return split_of(self)


# --------------------------------------------------------------------------
# periods and splits


def period_of(day: date) -> int:
    """Index of the month-long sampling period of ``day`` (0 = 8 Nov - 7 Dec 2015, 9 = 8 Aug - 7 Sep 2016)."""
    months = (day.year - _FIRST_PERIOD[0]) * 12 + day.month - _FIRST_PERIOD[1]
    return months - (1 if day.day < _PERIOD_DAY else 0)


def split_of(doc: PolnearDocument) -> str:
    """``"dev"`` for the 10th sampling period (our development split), else ``"fit"``."""
    return "dev" if doc.period == DEV_PERIOD else "fit"


# --------------------------------------------------------------------------
# paths and metadata


def train_dir(path: str | Path | None = None) -> Path:
    """The ``data/train`` folder of a checkout (root, ``data`` or ``data/train``; default ``$POLNEAR``)."""
    if path is None:
        path = os.environ.get(ENV)
        if not path:
            raise PolnearError(f"no PolNeAR path given and ${ENV} is not set")
    path = Path(path).expanduser()
    if path.name in _HELD_OUT or path.parent.name in _HELD_OUT:
        raise PolnearError(f"{path}: the dev and test compartments are held out; only data/train is read")
    for candidate in (path / "data" / "train", path / "train", path):
        if (candidate / "text").is_dir() and (candidate / "attributions").is_dir():
            return candidate
    raise PolnearError(f"{path}: no PolNeAR data/train (with text/ and attributions/) found")


def _metadata(train: Path) -> dict[str, dict]:
    """Train rows of the metadata table, by file name (rows of other compartments are skipped unread)."""
    for candidate in (train.parent / "metadata.tsv", train.parent / "metadata_train.tsv",
                      train / "metadata.tsv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as f:
                return {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")
                        if row.get("compartment") == "train"}
    return {}


def _doc_metadata(name: str, row: dict | None) -> dict:
    match = _NAME.match(name)
    meta: dict = {"filename": name}
    if row:
        meta.update({k: v for k, v in row.items() if k not in ("filename",)})
        meta["annotators"] = [a for a in (row.get("annotators") or "").split("|") if a]
        for key in ("trump_count", "clinton_count"):
            if (row.get(key) or "").isdigit():
                meta[key] = int(row[key])
    if match:
        meta.setdefault("publisher", match["publisher"])
        meta.setdefault("publication_date", match["date"])
    raw = meta.get("publication_date") or ""
    try:
        meta["date"] = date.fromisoformat(raw)
        meta["period"] = period_of(meta["date"])
    except ValueError:
        meta["date"], meta["period"] = None, None
    meta.setdefault("title", "")
    return meta


# --------------------------------------------------------------------------
# brat standoff


def _records(ann: str) -> list[str]:
    """brat lines, with a span text that runs over several lines joined back by newlines."""
    out: list[str] = []
    for line in ann.split("\n"):
        if _RECORD.match(line):
            out.append(line)
        elif out and out[-1].startswith("T"):
            out[-1] += "\n" + line
    return out


def parse_ann(ann: str, text: str, doc: str = "", annotator: str = ""
              ) -> tuple[list[GoldAttribution], list[tuple[str, Fragments, str]], int]:
    """(attributions, standalone flags, number of incomplete events) of one ``.ann`` file.

    Raises :class:`PolnearError` when a span's offsets fall outside ``text``
    or do not slice it to the text the annotation records.
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    notes: dict[str, list[str]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    where = f"{doc}_{annotator}.ann" if doc else "annotation"
    for rec in _records(ann):
        kind = rec[0]
        if kind == "T":
            tid, middle, said = rec.split("\t", 2)
            label, _, offsets = middle.partition(" ")
            frags = tuple(tuple(map(int, f.split())) for f in offsets.split(";"))
            for s, e in frags:
                if not 0 <= s <= e <= len(text):
                    raise PolnearError(f"{where}: {tid} offsets {s}-{e} outside the text ({len(text)} chars)")
            got = " ".join(text[s:e] for s, e in frags)
            if got != said and got != said.rstrip("\n"):
                raise PolnearError(f"{where}: {tid} {offsets} slices {got[:60]!r}, annotated {said[:60]!r}")
            spans[tid] = (label, tuple(sorted(frags)))
        elif kind == "E":
            eid, _, args = rec.partition("\t")
            roles = [tuple(a.split(":", 1)) for a in args.split() if ":" in a]
            events.append((eid, roles))
        elif kind == "#":
            parts = rec.split("\t")
            if len(parts) >= 3:
                target = parts[1].split()[-1]
                notes.setdefault(target, []).append(parts[2].strip())
    attributions, used, incomplete = [], set(), 0
    for eid, roles in events:
        pieces: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        trigger, labels, ids = "", [], []
        for role, tid in roles:
            if tid not in spans:
                raise PolnearError(f"{where}: {eid} refers to missing span {tid}")
            used.add(tid)
            ids.append(tid)
            base = _ROLE.match(role)["role"] if _ROLE.match(role) else role
            if base.startswith("Attribution"):
                trigger = spans[tid][0]
                continue
            if base in pieces:
                pieces[base].extend(spans[tid][1])
                labels.append((base, spans[tid][0]))
        if not pieces["Cue"] or not pieces["Content"]:
            incomplete += 1
            continue
        attributions.append(GoldAttribution(
            id=eid, doc=doc, annotator=annotator, trigger=trigger,
            cue=tuple(sorted(pieces["Cue"])), content=tuple(sorted(set(pieces["Content"]))),
            source=tuple(sorted(set(pieces["Source"]))),
            notes=tuple(n for tid in ids for n in notes.get(tid, ())), labels=tuple(labels)))
    flags = [(label, frags, " ".join(notes.get(tid, ())))
             for tid, (label, frags) in spans.items()
             if tid not in used and label in ("Discuss", "Discard")]
    attributions.sort(key=lambda a: (a.content_bounds, a.cue_bounds))
    return attributions, flags, incomplete


# --------------------------------------------------------------------------
# loading


def _annotation_files(train: Path) -> dict[str, dict[str, Path]]:
    found: dict[str, dict[str, Path]] = {}
    for path in sorted((train / "attributions").glob("*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        found.setdefault(name, {})[annotator] = path
    return found


def iter_polnear(path: str | Path | None = None, split: str = "all",
                 limit: int | None = None) -> Iterator[PolnearDocument]:
    """Train articles in file-name order, restricted to ``split`` (``all``, ``fit`` or ``dev``)."""
    if split not in SPLITS:
        raise PolnearError(f"unknown split {split!r}; one of {', '.join(SPLITS)}")
    train = train_dir(path)
    meta = _metadata(train)
    files = _annotation_files(train)
    n = 0
    for text_path in sorted((train / "text").glob("*.txt")):
        if limit is not None and n >= limit:
            return
        name = text_path.stem
        metadata = _doc_metadata(name, meta.get(name))
        if split != "all" and ("dev" if metadata["period"] == DEV_PERIOD else "fit") != split:
            continue
        text = text_path.read_text(encoding="utf-8")
        anns = files.get(name, {})
        order = [a for a in metadata.get("annotators", []) if a in anns] + sorted(
            a for a in anns if a not in metadata.get("annotators", []))
        annotations, flags, incomplete = {}, {}, {}
        for annotator in order:
            atts, flg, inc = parse_ann(anns[annotator].read_text(encoding="utf-8"), text, name, annotator)
            annotations[annotator], flags[annotator], incomplete[annotator] = atts, flg, inc
        primary = order[0] if order else ""
        n += 1
        yield PolnearDocument(
            id=name, text=text, metadata=metadata, annotator=primary,
            attributions=annotations.get(primary, []), annotations=annotations,
            flags=flags.get(primary, []), incomplete=incomplete.get(primary, 0))


def load_polnear(path: str | Path | None = None, split: str = "all",
                 limit: int | None = None) -> list[PolnearDocument]:
    """Every train article of ``split`` (see :func:`iter_polnear`)."""
    return list(iter_polnear(path, split, limit))


# --------------------------------------------------------------------------
# records for the scorer


def quoted_share(text: str, frags: Iterable[tuple[int, int]], quotes=None) -> float:
    """Share of the letters of ``frags`` that lie inside double quotation marks (0 when no letters)."""
    if quotes is None:
        from analysis.quotes import quote_spans

        quotes = [q for q in quote_spans(text) if q.family == "double"]
    merged: list[list[int]] = []
    for q in sorted((q.start, q.end) for q in quotes):
        if merged and q[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], q[1])
        else:
            merged.append(list(q))

    def letters_in(s: int, e: int) -> int:
        return sum(ch.isalnum() for ch in text[s:e])

    letters = inside = 0
    for s, e in frags:
        letters += letters_in(s, e)
        for qs, qe in merged:
            if qs < e and qe > s:
                inside += letters_in(max(s, qs), min(e, qe))
    return inside / letters if letters else 0.0


def gold_kind(text: str, att: GoldAttribution, quotes=None, np_content: bool = False) -> str:
    """Our ``kind`` vocabulary for a gold attribution.

    ``according_to`` when the cue holds "according"; else by quotation marks:
    ``direct`` when (nearly) every letter of the content is quoted, ``mixed``
    when some are; an unquoted content is ``nominal`` when the caller found it
    to be a noun phrase ("denied *the allegations*", "support *for Sanders*";
    :func:`evaluation.polnear_analysis.content_shape`), else ``indirect``.
    """
    if any(_ACCORDING.search(text[s:e]) for s, e in att.cue):
        return "according_to"
    share = quoted_share(text, att.content, quotes)
    if share >= 0.98:
        return "direct"
    if share > 0:
        return "mixed"
    return "nominal" if np_content else "indirect"


def _span_dict(text: str, s: int, e: int) -> dict:
    return {"start": s, "end": e, "text": text[s:e]}


def gold_records(docs: Iterable[PolnearDocument], kinds: dict | None = None) -> list[dict]:
    """Gold attributions as records in the CLI schema (plus PolNeAR fields).

    ``content``/``cue``/``source`` are outer bounds; ``contents``/``cues``/
    ``sources`` every fragment. ``kind`` comes from ``kinds[(doc, id)]`` when
    given, else from :func:`gold_kind` without a parse (no ``nominal``).
    """
    from analysis.quotes import quote_spans

    out = []
    for doc in docs:
        text = doc.text
        quotes = [q for q in quote_spans(text) if q.family == "double"]
        for att in doc.attributions:
            cs, ce = att.content_bounds
            src = att.source_bounds
            kind = (kinds or {}).get((doc.id, att.id)) or gold_kind(text, att, quotes)
            out.append({
                "doc": doc.id, "id": att.id, "annotator": att.annotator, "kind": kind,
                "content": _span_dict(text, cs, ce),
                "contents": [_span_dict(text, s, e) for s, e in att.content],
                "cue": _span_dict(text, *att.cue_bounds),
                "cues": [_span_dict(text, s, e) for s, e in att.cue],
                "source": _span_dict(text, *src) if src else None,
                "sources": [_span_dict(text, s, e) for s, e in att.source],
                "has_source": att.has_source, "trigger": att.trigger,
                "speaker": text[src[0]:src[1]] if src else "",
                "notes": list(att.notes),
            })
    return out


def corpus_of(docs: Iterable[PolnearDocument]):
    """An :class:`analysis.corpus.Corpus` of the articles, text untouched (ids = file names)."""
    from analysis.corpus import Corpus, Document

    documents = [Document(d.id, d.text, source="polnear",
                          metadata={"outlet": d.publisher,
                                    "date": d.metadata.get("publication_date", ""),
                                    "headline": d.metadata.get("title", ""),
                                    "authors": d.metadata.get("author", "")})
                 for d in docs]
    return Corpus(sorted(documents, key=lambda d: d.id))
