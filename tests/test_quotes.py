"""Quote-span detection from marks alone: pairing, apostrophes, repairs, scare quotes."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.quotes import QuoteSpan, quote_spans

ROOT = Path(__file__).resolve().parents[1]


def texts(text: str) -> list[str]:
    return [q.text(text) for q in quote_spans(text)]


def speech(text: str) -> list[str]:
    return [q.text(text) for q in quote_spans(text) if not q.is_scare]


def test_straight_and_curly_double_quotes():
    t = '"It is over," he said. She replied: “No, it is not.”'
    assert texts(t) == ["It is over,", "No, it is not."]


def test_marks_are_excluded_and_offsets_index_the_text():
    t = 'He said: “We will not stop.” Then he left.'
    (q,) = quote_spans(t)
    assert t[q.open] == "“" and t[q.close] == "”"
    assert t[q.start:q.end] == "We will not stop." and q.closed


def test_single_quotes_as_primary_marks():
    t = "The minister said the plan was 'dead in the water and will not be revived'."
    assert texts(t) == ["dead in the water and will not be revived"]
    t2 = "He said: ‘We are leaving now.’"
    assert texts(t2) == ["We are leaving now."]


@pytest.mark.parametrize("text", [
    "We don't know what Syria's army wants.",
    "Assad’s forces said nothing; it wasn’t clear.",
    "Music of the '90s and the ’80s was loud.",
    "The dogs' bowls were empty.",
    "Rock 'n' roll never dies.",
    "Lincoln 's Inn Hall , do n't go .",
])
def test_apostrophes_are_not_quotes(text):
    assert quote_spans(text) == []


def test_nested_single_quote_stays_inside_double():
    t = 'He said: "They called it \'a mistake\' and moved on."'
    assert texts(t) == ["They called it 'a mistake' and moved on."]


def test_split_quote_gives_two_spans():
    t = '"The truce is holding," Kerry said, "but it is fragile."'
    assert texts(t) == ["The truce is holding,", "but it is fragile."]


def test_multi_paragraph_quote_reopened_without_close():
    t = ('He went on:\n\n"We will not accept this. It is wrong.\n\n'
         '"And we will say so at the UN," he said.\n\nOther news.')
    spans = quote_spans(t)
    assert [q.text(t) for q in spans] == ["We will not accept this. It is wrong.",
                                          "And we will say so at the UN,"]
    assert spans[0].quote_id == spans[1].quote_id
    assert [q.part for q in spans] == [0, 1]
    assert spans[0].close is None and spans[1].closed


def test_unclosed_quote_ends_at_paragraph_end():
    t = 'He said "this has no closing mark\n\nThe next paragraph is narration.'
    (q,) = quote_spans(t)
    assert q.text(t) == "this has no closing mark" and not q.closed


def test_quote_broken_over_lines_is_carried_to_its_closer():
    t = "“ How are\nyou today ? ” she asked ."
    assert texts(t) == ["How are\nyou today ?"]


def test_missing_opener_recovered_from_paragraph_start():
    t = 'Intro.\n\nThe truce is over," he said.'
    assert texts(t) == ["The truce is over,"]


@pytest.mark.parametrize("text", [
    '"', '"""', "“", "”", "''", "'", '"a" "b', "‘’’‘", "\n\n\"\n\n", '"unclosed',
    "He said “A “B “C ” ” ”", "»«", "a \"\" b",
])
def test_unbalanced_marks_never_raise(text):
    spans = quote_spans(text)
    for q in spans:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end].strip() == text[q.start:q.end]


def test_random_mark_soup_never_raises():
    import random

    rng = random.Random(4)
    alphabet = ['"', "'", "“", "”", "‘", "’", "«", "»", "`", " ", " ", "\n", "\n\n", ".", ",", "a", "b",
                "word", "He", "said", "s", "90"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spans = quote_spans(text)
        assert spans == sorted(spans)
        for q in spans:
            assert 0 <= q.start < q.end <= len(text)
            assert text[q.start:q.end] == text[q.start:q.end].strip()


def test_second_opener_ends_the_first_quote():
    t = 'He said "first part, then "second part" ended.'
    assert texts(t) == ["first part, then", "second part"]
    # at the last sentence end before the new opener when there is one
    t = 'He said: "I lost three years. He added: "They wanted to break me."'
    assert texts(t) == ["I lost three years.", "They wanted to break me."]


def test_scare_quotes_and_titles_flagged():
    t = "US ‘accidentally’ hits Assad’s forces. Washington passed on its “regret” to Damascus."
    spans = quote_spans(t)
    assert [q.text(t) for q in spans] == ["accidentally", "regret"]
    assert all(q.is_scare for q in spans)


def test_quoted_titles_are_flagged():
    t = "Stars will perform on the show, billed as \"A Concert of Hope for the Victims\", next week."
    (q,) = quote_spans(t)
    assert q.text(t) == "A Concert of Hope for the Victims" and q.is_scare
    t2 = 'He said "we are ready for a long fight" and left.'
    assert not quote_spans(t2)[0].is_scare


def test_short_quote_with_cue_is_speech():
    t = 'Assad called the attack "blatant aggression". "No," he said.'
    assert speech(t) == ["blatant aggression", "No,"]


def test_whole_paragraph_short_quote_is_speech():
    t = 'Intro.\n\n"Absolutely not."\n\nMore.'
    assert speech(t) == ["Absolutely not."]


def test_sloppy_curly_marks_repaired():
    t = "He said ”we are ready” and left."
    assert texts(t) == ["we are ready"]


def test_guillemets():
    assert texts("Il a dit « non merci » hier, he said.") == ["non merci"]


def test_quote_spans_are_sorted_and_typed():
    t = '"A b c d," he said. "E f g h," she said.'
    spans = quote_spans(t)
    assert spans == sorted(spans) and all(isinstance(q, QuoteSpan) for q in spans)


def test_seeds_offsets_and_known_quotes():
    folder = ROOT / "seeds"
    text = (folder / "000_efd52faf37b7adfc.txt").read_text(encoding="utf-8")
    found = speech(text)
    assert "the basic ceasefire is holding but fragile" in found
    assert any(s.startswith("We are reaching a terrifying conclusion") for s in found)
    assert "Accidentally" not in found
    for path in sorted(folder.glob("*.txt")):
        t = path.read_text(encoding="utf-8")
        for q in quote_spans(t):
            assert t[q.start:q.end] == q.text(t) and q.end > q.start


def test_bbc_sample_never_raises_and_spans_are_clean(bbc_path):
    files = sorted(bbc_path.rglob("*.txt"))[:300]
    assert len(files) == 300
    n = 0
    for path in files:
        t = path.read_bytes().decode("utf-8", errors="replace")
        for q in quote_spans(t):
            assert 0 <= q.start < q.end <= len(t)
            n += 1
    assert n > 1000


def test_reopening_right_after_a_sentence_end_continues_the_quote():
    # a paragraph break flattened away: 'not wise. "He lacks' is one quote going on
    t = 'Mr Straw said: "He is clever, but he is not wise. "He lacks judgement." Then he left.'
    spans = quote_spans(t)
    assert [q.text(t) for q in spans] == ["He is clever, but he is not wise.", "He lacks judgement."]
    assert spans[0].quote_id == spans[1].quote_id and [q.part for q in spans] == [0, 1]
    # with words between the sentence end and the new opener it is a new quote
    t = 'He said: "I lost three years. He added: "They wanted to break me."'
    spans = quote_spans(t)
    assert spans[0].quote_id != spans[1].quote_id
