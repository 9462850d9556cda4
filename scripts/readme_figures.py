"""The README's quality table, written from ``benchmarks/results/quality.json``.

    python scripts/readme_figures.py          # rewrite the table in README.md
    python scripts/readme_figures.py --check  # exit 1 when README.md is not what the results give

``make bench`` runs it after the benchmarks, and a test runs ``--check``, so the README quotes the
figures the benchmarks recorded, as the notebooks and the tests' floors do.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
START = "<!-- quality figures: written by scripts/readme_figures.py from benchmarks/results/quality.json -->"
END = "<!-- end of quality figures -->"


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def _f(value: float) -> str:
    return f"{value:.2f}"


def _attribution_rows(section: dict) -> list[tuple[str, str, str]]:
    rows = []
    for name, e in sorted(section.items(), key=lambda kv: kv[1].get("order", 99)):
        figure = f"content F1 {_f(e['content_f1'])}, content+speaker F1 {_f(e['content_speaker_f1'])}"
        speech = e.get("speech_only")
        if speech:
            figure += f"; speech cues only {_f(speech['content_f1'])} / {_f(speech['content_speaker_f1'])}"
        textacy = e.get("textacy")
        if textacy:
            figure += f" (textacy: {_f(textacy['content_f1'])} / {_f(textacy['content_speaker_f1'])}"
            raising = textacy.get("docs_raising")
            figure += f", raises on {raising} of {e['n_docs']} documents)" if raising else ")"
        script = "score_bbc_gold.py" if name.startswith("bbc") else "score_attributions.py"
        rows.append((f"attribution, {e['label']} ({e['n_gold']} gold attributions)", figure, script))
    return rows


def _polnear_rows(section: dict) -> list[tuple[str, str, str]]:
    rows = []
    for split in ("dev", "fit"):
        e = section.get(split)
        if not e:
            continue
        content, speaker = e["content"], e["content_speaker"]
        # three decimals: these sit next to the targets (0.70 and 0.60)
        figure = (f"content F1 {content['f1']:.3f} (P {content['precision']:.3f}, R {content['recall']:.3f}), "
                  f"content+speaker F1 {speaker['f1']:.3f}")
        citron = e.get("citron", {}).get("content")
        if citron:
            figure += (f"; Citron-style content F1 {_f(citron['overlap']['f1'])} token overlap, "
                       f"{_f(citron['exact']['f1'])} exact")
        label = {"dev": "our development split of train (sampling period 10, never trained on)",
                 "fit": "the rest of train (periods 1-9, trained on)"}[split]
        rows.append((f"attribution, PolNeAR political news, PARC ({e['n_gold']} gold attributions), {label}",
                     figure, "score_polnear.py"))
    return rows


def rows(results: dict) -> list[tuple[str, str, str]]:
    """(what, figure, script) for every quality figure the results hold, in a fixed order."""
    out: list[tuple[str, str, str]] = []
    readability = results.get("readability", {})
    syllables = readability.get("syllables")
    if syllables:
        cs, est, pyphen = syllables["count_syllables"], syllables["estimate_syllables"], syllables["pyphen_en"]
        out.append(("syllables: agreement with CMUdict on the BBC tokens it covers",
                    f"{_pct(cs['tokens_exact'])} ({_pct(cs['tokens_first'])} against the first-listed "
                    "pronunciation)", "readability_validity.py"))
        out.append(("syllables: fallback estimator alone, words it may not look up",
                    f"{_pct(est['types_exact'])} of types, {_pct(est['tokens_exact'])} of tokens "
                    f"(textacy's hyphenation: {_pct(pyphen['types_exact'])} / {_pct(pyphen['tokens_exact'])})",
                    "readability_validity.py"))
    onestop = readability.get("onestopenglish")
    if onestop:
        formulas = onestop["formulas"]
        ranked = sorted(formulas, key=lambda n: -formulas[n]["ours"]["triples"])[:3]
        fk = formulas.get("flesch_kincaid_grade", {})
        figure = ", ".join(f"{n} {_pct(formulas[n]['ours']['triples'])}" for n in ranked)
        if "textacy" in fk:
            figure += f" (textacy's flesch_kincaid_grade {_pct(fk['textacy']['triples'])})"
        out.append((f"OneStopEnglish ({onestop['articles']} articles), three levels ordered correctly "
                    "(whole triples)", figure, "readability_validity.py"))
    out += _attribution_rows(results.get("attribution", {}))
    out += _polnear_rows(results.get("polnear", {}))
    numbers = results.get("numbers", {}).get("seeds")
    if numbers:
        out.append(("numbers, \"same quantity reported differently\", seeds gold "
                    f"({numbers['gold_mentions']} figures)",
                    f"pairs P {_f(numbers['precision'])}, R {_f(numbers['recall'])}; figures extracted "
                    f"{_pct(numbers['mention_recall'])}", "score_figures.py"))
    overlap = results.get("overlap", {})
    pairs = overlap.get("pairs")
    if pairs:
        out.append((f"text reuse, BBC pairs with 5-gram containment >= 0.5 ({pairs['wanted']}) found",
                    f"exact {_pct(pairs['recall']['exact'])}, MinHash LSH {_pct(pairs['recall']['lsh'])}",
                    "bench_overlap.py"))
    pan = overlap.get("pan", {}).get("hard")
    if pan:
        out.append(("passage alignment (PAN plagdet) on a BBC-built benchmark",
                    f"{pan['verbatim']['reuse']['plagdet']:.3f} verbatim, {pan['light']['reuse']['plagdet']:.3f} "
                    f"lightly edited (naive 5-gram merger: {pan['verbatim']['naive-merge']['plagdet']:.2f} / "
                    f"{pan['light']['naive-merge']['plagdet']:.2f})", "pan_benchmark.py"))
    return out


def render(results: dict) -> str:
    lines = [START, "", "| what | figure | script |", "| --- | --- | --- |"]
    lines += [f"| {what} | {figure} | `{script}` |" for what, figure, script in rows(results)]
    return "\n".join(lines + ["", END])


def updated(readme: str, results: dict) -> str:
    start, end = readme.index(START), readme.index(END) + len(END)
    return readme[:start] + render(results) + readme[end:]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check README.md is up to date")
    args = parser.parse_args(argv)
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    new = updated(readme, results)
    if args.check:
        if new != readme:
            print("README.md's quality table differs from benchmarks/results/quality.json: "
                  "run python scripts/readme_figures.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
