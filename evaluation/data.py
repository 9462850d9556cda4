"""Where the reference data is: shipped in ``evaluation/data/``, or optional under one setting.

Data whose licence allows it ships with the project (LitBank quotations,
OneStopEnglish, the readability reference values). Data that may not be
redistributed (the BBC corpus) is optional: it is looked for under the folder
named by the ``ANALYSIS_DATA`` environment variable, by default ``../shared``
beside the project, in that folder's ``corpora/`` (``corpora/bbc``).
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ROOT", "SHIPPED", "SETTING", "DataMissing", "optional_root", "find", "require",
           "missing_reason"]

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = Path(__file__).resolve().parent / "data"
SETTING = "ANALYSIS_DATA"

#: shipped data sets, by name
_SHIPPED = {
    "litbank_quotations": SHIPPED / "litbank_quotations",
    "onestopenglish": SHIPPED / "onestopenglish",
    "readability_reference": SHIPPED / "readability_reference",
}
#: optional data sets, by name: their path under the ``ANALYSIS_DATA`` folder
_OPTIONAL = {"bbc": Path("corpora") / "bbc"}


class DataMissing(LookupError):
    """An optional data set is not where ``ANALYSIS_DATA`` points."""


def optional_root() -> Path:
    """The folder ``ANALYSIS_DATA`` names, else ``../shared`` beside the project."""
    value = os.environ.get(SETTING, "").strip()
    return Path(value).expanduser() if value else ROOT.parent / "shared"


def find(name: str) -> Path | None:
    """The folder of data set ``name``, or None when it is optional and absent."""
    if name in _SHIPPED:
        return _SHIPPED[name]
    if name not in _OPTIONAL:
        raise KeyError(f"unknown data set {name!r}; known: {', '.join(sorted({**_SHIPPED, **_OPTIONAL}))}")
    path = optional_root() / _OPTIONAL[name]
    return path if path.is_dir() else None


def missing_reason(name: str) -> str:
    """One sentence saying which optional data is missing and how to point at it."""
    return (f"optional data missing: {name} is not in {optional_root() / _OPTIONAL[name]}; set "
            f"{SETTING} to a folder holding {_OPTIONAL[name].as_posix()} (default ../shared)")


def require(name: str) -> Path:
    """Like :func:`find`, but raises :class:`DataMissing` with :func:`missing_reason`."""
    path = find(name)
    if path is None:
        raise DataMissing(missing_reason(name))
    return path
