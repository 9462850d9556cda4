"""Predictions to score: the attributions CLI, run in-process exactly as a user runs it."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

from analysis.errors import AnalysisError

__all__ = ["run_cli_attributions", "predict_documents"]


def run_cli_attributions(paths: Iterable[str | Path], extra_args: Iterable[str] = ()) -> list[dict]:
    """Run ``python -m analysis attributions PATH... --format jsonl`` in-process; parsed records."""
    from analysis.cli import main

    argv = ["attributions", *map(str, paths), "--format", "jsonl", *extra_args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse rejects the arguments
            code = exit_.code
    if code != 0:
        raise AnalysisError(f"attributions CLI exited {code}: {err.getvalue().strip()}")
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def predict_documents(root: Path, doc_ids: Iterable[str], encoding: str = "utf-8") -> list[dict]:
    """CLI output on a copy of just these documents of the corpus folder ``root``.

    Ids are kept (``topic/NNN`` for ``root/topic/NNN.txt``), so the records
    line up with gold annotations of a sample of a larger corpus.
    """
    doc_ids = list(doc_ids)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / Path(root).name
        for doc_id in doc_ids:
            target = copy / f"{doc_id}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(root) / f"{doc_id}.txt", target)
        predicted = run_cli_attributions([copy], ["--encoding", encoding])
    unknown = {p["doc"] for p in predicted} - set(doc_ids)
    if unknown:
        raise AnalysisError(f"CLI returned unexpected document ids: {sorted(unknown)}")
    return predicted
