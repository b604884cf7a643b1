"""The cheap gates in front of the possessive, acronym, name-case and punctuation finders.

Each gate must be a necessary condition: with it, a finder proposes exactly what it proposes
without it. Every finder keeps its ungated search (``_candidates(doc, None)``,
``_islamic_state``, the compound pattern, ``_missing_spaces(doc, 0)``), and the tests compare
the two on texts just inside and just outside each gate, and on generated texts made of the
pieces the gates look at.
"""

from __future__ import annotations

from typing import Any, TypeVar

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalize.finders.acronym as acronym_module
import normalize.finders.punctuation as punctuation_module
from normalize.document import Document
from normalize.engine import Normalizer
from normalize.finders.acronym import COMPOUND_RULE, IS_RULE, AcronymFinder
from normalize.finders.gate import WordGate
from normalize.finders.namecase import NameCaseFinder
from normalize.finders.possessive import PossessiveFinder
from normalize.finders.punctuation import SPACE_RULE, PunctuationFinder
from normalize.lexicon import Entity, Lexicon
from normalize.model import Candidate

F = TypeVar("F")


def finder(normalizer: Normalizer, kind: type[F]) -> F:
    return next(f for f in normalizer._finders if isinstance(f, kind))


@pytest.fixture(scope="session")
def possessive(shipped: Normalizer) -> PossessiveFinder:
    return finder(shipped, PossessiveFinder)


@pytest.fixture(scope="session")
def acronym(shipped: Normalizer) -> AcronymFinder:
    return finder(shipped, AcronymFinder)


@pytest.fixture(scope="session")
def namecase(shipped: Normalizer) -> NameCaseFinder:
    return finder(shipped, NameCaseFinder)


@pytest.fixture(scope="session")
def punctuation(shipped: Normalizer) -> PunctuationFinder:
    return finder(shipped, PunctuationFinder)


def gated_and_ungated(name: str, f: Any, text: str) -> tuple[list[Candidate], list[Candidate]]:
    """What a finder proposes for ``text``, and what its search without the gate does."""
    gated = list(f.find(Document(text)))
    doc = Document(text)
    if name == "possessive" or name == "namecase":
        return gated, list(f._candidates(doc, None))
    if name == "acronym-is":
        return [c for c in gated if c.rule == IS_RULE], list(f._islamic_state(doc))
    if name == "acronym-compound":
        ungated = f._compounds(doc, f._compound_re.finditer(text))
        return [c for c in gated if c.rule == COMPOUND_RULE], list(ungated)
    assert name == "punctuation"
    return [c for c in gated if c.rule == SPACE_RULE], list(f._missing_spaces(doc, 0))


