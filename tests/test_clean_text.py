"""Clean English of every kind is left alone (issue 13 deliver 5): each case has the shape of
a false alarm found on manuals, change logs, licences, package READMEs or news (measured with
``python -m tools.clean_rates``), next to a control where the rule still does its job."""

from __future__ import annotations

import pytest

from normalize import Action, Normalizer
from normalize.document import Document
from normalize.protect import writes_code
from tools.build_clean_corpus import _cap, _stride


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer()


def _changes(normalizer: Normalizer, text: str) -> list[tuple[str, str, str]]:
    return [(c.original, c.replacement, c.action.value) for c in normalizer.fix(text).changes]


# -- technical writing: judged on the whole text ------------------------------------------

_CHANGELOG = (
    "Overview of changes in 1.2\n\n"
    "* widgets: Fix cairo_matrix_t converter in set_stipple()\n"
    "* build: make libthai, xft optional with --without-thai\n\n\n\n"
    + "* Use canberra instead of the old sound daemon for event sounds.\n" * 6
    + "\n\n\n"
    + "* Keyboard shortcuts for russian characters work again.\n" * 6
)


def test_lower_case_names_in_a_change_log_are_identifiers(normalizer: Normalizer) -> None:
    """A change log writes code (snake_case, calls, long options), so "canberra" and
    "russian" there are a library and a word in a bug title, even in its later sections,
    which hold no code themselves (the file is split into articles at blank-line runs)."""
    assert _changes(normalizer, _CHANGELOG) == []
    doc = Document(_CHANGELOG)
    assert doc.writes_code


def test_lower_case_name_in_news_is_still_capitalised(normalizer: Normalizer) -> None:
    text = "Their forces attacked the city, and haftar said the fighting would go on."
    assert ("haftar", "Haftar", "applied") in _changes(normalizer, text)


def test_prose_with_lost_spaces_before_brackets_is_no_code() -> None:
    """MT often drops the space before "(": "word(x)" and "Expo(CIIE)" are prose."""
    text = (
        "Cases rose in Lanzhou(3 of them), at the Import Expo(CIIE) and among those "
        "taken(poor health) to hospital; see www.example.com for <url> details."
    )
    assert not writes_code(text)
    assert writes_code("Call os.path.join() or set_mode(x) with --force.")


def test_html_element_is_no_placeholder() -> None:
    assert not writes_code("<span>a</span> <span>b</span> <span>c</span> and more")
    assert writes_code("<expr> ::= <term> | <name>")


def test_lower_case_name_that_is_part_of_a_url(normalizer: Normalizer) -> None:
    """A project that writes its own name in lower case ("cairo", cairographics.org)."""
    plain = "Every source file in the implementation of cairo is available."
    assert ("cairo", "Cairo", "applied") in _changes(normalizer, plain)
    text = "It was downloaded from https://cairographics.org/releases.\n\n" + plain
    assert _changes(normalizer, text) == []


# -- punctuation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "It holds completion, help, visual selection, etc.. See the manual for more.",
        "Copyright 2006-2022 Free Software Foundation, Inc..\nCopying is permitted.",
        "    pts/2    <Dec 2 11:10>    snag.cnri.reston..\n",
    ],
)
def test_writers_own_double_period_is_left(normalizer: Normalizer, text: str) -> None:
    assert _changes(normalizer, text) == []


def test_double_period_after_a_word_is_still_fixed(normalizer: Normalizer) -> None:
    text = "Men and women, soldiers and civilians..\nThe army has arrived."
    assert ("..", ".", "applied") in _changes(normalizer, text)


def test_double_period_in_technical_writing_is_left(normalizer: Normalizer) -> None:
    text = "Returns ipaddress_of(x) for IPv4 addresses..\n\nUse ip_network() or --strict."
    assert _changes(normalizer, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "A binascii.Error is raised if the input is incorrectly padded.",
        "except xdrlib.Error as var:\n    pass",
        # technical writing: even an English word before the dot is a module
        "Calls copy_tree() and shutil.move(); copy.Error is raised, see --help.",
    ],
)
def test_dotted_name_is_no_missing_space(normalizer: Normalizer, text: str) -> None:
    assert _changes(normalizer, text) == []


