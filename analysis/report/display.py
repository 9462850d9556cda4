"""Tables that fit the page: the columns a reader needs, human headers, values as people write them.

:func:`show` turns a DataFrame into what a report displays: chosen columns
under plain headers; shares as percentages and other numbers to 2-3
significant figures; "—" for anything missing; "Yes"/"No" for true/false;
lists joined; long text cut at a word boundary; an empty table as one sentence;
at most ``max_rows`` rows and ``max_columns`` columns, and a link to the CSV
that keeps every row, column, digit and character. The CSV itself is written
by :meth:`analysis.report.Run.table` (or :meth:`~analysis.report.Run.save`), never
from the formatted values.

Formats per column (``formats={"column": "percent"}``), else guessed from the
column (see :func:`column_format`):

``"percent"`` / ``"percent:N"``  a share (0-1) as "48%", N decimals (default: 2 significant figures)
``"number"`` / ``"number:N"``    2-3 significant figures, the same decimals down a column (or N)
``"integer"``                    "1,234"
``"yesno"``                      "Yes" / "No"
``"text"`` / ``"text:N"``        cut at a word boundary after at most N characters
``"count"``                      an integer with zero shown blank (matrices of counts)
a callable                       value -> str, for anything else
"""
from __future__ import annotations

import html as _html
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

__all__ = ["MISSING", "Table", "show", "column_format", "format_column", "header", "truncate",
           "is_missing", "number", "percent", "sentence_case", "HEADERS"]

#: what a missing value reads as
MISSING = "—"
#: rows and columns shown before the rest is left to the CSV
MAX_ROWS = 40
MAX_COLUMNS = 10
#: characters of text shown in one cell
MAX_CHARS = 120

#: headers for the columns the package's tables share; others are made by :func:`header`
HEADERS = {
    "doc": "Article", "label": "Article", "a": "Article A", "b": "Article B",
    "label_a": "Article A", "label_b": "Article B", "outlet": "Outlet", "headline": "Headline",
    "date": "Date", "dateline": "Dateline", "agencies": "Agencies credited", "authors": "Authors",
    "words": "Words", "sentences": "Sentences", "paragraphs": "Paragraphs",
    "characters": "Characters", "speaker": "Speaker", "speaker_type": "Speaker type",
    "speaker_role": "Role", "kind": "Kind", "cue_class": "Cue class", "source": "Source",
    "content": "What was said", "confidence": "Confidence", "text": "Text", "name": "Name",
    "file": "File", "reason": "Reason", "formula": "Formula", "score": "Score",
    "flesch_reading_ease": "Flesch Reading Ease", "flesch_kincaid_grade": "Flesch-Kincaid grade",
    "gunning_fog": "Gunning Fog", "smog": "SMOG", "coleman_liau": "Coleman-Liau", "ari": "ARI",
    "lix": "LIX", "dale_chall": "New Dale-Chall", "dale_chall_grade": "Dale-Chall grade band",
    "quote": "Shared words", "attribution": "Attribution", "conflict": "Conflict",
    "speakers": "Speakers", "qualifier": "Qualifier", "value": "Value", "counted": "What is counted",
    "key": "Quantity", "group": "Quantity", "source_via": "Source given by", "sentence": "Sentence",
    "cosine": "Similarity", "near_verbatim": "Near verbatim", "mostly_quote": "Mostly quoted speech",
    "measure": "Measure", "parameter": "Setting",
}
#: words kept in capitals (or spelled) when a header is made from a snake_case name
_WORDS = {"ci": "CI", "id": "ID", "n": "number of", "pct": "%", "f1": "F1", "ari": "ARI",
          "smog": "SMOG", "lix": "LIX", "csv": "CSV", "url": "URL"}
_SHARE_NAME = re.compile(r"(?:^|_)(?:share|shares|proportion)(?:_|$)")
_PERCENT_FORMAT = re.compile(r"^percent(?::(\d))?$")
_NUMBER_FORMAT = re.compile(r"^number(?::(\d))?$")
_TEXT_FORMAT = re.compile(r"^text(?::(\d+))?$")
#: document id columns, shown through their labels
_ID_COLUMNS = frozenset({"doc", "a", "b"})
#: words a cut text does not end on before its ellipsis
_DANGLING = frozenset("a an and as at by for from in into of on or the to with".split())


@dataclass(frozen=True)
class Table:
    """A formatted table as a report shows it: HTML for the page, plain text for nbval and consoles."""

    html: str
    text: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text/plain
        p.text(self.text)


# --------------------------------------------------------------------------
# single values


