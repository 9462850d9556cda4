"""The findings each report opens with: a few plain sentences written from the tables it shows.

One function per report, each reading the same tables the notebook displays
(``Run.corpus_table()``, ``Run.readability_table()``, ``attribution.who_said_what``,
the event layers' tables ...) and the article labels. The rules are general:
they name whatever this corpus holds, say so plainly when a layer found
nothing, and never know anything about a particular corpus. Each returns a
:class:`Findings` (a list of Markdown sentences that displays as a bullet list).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable, Mapping

from .reader_tables import _finite

__all__ = ["Findings", "corpus_findings", "readability_findings", "attribution_findings",
           "overlap_findings", "names", "md"]

#: a share of an article's word 5-grams found in another above which it counts as reused
REUSE_SHARE = 0.2
#: at most this many groups / quotes named one by one
MAX_ITEMS = 2

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_NUMBER_WORDS = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six",
                 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


class Findings(list):
    """Sentences (Markdown) shown as a bullet list; plain text for nbval and consoles."""

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- {_tidy(s)}" for s in self) if self else "Nothing to report."

    def __repr__(self) -> str:
        return "\n".join(f"- {_plain(_tidy(s))}" for s in self) if self else "Nothing to report."

    def _repr_pretty_(self, p, cycle) -> None:
        p.text(repr(self))


def md(text) -> str:
    """Data text safe inside Markdown (``*``, ``_``, brackets ... escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _tidy(text: str) -> str:
    """No full stop after a label's ellipsis ("… ." and "…." read as one "…")."""
    return re.sub(r"…\.(?=\s|$)", "…", text)


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("**", ""))


