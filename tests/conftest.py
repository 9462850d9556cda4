"""Shared fixtures: project paths, the ../shared data folder, and the default model (loaded once)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpora" / "bbc"


@pytest.fixture(scope="session")
def nlp():
    from analysis.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seeds():
    from analysis.corpus import load_corpus

    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_docs(seeds, nlp):
    from analysis.nlp import parse_corpus

    return parse_corpus(seeds, nlp)
