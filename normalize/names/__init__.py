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

:class:`normalize.finders.names.NamesFinder` and
:class:`normalize.finders.fuzzy.FuzzyFinder` call into them.
"""

from normalize.names.candidates import NameCandidate, candidates

__all__ = ["NameCandidate", "candidates"]
