"""The attribution rules' word lists and limits, as data.

Which verbs report, which only cue a quote, which report through an object
frame or only with a document or body as subject; the function words and parse
labels the rules look for; the few numeric limits. The rules read these by
name, so a word joins the lexicon in one place.
"""
from __future__ import annotations

# --------------------------------------------------------------------------
# verbs and nouns of reporting

#: verbs whose clausal complement is reported speech or a reported stance ("has learned that");
#: beliefs ("think", "believe") are read apart, by :data:`BELIEF_VERBS`: a clause and a holder only
REPORT_VERBS = frozenset("""
say tell add warn state claim report announce accuse deny insist explain note argue confirm admit
suggest assert declare acknowledge allege reveal disclose concede predict estimate indicate
reply respond answer write testify stress emphasise emphasize maintain contend complain boast
reiterate repeat recall caution agree promise pledge vow threaten urge ask demand hint signal
learn mention observe remark comment tweet post affirm protest inform notify assure charge
conclude recommend propose dispute forecast lament blame criticise criticize condemn praise
welcome dismiss reject accept swear order speculate recount describe call find rule
judge show""".split())

#: verbs of a court's or referee's verdict ("ruled that", "judged the film was")
VERDICT_VERBS = frozenset("rule judge".split())

#: verbs that report only when a document, figure or body is their subject ("figures showed that",
#: "the study found"): with a person or pronoun subject they tell of a deed ("they found him")
EVIDENCE_VERBS = frozenset("show find".split())

#: belief and expectation verbs ("INSEE expects the economy to grow", "I think he will"): a stance,
#: reported only through a clause (never a quote's cue, never a frame)
BELIEF_VERBS = frozenset("think believe hope expect fear doubt feel".split())

#: belief verbs that also tell of a sensation ("felt the floor shake"): a stance only with a tensed clause
PERCEPTION_BELIEFS = frozenset(["feel"])

#: verbs that, with "this"/"these explanations" as subject, state the writer's inference
INFERENCE_VERBS = frozenset("suggest indicate show imply prove confirm mean".split())

#: verbs that report nothing with a particle ("did not rule out a strike", "called off")
PARTICLE_NOT_CUES = frozenset("rule call find show".split())

#: verbs that only cue a direct quote (no clause of their own), on top of REPORT_VERBS
QUOTE_ONLY_VERBS = frozenset("""
dub brand label term express quote cite speak talk put shout yell cry whisper scream continue
begin sum joke muse laugh sigh plead read exclaim snap retort interject mutter murmur thank""".split())

#: verbs whose object frame is the content ("accused X of Y", "urged X to Y", "called X Y");
#: evaluations without a proposition ("praised X", "condemned the attack") are not attributions
FRAME_VERBS = frozenset("""
accuse blame urge ask call claim warn order demand encourage advise invite press implore
promise pledge vow threaten appeal describe brand label dub report dismiss hail denounce reject
rule""".split())

#: frame verbs that report content only as "X as Y" ("dismissed the offer as inadequate")
AS_FRAME_VERBS = frozenset("dismiss hail denounce reject".split())

#: frame verbs that report content only with an infinitive or clause ("urged X to Y")
REQUEST_VERBS = frozenset("ask urge order encourage advise invite press implore appeal".split())

#: frame verbs whose content is their direct object only ("reported heavy shelling")
OBJECT_ONLY_VERBS = frozenset(["report"])

#: passives that report a claim about their subject: "X is said / reported / believed to Y"
RAISING_VERBS = frozenset("say report believe think understand rumour rumor allege".split())

#: passives whose subject is the source ("was quoted as saying"); other agentless passives name no
#: source (PARC: "was asked about", "was told that", "is expected to")
PASSIVE_SOURCE_VERBS = frozenset("quote cite".split())

#: "Asked whether ..., she said": a participle of these tells of a question nobody named asked
ASKED_VERBS = frozenset("ask question press tell challenge".split())

#: verbs of relaying another's words: "the paper quoted X as saying", "cited X as saying"
RELAY_VERBS = frozenset("quote cite".split())

#: verbs whose object is the addressee, not the subject of the reported clause ("told delegates that")
ADDRESSEE_VERBS = frozenset("tell inform assure notify warn remind ask urge brief advise".split())

#: verbs that undo the report they govern ("failed to warn the US")
NOT_DONE_VERBS = frozenset("fail refuse decline neglect forget".split())

#: nouns of saying whose "that"-clause is reported content ("the minister's claim that ...")
REPORT_NOUNS = frozenset("""suggestion speculation claim allegation assertion warning insistence
admission assessment prediction accusation contention argument statement announcement""".split())

#: nouns that name a person's words after a quote: '"...," was Mr Smith's verdict'
VERDICT_NOUNS = REPORT_NOUNS | frozenset("assessment verdict view comment response reply words "
                                         "judgement judgment conclusion summary".split())

