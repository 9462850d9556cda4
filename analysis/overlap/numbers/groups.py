"""Which figures report the same quantity of the same event, and where articles disagree on it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .figures import Figure, figures_table
from .lexicon import DURATION_CLASSES, VAGUE_RANGES
from .scope import agent_kind, period_days, same_place, when_kind

__all__ = ["value_range", "figure_groups", "differing_figures"]


def value_range(fig) -> tuple[float, float]:
    """The values a figure's statement allows: "62" -> [62, 62], "more than 60" -> [60, inf),
    "about 7,000" -> [6,300, 7,700], "dozens" -> [24, 120)."""
    value, qualifier = float(fig.value), fig.qualifier
    if fig.vague:
        low, high = VAGUE_RANGES.get(fig.text.split()[-1].lower(), (value, float("inf")))
        return float(low), float(high)
    if qualifier in ("more than", "at least"):
        return value, float("inf")
    if qualifier in ("up to", "less than"):
        return 0.0, value
    if qualifier == "nearly":
        return 0.8 * value, value
    if qualifier == "about":
        return 0.9 * value, 1.1 * value
    return value, value


@dataclass(frozen=True)
class _Said:
    """What a figure says about its event, parsed once for :func:`_compatible`."""

    scope: str
    period: str
    days: float | None
    when: dict  # kind ("weekday", "date", "month", "year") -> frozenset of values
    agent: str  # :func:`agent_kind`
    where: tuple

    @classmethod
    def of(cls, fig) -> "_Said":
        when: dict[str, set] = {}
        for value in filter(None, fig.when.split("; ")):
            when.setdefault(when_kind(value), set()).add(value)
        return cls(fig.event_scope, fig.period, period_days(fig.period),
                   {k: frozenset(v) for k, v in when.items()}, agent_kind(fig.agent),
                   tuple(w for w in fig.where.split("; ") if w))


def _compatible(a: _Said, b: _Said) -> bool:
    """Two figures of one key can report the same event: same kind (incident or total),
    no two known periods that differ (by more than 15% when both are lengths), no two
    sets of the same kind of day ("Saturday" / "Sunday", 1993 / 1998), agent kinds
    (a tsunami / a bombing) or places that share nothing. What is not said is no
    conflict."""
    if a.scope != b.scope:
        return False
    if a.period and b.period and a.period != b.period:
        if a.days is None or b.days is None or max(a.days, b.days) > 1.15 * min(a.days, b.days):
            return False
    for kind in a.when.keys() & b.when.keys():
        if not a.when[kind] & b.when[kind]:
            return False
    if a.agent and b.agent and a.agent != b.agent:
        return False
    if a.where and b.where and not any(same_place(x, y) for x in a.where for y in b.where):
        return False
    return True


def _groupable(fig, require_event: bool = True) -> bool:
    return bool(fig.key and fig.unit == "" and fig.key.split()[0] not in DURATION_CLASSES
                and (fig.event or not require_event))


def figure_groups(figures: Iterable[Figure], require_event: bool = True) -> list[str]:
    """One group id per figure ("" when not compared): figures of one ``key`` that report
    the same event.

    Within a key, figures that say more (a period, a day, a place) open groups
    first; a figure joins the group it is compatible with (see
    :func:`_compatible`, checked against every member), the one with most
    articles when several are, and opens a new group when none is. So a
    week's total ("since it took effect a week ago, killing 153 soldiers")
    is never compared with one strike's toll, a 40-day total never with a
    five-year war's, and an undated "62 soldiers killed" joins the one
    "soldiers killed" incident the corpus reports. The id is the key with the
    scope ("soldiers killed | total 1 week"), numbered when two groups would
    read the same.
    """
    figures = list(figures)
    ids = [""] * len(figures)
    by_key: dict[str, list[int]] = {}
    for i, fig in enumerate(figures):
        if _groupable(fig, require_event):
            by_key.setdefault(fig.key, []).append(i)

    said = {i: _Said.of(figures[i]) for members in by_key.values() for i in members}
    for key, members in by_key.items():
        groups: list[list[int]] = []
        for i in sorted(members, key=lambda i: (not said[i].period, not said[i].when,
                                                not said[i].where)):
            fits = [g for g in groups if all(_compatible(said[i], said[j]) for j in g)]
            if fits:
                max(fits, key=lambda g: len({figures[j].doc for j in g})).append(i)
            else:
                groups.append([i])
        labels: dict[str, int] = {}
        for group in groups:
            first = figures[group[0]]
            parts = [first.event_scope + (f" {first.period}" if first.period else "")]
            parts += sorted({p for j in group for p in figures[j].when.split("; ") if p})
            parts += list(dict.fromkeys(p for j in group for p in figures[j].where.split("; ")
                                        if p))
            label = f"{key} | " + ", ".join(p for p in parts if p)
            labels[label] = labels.get(label, 0) + 1
            if labels[label] > 1:
                label += f" #{labels[label]}"
            for j in group:
                ids[j] = label
    return ids


def differing_figures(figures: Iterable[Figure], min_docs: int = 2, require_event: bool = True):
    """The same quantity of the same event reported with different values across articles.

    Only figures that count something in an event ("soldiers killed"; bare
    counts such as "two people" only when ``require_event`` is False) are
    grouped, durations never; figures are grouped by ``key`` and event scope
    (:func:`figure_groups`: incident or total, the total's period, the day
    and the place), and a ``group`` is kept when at least ``min_docs``
    articles report it and they do not all agree on the (qualifier, value)
    statement. ``conflict`` says whether two articles' statements cannot both
    be true (their :func:`value_range` do not overlap): "62" and "at least 62"
    differ without conflict, "dozens" agrees with 62 and with 90, 62 and 80
    conflict.
    """
    import pandas as pd

    figures = list(figures)
    groups = figure_groups(figures, require_event)
    kept = [(f, g) for f, g in zip(figures, groups) if g]
    table = figures_table(f for f, _ in kept)
    table["group"] = [g for _, g in kept]
    table["low"] = [value_range(f)[0] for f, _ in kept]
    table["high"] = [value_range(f)[1] for f, _ in kept]
    columns = ["key", "doc", "text", "qualifier", "value", "counted", "agent", "source",
               "source_via", "sentence"]
    extra = ["group", "event_scope", "period", "when", "where", "conflict"]
    if table.empty:
        return pd.DataFrame(columns=columns + ["n_docs", "n_values"] + extra)
    stats = table.groupby("group").agg(n_docs=("doc", "nunique"),
                                       n_values=("text", lambda s: s.str.lower().nunique()))
    conflicts = {group: _conflict(rows) for group, rows in table.groupby("group")}
    stats["conflict"] = [conflicts[g] for g in stats.index]
    keep = stats[(stats.n_docs >= min_docs) & (stats.n_values >= 2)]
    out = table[table.group.isin(keep.index)][columns + extra[:-1]].merge(
        keep.reset_index(), on="group")
    out = out[columns + ["n_docs", "n_values"] + extra]
    return out.sort_values(["n_docs", "key", "group", "value", "doc", "text"],
                           ascending=[False, True, True, True, True, True]).reset_index(drop=True)


def _conflict(rows) -> bool:
    """Two articles of a group give statements that cannot both be true."""
    spans = list(zip(rows.doc, rows.low, rows.high))
    return any(a[0] != b[0] and (a[2] < b[1] or b[2] < a[1])
               for i, a in enumerate(spans) for b in spans[i + 1:])
