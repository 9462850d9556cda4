"""An attribution and its CLI-schema record (field names are a public contract)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..text import Span


#: the kinds of attribution, in the order tables list them: quoted (``direct``), reported in the
#: writer's words (``indirect``), both (``mixed``), "according to X" (``according_to``), and a noun
#: phrase as the content, unquoted ("denied *the allegations*", "support *for Sanders*": ``nominal``)
KINDS = ("direct", "indirect", "mixed", "according_to", "nominal")


@dataclass
class Attribution:
    """One attribution: what was said (content spans), the cue, the source mention, who.

    ``source`` is the mention as written ("he", "who", "a rebel official");
    ``speaker`` is the resolved canonical speaker ("" when nobody), with
    ``speaker_type`` from :data:`analysis.speakers.SPEAKER_TYPES` and the
    title/role in ``speaker_role``. ``cue_class`` is ``speech``, ``thought``
    or ``evidence`` (:mod:`.classes`). Under PARC conventions one cue owns all
    of its content: ``contents`` holds every piece, in text order (the parts
    of a split quote, the quote paragraphs that continue it).
    """

    kind: str
    contents: list[Span]
    cue: Span | None = None
    source: Span | None = None
    speaker: str = ""
    speaker_type: str = "unknown"
    speaker_role: str = ""
    confidence: float = 0.5
    cue_class: str = "speech"

    @property
    def start(self) -> int:
        return self.contents[0].start

    def content_text(self, text: str) -> str:
        return " … ".join(s.text(text) for s in self.contents)


def record(doc_id: str, text: str, a: Attribution) -> dict:
    """One attribution in the CLI schema (field names are a public contract)."""
    contents = [s.as_dict(text) for s in a.contents]
    return {
        "doc": doc_id,
        "kind": a.kind,
        "content": contents[0],
        "contents": contents,
        "cue": a.cue.as_dict(text) if a.cue else None,
        "source": a.source.as_dict(text) if a.source else None,
        "speaker": a.speaker,
        "speaker_type": a.speaker_type,
        "speaker_role": a.speaker_role,
        "confidence": a.confidence,
        "cue_class": a.cue_class,
    }


def _span(value) -> Span | None:
    return Span(int(value["start"]), int(value["end"])) if value is not None else None


def from_record(rec: dict) -> Attribution:
    """The :class:`Attribution` of one CLI-schema record (as :func:`record` wrote it)."""
    return Attribution(rec["kind"], [_span(c) for c in rec["contents"]], _span(rec.get("cue")),
                       _span(rec.get("source")), rec.get("speaker") or "",
                       rec.get("speaker_type") or "unknown", rec.get("speaker_role") or "",
                       float(rec.get("confidence", 0.5)), rec.get("cue_class") or "speech")


def from_records(records: Iterable[dict], doc_ids: Iterable[str] = ()) -> dict[str, list[Attribution]]:
    """``{doc_id: [Attribution]}`` from CLI-schema records (``doc_ids`` listed first, even if empty)."""
    found: dict[str, list[Attribution]] = {d: [] for d in doc_ids}
    for rec in records:
        found.setdefault(rec["doc"], []).append(from_record(rec))
    return found
