"""PARC conventions of the attribution layer, on small made-up sentences.

One cue owns a whole quotation; only the outermost attribution is kept;
contents run to the end of the reported clause and may be noun phrases,
infinitives or prepositional objects; raised subjects and agentless passives
have no source; records carry ``cue_class``; and the PARC selection and span
edges (:mod:`analysis.attribution.parc`) are checked without a model.
"""
from __future__ import annotations

import pytest

from analysis import attribution as at
from analysis.attribution.draft import Draft
from analysis.attribution.model import Model, load_model
from analysis.attribution.parc import best_per_cue, cue_scores, outermost, univocal


@pytest.fixture(scope="module")
def run(nlp):
    def _run(text: str):
        return text, at.extract(nlp(text))

    return _run


def texts(text, a):
    return [s.text(text) for s in a.contents]


def by_cue(text, atts, cue):
    found = [a for a in atts if a.cue is not None and a.cue.text(text) == cue]
    assert len(found) == 1, [(a.cue and a.cue.text(text), texts(text, a)) for a in atts]
    return found[0]


# --------------------------------------------------------------------------
# one attribution per cue, outermost only


def test_multi_sentence_quote_is_one_attribution_around_its_cue(run):
    text, atts = run('"The bridge will reopen in May," the mayor said. "Nobody will pay a toll."')
    assert len(atts) == 1
    a = atts[0]
    assert a.kind == "direct" and a.cue.text(text) == "said" and a.source.text(text) == "the mayor"
    assert texts(text, a) == ['"The bridge will reopen in May,"', '"Nobody will pay a toll."']
    record = at.record("d", text, a)
    assert record["content"] == record["contents"][0] and len(record["contents"]) == 2


def test_quoted_paragraph_after_a_quote_continues_it(run):
    text, atts = run('"We will win this seat," Ms Alvarez said.\n\n"Then we will win the next one."')
    a = by_cue(text, atts, "said")
    assert len(atts) == 1 and len(a.contents) == 2 and a.source.text(text) == "Ms Alvarez"


def test_report_inside_a_quotation_is_not_nested(run):
    text, atts = run('"I think the plan will fail," the senator said.')
    assert len(atts) == 1 and atts[0].cue.text(text) == "said"


def test_report_inside_a_reported_clause_is_not_nested(run):
    text, atts = run("The governor said that the auditors believe the accounts were falsified.")
    assert [a.cue.text(text) for a in atts] == ["said"]
    assert texts(text, atts[0]) == ["that the auditors believe the accounts were falsified"]


def test_coordinated_that_clauses_are_one_content(run):
    text, atts = run("The minister said that prices would rise but that wages would follow them.")
    a = only_one(atts)
    assert texts(text, a) == ["that prices would rise but that wages would follow them"]


def only_one(atts):
    assert len(atts) == 1, atts
    return atts[0]


# --------------------------------------------------------------------------
# broad cues and contents


def test_infinitive_of_an_intention_is_a_thought(run):
    text, atts = run("The council plans to raise parking fees next year.")
    a = by_cue(text, atts, "plans")
    assert texts(text, a) == ["to raise parking fees next year"]
    assert a.source.text(text) == "The council" and a.cue_class == "thought"


def test_belief_clause_is_a_thought(run):
    text, atts = run("Most economists believe that the recession is over.")
    a = by_cue(text, atts, "believe")
    assert texts(text, a) == ["that the recession is over"] and a.cue_class == "thought"


def test_poll_showing_is_evidence(run):
    text, atts = run("A new poll shows that the mayor is losing support among older voters.")
    a = by_cue(text, atts, "shows")
    assert a.source.text(text) == "A new poll" and a.cue_class == "evidence"
    assert texts(text, a) == ["that the mayor is losing support among older voters"]


def test_noun_phrase_content_is_nominal(run):
    text, atts = run("The union strongly opposes the new pension plan.")
    a = only_one(atts)
    assert a.kind == "nominal" and texts(text, a) == ["the new pension plan"]
    assert a.source.text(text) == "The union"


