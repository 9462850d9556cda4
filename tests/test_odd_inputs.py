"""Odd input through every command of the real command line, and through ``analysis.analyze``.

Each input gets either a result or exactly one line on stderr naming the file and the reason
(exit code 2), never a traceback. With ``--skip-bad`` the good files' results are the same as
without the bad ones, and each bad file is listed with its reason.
"""
from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

COMMANDS = ("corpus", "readability", "attributions", "overlap", "analyze")
GOOD = ("Kerry said the truce was holding. \"We are not giving up,\" he told reporters in Geneva "
        "on Monday.\n\nThe Pentagon said 62 soldiers were killed, but Syria's army said 80.")


def _five_megabyte_line() -> str:
    """One line of 5 MB: a sentence of prose, then a data blob pasted after it (hex runs of a few
    thousand characters between single spaces), as a scraped page or a log line can be. Cheap to
    parse, it still has to be cut into pieces, and a piece can only be cut at a space or hard."""
    rng = random.Random(7)
    parts, size = [GOOD.replace("\n", " ")], len(GOOD)
    while size < 5_000_000:
        part = "".join(rng.choices("0123456789abcdef", k=rng.randint(1000, 4000)))
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)[:5_000_000]


#: name -> (how to make it, what the commands give: "ok" or the reason the error line names)
def _make_inputs(root: Path) -> dict[str, tuple[Path, str]]:
    inputs: dict[str, tuple[Path, str]] = {}

    def put(name: str, data: bytes | str, expect: str) -> None:
        path = root / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        inputs[name] = (path, expect)

    put("empty.txt", b"", "file is empty")
    put("whitespace.txt", " \n\t\r\n  \n", "file contains only whitespace")
    put("binary.txt", bytes(range(256)) * 40, "looks like a binary file")
    put("latin1.txt", "Le président a dit « non ». Café crème, à Genève.".encode("latin-1"),
        "bytes are not valid utf-8")
    put("nul-inside.txt", ("Kerry said the truce held. " * 400 + "\x00" + GOOD).encode("utf-8"), "ok")
    put("page.html", "<html><body><p>Kerry said the truce was holding.</p></body></html>",
        "unsupported file type '.html'")
    put("html-inside.txt", "<html><head><script>var x = \"a\";</script></head><body><p>Kerry said "
        "\"the truce <b>was</b> holding.</p><p>It was, he said.</p></body></html>", "ok")
    put("quotes.txt", "He said \"this is \"nested\" and 'single \"double\" inside' and unbalanced. "
        "\"\"\" “open ‘inner” closed’ «French » \n\n\"Another \" \" \" \"\n\n“Never closed", "ok")
    put("emoji.txt", "The mayor 😀 said “ça va” — e\u0301\u0301 ñ; a family 👨‍👩‍👧 waved. "
        "\"Great 👍,\" she said. Ｆｕｌｌｗｉｄｔｈ text and ﬁ ligatures.", "ok")
    put("rtl.txt", "قال الوزير إن الهدنة صامدة. \"نحن لا نستسلم\" قال المتحدث.\n\nהשר אמר כי ההפסקה "
        "מחזיקה. Kerry said \u202eabc\u202c was fine, \u200fthe envoy\u200f added.", "ok")
    put("crlf.txt", GOOD.replace("\n", "\r\n"), "ok")
    put("five-megabytes.txt", _five_megabyte_line(), "ok")
    with open(root / "duplicate-ids.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerows([["id", "text"], ["a", GOOD], ["b", GOOD.replace("Kerry", "Lavrov")],
                          ["a", GOOD]])
    inputs["duplicate-ids.csv"] = (root / "duplicate-ids.csv", "duplicate document id 'a'")
    put("no-text-column.csv", "id,headline\na,Truce holds\n", "no text column")
    inputs["missing.txt"] = (root / "missing.txt", "no such file or folder")
    mixed = root / "mixed"
    mixed.mkdir()
    (mixed / "good1.txt").write_text(GOOD, encoding="utf-8")
    (mixed / "good2.txt").write_text(GOOD.replace("Kerry", "Lavrov"), encoding="utf-8")
    (mixed / "empty.txt").write_bytes(b"")
    (mixed / "noise.txt").write_bytes(b"\x00\x01\x02" * 100)
    (mixed / "latin.txt").write_bytes("café".encode("latin-1"))
    inputs["mixed"] = (mixed, "file is empty")  # the first bad file in id order
    return inputs


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    return _make_inputs(tmp_path_factory.mktemp("odd"))


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    # one parse cache for every run: the 5 MB line is parsed once, then read back
    return {**os.environ, "ANALYSIS_CACHE": str(tmp_path_factory.mktemp("cache")),
            "ANALYSIS_PROGRESS": "0"}


