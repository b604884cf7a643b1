"""What ordinary English looks like: a word list and word frequencies from packages.

- ``english-words`` (MIT) ships Webster's Second International (1934, public domain) with
  case kept, so "turkey" and "lee" are words while "libyan" and "haftar" are not.
- ``wordfreq`` (Apache-2.0 code, CC BY-SA 4.0 data) gives Zipf frequencies, used to judge
  how unusual a token is. It folds case, so names count too: it measures rarity, not
  whether a token is an English word.

Both load lazily, on the first question, so that documents with nothing to ask cost nothing.
"""

from __future__ import annotations

from functools import cache


@cache
def english_lowercase_words() -> frozenset[str]:
    """Lower-case entries of Webster's Second: ordinary words, not names.

    Deriving the set from the package costs more than a short run takes in all, so the
    derived set is kept in the compiled cache (:mod:`normalize.cache`), keyed by the
    package's version.
    """
    from english_words.version import VERSION

    from normalize import cache as compiled

    key = compiled.key_for("vocab-web2-lowercase", VERSION)
    return compiled.get_or_build(key, _web2_lowercase)


def _web2_lowercase() -> frozenset[str]:
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower())


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary lower-case English word or its plural.

    Webster's lists head words only, so a plural ("poles", "churches") counts when its
    singular is listed: "Poles" in lower case is the plural of "pole" before it is a
    demonym.

    >>> is_english_word("Turkey"), is_english_word("haftar"), is_english_word("poles")
    (True, False, True)
    """
    words = english_lowercase_words()
    low = word.lower()
    if low in words:
        return True
    if low.endswith("es") and low[:-2] in words:
        return True
    return low.endswith("s") and len(low) > 3 and low[:-1] in words


@cache
def zipf(word: str) -> float:
    """Zipf frequency of a word in English (0 = unseen, 7 = "the"), as wordfreq gives it.

    Plain ASCII words are looked up in a table that wordfreq itself computed, kept in the
    compiled cache: importing wordfreq and loading its data costs 0.3 s, more than a whole
    short run. wordfreq scores an ASCII word it does not list as 0; anything else (other
    scripts, digits, punctuation) is asked of wordfreq directly.

    >>> zipf("the") > 7 > 3 > zipf("chawushiolu")
    True
    """
    if word.isascii() and word.isalpha():
        return _zipf_table().get(word.lower(), 0.0)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@cache
def _zipf_table() -> dict[str, float]:
    from importlib.metadata import version

    from normalize import cache as compiled

    key = compiled.key_for("vocab-zipf-en", version("wordfreq"))
    return compiled.get_or_build(key, _build_zipf_table)


def _build_zipf_table() -> dict[str, float]:
    from wordfreq import get_frequency_dict, zipf_frequency

    return {
        w: float(zipf_frequency(w, "en"))
        for w in get_frequency_dict("en")
        if w.isascii() and w.isalpha()
    }
