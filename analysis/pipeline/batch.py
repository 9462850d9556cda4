"""Stage 2, one batch: every per-document layer from one parse, as a pure function."""
from __future__ import annotations

from collections import Counter

from ..corpus import Corpus, Document
from ..schema import ATTRIBUTION_COLUMNS
from .keys import Options

__all__ = ["analyze_batch", "REPORT_TABLES"]

#: the readability tables the notebooks show beside the article scores, written with
#: ``report_tables``: per paragraph, and per article variant with speech found by quotation
#: marks or by the attribution layer (the ``readability --unit paragraph|variants`` records)
REPORT_TABLES = ("paragraphs", "variants", "variants_attribution")


def analyze_batch(docs: list[Document], nlp, options: Options = Options()) -> dict:
    """Every per-document layer of one batch from one parse: ``{table name: DataFrame}``.

    A pure function of the documents, the model and the options, so a batch
    gives the same tables in any process or on any Dask worker.
    """
    import pandas as pd

    from .. import attribution
    from ..corpus_stats import corpus_records
    from ..nlp import parse

    batch = Corpus(list(docs))
    parsed = dict(zip(batch.ids, parse(batch.texts, nlp, use_cache=options.parse_cache)))
    documents = corpus_records(batch, parsed=parsed)
    found, atts, persons, bodies = {}, [], set(), Counter()
    for d, row in zip(batch, documents):
        found[d.id] = attribution.extract(parsed[d.id])
        p, b = attribution.speaker_names(found[d.id], parsed[d.id])
        persons |= p
        bodies += b
        row["quoted_words"] = attribution.quoted_words(parsed[d.id])[1]
        row["text"] = d.text
        atts.extend(attribution.record(d.id, d.text, a) for a in found[d.id])
    names = [{"kind": "person", "name": n, "count": 1} for n in sorted(persons)]
    names += [{"kind": "body", "name": n, "count": c} for n, c in sorted(bodies.items())]
    tables = {
        "documents": pd.DataFrame(documents),
        "readability": _readability(batch, "article", ci=options.readability_ci),
        "attributions": pd.DataFrame(atts, columns=list(ATTRIBUTION_COLUMNS)),
        "credits": attribution.credit_table(batch),
        "names": pd.DataFrame(names, columns=["kind", "name", "count"]),
    }
    if options.report_tables:
        # speech spans do not depend on speaker names, so the batch's own attributions serve
        tables["paragraphs"] = _readability(batch, "paragraph", ci=False)
        tables["variants"] = _readability(batch, "variants", ci=options.readability_ci)
        tables["variants_attribution"] = _readability(batch, "variants", ci=options.readability_ci,
                                                      attributions=found)
    return tables


def _readability(batch: Corpus, unit: str, **kwargs):
    """The ``readability`` command's records of one unit, warnings kept as lists."""
    import pandas as pd

    from ..readability import readability_records

    records = readability_records(batch, unit, **kwargs)
    for rec in records:
        rec["warnings"] = list(rec["warnings"])
    return pd.DataFrame(records)
