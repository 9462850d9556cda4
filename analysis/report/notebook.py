"""Executing a notebook for a report, and keeping the executed file free of what changes every run.

``python -m analysis.report run NOTEBOOK OUTPUT name=value...`` executes with
papermill (parameters injected, as ``papermill -p`` does) over a local socket
kernel transport, so no kernel listens on TCP; ``python -m analysis.report clean
NOTEBOOK...`` drops timestamps, machine paths and random cell ids.
"""
from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["execute_notebook", "clean_notebook", "parse_parameter"]

_VOLATILE_CELL_KEYS = ("execution", "papermill")


def parse_parameter(value: str):
    """A ``name=value`` parameter's value as papermill's ``-p`` reads it: True/False, None, numbers,
    else the string."""
    if value in ("True", "False"):
        return value == "True"
    if value == "None":
        return None
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def execute_notebook(source: str | Path, output: str | Path, parameters: dict) -> None:
    """Run ``source`` with ``parameters`` into ``output`` (papermill; the kernel on a Unix socket)."""
    import papermill
    from traitlets.config import Config

    papermill.execute_notebook(str(source), str(output), parameters=parameters, kernel_name="python3",
                               progress_bar=False, log_output=False,
                               config=Config({"KernelManager": {"transport": "ipc"}}))


def clean_notebook(path: str | Path) -> None:
    """Drop run timestamps, machine paths and random cell ids papermill writes into a notebook.

    nbval ignores metadata, but a committed report should not change when
    nothing but the clock changed.
    """
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    papermill = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {"parameters": papermill.get("parameters", {})}
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id on every run
    nbformat.write(nb, path)


USAGE = ("usage: python -m analysis.report run NOTEBOOK OUTPUT [name=value...]\n"
         "       python -m analysis.report clean NOTEBOOK...")


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "run":
        pairs = [a.split("=", 1) for a in argv[3:]]
        if any(len(p) != 2 for p in pairs):
            print(USAGE, file=sys.stderr)
            return 2
        execute_notebook(argv[1], argv[2], {k: parse_parameter(v) for k, v in pairs})
        return 0
    if len(argv) >= 2 and argv[0] == "clean":
        for name in argv[1:]:
            clean_notebook(name)
        return 0
    print(USAGE, file=sys.stderr)
    return 2