# Texts just inside each gate (the finder proposes something) and just outside it.
CASES = [
    ("possessive", "CNNs Turkish channel said.", 1),
    ("possessive", "He cited Algerias foreign ministry.", 1),
    ("possessive", "Yesterday Islamic States fighters left.", 1),
    ("possessive", "Islamic fighters left the States.", 0),  # words present, not together
    ("possessive", "Cnns Turkish channel said.", 0),  # neither the name's case nor capitals
    ("possessive", "CNN'S Turkish channel said.", 0),
    ("namecase", "According to the financial times, talks failed.", 1),
    ("namecase", "ACCORDING  TO\tthe financial times; talks failed.", 1),
    ("namecase", "Talks failed, the financial times reported.", 1),
    ("namecase", "Talks failed, the financial times \t reported.", 1),
    ("namecase", "Talks failed, the financial times\u00a0\u00a0said so.", 1),
    ("namecase", "Talks failed, the financial times\nsaid so.", 0),  # _AFTER_RE stops at \n
    ("namecase", "According to him the financial times are hard.", 0),
    ("namecase", "The financial times are hard, analysts said.", 0),
    ("acronym-is", "The extremist group Islamic State (is) held the city.", 1),
    ("acronym-is", "Raids on the base of\n  is fighters.", 1),
    ("acronym-is", "Troops drove OUT is, the army said.", 1),
    ("acronym-is", "The base of this is fine.", 0),
    ("acronym-compound", "A un-backed government took office.", 1),
    ("acronym-compound", "The nato-led force and (un-aligned) states.", 2),
    ("acronym-compound", "A .un-backed or xun-backed or un-backers.", 0),
    ("punctuation", "It ended on May 10.Yin said so.", 1),
    ("punctuation", "It ended on May 10.YIN said so, and U.S.Army.", 0),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_gate_keeps_every_candidate(
    name: str, text: str, expected: int, request: pytest.FixtureRequest
) -> None:
    f = request.getfixturevalue(name.split("-")[0])
    gated, ungated = gated_and_ungated(name, f, text)
    assert gated == ungated
    assert len(gated) == expected


def test_gates_turn_clean_text_away(
    possessive: PossessiveFinder, namecase: NameCaseFinder, acronym: AcronymFinder
) -> None:
    """On clean news the gates decide before any search (the point of having them)."""
    text = (
        "The United States said Islamic militants in Afghanistan, where the Taliban is in "
        "power, are a threat. According to officials, the national interest of Australia "
        "is at stake, the Prime Minister said.\n\nThe UN-backed talks of the Northern "
        "Alliance were led by Afghans."
    )
    distinct = Document(text).distinct
    assert not [p for p in possessive._gate.passing(distinct) if p in text]
    assert list(possessive.find(Document(text))) == []
    assert list(namecase.find(Document(text))) == []
    assert list(acronym.find(Document(text))) == []


def test_possessive_gate_on_a_small_lexicon() -> None:
    lexicon = Lexicon(
        (
            Entity("org/free-army", "organisation", "Free Army", aliases=("FA",)),
            Entity("place/hama", "place", "Hama"),
            Entity("org/hamas", "organisation", "Hamas"),
        )
    )
    f = finder(Normalizer(lexicon), PossessiveFinder)
    # "Hamas" is a name of its own, so no plural of "Hama"; "FAs" is one of "FA".
    assert set(f._plurals) == {"Free Armys", "FREE ARMYs", "FAs"}
    for text, expected in [
        ("Yesterday Free Armys leaders met.", ["Free Army's"]),
        ("Yesterday FREE ARMYs leaders met.", ["FREE ARMY's"]),
        ("The Free Armys met.", []),  # a plural after "the"
        ("Free\nArmys leaders met.", []),
        ("Hamas leaders met.", []),
    ]:
        gated = list(f.find(Document(text)))
        assert gated == list(f._candidates(Document(text), None))
        assert [c.replacement for c in gated] == expected


def test_word_gate_is_exact() -> None:
    gate = WordGate(
        [
            ("a", frozenset({"the", "Koreas"})),
            ("b", frozenset({"the", "Koreas"})),
            ("c", frozenset({"x"})),
        ]
    )
    assert gate.passing(frozenset({"the", "Koreas"})) == {"a", "b"}
    assert gate.passing(frozenset({"the", "Korea", "x"})) == {"c"}
    assert gate.passing(frozenset()) == frozenset()
    with pytest.raises(ValueError, match="empty"):
        WordGate([("a", frozenset())])


def pieces(possessive: PossessiveFinder, namecase: NameCaseFinder) -> st.SearchStrategy[str]:
    plurals = sorted(possessive._plurals)[::97]
    keys = sorted(namecase._keys)[::7]
    words = {w for p in plurals for w in p.split()} | {w for k in keys for w in k.split()}
    fixed = [
        "CNNs", "Turkeys", "TURKEYs", "Islamic States", "the", "both", "Koreas", "Hamas",
        "according to", "According", "ACCORDING", "to", "said", "reported", "says", "(",
        ")", "is", "of", "OF", "Of", "out", "drove", "from", "un", "nato", "-backed", "-led",
        "un-backed", "nato-led", ".", ". ", ".Yin", "10", "Islamic State", "\u017f", "ß", "\u2019s",
        "'s", "İ", "\u0301",
    ]  # fmt: skip
    seps = [" ", "  ", "\t", "\n", "\n\n", "-", ",", "\u00a0", "\u2019", ""]
    # Pieces that often make a candidate, or come close: a cited name, a possessive, an
    # "is" after a preposition, a compound.
    before = ["according to ", "According to the ", "ACCORDING  TO\t", "according to\n", ""]
    after = [" said", "\treported", " \t writes", "\nsaid", " saidx", "\u00a0says", ""]
    cited = st.builds(
        lambda b, k, a: b + k + a,
        st.sampled_from(before),
        st.sampled_from(keys + [k.upper() for k in keys[:5]]),
        st.sampled_from(after),
    )
    possessed = st.builds(
        lambda p, a: p + a,
        st.sampled_from([*plurals, "CNNs", "Algerias", "Islamic States", "Turkeys"]),
        st.sampled_from([" militants", " are", "\u2019 men", "\nleaders", ""]),
    )
    close = st.sampled_from(
        [
            "of is", "OF\n is", "from  is", "drove out is,", "pushed out is fighters",
            "Islamic State (is)", "islamic state ( is )", "( is", "this is", "of this",
            "un-backed", "nato-led", "un-led", ".un-backed", "un-backers", "US-backed",
            "May 10.Yin said", "ended.Then ", "x.Abc,", "U.S.Army ", "one.Two\n",
        ]
    )  # fmt: skip
    return st.one_of(
        st.sampled_from(sorted(words) + plurals + keys + fixed + seps), cited, possessed, close
    )


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(data=st.data())
def test_gates_never_lose_a_candidate(
    data: st.DataObject,
    possessive: PossessiveFinder,
    namecase: NameCaseFinder,
    acronym: AcronymFinder,
    punctuation: PunctuationFinder,
) -> None:
    piece = pieces(possessive, namecase)
    text = "".join(data.draw(st.lists(st.one_of(piece, piece, st.text(max_size=3)), max_size=30)))
    for name, f in [
        ("possessive", possessive),
        ("namecase", namecase),
        ("acronym-is", acronym),
        ("acronym-compound", acronym),
        ("punctuation", punctuation),
    ]:
        gated, ungated = gated_and_ungated(name, f, text)
        assert gated == ungated, (name, text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([".", "..", "A", "Z", "a", "z", "@", "[", "-", " ", "\u00c9"])))
def test_standard_re_scans_find_what_regex_finds(parts: list[str]) -> None:
    """The ``re`` patterns that stand in for ``regex`` ones or for ``".." in text``: the same
    first match on ASCII text (the capitals around A-Z and the byte after them included),
    and for the compound scan on any text."""
    text = "".join(parts)
    if text.isascii():
        fast = punctuation_module._ASCII_DOT_CAPITAL_RE.search(text)
        plain = punctuation_module._DOT_CAPITAL_RE.search(text)
        assert (fast and fast.start()) == (plain and plain.start()), text
    assert bool(punctuation_module._TWO_DOTS_RE.search(text)) == (".." in text)
    for participle in ("-backed", "-led", "-LED", "-b\u00e9cked"):
        with_one = text + participle
        fast_dash = acronym_module._DASH_PARTICIPLE_RE.search(with_one)
        plain_dash = regex.compile(acronym_module._DASH_PARTICIPLE_RE.pattern).search(with_one)
        assert (fast_dash and fast_dash.span()) == (plain_dash and plain_dash.span())
