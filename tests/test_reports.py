"""Committed reports: one per notebook, offline HTML, deterministic, and nbval really compares them."""
from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00_corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_pattern(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    params = tagged[0].source
    for name in ("corpus", "out", "model"):
        assert re.search(rf"^{name} = ", params, re.M), name
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    assert "report.start(" in "".join(c.source for c in nb.cells)
    # run by hand, a notebook writes to the git-ignored scratch folder, and says how to override it
    assert re.search(r'^out = ""', params, re.M) and "papermill" in params and "scratch/" in params


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opening_a_notebook_in_jupyterlab_changes_nothing(path):
    """JupyterLab rewrites kernelspec and language_info from the running kernel when a notebook
    opens; committed as the kernel gives them, the notebook is not marked modified (and autosave
    does not rewrite notebooks/). Checked in a real JupyterLab: any difference, the display name
    or the Python version included, marks it modified."""
    import platform

    from ipykernel.ipkernel import IPythonKernel
    from jupyter_client.kernelspec import KernelSpecManager

    nb = nbformat.read(path, as_version=4)
    spec = KernelSpecManager().get_kernel_spec("python3")
    assert nb.metadata["kernelspec"] == {"display_name": spec.display_name, "language": spec.language,
                                         "name": "python3"}
    expected = {**IPythonKernel.language_info, "version": platform.python_version()}
    assert nb.metadata["language_info"] == expected, "rewrite the notebooks' metadata for this Python"


def test_scratch_folder_is_ignored_by_git():
    from analysis.report import SCRATCH

    assert SCRATCH == ROOT / "scratch"
    ignored = subprocess.run(["git", "check-ignore", "-q", "scratch/03_figures.csv"], cwd=ROOT)
    assert ignored.returncode == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_report_exists_and_is_clean(path):
    ipynb = ROOT / "reports" / path.name
    html = ipynb.with_suffix(".html")
    assert ipynb.exists() and html.exists(), "run: make report"
    text = ipynb.read_text()
    assert str(ROOT) not in text and "/home/" not in text and "/tmp/" not in text
    assert not re.search(r"0x[0-9a-f]{8,}", text), "memory address in output"
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", text), "timestamp in report"
    nb = nbformat.read(ipynb, as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert [c["id"] for c in injected] == ["injected-parameters"], "run make report (cleans ids)"
    assert "start_time" not in text and "duration" not in text, "papermill timings left in"
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    page = html.read_text()
    assert not re.search(r"<script[^>]+src=\"?https?://", page), "report must open offline"
    assert "https://cdn" not in page
    assert "jp-InputArea-editor" not in page.split("</style>")[-1], "render with --no-input"
    images = re.findall(r"<img [^>]*>", page)
    for img in images:
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and alt.group(1).strip() and "No description" not in alt.group(1), img[:200]
    # findings first, run details last
    headings = re.findall(r"<h2[^>]*>(.*?)<", page)
    assert headings[0].startswith("Key findings") and headings[-1].startswith("Appendix"), headings


def test_nbval_fails_when_a_reported_number_changes(tmp_path):
    source = nbformat.read(ROOT / "reports" / "00_corpus.ipynb", as_version=4)
    # the copy rewrites reports/00_*.csv with identical content (paths resolve against the project)
    same = tmp_path / "same.ipynb"
    nbformat.write(source, same)

    changed = nbformat.read(same, as_version=4)
    hits = 0
    for cell in changed.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/plain", "text/html"):
                if mime in data and "803" in data[mime]:
                    data[mime] = data[mime].replace("803", "804")
                    hits += 1
    assert hits, "expected the word count 803 of seed 001 in the report"
    nbformat.write(changed, tmp_path / "changed.ipynb")

    def nbval(name):
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "--nbval", "-p", "no:cacheprovider",
                               "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"), name],
                              cwd=tmp_path, capture_output=True, text=True)

    same_run = nbval("same.ipynb")
    assert same_run.returncode == 0, same_run.stdout[-3000:]
    failed = nbval("changed.ipynb")
    assert failed.returncode != 0
    assert "804" in failed.stdout and "803" in failed.stdout


def test_notebooks_read_analyze_tables_and_report_the_same(tmp_path, seeds, nlp):
    """Given ``tables`` (an analyze --out folder), every notebook reads the Parquet tables instead of
    computing, and writes the very same CSVs as the committed reports computed from the corpus."""
    import papermill

    from analysis.pipeline import analyze

    analyze(seeds, nlp, tmp_path / "tables", report_tables=True)
    out = tmp_path / "out"
    for path in NOTEBOOKS:
        papermill.execute_notebook(str(path), str(tmp_path / path.name), kernel_name="python3",
                                   progress_bar=False, log_output=False, cwd=str(ROOT),
                                   parameters={"corpus": "seeds", "out": str(out),
                                               "tables": str(tmp_path / "tables")})
        text = (tmp_path / path.name).read_text()
        assert "tables" in text and "documents.parquet" in text  # the parameters table says so
    written = sorted(p.name for p in out.glob("*.csv"))
    assert written == sorted(p.name for p in (ROOT / "reports").glob("*.csv"))
    for name in written:
        assert (out / name).read_text() == (ROOT / "reports" / name).read_text(), name


def test_start_analyzes_into_the_output_folder(tmp_path, seeds, nlp):
    """Without ``tables``, ``start`` runs analyze into ``OUT/tables`` and reads every table from it;
    the parameters still say the tables were computed here."""
    from analysis import report

    run = report.start("seeds", tmp_path / "out")
    assert (tmp_path / "out" / "tables" / "paragraphs.parquet").exists()
    assert run.corpus.ids == seeds.ids and run.corpus.texts == seeds.texts
    params = run.parameters()["value"]
    assert params["corpus"] == "seeds" and params["analyze tables"] == "none (computed here)"
    assert len(run.variant_table(speech="attribution")) == 4 * len(seeds)


def test_tables_without_report_tables_are_one_clear_error(tmp_path, seeds, nlp):
    from analysis import report
    from analysis.errors import AnalysisError
    from analysis.pipeline import analyze

    analyze(seeds, nlp, tmp_path / "tables")
    with pytest.raises(AnalysisError, match="made without the report tables.*report_tables=True"):
        report.start("seeds", tmp_path / "out", tables=tmp_path / "tables")


def test_one_notebook_at_a_time_analyzes_into_a_folder(tmp_path):
    """``make -j2 report`` runs notebooks side by side: the tables folder is locked while one
    analyzes into it and reads it back."""
    import fcntl

    from analysis.report.run import locked

    with locked(tmp_path / "tables"):
        with open(tmp_path / "tables" / ".lock") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(tmp_path / "tables" / ".lock") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
