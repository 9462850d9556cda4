"""The layers' tables reshaped for a reader: article labels beside ids, one score per cell with
its interval, variants side by side, plain words for codes.

Every function returns a DataFrame that is both written as CSV (ids, labels,
full precision) and shown through :func:`analysis.report.display.show`.
"""
from __future__ import annotations

import math
import re
from typing import Iterable, Mapping

__all__ = ["with_labels", "scores_with_intervals", "variants_side_by_side", "warnings_note",
           "labelled_matrix", "labelled_index", "figure_groups", "validity_shares",
           "VARIANT_NAMES", "KIND_NAMES", "interval", "figure_values", "kind_name", "excerpt",
           "listing", "figures_in_context"]

#: the readability variants, as a reader calls them
VARIANT_NAMES = {"article": "Whole article", "quotes_removed": "Speech removed",
                 "prose_only": "Reporter's prose only", "quotes_only": "Speech only"}
#: attribution kinds, as a reader calls them
KIND_NAMES = {"direct": "direct quote", "indirect": "reported speech", "mixed": "mixed",
              "according_to": "according to", "nominal": "noun phrase"}
#: columns holding a document id, and the label column put beside each
_ID_COLUMNS = {"doc": "label", "a": "label_a", "b": "label_b"}


def with_labels(frame, labels: Mapping[str, str], columns: Iterable[str] = ("doc", "a", "b")):
    """A copy of ``frame`` with each id column (``doc``, ``a``, ``b``) followed by its label
    (``label``, ``label_a``, ``label_b``); ids without a label keep the id."""
    out = frame.copy()
    for column in columns:
        if column in out.columns:
            name = _ID_COLUMNS.get(column, f"label_{column}")
            if name in out.columns:
                out = out.drop(columns=name)
            values = out[column].map(lambda d: labels.get(d, d))
            out.insert(list(out.columns).index(column) + 1, name, values)
    return out


def _finite(value) -> bool:
    try:
        return value is not None and math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _decimals(value: float) -> int:
    return 0 if abs(value) >= 100 else 1


def interval(score, low, high) -> str:
    """"13.9\\n12.6–15.4": a score over its 95% interval ("—" when there is no score)."""
    if not _finite(score):
        return "—"
    places = _decimals(float(score))
    text = f"{float(score):.{places}f}"
    if _finite(low) and _finite(high):
        text += f"\n{float(low):.{places}f}\u2060–\u2060{float(high):.{places}f}"  # no break at the dash
    return text


def scores_with_intervals(table, labels: Mapping[str, str], scores: Iterable[str] | None = None):
    """One row per article: words, sentences, and each score with its 95% interval under it,
    then the New Dale-Chall grade band."""
    import pandas as pd

    from ..readability import SCORES

    scores = list(scores or SCORES)
    rows = []
    for rec in table.to_dict("records"):
        row = {"doc": rec["doc"], "label": labels.get(rec["doc"], rec["doc"]),
               "words": rec["words"], "sentences": rec["sentences"]}
        for name in scores:
            row[name] = interval(rec.get(name), rec.get(f"{name}_ci_low"), rec.get(f"{name}_ci_high"))
        row["dale_chall_grade"] = rec.get("dale_chall_grade")
        rows.append(row)
    return pd.DataFrame(rows)


def variants_side_by_side(variants, labels: Mapping[str, str], score: str = "flesch_kincaid_grade"):
    """One row per article, one column per variant: the score and, under it, how many words the
    variant has ("—" where a variant has no words, e.g. no quoted speech)."""
    import pandas as pd

    by_doc: dict[str, dict] = {}
    for rec in variants.to_dict("records"):
        by_doc.setdefault(rec["doc"], {})[rec["variant"]] = rec
    rows = []
    for doc, parts in by_doc.items():
        row = {"doc": doc, "label": labels.get(doc, doc)}
        for variant in VARIANT_NAMES:
            rec = parts.get(variant, {})
            words = rec.get("words")
            if _finite(rec.get(score)):
                row[variant] = f"{float(rec[score]):.1f}\n{int(words):,} words"
            elif _finite(words) and int(words) > 0:
                row[variant] = f"—\n{int(words):,} words"
            else:
                row[variant] = "—"
        rows.append(row)
    return pd.DataFrame(rows, columns=["doc", "label", *VARIANT_NAMES])


#: how each readability warning begins (:func:`analysis.readability.measure._warnings`)
_WARNING_START = re.compile(r";\s*(?=SMOG needs|short text|no words)")


