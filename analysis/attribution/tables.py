"""Notebook tables of who said what: per attribution, speakers by article, source types, credits."""
from __future__ import annotations

from collections import Counter

from .. import speakers as spk
from ..corpus import Corpus
from ..credits import credits


def who_said_what(corpus: Corpus, attributions: dict):
    """One row per attribution: article, speaker, type, role, kind, the content text and the cue class."""
    import pandas as pd

    rows = []
    for d in corpus:
        for a in attributions.get(d.id, []):
            rows.append({"doc": d.id, "speaker": a.speaker or "(unknown)", "speaker_type": a.speaker_type,
                         "speaker_role": a.speaker_role, "kind": a.kind,
                         "source": a.source.text(d.text) if a.source else "",
                         "content": a.content_text(d.text), "confidence": a.confidence,
                         "cue_class": a.cue_class})
    return pd.DataFrame(rows, columns=["doc", "speaker", "speaker_type", "speaker_role", "kind",
                                       "source", "content", "confidence", "cue_class"])


def speaker_matrix(corpus: Corpus, attributions: dict, min_docs: int = 1):
    """Speakers x articles: how often each named speaker is cited in each article."""
    import pandas as pd

    counts = Counter((a.speaker, d.id) for d in corpus for a in attributions.get(d.id, []) if a.speaker)
    frame = pd.Series(counts, dtype="int64").rename_axis(["speaker", "doc"]).unstack(fill_value=0) \
        if counts else pd.DataFrame()
    if frame.empty:
        return frame
    frame = frame.reindex(columns=[d.id for d in corpus], fill_value=0)
    frame = frame[(frame > 0).sum(axis=1) >= min_docs]
    order = frame.sum(axis=1).sort_values(ascending=False, kind="stable")
    return frame.loc[sorted(order.index, key=lambda s: (-order[s], s))]


def outlet(doc) -> str:
    return doc.metadata.get("outlet") or doc.id


def source_type_mix(corpus: Corpus, attributions: dict):
    """Share of attributions by speaker type, per outlet (rows sum to 1)."""
    import pandas as pd

    rows = Counter()
    for d in corpus:
        for a in attributions.get(d.id, []):
            rows[(outlet(d), a.speaker_type)] += 1
    if not rows:
        return pd.DataFrame(columns=list(spk.SPEAKER_TYPES))
    frame = pd.Series(rows).rename_axis(["outlet", "speaker_type"]).unstack(fill_value=0)
    frame = frame.reindex(columns=[t for t in spk.SPEAKER_TYPES], fill_value=0)
    return (frame.div(frame.sum(axis=1), axis=0)).round(3).sort_index()


def credit_table(corpus: Corpus):
    """Credited agencies, contributors, bylines and licences per article."""
    import pandas as pd

    rows = [{"doc": d.id, "outlet": outlet(d), "kind": c.kind, "name": c.name,
             "start": c.start, "end": c.end, "text": c.text[:120]}
            for d in corpus for c in credits(d.text)]
    return pd.DataFrame(rows, columns=["doc", "outlet", "kind", "name", "start", "end", "text"])


def credit_summary(corpus: Corpus):
    """One row per article: dateline places/agencies, credited agencies, authors, licence."""
    import pandas as pd

    rows = []
    for d in corpus:
        found = credits(d.text)
        agencies = {c.name for c in found if spk.agency_name(c.name)}
        authors = {c.name for c in found if c.kind in ("byline", "contributor") and c.name not in agencies}
        authors |= {c.name for c in found if c.kind == "licence" and c.text.lower().startswith(
            ("attribution to", "courtesy of"))}
        rows.append({
            "doc": d.id, "outlet": outlet(d),
            "dateline": "; ".join(sorted({c.name for c in found if c.kind == "dateline"})),
            "agencies": "; ".join(sorted(agencies)),
            "authors": "; ".join(sorted(authors)),
            "licence": "; ".join(sorted({c.name for c in found if c.kind == "licence"
                                         and not c.text.lower().startswith(("attribution to",
                                                                            "courtesy of"))})),
            "image_credits": "; ".join(sorted({c.name for c in found if c.kind == "image"})),
        })
    return pd.DataFrame(rows, columns=["doc", "outlet", "dateline", "agencies", "authors", "licence",
                                       "image_credits"])
