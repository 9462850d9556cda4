"""templates/offline: a figure's alt text comes from its output (or cell) metadata."""
from __future__ import annotations

import base64
import re

import nbformat
import pytest
from nbconvert import HTMLExporter

from conftest import ROOT

PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")).decode()


def _figure(metadata=None):
    return nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"},
                                  metadata=metadata or {})


def _convert(nb):
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(ROOT / "templates")],
                            exclude_input=True, embed_images=True)
    html, _ = exporter.from_notebook_node(nb)
    return re.findall(r"<img[^>]*>", html)


@pytest.fixture
def notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def test_alt_from_output_metadata(notebook):
    # what display(fig, metadata={"image/png": {"alt": ...}}) and Image(..., alt=...) write
    cell = nbformat.v4.new_code_cell("display(fig, metadata=...)")
    cell.outputs = [_figure({"image/png": {"alt": 'Bars: AP 540 words, "Reuters" <400>'}})]
    notebook.cells = [cell]
    (img,) = _convert(notebook)
    assert 'Bars: AP 540 words, "Reuters" &lt;400&gt;' in img
    assert "No description" not in img and 'src="data:image/png;base64,' in img


def test_alt_from_cell_metadata(notebook):
    cell = nbformat.v4.new_code_cell("plt.show()", metadata={"alt": "A falling line"})
    cell.outputs = [_figure()]
    notebook.cells = [cell]
    (img,) = _convert(notebook)
    assert 'alt="A falling line"' in img


def test_without_alt_nbconvert_placeholder_stays(notebook):
    cell = nbformat.v4.new_code_cell("display(fig)")
    cell.outputs = [_figure()]
    notebook.cells = [cell]
    (img,) = _convert(notebook)
    assert 'alt="No description has been provided for this image"' in img
