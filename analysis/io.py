"""Writing records: JSON Lines, CSV or an aligned text table (the command line's output formats)."""
from __future__ import annotations

import json
import sys
from typing import Iterable

__all__ = ["FORMATS", "write_records"]

FORMATS = ("table", "csv", "jsonl")


def _flat(value):
    """Nested values as JSON text, so a CSV cell or a table column holds one string."""
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=False)
    return value


def write_records(records: Iterable[dict], fmt: str, out=None) -> int:
    """Write records as JSON Lines (streamed), CSV or an aligned table; returns how many."""
    out = out or sys.stdout
    if fmt == "jsonl":
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    import pandas as pd

    rows = [{k: _flat(v) for k, v in rec.items()} for rec in records]
    frame = pd.DataFrame(rows)
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            out.write((frame.to_string(index=False) if len(frame) else "(no rows)") + "\n")
    return len(rows)
