"""``python -m analysis corpus``: formats, and bad input as one clear line (never a traceback)."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

from analysis.cli import main
from conftest import ROOT, SEEDS


def run_cli(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_corpus_jsonl_has_one_row_per_seed():
    code, out, _ = run_cli("corpus", str(SEEDS), "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"] for r in rows] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for row in rows:
        assert row["words"] > 300 and row["sentences"] > 10 and row["paragraphs"] > 5
        assert row["characters"] == len((SEEDS / f"{row['doc']}.txt").read_text(encoding="utf-8"))


def test_corpus_csv_and_table():
    code, out, _ = run_cli("corpus", str(SEEDS), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("doc,words,sentences,paragraphs,characters")
    assert len(out.splitlines()) == 6
    code, out, _ = run_cli("corpus", str(SEEDS))
    assert code == 0 and "003_dd5d8b1be3cd4b6b" in out and "words" in out.splitlines()[0]


def test_bad_input_is_one_line_not_a_traceback(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9")
    proc = subprocess.run([sys.executable, "-m", "analysis", "corpus", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'bad.txt'}: bytes are not valid utf-8 at byte 3 (line 1, column 4: 0xe9); "
        "pass encoding= (--encoding on the command line) to read another encoding, or a comma list "
        "tried in order such as 'utf-8,cp1252'"]


def test_missing_path_and_missing_model(tmp_path):
    code, _, err = run_cli("corpus", str(tmp_path / "none"))
    assert code == 2 and "no such file or folder" in err
    code, _, err = run_cli("corpus", str(SEEDS), "--model", "no_such_pipeline")
    assert code == 2 and "cannot load spaCy pipeline 'no_such_pipeline'" in err


def test_skip_bad_lists_skipped_in_output(tmp_path):
    (tmp_path / "good.txt").write_text("Kerry said the truce held.")
    (tmp_path / "empty.txt").write_text("")
    code, out, err = run_cli("corpus", str(tmp_path), "--skip-bad", "--format", "jsonl")
    assert code == 0
    assert f"skipped {tmp_path / 'empty.txt'}: file is empty" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[-1] == {"doc": str(tmp_path / "empty.txt"), "status": "skipped: file is empty"}
