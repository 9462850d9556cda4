"""Build ``seeds_gold.jsonl``: hand annotation of every reported count in the seeds.

Run ``python -m evaluation.numbers.seeds_gold`` after changing an annotation.
The convention is in ``CONVENTIONS.md`` beside it. Mentions are named by
exact text, never by hand-typed offsets: ``(context, mention)`` where
``context`` occurs exactly once in the file and ``mention`` is taken inside it
(first occurrence), so the offsets cannot drift from the text. The script
checks that every ``start``/``end`` slices ``text`` out of the file as read
from disk (UTF-8, no normalisation).
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
OUT = Path(__file__).with_name("seeds_gold.jsonl")

D0, D1, D2, D3, D4 = (
    "000_efd52faf37b7adfc",
    "001_2ea762ec2a6e19ec",
    "002_8f989ecaa6f1435a",
    "003_dd5d8b1be3cd4b6b",
    "004_cc716844c73cc4e2",
)

STRIKE_KILLED = "deir-ez-zor-strike/soldiers-killed"


def Q(doc, context, mention, value, qualifier, counted, event, note="", vague_range=None):
    """One gold mention; ``vague_range`` is [low, high) for vague words ("dozens")."""
    return dict(doc=doc, context=context, mention=mention, value=value, qualifier=qualifier,
                counted=counted, event=event, note=note, range=vague_range)


GOLD = [
    # ---------------------------------------------------------------- 000 UndergroundReporter
    Q(D0, "airstrike killed 62 Syrian soldiers", "62", 62, "", "Syrian soldiers", STRIKE_KILLED),
    # ---------------------------------------------------------------- 001 AFP (Kerry holds out)
    Q(D1, "rockets at four opposition districts", "four", 4, "", "opposition districts",
      "aleppo-rocket-attack/districts-hit",
      note="districts hit, a count of places attacked; no day given (the article's Monday)"),
    Q(D1, "said 90 troops were killed", "90", 90, "", "troops", STRIKE_KILLED,
      note="'during the USA-led strike': the Deir ez-Zor strike of Saturday 17 September"),
    Q(D1, "violated the truce 302 times", "302", 302, "", "truce violations (times)",
      "truce-week/violations-by-rebels",
      note="a total since the truce took effect, by the rebels only (Russian military count)"),
    Q(D1, "killing 63 civilians", "63", 63, "", "civilians",
      "truce-week-rebel-violations/civilians-killed",
      note="total of the week's rebel violations, not one attack"),
    Q(D1, "and 153 Syrian soldiers", "153", 153, "", "Syrian soldiers",
      "truce-week-rebel-violations/soldiers-killed",
      note="a week's total killed by rebel violations: a different quantity from the strike toll"),
    Q(D1, "that at least 62 Syrian soldiers", "at least 62", 62, "at least", "Syrian soldiers",
      STRIKE_KILLED),
    Q(D1, "and more than 100 wounded", "more than 100", 100, "more than", "Syrian soldiers",
      "deir-ez-zor-strike/soldiers-wounded",
      note="elliptical: the counted noun is the soldiers of the same sentence"),
    Q(D1, "about 7,000 food parcels", "about 7,000", 7000, "about", "food parcels",
      "moadamiyat-aid-delivery/food-parcels-distributed"),
    # ---------------------------------------------------------------- 002 (unsigned)
    Q(D2, "killing more than 60 soldiers", "more than 60", 60, "more than", "soldiers",
      STRIKE_KILLED),
    Q(D2, "or 80 according", "80", 80, "", "soldiers", STRIKE_KILLED,
      note="elliptical: 'or 80 [soldiers]', the Syrian Observatory's figure"),
    Q(D2, "at least 55 violations", "at least 55", 55, "at least", "violations of the Cease-fire",
      "truce-week/violations-all-parties",
      note="hard call: violations by any party, excluding the US strike, no source; kept apart "
           "from the 302 violations 'by the rebels' of 001 (a different who)"),
    # ---------------------------------------------------------------- 003 AP
    Q(D3, "killed at least eight people", "at least eight", 8, "at least", "people",
      "aleppo-and-village-raids-sunday/people-killed",
      note="Sunday's first raids on Aleppo and a southern village; not the strike"),
    Q(D3, "killed dozens of Syrian soldiers", "dozens", 24, "vague", "Syrian soldiers",
      STRIKE_KILLED, note="vague: dozens = [24, 120)", vague_range=[24, 120]),
    Q(D3, "More than 2,000 people", "More than 2,000", 2000, "more than", "people",
      "aleppo-40-days-fighting/people-killed",
      note="a total over 40 days of fighting in Aleppo"),
    Q(D3, "including 700 civilians", "700", 700, "", "civilians",
      "aleppo-40-days-fighting/civilians-killed", note="part of the 40-day total"),
    Q(D3, "among them 160 children", "160", 160, "", "children",
      "aleppo-40-days-fighting/children-killed", note="part of the 40-day total"),
    Q(D3, "that dozens of residents", "dozens", 24, "vague", "residents",
      "aleppo-evacuation-sunday/residents-left",
      note="residents who left rebel-held areas (displaced), state TV", vague_range=[24, 120]),
    # ---------------------------------------------------------------- 004 AFP (Jaafari)
    Q(D4, "killed more than 300,000 people", "more than 300,000", 300000, "more than", "people",
      "syrian-war/people-killed", note="the whole five-year war"),
    Q(D4, "killed scores of Syrian soldiers", "scores", 40, "vague", "Syrian soldiers",
      STRIKE_KILLED, note="vague: scores = [40, 200)", vague_range=[40, 200]),
    Q(D4, "committed dozens of similar mistakes", "dozens", 24, "vague", "similar mistakes",
      "us-policy/mistakes-committed",
      note="rhetorical count of occurrences in a quote; in scope (things that happened)",
      vague_range=[24, 120]),
]


def build() -> list[dict]:
    rows = []
    for g in GOLD:
        text = (SEEDS / f"{g['doc']}.txt").read_text(encoding="utf-8")
        at = text.find(g["context"])
        if at < 0 or text.find(g["context"], at + 1) >= 0:
            raise ValueError(f"context not unique in {g['doc']}: {g['context']!r}")
        inner = g["context"].find(g["mention"])
        if inner < 0:
            raise ValueError(f"{g['mention']!r} not in {g['context']!r}")
        start = at + inner
        end = start + len(g["mention"])
        assert text[start:end] == g["mention"]
        row = {"doc": g["doc"], "start": start, "end": end, "text": g["mention"],
               "value": g["value"], "qualifier": g["qualifier"], "counted": g["counted"],
               "event": g["event"]}
        if g["range"]:
            row["range"] = g["range"]
        if g["note"]:
            row["note"] = g["note"]
        rows.append(row)
    return sorted(rows, key=lambda r: (r["doc"], r["start"]))


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    events = {r["event"] for r in rows}
    print(f"{len(rows)} mentions, {len(events)} events -> {OUT.name}")


if __name__ == "__main__":
    main()