def names(items: Iterable[str], conjunction: str = "and") -> str:
    """"a", "a and b", "a, b and c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    word = _NUMBER_WORDS.get(n, f"{n:,}")
    return f"{word} {noun if n == 1 else (plural or noun + 's')}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(share: float) -> str:
    value = 100 * share
    if 0 < value < 1:
        return "under 1%"
    return f"{value:.0f}%"


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _label(labels: Mapping[str, str], doc) -> str:
    return md(labels.get(doc, doc))


def _present(value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(str(value).strip())


# --------------------------------------------------------------------------
# 00 corpus


def corpus_findings(table, labels: Mapping[str, str], skipped: int = 0) -> Findings:
    """Size, what is known of each article (outlet, agencies, datelines, dates), files skipped.

    ``table``: one row per article (``Run.corpus_table()``: doc, words, ... and metadata columns).
    """
    out = Findings()
    n = len(table)
    if n == 0:
        out.append("The corpus is empty: there is nothing to compare.")
        return out
    rows = table.to_dict("records")
    longest = max(rows, key=lambda r: (r["words"], r["doc"]))
    shortest = min(rows, key=lambda r: (r["words"], r["doc"]))
    text = f"{_cap(_count(n, 'article'))}, {int(table['words'].sum()):,} words in all"
    if n > 1:
        text += (f": the longest is {_label(labels, longest['doc'])} ({int(longest['words']):,} words), "
                 f"the shortest {_label(labels, shortest['doc'])} ({int(shortest['words']):,}).")
    else:
        text += "."
    out.append(text)

    outlets = [r for r in rows if _present(r.get("outlet"))]
    if len(outlets) == n:
        out.append("Every article names its outlet, and the outlet labels it in every table and plot.")
    elif outlets:
        out.append(f"The outlet is known for {len(outlets)} of {n} articles "
                   f"({names(md(r['outlet']) for r in outlets)}); the others are labelled by their "
                   "number and the first words of their headline or text.")
    else:
        out.append("No article's outlet is known (`outlet` in metadata.csv); each is labelled by its "
                   "number and the first words of its headline or text.")

    credited: dict[str, list[str]] = {}
    for r in rows:
        if _present(r.get("agencies")):
            for agency in re.split(r"\s*[;|]\s*", str(r["agencies"])):
                if agency:
                    credited.setdefault(agency, []).append(_label(labels, r["doc"]))
    if credited:
        parts = [f"{md(a)} in {names(docs)}" for a, docs in
                 sorted(credited.items(), key=lambda x: (-len(x[1]), x[0]))]
        out.append(f"News agencies credited: {names(parts, 'and')}.")
    else:
        out.append("No article credits a news agency.")

    datelines = [(r["dateline"], r["doc"]) for r in rows if _present(r.get("dateline"))]
    if datelines:
        out.append("Datelines: " + names(f"{md(place)} ({_label(labels, doc)})"
                                         for place, doc in datelines) + ".")
    dates = sorted((str(r["date"]), r["doc"]) for r in rows if _present(r.get("date")))
    if len(dates) == 1:
        out.append(f"Only {_label(labels, dates[0][1])} states its date ({md(dates[0][0])}).")
    elif dates:
        out.append(f"{len(dates)} of {n} articles state their date, from {md(dates[0][0])} to "
                   f"{md(dates[-1][0])}.")
    if skipped:
        out.append(f"{_cap(_count(skipped, 'file'))} could not be read and "
                   f"{'was' if skipped == 1 else 'were'} left out (listed at the end).")
    else:
        out.append("Every file in the corpus could be read.")
    return out


# --------------------------------------------------------------------------
# 01 readability


def readability_findings(table, labels: Mapping[str, str], variants=None,
                         score: str = "flesch_kincaid_grade") -> Findings:
    """The hardest and easiest article with their 95% intervals, whether the formulas agree,
    and how the reporters' own prose compares with the words of their sources.

    ``table``: ``Run.readability_table()``; ``variants``: ``Run.variant_table(...)`` (optional).
    """
    from ..readability import FORMULAS, SCORES

    out = Findings()
    rows = [r for r in table.to_dict("records") if _finite(r.get(score))]
    if not rows:
        out.append("No article is long enough to be scored.")
        return out
    if len(rows) == 1:
        r = rows[0]
        out.append(f"{_label(labels, r['doc'])} reads at Flesch-Kincaid grade {r[score]:.1f}"
                   f"{_interval(r, score)}.")
        return out
    hardest = max(rows, key=lambda r: (r[score], r["doc"]))
    easiest = min(rows, key=lambda r: (r[score], r["doc"]))
    out.append(f"Hardest to read: **{_label(labels, hardest['doc'])}**, Flesch-Kincaid grade "
               f"{hardest[score]:.1f}{_interval(hardest, score)}. Easiest: "
               f"**{_label(labels, easiest['doc'])}**, grade {easiest[score]:.1f}"
               f"{_interval(easiest, score)}.")
    low, high = easiest.get(f"{score}_ci_high"), hardest.get(f"{score}_ci_low")
    if _finite(low) and _finite(high):
        if low < high:
            out.append("Their intervals do not overlap: the difference is larger than the "
                       "sentence-to-sentence noise within each article.")
        else:
            out.append("Their intervals overlap, so even these two cannot be told apart with "
                       "confidence; smaller differences between articles mean even less.")

    agree_hard = agree_easy = 0
    scored = 0
    for name in SCORES:
        values = [(r[name], r["doc"]) for r in rows if _finite(r.get(name))]
        if len(values) < 2:
            continue
        scored += 1
        harder_first = FORMULAS[name].higher_is_harder
        top = max(values)[1] if harder_first else min(values)[1]
        bottom = min(values)[1] if harder_first else max(values)[1]
        agree_hard += top == hardest["doc"]
        agree_easy += bottom == easiest["doc"]
    if scored:
        if agree_hard == scored and agree_easy == scored:
            out.append(f"All {scored} formulas agree on which is hardest and which is easiest.")
        else:
            out.append(f"{agree_hard} of {scored} formulas also rank {_label(labels, hardest['doc'])} "
                       f"hardest, and {agree_easy} of {scored} rank {_label(labels, easiest['doc'])} "
                       "easiest: the formulas weigh sentence and word length differently.")

    if variants is not None and len(variants):
        pivot = {}
        for r in variants.to_dict("records"):
            pivot.setdefault(r["doc"], {})[r["variant"]] = r
        harder = [d for d, v in pivot.items()
                  if _finite(v.get("prose_only", {}).get(score))
                  and _finite(v.get("quotes_only", {}).get(score))
                  and v["prose_only"][score] > v["quotes_only"][score]]
        compared = [d for d, v in pivot.items()
                    if _finite(v.get("prose_only", {}).get(score))
                    and _finite(v.get("quotes_only", {}).get(score))]
        if compared:
            if len(harder) == len(compared):
                out.append(f"In every article the reporter's own prose is harder than the words "
                           f"of the sources it reports (Flesch-Kincaid grade).")
            elif not harder:
                out.append("In every article the sources' words are harder than the reporter's "
                           "own prose (Flesch-Kincaid grade).")
            else:
                out.append(f"The reporter's own prose is harder than the sources' words in "
                           f"{len(harder)} of {len(compared)} articles (Flesch-Kincaid grade).")

    short = [r for r in rows if "SMOG" in str(r.get("warnings", ""))]
    if short:
        out.append(f"{_cap(_count(len(short), 'article'))} {'has' if len(short) == 1 else 'have'} "
                   "fewer than 30 sentences, below what SMOG was normed on: read its grade there "
                   "with care.")
    return out


def _interval(row, score: str) -> str:
    low, high = row.get(f"{score}_ci_low"), row.get(f"{score}_ci_high")
    if _finite(low) and _finite(high):
        return f" (95% interval {low:.1f} to {high:.1f})"
    return ""


# --------------------------------------------------------------------------
# 02 attribution

_KIND_WORDS = {"direct": "direct quotes", "indirect": "reported speech", "mixed": "mixed quotes",
               "according_to": "\"according to\" phrases", "nominal": "noun-phrase attributions"}
_TYPE_WORDS = {"person": "people", "organization": "organisations",
               "government body": "government bodies", "news agency": "news agencies",
               "media": "other media", "anonymous": "anonymous sources",
               "document": "documents", "unknown": "sources the extractor could not name"}


def attribution_findings(who, labels: Mapping[str, str], metrics=None) -> Findings:
    """How much each article quotes, who is quoted most widely, what kinds of source dominate.

    ``who``: one row per attribution (``attribution.who_said_what``: doc, speaker,
    speaker_type, kind ...); ``metrics``: ``Run.attribution_metrics()`` (optional:
    attributions per 1,000 words).
    """
    out = Findings()
    apart = Counter()
    if "cue_class" in who.columns:  # who gets to speak: speech only, the rest counted apart
        classes = who["cue_class"].map(lambda c: c if _present(c) else "speech")
        apart = Counter(c for c in classes if c != "speech")
        everything, who = len(who), who[classes == "speech"]
    n = len(who)
    if n == 0:
        out.append("No attribution was found: no article quotes or reports anyone's words.")
        return _apart(out, apart, everything if apart else 0)
    per_doc = Counter(who["doc"])
    docs = list(labels) or sorted(per_doc)
    text = (f"{n:,} attributions (quotes and reported speech) in "
            f"{_count(len([d for d in docs if per_doc.get(d)]), 'article')}")
    if metrics is not None and len(metrics) > 1 and "per_1000_words" in metrics:
        rows = metrics.to_dict("records")
        most = max(rows, key=lambda r: (r["per_1000_words"], r["doc"]))
        least = min(rows, key=lambda r: (r["per_1000_words"], r["doc"]))
        text += (f"; {_label(labels, most['doc'])} attributes most densely "
                 f"({_num(round(most['per_1000_words']))} per 1,000 words), "
                 f"{_label(labels, least['doc'])} least "
                 f"({_num(round(least['per_1000_words']))}).")
    else:
        text += "."
    out.append(text)

    named = who[who["speaker"].map(_present) & (who["speaker"] != "(unknown)")
                & ~who["speaker_type"].isin(["anonymous", "unknown"])]
    if len(named):
        spread = named.groupby("speaker")["doc"].nunique()
        counts = named.groupby("speaker").size()
        order = sorted(spread.index, key=lambda s: (-spread[s], -counts[s], s))
        top = order[0]
        if spread[top] > 1:
            also = [s for s in order[1:] if spread[s] == spread[top]]
            who_text = names(md(s) for s in [top] + also)
            out.append(f"{who_text} {'is' if not also else 'are'} quoted in the most articles "
                       f"({spread[top]} of {len(docs)}); "
                       f"{_count(int((spread == 1).sum()), 'named source')} "
                       f"{'appears' if int((spread == 1).sum()) == 1 else 'appear'} in one article only.")
        else:
            out.append("No named source is quoted in more than one article.")
        busiest = max(counts.index, key=lambda s: (counts[s], s))
        in_docs = sorted(named[named["speaker"] == busiest]["doc"].unique())
        where = (f"all in {_label(labels, in_docs[0])}" if len(in_docs) == 1
                 else f"across {len(in_docs)} articles")
        out.append(f"The most cited source is {md(busiest)}: {counts[busiest]} attributions, {where}.")

    types = Counter(who["speaker_type"])
    if types:
        top_type, top_n = max(types.items(), key=lambda x: (x[1], x[0]))
        hidden = types.get("anonymous", 0) + types.get("unknown", 0)
        text = (f"By type, {_TYPE_WORDS.get(top_type, md(top_type))} are cited most "
                f"({_pct(top_n / n)} of attributions)")
        text += (f"; {_pct(hidden / n)} go to anonymous or unnamed sources." if hidden
                 else "; every attribution names its source.")
        out.append(text)

    kinds = who.groupby("doc")["kind"].apply(lambda s: (s == "direct").mean())
    if len(kinds) > 1:
        hi, lo = kinds.idxmax(), kinds.idxmin()
        if kinds[hi] - kinds[lo] >= 0.2:
            out.append(f"Direct quotes make up {_pct(kinds[hi])} of the attributions in "
                       f"{_label(labels, hi)} but {_pct(kinds[lo])} in {_label(labels, lo)}, "
                       "which puts more of what its sources said in its own words.")
    return _apart(out, apart, everything if apart else 0)


def _apart(out: Findings, apart: Counter, everything: int) -> Findings:
    """The sentence on the attributions left out of the figures above (beliefs and evidence)."""
    if apart:
        words = {"thought": ("belief, intention or perception", "beliefs, intentions or perceptions",
                             ' ("X thinks", "X wants")'),
                 "evidence": ("citation of evidence", "citations of evidence", ' ("the poll shows")')}
        parts = [f"{apart[c]:,} {one if apart[c] == 1 else many}{example}"
                 for c, (one, many, example) in words.items() if apart[c]]
        out.append(f"These figures count speech. Also found, and counted apart: {' and '.join(parts)}, "
                   f"{_pct(sum(apart.values()) / everything)} of all attributions (the cue class column).")
    return out


# --------------------------------------------------------------------------
# 03 overlap


def overlap_findings(labels: Mapping[str, str], *, differing=None, quotes=None, source_pairs=None,
                     reuse_pairs=None, layers_note: str = "") -> Findings:
    """Figures that disagree and who gives each, quotes credited to different speakers, the
    articles sharing most sources, and how much prose is reused. Each argument is the table
    the notebook shows (``Layers.differing_figures()``, ``quotes_table()``,
    ``source_pairs_table()``, the reuse pairs); an empty one says the layer found nothing, a
    missing one (None) says nothing. ``layers_note``: why the event layers did not run (a
    corpus too large for them), said instead of their findings."""
    out = Findings()
    if layers_note:
        out.append(layers_note.strip())
        out.extend(_reuse_findings(reuse_pairs, labels))
        return out
    out.extend(_figure_findings(differing, labels))
    out.extend(_quote_findings(quotes, labels))
    out.extend(_source_findings(source_pairs, labels))
    out.extend(_reuse_findings(reuse_pairs, labels))
    return out


def _who_says(row) -> str:
    source = row.get("source")
    if _present(source):
        return f"citing {md(source)}"
    return "no source named"


def _figure_findings(differing, labels) -> list[str]:
    if differing is None:
        return []
    if not len(differing):
        return ["No quantity is reported with different values in different articles."]
    out = []
    groups = []
    for group, rows in differing.groupby("group", sort=False):
        rows = rows.to_dict("records")
        conflict = bool(rows[0].get("conflict"))
        groups.append((not conflict, -len({r["doc"] for r in rows}), group, rows))
    groups.sort(key=lambda g: g[:3])
    for _, _, group, rows in groups[:MAX_ITEMS]:
        exact = [r for r in rows if str(r.get("qualifier") or "") != "vague"]
        vague = [r for r in rows if str(r.get("qualifier") or "") == "vague"]
        exact.sort(key=lambda r: (float(r["value"]), str(r["text"]), r["doc"]))
        what = md(_group_words(group))
        conflict = bool(rows[0].get("conflict"))
        parts = [f"**{md(r['text'])}** ({_label(labels, r['doc'])}, {_who_says(r)})" for r in exact]
        text = (f"{_cap(what)}: the articles give {names(parts)}"
                if parts else f"{_cap(what)} is given only in words")
        if vague:
            text += "; " + names(f"{_label(labels, r['doc'])} says “{md(r['text'])}”" for r in vague)
        text += "." if not conflict else ". These figures cannot all be true."
        out.append(text)
    if len(groups) > MAX_ITEMS:
        out.append(f"{_cap(_count(len(groups) - MAX_ITEMS, 'more quantity', 'more quantities'))} "
                   f"{'is' if len(groups) - MAX_ITEMS == 1 else 'are'} reported differently "
                   "(section 4).")
    return out


def _group_words(group: str) -> str:
    """"soldiers killed | incident, Saturday, Deir el-Zour" -> "soldiers killed (one incident,
    Saturday, Deir el-Zour)"."""
    key, _, scope = str(group).partition(" | ")
    parts = [p.strip() for p in scope.split(",") if p.strip()]
    if parts and parts[0] == "incident":
        parts[0] = "one incident"
    return f"{key} ({', '.join(parts)})" if parts else key


