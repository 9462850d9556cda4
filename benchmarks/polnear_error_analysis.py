"""Error analysis of attribution extraction on PolNeAR train: tables, examples and a cue lexicon TSV.

Usage: ``python benchmarks/polnear_error_analysis.py PATH --out DIR [--tsv FILE] [--examples N]``

Reads only ``data/train`` of a local PolNeAR checkout (see
:mod:`evaluation.polnear`), parses every article once (parse cache), runs
``analysis.attribution`` on our ``dev`` and ``fit`` splits and writes to
``DIR``: ``tables.md`` (corpus counts, content shapes, cue lemmas of all and
of missed gold, miss / false-positive / speaker-error causes, annotator
agreement on the multiply annotated articles) and ``examples.md`` (short
examples per cause). ``--tsv`` writes the cue lexicon of the fit split: per
gold cue lemma (with its commonest POS), how often it is a cue (with that POS),
how often the lemma occurs at all in fit texts (with that POS), the ratios, the content's dependency relation to the cue and the cue's
commonest surface forms. The outputs quote the corpus: keep them out of the
repository.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.attribution import attribution_records  # noqa: E402
from analysis.nlp import load_model, parse_corpus  # noqa: E402
from analysis.quotes import quote_spans  # noqa: E402
from evaluation import parc_score as ps  # noqa: E402
from evaluation import polnear_analysis as pa  # noqa: E402
from evaluation.parse_tools import cue_lemma  # noqa: E402
from evaluation.polnear import corpus_of, gold_kind, gold_records, load_polnear  # noqa: E402


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _table(title: str, rows, header=("item", "n", "share")) -> list[str]:
    out = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [f"{c:.1%}" if isinstance(c, float) and c <= 1.0 and header[-1].startswith("share")
                 else (f"{c:.3f}" if isinstance(c, float) else str(c)) for c in row]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def gold_info(docs, parsed) -> list[dict]:
    """One row per gold attribution with everything the tables need."""
    rows = []
    for d in docs:
        doc = parsed[d.id]
        quotes = [q for q in quote_spans(d.text) if q.family == "double"]
        for a in d.attributions:
            lemma, pos, _ = cue_lemma(doc, a.cue)
            kind = gold_kind(d.text, a, quotes, np_content=pa.content_shape(doc, a.content) == "NP")
            cs, ce = a.content_bounds
            rows.append({
                "doc": d.id, "id": a.id, "split": d.split, "lemma": lemma, "pos": pos, "kind": kind,
                "cue_text": " ".join(d.text[s:e] for s, e in a.cue).lower(),
                "quote": pa.quote_status(d.text, a.content, quotes),
                "shape": pa.content_shape(doc, a.content),
                "relation": pa.content_relation(doc, a.cue, a.content),
                "discontinuous": a.discontinuous, "has_source": a.has_source,
                "multi_sentence": pa.n_sentences(doc, cs, ce) > 1,
                "multi_paragraph": "\n" in d.text[cs:ce],
                "content_chars": ce - cs,
                "source_after_cue": a.has_source and a.source_bounds[0] > a.cue_bounds[0],
                "content_before_cue": cs < a.cue_bounds[0],
            })
    return rows


def corpus_tables(docs, info) -> list[str]:
    out = ["## Corpus counts", ""]
    for split in ("all", "fit", "dev"):
        ds = [d for d in docs if split == "all" or d.split == split]
        rows = [r for r in info if split == "all" or r["split"] == split]
        n = len(rows)
        if not n:
            continue
        share = lambda key, val=True: sum(r[key] == val for r in rows) / n  # noqa: E731
        out += [f"**{split}**: {len(ds)} articles, {n} attributions ({n / len(ds):.1f} per article); "
                f"content with quotation marks {1 - share('quote', 'none'):.1%} "
                f"(fully quoted {share('quote', 'full'):.1%}, partly {share('quote', 'partial'):.1%}); "
                f"NP contents {share('shape', 'NP'):.1%}; discontinuous {share('discontinuous'):.1%}; "
                f"multi-sentence {share('multi_sentence'):.1%}; over paragraphs {share('multi_paragraph'):.1%}; "
                f"no source {1 - share('has_source'):.1%}; source after cue {share('source_after_cue'):.1%}; "
                f"content before cue {share('content_before_cue'):.1%}; median content "
                f"{statistics.median(r['content_chars'] for r in rows):.0f} chars; events without cue or "
                f"content {sum(d.incomplete for d in ds)}; Discuss/Discard flags {sum(len(d.flags) for d in ds)}",
                ""]
    return out


def shape_tables(info, split: str) -> list[str]:
    rows = [r for r in info if r["split"] == split or split == "all"]
    n = len(rows)
    out = _table(f"Content shape x quotation ({split}, n={n})",
                 [(f"{s} / {q}", c, c / n) for (s, q), c in
                  Counter((r["shape"], r["quote"]) for r in rows).most_common(25)])
    out += _table(f"Gold kind ({split})", [(k, c, c / n) for k, c in Counter(r["kind"] for r in rows).most_common()])
    out += _table(f"Cue head POS ({split})", [(k, c, c / n) for k, c in Counter(r["pos"] for r in rows).most_common()])
    out += _table(f"Cue phrases as annotated, lowercased ({split}, top 40)",
                  [(k, c, c / n) for k, c in Counter(r["cue_text"] for r in rows).most_common(40)])
    out += _table(f"Content relation to cue ({split}, top 25)",
                  [(k, c, c / n) for k, c in Counter(r["relation"] for r in rows).most_common(25)])
    return out


def score_split(docs, parsed, nlp, info_by_key) -> dict:
    corpus = corpus_of(docs)
    predicted = attribution_records(corpus, nlp, {d.id: parsed[d.id] for d in docs})
    kinds = {k: v["kind"] for k, v in info_by_key.items()}
    gold = gold_records(docs, kinds)
    matches = ps.headline_matches(predicted, gold)
    return {"predicted": predicted, "gold": gold, "matches": matches}


def error_tables(split: str, res: dict, docs, parsed, info_by_key, n_examples: int) -> tuple[list[str], list[str]]:
    predicted, gold, matches = res["predicted"], res["gold"], res["matches"]
    texts = {d.id: d.text for d in docs}
    found = {m.gold: m for m in matches}
    used = {m.pred for m in matches}
    preds_by_doc, golds_by_doc = defaultdict(list), defaultdict(list)
    for i, p in enumerate(predicted):
        preds_by_doc[p["doc"]].append(i)
    for i, g in enumerate(gold):
        golds_by_doc[g["doc"]].append(i)
    out, ex = [f"## Errors on {split}", ""], [f"## Examples, {split}", ""]
    s = ps.headline_score(predicted, gold, matches)
    out.append(f"{s['n_gold']} gold, {s['n_predicted']} predicted, {s['n_matched']} matched; content "
               f"P/R/F1 {s['content']['precision']:.3f}/{s['content']['recall']:.3f}/{s['content']['f1']:.3f}; "
               f"+speaker {s['content_speaker']['precision']:.3f}/{s['content_speaker']['recall']:.3f}/"
               f"{s['content_speaker']['f1']:.3f}")
    out.append("")
    # misses
    causes, details, examples = Counter(), Counter(), defaultdict(list)
    all_lemmas, missed_lemmas, missed_full = Counter(), Counter(), Counter()
    shape_all, shape_missed = Counter(), Counter()
    for gi, g in enumerate(gold):
        info = info_by_key[(g["doc"], g["id"])]
        all_lemmas[info["lemma"]] += 1
        shape_all[info["shape"]] += 1
        if gi in found:
            continue
        idx = preds_by_doc[g["doc"]]
        cause, detail = pa.miss_cause(g, [predicted[i] for i in idx], used, idx, texts[g["doc"]],
                                      parsed[g["doc"]])
        causes[cause] += 1
        details[f"{cause}: {detail}"] += 1
        missed_lemmas[info["lemma"]] += 1
        shape_missed[info["shape"]] += 1
        if cause == "not found":
            missed_full[info["lemma"]] += 1
        if len(examples[f"{cause}: {detail}"]) < n_examples:
            src = g["source"]["text"] if g["source"] else "-"
            best = [predicted[i] for i in idx if ps.outer_bounds(predicted[i]) and
                    ps.outer_bounds(predicted[i])[1] > ps.outer_bounds(g)[0] and
                    ps.outer_bounds(predicted[i])[0] < ps.outer_bounds(g)[1]]
            pred_txt = " || ".join(_short(p["content"]["text"], 120) for p in best[:2]) or "-"
            examples[f"{cause}: {detail}"].append(
                f"- `{g['doc'][:40]}` {src} [{g['cue']['text']}] -> {_short(g['content']['text'])}  \n"
                f"  predicted: {pred_txt}")
    n_missed = sum(causes.values())
    out += _table(f"Missed gold by cause ({split}, {n_missed} missed)",
                  [(k, c, c / n_missed) for k, c in causes.most_common()])
    out += _table(f"Missed gold by detailed cause ({split})",
                  [(k, c, c / n_missed) for k, c in details.most_common()])
    out += _table(f"Cue lemmas: all gold vs missed ({split}, top 40 by gold count)",
                  [(lem, n, missed_lemmas[lem], missed_full[lem], 1 - missed_lemmas[lem] / n)
                   for lem, n in all_lemmas.most_common(40)],
                  header=("lemma", "gold", "missed", "not found at all", "recall"))
    out += _table(f"Cue lemmas of gold not found at all ({split}, top 40)",
                  [(lem, n, n / max(1, sum(missed_full.values()))) for lem, n in missed_full.most_common(40)])
    out += _table(f"Content shape: all vs missed ({split})",
                  [(sh, n, shape_missed[sh], 1 - shape_missed[sh] / n) for sh, n in shape_all.most_common()],
                  header=("shape", "gold", "missed", "recall"))
    for key, lines in sorted(examples.items()):
        ex += [f"### Missed: {key}", ""] + lines + [""]
    # false positives
    fp, fp_kind, fp_lemma, fp_ex = Counter(), Counter(), Counter(), defaultdict(list)
    for pi, p in enumerate(predicted):
        if pi in used:
            continue
        idx = golds_by_doc[p["doc"]]
        cause = pa.false_positive_cause(p, [gold[i] for i in idx], set(found), idx, texts[p["doc"]])
        fp[cause] += 1
        fp_kind[(cause, p["kind"])] += 1
        if cause == "no gold overlap" and p.get("cue"):
            c = p["cue"]
            lemma, _, _ = cue_lemma(parsed[p["doc"]], [(c["start"], c["end"])])
            fp_lemma[lemma] += 1
        if len(fp_ex[cause]) < n_examples:
            fp_ex[cause].append(f"- `{p['doc'][:40]}` {p['kind']}: {(p['source'] or {}).get('text', '-')} "
                                f"[{(p['cue'] or {}).get('text', '-')}] -> {_short(p['content']['text'])}")
    n_fp = sum(fp.values())
    out += _table(f"False positives by cause ({split}, {n_fp})", [(k, c, c / n_fp) for k, c in fp.most_common()])
    out += _table(f"False positives by cause and predicted kind ({split})",
                  [(f"{a} / {b}", c, c / n_fp) for (a, b), c in fp_kind.most_common()])
    out += _table(f"Cue lemmas of false positives with no gold overlap ({split}, top 30)",
                  [(k, c, c / max(1, fp['no gold overlap'])) for k, c in fp_lemma.most_common(30)])
    for key, lines in sorted(fp_ex.items()):
        ex += [f"### False positive: {key}", ""] + lines + [""]
    # speakers
    spk, spk_ex = Counter(), defaultdict(list)
    for m in matches:
        if m.speaker_right:
            continue
        g, p = gold[m.gold], predicted[m.pred]
        k = pa.speaker_error(g, p)
        spk[k] += 1
        if len(spk_ex[k]) < n_examples:
            spk_ex[k].append(f"- gold source: {(g['source'] or {}).get('text', '-')} | predicted: "
                             f"{(p['source'] or {}).get('text', '-')} [{(p['cue'] or {}).get('text', '-')}]"
                             f" -> {_short(g['content']['text'], 120)}")
    n_spk = sum(spk.values())
    out += _table(f"Speaker errors among matched pairs ({split}, {n_spk})",
                  [(k, c, c / max(1, n_spk)) for k, c in spk.most_common()])
    for key, lines in sorted(spk_ex.items()):
        ex += [f"### Speaker error: {key}", ""] + lines + [""]
    # recall by gold kind and relation
    rel_all, rel_hit = Counter(), Counter()
    for gi, g in enumerate(gold):
        r = info_by_key[(g["doc"], g["id"])]["relation"]
        rel_all[r] += 1
        rel_hit[r] += gi in found
    out += _table(f"Recall by content relation to cue ({split}, top 20)",
                  [(r, n, rel_hit[r], rel_hit[r] / n) for r, n in rel_all.most_common(20)],
                  header=("relation", "gold", "matched", "recall"))
    return out, ex


def agreement_tables(docs) -> list[str]:
    rows = []
    for d in docs:
        if len(d.annotations) > 1:
            rows += pa.agreement(d.annotations, d.text, d.id)
    if not rows:
        return []
    f1 = [r["content"]["f1"] for r in rows]
    f1s = [r["content_speaker"]["f1"] for r in rows]
    n_docs = sum(len(d.annotations) > 1 for d in docs)
    return ["## Annotator agreement with the headline measure", "",
            f"{n_docs} train articles annotated by several annotators; {len(rows)} ordered annotator pairs "
            f"(one as gold, one as prediction). Content F1 mean {statistics.mean(f1):.3f} "
            f"(median {statistics.median(f1):.3f}, min {min(f1):.3f}); content+speaker F1 mean "
            f"{statistics.mean(f1s):.3f} (median {statistics.median(f1s):.3f}).", ""]


def cue_tsv(docs, parsed, info, path: Path) -> None:
    """Cue lexicon of the fit split (see module doc)."""
    fit_docs = [d for d in docs if d.split == "fit"]
    lemma_all, lemma_pos = Counter(), Counter()
    for d in fit_docs:
        for t in parsed[d.id]:
            if t.is_alpha:
                lemma_all[t.lemma_.lower()] += 1
                lemma_pos[(t.lemma_.lower(), t.pos_)] += 1
    rows = [r for r in info if r["split"] == "fit"]
    by_lemma = defaultdict(list)
    for r in rows:
        by_lemma[r["lemma"]].append(r)
    # "according to": count the phrase
    according = sum(t.lower_ == "according" and t.i + 1 < len(parsed[d.id]) and
                    parsed[d.id][t.i + 1].lower_ == "to" for d in fit_docs for t in parsed[d.id])
    lines = ["lemma\tpos\tn_cue\tn_cue_same_pos\tn_lemma_tokens\tn_lemma_tokens_same_pos\tp_cue\tp_cue_same_pos\t"
             "n_no_source\tn_quoted_content\tcontent_relations\tcontent_shapes\tcue_forms"]
    for lemma, rs in sorted(by_lemma.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        pos, n_same = Counter(r["pos"] for r in rs).most_common(1)[0]
        n = len(rs)
        if lemma == "according to":
            n_all = n_pos = according
        else:
            n_all, n_pos = lemma_all[lemma], lemma_pos[(lemma, pos)]
        rel = ",".join(f"{k}:{v}" for k, v in Counter(r["relation"] for r in rs).most_common(5))
        shp = ",".join(f"{k}:{v}" for k, v in Counter(r["shape"] for r in rs).most_common(4))
        forms = ",".join(f"{k}:{v}" for k, v in Counter(r["cue_text"].replace("\t", " ").replace("\n", " ")
                                                        for r in rs).most_common(5))
        lines.append("\t".join([
            lemma.replace("\t", " ") or "-", pos, str(n), str(n_same), str(n_all), str(n_pos),
            f"{n / n_all:.4f}" if n_all else "", f"{n_same / n_pos:.4f}" if n_pos else "",
            str(sum(not r["has_source"] for r in rs)), str(sum(r["quote"] != "none" for r in rs)),
            rel, shp, forms]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=None)
    parser.add_argument("--out", type=Path, required=True, help="folder for tables.md and examples.md")
    parser.add_argument("--tsv", type=Path, default=None, help="write the fit cue lexicon here")
    parser.add_argument("--examples", type=int, default=8, help="examples per cause")
    parser.add_argument("--splits", default="dev,fit", help="splits to run the extractor on")
    args = parser.parse_args(argv)
    docs = load_polnear(args.path, "all")
    nlp = load_model()
    parsed = parse_corpus(corpus_of(docs), nlp)
    info = gold_info(docs, parsed)
    info_by_key = {(r["doc"], r["id"]): r for r in info}
    tables = ["# PolNeAR train: tables", ""] + corpus_tables(docs, info)
    for split in ("all", "dev"):
        tables += shape_tables(info, split)
    tables += agreement_tables(docs)
    examples = ["# PolNeAR train: examples", ""]
    for split in [s for s in args.splits.split(",") if s]:
        split_docs = [d for d in docs if d.split == split]
        res = score_split(split_docs, parsed, nlp, info_by_key)
        t, e = error_tables(split, res, split_docs, parsed, info_by_key, args.examples)
        tables += t
        examples += e
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tables.md").write_text("\n".join(tables) + "\n", encoding="utf-8")
    (args.out / "examples.md").write_text("\n".join(examples) + "\n", encoding="utf-8")
    if args.tsv:
        cue_tsv(docs, parsed, info, args.tsv)
    print(f"wrote {args.out / 'tables.md'}, {args.out / 'examples.md'}" + (f", {args.tsv}" if args.tsv else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
