"""Garbled names that span several words, and names MT read from Chinese characters.

One job per module:

- :mod:`~normalize.names.readings`: how MT writes a source-script name (pinyin readings,
  every grouping of the syllables, heteronyms);
- :mod:`~normalize.names.index`: the lexicon's people compiled into readings, slot forms
  and anchors, filed by folded word;
- :mod:`~normalize.names.windows`: runs of name-like words around an anchor, cut into
  windows of one to four words;
- :mod:`~normalize.names.align`: a window aligned part by part with a person's spelling;
- :mod:`~normalize.names.context`: what the document says (titles, context terms,
  mentions);
- :mod:`~normalize.names.scorer` and ``weights.json``: the logistic model, one for every
  name candidate;
- :mod:`~normalize.names.held`: what a document holds of an entity for a single word
  (context terms, country, other spellings, the words before its places);
- :mod:`~normalize.names.single`: single words (``fuzzy.name``, ``fuzzy.source``) scored by
  that model: their features, the far-spelling rule, the upper bound the fuzzy finder prunes
  with;
- :mod:`~normalize.names.candidates`: :func:`candidates`, every scored candidate of a
  document with its features before any threshold (the data the weights are fitted on).

The fuzzy finder's single words, one job per module as well:

- :mod:`~normalize.names.english`: whether a word is English (an inflection, a British
  spelling, a compound of two English words, a typo of a common word);
- :mod:`~normalize.names.code`: whether a word is written as code (an identifier, a text
  that is technical writing, an acronym or constant in capitals);
- :mod:`~normalize.names.static`: what a word's spelling alone says about each entity it may
  stand for (string similarity, :class:`~normalize.names.static.Static`);
- :mod:`~normalize.names.memo`: the finder's memo of written words across documents and the
  profile it keeps of each candidate word;
- :mod:`~normalize.names.bound`: whether a word could reach the flag threshold at all (an
  upper bound from set look-ups, to leave words out before scoring);
- :mod:`~normalize.names.around`: what the text around a word's places says (title, words
  before, place-type and compass words, lists of places, sentences);
- :mod:`~normalize.names.placenames`: places named by the word after them ("Hajja
  province");
- :mod:`~normalize.names.spacing`: names broken by spacing noise (``fuzzy.spacing``).

:class:`normalize.finders.names.NamesFinder` and
:class:`normalize.finders.fuzzy.FuzzyFinder` call into them.
"""

from normalize.names.candidates import NameCandidate, candidates

__all__ = ["NameCandidate", "candidates"]
