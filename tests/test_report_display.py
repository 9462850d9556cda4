"""analysis.report.display: page-fitting tables with formats a reader expects."""
from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from analysis.report import display
from analysis.report.display import show, truncate

PYTHON_VALUES = re.compile(r"(?<![\w.])(NaN|nan|None|True|False|NaT|<NA>)(?!\w)")


def frame():
    return pd.DataFrame({
        "doc": ["000_a", "001_b", "002_c"],
        "share_direct": [0.483, 0.052, None],
        "confidence": [0.8, 0.65, 0.9],
        "flesch_reading_ease": [37.42, 9.1, np.nan],
        "conflict": [True, False, None],
        "words": [1, 2000, 3],
        "content": ["word " * 40, "short", ""],
        "when": [pd.NaT, pd.Timestamp("2016-09-19"), pd.NaT],
    })


def test_formats_per_column_type():
    table = show(frame())
    text = table.text
    assert "48%" in text and "5%" in text          # shares as percentages, 2 significant figures
    assert "0.80" in text and "0.65" in text        # 2-3 significant figures, one width per column
    assert "37.4" in text and "37.420" not in text
    assert "2,000" in text                          # thousands
    assert "Yes" in text and "No" in text           # words, not True/False
    assert "Flesch Reading Ease" in text            # human header, not snake_case
    assert "share_direct" not in text and "Share direct" in text


def test_no_python_values_reach_the_page():
    table = show(frame())
    for out in (table.html, table.text):
        assert not PYTHON_VALUES.search(out), out
    assert table.html.count(display.MISSING) >= 4    # NaN, None, "" and NaT all read "—"


def test_text_is_cut_at_a_word_boundary():
    text = "The U.S. military has said it may have unintentionally struck Syrian troops"
    cut = truncate(text, 30)
    assert cut == "The U.S. military has said it…"
    assert len(cut) <= 31 and text.startswith(cut[:-1])
    assert truncate("Kerry holds out hope for Syria truce despite violations", 25) == "Kerry holds out hope…"
    assert truncate("short", 30) == "short"
    # never ends on a dangling article or a comma
    assert truncate("a truce, the ceasefire and the aid", 22) == "a truce, the ceasefire…"
    assert not truncate("He went to the market and then to the", 36).endswith("the…")


def test_empty_table_is_one_sentence():
    table = show(frame().iloc[:0], csv="00_skipped.csv", empty="Every file was read: none was skipped.")
    assert table.text == "Every file was read: none was skipped."
    assert "<table" not in table.html and "none was skipped" in table.html


def test_chosen_columns_headers_and_csv_link():
    table = show(frame(), {"doc": "Article", "words": "Words", "cue_class": "Cue class"},
                 csv="t.csv")
    assert "<th>Article</th>" in table.html and "<th>Words</th>" in table.html
    assert "Cue class" not in table.html            # an optional column the frame lacks is skipped
    assert '<a href="t.csv">t.csv</a>' in table.html
    assert "more columns in the CSV" in table.html  # what is left out is said, and where it is


def test_rows_and_columns_beyond_the_page_go_to_the_csv():
    wide = pd.DataFrame({f"c{i}": range(60) for i in range(15)})
    table = show(wide, csv="w.csv", max_rows=10, max_columns=5)
    assert table.html.count("<tr>") == 11           # header + 10 rows
    assert "first 10 of 60 rows" in table.text and "10 more columns" in table.text


def test_percent_and_number_helpers():
    assert display.percent(0.483, 0) == "48%"
    assert display.percent(0.0004, 0) == "<1%"
    assert display.percent(0.0, 0) == "0%"
    assert display.number(-0.0001, 2) == "0"
    assert display.format_column([0.984, 0.974, math.nan], "percent:1") == ["98.4%", "97.4%", "—"]
    assert display.format_column([0, 3, None], "count") == ["", "3", ""]


def test_repeated_values_shown_once_and_line_breaks_kept():
    table = show(pd.DataFrame({"label": ["AP", "AP", "AFP"], "score": ["13.9\n12.6–15.4", "1", "2"]}),
                 once=["label"])
    rows = re.findall(r"<tr>(.*?)</tr>", table.html, re.S)[1:]
    assert [re.search(r"<th[^>]*>(.*?)</th>", r).group(1) for r in rows] == ["AP", "", "AFP"]
    assert 'style="white-space: pre-line">13.9\n12.6–15.4' in table.html
