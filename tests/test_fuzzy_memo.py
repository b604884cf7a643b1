"""The fuzzy finder's shortcuts change no decision: the cross-document memo, the upper bound
that leaves words out below the flag threshold, the hyphen scan for broken spacing, the
backward search for a given name before a word, and the local look for protected text, and the
ranking that scores only the entities that can come first."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize import Normalizer
from normalize.document import Document
from normalize.engine import Options
from normalize.finders import fuzzy
from normalize.finders.fuzzy import FuzzyFinder, Scored
from normalize.fuzzyindex import FuzzyIndex
from normalize.lexicon import Entity, Lexicon
from normalize.names import bound, spacing
from normalize.names import held as held_module
from normalize.names.held import _Found, _Held, _Terms
from normalize.names.memo import Memo
from normalize.names.single import Around, spelling
from normalize.names.static import Static
from normalize.resolve import Thresholds
from normalize.text import WORD_RE
from normalize.translit import ascii_fold, skeleton
from tests.conftest import shipped_without_seed003_garbles

ROOT = Path(__file__).resolve().parent.parent

# Near misses of the shipped names in the company of what raises or lowers their scores:
# context terms, other mentions, given names (also after digits and hyphens), contractions,
# protected text, case variants, and the same word twice in different cases.
TEXTS = [
    "In Libya, haftal said the LNA would advance on Tripoli.",
    "Prime Minister salaj of Libya met officials in Tripoli; Salaj and SALAJ left.",
    "Algerian President teben spoke in Algiers, and bukadum said so too.",
    "Turkish foreign minister chawushiolu went to Ankara with Erdogan.",
    "Khalifa Haftal and Khalifa-Haftal met 2Khalifa Haftal in Benghazi, Libya.",
    "Officials said Haftal arrived. Haftar's LNA, Hifter and haftal.",
    "See https://haftal.example.org and haftal@x.org; haftal wouldn't say.",
    "Kim Jong -un and KIMJONGUN met Moon Jae- in in Pyongyang.",
    "Sharon and Arafat met in Ramallah; Suharto, Goshen and Austar in Australia.",
    "Shoalhaven, Tanzin and Victori in Victoria, Australia; franconi of France.",
]


def fixture_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("fixtures/*/input.txt"))]


@pytest.fixture(scope="module")
def unlisted_lexicon() -> Lexicon:
    return shipped_without_seed003_garbles()


def without_pruning(normalizer: Normalizer) -> Normalizer:
    """The same engine with a fuzzy finder that scores every candidate word."""
    twin = Normalizer.__new__(Normalizer)
    twin.__dict__.update(vars(normalizer))
    twin._finders = tuple(
        FuzzyFinder(f.index, enabled=f.enabled) if isinstance(f, FuzzyFinder) else f
        for f in twin._finders
    )
    return twin


@pytest.mark.parametrize("flag", [0.31, 0.4, 0.5, 0.6, 0.75])
def test_leaving_words_out_below_the_flag_threshold_changes_no_decision(
    unlisted_lexicon: Lexicon, flag: float
) -> None:
    options = Options(thresholds=Thresholds(apply=max(flag, 0.8), flag=flag))
    pruned = Normalizer(unlisted_lexicon, options)
    full = without_pruning(pruned)
    texts = TEXTS + fixture_texts()
    for text in texts + [t.lower() for t in texts] + texts:  # the memo warm the second time
        assert pruned.fix(text) == full.fix(text), text


def test_the_engine_passes_its_flag_threshold(small_lexicon: Lexicon) -> None:
    for flag, prunes in ((0.2, False), (0.3, False), (0.5, True)):
        normalizer = Normalizer(small_lexicon, Options(thresholds=Thresholds(flag=flag)))
        (finder,) = [f for f in normalizer._finders if isinstance(f, FuzzyFinder)]
        assert (finder.flag, finder._prune) == (flag, prunes)


PIECES = st.sampled_from(
    [
        "haftal", "Haftal", "HAFTAL", "Hafter", "Haftars", "Khalifa", "khalifa", "2Khalifa",
        "Salaj", "salaj", "Serajj", "Sarraj", "Fayez", "Libya", "LNA", "Tripoli", "Benghazi",
        "GNA", "kimjongun", "Kim Jong", "-un", "Cavusogul", "chawushiolu", "Mevlut", "Turkey",
        "wouldn't", "'s", " ", " ", " ", " - ", "-", ", ", ".", "\n", "https://x.org/",
    ]
)  # fmt: skip
SMALL_TEXTS = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SMALL_TEXTS, st.sampled_from([0.31, 0.45, 0.5, 0.6, 0.7]))
def test_pruning_is_exact_on_any_mix(small_lexicon: Lexicon, text: str, flag: float) -> None:
    pruned = _small_engines(small_lexicon)[flag]
    assert pruned.fix(text) == without_pruning(pruned).fix(text)


_ENGINES: dict[float, Normalizer] = {}


def _small_engines(lexicon: Lexicon) -> dict[float, Normalizer]:
    """One engine per threshold, kept across examples so that their memos fill up."""
    if not _ENGINES:
        for flag in (0.31, 0.45, 0.5, 0.6, 0.7):
            thresholds = Thresholds(apply=max(flag, 0.8), flag=flag)
            _ENGINES[flag] = Normalizer(lexicon, Options(thresholds=thresholds))
    return _ENGINES


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab -\u00e9\u0301\u03a91.\n\t\u00a0", max_size=16))
def test_hyphen_scan_finds_what_the_pattern_finds(text: str) -> None:
    assert spacing.odd_separators(text) == [m.span() for m in spacing._ODD_SEP.finditer(text)]


def test_hyphen_scan_with_many_hyphens() -> None:
    text = "a - b -c d- e ---- f " * 40
    assert spacing.odd_separators(text) == [m.span() for m in spacing._ODD_SEP.finditer(text)]


def test_memo_is_not_pickled(unlisted_lexicon: Lexicon) -> None:
    normalizer = Normalizer(unlisted_lexicon)
    (finder,) = [f for f in normalizer._finders if isinstance(f, FuzzyFinder)]
    fresh = pickle.dumps(finder)
    results = [normalizer.fix(t) for t in TEXTS]
    assert len(finder._memo) > 0
    assert pickle.dumps(finder) == fresh
    clone = pickle.loads(fresh)
    assert len(clone._memo) == 0
    normalizer._finders = tuple(clone if f is finder else f for f in normalizer._finders)
    assert [normalizer.fix(t) for t in TEXTS] == results


def test_a_full_memo_starts_afresh_and_decides_the_same(
    unlisted_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = TEXTS + fixture_texts()
    reference = Normalizer(unlisted_lexicon)
    want = [reference.fix(t) for t in texts]
    monkeypatch.setattr(fuzzy, "MEMO_WORDS", 20)
    normalizer = Normalizer(unlisted_lexicon)
    (finder,) = [f for f in normalizer._finders if isinstance(f, FuzzyFinder)]
    memos = set()
    for text, expected in zip(texts * 2, want * 2, strict=True):
        assert normalizer.fix(text) == expected
        memos.add(id(finder._memo))
        assert len(finder._memo) <= 20 + len(set(text.split()))
    assert len(memos) > 1


def test_threads_share_the_memo(unlisted_lexicon: Lexicon) -> None:
    # Many words new to the memo at once, in every thread: classification races.
    texts = [f"{t} Zorbak{i} zorbak{i % 7} Haftol{i % 5}" for i in range(60) for t in TEXTS[:4]]
    reference = Normalizer(unlisted_lexicon)
    want = [reference.fix(t) for t in texts]
    shared = Normalizer(unlisted_lexicon)
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(shared.fix, texts)) == want


_FORWARD_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}]+)[ \-]{1,2}$")


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Khalifa", "ab", "é", "e\u0301", "Ω", "1", " ", "  ", "-", " -", "\n", "\t"]
        ),
        max_size=14,
    ).map("".join),
    st.data(),
)
@example("Khalifa \n", None)
@example("Khalifa -\n", None)
@example("Khalifa\n", None)
@example("Khalifa ---", None)
def test_word_before_searched_backwards_finds_what_the_forward_search_finds(
    text: str, data: st.DataObject | None
) -> None:
    ends = [len(text)] if data is None else [data.draw(st.integers(0, len(text)))]
    for end in ends:
        for start in {0, max(0, end - 40), max(0, end - 5), end}:
            forward = _FORWARD_WORD_BEFORE.search(text, start, end)
            backward = held_module._WORD_BEFORE.search(text, start, end)
            assert (backward and backward.group(1)) == (forward and forward.group(1)), (
                text,
                start,
                end,
            )


def _plain_first(scored: list[Scored]) -> Scored:
    """What _rank puts first, computed as it always was: every entity scored, sorted, and
    the first lowered when the second comes within 0.1 of it."""
    scored = sorted(scored, key=lambda s: (-s.confidence, s.entity.id))
    top = scored[0]
    if len(scored) > 1 and top.confidence - scored[1].confidence < 0.1:
        second = scored[1]
        top = Scored(
            top.entity,
            top.target,
            top.rule,
            max(0.0, top.confidence - 0.2),
            top.similarity,
            (*top.evidence, f"ambiguous: also close to {second.entity.canonical}"),
        )
    return top


_ENTITIES = [Entity(f"person/{i}", "person", f"Name {i}") for i in range(12)]
_FINDER = FuzzyFinder(FuzzyIndex(Lexicon(tuple(_ENTITIES))), enabled=FuzzyFinder.rules)
_NO_TERMS = _Terms((), (), (), (), (), (), ("minister",))
# Spellings near the caps and thresholds (similarities, key distances, shapes), so that
# confidences tie, with what the document holds of each entity.
_STATIC = st.tuples(
    st.sampled_from([0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 1.0]),
    st.sampled_from([0, 1]),
    st.booleans(),
    st.sampled_from(["lower", "title", "upper"]),
    st.sampled_from(
        [
            ([], [], []),
            ([("lna", 1)], [], []),
            ([], [("Haftar", 2)], []),
            ([], [], [("libya", 2)]),
            ([("lna", 1)], [("Haftar", 1)], [("libyan", 1)]),
            ([("lna", 1), ("benghazi", 3)], [], []),
        ]
    ),
)
_AROUND = st.builds(
    Around,
    given_name=st.just(False),
    before_words=st.sampled_from([frozenset(), frozenset({"name"})]),
    title=st.sampled_from([None, "Minister "]),
    before=st.sampled_from([(), ("the minister ",)]),
    place_type=st.booleans(),
    repeats=st.integers(0, 2),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_STATIC, min_size=1, max_size=12), _AROUND, st.data())
def test_leaders_are_what_ranking_every_entity_puts_first(
    specs: list[tuple[float, int, bool, str, _Found]], around: Around, data: st.DataObject
) -> None:
    order = data.draw(st.permutations(range(12)))
    statics, found = [], {}
    around = Around(
        given_name=bool(around.before_words),
        before_words=around.before_words,
        title=around.title,
        before=around.before,
        place_type=around.place_type,
        repeats=around.repeats,
    )
    for i, (sim, distance, long_key, shape, evidence) in zip(order, specs, strict=False):
        entity = _ENTITIES[i]
        spell = spelling(
            similarity=sim,
            key_distance=distance,
            long_key=long_key,
            exact_reading=False,
            both_channels=False,
            shape=shape,
            unseen=True,
            pinyin=False,
        )
        statics.append(
            Static(entity, entity.canonical, "fuzzy.name", sim, spell, ("key",), f"near {entity}")
        )
        found[entity.id] = evidence
    doc = Document("")  # what the document holds is given
    held = {s.entity.id: _Held(doc, s.entity, _NO_TERMS, found[s.entity.id]) for s in statics}
    plain = sorted(
        (_FINDER._finish(s, held[s.entity.id], around) for s in statics),
        key=lambda s: (-s.confidence, s.entity.id),
    )
    for s in statics:  # the ceiling bounds the score
        assert s.ceiling(around) >= _FINDER._score(s, held[s.entity.id], around)
    for count in (1, 2):
        leaders = _FINDER._leaders(doc, statics, around, held, count)
        assert [(c, s.entity.id) for c, s in leaders] == [
            (s.confidence, s.entity.id) for s in plain[:count]
        ]
    leaders = _FINDER._leaders(doc, statics, around, held, 2)
    assert _FINDER._first(leaders, around, held) == _plain_first(plain)


def test_leaders_on_the_shipped_lexicon(unlisted_lexicon: Lexicon) -> None:
    """The same on real words and documents, for every word the finder would score, with
    what each document holds of an entity looked up (_Held), not counted (_rank)."""
    (finder,) = [f for f in Normalizer(unlisted_lexicon)._finders if isinstance(f, FuzzyFinder)]
    checked = 0
    for text in TEXTS + fixture_texts():
        doc = Document(text)
        for word in finder.candidate_words(doc):
            profile = finder._profile(word)
            if profile is None or not profile.statics:
                continue
            ranked = profile.statics
            places = [(s, s + len(word)) for s in doc.find_word(word)]
            real = finder.around(doc, places, profile.given_names)
            for around in (real, Around(), Around(True, frozenset({"khalifa"}), "President ")):
                held: dict[str, _Held] = {}
                leaders = finder._leaders(doc, ranked, around, held, 2)
                plain = finder._rank(doc, ranked, around)
                assert finder._first(leaders, around, held) == plain[0]
                checked += 1
    assert checked > 50


_HOLDER = Entity(
    "person/x",
    "person",
    "Khalifa Haftar",
    short="Haftar",
    aliases=("HAFTAR", "Hifter", "Ḥaftar"),
    demonyms=("Haftarian",),
    garbles=("haftal", "Straße"),
    context=(
        *("Libya", "LNA", "Libya", "national army", "STRASSE", "İzmir", "Ωmega", "Haftar"),
        "GROSSE STRASSE",
    ),
)
# Libya is a country (named by "Libyan" too), Straße one whose name is not ASCII.
_COUNTRIES = held_module.country_table(
    (
        Entity("country/ly", "country", "Libya", demonyms=("Libyan",)),
        Entity("country/x", "country", "Große Straße", aliases=("STRASSE",)),
    )
)
_HELD_TEXT = st.lists(
    st.sampled_from(
        [
            *("Khalifa", "khalifa haftar", "KHALIFA  HAFTAR", "Haftar", "haftars", "Hifter"),
            *("Ḥaftar", "haftarian", "Haftal", "STRASSE", "straße", "İzmir", "izmir", "ωMEGA"),
            *("Libya", "LIBYAN", "lna", "National Army", "national\narmy", "e\u0301"),
            *("Große Straße", " ", " ", ", ", "-", "\n", "'s", "2"),
        ]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_HELD_TEXT)
def test_what_a_document_holds_is_looked_up_as_it_is_counted(text: str) -> None:
    counted = Document(text)
    counted.word_counts  # noqa: B018  (Document.count reads it once it is there)
    terms = held_module._terms(_HOLDER, _COUNTRIES)
    for doc in (Document(text), counted):
        held = _Held(doc, _HOLDER, terms)
        hits, mentions, country = _Held.counted(doc, _HOLDER, terms).found
        assert (held.context, held.mentioned) == (len(hits), bool(mentions)), text
        assert held.country == bool(country), text
        assert held.found == (hits, mentions, country)


PROTECTED_TEXTS = [
    "See https://haftal.example.org and haftal@x.org; haftal said so in Libya.",
    "In Libya, `haftal` and haftal, then ```\nhaftal\n``` and haftal of the LNA.",
    "normalize: off\nhaftal in Libya\nnormalize: on\nhaftal in Tripoli",
    " ".join(f"https://x{i}.org/haftal haftal" for i in range(20)) + " Libya LNA",
]


def test_protected_places_are_left_out_as_the_whole_text_scan_says(
    unlisted_lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    (finder,) = [f for f in Normalizer(unlisted_lexicon)._finders if isinstance(f, FuzzyFinder)]
    texts = PROTECTED_TEXTS + TEXTS
    found = [list(finder.find(Document(t))) for t in texts]
    assert any(c.original == "haftal" for c in found[0])  # something is found, not all
    assert len(found[3]) == 20  # protected or not, every place looked at the same way

    def whole_text(self: Document, start: int, end: int) -> bool:
        return bool(self.protected) and self.protected.overlaps(start, end)

    monkeypatch.setattr(Document, "is_protected", whole_text)
    assert [list(finder.find(Document(t))) for t in texts] == found


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text(max_size=12))
@example("".join(map(chr, range(128))))
@example("Çavuş - OĞLU ß")
def test_spacing_key_is_the_ascii_fold(span: str) -> None:
    assert spacing.spacing_key(span) == ascii_fold(span)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="ab1 -\u00e9\u0301\u03a9.\n", max_size=24),
    st.integers(0, 30),
    st.integers(0, 30),
)
def test_words_before_a_break_searched_backwards(text: str, start: int, end: int) -> None:
    """The last three words of a window, nearest first, as the forward search finds them."""
    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    forward = [(start + m.start(), m.group()) for m in WORD_RE.finditer(text[start:end])]
    backward = [(m.start(), m.group()) for m in spacing._WORDS_BACK.finditer(text, start, end)]
    assert backward == forward[::-1]


def _plain_broken_spacing(finder: FuzzyFinder, text: str) -> list[tuple[int, int, str, str]]:
    """The broken-spacing candidates as they were found: the pattern, all the words of the
    60 characters before each break, ascii_fold."""
    out = []
    for m in spacing._ODD_SEP.finditer(text):
        sep_start, sep_end = m.span()
        base = max(0, sep_start - 60)
        left = list(WORD_RE.finditer(text[base:sep_start]))
        right = WORD_RE.match(text, sep_end)
        if right is None or not left:
            continue
        for n in range(1, min(3, len(left)) + 1):
            start = base + left[-n].start()
            span = text[start : right.end()]
            hit = finder._joined.get(ascii_fold(span))
            if hit is not None:
                if skeleton(span) and span != hit[1]:
                    out.append((start, right.end(), span, hit[0].id))
                break
    return out


_SPACING_FINDER = FuzzyFinder(
    FuzzyIndex(
        Lexicon(
            (
                Entity("person/kim", "person", "Kim Jong-un", aliases=("Kim Jong Un",)),
                Entity("person/moon", "person", "Moon Jae-in"),
                Entity("person/sisi", "person", "Abdel Fattah el-Sisi"),
            )
        )
    ),
    enabled=FuzzyFinder.rules,
    flag=0.5,
)
_SPACING_PIECES = st.sampled_from(
    [
        *("Kim", "KIM", "Jong", "-un", "un", "Un", "Jae", "in", "Moon", "Çavuş", "oğlu"),
        *("Abdel", "Fattah", "el", "Sisi", "SISI"),
        *(" ", " ", "  ", "-", " - ", "- ", " -", ", ", "\n", "1", "é"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SPACING_PIECES, max_size=24).map("".join))
@example("Kim Jong -un and Moon Jae- in, Abdel Fattah el - Sisi. " * 30)
def test_broken_spacing_finds_what_the_plain_scan_finds(text: str) -> None:
    found = _SPACING_FINDER._broken_spacing(Document(text))
    assert [(c.start, c.end, c.original, c.entity) for c in found] == _plain_broken_spacing(
        _SPACING_FINDER, text
    )


def test_broken_spacing_joins_up_to_four_words() -> None:
    found = _SPACING_FINDER._broken_spacing(Document("Kim Jong -un met Abdel Fattah el - Sisi."))
    assert [c.replacement for c in found] == ["Kim Jong-un", "Abdel Fattah el-Sisi"]


def test_given_name_look_up_follows_the_memo_as_it_grows(unlisted_lexicon: Lexicon) -> None:
    """The words seen that read as a given name are kept by each profile until the memo
    sees a new one; whether a word may follow a given name is then what reading its places
    says (new case variants and digit-led forms of "Khalifa" come in later documents)."""
    (finder,) = [f for f in Normalizer(unlisted_lexicon)._finders if isinstance(f, FuzzyFinder)]
    texts = [
        "In Libya, haftal and Haftal spoke.",
        "Khalifa went to Benghazi; haftal stayed.",
        "KHALIFA Haftal and khalifa haftal in Libya.",
        "2Khalifa Haftal, Khalifa-Haftal in Libya.",
        "haftal, salaj and Salaj in Tripoli.",
        "Fayez Salaj and FAYEZ salaj in Tripoli, Libya.",
    ]
    answers = []
    for text in texts * 2:
        doc = Document(text)
        list(finder.find(doc))  # the memo learns the words of the text
        memo = finder._memo
        evidence = bound.Evidence(doc, memo)
        for word in sorted(doc.distinct & memo.live.keys()):
            profile = memo.live[word]
            places = [(s, s + len(word)) for s in doc.find_word(word)]
            plain = bound.follows_given_name(doc, profile, places)
            assert evidence.given_name(word, profile) == plain, (text, word)
            answers.append(plain)
    assert True in answers and False in answers


def test_a_given_name_the_window_may_cut_is_read_at_each_place() -> None:
    # A 39-letter given name: the 40-character window before "Haftal" reads it as the end
    # of a longer word, which no look-up of whole words would find.
    given_name = "Bartholomew" + "x" * 28
    entity = Entity("person/h", "person", f"{given_name} Haftar", "Haftar", context=("Libya",))
    finder = FuzzyFinder(FuzzyIndex(Lexicon((entity,))), enabled=FuzzyFinder.rules, flag=0.5)
    doc = Document(f"In Libya, abc{given_name} Haftal said.")
    list(finder.find(doc))
    profile = finder._memo.live["Haftal"]
    assert len(given_name) == 39 and profile.given_seen(finder._memo) is None
    assert bound.Evidence(doc, finder._memo).given_name("Haftal", profile)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text(max_size=12))
def test_evidence_reads_phrases_in_the_case_folded_text(text: str) -> None:
    assert bound.Evidence(Document(text), Memo()).folded == text.casefold()


def _fuzzy_of(normalizer: Normalizer) -> FuzzyFinder:
    (finder,) = [f for f in normalizer._finders if isinstance(f, FuzzyFinder)]
    return finder


def not_sharing(normalizer: Normalizer) -> Normalizer:
    """The same engine, intersecting each document's words with its keys itself, with a
    fuzzy finder whose memo keeps no key words apart."""
    finder = _fuzzy_of(normalizer)
    fresh = FuzzyFinder(finder.index, enabled=finder.enabled, flag=finder.flag)
    twin = Normalizer.__new__(Normalizer)
    twin.__dict__.update(vars(normalizer))
    twin._finders = tuple(fresh if f is finder else f for f in normalizer._finders)
    twin._plan()
    twin._fuzzy = None
    fresh._memo = Memo()
    return twin


def _check_unquiet(normalizer: Normalizer, text: str) -> None:
    """The words the fuzzy finder's pass leaves hold every key word of the text, so the
    engine's intersection and the finder's candidates are those of the plain computation."""
    finder, union = _fuzzy_of(normalizer), normalizer._union
    memo = finder._memo
    assert memo.apart is union and memo.quiet.isdisjoint(union)
    doc = Document(text)
    within = finder.unquiet(doc, union)
    assert within is not None
    assert doc.distinct & union <= within <= doc.distinct
    assert doc.narrow(normalizer._watched, union, within) == doc.distinct & union
    assert list(finder.find(doc)) == list(finder.find(Document(text)))
    assert finder.unquiet(doc, frozenset(set(union))) is None  # not the set it shares


def test_the_fuzzy_pass_serves_the_engine_intersection(unlisted_lexicon: Lexicon) -> None:
    shared = Normalizer(unlisted_lexicon)
    plain = not_sharing(shared)
    texts = TEXTS + fixture_texts()
    for text in texts + [t.lower() for t in texts] + texts:  # the memo warm the second time
        assert shared.fix(text) == plain.fix(text), text
        _check_unquiet(shared, text)
    assert _fuzzy_of(shared)._memo.quiet_apart  # some key words were quiet


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SMALL_TEXTS, st.sampled_from([0.31, 0.5, 0.7]))
def test_the_fuzzy_pass_serves_the_engine_on_any_mix(
    small_lexicon: Lexicon, text: str, flag: float
) -> None:
    shared = _small_engines(small_lexicon)[flag]
    assert shared.fix(text) == not_sharing(shared).fix(text)
    _check_unquiet(shared, text)


def test_sharing_keys_again_keeps_the_memo(unlisted_lexicon: Lexicon) -> None:
    normalizer = Normalizer(unlisted_lexicon)
    finder = _fuzzy_of(normalizer)
    normalizer.fix(TEXTS[0])
    memo = finder._memo
    assert finder.share_keys(frozenset(set(normalizer._union))) is normalizer._union
    assert finder._memo is memo
    other = frozenset({"Haftal"})
    assert finder.share_keys(other) is other and finder._memo is not memo