def test_raised_subject_has_no_source(run):
    text, atts = run("The governor is expected to sign the budget on Friday.")
    a = only_one(atts)
    assert a.source is None and a.cue_class == "thought"
    assert texts(text, a) == ["The governor", "to sign the budget on Friday"]


def test_said_speech_class_and_record_fields(run):
    text, atts = run("The company said it would close two factories.")
    a = only_one(atts)
    rec = at.record("d", text, a)
    assert rec["cue_class"] == "speech" and rec["kind"] == "indirect"
    assert at.from_record(rec).cue_class == "speech"
    for span in rec["contents"] + [rec["cue"], rec["source"]]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_every_record_kind_and_class_is_known(run):
    for sentence in ["The union strongly opposes the new pension plan.",
                     "The governor is expected to sign the budget on Friday.",
                     '"We are ready," she said.',
                     "Prices rose by 4%, according to the statistics office."]:
        text, atts = run(sentence)
        assert atts
        for a in atts:
            assert a.kind in at.KINDS and a.cue_class in at.CUE_CLASSES


# --------------------------------------------------------------------------
# the PARC selection, without a model


def _draft(contents, cue, score):
    return Draft(kind="indirect", contents=contents, cue=cue, source_tok=None, source=None, confidence=0.5,
                 para=0, score=score)


def test_outermost_drops_a_draft_whose_cue_is_inside_another_content():
    outer = _draft([(0, 50)], (60, 64), 0.9)
    inner = _draft([(20, 40)], (10, 15), 0.95)  # its cue (10-15) lies in the outer content
    assert outermost([outer, inner]) == [outer]


def test_outermost_keeps_the_better_of_two_holding_each_others_cue():
    a = _draft([(0, 30)], (40, 45), 0.9)
    b = _draft([(35, 60)], (10, 14), 0.6)
    assert outermost([a, b]) == [a]


def test_univocal_keeps_the_better_of_two_overlapping_contents():
    a = _draft([(0, 40)], (50, 54), 0.5)
    b = _draft([(5, 40)], (60, 64), 0.8)
    c = _draft([(100, 120)], (90, 94), 0.4)
    assert univocal([a, b, c]) == [b, c]


class _Tok:
    """A stand-in for a spaCy token: drafts of one cue share its index."""

    def __init__(self, i):
        self.i = i


def test_the_ranker_picks_the_reading_and_the_best_score_whether_to_keep_it():
    import importlib

    select = importlib.import_module("analysis.attribution.extract").select
    cue = _Tok(7)
    long_ = _draft([(0, 60)], (70, 74), 0.8)
    short = _draft([(0, 30)], (70, 74), 0.3)
    for d in (long_, short):
        d.cue_tok = cue
    long_.rank, short.rank = -1.0, 2.0
    assert best_per_cue([long_, short]) == [short]
    assert cue_scores([long_, short]) == {7: 0.8}
    # the cue passes the threshold on its best score (0.8), though the chosen reading scores 0.3
    assert select([long_, short], 0.5) == [short]
    assert select([long_, short], 0.9) == []
    # without a ranker the best-scored reading is kept
    long_.rank = short.rank = None
    assert best_per_cue([long_, short]) == [long_]
    assert long_.score == 0.8 and short.score == 0.3  # selection never changes the drafts


def test_a_model_without_a_ranker_gives_no_ranks():
    model = Model({})
    assert model.rank_weights == {}
    assert Model({"rank_weights": {"how=dobj": 1.5, "after=comma": -0.5}}).rank(
        ["how=dobj", "after=comma", "other"]) == 1.0


def test_boundary_features_tell_where_a_content_stops(nlp):
    from analysis.attribution.context import Context
    from analysis.attribution.model import boundary_features

    doc = nlp("The mayor said that taxes will rise, which angered voters.")
    ctx = Context(doc)
    text = doc.text
    said = next(t for t in doc if t.text == "said")
    start = text.index("that")
    short = Draft(kind="indirect", contents=[(start, text.index(","))], cue=(said.idx, said.idx + 4),
                  source_tok=None, source=None, confidence=0.5, para=0, cue_tok=said)
    whole = Draft(kind="indirect", contents=[(start, text.index("."))], cue=(said.idx, said.idx + 4),
                  source_tok=None, source=None, confidence=0.5, para=0, cue_tok=said)
    fs, fw = boundary_features(ctx, short, "say/VERB", "ccomp"), boundary_features(ctx, whole, "say/VERB", "ccomp")
    assert "after=comma" in fs and "after=sent-end" in fw
    assert any(f.startswith("comma-then=") for f in fw) and not any(f.startswith("comma-then=") for f in fs)
    assert "before=cue" in fs


