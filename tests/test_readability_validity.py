"""Validity on OneStopEnglish: each score must order the three levels of one article as well as textacy.

Reads ``../shared/corpora/onestopenglish`` (189 articles x Ele < Int < Adv); about 15 s,
most of it textacy's side of the comparison.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis import readability as R
from evaluation import data

ONESTOP = data.find("onestopenglish")


@pytest.fixture(scope="module")
def validity():
    frame = R.ordering_validity(ONESTOP)
    return {(r.formula, r.implementation): (r.pairs_correct, r.triples_correct)
            for r in frame.itertuples()}


def test_all_189_articles_are_paired_across_levels():
    leveled = R.load_leveled(ONESTOP)
    assert len(leveled) == 189 and all(len(texts) == 3 for texts in leveled.values())


def test_textacy_reference_figures_are_reproduced(validity):
    pairs, triples = validity[("flesch_kincaid_grade", "textacy")]
    assert round(100 * pairs, 1) == 98.1 and round(100 * triples, 1) == 95.2


def test_ours_orders_levels_at_least_as_well_as_textacy_for_every_shared_formula(validity):
    for name in R.TEXTACY_FORMULAS:
        ours, theirs = validity[(name, "ours")], validity[(name, "textacy")]
        assert ours[0] >= theirs[0] and ours[1] >= theirs[1], (name, ours, theirs)


def test_dale_chall_orders_best(validity):
    ours = {name: v for (name, impl), v in validity.items() if impl == "ours"}
    best = max(ours, key=lambda name: (ours[name][1], ours[name][0]))
    assert best == "dale_chall"
    assert ours["dale_chall"][0] >= 0.98 and ours["dale_chall"][1] >= 0.98
