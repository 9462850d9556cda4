"""The attribution gold sets, in one registry: what each is, where it lives, how it is built.

Each hand-annotated set is a builder module here (``seeds.py``, ``bbc1.py``,
...) whose annotations name spans by exact text, and the JSON Lines file it
writes beside itself (``seeds.jsonl``, ...); rebuild one with ``python -m
evaluation.gold.NAME`` after changing an annotation; what they annotate is
written once, for all of them, in ``docs/attribution_conventions.md`` (PARC
as PolNeAR applies it). LitBank's quotation
layer is registered too: an external gold set, read by
:mod:`evaluation.litbank`. The benchmarks score every set here and keep the
figures under its name in the ``attribution`` section of
``benchmarks/results/quality.json``.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..data import ROOT, require
from ..score import load_jsonl, write_jsonl

__all__ = ["GoldSet", "GOLD_SETS", "FOLDER", "SEEDS", "BBC_ENCODING", "RESULTS_SECTION", "load_bbc",
           "rebuild", "save_results"]

FOLDER = Path(__file__).resolve().parent
SEEDS = ROOT / "seeds"
#: the BBC corpus mixes UTF-8 and Windows-1252 files
BBC_ENCODING = "utf-8,cp1252"
#: the section of ``benchmarks/results/quality.json`` that holds one entry per gold set
RESULTS_SECTION = "attribution"


@dataclass(frozen=True)
class GoldSet:
    """One gold set: ``name`` (its key in results), a human ``label``, the corpus its documents come
    from (``seeds``, or a data set of :mod:`evaluation.data`), whether the rules were tuned on it."""

    name: str
    label: str
    corpus: str
    description: str
    tuned_on: bool
    #: hand-annotated here (a builder module and its jsonl), or external (LitBank)
    built: bool = True

    @property
    def path(self) -> Path | None:
        """The gold records (JSON Lines) the builder writes."""
        return FOLDER / f"{self.name}.jsonl" if self.built else None

    @property
    def builder(self) -> str | None:
        """The builder module's name."""
        return f"{__name__}.{self.name}" if self.built else None

    def module(self):
        return importlib.import_module(self.builder)

    def load(self) -> list[dict]:
        return load_jsonl(self.path)

    def build(self, corpus) -> list[dict]:
        """The builder's annotations as records with offsets into ``corpus``."""
        from .spec import build

        return build(corpus, self.module().GOLD)

    @staticmethod
    def is_speech(record: dict) -> bool:
        """Whether a gold record's cue is of class ``speech`` (``docs/attribution_conventions.md``);
        the other classes are ``thought`` and ``evidence``. External sets (LitBank) hold speech only."""
        return record.get("cue_class", "speech") == "speech"

    def documents_root(self) -> Path:
        """The folder of the corpus the documents come from (raises
        :class:`evaluation.data.DataMissing` when it is optional and absent)."""
        return SEEDS if self.corpus == "seeds" else require(self.corpus)

    @property
    def encoding(self) -> str:
        return BBC_ENCODING if self.corpus == "bbc" else "utf-8"

    def result(self, score: dict, n_docs: int, label: str | None = None, **extra) -> dict:
        """The results entry of this set: what it is, and the figures of a ``figures`` dict."""
        return {"order": list(GOLD_SETS).index(self.name), "label": label or self.label,
                "corpus": self.description, "tuned_on": self.tuned_on, "n_docs": n_docs,
                **score, **extra}

    def recorded(self) -> dict:
        """This set's entry as last recorded by the benchmarks (KeyError when never measured)."""
        from .. import results

        entries = results.section(RESULTS_SECTION)
        if self.name not in entries:
            raise KeyError(f"{results.RESULTS.name} has no {RESULTS_SECTION} figures for {self.name!r}: "
                           "run make bench")
        return entries[self.name]


GOLD_SETS: dict[str, GoldSet] = {g.name: g for g in (
    GoldSet("seeds", "seeds (gold fixture)", "seeds",
            "the five seed articles, every attribution annotated by hand", tuned_on=True),
    GoldSet("litbank", "LitBank quotations", "litbank_quotations",
            "LitBank's quotation layer: fiction, direct speech only, speakers judged by name",
            tuned_on=False, built=False),
    GoldSet("bbc1", "BBC, 12 articles annotated blind (rules tuned on them afterwards)", "bbc",
            "12 BBC articles annotated before the extractor was run on them", tuned_on=True),
    GoldSet("bbc2", "BBC, 10 other articles annotated blind (rules tuned on them afterwards)", "bbc",
            "10 other BBC articles annotated before the extractor was run on them", tuned_on=True),
    GoldSet("bbc3", "BBC, 10 more articles annotated blind (held out: never tuned on)", "bbc",
            "10 more BBC articles annotated before the extractor was run on them, never tuned on",
            tuned_on=False),
)}


def load_bbc():
    """The whole BBC corpus (optional data; raises :class:`evaluation.data.DataMissing`)."""
    from analysis.corpus import load_corpus

    return load_corpus(require("bbc"), encoding=BBC_ENCODING)


def rebuild(name: str) -> None:
    """Write a hand-annotated set's records to its jsonl, after checking its sample is unchanged."""
    from analysis.corpus import load_corpus

    gold_set = GOLD_SETS[name]
    module = gold_set.module()
    corpus = load_corpus(SEEDS) if gold_set.corpus == "seeds" else load_bbc()
    select = getattr(module, "select_articles", None)
    if select is not None and select(corpus) != list(module.DOCS):
        raise SystemExit(f"selection changed: {select(corpus)}")
    rows = gold_set.build(corpus)
    write_jsonl(rows, gold_set.path)
    print(f"{len(rows)} attributions -> {gold_set.path.relative_to(ROOT)}")


def save_results(entries: dict[str, dict]) -> None:
    """Record gold sets' entries (by name) in the results section; other sets' entries are kept."""
    from .. import results

    try:
        section = results.section(RESULTS_SECTION)
    except KeyError:
        section = {}
    results.update(RESULTS_SECTION, {**section, **entries})
