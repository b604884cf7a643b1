"""``lexicon stats``: how much a lexicon holds, by entity type, by field and by file."""

from __future__ import annotations

from collections import Counter
from typing import Any

from normalize.lexicon.records import Lexicon

FIELDS = ("aliases", "demonyms", "garbles", "calques", "names", "context", "examples")


def stats(lexicon: Lexicon) -> dict[str, Any]:
    """Counts of a merged lexicon, ready for JSON.

    ``fields`` gives, per field, how many entities fill it and how many items they hold.

    >>> from normalize.lexicon import Entity
    >>> s = stats(Lexicon((Entity("country/ly", "country", "Libya", aliases=("Libia",)),)))
    >>> s["entities"], s["by_type"], s["fields"]["aliases"]
    (1, {'country': 1}, {'entities': 1, 'items': 1})
    """
    by_type = Counter(e.type for e in lexicon.entities)
    by_file = Counter(e.origin.path for e in lexicon.entities)
    by_file.update(c.origin.path for c in lexicon.confusions)
    fields: dict[str, dict[str, int]] = {}
    for name in FIELDS:
        sizes = [len(getattr(e, name)) for e in lexicon.entities]
        fields[name] = {"entities": sum(1 for n in sizes if n), "items": sum(sizes)}
    langs = Counter(lang for e in lexicon.entities for lang, _ in e.names)
    return {
        "entities": len(lexicon.entities),
        "confusions": len(lexicon.confusions),
        "by_type": dict(sorted(by_type.items())),
        "fields": fields,
        "names_by_language": dict(sorted(langs.items())),
        "by_file": dict(sorted(by_file.items())),
    }


def render_text(data: dict[str, Any]) -> str:
    """The stats as aligned lines for people."""
    lines = [f"entities   {data['entities']}", f"confusions {data['confusions']}", "by type:"]
    lines += [f"  {k:<14} {v}" for k, v in data["by_type"].items()]
    lines.append("by field (entities with it / items):")
    lines += [f"  {k:<14} {v['entities']} / {v['items']}" for k, v in data["fields"].items()]
    lines.append("names by language:")
    lines += [f"  {k:<14} {v}" for k, v in data["names_by_language"].items()]
    lines.append("by file:")
    lines += [f"  {k:<32} {v}" for k, v in data["by_file"].items()]
    return "\n".join(lines)