def run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=1200)


def _check(proc: subprocess.CompletedProcess, path: Path, expect: str) -> list[dict]:
    """The run gave a result (JSON lines) or one error line naming ``path``; never a traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    if expect == "ok":
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and str(path) in lines[0] and expect in lines[0], lines[0]
    return []


@pytest.mark.parametrize("command", COMMANDS)
def test_every_odd_input_gives_a_result_or_one_line(odd, env, command):
    for name, (path, expect) in odd.items():
        records = _check(run(env, command, path, "--format", "jsonl"), path, expect)
        if expect == "ok" and command in ("corpus", "readability", "analyze"):
            assert len(records) == 1, (name, records)
        if expect == "ok" and command == "corpus":
            text = path.read_bytes().decode("utf-8")
            assert records[0]["characters"] == len(text), name  # CRLF, NUL and all kept


def test_attribution_offsets_point_into_the_text_as_read(odd, env):
    for name in ("crlf.txt", "emoji.txt", "quotes.txt", "rtl.txt", "html-inside.txt", "nul-inside.txt"):
        path, _ = odd[name]
        text = path.read_bytes().decode("utf-8")
        for rec in _check(run(env, "attributions", path, "--format", "jsonl"), path, "ok"):
            for span in rec["contents"] + [s for s in (rec["cue"], rec["source"]) if s]:
                assert text[span["start"]:span["end"]] == span["text"], (name, span)


def test_latin1_reads_with_an_encoding(odd, env):
    path, _ = odd["latin1.txt"]
    (record,) = _check(run(env, "corpus", path, "--format", "jsonl", "--encoding", "latin-1"),
                       path, "ok")
    assert record["characters"] == len("Le président a dit « non ». Café crème, à Genève.")


@pytest.mark.parametrize("command", COMMANDS)
def test_skip_bad_keeps_the_good_files_unchanged_and_lists_the_bad(odd, env, tmp_path, command):
    mixed, _ = odd["mixed"]
    only_good = tmp_path / "mixed"
    only_good.mkdir()
    for name in ("good1.txt", "good2.txt"):
        (only_good / name).write_bytes((mixed / name).read_bytes())
    skipped = run(env, command, mixed, "--format", "jsonl", "--skip-bad")
    clean = run(env, command, only_good, "--format", "jsonl")
    assert skipped.returncode == clean.returncode == 0, skipped.stderr
    good_records = [r for r in map(json.loads, skipped.stdout.splitlines())
                    if not str(r.get("status", "")).startswith("skipped")]
    assert json.dumps(good_records, sort_keys=True) == json.dumps(
        list(map(json.loads, clean.stdout.splitlines())), sort_keys=True)
    listed = [line for line in skipped.stderr.splitlines() if line.startswith("skipped ")]
    assert listed == [f"skipped {mixed / 'empty.txt'}: file is empty",
                      f"skipped {mixed / 'latin.txt'}: bytes are not valid utf-8 at byte 3 "
                      "(line 1, column 4: 0xe9); pass encoding= (--encoding on the command line) "
                      "to read another encoding, or a comma list tried in order such as "
                      "'utf-8,cp1252'",
                      f"skipped {mixed / 'noise.txt'}: looks like a binary file (contains NUL "
                      "bytes), not text"], skipped.stderr


def test_skip_bad_on_a_table_lists_the_duplicate_row(odd, env):
    path, _ = odd["duplicate-ids.csv"]
    proc = run(env, "corpus", path, "--format", "jsonl", "--skip-bad")
    records = _check(proc, path, "ok")
    assert [r["doc"] for r in records if "words" in r] == ["a", "b"]
    assert f"skipped {path}#row 3: duplicate document id 'a' (also row 1)" in proc.stderr


def test_analyze_in_python_gives_a_result_or_one_error(odd, env, monkeypatch, tmp_path):
    from analysis import analyze
    from analysis.errors import AnalysisError

    monkeypatch.setenv("ANALYSIS_CACHE", env["ANALYSIS_CACHE"])
    for name, (path, expect) in odd.items():
        if expect == "ok":
            rows = analyze(path, out=tmp_path / name, processes=1, progress=False)
            assert len(rows) == 1 and rows[0]["words"] >= 1, name
        else:
            with pytest.raises(AnalysisError) as err:
                analyze(path, out=tmp_path / name, processes=1, progress=False)
            message = str(err.value)
            assert "\n" not in message and str(path) in message and expect in message, message


def test_help_of_every_command(env):
    proc = run(env, "--help")
    assert proc.returncode == 0 and all(c in proc.stdout for c in COMMANDS)
    for command in COMMANDS:
        proc = run(env, command, "--help")
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
