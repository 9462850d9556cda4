"""Speaker typing registry, name cleaning and name merging (no spaCy needed)."""
from __future__ import annotations

import pytest

from analysis import speakers as spk
from analysis.speakers import Mention


@pytest.mark.parametrize("mention, expected", [
    (Mention("Reuters", "reuters", (("Reuters", "ORG"),), proper=True, head_text="reuters"), "news agency"),
    (Mention("the news agency", "agency", definite=True, head_text="agency"), "news agency"),
    (Mention("Kremlin spokesman Dmitri Peskov", "peskov", (("Kremlin", "ORG"), ("Dmitri Peskov", "PERSON")),
             proper=True, head_text="peskov"), "person"),
    (Mention("The Obama administration", "administration", (("Obama", "PERSON"),), definite=True,
             head_text="administration"), "government body"),
    (Mention("a rebel official", "official", head_text="official"), "anonymous"),
    (Mention("Russian officials", "official", (("Russian", "NORP"),), plural=True,
             head_text="officials"), "anonymous"),
    (Mention("a statement", "statement", head_text="statement"), "document"),
    (Mention("the Washington Post", "post", (("the Washington Post", "ORG"),), definite=True, proper=True,
             head_text="post"), "media"),
    (Mention("Russia", "russia", (("Russia", "GPE"),), proper=True, head_text="russia"), "government body"),
    (Mention("the USA", "usa", (("USA", "ORG"),), definite=True, proper=True, head_text="usa"),
     "government body"),
    (Mention("the Syrian Observatory for Human Rights", "observatory",
             (("the Syrian Observatory for Human Rights", "ORG"),), definite=True, proper=True,
             head_text="observatory"), "organization"),
    (Mention("Syria's UN ambassador", "ambassador", (("Syria", "GPE"), ("UN", "ORG")), definite=True,
             head_text="ambassador"), "person"),
    (Mention("Shareholders", "shareholder", plural=True, head_text="shareholders"), "anonymous"),
    (Mention("he", "he", is_pronoun=True, head_text="he"), "unknown"),
])
def test_speaker_type_registry(mention, expected):
    assert spk.speaker_type(mention) == expected
    assert expected in spk.SPEAKER_TYPES


def test_describe_keeps_the_role_apart():
    m = Mention("Kremlin spokesman Dmitri Peskov", "peskov", (("Dmitri Peskov", "PERSON"),), proper=True,
                head_text="peskov")
    assert spk.describe(m) == ("Dmitri Peskov", "person", "Kremlin spokesman")
    m = Mention("Mr Mubanga, 32, from Wembley", "mubanga", proper=True, head_text="mubanga")
    assert spk.describe(m)[:2] == ("Mubanga", "person")


@pytest.mark.parametrize("raw, clean", [
    ("Secretary of State John Kerry", "John Kerry"),
    ("Mr. Smith", "Smith"),
    ("Tory Liam Fox", "Liam Fox"),
    ("Describing Mr Jackson", "Jackson"),
    ("Lieutenant General Sergei Rudskoi", "Sergei Rudskoi"),
    ("Assad's", "Assad"),
])
def test_clean_name(raw, clean):
    assert spk.clean_name(raw) == clean


def test_canonical_names_merge_only_unambiguous_surnames():
    canon = spk.canonical_names(["Kerry", "John Kerry", "Secretary of State John Kerry", "Jackson",
                                 "Michael Jackson", "Katherine Jackson", "Assad", "Bashar al-Assad"])
    assert canon["Kerry"] == canon["John Kerry"] == "John Kerry"
    assert canon["Jackson"] == "Jackson"  # two Jacksons: left alone
    assert canon["Assad"] == "Bashar al-Assad"


def test_agency_names_are_normalised():
    assert spk.agency_name("Agence France-Presse") == "AFP"
    assert spk.agency_name("the Associated Press") == "AP"
    assert spk.agency_name("the state news agency") is None


def test_person_entity_holding_the_head_is_the_name():
    m = Mention("Moadamiyat al-Sham mayor Bassam Karbuj", "karbuj",
                (("Moadamiyat al-Sham", "PERSON"), ("Bassam Karbuj", "PERSON")), proper=True,
                head_text="karbuj")
    assert spk.describe(m) == ("Bassam Karbuj", "person", "Moadamiyat al-Sham mayor")


def test_body_spellings_merge_across_the_corpus():
    canon = spk.canonical_bodies(["U.S. Central Command", "United States Central Command",
                                  "Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights",
                                  "Syrian observatory of Human rights", "Russia", "Russian Federation",
                                  "Russia", "Reuters"])
    assert canon["United States Central Command"] == canon["U.S. Central Command"]
    assert canon["Syrian observatory of Human rights"] == "Syrian Observatory for Human Rights"
    assert canon["Russian Federation"] == "Russia"
    assert canon["Reuters"] == "Reuters"
    assert spk.body_key("USA Today") != spk.body_key("US")
