"""The LitBank quotation layer as attribution gold: texts rebuilt from its tokens, quotes as records.

LitBank (fiction, direct speech only) annotates each quoted stretch with the
speaker's id; the texts are rebuilt by joining its tokens with single spaces,
and each quote becomes a ``direct`` gold record with null cue and source
(speakers are judged by name, see :func:`evaluation.score.name_token_speaker`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from analysis.errors import AnalysisError

from .score import strip_marks

__all__ = ["LitBank", "load_litbank"]


@dataclass
class LitBank:
    """Rebuilt texts ``{doc_id: text}`` and gold direct quotes as attribution records."""

    texts: dict[str, str]
    gold: list[dict]

    def write_texts(self, folder: str | Path) -> Path:
        """Write each text as ``folder/<doc>.txt`` so the CLI can read them."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for doc_id, text in self.texts.items():
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        return folder


def _token_offsets(lines: list[str]) -> list[list[tuple[int, int]]]:
    """Character span of every token, sentences and tokens joined by one space."""
    offsets, pos = [], 0
    for line in lines:
        row = []
        for token in line.split(" "):
            row.append((pos, pos + len(token)))
            pos += len(token) + 1
        offsets.append(row)
    return offsets


def _read_litbank_work(ann_path: Path) -> tuple[str, str, list[dict]]:
    doc_id = ann_path.stem.removesuffix("_brat")
    lines = ann_path.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    # One sentence a line is LitBank's tokenisation, not paragraphing: a newline would read as a
    # paragraph break and cut multi-sentence quotes.
    text = " ".join(lines)
    offsets = _token_offsets(lines)
    rows = [r.split("\t") for r in ann_path.read_text(encoding="utf-8").splitlines() if r.strip()]
    speakers = {r[1]: r[2] for r in rows if r[0] == "ATTRIB"}
    gold = []
    for r in rows:
        if r[0] != "QUOTE":
            continue
        s_sent, s_tok, e_sent, e_tok = map(int, r[2:6])
        start, end = offsets[s_sent][s_tok][0], offsets[e_sent][e_tok][1]
        if " ".join(text[start:end].split()) != " ".join(r[6].split()):
            raise AnalysisError(f"{ann_path}: quote {r[1]} does not match the rebuilt text")
        start, end = strip_marks(text, start, end)
        gold.append({
            "doc": doc_id, "kind": "direct", "quote_id": r[1],
            "content": [{"start": start, "end": end, "text": text[start:end]}],
            "cue": None, "source": None,
            "speaker": speakers.get(r[1], ""), "speaker_type": "person",
        })
    gold.sort(key=lambda g: g["content"][0]["start"])
    return doc_id, text, gold


def load_litbank(root: str | Path, limit: int | None = None) -> LitBank:
    """Load ``root`` (the ``litbank_quotations`` folder or its ``tsv`` folder), works in name order."""
    root = Path(root)
    tsv = root if list(root.glob("*_brat.ann")) else root / "quotations" / "tsv"
    paths = sorted(tsv.glob("*_brat.ann"))
    if not paths:
        raise AnalysisError(f"{root}: no LitBank *_brat.ann files found")
    texts, gold = {}, []
    for path in paths[:limit]:
        doc_id, text, quotes = _read_litbank_work(path)
        texts[doc_id] = text
        gold.extend(quotes)
    return LitBank(texts, gold)