def test_an_empty_model_keeps_every_draft():
    model = Model({})
    assert model.score(["anything"]) == 0.5 and model.context_weights is None


def test_shipped_model_is_small_and_holds_no_text():
    import json

    from analysis.attribution.model import MODEL_FILE

    assert MODEL_FILE.stat().st_size < 30 * 2 ** 20
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data) >= {"weights", "bias", "context_weights", "context_bias", "threshold", "lexicon"}
    assert 0 < data["threshold"] < 1 and all(isinstance(w, float) for w in data["weights"].values())
    assert load_model().lexicon


# --------------------------------------------------------------------------
# quotations: dialogue is never lost, and a quotation after its attribution joins it


DIALOGUE = '''"My dear Mr. Bennet," said his lady to him one day, "have you heard that Netherfield Park is let at last?"

Mr. Bennet replied that he had not.

"Why, my dear, you must know, Mrs. Long says that Netherfield is taken by a young man of large fortune."

"What is his name?"

"Bingley."

"Is he married or single?"
'''


def test_every_quotation_of_a_dialogue_is_an_attribution(run):
    text, atts = run(DIALOGUE)
    quoted = {c for a in atts for c in texts(text, a)}
    for line in ('"What is his name?"', '"Bingley."', '"Is he married or single?"'):
        assert line in quoted, line
    # a report inside a quotation is not the outer attribution: the whole quote is
    assert any(c.startswith('"Why, my dear, you must know, Mrs. Long says') for c in quoted)


def test_a_quotation_beside_its_cue_beats_the_cues_other_readings(run):
    text, atts = run('The door opened. "Boh! Madam Mope!" cried the voice of John Reed.')
    a = by_cue(text, atts, "cried")
    assert texts(text, a) == ['"Boh! Madam Mope!"']


def test_a_reply_with_its_own_cue_continues_nobody(run):
    text, atts = run('"And you have a large rent too," said the gentleman. "Yes, sir," said Dick, '
                     '"I have to pay such a big rent for my mansion."')
    gentleman = [a for a in atts if '"And you have a large rent too,"' in texts(text, a)]
    assert len(gentleman) == 1 and all("Yes, sir" not in c for c in texts(text, gentleman[0]))


def test_a_quotation_after_an_attribution_in_its_paragraph_joins_it(run):
    text, atts = run('On her account, she criticized the deal.\n'
                     '"This is very serious," Teachout says in the ad. "I challenge you to a debate."')
    a = by_cue(text, atts, "says")
    assert texts(text, a) == ['"This is very serious,"', '"I challenge you to a debate."']


def test_a_quoted_name_is_not_a_bare_quotation(run):
    text, atts = run('"Crooked Hillary" is trending again.\n\n"We will win," the candidate said.')
    assert all("Crooked" not in c for a in atts for c in texts(text, a))


def test_the_ranker_learns_to_prefer_a_cues_right_reading():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from train_attribution import train_ranker

    rows = []
    for n in range(6):  # each cue: a right short reading and a wrong long one, with a shared feature
        cue = _Tok(n)
        drafts = [_draft([(0, 10)], (20, 24), 0.5), _draft([(0, 40)], (20, 24), 0.5)]
        for d in drafts:
            d.cue_tok = cue
        feats = [["how=dobj", "after=sent-end", "shared"], ["how=complements", "after=comma", "shared"]]
        rows.append((None, None, drafts, feats, [1, 0]))
    weights = train_ranker(rows, 1.0, 13)
    model = Model({"rank_weights": weights})
    assert model.rank(rows[0][3][0]) > model.rank(rows[0][3][1])
    assert "shared" not in weights  # a feature both readings have says nothing about which is right
    assert weights == train_ranker(rows, 1.0, 13)  # seeded: the same rows give the same weights
