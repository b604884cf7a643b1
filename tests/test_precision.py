"""Precision on clean text the team never tuned to, and bounded cost per token (issue 13
deliver 5, issue 15 items 1 and 19)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize import Normalizer

# -- issue 15 item 1: one long word costs little ------------------------------------------

_BOUNDED = textwrap.dedent(
    """
    import resource, sys
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    from normalize import Normalizer
    n = Normalizer()
    for text in ("x" * 8000 + " text.", "a" * 40000 + " In Libya, haftal said."):
        result = n.fix(text)
        print(sum(c.action.value == "applied" for c in result.changes))
    """
)


def test_one_long_word_is_bounded_in_memory_and_time() -> None:
    """A word of 8,000 or 40,000 letters is not a name: under a 1 GB address-space limit the
    engine still answers, and still repairs the garble after the long word."""
    proc = subprocess.run(
        [sys.executable, "-c", _BOUNDED], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["0", "1"]


@pytest.mark.parametrize("length", [41, 400, 8000])
def test_long_words_are_not_fuzzy_candidates(shipped: Normalizer, length: int) -> None:
    word = ("haftal" * length)[:length]
    result = shipped.fix(f"In Libya, {word} said.")
    assert result.changes == ()


# -- candidates are no evidence for each other --------------------------------------------


def _confidence(n: Normalizer, text: str, word: str) -> float:
    (change,) = {c.confidence for c in n.fix(text).changes if c.original == word}
    return change


def test_other_candidates_are_no_evidence(small: Normalizer) -> None:
    """Two unknown words close to one entity do not lift each other: in clean news full of
    Chinese names, false candidates used to support each other ("another garble in this
    document resembles it too")."""
    # "haftal", a listed garble: the text writes names in lower case, so that lower-case
    # guesses are looked at (see Normalizer._lower_guesses_kept).
    alone = _confidence(small, "Yesterday haftel spoke to reporters, haftal said.", "haftel")
    together = _confidence(
        small, "Yesterday haftel spoke to haftol reporters, haftal said.", "haftel"
    )
    assert together == alone
    result = small.fix("Yesterday haftel spoke to haftol reporters, haftal said.")
    assert all("resembles" not in " ".join(c.evidence) for c in result.changes)


# -- pinyin: Chinese names written right ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chongqing, July 26 (Reporter Liu Xian) The commission said prices would fall.",
        "Yu Xian and Liu Xian wrote the report from Xi'an.",
        "Xiaoming, a teacher from Fujian, met Dongchuan villagers in China.",
        "Jianzhong and Wanzhang are two villages in Hainan, China.",
        "The student Jiangxi Zhang spoke in Tunisia about Ghannouchi.",
    ],
)
def test_pinyin_words_are_chinese_names_written_right(shipped: Normalizer, text: str) -> None:
    """A word that reads as pinyin is a Chinese name or place written right: not a garble of
    another Chinese place or person (Xiaoming is no Xiamen), nor Xi'an inside "Liu Xian"."""
    changes = shipped.fix(text).changes
    assert [c.original for c in changes if c.rule.startswith("fuzzy.")] == []


def test_exact_reading_of_a_non_chinese_name_still_needs_evidence(shipped: Normalizer) -> None:
    """ "teben" reads as pinyin and is the reading of Tebboune's Chinese name (特本): with the
    country in the text it is repaired; alone it is a Chinese name and left alone."""
    repaired = shipped.fix("In Algeria, president teben said the vote would go ahead.")
    assert "Tebboune" in repaired.text
    alone = shipped.fix("Yesterday teben said the vote would go ahead.")
    assert not [c for c in alone.changes if c.rule.startswith("fuzzy.") and c.original == "teben"]