def test_missing_space_in_news_is_still_flagged(normalizer: Normalizer) -> None:
    text = "The plan is sound, Professor Jones said.Professor Jones expects no opposition."
    assert (".", ". ", "flagged") in _changes(normalizer, text)


# -- possessives, acronyms, confusions -----------------------------------------------------


def test_name_inside_a_longer_name_is_no_possessive(normalizer: Normalizer) -> None:
    """A given or middle name that is a country plus "s" ("Julianne Frances Haugh")."""
    assert _changes(normalizer, "Copyright: 1989-1994, Julianne Frances Haugh\n") == []
    assert _changes(normalizer, "Authors: Chip Rosenthal, Julianne Frances Haugh.") == []
    applied = ("Frances", "France's", "applied")
    assert applied in _changes(normalizer, "On Monday Frances Foreign Minister spoke.")
    assert applied in _changes(normalizer, "He said Frances President would come.")


@pytest.mark.parametrize(
    "text",
    [
        "Currently, COPY FROM is not supported for tables with row-level security.",
        "A query that is referenced more than once in FROM is computed only once.",
        "The move away from is not what the Islamic State wanted.",
    ],
)
def test_verb_is_after_a_keyword_is_no_acronym(normalizer: Normalizer, text: str) -> None:
    assert _changes(normalizer, text) == []


def test_islamic_state_after_a_preposition_still_fixed(normalizer: Normalizer) -> None:
    text = "The war against is goes on, the Islamic State said."
    assert ("is", "IS", "applied") in _changes(normalizer, text)


_IRAQ = "Iraq is close to a deal, Iraq's ambassador said in Baghdad. "


def test_country_in_a_list_is_no_confusion(normalizer: Normalizer) -> None:
    """A writer naming countries one by one means each ("ties with Iran and North Korea");
    alone, the same word in an article about Iraq is still flagged."""
    alone = _IRAQ + "Russia is improving ties with Iran, the envoy added."
    assert [a for _, _, a in _changes(normalizer, alone)] == [Action.FLAGGED.value]
    listed = _IRAQ + "Russia is improving ties with Iran and North Korea, the envoy added."
    assert _changes(normalizer, listed) == []
    export = _IRAQ + "Export to the countries of Cuba, Iran, North Korea and Sudan is barred."
    assert _changes(normalizer, export) == []


# -- the corpus builder ---------------------------------------------------------------------


def test_cap_cuts_at_a_paragraph_break() -> None:
    text = "a" * 50 + "\n\n" + "b" * 50 + "\n\n" + "c" * 50
    assert _cap(text, 120) == "a" * 50 + "\n\n" + "b" * 50
    assert _cap("short", 120) == "short"


def test_stride_spreads_evenly() -> None:
    from pathlib import Path

    items = [Path(str(i)) for i in range(10)]
    assert [p.name for p in _stride(items, 5)] == ["0", "2", "4", "6", "8"]
    assert _stride(items, 20) == items


def test_lower_case_word_that_is_a_handle_elsewhere(normalizer: Normalizer) -> None:
    """A lower-case word written as part of a URL or as code elsewhere in the text
    ("www.libpng.org", "src/pinentry") is that product's name wherever it stands."""
    plain = "Every source file in the implementation of cairo is available."
    with_path = "Files: src/cairo\nCopyright: the authors\n\n" + plain
    assert _changes(normalizer, with_path) == []
    mail = "Report bugs to cairo@lists.example.org, please.\n\n" + plain
    assert _changes(normalizer, mail) == []


# -- credits: names as their holders write them ---------------------------------------------

