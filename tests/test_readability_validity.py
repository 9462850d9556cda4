"""Validity on OneStopEnglish: each score must order the three levels of one article as well as textacy.

Computed live on the shipped data (``evaluation/data/onestopenglish``, 189
articles x Ele < Int < Adv; about 15 s, most of it textacy's side of the
comparison). The floors are the figures ``benchmarks/readability_validity.py``
recorded in ``benchmarks/results/quality.json``, minus a tolerance, and never
below the floors set when the formulas were written.
"""
from __future__ import annotations

import pytest

from evaluation import onestop, results

#: floors that held before the figures were recorded; a recorded figure never lowers them
FIXED_FLOORS = {("dale_chall", "ours"): {"pairs": 0.98, "triples": 0.98}}


@pytest.fixture(scope="module")
def recorded() -> dict:
    return results.section("readability")["onestopenglish"]


@pytest.fixture(scope="module")
def validity():
    frame = onestop.ordering_validity()
    return {(r.formula, r.implementation): (r.pairs_correct, r.triples_correct)
            for r in frame.itertuples()}


def test_all_189_articles_are_paired_across_levels(recorded):
    leveled = onestop.load_leveled()
    assert len(leveled) == 189 and all(len(texts) == 3 for texts in leveled.values())
    assert len(leveled) == recorded["articles"]


def test_textacy_reference_figures_are_reproduced(validity):
    pairs, triples = validity[("flesch_kincaid_grade", "textacy")]
    assert round(100 * pairs, 1) == 98.1 and round(100 * triples, 1) == 95.2


def test_ours_orders_levels_at_least_as_well_as_textacy_for_every_shared_formula(validity):
    for name in onestop.TEXTACY_FORMULAS:
        ours, theirs = validity[(name, "ours")], validity[(name, "textacy")]
        assert ours[0] >= theirs[0] and ours[1] >= theirs[1], (name, ours, theirs)


def test_every_formula_orders_at_least_as_well_as_recorded(validity, recorded):
    checked = 0
    for name, implementations in recorded["formulas"].items():
        for impl, shares in implementations.items():
            live = dict(zip(("pairs", "triples"), validity[(name, impl)]))
            for what in ("pairs", "triples"):
                floor = max(results.floor(shares[what]), FIXED_FLOORS.get((name, impl), {}).get(what, 0.0))
                assert live[what] >= floor, (name, impl, what, live[what], floor)
                checked += 1
    assert checked == 2 * len(validity)


def test_dale_chall_orders_best(validity, recorded):
    ours = {name: v for (name, impl), v in validity.items() if impl == "ours"}
    best = max(ours, key=lambda name: (ours[name][1], ours[name][0]))
    assert best == "dale_chall" == recorded["best"]
    assert ours["dale_chall"][0] >= 0.98 and ours["dale_chall"][1] >= 0.98