def test_pinyin_inventory_matches_pypinyin() -> None:
    """The syllable list is pypinyin's dictionary read without tones, less interjections."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    from normalize.translit import PINYIN_SYLLABLES

    readings = {
        to_normal(p, v_to_u=True).replace("ü", "u")
        for value in pinyin_dict.values()
        for p in value.split(",")
    }
    assert readings >= PINYIN_SYLLABLES
    assert readings - PINYIN_SYLLABLES == {"hm", "hng", "m", "n", "ng", "ê", "o", "yo", "lo"}


# -- code-like and technical tokens -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The base implementation writes to sys.stderr; stderr is then flushed.",
        'power ::= (await_expr | primary) ["**" u_expr]',
        "Call mktime(t) to convert; mktime is the inverse of localtime.",
        "Like __setattr__() but for attribute deletion.",
        "The terminating newline (if present) is retained; newlines are kept.",
        "Accepts the same values as the builtin open() function.",
        "See the --tabsize option and tabsize=8; the tabsize is used by expand().",
        "Arguments: varargs, kwargs. The varargs are passed on. Use f(x) and g(y) and h(z).",
    ],
)
def test_code_like_tokens_are_not_garbles(shipped: Normalizer, text: str) -> None:
    """Identifiers, dotted and snake_case names, calls, grammar rules and compounds of
    English words in technical text (Python's own documentation) are left alone."""
    assert shipped.fix(text).changes == ()


def test_acronyms_among_lower_case_words_are_not_near_misses(shipped: Normalizer) -> None:
    """An all-capitals word in a sentence is an acronym ("CPSU", "HAART"), no garbled name."""
    text = "Agents of the CPC and the CPSU met; HAART is an antiretroviral therapy."
    assert [c for c in shipped.fix(text).changes if c.rule.startswith("fuzzy.")] == []


def test_code_marks_in_urls_do_not_make_news_technical(small: Normalizer) -> None:
    """URLs are no code: a lower-case garble in news with links is still looked at."""
    text = "See www.example.com/a_b and www.example.org/c_d and x.org/e_f. In Libya, haftel said."
    assert [c.original for c in small.fix(text).changes] == ["haftel"]


# -- issue 15 item 19: fixing twice is fixing once, on documents made of lexicon forms --------


def _lexicon_pieces() -> list[str]:
    """Forms of the shipped lexicons a document may hold, as written and in lower case, with
    the words that rules look beside (prepositions, brackets, titles)."""
    from normalize.lexicon import load_default_lexicons

    pieces: set[str] = set()
    lexicon = load_default_lexicons()
    for entity in lexicon.entities[::7]:  # a spread of every file, not all 2,500 entities
        for form in (*entity.legitimate(), *entity.garbles, *entity.calques, *entity.context):
            pieces.update((form, form.lower()))
    for confusion in lexicon.confusions:
        pieces.update((confusion.wrong, confusion.right))
    return sorted(pieces)


_GLUE = st.sampled_from([" ", " ", " ", "", "(", ") ", ". ", ", ", "-", "\n", "'s ", " of "])
_WORDS = st.sampled_from(
    [
        "is",
        "(is)",
        "of is",
        "IS",
        "Islamic State",
        "the",
        "national",
        "said",
        "President",
        "Mr.",
        "Mr..",
        "of",
        "in",
        "ft",
        "abc",
        "us",
    ]
)


@st.composite
def _lexicon_documents(draw: st.DrawFn) -> str:
    pieces = st.sampled_from(_LEXICON_PIECES)
    parts = draw(st.lists(st.tuples(st.one_of(pieces, _WORDS), _GLUE), min_size=1, max_size=14))
    return "".join(word + glue for word, glue in parts)


_LEXICON_PIECES = _lexicon_pieces()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lexicon_documents())
def test_fix_is_idempotent_on_lexicon_documents(shipped: Normalizer, text: str) -> None:
    once = shipped.fix(text).text
    assert shipped.fix(once).text == once


def test_islamic_state_fix_is_idempotent(shipped: Normalizer) -> None:
    """What a fix writes ("IS") is no evidence for the next "is" on a second run."""
    text = "KonyaIslamic State (is) said the base of is.\n"
    once = shipped.fix(text).text
    assert shipped.fix(once).text == once


# -- lower-case acronyms need evidence ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The abc module provides abstract base classes; see collections.abc for more.",
        "The file is read and scanned for the libc version, compiled using gcc.",
        'For example, list("abc") returns a list.',
    ],
)
def test_lower_case_acronyms_without_evidence_are_left_alone(
    shipped: Normalizer, text: str
) -> None:
    assert [c for c in shipped.fix(text).changes if c.rule == "lexicon.case"] == []


def test_lower_case_acronym_with_its_context_is_restored(shipped: Normalizer) -> None:
    result = shipped.fix("Leaders of the gcc met in Riyadh to discuss the Gulf.")
    assert "GCC met" in result.text


def test_double_period_before_a_lower_case_word_is_fixed_on_the_first_run(
    shipped: Normalizer,
) -> None:
    """The case of the next word, which another rule may change, does not decide."""
    once = shipped.fix("He met Mr.. riad malki in Ramallah.").text
    assert shipped.fix(once).text == once


# -- names that are also English phrases ----------------------------------------------------


def test_a_cited_name_must_end_where_the_phrase_ends(shipped: Normalizer) -> None:
    """ "according to the national ..." that goes on with more lower-case words is a longer
    phrase (a national statistics bureau), not the outlet The National."""
    text = "According to the national statistics bureau, prices rose."
    assert shipped.fix(text).changes == ()
    cited = shipped.fix("According to the financial times, prices rose.")
    assert "Financial Times" in cited.text


def test_common_english_plural_is_no_lost_possessive_without_evidence(shipped: Normalizer) -> None:
    """ "Sales Help Farmers" is the plural of "sale", not the town of Sale's help."""
    text = '"Sweet" Live Stream Sales Help Farmers Earn Higher Incomes'
    assert [c for c in shipped.fix(text).changes if c.rule == "possessive.apostrophe"] == []
