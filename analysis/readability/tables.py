"""Readability over a corpus: flat records, DataFrames, and the notebook's reader-shaped tables.

Records carry the article's identifying metadata (``analysis.schema.READABILITY_METADATA``)
before the counts and scores, one per article, paragraph or variant (:data:`UNITS`).
"""
from __future__ import annotations

from ..corpus import Corpus
from ..schema import READABILITY_METADATA
from .formulas import SCORES
from .measure import DECIMALS, MIN_WORDS, SMOG_MIN_SENTENCES, analyze_paragraphs, analyze_text, analyze_variants

__all__ = ["UNITS", "speech_spans", "readability_records", "readability_table", "paragraph_table",
           "variant_table", "with_labels", "scores_with_ci", "paragraph_summary", "summary"]

UNITS = ("article", "paragraph", "variants")


def _doc_fields(doc) -> dict:
    rec = {"doc": doc.id}
    for key in READABILITY_METADATA:
        if doc.metadata.get(key):
            rec[key] = doc.metadata[key]
    return rec


def speech_spans(attributions) -> list[tuple[int, int]]:
    """Content spans of attributions (``Attribution`` objects or CLI records) as ``(start, end)``."""
    spans = []
    for a in attributions:
        contents = a["contents"] if isinstance(a, dict) else a.contents
        for c in contents:
            spans.append((c["start"], c["end"]) if isinstance(c, dict) else (c.start, c.end))
    return spans


def readability_records(corpus: Corpus, unit: str = "article", *, ci: bool = True,
                        attributions: dict | None = None) -> list[dict]:
    """Flat records, one per article (``unit="article"``), paragraph, or article variant.

    Paragraph records carry ``paragraph`` (its number among the article's
    paragraphs) and ``start``/``end`` offsets into the article's text;
    variant records carry ``variant`` (one of :data:`~analysis.readability.VARIANTS`)
    and ``speech_from``: ``attribution`` when ``attributions`` (``{doc_id: [...]}``
    from :func:`analysis.attribution.extract_corpus`) marked what is speech,
    else ``quotation marks``.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    records = []
    for doc in corpus:
        base = _doc_fields(doc)
        if unit == "article":
            records.append({**base, **analyze_text(doc.text, ci=ci).record()})
        elif unit == "paragraph":
            for number, res in analyze_paragraphs(doc.text, ci=ci):
                records.append({**base, "paragraph": number, "start": res.span.start,
                                "end": res.span.end, **res.record()})
        else:
            speech = speech_spans(attributions[doc.id]) if attributions is not None else None
            origin = "attribution" if speech is not None else "quotation marks"
            for name, res in analyze_variants(doc.text, ci=ci, speech=speech).items():
                records.append({**base, "variant": name, "speech_from": origin, **res.record()})
    return records


def _frame(records: list[dict]):
    import pandas as pd

    frame = pd.DataFrame(records)
    if "warnings" in frame:
        frame["warnings"] = frame["warnings"].map("; ".join)
    return frame


def readability_table(corpus: Corpus, *, ci: bool = True):
    """One row per article: counts, scores, grade band, CIs and warnings (a DataFrame)."""
    return _frame(readability_records(corpus, "article", ci=ci))


def paragraph_table(corpus: Corpus, *, ci: bool = False):
    """One row per paragraph with counted words (offsets into each article's text)."""
    return _frame(readability_records(corpus, "paragraph", ci=ci))


def variant_table(corpus: Corpus, *, ci: bool = True, attributions: dict | None = None):
    """One row per article and variant: whole, speech removed, reporter's prose only, speech only.

    Pass ``attributions`` (from :func:`analysis.attribution.extract_corpus`) to
    treat reported speech as speech too; otherwise quotation marks decide.
    """
    return _frame(readability_records(corpus, "variants", ci=ci, attributions=attributions))


# --------------------------------------------------------------------------
# notebook helpers: tables in the shape a reader wants, rounded


def with_labels(table, labels: dict[str, str] | None = None):
    """Add a ``label`` column (outlet when known, else the document id) as the first column."""
    frame = table.copy()
    frame.insert(0, "label", frame["doc"].map(labels or {}).fillna(frame["doc"])
                 if labels else frame.get("outlet", frame["doc"]).fillna(frame["doc"]))
    return frame


def scores_with_ci(table, labels: dict[str, str] | None = None):
    """One row per article and formula: score, 95% CI, and the article's warnings."""
    import pandas as pd

    frame = with_labels(table, labels)
    rows = []
    for rec in frame.to_dict("records"):
        for name in SCORES:
            rows.append({"label": rec["label"], "doc": rec["doc"], "formula": name,
                         "score": rec[name], "ci_low": rec.get(f"{name}_ci_low"),
                         "ci_high": rec.get(f"{name}_ci_high")})
    return pd.DataFrame(rows)


def paragraph_summary(paragraphs, labels: dict[str, str] | None = None,
                      score: str = "flesch_kincaid_grade"):
    """Per article: how many paragraphs, and the spread of one score across them."""
    frame = with_labels(paragraphs, labels)
    grouped = frame.groupby(["label", "doc"], sort=True)[score]
    out = grouped.agg(paragraphs="count", median="median", lowest="min", highest="max")
    out["q1"] = grouped.quantile(0.25)
    out["q3"] = grouped.quantile(0.75)
    return out.reset_index().round(DECIMALS)


def summary(table, labels: dict[str, str] | None = None) -> str:
    """A few plain sentences on the article table (Markdown)."""
    frame = with_labels(table, labels)
    fk = frame.set_index("label")["flesch_kincaid_grade"]
    short = int(frame["warnings"].str.contains("under 100").sum())
    smog_short = int(frame["warnings"].str.contains("SMOG needs").sum())
    widest = (frame["flesch_kincaid_grade_ci_high"] - frame["flesch_kincaid_grade_ci_low"])
    lines = [
        f"- {len(frame)} articles, {int(frame['words'].sum()):,} words in "
        f"{int(frame['sentences'].sum()):,} sentences.",
        f"- Flesch-Kincaid grade ranges from {fk.min():.1f} ({fk.idxmin()}) to "
        f"{fk.max():.1f} ({fk.idxmax()}); median {fk.median():.1f}.",
        f"- The 95% intervals over sentences are {widest.min():.1f} to {widest.max():.1f} grades wide: "
        "differences between articles smaller than that are not evidence of a difference.",
        f"- {short} articles have under {MIN_WORDS} words; {smog_short} have under "
        f"{SMOG_MIN_SENTENCES} sentences, so their SMOG is outside the range it was normed on.",
    ]
    return "\n".join(lines)
