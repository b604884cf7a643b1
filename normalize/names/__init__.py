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
- :mod:`~normalize.names.scorer` and ``weights.json``: the logistic model.

:class:`normalize.finders.names.NamesFinder` calls into them.
"""