def is_missing(value) -> bool:
    """None, NaN, NaT, pandas' NA and empty or blank strings."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        missing = pd.isna(value)
        return bool(missing) if isinstance(missing, bool) or getattr(missing, "shape", None) == () else False
    except (TypeError, ValueError, ImportError):
        return False


def truncate(text: str, max_chars: int = MAX_CHARS) -> str:
    """``text`` on one line, cut at the last word boundary within ``max_chars`` and ended with
    "…" (never inside a word, never on a dangling "the" or a comma)."""
    lines = (" ".join(line.split()) for line in str(text).splitlines())
    text = "\n".join(line for line in lines if line)  # line breaks kept: a score over its interval
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if not text[max_chars].isspace() and space > max_chars // 3:
        cut = cut[:space]
    words = cut.rstrip(" \n,;:—–-(").split(" ")
    while len(words) > 1 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" \n,;:—–-(") + "…"


def _decimals_for(values: list[float], digits: int) -> int:
    """Decimals giving ``digits`` significant figures to the largest value, dropped while every
    value would read the same with fewer (0.80 / 0.65 keep two, 0.8 / 0.9 one)."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    top = max(finite, default=0.0)
    if top == 0:
        return 0
    places = max(0, min(4, digits - 1 - math.floor(math.log10(top))))
    while places > 0 and all(round(v, places - 1) == round(v, places) for v in finite):
        places -= 1
    return places


def number(value: float, places: int) -> str:
    """A number with ``places`` decimals and thousands separators; "−0" never."""
    text = f"{value:,.{places}f}"
    return "0" if re.fullmatch(r"-?0(\.0*)?", text) else text


def percent(share: float, places: int) -> str:
    """A share (0-1) as a percentage: "48%", "0.2%", "<1%" for a share that rounds to nothing."""
    value = 100 * share
    if value != 0 and round(value, places) == 0:
        return f"<{10 ** -places:g}%"
    return number(value, places) + "%"


# --------------------------------------------------------------------------
# columns


def sentence_case(text) -> str:
    """First letter up, the rest as written, underscores as spaces ("according_to attributions"
    -> "According to attributions")."""
    text = str(text).replace("_", " ")
    return text[:1].upper() + text[1:]


def header(name) -> str:
    """A reader's header for a column name: known names from :data:`HEADERS`, else the
    snake_case words spelled out ("flesch_kincaid_grade_ci_low" -> "Flesch kincaid grade CI low")."""
    name = str(name)
    if name in HEADERS:
        return HEADERS[name]
    if "_" not in name:
        return name[:1].upper() + name[1:]
    words = [_WORDS.get(w, w) for w in name.split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def column_format(name: str, values: list) -> str:
    """The format a column gets when none is given: Yes/No for true/false, percent for a name
    saying "share", integer for whole numbers, number for other numbers, else text."""
    present = [v for v in values if not is_missing(v)]
    if present and all(_is_bool(v) for v in present):
        return "yesno"
    numeric = [v for v in present if not _is_bool(v)
               and (isinstance(v, (int, float)) or type(v).__module__ == "numpy")]
    if present and len(numeric) == len(present):
        if _SHARE_NAME.search(str(name)):
            return "percent"
        if all(float(v).is_integer() for v in numeric):
            return "integer"
        return "number"
    return "text"


def _lines(cell: str) -> str:
    """The style attribute keeping a cell's line breaks (a score over its interval)."""
    return ' style="white-space: pre-line"' if "\n" in cell else ""


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ in ("bool_", "bool")


def _as_text(value) -> str:
    if isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ndarray":
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
        return "; ".join(_as_text(v) for v in items if not is_missing(v))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_as_text(v)}" for k, v in value.items())
    if _is_bool(value):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return number(value, _decimals_for([value], 3))
    return str(value)


def format_column(values: Iterable, fmt: str | Callable = "text") -> list[str]:
    """Every value of one column as shown; missing values as :data:`MISSING`."""
    values = list(values)
    if callable(fmt):
        return [MISSING if is_missing(v) else str(fmt(v)) for v in values]
    present = [float(v) for v in values if not is_missing(v) and not isinstance(v, str)
               and not _is_bool(v) and (fmt.startswith("percent") or fmt.startswith("number"))]
    out = []
    if (m := _PERCENT_FORMAT.match(fmt)):
        places = int(m.group(1)) if m.group(1) else _decimals_for([100 * v for v in present], 2)
        return [MISSING if is_missing(v) else percent(float(v), places) for v in values]
    if (m := _NUMBER_FORMAT.match(fmt)):
        places = int(m.group(1)) if m.group(1) else _decimals_for(present, 3)
        return [MISSING if is_missing(v) else number(float(v), places) for v in values]
    if fmt in ("integer", "count"):
        for v in values:
            if is_missing(v):
                out.append(MISSING if fmt == "integer" else "")
            elif fmt == "count" and float(v) == 0:
                out.append("")
            else:
                out.append(number(float(v), 0))
        return out
    if fmt == "yesno":
        return [MISSING if is_missing(v) else ("Yes" if bool(v) else "No") for v in values]
    m = _TEXT_FORMAT.match(fmt)
    if not m:
        raise ValueError(f"unknown format {fmt!r}")
    limit = int(m.group(1)) if m.group(1) else MAX_CHARS
    for v in values:
        text = "" if is_missing(v) else _as_text(v)
        out.append(MISSING if not text.strip() else truncate(text, limit))
    return out