def _quote_findings(quotes, labels) -> list[str]:
    if quotes is None:
        return []
    if not len(quotes):
        return ["No quote appears in more than one article."]
    out = []
    conflicts = quotes[quotes["conflict"].astype(bool)]
    for cluster, rows in list(conflicts.groupby("cluster", sort=True))[:MAX_ITEMS]:
        by_speaker: dict[str, list[str]] = {}
        for r in rows.to_dict("records"):
            by_speaker.setdefault(r["speaker"] if _present(r["speaker"]) else "no one named",
                                  []).append(_label(labels, r["doc"]))
        parts = [f"to {md(s)} in {names(docs)}" for s, docs in by_speaker.items()]
        quote = md(rows.iloc[0]["quote"])
        out.append(f"The same words, “{quote}”, are credited {names(parts, 'but')}.")
    agreed = quotes[~quotes["conflict"].astype(bool)]["cluster"].nunique()
    if agreed:
        out.append(f"{_cap(_count(agreed, 'other quote'))} "
                   f"{'appears' if agreed == 1 else 'appear'} in more than one article with the "
                   "same speaker each time.")
    elif not len(conflicts):
        out.append("Quotes shared between articles are credited to the same speaker each time.")
    return out


def _split(value) -> list[str]:
    if not _present(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [v for v in re.split(r"\s*\|\s*", str(value)) if v]


def _source_findings(pairs, labels) -> list[str]:
    if pairs is None:
        return []
    rows = [r for r in pairs.to_dict("records") if _split(r.get("shared_speakers"))]
    if not rows:
        return ["No two articles quote the same source."]
    best = max(rows, key=lambda r: (len(_split(r["shared_speakers"])), r.get("speaker_overlap", 0),
                                    r["a"], r["b"]))
    shared = _split(best["shared_speakers"])
    text = (f"{_label(labels, best['a'])} and {_label(labels, best['b'])} share the most sources: "
            f"{names(md(s) for s in shared)}")
    if _finite(best.get("speaker_overlap")):
        text += f" ({_pct(float(best['speaker_overlap']))} of the smaller article's named sources)"
    out = [text + "."]
    holders: dict[str, set] = {}
    for r in pairs.to_dict("records"):
        for s in _split(r.get("shared_speakers")):
            holders.setdefault(s, set()).update((r["a"], r["b"]))
    if holders:
        widest = max(holders, key=lambda s: (len(holders[s]), s))
        n_docs = len(labels) or len({d for r in pairs.to_dict('records') for d in (r['a'], r['b'])})
        out.append(f"{md(widest)} is the source quoted by most articles "
                   f"({len(holders[widest])} of {n_docs}).")
    return out


def _reuse_findings(pairs, labels) -> list[str]:
    if pairs is None:
        return []
    if not len(pairs):
        return ["No two articles share a passage of prose."]
    best = None
    for r in pairs.to_dict("records"):
        for share, a, b in ((r["containment_a_in_b"], r["a"], r["b"]),
                            (r["containment_b_in_a"], r["b"], r["a"])):
            if best is None or (share, a, b) > best:
                best = (float(share), a, b)
    share, a, b = best
    if share >= REUSE_SHARE:
        return [f"{_label(labels, a)} reuses prose from {_label(labels, b)}: {_pct(share)} of its "
                "word sequences appear there too (section 1)."]
    return [f"No article copies another: at most {_pct(share)} of one article's word sequences "
            f"appear in another ({_label(labels, a)} in {_label(labels, b)}); the overlap is "
            "a phrase or two, not shared copy."]
