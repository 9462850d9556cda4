"""Streaming corpus input: the documents of load_corpus, one at a time, in bounded memory."""
from __future__ import annotations

import json
import tracemalloc

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.corpus import CorpusError, CorpusSource, SkippedFile, iter_documents, load_corpora, load_corpus
from conftest import SEEDS


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def key(doc):
    return (doc.id, doc.text, doc.source, doc.metadata)


def streamed(path, **kwargs):
    return [key(d) for d in iter_documents(path, **kwargs)]


def loaded(path, **kwargs):
    return [key(d) for d in load_corpus(path, **kwargs).documents]


ROWS = [
    {"id": "x2", "text": "First  text.\nSecond line, \"quoted\".", "outlet": "AP"},
    {"id": "x0", "text": "Second.", "outlet": "AFP"},
    {"id": "x1", "text": "Caf\u00e9 \u00a33m \u2014 third.", "outlet": ""},
]


# ---- the same documents as load_corpus ------------------------------------------------------

def test_seed_folder_same_documents_same_order():
    assert streamed(SEEDS) == loaded(SEEDS)


def test_folder_with_subfolders_and_metadata(tmp_path):
    write(tmp_path / "tech" / "001.txt", "Chips fell.\n")
    write(tmp_path / "business" / "001.txt", "\ufeffShares rose.\n")
    write(tmp_path / "business" / "002.txt", "Bonds.\r\nMore.\n")
    write(tmp_path / "a-b.txt", "Sorts before a/b by id, after it by path.")
    write(tmp_path / "a" / "b.txt", "Nested.")
    write(tmp_path / ".hidden" / "x.txt", "Never read.")
    write(tmp_path / "metadata.csv", "doc,outlet,date\nbusiness/001.txt,AP,2016-09-18\ntech/001,AFP,\n")
    docs = list(iter_documents(tmp_path))
    assert [key(d) for d in docs] == loaded(tmp_path)
    assert [d.id for d in docs] == ["a-b", "a/b", "business/001", "business/002", "tech/001"]
    assert docs[2].text == "Shares rose.\n"
    assert docs[2].metadata == {"outlet": "AP", "date": "2016-09-18"}


def test_single_txt_file(tmp_path):
    path = write(tmp_path / "one.txt", "\ufeffJust one.")
    assert streamed(path) == loaded(path) == [("one", "Just one.", str(path), {})]


def test_jsonl_file_order(tmp_path):
    path = write(tmp_path / "a.jsonl", "\ufeff" + "\n\n".join(json.dumps(r) for r in ROWS) + "\n  \n")
    assert sorted(streamed(path)) == loaded(path)
    assert [d[0] for d in streamed(path)] == ["x2", "x0", "x1"]