_COPYRIGHT = (
    "Files: src/savelog\n"
    "Copyright: 2015 Tomasz Buchert <tomasz@example.org>\n"
    "           2004-2008 Domenico Andreoli\n"
    "License: Khronos\n"
)


def test_credit_lines_and_signatures_are_left_alone(normalizer: Normalizer) -> None:
    """Holders' names in a copyright notice and its lines of years ("Domenico" is no garble
    of Dominica), and a name signed before its address, as a change log ends an entry."""
    assert _changes(normalizer, _COPYRIGHT) == []
    signed = "  * Fix the build.\n\n -- Steve Langasek <vorlon@example.org>  Tue, 31 Aug 2010\n"
    assert _changes(normalizer, signed) == []


def test_a_line_starting_with_a_year_in_news_is_still_read(normalizer: Normalizer) -> None:
    """Without a copyright notice before it, a line that starts with a year is prose."""
    text = "Their forces attacked the city.\n\n2020 Turkeys foreign minister chawushiolu came."
    assert ("chawushiolu", "Çavuşoğlu", "applied") in _changes(normalizer, text)
    after = "Copyright: 2020 Ann Lee\n\n" + text
    assert ("chawushiolu", "Çavuşoğlu", "applied") in _changes(normalizer, after)


# -- fragments and lower-case guesses --------------------------------------------------------


def test_half_of_a_word_broken_at_a_line_end_is_no_name(normalizer: Normalizer) -> None:
    """A licence's capitals, hyphenated across lines ("CON-" / "NECTION"): a fragment.

    The control: the same garble is repaired when it stands as a word of its own, and not
    when it is the second half of a word broken at a line end.
    """
    whole = "Turkish Foreign Minister pre- chawushiolu said on Monday."
    assert ("chawushiolu", "Çavuşoğlu", "applied") in _changes(normalizer, whole)
    broken = "Turkish Foreign Minister pre-\nchawushiolu said on Monday."
    assert _changes(normalizer, broken) == []
    licence = "ARISING FROM, OUT OF OR IN CON-\nNECTION WITH THE SOFTWARE"
    assert _changes(normalizer, licence) == []


def test_lower_case_guess_needs_a_text_that_lower_cases_names(normalizer: Normalizer) -> None:
    """A README's typo or jargon in lower case ("mirors", "tarball") is no name unless the
    text writes known names in lower case too, as MT that lost capitals does."""
    assert _changes(normalizer, "Be careful not to use outdated mirors.") == []
    assert _changes(normalizer, "The tarball is rebuilt from the export.") == []
    assert _changes(normalizer, "Be careful not to use navalni here.") == []
    mt = "Their forces attacked, and haftar said: be careful not to use navalni here."
    assert [(o, a) for o, _, a in _changes(normalizer, mt)] == [
        ("haftar", "applied"),
        ("navalni", "flagged"),
    ]


def test_roster_of_names_is_left_alone(normalizer: Normalizer) -> None:
    """An AUTHORS or THANKS list: people's names written by and for their holders."""
    roster = "Contributors\n\nMike Lothian\nNora Shoemaker\nMike Erdogn\nPedro Santos\n"
    assert _changes(normalizer, roster) == []
    prose = "Contributors\n\nThe new patch by Mike Erdogn fixes the parser.\n"
    assert [(o, r) for o, r, _ in _changes(normalizer, prose)] == [("Erdogn", "Erdoğan")]


def test_entity_spoken_of_in_another_article_is_no_support(normalizer: Normalizer) -> None:
    """In a file of several articles, one that names Mohamed Morsi does not make a typo
    ("mirors") in another a name near miss worth a flag."""
    news = "Former Egyptian President Mohamed Morsi died in Cairo, officials said. " * 8
    readme = "Be careful not to use outdated mirors, the maintainers wrote. " * 9
    assert any(o == "mirors" for o, _, _ in _changes(normalizer, news + readme))
    assert _changes(normalizer, news + "\n\n\n\n" + readme) == []
