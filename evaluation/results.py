"""``benchmarks/results/quality.json``: the one file quality figures are kept in.

``make bench`` (each ``benchmarks/score_*.py`` and quality script) writes its
section; the notebooks, the README and the tests' floors read from here, so a
figure is measured in one place and quoted everywhere else. Sections hold plain
JSON (numbers rounded to 3 places), keys sorted, so a re-run that measures the
same figures leaves the file byte-identical.
"""
from __future__ import annotations

import json
from pathlib import Path

from .data import ROOT

__all__ = ["RESULTS", "load", "section", "update", "floor"]

RESULTS = ROOT / "benchmarks" / "results" / "quality.json"


def _rounded(value):
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def load(path: Path = RESULTS) -> dict:
    """Every section (empty when the file does not exist yet)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def section(name: str, path: Path = RESULTS) -> dict:
    """One section, e.g. ``section("attribution")``; KeyError when it was never measured."""
    results = load(path)
    if name not in results:
        raise KeyError(f"{Path(path).name} has no section {name!r}: run make bench")
    return results[name]


def update(name: str, values: dict, path: Path = RESULTS) -> None:
    """Replace section ``name`` (other sections are kept)."""
    results = load(path)
    results[name] = _rounded(values)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")


def floor(value: float, tolerance: float = 0.02) -> float:
    """The lowest figure a test accepts for one recorded as ``value``."""
    return round(value - tolerance, 3)
