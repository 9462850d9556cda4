"""scripts/check_reports.py on tiny pages, in a real headless Chromium (skipped without one).

One browser run over all the pages (a few seconds); each test reads its page's lines.
"""
from __future__ import annotations

import base64
import http.server
import importlib.util
import threading
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_reports.py"
_spec = importlib.util.spec_from_file_location("check_reports", SCRIPT)
check_reports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_reports)

pytestmark = pytest.mark.skipif(
    check_reports.find_browser() is None,
    reason="no chromium binary (apt-get install -y chromium; .ci/run installs it)")

# a 1x1 PNG, embedded as nbconvert --embed-images does
PNG = "data:image/png;base64," + base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")).decode()

# the offline template's frame: body at most 1200px, the content column is <main>
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<style>body {{ max-width: 1200px; margin: auto; }} .out {{ overflow-x: auto; }}</style>
<script>var note = "None True False NaN {{'a': 1}} [1, 2]";</script></head>
<body><main><h1>Report</h1>{body}</main></body></html>"""

GOOD = """
<h2>Outlets</h2>
<p>None of the outlets quoted the minister. True to form, the agency led. Counts are given as
"said", "told" and "added" (see the table), for 3 outlets [1].</p>
<div class="out"><table class="dataframe"><thead><tr><th></th><th>outlet</th><th>words</th></tr></thead>
<tbody><tr><th>0</th><td>AP</td><td>540</td></tr><tr><th>1</th><td>Reuters</td><td>—</td></tr>
<tr><th>2</th><td>“None of the facts on the ground show it”</td><td>12</td></tr></tbody></table></div>
<img src="{png}" alt="Bar chart of words per outlet" width="400" height="300">
<style>.x {{ content: "NaN"; }}</style>
""".format(png=PNG)

PAGES = {
    "good": GOOD,
    "wide_table": "<h2>Scores</h2><table><tr>" + "".join(
        f"<td>column_with_a_long_name_{i}</td>" for i in range(40)) + "</tr></table>",
    "scrolling_table": "<h2>Scores</h2><div class='out' style='width: 600px'><table style='width: 900px'>"
                       "<tr><td>a</td><td>b</td></tr></table></div>",
    "truncated_table": "<table class='dataframe'><thead><tr><th></th><th>a</th><th>...</th><th>z</th></tr></thead>"
                       "<tbody><tr><th>0</th><td>1</td><td>...</td><td>2</td></tr></tbody></table>",
    "wide_image": f"<img src='{PNG}' alt='a wide figure' style='width: 1500px; height: 10px'>",
    "nan_cell": "<h2>Scores</h2><table><thead><tr><th></th><th>score</th><th>flag</th></tr></thead>"
                "<tbody><tr><th>AP</th><td>NaN</td><td>True</td></tr></tbody></table>",
    "repr_text": "<p>Result: <object.Foo object at 0x7f3a2b1c9d00></p>"
                 "<table><tr><td>['Kerry', 'Lavrov']</td><td>{'a': 1}</td><td>Timestamp('2024-01-01')</td></tr></table>"
                 .replace("<object.Foo", "&lt;object.Foo").replace("9d00>", "9d00&gt;"),
    "no_alt": f"<h2>Figure</h2><img src='{PNG}'><img src='{PNG}' alt=' '>"
              f"<img src='{PNG}' alt='No description has been provided for this image'>",
    "network": "<img src='http://example.invalid/x.png' alt='remote'>",
    "network_script": "<script>fetch('https://example.invalid/data.json').catch(() => {});</script>",
    "lazy_remote": "<div style='height: 5000px'></div>"
                   "<img loading='lazy' src='http://example.invalid/late.png' alt='late'>",
    "js_error": "<script>undefinedFunction();</script><p>fine</p>",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    paths = {}
    for name, body in PAGES.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(PAGE.format(body=body), encoding="utf-8")
    missing = folder / "missing.html"
    proc = subprocess.run([sys.executable, str(SCRIPT), *map(str, paths.values()), str(missing)],
                          capture_output=True, text=True, timeout=300)
    lines = proc.stdout.splitlines()
    by_page = {name: [ln for ln in lines if ln.startswith(f"{path}: ")] for name, path in paths.items()}
    by_page["missing"] = [ln for ln in lines if ln.startswith(f"{missing}: ")]
    return proc, by_page, lines


def test_exit_status_and_summary(run):
    proc, by_page, lines = run
    assert proc.returncode == 1, proc.stdout + proc.stderr
    total = sum(len(v) for v in by_page.values())
    assert lines[-1] == f"checked {len(PAGES) + 1} reports: {total} problems"


def test_good_page_passes(run):
    _, by_page, _ = run
    assert by_page["good"] == []


def test_good_page_alone_exits_zero(run, tmp_path):
    page = tmp_path / "good.html"
    page.write_text(PAGE.format(body=GOOD), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(SCRIPT), str(page)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "checked 1 report: 0 problems"


def test_wide_table(run):
    _, by_page, _ = run
    (line,) = by_page["wide_table"]
    assert "table wider than the page" in line and "1200px column" in line and 'table 1 under "Scores"' in line


def test_table_scrolling_inside_wrapper(run):
    _, by_page, _ = run
    (line,) = by_page["scrolling_table"]
    assert "table scrolls sideways inside its box (900px in 600px)" in line


def test_table_truncated_by_pandas(run):
    _, by_page, _ = run
    assert any("columns truncated by pandas" in ln for ln in by_page["truncated_table"])


def test_wide_image(run):
    _, by_page, _ = run
    (line,) = by_page["wide_image"]
    assert "image wider than the page (1500px" in line


def test_nan_and_bool_cells(run):
    _, by_page, _ = run
    lines = by_page["nan_cell"]
    assert len(lines) == 2
    assert any("Python value NaN" in ln and 'column 2 "score", row 1 "AP"' in ln for ln in lines)
    assert any("Python value True" in ln and 'column 3 "flag"' in ln for ln in lines)


def test_python_reprs(run):
    _, by_page, _ = run
    text = "\n".join(by_page["repr_text"])
    assert "object repr <object.Foo object at 0x7f3a2b1c9d00>" in text
    assert "list repr ['Kerry', 'Lavrov']" in text
    assert "dict repr {'a': 1}" in text
    assert "Python repr Timestamp(" in text


def test_images_without_alt(run):
    _, by_page, _ = run
    lines = by_page["no_alt"]
    assert len(lines) == 3 and all("image without alt text" in ln for ln in lines)
    assert "nbconvert placeholder" in lines[2] and 'image 3 under "Figure"' in lines[2]


def test_network_request_caught_and_blocked(run):
    _, by_page, _ = run
    (line,) = by_page["network"]
    assert "network request http://example.invalid/x.png (blocked)" in line


def test_network_request_from_script(run):
    _, by_page, _ = run
    assert any("network request https://example.invalid/data.json" in ln for ln in by_page["network_script"])


def test_remote_resource_never_requested(run):
    _, by_page, _ = run
    assert any("http://example.invalid/late.png" in ln for ln in by_page["lazy_remote"])


def test_javascript_error(run):
    _, by_page, _ = run
    (line,) = by_page["js_error"]
    assert "JavaScript error: ReferenceError: undefinedFunction is not defined" in line


def test_missing_file(run):
    _, by_page, _ = run
    assert by_page["missing"] == [f"{by_page['missing'][0].split(': ')[0]}: page failed to load: no such file: open"]


def test_request_is_blocked_not_only_reported(tmp_path):
    """A server on this machine's loopback sees nothing: the browser fails the request itself."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/x.png"
        page = tmp_path / "local.html"
        page.write_text(PAGE.format(body=f"<img src='{url}' alt='x'><script>fetch('{url}?js')</script>"),
                        encoding="utf-8")
        proc = subprocess.run([sys.executable, str(SCRIPT), str(page)], capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    assert proc.returncode == 1
    assert f"network request {url} (blocked)" in proc.stdout
    assert f"network request {url}?js (blocked)" in proc.stdout
    assert hits == []
