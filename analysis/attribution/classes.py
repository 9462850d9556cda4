"""Cue classes: what kind of attitude an attribution reports, for filtering records.

``speech``
    a communication act, spoken or written: "said", "told", "tweeted",
    "announced", "called X Y", "according to", a colon after a name, a
    quotation with its cue; the default for a cue word of no other class.
``thought``
    an internal state: belief, knowledge, perception, intention, desire or
    stance ("thinks", "knows", "saw", "plans to", "wants", "supports",
    "is expected to", "seems", "his view", "confident that").
``evidence``
    what a document, poll, dataset or finding shows ("the poll shows",
    "records indicate", "according to the report"): any cue that is not a
    thought whose source is such a thing (:data:`.lexicon.EVIDENCE_SOURCES`
    and the document words of :mod:`analysis.speakers`, statements and
    letters left out: those are speech).

The word lists live in :mod:`.lexicon` (``THOUGHT_CUES``, ``EVIDENCE_SOURCES``).
"""
from __future__ import annotations

from .. import speakers as spk
from .candidates import norm_lemma
from .draft import Draft
from .lexicon import EVIDENCE_SOURCES, REPORT_VERBS, THOUGHT_CUES

#: the classes, in the order tables list them
CUE_CLASSES = ("speech", "thought", "evidence")

_EVIDENCE_HEADS = EVIDENCE_SOURCES | (spk.DOCUMENT_WORDS - {"statement", "statements", "tweet", "post",
                                                            "letter", "message", "announcement"})


def classify(lemma: str, source_lemma: str = "", according: bool = False, raised: bool = False) -> str:
    """The class of a cue word ``lemma`` (lower case; "according" for "according to") whose source
    has the head ``source_lemma`` (lower case, "" for none); ``raised`` for "X is expected to"."""
    evidence_source = source_lemma in _EVIDENCE_HEADS
    if according or lemma == "according":
        return "evidence" if evidence_source else "speech"
    if lemma in THOUGHT_CUES or (raised and lemma not in REPORT_VERBS):
        return "thought"
    return "evidence" if evidence_source else "speech"


def cue_class(d: Draft) -> str:
    """``speech``, ``thought`` or ``evidence`` for a draft (see the module's doc)."""
    tok = d.cue_tok
    if tok is None:
        return "speech"  # a quotation continuing another
    src = d.source_tok
    source_lemma = src.lemma_.lower() if src is not None and src.pos_ in ("NOUN", "PROPN") else ""
    if d.how == "rule-belief":
        return "evidence" if source_lemma in _EVIDENCE_HEADS else "thought"
    return classify(norm_lemma(tok), source_lemma, according=d.kind == "according_to",
                    raised=d.how == "raised")
