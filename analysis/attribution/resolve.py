"""Speaker resolution: sources to canonical speakers, within one article.

Relative "who" to its noun, "he"/"she" to the nearest earlier person, "it" and
"they" to the nearest body, role nouns ("the spokeswoman") to the person the
article names in that role, "a statement by X" to X, and name variants ("Mr
Straw", "Jack Straw") to one name. Speaker types and roles come from
:mod:`analysis.speakers`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

from .. import speakers as spk
from .context import Context
from .draft import Draft
from .lexicon import RELATIVES
from ..text import SpanIndex
from .sources import mention_span

#: speaker types that "it" and "they" can refer back to
_BODY_TYPES = ("organization", "government body", "media", "anonymous", "news agency", "document")


class Antecedents:
    """The sources already resolved in an article, indexed for "nearest earlier" questions.

    Every question the resolver asks of earlier attributions (the last person
    before here, the body "it" refers to, the quotation that "I" speaks in, the
    agency named before) is a bisect or a bucket lookup, not a scan of all of
    them, so resolution stays linear in the article's length. Ties go to the
    attribution resolved first, as a scan in order would.
    """

    def __init__(self):
        self.drafts: list[Draft] = []
        self.persons: list[tuple[int, int]] = []  # (source start, number), sorted
        self.bodies: list[tuple[int, int]] = []
        self.quotations = SpanIndex()  # direct and mixed attributions with a speaker
        self.agency: Draft | None = None

    def add(self, d: Draft) -> None:
        n = len(self.drafts)
        self.drafts.append(d)
        if d.speaker and d.kind in ("direct", "mixed"):
            self.quotations.add(n, d.contents)
        if d.speaker_type == "news agency" and spk.agency_name(d.speaker) and (
                self.agency is None or d.start > self.agency.start):
            self.agency = d
        if d.speaker and d.source:
            if d.speaker_type == "person":
                insort(self.persons, (d.source[0], n))
            elif d.speaker_type in _BODY_TYPES:
                insort(self.bodies, (d.source[0], n))

    def quotation_at(self, pos: int) -> Draft | None:
        """The last resolved direct or mixed attribution whose content holds ``pos``."""
        hits = [n for n in self.quotations.query(pos, pos + 1)
                if any(s <= pos < e for s, e in self.drafts[n].contents)]
        return self.drafts[hits[-1]] if hits else None

    @staticmethod
    def _first_at(entries: list[tuple[int, int]], start: int) -> int:
        return bisect_left(entries, (start, -1))

    def person_before(self, pos: int) -> Draft | None:
        """The resolved person whose source starts last before ``pos``."""
        i = self._first_at(self.persons, pos)
        if i == 0:
            return None
        return self.drafts[self.persons[self._first_at(self.persons, self.persons[i - 1][0])][1]]

    def body_before(self, pos: int, within: int, anonymous: bool) -> Draft | None:
        """The nearest earlier body (``anonymous`` sources too, if asked) less than ``within`` before."""
        entries = self.bodies
        i = self._first_at(entries, pos)  # entries[:i] start before ``pos``
        while i > 0:
            start = entries[i - 1][0]
            if pos - start >= within:
                return None
            first = self._first_at(entries, start)
            for _, n in entries[first:i]:  # one start: in the order they were resolved
                if anonymous or self.drafts[n].speaker_type != "anonymous":
                    return self.drafts[n]
            i = first
        return None


class Resolver:
    """Pronouns, relatives, role nouns and name variants to canonical speakers, per article."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        doc = ctx.doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON" and spk.clean_name(e.text)
                        and e.text.lower() not in spk.PARTY_WORDS]  # "Labour" tagged PERSON
        self.groups = [e for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP")]
        self.group_ends = [e.end_char for e in self.groups]
        self.ents = list(doc.ents)
        self.ent_ends = [e.end_char for e in self.ents]
        self.earlier = Antecedents()
        self.canon = spk.canonical_names(spk.clean_name(e.text) for e in self.persons)
        surnames: dict[str, set[str]] = {}
        for full in set(self.canon.values()):
            if len(full.split()) > 1:
                surnames.setdefault(spk.name_key(full), set()).add(full)
        self.by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
        self.roles = self._role_map()
        self.role_phrases: dict[str, str] = {}  # the first phrase each name is given
        self.roles_by_word: dict[str, list[tuple[int, str, str, str]]] = {}  # in text order
        for entry in self.roles:
            if entry[3]:
                self.role_phrases.setdefault(entry[2], entry[3])
            self.roles_by_word.setdefault(entry[1], []).append(entry)
        self.role_positions = {w: [e[0] for e in es] for w, es in self.roles_by_word.items()}
        self.person_starts = [e.start_char for e in self.persons]
        # proper-noun subjects the tagger did not call PERSON ("Souness", tagged ORG): he/she may
        # still refer to them
        self.name_subjects = [t for t in doc if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass")
                              and t.ent_type_ in ("", "PERSON", "ORG") and t.is_title
                              and not self._organisation_word(t) and t.lower_ not in spk.PARTY_WORDS]
        self.name_subject_starts = [t.idx for t in self.name_subjects]

    def _role_map(self) -> list[tuple[int, str, str, str]]:
        """(position, role word, canonical name, role phrase) for every titled person mention."""
        out = []
        for e in self.persons:
            name = self.name(e.text)
            root = e.root
            np_tokens = [t for t in root.subtree if t.i < e.start and t.dep_ in ("compound", "amod", "nmod",
                                                                                     "poss", "det", "case")]
            words = [t for t in np_tokens if (t.lower_.rstrip(".") in spk.TITLE_WORDS | spk.ANONYMOUS_HEADS
                     or t.pos_ == "NOUN") and t.lower_ not in spk.HONORIFICS
                     and t.lower_.rstrip(".") not in spk.HONORIFICS]
            titled = [t for t in np_tokens if t.lower_ not in spk.HONORIFICS]
            phrase = self.ctx.text[titled[0].idx:e.start_char].strip(" ,") if titled else ""
            for t in words:
                out.append((e.start_char, t.lemma_.lower(), name, phrase))
            # "Aleppo's governor, Hussein Diab" / "Samantha Power, the USA ambassador"
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                head = root.head
                out.append((e.start_char, head.lemma_.lower(), name,
                            self.ctx.text[head.left_edge.idx:head.idx + len(head.text)]))
            for child in root.children:
                if child.dep_ == "appos" and child.pos_ == "NOUN":
                    out.append((e.start_char, child.lemma_.lower(), name,
                                self.ctx.text[child.left_edge.idx:child.right_edge.idx
                                              + len(child.right_edge.text)]))
        return out

    def name(self, text: str) -> str:
        clean = spk.clean_name(text)
        if clean not in self.canon and " " not in clean and clean.lower() in getattr(self, "by_surname", {}):
            return self.by_surname[clean.lower()]  # "Mr Straw" tagged ORG after "Jack Straw"
        return self.canon.get(clean, clean)

    def mention(self, tok) -> spk.Mention:
        start, end = mention_span(tok, self.ctx.text)
        ents = []
        i = bisect_right(self.ent_ends, start)  # the first entity ending after ``start``
        while i < len(self.ents) and self.ents[i].start_char < end:
            ents.append((self.ents[i].text, self.ents[i].label_))
            i += 1
        ents = tuple(ents)
        first = self.ctx.text[start:end].split()[:1]
        definite = bool(first) and (first[0].lower() in ("the", "his", "her", "its", "their")
                                    or first[0].endswith(("'s", "’s")))
        return spk.Mention(
            text=self.ctx.text[start:end], head=tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.lower_,
            ents=ents, is_pronoun=tok.pos_ == "PRON", definite=definite,
            plural=tok.tag_ in ("NNS", "NNPS"), head_text=tok.lower_, proper=tok.pos_ == "PROPN",
        )

    def resolve(self, d: Draft, done: list[Draft]) -> None:
        """Set ``d``'s speaker, type and role; ``done`` are the attributions resolved before it."""
        for prev in done[len(self.earlier.drafts):]:
            self.earlier.add(prev)
        if d.inherited is not None:
            src = d.inherited
            d.speaker, d.speaker_type, d.speaker_role = src.speaker, src.speaker_type, src.speaker_role
            return
        tok = d.source_tok
        if tok is None:
            return
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.lower_ in spk.PERSONAL_PRONOUNS:
            self._pronoun(d, tok, done)
            return
        m = self.mention(tok)
        speaker, kind, role = spk.describe(m)
        chain = self._proper_name(tok)
        if chain and kind not in ("news agency", "media") and (kind != "person" or not any(
                label == "PERSON" and tok.text in t for t, label in m.ents)):
            # a proper-noun head outside any organisation or place entity is a person's name
            speaker, kind = chain, "person"
            role = self._title_of(tok, m.text)
        if kind == "person":
            speaker = self.name(speaker)
            role = role or self._role_of(speaker)
        elif kind == "document":
            author = self._document_author(tok)
            if author is not None:
                inner = self.mention(author)
                speaker, kind, role = spk.describe(inner)
                if kind == "person":
                    speaker = self.name(speaker)
        person_noun = tok.lemma_.lower() in spk.TITLE_WORDS | spk.ROLE_NOUNS | spk.ANONYMOUS_HEADS
        appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and (c.ent_type_ in ("", "PERSON") or person_noun)), None)
        if appos is not None and tok.pos_ == "NOUN" and not any(
                label == "PERSON" and tok.text in t.split() for t, label in m.ents):
            # "Aleppo's governor, Hussein Diab": the apposed name is the speaker
            name = self.name(self.ctx.text[appos.left_edge.idx:appos.right_edge.idx + len(appos.right_edge.text)])
            role = spk.strip_determiners(self.ctx.text[tok.left_edge.idx:tok.idx + len(tok.text)])
            speaker, kind = name, "person"
        if kind == "news agency" and spk.agency_name(speaker) is None:
            # "the news agency": the agency the article named before
            if self.earlier.agency is not None:
                speaker = self.earlier.agency.speaker
        if kind != "person" and tok.pos_ == "PROPN" and tok.lower_ in self.by_surname:
            # "McIlroy" (tagged as an organisation) after "James McIlroy" in the same article
            speaker, kind, role = self.by_surname[tok.lower_], "person", self._role_of(speaker)
        if kind != "person" and tok.pos_ == "NOUN" and tok.lemma_.lower() in spk.ROLE_NOUNS | spk.TITLE_WORDS:
            named = self._trailing_name(m)
            if named:  # "U.S. ambassador to the UN Samantha Power": the name, with its role
                speaker, kind, role = self.name(named), "person", spk.role_of_mention(m.text, named)
        head_named = any(tok.text in t.split() for t, _ in m.ents)
        if kind in ("anonymous", "unknown", "person") and m.definite and not head_named \
                and tok.pos_ == "NOUN":
            named = self._role_noun(tok, m)
            if named is not None:
                speaker, kind, role = named[0], "person", named[1] or role
        d.speaker, d.speaker_type, d.speaker_role = speaker, kind, role

    def _trailing_name(self, m: spk.Mention) -> str:
        """Two or more title-case proper nouns ending a role mention, acronyms and places left out."""
        words = m.text.split()
        name: list[str] = []
        while words and re.fullmatch(r"[A-Z][a-z][\w'’.-]*", words[-1]) and not (
                spk.is_country(words[-1]) or words[-1].lower() in spk.GOVERNMENT_WORDS | spk.ORGANIZATION_HEADS
                | spk.MEDIA_WORDS | spk.TITLE_WORDS | spk.ROLE_NOUNS):
            name.insert(0, words.pop())
        return " ".join(name) if len(name) >= 2 and words else ""

    @staticmethod
    def _organisation_word(tok) -> bool:
        words = {w.lower_ for w in tok.subtree} if tok.n_lefts + tok.n_rights < 6 else {tok.lower_}
        return bool(words & (spk.GOVERNMENT_WORDS | spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS)) or \
            spk.agency_name(tok.text) is not None or spk.is_country(tok.text)

    def _proper_name(self, tok) -> str:
        """ "Lieutenant General Sergei Rudskoi" -> "Sergei Rudskoi" when the head is a bare name."""
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON"):
            return ""
        low = tok.lower_
        if low in spk.GOVERNMENT_WORDS | spk.MEDIA_WORDS | spk.ORGANIZATION_HEADS or spk.agency_name(tok.text):
            return ""
        if spk.is_country(tok.text):
            return ""
        words = [tok]
        left = tok.i - 1
        doc = tok.doc
        while left >= 0 and doc[left].dep_ == "compound" and doc[left].head.i in (tok.i,) and \
                doc[left].pos_ == "PROPN" and doc[left].ent_type_ in ("", "PERSON"):
            words.insert(0, doc[left])
            left -= 1
        names = [w.text for w in words]
        while len(names) > 1 and names[0].lower().rstrip(".") in spk.TITLE_WORDS:
            names = names[1:]
        if tok.ent_type_ == "" and len(names) == 1 and not tok.text[:1].isupper():
            return ""
        return self.name(" ".join(names))

    def _title_of(self, tok, mention: str) -> str:
        """The words of the mention that are not the name: "Lieutenant General", "mayor"."""
        name = self._proper_name(tok)
        rest = mention
        for w in name.split():
            rest = rest.replace(w, " ")
        role = " ".join(rest.split()).strip(" ,;:")
        return spk.strip_determiners(role) if any(c.isalpha() for c in role) else ""

    def _document_author(self, tok):
        """ "a statement by Russia's foreign ministry": the author, not the document."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        for child in tok.children:
            if child.dep_ in ("compound", "poss") and child.pos_ in ("NOUN", "PROPN"):
                return child  # "a Syrian army statement" -> "Syrian army"
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod") and child.ent_type_ in ("ORG", "GPE", "NORP",
                                                                                  "PERSON"):
                return child
        return None

    def _role_of(self, name: str) -> str:
        return self.role_phrases.get(name, "")

    def _role_noun(self, tok, m: spk.Mention):
        """ "the spokeswoman" -> the person named as spokeswoman, nearest mention first."""
        word = tok.lemma_.lower()
        entries = self.roles_by_word.get(word)
        if not entries:
            return None
        # the nearest mentions are the last one at or before the token and the first one after it
        i = bisect_right(self.role_positions[word], tok.idx)
        near = {pos for pos in (entries[i - 1][0] if i > 0 else None,
                                entries[i][0] if i < len(entries) else None) if pos is not None}
        hits = [(abs(pos - tok.idx), pos > tok.idx, name, phrase)
                for pos, _, name, phrase in entries if pos in near]
        _, _, name, phrase = min(hits)
        return name, m.text.strip() if m.text.strip() else phrase

    def _pronoun(self, d: Draft, tok, done: list[Draft]) -> None:
        kind = spk.PERSONAL_PRONOUNS[tok.lower_]
        pos = tok.idx
        if tok.lower_ in ("i", "we", "me", "us"):
            # "I told him ..." inside a quotation: the speaker of that quotation
            src = self.earlier.quotation_at(pos)
            if src is not None:
                d.speaker, d.speaker_type, d.speaker_role = src.speaker, src.speaker_type, src.speaker_role
                return
        if kind == "person":
            cand = self._nearest_person(pos, done)
            if cand is not None:
                d.speaker, d.speaker_type, d.speaker_role = cand
                return
        else:
            prev = self.earlier.body_before(pos, 1500, anonymous=kind == "group")
            if prev is not None:
                d.speaker, d.speaker_type, d.speaker_role = (prev.speaker, prev.speaker_type,
                                                             prev.speaker_role)
                return
            ent = self._nearest_group(tok)
            if ent is not None:
                m = spk.Mention(ent.text, ent.root.lower_, ((ent.text, ent.label_),))
                d.speaker, d.speaker_type, d.speaker_role = spk.describe(m)
                return
        d.speaker, d.speaker_type, d.speaker_role = "", "unknown", ""

    def _nearest_person(self, pos: int, done: list[Draft]):
        """The closest earlier person: a resolved person speaker or a PERSON name as a subject."""
        best = None
        prev = self.earlier.person_before(pos)
        if prev is not None:
            best = (prev.source[0], (prev.speaker, "person", prev.speaker_role))
        i = bisect_right(self.person_starts, pos) - 1
        while i >= 0:
            e = self.persons[i]
            root = e.root
            subject = root.dep_ in ("nsubj", "nsubjpass") or (
                root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
            if e.end_char <= pos and subject:
                if best is None or e.start_char > best[0]:
                    name = self.name(e.text)
                    best = (e.start_char, (name, "person", self._role_of(name)))
                break
            i -= 1
        j = bisect_right(self.name_subject_starts, pos) - 1
        while j >= 0 and self.name_subjects[j].ent_type_ == "ORG" and best is not None \
                and self.name_subjects[j].lower_ not in self.by_surname:
            j -= 1  # "Labour" tagged ORG is a weaker antecedent than a person already found
        if j >= 0:
            tok = self.name_subjects[j]
            if best is None or tok.idx > best[0]:
                name = self.by_surname.get(tok.lower_) or self._proper_name(tok) or tok.text
                best = (tok.idx, (name, "person", self._role_of(name)))
        if best is None:  # no subject at all: any earlier name (a headline the parser ran on)
            k = bisect_right(self.person_starts, pos) - 1
            while k >= 0 and self.persons[k].end_char > pos:
                k -= 1
            if k >= 0 and pos - self.persons[k].start_char < 1500:
                name = self.name(self.persons[k].text)
                best = (self.persons[k].start_char, (name, "person", self._role_of(name)))
        if best is None or pos - best[0] > 3000:
            return None
        return best[1]

    def _nearest_group(self, tok):
        i = bisect_right(self.group_ends, tok.idx) - 1  # the last group ending before the token
        while i >= 0 and tok.idx - self.group_ends[i] < 600:
            if self.groups[i].root.dep_ in ("nsubj", "nsubjpass"):
                return self.groups[i]
            i -= 1
        return None
