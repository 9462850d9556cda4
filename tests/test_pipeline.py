"""``analysis.analyze`` / ``python -m analysis analyze``: one parse per document, every layer,
Parquet tables, every core, resumable batches, Dask."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.pipeline import executors
from analysis.cli import main
from analysis.corpus import Corpus, load_corpus
from analysis.pipeline import EVENT_LAYERS_FILE, EVENT_TABLES, TABLES, analyze, read_tables
from conftest import SEEDS

LEGACY = {"corpus.csv", "readability.csv", "attributions.jsonl", "attribution_metrics.csv",
          "credits.csv", "overlap.jsonl", "skipped.csv"}


@pytest.fixture(scope="module")
def seeds_out(seeds, nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds_out")
    return analyze(seeds, nlp, out), out


@pytest.fixture(scope="module")
def bbc_sample(bbc):
    corpus = bbc
    # reprinted and partly shared articles (pairs and passages) among unrelated ones
    shared = {"business/007", "business/253", "politics/142", "politics/222", "sport/385",
              "sport/387", "tech/059", "tech/322"}
    docs = [d for d in corpus if d.id in shared or d.id.endswith(("0", "5")) and d.id < "business/1"]
    return Corpus(sorted(docs, key=lambda d: d.id))


def _bytes(folder: Path) -> dict[str, bytes]:
    return {n: (folder / f"{n}.parquet").read_bytes() for n in TABLES}


def test_analyze_writes_every_layer(seeds_out, seeds):
    rows, out = seeds_out
    assert [r["doc"] for r in rows] == seeds.ids
    for r in rows:
        assert r["words"] > 300 and 5 < r["flesch_kincaid_grade"] < 25
        assert r["attributions"] >= 1
    names = {p.name for p in out.iterdir()}
    assert LEGACY | {f"{t}.parquet" for t in TABLES} | {"batches"} | \
        {f"{t}.parquet" for t in EVENT_TABLES.values()} | {EVENT_LAYERS_FILE} == names
    assert len(pd.read_csv(out / "readability.csv")) == 5
    atts = [json.loads(line) for line in (out / "attributions.jsonl").read_text().splitlines()]
    assert sum(r["all_attributions"] for r in rows) == len(atts)
    assert sum(r["attributions"] for r in rows) == sum(a["cue_class"] == "speech" for a in atts)
    texts = {d.id: d.text for d in seeds}
    for a in atts:
        assert texts[a["doc"]][a["content"]["start"]:a["content"]["end"]] == a["content"]["text"]
    kinds = {json.loads(line)["kind"] for line in (out / "overlap.jsonl").read_text().splitlines()}
    assert {"passage", "quote", "figure", "paraphrase", "source_pair"} <= kinds


def test_parquet_tables_match_the_layers(seeds_out, seeds, nlp, seed_docs):
    from analysis import attribution, readability
    from analysis.overlap import reuse_tables

    rows, out = seeds_out
    tables = read_tables(out)
    docs = tables["documents"]
    assert docs["doc"].tolist() == seeds.ids and docs["text"].tolist() == seeds.texts
    assert docs["words"].tolist() == [r["words"] for r in rows]
    # the attributions table is the attributions command's records, offsets exact integers
    expected = attribution.attribution_records(seeds, nlp, parsed=seed_docs)
    got = tables["attributions"].to_dict("records")
    assert got == expected
    assert all(isinstance(r["content"]["start"], int) for r in got)
    metrics = attribution.article_metrics(seeds, parsed=seed_docs)
    pd.testing.assert_frame_equal(tables["attribution_metrics"], metrics, check_dtype=False)
    scores = readability.readability_table(seeds)
    assert tables["readability"]["flesch_kincaid_grade"].tolist() == \
        scores["flesch_kincaid_grade"].tolist()
    assert tables["readability"]["warnings"].map("; ".join).tolist() == scores["warnings"].tolist()
    pd.testing.assert_frame_equal(tables["credits"], attribution.credit_table(seeds), check_dtype=False)
    pairs, passages = reuse_tables(seeds, min_containment=0.0)
    pd.testing.assert_frame_equal(tables["pairs"], pairs, check_dtype=False)
    pd.testing.assert_frame_equal(tables["passages"], passages, check_dtype=False)
    assert len(passages) >= 1 and tables["skipped"].empty


def test_report_tables_are_the_notebooks_readability_tables(seeds_out, seeds, nlp, seed_docs,
                                                             tmp_path, monkeypatch):
    """``report_tables``: per-paragraph and per-variant readability (speech by quotation marks and
    by the attribution layer) as the notebooks compute them; the other tables unchanged."""
    from analysis import attribution, readability
    from analysis.pipeline import REPORT_TABLES

    out = tmp_path / "out"
    analyze(seeds, nlp, out, report_tables=True)
    assert _bytes(out) == _bytes(seeds_out[1])
    tables = read_tables(out, REPORT_TABLES)
    for table in tables.values():
        table["warnings"] = table["warnings"].map("; ".join)
    attributions = attribution.extract_corpus(seeds, parsed=seed_docs)
    expected = {"paragraphs": readability.paragraph_table(seeds),
                "variants": readability.variant_table(seeds),
                "variants_attribution": readability.variant_table(seeds, attributions=attributions)}
    for name in REPORT_TABLES:
        pd.testing.assert_frame_equal(tables[name], expected[name], check_dtype=False)
    # a run without them reuses the batches and leaves no stale report table behind
    counting = _Counting()
    monkeypatch.setattr(executors, "analyze_batch", counting)
    analyze(seeds, nlp, out)
    assert counting.calls == 0 and not any((out / f"{n}.parquet").exists() for n in REPORT_TABLES)
    assert _bytes(out) == _bytes(seeds_out[1])


def test_event_layer_tables_give_back_the_layers(seeds_out, seeds, nlp, seed_docs):
    """The shared-quote, source, figure and paraphrase tables rebuild what the layers show."""
    from analysis import attribution
    from analysis.overlap import layers as overlap_layers
    from analysis.pipeline import layers_from_tables
    from analysis.pipeline.events import event_layers_note

    _, out = seeds_out
    tables = read_tables(out, TABLES + tuple(EVENT_TABLES.values()))
    atts = attribution.from_records(tables["attributions"].to_dict("records"), seeds.ids)
    rebuilt = layers_from_tables(tables, seeds, atts)
    run_layers = overlap_layers.analyze
    direct = run_layers(seeds, seed_docs, nlp, attributions=atts)
    for table in ("summary", "quotes_table", "source_pairs_table", "figures_table",
                  "differing_figures", "paraphrase_table", "source_matrix"):
        pd.testing.assert_frame_equal(getattr(rebuilt, table)(), getattr(direct, table)())
    graph, expected = rebuilt.source_graph(), direct.source_graph()
    assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(graph.edges(data=True)) == list(expected.edges(data=True))
    assert not rebuilt.quotes_table().empty and not rebuilt.figures_table().empty
    assert event_layers_note(out) == ""


def test_event_layers_above_the_limit_are_empty_tables_and_say_so(seeds, nlp, tmp_path):
    from analysis.pipeline.events import event_layers_note

    analyze(seeds, nlp, tmp_path / "out", event_layers_max_docs=4)
    tables = read_tables(tmp_path / "out", EVENT_TABLES.values())
    assert all(t.empty for t in tables.values())
    kinds = {json.loads(line)["kind"] for line in (tmp_path / "out" / "overlap.jsonl").open()}
    assert kinds <= {"pair", "passage", "boilerplate"}
    note = event_layers_note(tmp_path / "out")
    assert "5 articles" in note and "event_layers_max_docs (4)" in note


def test_documents_table_is_itself_a_corpus(seeds_out, seeds):
    _, out = seeds_out
    again = load_corpus(out / "documents.parquet", id_column="doc", text_column="text")
    assert sorted(again.ids) == seeds.ids
    assert {d.id: d.text for d in again} == {d.id: d.text for d in seeds}


def test_package_level_analyze_and_cli_agree(seeds_out, tmp_path):
    rows, _ = seeds_out
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["analyze", str(SEEDS), "--format", "jsonl", "--processes", "1"]) == 0
    printed = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert printed == json.loads(json.dumps(rows))
    assert json.loads(json.dumps(analysis.analyze(SEEDS, processes=1))) == printed


def test_two_processes_give_the_single_process_result(bbc_sample, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache1"))
    one = analyze(bbc_sample, out=tmp_path / "one", processes=1, batch_size=5)
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache2"))  # no parse shared between runs
    monkeypatch.setattr(executors, "MODEL_RELOAD_BATCHES", 2)  # workers reload their model too
    two = analyze(bbc_sample, out=tmp_path / "two", processes=2, batch_size=5)
    assert one == two
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two")
    pairs = read_tables(tmp_path / "one")["pairs"]
    assert (pairs[["containment_a_in_b", "containment_b_in_a"]].max(axis=1) > 0.5).sum() >= 3


class _Counting:
    """Wraps ``analyze_batch``: counts documents parsed, can fail at a given call."""

    def __init__(self, fail_at: int | None = None):
        self.calls = 0
        self.docs: list[str] = []
        self.fail_at = fail_at
        self.real = executors.analyze_batch

    def __call__(self, docs, nlp, options):
        self.calls += 1
        if self.fail_at is not None and self.calls == self.fail_at:
            raise KeyboardInterrupt("simulated interruption")
        self.docs.extend(d.id for d in docs)
        return self.real(docs, nlp, options)


def test_resume_after_interruption_parses_only_unfinished_batches(seeds, nlp, tmp_path, monkeypatch):
    out = tmp_path / "out"
    fresh = analyze(seeds, nlp, tmp_path / "fresh", batch_size=2)
    failing = _Counting(fail_at=2)
    monkeypatch.setattr(executors, "analyze_batch", failing)
    with pytest.raises(KeyboardInterrupt):
        analyze(seeds, nlp, out, batch_size=2)
    assert failing.docs == seeds.ids[:2]  # batch 0 finished before the interruption
    counting = _Counting()
    monkeypatch.setattr(executors, "analyze_batch", counting)
    resumed = analyze(seeds, nlp, out, batch_size=2)
    assert counting.docs == seeds.ids[2:]  # batch 0 was not parsed again
    assert resumed == fresh
    assert _bytes(out) == _bytes(tmp_path / "fresh")
    # a warm re-run parses nothing; a changed article re-runs only its batch
    warm = _Counting()
    monkeypatch.setattr(executors, "analyze_batch", warm)
    assert analyze(seeds, nlp, out, batch_size=2) == fresh and warm.calls == 0
    docs = list(seeds)
    docs[3] = type(docs[3])(docs[3].id, docs[3].text + "\n\nA new closing line.", docs[3].source,
                            docs[3].metadata)
    changed = _Counting()
    monkeypatch.setattr(executors, "analyze_batch", changed)
    analyze(Corpus(docs), nlp, out, batch_size=2)
    assert changed.docs == seeds.ids[2:4]


def test_a_batch_without_manifest_is_redone(seeds, nlp, tmp_path, monkeypatch):
    out = tmp_path / "out"
    analyze(seeds, nlp, out, batch_size=2)
    (out / "batches" / "00001" / "manifest.json").unlink()  # interrupted while writing
    counting = _Counting()
    monkeypatch.setattr(executors, "analyze_batch", counting)
    analyze(seeds, nlp, out, batch_size=2)
    assert counting.docs == seeds.ids[2:4]


def test_streams_a_jsonl_corpus_and_lists_skipped_rows(tmp_path, seeds, nlp):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": d.id, "text": d.text, "outlet": d.metadata.get("outlet", "")} for d in seeds]
    rows.insert(2, {"id": "empty", "text": "   "})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from analysis.corpus import CorpusSource

    source = CorpusSource.of(path, skip_bad=True)
    result = analyze(source, nlp, tmp_path / "out")
    assert [r["doc"] for r in result] == seeds.ids
    skipped = read_tables(tmp_path / "out")["skipped"]
    assert len(skipped) == 1 and "row 3" in skipped["file"][0]
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["analyze", str(path), "--skip-bad", "--processes", "1"]) == 0
    assert "skipped" in err.getvalue() and "row 3" in err.getvalue()


@pytest.mark.parametrize("argv, message", [
    (["--processes", "0"], "processes must be at least 1"),
    (["--batch-size", "0"], "batch size must be at least 1"),
    (["--dask", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    (["--model", "no_such_pipeline"], "no_such_pipeline"),
])
def test_bad_options_are_one_line_errors(argv, message, tmp_path):
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        assert main(["analyze", str(SEEDS), "--out", str(tmp_path / "o")] + argv) == 2
    assert message in err.getvalue() and "Traceback" not in err.getvalue()


def test_read_tables_names_a_folder_that_is_not_an_output(tmp_path):
    from analysis.errors import AnalysisError

    with pytest.raises(AnalysisError, match="not an analyze output folder"):
        read_tables(tmp_path)


def test_progress_bars_only_when_asked_or_on_a_terminal(seeds, nlp, tmp_path, monkeypatch):
    from analysis import progress

    monkeypatch.delenv("ANALYSIS_PROGRESS", raising=False)
    monkeypatch.setenv("CI", "true")
    assert not progress.enabled()
    monkeypatch.delenv("CI")
    assert not progress.enabled()  # pytest's stderr is not a terminal
    monkeypatch.setenv("ANALYSIS_PROGRESS", "1")
    assert progress.enabled()
    err = io.StringIO()
    with redirect_stderr(err):
        analyze(seeds, nlp, tmp_path / "a", progress=True)
    assert "documents parsed" in err.getvalue()
    monkeypatch.setenv("ANALYSIS_PROGRESS", "0")
    err = io.StringIO()
    with redirect_stderr(err):
        analyze(seeds, nlp, tmp_path / "b")
    assert err.getvalue() == ""


# --------------------------------------------------------------------------
# Dask


@pytest.fixture(scope="module")
def cluster():
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


def test_dask_run_equals_the_local_run(bbc_sample, cluster, tmp_path, monkeypatch):
    _, client = cluster
    local = analyze(bbc_sample, out=tmp_path / "local", processes=1, batch_size=5)
    on_dask = analyze(bbc_sample, out=tmp_path / "dask", dask=client, batch_size=5)
    assert on_dask == local
    assert _bytes(tmp_path / "dask") == _bytes(tmp_path / "local")


def test_cli_dask_scheduler_address(cluster, seeds_out, tmp_path):
    c, _ = cluster
    rows, out = seeds_out
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["analyze", str(SEEDS), "--dask", c.scheduler_address,
                     "--out", str(tmp_path / "o")]) == 0
    assert [json.loads(line) for line in buf.getvalue().splitlines()] == json.loads(json.dumps(rows))
    assert _bytes(tmp_path / "o") == _bytes(out)


@pytest.mark.parametrize("mode", ["exact", "lsh"])
def test_dask_shuffle_of_candidate_keys_equals_the_local_grouping(cluster, mode, bbc):
    from analysis.overlap import reuse
    from analysis.overlap.distributed import shuffle_candidates

    _, client = cluster
    index = reuse.build_index(bbc)
    local = reuse.candidate_pairs(index, mode)
    assert len(local) > 200
    assert shuffle_candidates(index, mode, client, partitions=3) == local


def test_spark_style_partition_records(seeds, nlp):
    """``partition_records`` is what ``rdd.mapPartitions`` needs: rows in, flat records out."""
    from analysis.pipeline import Options, analyze_batch, partition_records

    class Row:  # the one method of pyspark.sql.Row it uses
        def __init__(self, **kw):
            self._kw = kw

        def asDict(self):
            return dict(self._kw)

    rows = [Row(id=d.id, text=d.text, outlet=d.metadata.get("outlet")) for d in seeds]
    out = list(partition_records(iter(rows), batch_size=2))
    assert {r["table"] for r in out} == {"documents", "readability", "attributions", "credits", "names"}
    assert all(set(r) == {"table", "doc", "record"} for r in out)
    docs = [json.loads(r["record"]) for r in out if r["table"] == "documents"]
    assert [d["doc"] for d in docs] == seeds.ids and [d["text"] for d in docs] == seeds.texts
    atts = [json.loads(r["record"]) for r in out if r["table"] == "attributions"]
    plain = analyze_batch(list(seeds), nlp, Options())["attributions"].to_dict("records")
    assert atts == json.loads(json.dumps(plain))


def test_a_pipeline_without_parser_warns_and_attribution_is_empty(seeds, tmp_path, capsys):
    """Any installed pipeline may be passed; one without a dependency parser must not crash
    (spaCy's token.children can segfault on such docs) and must say why attributions are empty."""
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    rows = analyze(seeds, blank, tmp_path / "out", parse_cache=False)
    assert [r["doc"] for r in rows] == seeds.ids and all(r["attributions"] == 0 for r in rows)
    assert "has no dependency parser" in capsys.readouterr().err
    assert read_tables(tmp_path / "out")["readability"]["words"].tolist() == \
        [r["words"] for r in pd.read_csv(SEEDS.parent / "reports" / "01_readability.csv").to_dict("records")]
