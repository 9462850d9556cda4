"""The baseline: textacy's ``direct_quotations`` as attribution records, on the same parses."""
from __future__ import annotations

from .score import strip_marks

__all__ = ["textacy_direct_quotations"]


def _token_span(tokens) -> dict | None:
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return None
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {"start": start, "end": end, "text": doc.text[start:end]}


def textacy_direct_quotations(parsed: dict) -> tuple[list[dict], list[str]]:
    """textacy's ``direct_quotations`` as attribution records, per parsed ``{doc_id: Doc}``.

    textacy raises ``ValueError`` on unbalanced quotation marks; such
    documents give no records and are returned as the second value.
    """
    from textacy.extract.triples import direct_quotations

    records, raising = [], []
    for doc_id, doc in parsed.items():
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            raising.append(doc_id)
            continue
        for triple in triples:
            start, end = strip_marks(doc.text, triple.content.start_char, triple.content.end_char)
            source = _token_span(triple.speaker)
            records.append({
                "doc": doc_id, "kind": "direct",
                "content": [{"start": start, "end": end, "text": doc.text[start:end]}],
                "cue": _token_span(triple.cue), "source": source,
                "speaker": source["text"] if source else "",
            })
    return records, raising