#: "according to" these is a standard followed, not a source quoted
NOT_SOURCES = frozenset("""plan plans schedule rule rules law laws tradition custom instruction
instructions interest self-interest need needs script size taste season procedure protocol
guideline guidelines principle principles wish wishes ability merit merits""".split())

#: prepositions that link a cue to its content ("talked about X", "support for X", "critical of X")
CONTENT_PREPS = frozenset("""about on for against of to over at with as into toward towards regarding
behind""".split())

#: verbs that make a noun the cue ("voiced support for", "expressed concern about"): the verb's
#: subject holds the noun's content
LIGHT_VERBS = frozenset("""voice express offer give lend throw pledge announce declare reiterate
raise issue make register signal show""".split())

#: the lemmatiser's slips on cue words: (form, lemma given) -> lemma
LEMMA_FIXES = {("hoping", "hop"): "hope", ("hoped", "hop"): "hope", ("hopes", "hop"): "hope"}

# --------------------------------------------------------------------------
# cue classes (:mod:`.classes`)

#: cue words of internal states: belief, knowledge, perception, intention, desire, stance
THOUGHT_CUES = frozenset("""
think believe know feel hope wish want plan intend expect fear worry doubt suspect assume guess
imagine consider regard view see perceive notice realize realise recognize recognise understand
remember forget learn decide prefer like love hate dislike support oppose favor favour back seek
aim aspire desire dream trust seem appear look sound envision anticipate wonder care mind value
respect admire resent rely bet reckon presume sense
belief opinion view hope fear concern worry desire wish intention plan plans expectation sense
impression knowledge awareness understanding doubt doubts suspicion conviction support opposition
preference goal aim ambition dream vision perception feeling feelings thought thoughts mind
confident sure aware convinced skeptical sceptical worried concerned afraid eager keen reluctant
willing happy unhappy hopeful optimistic pessimistic certain uncertain unsure determined
supportive critical wary fearful anxious proud
""".split())

#: heads of sources that are evidence rather than speakers: documents, data, findings
EVIDENCE_SOURCES = frozenset("""
poll polls survey surveys data study studies report reports record records figure figures
analysis analyses research document documents number numbers statistics estimate estimates
finding findings evidence result results count tally filing filings review audit investigation
email emails memo transcript transcripts video footage photo photos map chart graph model models
forecast forecasts projection projections average averages index census ranking rankings
explanation explanations argument arguments
""".split())

# --------------------------------------------------------------------------
# function words

#: relative pronouns: "a spokesman who said" reports for the noun
RELATIVES = frozenset("who which that whom".split())

#: dummy subjects, never a source ("it was reported")
EXPLETIVES = frozenset("it there".split())

#: subordinators of a question, not an assertion ("asked whether ...")
UNASSERTED_MARKS = frozenset("whether if".split())

#: question words: "declined to say what" asserts nothing
WH_WORDS = frozenset("how what why where when who which whom".split())

#: prepositions that open an object frame's content ("accused X of Y", "warned about Y")
FRAME_PREPS = frozenset("of for on to about against over as".split())

#: subordinators of a clause that goes on with the reported one ("X was unchanged, while Y fell")
TAIL_MARKS = frozenset("while whereas although though because".split())

#: "it was possible [that] X": adjectives whose clause the parser often hangs elsewhere
CLAUSE_ADJECTIVES = frozenset("possible clear likely unlikely true certain obvious evident "
                               "inevitable important necessary sure aware".split())

#: dashes that set off an afterthought ("prices would fall - warning that ...")
DASHES = frozenset("- – —".split())

# --------------------------------------------------------------------------
# dependency labels

#: a cue's reported clause
CONTENT_DEPS = ("ccomp",)
#: the parts of a cue's object frame
FRAME_DEPS = ("dobj", "xcomp", "oprd", "ccomp", "attr", "dative")
#: what may follow a parenthetical cue inside the clause it interrupts
CLAUSE_DEPS = frozenset(("advcl", "conj", "ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"))
#: links a subjectless cue inherits its subject across ("X arrived and said")
WALK_UP_DEPS = frozenset(("conj", "xcomp", "advcl", "pcomp", "prep", "acl", "ccomp"))

# --------------------------------------------------------------------------
# limits

#: a report's words outside its quote ("calling Davis "an icon"") make it mixed up to this many
MAX_MIXED_LEAD = 8

#: a cue verb that does not govern a quote must be within this many tokens of its marks
MAX_CUE_GAP = 8

#: tokens that may stand between a trailing cue and its sentence's end ("he told the BBC.")
MAX_TRAILING_TOKENS = 7

#: a cue-less quote this short, capitalised mid-sentence and without a sentence mark, is a name
MAX_NAME_WORDS = 5
