"""Shared fixtures: project paths, reference data, and the default model (loaded once).

Shipped reference data (LitBank, OneStopEnglish, readability values) is always
there. Optional data (the BBC corpus) is looked for under ``ANALYSIS_DATA``
(default ``../shared``); a test that needs it is skipped, with the reason, when
it is absent, and fails instead when ``ANALYSIS_REQUIRE_DATA=1`` (as in CI,
where ``../shared`` exists and nothing may be skipped for missing data).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from evaluation import data

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def require(name: str) -> Path:
    """The folder of data set ``name``; skips the test (or fails it in CI) when it is absent."""
    path = data.find(name)
    if path is None:
        reason = data.missing_reason(name)
        if os.environ.get("ANALYSIS_REQUIRE_DATA") == "1":
            pytest.fail(f"{reason} (ANALYSIS_REQUIRE_DATA=1: nothing may be skipped)")
        pytest.skip(reason)
    return path


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


@pytest.fixture(scope="session")
def bbc_path() -> Path:
    """The optional BBC corpus folder (2,225 articles; copyright BBC, never shipped)."""
    return require("bbc")


@pytest.fixture(scope="session")
def bbc(bbc_path):
    from analysis.corpus import load_corpus

    return load_corpus(bbc_path, encoding="utf-8,cp1252")
