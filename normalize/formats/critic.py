"""CriticMarkup: the text with applied changes as substitutions and flags as comments.

Editors that read CriticMarkup (and people reading plain text) can accept or reject each
substitution where it stands. See https://criticmarkup.com for the notation.
"""

from __future__ import annotations

from collections.abc import Sequence

from normalize.model import Action, Change


def _comment(text: str) -> str:
    # A comment ends at the first "<<}"; break any such run inside so the markup stays whole.
    return text.replace("<<}", "<< }").replace("\n", " ")


def describe(change: Change) -> str:
    """The comment attached to a flagged change.

    >>> c = Change(0, 5, "salaj", "Sarraj", Action.FLAGGED, 0.6, "lexicon.garble",
    ...            "person/fayez-al-sarraj", ("listed garble",))
    >>> describe(c)
    "normalize: 'Sarraj'? (flagged 0.60 lexicon.garble person/fayez-al-sarraj; listed garble)"
    """
    entity = f" {change.entity}" if change.entity else ""
    evidence = f"; {'; '.join(change.evidence)}" if change.evidence else ""
    return (
        f"normalize: {change.replacement!r}? ({change.action.value} {change.confidence:.2f}"
        f" {change.rule}{entity}{evidence})"
    )


def render_critic(text: str, changes: Sequence[Change]) -> str:
    """``text`` with every applied change as ``{~~old~>new~~}`` and every flagged one as
    ``{==old==}{>>comment<<}``; bytes outside the changes are kept.

    >>> c = Change(2, 8, "haftal", "Haftar", Action.APPLIED, 0.97, "lexicon.garble", None)
    >>> render_critic("a haftal b", [c])
    'a {~~haftal~>Haftar~~} b'
    """
    parts: list[str] = []
    pos = 0
    for change in sorted(changes, key=lambda c: c.start):
        parts.append(text[pos : change.start])
        if change.action is Action.APPLIED:
            parts.append(f"{{~~{change.original}~>{change.replacement}~~}}")
        else:
            parts.append(f"{{=={change.original}==}}{{>>{_comment(describe(change))}<<}}")
        pos = change.end
    parts.append(text[pos:])
    return "".join(parts)
