"""The README's quality table is the one ``benchmarks/results/quality.json`` gives."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("readme_figures", ROOT / "scripts" / "readme_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_quotes_the_recorded_figures():
    assert _script().main(["--check"]) == 0, "run python scripts/readme_figures.py"


def test_the_table_lists_every_recorded_gold_set():
    script = _script()
    results = {"attribution": {"seeds": {"order": 1, "label": "Seeds", "n_gold": 3, "content_f1": 0.5,
                                         "content_speaker_f1": 0.25}},
               "polnear": {"dev": {"n_gold": 9, "content": {"precision": 1, "recall": 0.5, "f1": 0.667},
                                   "content_speaker": {"precision": 1, "recall": 0.5, "f1": 0.667}}}}
    table = script.render(results)
    assert "Seeds (3 gold attributions) | content F1 0.50, content+speaker F1 0.25" in table
    assert "PolNeAR political news, PARC (9 gold attributions), our development split" in table
    assert "content F1 0.667 (P 1.000, R 0.500)" in table
    readme = f"intro\n{script.START}\nold\n{script.END}\nrest"
    assert script.updated(readme, results) == f"intro\n{table}\nrest"
