"""Regenerate environment.yml from requirements.lock so conda users install the same pins.

Run by ``make lock``; tests/test_environment.py fails when the two disagree.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)")


def lock_pins(path: Path = ROOT / "requirements.lock") -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def render(pins: dict[str, str]) -> str:
    lines = [
        "# Generated from requirements.lock by scripts/sync_environment.py (make lock): do not edit.",
        "# conda env create -f environment.yml && conda activate news-coverage-analysis",
        "name: news-coverage-analysis",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
    ]
    lines += [f"      - {name}=={version}" for name, version in sorted(pins.items())
              if name not in ("pip",)]
    lines.append("      - -e .")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(render(lock_pins()))
    print("environment.yml written")