def test_ndjson_without_id_column(tmp_path):
    path = write(tmp_path / "a.ndjson", "\r\n".join(json.dumps({"text": r["text"]}) for r in ROWS))
    assert sorted(streamed(path)) == loaded(path)
    assert [d[0] for d in streamed(path)] == ["1", "2", "3"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_csv_with_multiline_quoted_field(tmp_path, newline):
    path = tmp_path / "a.csv"
    pd.DataFrame(ROWS).to_csv(path, index=False, lineterminator=newline)
    assert b'"First  text.\nSecond line, ""quoted"".",' in path.read_bytes()
    docs = streamed(path)
    assert sorted(docs) == loaded(path)
    assert [d[0] for d in docs] == ["x2", "x0", "x1"]
    assert docs[0][1] == ROWS[0]["text"]
    assert docs[0][2] == f"{path}#row 1"


def test_parquet_file_order(tmp_path):
    path = tmp_path / "a.parquet"
    frame = pd.DataFrame(ROWS).assign(n=[1, 2, 3], when=pd.to_datetime(["2016-09-18", "2016-09-19", "2016-09-20"]))
    frame.to_parquet(path)
    docs = streamed(path)
    assert sorted(docs) == loaded(path)
    assert [d[0] for d in docs] == ["x2", "x0", "x1"]
    assert docs[1][3] == {"outlet": "AFP", "n": "2", "when": "2016-09-19 00:00:00"}


def test_parquet_pandas_index_is_not_a_column(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame(ROWS).set_index("outlet").to_parquet(path)  # index stored as a column
    assert sorted(streamed(path)) == loaded(path)
    pd.DataFrame(ROWS).iloc[1:].to_parquet(path)  # a RangeIndex not starting at 0
    assert sorted(streamed(path)) == loaded(path)


def test_parquet_in_many_batches(tmp_path):
    path = tmp_path / "a.parquet"
    pd.DataFrame({"id": [f"d{i}" for i in range(2500, 0, -1)], "text": ["t"] * 2500}).to_parquet(path)
    docs = streamed(path)
    assert len(docs) == 2500 and docs[0][0] == "d2500" and docs[-1][2] == f"{path}#row 2500"
    assert sorted(docs) == sorted(loaded(path))


def test_windows_1252_with_encoding_list(tmp_path):
    write(tmp_path / "a.txt", "Price \xa33m".encode("cp1252"))
    write(tmp_path / "b.txt", "Plain ASCII.")
    assert streamed(tmp_path, encoding="utf-8,cp1252") == loaded(tmp_path, encoding="utf-8,cp1252")
    table = write(tmp_path / "t.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS).encode("cp1252"))
    assert sorted(streamed(table, encoding="utf-8,cp1252")) == loaded(table, encoding="utf-8,cp1252")
    csv_path = tmp_path / "t.csv"
    pd.DataFrame(ROWS).to_csv(csv_path, index=False, encoding="cp1252")
    docs = streamed(csv_path, encoding="utf-8,cp1252")
    assert sorted(docs) == loaded(csv_path, encoding="utf-8,cp1252")
    assert docs[2][1] == ROWS[2]["text"]


def test_encoding_is_chosen_for_the_whole_file(tmp_path):
    # line 1 is valid UTF-8 but the file is not: like load_corpus, every line is read as cp1252
    path = write(tmp_path / "t.jsonl", '{"id": "a", "text": "caf\u00e9"}\n'.encode("utf-8")
                 + '{"id": "b", "text": "caf\u00e9"}\n'.encode("cp1252"))
    docs = streamed(path, encoding="utf-8,cp1252")
    assert docs == loaded(path, encoding="utf-8,cp1252")
    assert docs[0][1] == "caf\u00c3\u00a9"


# ---- the same errors ------------------------------------------------------------------------

def stream_error(path, **kwargs) -> str:
    with pytest.raises(CorpusError) as info:
        list(iter_documents(path, **kwargs))
    return str(info.value)


def load_error(path, **kwargs) -> str:
    with pytest.raises(CorpusError) as info:
        load_corpus(path, **kwargs)
    return str(info.value)


BAD_INPUTS = {
    # name: (files, path to read, kwargs, reason in the message)
    "missing": ({}, "nope", {}, "no such file or folder"),
    "unsupported": ({"a.docx": b"PK\x03\x04"}, "a.docx", {}, "unsupported file type"),
    "empty folder": ({"sub/readme.md": "x"}, ".", {}, "no .txt files"),
    "empty file": ({"empty.txt": b""}, ".", {}, "file is empty"),
    "whitespace": ({"blank.txt": " \n\t\n"}, ".", {}, "only whitespace"),
    "binary": ({"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, ".", {}, "binary"),
    "not utf-8": ({"latin.txt": b"line one\ncaf\xe9 au lait\n"}, ".", {}, "line 2, column 4: 0xe9"),
    "unknown encoding": ({"a.txt": "x"}, ".", {"encoding": "nope"}, "unknown encoding 'nope'"),
    "orphan metadata": ({"a.txt": "Alpha.", "metadata.csv": "doc,outlet\na,AP\nghost,AFP\n"},
                        ".", {}, "files that do not exist: ghost"),
    "metadata without key": ({"a.txt": "Alpha.", "metadata.csv": "name,outlet\na,AP\n"},
                             ".", {}, "needs a 'doc', 'id' or 'file' column"),
    "table empty file": ({"t.jsonl": b""}, "t.jsonl", {}, "file is empty"),
    "table whitespace": ({"t.csv": "\ufeff \n\u00a0\n \n"}, "t.csv", {}, "only whitespace"),
    "table binary": ({"t.csv": b"id,text\n\x00\x01"}, "t.csv", {}, "binary"),
    "table not utf-8": ({"t.csv": b"id,text\n1,ok\n2,caf\xe9\n"}, "t.csv", {},
                        "not valid utf-8 at byte 18 (line 3, column 6: 0xe9)"),
    "table unknown encoding": ({"t.csv": "id,text\n1,x\n"}, "t.csv", {"encoding": "nope,utf-8"},
                               "unknown encoding 'nope'"),
    "no rows csv": ({"t.csv": "id,text\n"}, "t.csv", {}, "table has no rows"),
    "no rows parquet": ({"t.parquet": pd.DataFrame({"id": [], "text": []})}, "t.parquet", {},
                        "table has no rows"),
    "no text column": ({"t.csv": "id,body_html\n1,<p>x</p>\n"}, "t.csv", {}, "no text column"),
    "no text column parquet": ({"t.parquet": pd.DataFrame({"id": ["1"], "html": ["x"]})}, "t.parquet", {},
                               "no text column"),
    "named text column missing": ({"t.csv": "id,text\n1,x\n"}, "t.csv", {"text_column": "body"},
                                  "no text column (looked for body"),
    "named id column missing": ({"t.csv": "id,text\n1,x\n"}, "t.csv", {"id_column": "key"},
                                "no id column 'key'"),
    "empty id": ({"t.csv": "id,text\n1,x\n ,y\n"}, "t.csv", {}, "row 2: empty id"),
    "null id": ({"t.jsonl": '{"id": "1", "text": "x"}\n{"id": null, "text": "y"}\n'}, "t.jsonl", {},
                "row 2: empty id"),
    "duplicate id": ({"t.csv": "id,text\na,one\na,two\n"}, "t.csv", {},
                     "row 2: duplicate document id 'a' (also row 1)"),
    "missing text": ({"t.jsonl": '{"id": "a", "text": "x"}\n{"id": "b"}\n'}, "t.jsonl", {},
                     "row 2: text is missing"),
    "text not a string": ({"t.jsonl": '{"id": "a", "text": 3}\n{"id": "b", "text": "ok"}\n'}, "t.jsonl", {},
                          "row 1: text is not a string (int)"),
    "blank text": ({"t.jsonl": '{"id": "a", "text": "ok"}\n{"id": "b", "text": "  "}\n'}, "t.jsonl", {},
                   "row 2: text is empty or whitespace-only"),
    "bad json": ({"t.jsonl": '{"id": "a", "text": "ok"}\n\n{"id": "b", "text": \n'}, "t.jsonl", {},
                 "line 3: not valid JSON"),
    "json not an object": ({"t.jsonl": '{"id": "a", "text": "ok"}\n["b", "x"]\n'}, "t.jsonl", {},
                           "line 2: expected a JSON object"),
    "malformed csv": ({"t.csv": 'id,text\n1,"x"y"\n' + "2," + "z" * 200_000 + "\n"}, "t.csv", {},
                      "malformed CSV: field larger than field limit"),
    "not parquet": ({"t.parquet": b"not parquet at all"}, "t.parquet", {}, "cannot read Parquet"),
}


def make(tmp_path, files):
    for name, data in files.items():
        if isinstance(data, pd.DataFrame):
            data.to_parquet(tmp_path / name)
        else:
            write(tmp_path / name, data)


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_same_error_as_load_corpus(tmp_path, case):
    files, target, kwargs, reason = BAD_INPUTS[case]
    make(tmp_path, files)
    path = tmp_path / target
    message = stream_error(path, **kwargs)
    assert reason in message
    if target == ".":
        assert str(tmp_path) in message
    else:
        assert str(path) in message
    if case == "not parquet":  # pandas and pyarrow word the detail differently
        assert reason in load_error(path, **kwargs)
    else:
        assert message == load_error(path, **kwargs)


SKIPPABLE = [case for case in BAD_INPUTS
             if case in {"empty file", "whitespace", "binary", "not utf-8", "empty id", "null id",
                         "duplicate id", "missing text", "text not a string", "blank text"}]


@pytest.mark.parametrize("case", SKIPPABLE)
def test_skip_bad_lists_the_same_skipped(tmp_path, case):
    files, target, kwargs, reason = BAD_INPUTS[case]
    make(tmp_path, files)
    if target == ".":
        write(tmp_path / "good.txt", "Fine text.")
    path = tmp_path / target
    skipped: list[SkippedFile] = []
    docs = [key(d) for d in iter_documents(path, skip_bad=True, skipped=skipped, **kwargs)]
    corpus = load_corpus(path, skip_bad=True, **kwargs)
    assert sorted(docs) == [key(d) for d in corpus.documents]
    assert skipped == corpus.skipped and len(skipped) == 1 and reason.split(": ")[-1] in skipped[0].reason
    assert list(iter_documents(path, skip_bad=True, **kwargs))  # skipped= is optional


def test_skip_bad_folder_and_metadata(tmp_path):
    write(tmp_path / "good.txt", "Fine text.")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "latin.txt", b"caf\xe9")
    write(tmp_path / "metadata.csv", "doc,outlet\ngood,AP\nlatin,AFP\n")  # a skipped file is not an orphan
    skipped: list[SkippedFile] = []
    docs = list(iter_documents(tmp_path, skip_bad=True, skipped=skipped))
    corpus = load_corpus(tmp_path, skip_bad=True)
    assert [key(d) for d in docs] == [key(d) for d in corpus.documents]
    assert docs[0].metadata == {"outlet": "AP"}
    assert skipped == corpus.skipped


def test_everything_skipped(tmp_path):
    write(tmp_path / "empty.txt", b"")
    assert "all files were skipped" in stream_error(tmp_path, skip_bad=True)
    table = write(tmp_path / "t.jsonl", '{"id": "a", "text": " "}\n')
    assert "all rows were skipped" in stream_error(table, skip_bad=True)
    assert stream_error(table, skip_bad=True) == load_error(table, skip_bad=True)


def test_errors_that_skip_bad_does_not_skip(tmp_path):
    path = write(tmp_path / "t.jsonl", '{"id": "a", "text": "ok"}\n{"id": "b", "text": " "}\nnot json\n')
    skipped: list[SkippedFile] = []
    stream = iter_documents(path, skip_bad=True, skipped=skipped)
    assert next(stream).id == "a"  # streamed before the bad line is reached
    with pytest.raises(CorpusError, match="line 3: not valid JSON"):
        next(stream)
    assert [s.path for s in skipped] == [f"{path}#row 2"]


def test_missing_path_and_unsupported_type_raise_at_the_call(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        iter_documents(tmp_path / "nope")
    with pytest.raises(CorpusError, match="unsupported file type"):
        iter_documents(write(tmp_path / "a.docx", b"PK"))


# ---- CorpusSource ---------------------------------------------------------------------------

def test_source_of_one_or_many_paths(tmp_path):
    one = write(tmp_path / "one" / "a.txt", "One.")
    write(tmp_path / "two" / "b.txt", "Two.")
    assert CorpusSource.of(tmp_path / "one").paths == (str(tmp_path / "one"),)
    assert CorpusSource.of(str(one)).paths == (str(one),)
    source = CorpusSource.of([tmp_path / "one", str(tmp_path / "two")], encoding="utf-8,cp1252")
    assert source.paths == (str(tmp_path / "one"), str(tmp_path / "two")) and source.encoding == "utf-8,cp1252"
    assert [d.id for d in source] == ["a", "b"]
    loaded_corpus = source.load()
    expected = load_corpora([tmp_path / "one", tmp_path / "two"], encoding="utf-8,cp1252")
    assert [key(d) for d in loaded_corpus] == [key(d) for d in expected]


def test_source_duplicate_id_across_paths(tmp_path):
    write(tmp_path / "one" / "a.txt", "One.")
    table = write(tmp_path / "two.jsonl", '{"id": "b", "text": "B."}\n{"id": "a", "text": "Two."}\n')
    source = CorpusSource.of([tmp_path / "one", table])
    with pytest.raises(CorpusError) as info:
        list(source)
    message = str(info.value)
    assert f"{table}#row 2" in message
    assert "duplicate document id 'a' (also " + str(tmp_path / "one" / "a.txt") + ")" in message
    with pytest.raises(CorpusError, match="duplicate document id 'a'"):
        source.load()


def test_source_iterates_twice_with_the_same_skipped(tmp_path):
    write(tmp_path / "one" / "a.txt", "One.")
    write(tmp_path / "one" / "empty.txt", b"")
    write(tmp_path / "two.csv", "id,text\nb,Two.\nc,\n")
    source = CorpusSource.of([tmp_path / "one", tmp_path / "two.csv"], skip_bad=True)
    first = [key(d) for d in source]
    skipped = list(source.skipped)
    second = [key(d) for d in source]
    assert first == second and [d[0] for d in first] == ["a", "b"]
    assert source.skipped == skipped == source.load().skipped
    assert [s.path for s in skipped] == [str(tmp_path / "one" / "empty.txt"), f"{tmp_path / 'two.csv'}#row 2"]


def test_source_equality_ignores_skipped(tmp_path):
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "a.txt", "A.")
    source = CorpusSource.of(tmp_path, skip_bad=True)
    list(source)
    assert source.skipped and source == CorpusSource.of(tmp_path, skip_bad=True)


# ---- bounded memory -------------------------------------------------------------------------

N_BIG = 100_000
FILLER = ("The minister said the budget would be balanced by next spring, officials said. " * 13)[:1000]


@pytest.fixture(scope="module")
def big_jsonl(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    template = '{"id": "doc%06d", "outlet": "AP", "text": "%06d ' + FILLER + '"}\n'
    with open(path, "w", encoding="utf-8") as f:
        for start in range(0, N_BIG, 10_000):
            f.write("".join(template % (i, i) for i in range(start, start + 10_000)))
    return path


@pytest.fixture(scope="module")
def big_parquet(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.parquet"
    schema = pa.schema([("id", pa.string()), ("outlet", pa.string()), ("text", pa.string())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, N_BIG, 10_000):
            ids = [f"doc{i:06d}" for i in range(start, start + 10_000)]
            texts = [f"{i:06d} {FILLER}" for i in range(start, start + 10_000)]
            writer.write_table(pa.table({"id": ids, "outlet": ["AP"] * len(ids), "text": texts}, schema=schema),
                               row_group_size=5_000)
    return path


def traced_peak_streaming(path) -> tuple[int, int, int]:
    tracemalloc.start()
    try:
        count = chars = 0
        for doc in iter_documents(path):
            count += 1
            chars += doc.n_chars
        return count, chars, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fixture", ["big_jsonl", "big_parquet"])
def test_streaming_memory_is_bounded(request, fixture):
    path = request.getfixturevalue(fixture)
    count, chars, peak = traced_peak_streaming(path)
    assert count == N_BIG
    assert chars > 100_000_000  # holding every text would need more than 100 MB
    assert peak < 40 * 2**20, f"traced peak {peak / 2**20:.1f} MB"


def test_big_jsonl_first_documents_match_load(tmp_path, big_jsonl):
    head = tmp_path / "head.jsonl"
    with open(big_jsonl, "rb") as f:
        head.write_bytes(b"".join(next(f) for _ in range(50)))
    first = []
    for doc in iter_documents(big_jsonl):
        first.append(key(doc))
        if len(first) == 50:
            break
    assert first == [(i, t, s.replace(str(head), str(big_jsonl)), m) for i, t, s, m in loaded(head)]