def warnings_note(table, labels: Mapping[str, str]) -> str:
    """The readability warnings in one sentence per kind ("SMOG needs 30 sentences: AP has 21,
    004 · Syria's UN… 17."; "" when there are none)."""
    by_kind: dict[str, list[str]] = {}
    for rec in table.to_dict("records"):
        text = rec.get("warnings")
        if isinstance(text, (list, tuple)):
            items = list(text)
        else:  # joined with "; ", which warnings also contain: split before each warning's start
            items = [w.strip() for w in _WARNING_START.split(str(text or "")) if w.strip()]
        label = labels.get(rec["doc"], rec["doc"])
        for warning in items:
            kind, _, detail = warning.partition("; this text has ")
            by_kind.setdefault(kind, []).append(f"{label} has {detail}" if detail else label)
    parts = [f"{kind[:1].upper() + kind[1:]}: {', '.join(who)}." for kind, who in by_kind.items()]
    return ("Read with care. " + " ".join(parts)) if parts else ""


def labelled_matrix(matrix, labels: Mapping[str, str], index_name: str = ""):
    """A matrix whose columns are article ids, with labels as column names (index kept)."""
    out = matrix.rename(columns=lambda d: labels.get(d, d))
    if index_name:
        out.index.name = index_name
    return out


def labelled_index(frame, labels: Mapping[str, str], name: str = "Article"):
    """A frame indexed by article ids or outlets, indexed by labels (outlets stay as they are)."""
    out = frame.rename(index=lambda d: labels.get(d, d))
    out.index.name = name
    return out


def figure_groups(differing):
    """The differing-figures table with ``quantity``: the group in words ("soldiers killed (one
    incident, Saturday, Deir el-Zour)") and ``says`` ("at least 62")."""
    from .findings import _group_words

    out = figures_in_context(differing)
    out.insert(0, "quantity", out["group"].map(_group_words) if "group" in out else out["key"])
    return out


def figures_in_context(figures, max_chars: int = 150):
    """A figures table with ``context``: the part of its sentence around the figure, so a long
    sentence still shows the figure and who gives it."""
    out = figures.copy()
    out["context"] = [excerpt(s, t, max_chars) for s, t in zip(out["sentence"], out["text"])]
    return out


def excerpt(sentence, phrase, max_chars: int = 150) -> str:
    """The words of ``sentence`` around ``phrase``, at most about ``max_chars`` characters, cut at
    word boundaries with "…" where text is left out; the whole sentence when it fits."""
    sentence = " ".join(str(sentence or "").split())
    if len(sentence) <= max_chars:
        return sentence
    match = re.search(rf"(?<!\w){re.escape(str(phrase))}(?!\w)", sentence, re.I)
    centre = match.start() if match else 0
    start = max(0, min(centre - max_chars // 3, len(sentence) - max_chars))
    end = min(len(sentence), start + max_chars)
    if start > 0:
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    if end < len(sentence):
        space = sentence.rfind(" ", start, end)
        end = space if space > (match.end() if match else start) else end
    text = sentence[start:end].strip(" ,;:")
    return ("…" if start > 0 else "") + text + ("…" if end < len(sentence) else "")


def listing(value) -> str:
    """Names joined with " | " (the layers' CSV lists) as a reader lists them: "a, b, c"."""
    return ", ".join(v for v in re.split(r"\s*\|\s*", str(value)) if v)


def validity_shares(table):
    """The OneStopEnglish table with shares (0-1) instead of percentages and formula labels."""
    from ..readability import SCORE_LABELS

    out = table.copy()
    for column in out.columns:
        if column != "formula":
            out[column] = out[column] / 100
    out["formula"] = out["formula"].map(lambda f: SCORE_LABELS.get(f, f))
    return out


def kind_name(kind) -> str:
    """An attribution kind as a reader calls it ("indirect" -> "reported speech")."""
    return KIND_NAMES.get(kind, str(kind).replace("_", " "))


def figure_values(frame, name_column: str = "figure", value_column: str = "value"):
    """A two-column table of mixed figures (counts and shares) with each value written as
    text: shares (a name saying "share") as percentages, counts with thousands separators."""
    from .display import is_missing, number, percent, sentence_case

    out = frame.copy()

    def text(row) -> str:
        value = row[value_column]
        if is_missing(value):
            return "—"
        if isinstance(value, str):
            return value
        if "share" in str(row[name_column]):
            return percent(float(value), 0)
        return number(float(value), 0 if float(value).is_integer() else 2)

    out[value_column] = [text(r) for r in out.to_dict("records")]
    out[name_column] = out[name_column].map(lambda n: sentence_case(str(n)))
    return out
