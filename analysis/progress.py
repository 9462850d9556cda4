"""Progress bars for long work (documents parsed, pairs verified), quiet unless someone watches.

A bar is drawn only when standard error is a terminal and the run is not in
CI; rendered reports (papermill runs the kernel without a terminal) and
CI logs therefore stay clean. ``ANALYSIS_PROGRESS=1`` forces bars on,
``ANALYSIS_PROGRESS=0`` forces them off.
"""
from __future__ import annotations

import os
import sys
from typing import Iterable

__all__ = ["enabled", "bar"]


def enabled(requested: bool | None = None) -> bool:
    """Whether to draw bars: ``requested`` when given, else the environment decides."""
    if requested is not None:
        return bool(requested)
    forced = os.environ.get("ANALYSIS_PROGRESS", "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    if os.environ.get("CI"):
        return False
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def bar(iterable: Iterable | None = None, *, total: int | None = None, desc: str = "",
        unit: str = "it", show: bool | None = None):
    """A ``tqdm`` bar over ``iterable`` (or a manual one with ``total``), disabled when quiet."""
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, disable=not enabled(show),
                file=sys.stderr, dynamic_ncols=True, leave=False)
