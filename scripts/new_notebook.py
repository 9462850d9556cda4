"""Write a notebook skeleton from a list of (kind, source) cells: keeps notebooks small and uniform.

Used once per notebook by its author; the notebooks themselves are the source of truth afterwards.
"""
from __future__ import annotations

import sys

import nbformat


def build(cells, path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source in cells:
        if kind == "md":
            nb.cells.append(nbformat.v4.new_markdown_cell(source.strip()))
        elif kind == "parameters":
            nb.cells.append(nbformat.v4.new_code_cell(source.strip(), metadata={"tags": ["parameters"]}))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(source.strip()))
    for i, cell in enumerate(nb.cells):  # stable ids: no random churn in diffs
        cell["id"] = f"cell-{i:02d}"
    nbformat.write(nb, path)


if __name__ == "__main__":
    sys.exit("import build() from this module")