# --------------------------------------------------------------------------
# the table


def show(frame, columns: Iterable[str] | Mapping[str, str] | None = None, *,
         formats: Mapping[str, str | Callable] | None = None, csv: str | None = None,
         empty: str = "Nothing was found.", max_rows: int = MAX_ROWS,
         max_columns: int = MAX_COLUMNS, max_chars: int = MAX_CHARS, note: str = "",
         once: Iterable[str] = ()) -> Table:
    """``frame`` as a page-fitting :class:`Table`.

    ``columns``: the columns shown, in order (a mapping gives each its header; a
    column the frame lacks is skipped, so an optional column such as
    ``cue_class`` can be listed); default every column. A frame keyed by a named
    index shows it as its first column. ``csv``: the file holding the whole
    table, linked under it. ``empty``: the sentence shown instead of an empty
    table. ``note``: a sentence after the table. ``once``: columns whose value is shown only
    where it changes from the row above (the article of a run of its rows).
    """
    import pandas as pd

    frame = pd.DataFrame(frame)
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        frame = frame.reset_index()
    if isinstance(columns, Mapping):
        wanted = {c: h for c, h in columns.items() if c in frame.columns}
    else:
        wanted = {c: header(c) for c in (columns if columns is not None else frame.columns)
                  if c in frame.columns}
    link = (f'<a href="{_html.escape(csv)}">{_html.escape(csv)}</a>' if csv else "")
    if frame.empty:
        return Table(f'<p class="report-empty">{_html.escape(empty)}</p>', empty)
    names = list(wanted)
    # ids beside their labels are not counted as columns left out
    hidden_columns = (len([c for c in frame.columns if c not in names and c not in _ID_COLUMNS])
                      if csv else 0)
    if len(names) > max_columns:
        hidden_columns += len(names) - max_columns
        names = names[:max_columns]
    shown = frame.iloc[:max_rows]
    formats = dict(formats or {})
    cells = {}
    for name in names:
        values = shown[name].tolist()
        fmt = formats.get(name) or column_format(name, frame[name].tolist())
        if fmt == "text":
            fmt = f"text:{max_chars}"
        cells[name] = format_column(values, fmt)
        if name in set(once):
            cells[name] = [c if i == 0 or c != cells[name][i - 1] else "" for i, c in
                           enumerate(cells[name])]
    heads = [wanted[n] for n in names]
    rows = [[cells[n][i] for n in names] for i in range(len(shown))]

    body = ["<thead><tr>" + "".join(f"<th>{_html.escape(h)}</th>" for h in heads) + "</tr></thead>",
            "<tbody>"]
    for row in rows:
        first, rest = row[0], row[1:]
        body.append(f'<tr><th scope="row"{_lines(first)}>{_html.escape(first)}</th>'
                    + "".join(f"<td{_lines(c)}>{_html.escape(c)}</td>" for c in rest) + "</tr>")
    body.append("</tbody>")
    parts = []
    if len(frame) > len(shown):
        parts.append(f"Showing the first {len(shown):,} of {len(frame):,} rows.")
    if hidden_columns > 0:
        parts.append(f"{hidden_columns} more column{'s' if hidden_columns != 1 else ''} in the CSV.")
    foot_text = " ".join(parts)
    foot_html = _html.escape(foot_text)
    if link:
        foot_html = (foot_html + " " if foot_html else "") + f"Whole table: {link}"
        foot_text = (foot_text + " " if foot_text else "") + f"Whole table: {csv}"
    if note:
        foot_html = _html.escape(note) + (" " + foot_html if foot_html else "")
        foot_text = note + (" " + foot_text if foot_text else "")
    page = ('<div class="report-table"><table class="dataframe report">' + "".join(body) + "</table>"
            + (f'<p class="report-table-note">{foot_html}</p>' if foot_html else "") + "</div>")
    text = pd.DataFrame(rows, columns=heads).to_string(index=False)
    return Table(page, text + ("\n" + foot_text if foot_text else ""))
