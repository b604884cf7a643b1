"""Names over several words (``names.reading``, ``names.span``, ``names.given``).

- ``names.reading``: a window that is a pinyin reading of a person's Chinese-character
  name, as MT writes a name it does not know ("Anbei Jinsan" for Shinzo Abe, 安倍晋三);
- ``names.span``: a window aligned part by part with a person's whole spelling, some parts
  right, some read or garbled ("Abdul Fatah Saixi", "Muhanmode Ben Salman", "Erdo Gan");
- ``names.given``: a garbled given name before a surname written right ("Olof Scholz").

The finder runs only on documents holding one of its keys (a word of a person's spelling
or of a reading); it looks at the words around each occurrence of one, so the cost grows
with those occurrences, not with the lexicon. The proposed span is the whole window and
the replacement the spelling it fits (the full name for a full reading, the short name for
a family name alone). See :mod:`normalize.names` for the parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from normalize.document import Document
from normalize.lexicon.records import Entity, Lexicon
from normalize.model import Candidate
from normalize.names.align import Alignment, align
from normalize.names.context import context_terms, mentions, term_variants, title_before
from normalize.names.givenparts import grow
from normalize.names.index import PARTICLES, NameIndex
from normalize.names.readings import is_pinyin
from normalize.names.scorer import NO_EVIDENCE_CAP, Features, score
from normalize.names.single import FAR_CAP, office_title
from normalize.names.surnames import chinese_named, said_chinese
from normalize.names.windows import MAX_TOKENS, Window, fold_word, window_spans_at, wrapped
from normalize.text import WORD_RE, transfer_case
from normalize.translit import ascii_fold
from normalize.vocab import english_lowercase_words, zipf

#: A garbled word this frequent in English text is a real word or a real given name.
REAL_ZIPF = 3.5
#: Words whose garble-likeness the finder keeps (then it starts afresh).
_MEMO_WORDS = 50_000
#: A garbled given name rarer than this in English text is a misspelling, not a variant
#: spelling of the name that other people hold (Hamed 2.4, Olof 2.35; Bejamin 0).
ATTESTED_ZIPF = 1.5
#: Two entities this close on one window make it ambiguous.
AMBIGUITY = 0.1
#: Countries and regions that write Chinese (lexicon ids): China, Hong Kong, Macao,
#: Taiwan, Singapore.
CHINESE_WRITING = frozenset({"country/cn", "country/hk", "country/mo", "country/tw", "country/sg"})


@dataclass(frozen=True)
class _Proposal:
    window: Window
    entity: Entity
    target: str
    rule: str
    headline: str
    features: Features
    parts: str
    #: Proposed only after a title that is one of the entity's context terms (a given
    #: name alone: "General Secretary Jin Ping").
    needs_office: bool = False
    #: Proposed only where the entity's own country is named and no country that writes
    #: Chinese is (two syllables, "Fei Dan", are how a Chinese name is written right).
    needs_foreign: bool = False


class NamesFinder:
    """Multi-word name windows: readings, part alignments, given names."""

    rules = frozenset({"names.reading", "names.span", "names.given"})
    ascii_keys = True

    def __init__(self, lexicon: Lexicon, *, enabled: frozenset[str]) -> None:
        self.enabled = enabled
        self.index = NameIndex(lexicon)
        self.keys: frozenset[str] = self.index.keys()
        self.watched = (self.keys,)
        english = english_lowercase_words()
        # Lower-case words that may stand in a run of name words: what MT leaves in lower
        # case is a name it did not know, never an English word.
        self._wanted = frozenset(
            w
            for w in (set(self.index.anchors) - self.index.prefixes) | self.index.reading_words
            if w not in english and zipf(w) < REAL_ZIPF
        )
        self._anchors = frozenset(self.index.anchors) | self.index.reading_words
        # Syllables of readings written a syllable a word, English or not ("si" of "ze lian
        # si ji"): they join a run only around a lower-case word the finder looks for.
        self._syllables = frozenset(
            w for w in self.index.reading_words if len(w) <= 3 and w not in PARTICLES
        )
        self._garble_like: dict[str, bool] = {}
        #: Window words (folded) that give no proposal: a cache of this process, bounded.
        self._barren: set[tuple[str, ...]] = set()
        self._variants = term_variants(lexicon)
        # Case-folded names and demonyms of countries: context terms naming one are the
        # country feature.
        self._countries = frozenset(
            n.casefold()
            for e in lexicon.entities
            if e.type == "country"
            for n in (*e.legitimate(), *e.demonyms)
        )
        # Of them, the countries and regions that write Chinese: a pinyin name there is
        # as likely someone of that country written right.
        self._chinese_names = tuple(
            dict.fromkeys(
                n
                for e in lexicon.entities
                if e.type == "country" and e.id in CHINESE_WRITING
                for n in (*e.legitimate(), *e.demonyms)
            )
        )
        self._chinese_countries = frozenset(n.casefold() for n in self._chinese_names)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_garble_like"] = {}  # a cache of this process
        state["_barren"] = set()
        return state

    def _may_be_garbled(self, word: str) -> bool:
        """Whether folded ``word`` may be a garbled part: not a word of any spelling, not
        a particle, not a common English word (cached per word, bounded)."""
        known = self._garble_like.get(word)
        if known is None:
            known = not (
                word in self.index.known_words
                or word in PARTICLES
                or (word in english_lowercase_words() and zipf(word) >= 3.0)
            )
            if len(self._garble_like) >= _MEMO_WORDS:
                self._garble_like = {}
            self._garble_like[word] = known
        return known

    # -- finding -------------------------------------------------------------------------

    def find(self, doc: Document) -> Iterable[Candidate]:
        return self.proposals(doc, explain=False)

    def _anchor_words(self, doc: Document) -> list[str]:
        if doc.is_ascii:
            return sorted(doc.among(self.keys))
        anchors = self._anchors
        return sorted(w for w in doc.distinct if fold_word(w) in anchors)

    def proposals(self, doc: Document, *, explain: bool) -> list[Candidate]:
        """The candidates of ``doc``; with ``explain``, every scored one, not only the best
        per window."""
        text = doc.text
        found = self._found(doc)
        if not found:
            return []
        by_window: dict[tuple[int, int], list[tuple[float, tuple[str, ...], _Proposal]]] = {}
        held: dict[str, tuple[list[str], list[str]]] = {}
        for prop in found:
            conf, lines = self._score(doc, prop, held, found)
            by_window.setdefault((prop.window.start, prop.window.end), []).append(
                (conf, lines, prop)
            )
        out: list[Candidate] = []
        for (start, end), scored in sorted(by_window.items()):
            if doc.is_protected(start, end):
                continue
            scored.sort(key=lambda s: (-s[0], s[2].entity.id, s[2].rule))
            chosen = scored if explain else scored[:1]
            for conf, lines, prop in chosen:
                evidence = [prop.headline, prop.parts, *lines]
                rival = next((s for s in scored if s[2].entity.id != prop.entity.id), None)
                if rival is not None and conf - rival[0] < AMBIGUITY:
                    conf = round(max(0.0, conf - 0.2), 4)
                    evidence.append(f"ambiguous: also close to {rival[2].entity.canonical}")
                original = text[start:end]
                out.append(
                    Candidate(
                        start,
                        end,
                        original,
                        transfer_case(original, prop.target),
                        prop.rule,
                        prop.entity.id,
                        conf,
                        tuple(evidence),
                    )
                )
                # "Leijiepu Taiyipu Aier Duoan": the given names beside a surname's window
                # garbled too (normalize.names.givenparts).
                grown = grow(text, start, end, prop.entity, prop.target, self.index.known_words)
                if grown is not None:
                    out.append(grown.candidate(text, prop.rule, prop.entity.id, conf, evidence))
        return out

    def _found(self, doc: Document) -> list[_Proposal]:
        """Every window around an anchor word, with each entity it may stand for."""
        text = doc.text
        windows: dict[tuple[int, int], Window] = {}
        legit, barren = self.index.legit_words, self._barren
        for word in self._anchor_words(doc):
            for start in doc.find_word(word):
                for s, e, words, part in window_spans_at(
                    text, start, start + len(word), self._wanted, self._syllables
                ):
                    # Written right (as some entity), whatever it also reads as; or
                    # words that were seen to give nothing (what a window gives depends
                    # on its words only).
                    if words in legit or words in barren or (s, e) in windows:
                        continue
                    windows[(s, e)] = Window(s, e, tuple(t[2] for t in part), words)
        found: list[_Proposal] = []
        for window in windows.values():
            given = list(self._readings(window))
            # A window longer than a spelling is only ever an exact reading. So is one
            # across a line break (a segment per line is MT's own layout) or one that a
            # lower-case word joined only as a syllable; what it gives then depends on more
            # than its words, so it is not remembered as barren.
            partial = wrapped(text, window.start, window.end) or self._joined_as_syllable(window)
            if 2 <= len(window.words) <= MAX_TOKENS and not partial:
                given.extend(self._alignments(window))
            if not given and not (partial and 2 <= len(window.words) <= MAX_TOKENS):
                if len(barren) >= _MEMO_WORDS:
                    barren = self._barren = set()
                barren.add(window.words)
            found.extend(given)
        return found

    def _joined_as_syllable(self, window: Window) -> bool:
        """Whether a lower-case word of ``window`` joined it only as a syllable of a reading
        (:func:`normalize.names.windows.window_spans_at`): such a window is only a reading."""
        return any(
            t.islower() and w not in self._wanted and w not in PARTICLES
            for t, w in zip(window.tokens, window.words, strict=True)
        )

    # -- what a window may be ------------------------------------------------------------

    def _readings(self, window: Window) -> Iterable[_Proposal]:
        if "names.reading" not in self.enabled:
            return
        entries = self.index.readings.get("".join(window.words), ())
        english = english_lowercase_words()
        for entry in entries:
            if entry.words != window.words:
                continue
            entity = self.index.entities[entry.entity_id]
            n = len(window.words)
            feats = Features(
                similarity=1.0,
                exact_reading=1.0,
                key_distance=0.0,
                extra_tokens=float(n - 1),
                english=sum(w in english for w in window.words) / n,
                real_name=0.0,
                pinyin=float(all(is_pinyin(w, self.index.syllables) for w in window.words)),
                title=0.0,
                context=0.0,
                mention=0.0,
                repeats=0.0,
            )
            what = {
                "given": "given name",
                "family": "family name",
                "surname": "name",
                "pair": "name",
            }
            yield _Proposal(
                window,
                entity,
                entry.target,
                "names.reading",
                f"pinyin of {entity.canonical}'s {what.get(entry.kind, 'name')} "
                f"{entry.source} as MT writes it ({entry.kind} reading)",
                feats,
                "reading " + " ".join(entry.words),
                # A given name alone, or two syllables ("Sai Xi"), as a Chinese name is
                # written right: only after the entity's own office.
                needs_office=entry.kind in {"given", "pair"},
                needs_foreign=entry.kind == "pair",
            )

    def _alignments(self, window: Window) -> Iterable[_Proposal]:
        want_span = "names.span" in self.enabled
        want_given = "names.given" in self.enabled
        if not (want_span or want_given):
            return
        if not any(self._may_be_garbled(w) for w in window.words):
            return  # every word is a spelling of some name, a particle or English
        syllables = self.index.syllables
        if all(is_pinyin(w, syllables) for w in window.words):
            return  # a Chinese name written right, unless it is an exact reading (above)
        ids: set[int] = set()
        anchors = self.index.anchors
        for w in window.words:
            ids.update(anchors.get(w, ()))
        best: dict[str, Alignment] = {}
        for fid in sorted(ids):
            form = self.index.forms[fid]
            found = align(window.words, form)
            if found is None or not found.garbled:
                continue
            old = best.get(form.entity_id)
            if old is None or found.similarity > old.similarity:
                best[form.entity_id] = found
        english = english_lowercase_words()
        known = self.index.known_words
        for entity_id, al in best.items():
            entity = self.index.entities[entity_id]
            garbled = al.garbled
            slots = [s for s in al.form.slots if not s.particle]
            given = (
                len(slots) >= 2
                and len(garbled) == 1
                and garbled[0] is al.parts[0]
                and garbled[0].kind in {"near", "far"}
            )
            if (
                len(garbled) == 1
                and garbled[0].kind in {"near", "far"}
                and garbled[0] is not al.parts[0]
            ):
                # One garbled word after parts written right ("Khalifa Haftal"): a one-word
                # repair (fuzzy.name, which reads the given name) gives the same text, and a
                # weaker long span must not hide it.
                continue
            rule = "names.given" if given else "names.span"
            if rule not in self.enabled:
                continue
            real = [
                p
                for p in garbled
                if p.kind in {"near", "far"}
                and (p.written in known or zipf(p.written) >= REAL_ZIPF)
            ]
            if given and real:
                continue  # a real given name beside the surname: someone else, or a variant
            if not any(p.kind in {"exact", "reading"} for p in al.parts) and not any(
                p.kind == "split" for p in al.parts
            ):
                continue  # nothing in the window is the entity's for sure
            n = len(window.words)
            g = max(1, len(garbled))
            feats = Features(
                similarity=round(al.similarity, 4),
                exact_reading=0.0,
                key_distance=float(al.key_distance),
                extra_tokens=float(n - 1),
                english=sum(p.written in english for p in garbled) / g,
                real_name=len(real) / g,
                pinyin=0.0,
                title=0.0,
                context=0.0,
                mention=0.0,
                repeats=0.0,
                unattested=float(given and all(zipf(p.written) < ATTESTED_ZIPF for p in garbled)),
            )
            parts = ", ".join(f"{p.written}~{p.slot} ({p.kind} {p.score:.2f})" for p in al.parts)
            what = "given name" if given else "spelling"
            target = al.form.target
            if len(slots) >= 2 and al.form.written != entity.canonical:
                canon = [ascii_fold(w) for w in WORD_RE.findall(entity.canonical)]
                if len(canon) == len(al.form.slots):
                    target = entity.canonical
            yield _Proposal(
                window,
                entity,
                target,
                rule,
                f"garbled {what} of {entity.canonical} ({entity.origin})",
                feats,
                "parts " + parts,
            )

    # -- the document's part -------------------------------------------------------------

    def features(
        self,
        doc: Document,
        prop: _Proposal,
        held: dict[str, tuple[list[str], list[str]]],
        found: list[_Proposal],
    ) -> tuple[Features, str | None, list[str], list[str]]:
        """The model's features of ``prop`` in ``doc``, with the title before it, the
        context terms and the spellings found (``held`` keeps them per entity)."""
        entity = prop.entity
        text = doc.text
        original = text[prop.window.start : prop.window.end]
        same = [(p, p + len(original)) for p in doc.find_word(original)]
        known = held.get(entity.id)
        if known is None:
            spans = [(p.window.start, p.window.end) for p in found if p.entity.id == entity.id]
            known = held[entity.id] = (
                context_terms(doc, entity, self._variants),
                mentions(doc, entity, spans),
            )
        context, mentioned = known
        # A context term naming a country (or its demonym) is the country feature.
        country = [c for c in context if c.casefold() in self._countries]
        # The entity's own country does not write Chinese, and the article names no country
        # that does (where a Chinese person may be spoken of, written right).
        foreign = (
            prop.features.exact_reading
            and any(c.casefold() not in self._chinese_countries for c in country)
            and not any(doc.find_word(n) for n in self._chinese_names)
        )
        title = title_before(text, prop.window.start)
        feats = replace(
            prop.features,
            title=1.0 if title else 0.0,
            # At most 3 terms in all, as ever: the country is one of them.
            context=float(min(3, len(context)) - (1 if country else 0)),
            country=1.0 if country else 0.0,
            foreign_reading=1.0 if foreign else 0.0,
            mention=1.0 if mentioned else 0.0,
            repeats=float(min(2, max(0, len(same) - 1))),
        )
        return feats, title, context, mentioned

    def _score(
        self,
        doc: Document,
        prop: _Proposal,
        held: dict[str, tuple[list[str], list[str]]],
        found: list[_Proposal],
    ) -> tuple[float, tuple[str, ...]]:
        feats, title, context, mentioned = self.features(doc, prop, held, found)
        if prop.needs_office and not (
            title and title.strip().casefold() in {c.casefold() for c in prop.entity.context}
        ):
            return 0.0, ("a given name alone, and no office of the entity before it",)
        if prop.needs_foreign and not feats.foreign_reading:
            return 0.0, (
                "two syllables, and the document names no country of the entity's "
                "or names one that writes Chinese",
            )
        conf, lines = score(feats)
        notes = []
        if prop.features.pinyin and chinese_named(prop.window.words):
            said = bool(office_title(title) or mentioned or feats.foreign_reading)
            conf, note = _chinese_named_cap(doc.text, prop, conf, said)
            if note:
                notes.append(note)
        if title:
            notes.append(f"title before: {title.strip()!r}")
        if context:
            notes.append("context: " + ", ".join(context))
        if mentioned:
            notes.append("also written " + ", ".join(repr(m) for m in mentioned))
        return conf, (*notes, *lines)

    def scored_windows(self, doc: Document) -> list[tuple[_Proposal, Features]]:
        """Every window of ``doc`` with an entity it may stand for and its features,
        before any threshold or ambiguity rule (see :func:`normalize.names.candidates`).
        A given-name reading without the entity's office before it is left out."""
        found = self._found(doc)
        held: dict[str, tuple[list[str], list[str]]] = {}
        out: list[tuple[_Proposal, Features]] = []
        for prop in found:
            if doc.is_protected(prop.window.start, prop.window.end):
                continue
            feats, title, _, _ = self.features(doc, prop, held, found)
            if prop.needs_office and not (
                title and title.strip().casefold() in {c.casefold() for c in prop.entity.context}
            ):
                continue
            if prop.needs_foreign and not feats.foreign_reading:
                continue
            out.append((prop, feats))
        return out


def _chinese_named_cap(
    text: str, prop: _Proposal, conf: float, said: bool
) -> tuple[float, str | None]:
    """The most a reading that is also a Chinese person's name ("Zhao Xian", 赵显, is how
    Chinese writes Cho Hyun) may score: none of the flag where the words around it say the
    person is Chinese ("Zhao Xian, a Chinese diplomat"); a flag unless the document ``said``
    it is the entity: an office before it, the entity's name written elsewhere, or the
    entity's own country in an article that names no country writing Chinese
    (``foreign_reading``). Context terms alone may be about someone else: "Zhao Xian, from
    Beijing, met South Korea's foreign minister"."""
    if said_chinese(text, prop.window.start, prop.window.end):
        if conf > FAR_CAP:
            return FAR_CAP, "a Chinese person's name, and the text says the person is Chinese"
        return conf, None
    if not said and conf > NO_EVIDENCE_CAP:
        return NO_EVIDENCE_CAP, (
            "reads as a Chinese person's name, and neither an office before it, the entity's "
            "name written elsewhere nor its country alone in the article says otherwise: "
            "flag only"
        )
    return conf, None
