"""``python -m analysis analyze``: every layer in one run, one parse, full outputs to a folder.

Prints one summary record per article (size, two readability grades,
attribution profile, closest other article by text reuse) and, with
``--out DIR``, writes each layer's full output there:

==========================  =====================================================
``corpus.csv``              per-article size and metadata (``corpus`` command)
``readability.csv``         scores, counts, CIs, warnings (``readability`` command)
``attributions.jsonl``      one attribution a line (``attributions`` command)
``attribution_metrics.csv`` per-article attribution metrics
``credits.csv``             datelines, agency and author credits
``overlap.jsonl``           pair, passage, boilerplate, quote, source_pair, figure,
                            paraphrase records (``overlap --layers all``)
``skipped.csv``             files left out under ``--skip-bad``, with the reason
==========================  =====================================================
"""
from __future__ import annotations

from pathlib import Path

from .cli import command, write_records
from .corpus import Corpus
from .nlp import load_model, parse_corpus

__all__ = ["analyze"]


def _add_arguments(parser) -> None:
    parser.add_argument("--out", default=None, help="folder for the full outputs of every layer")


def _closest(pairs: list[dict]) -> dict[str, tuple[str, float]]:
    """For each document, the other document containing most of it (containment of it in the other)."""
    best: dict[str, tuple[str, float]] = {}
    for p in pairs:
        for doc, other, value in ((p["a"], p["b"], p["containment_a_in_b"]),
                                  (p["b"], p["a"], p["containment_b_in_a"])):
            if value > best.get(doc, ("", -1.0))[1] or (
                    value == best.get(doc, ("", -1.0))[1] and other < best[doc][0]):
                best[doc] = (other, value)
    return best


def analyze(corpus: Corpus, nlp=None, out: str | Path | None = None) -> list[dict]:
    """Run corpus, readability, attribution and overlap layers over one parse; summary rows."""
    from . import attribution, readability
    from .corpus_stats import corpus_records
    from .overlap import layers as overlap_layers
    from .overlap.reuse import find_reuse, pair_record, reuse_records

    nlp = nlp if nlp is not None else load_model()
    parsed = parse_corpus(corpus, nlp)
    sizes = {r["doc"]: r for r in corpus_records(corpus, parsed=parsed)}
    scores = {r["doc"]: r for r in readability.readability_records(corpus)}
    atts = attribution.extract_corpus(corpus, parsed=parsed)
    metrics = attribution.article_metrics(corpus, parsed=parsed, attributions=atts)
    reuse = find_reuse(corpus)
    closest = _closest([pair_record(reuse.index, s) for s in reuse.pairs])

    rows = []
    for d, m in zip(corpus, metrics.to_dict("records")):
        other, value = closest.get(d.id, (None, 0.0))
        rows.append({
            "doc": d.id,
            "words": sizes[d.id]["words"],
            "sentences": sizes[d.id]["sentences"],
            "paragraphs": sizes[d.id]["paragraphs"],
            "flesch_kincaid_grade": scores[d.id]["flesch_kincaid_grade"],
            "dale_chall": scores[d.id]["dale_chall"],
            "attributions": m["attributions"],
            "attributions_per_1000_words": m["per_1000_words"],
            "distinct_speakers": m["distinct_speakers"],
            "share_anonymous": m["share_anonymous"],
            "quoted_word_share": m["quoted_word_share"],
            "closest_doc": other,
            "containment_in_closest": round(value, 3),
        })

    if out is not None:
        import pandas as pd

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(list(sizes.values())).to_csv(out / "corpus.csv", index=False)
        pd.DataFrame(list(scores.values())).to_csv(out / "readability.csv", index=False)
        with open(out / "attributions.jsonl", "w", encoding="utf-8") as fh:
            write_records((attribution.record(d.id, d.text, a) for d in corpus for a in atts[d.id]),
                          "jsonl", fh)
        metrics.to_csv(out / "attribution_metrics.csv", index=False)
        attribution.credit_table(corpus).to_csv(out / "credits.csv", index=False)
        layers = overlap_layers.analyse(corpus, parsed, nlp, attributions=atts)
        with open(out / "overlap.jsonl", "w", encoding="utf-8") as fh:
            write_records(reuse_records(corpus, result=reuse), "jsonl", fh)
            write_records(overlap_layers.layer_records(layers), "jsonl", fh)
        pd.DataFrame([{"file": s.path, "reason": s.reason} for s in corpus.skipped],
                     columns=["file", "reason"]).to_csv(out / "skipped.csv", index=False)
    return rows


@command("analyze", "every layer over one parse: a summary row per article; --out DIR writes "
                    "each layer's full output", add_arguments=_add_arguments, needs_model=True,
         default_format="jsonl")
def _cli(corpus: Corpus, args):
    return analyze(corpus, load_model(args.model), args.out)
