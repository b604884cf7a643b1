"""``lexicon check``: every problem in a set of lexicon files, found in one run.

Each finding names its file, line, entry and the check that found it. The checks:

- ``load``: a file cannot be read or is not YAML (the only fatal kind: nothing else can be
  checked in that file);
- ``schema``: the file breaks lexicons/schema.json, or repeats a YAML key;
- ``duplicate-id``: an id used twice, in one file or across files;
- ``unknown-entity``: a confusion refers to an id that no file defines;
- ``duplicate-form``: one entity lists the same form twice (in any two fields);
- ``unmatchable``: a form the matcher can never find (a separator it does not accept);
- ``garble-ambiguous``: one garble listed for two entities;
- ``garble-is-name``: a garble that is a legitimate form of another entity;
- ``shared-name``: a legitimate form of two entities, one of which has no context terms
  to tell them apart;
- ``english-word``: a garble that is an ordinary English word (garbles are corrected
  wherever they occur); a one-word alias or short form that is one (``--canonical`` rewrites
  an alias wherever it is written, context or not, and the short form is what one-word forms
  are rewritten to: ``short: Said`` turns "General Smith" into "Said Smith"); or a calque
  that is one on an entity without context terms;
- ``no-examples``: an entity of a hand-curated file without the examples CONTRIBUTING.md
  asks for: one that must stay unchanged, and, when it lists garbles or calques, one that
  is corrected or flagged;
- ``chain``: a correction that is itself a listed garble (a preferred form, or the right
  side of a confusion);
- ``example``: an entity's example whose ``text`` the engine does not turn into ``fixed``.

Entries that predate the last two rules are listed in ``lexicons/lint-baseline.json``
(:class:`Baseline`): each listed entry may keep exactly the findings listed for it, and the
list can only shrink (a test fails on an entry that no longer needs it). A new entry, or a
new form of an old one, gets every check.

The checker is pure: it takes file names and texts and returns findings.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from normalize.lexicon.loader import DEFAULT_PACKAGE, parse_lexicon
from normalize.lexicon.records import Confusion, Entity, Lexicon
from normalize.text import Key, key_of
from normalize.vocab import is_english_word

CHECKS = (
    "load",
    "schema",
    "duplicate-id",
    "unknown-entity",
    "duplicate-form",
    "unmatchable",
    "garble-ambiguous",
    "garble-is-name",
    "shared-name",
    "english-word",
    "no-examples",
    "chain",
    "example",
)
LEGITIMATE = ("canonical", "short", "aliases", "demonyms")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, which entry, which check, and what is wrong."""

    path: str
    line: int
    entry: str | None
    check: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        entry = f" {self.entry}:" if self.entry else ""
        return f"{where}:{entry} [{self.check}] {self.message}"


@dataclass(frozen=True)
class Report:
    """The findings of one run, and the lexicon that could be built from the valid files."""

    findings: tuple[Finding, ...]
    lexicon: Lexicon = field(default_factory=Lexicon)

    @property
    def fatal(self) -> bool:
        """Whether some file could not be loaded at all."""
        return any(f.check == "load" for f in self.findings)


#: The file, shipped with the lexicons, of findings accepted for entries older than the check.
BASELINE_FILE = "lint-baseline.json"
#: ``origin: generated`` in a file's meta block (block or flow style): such files are written
#: by a build script, which cannot write examples.
_GENERATED = re.compile(r"^meta:.*(?:\n[ \t]+.*)*?\borigin:[ \t]*[\"']?generated\b", re.MULTILINE)


@dataclass(frozen=True)
class Baseline:
    """Findings accepted for entries that predate a check: one-word English aliases and
    short forms, as (entity id, form), and entities without the examples asked for."""

    english: frozenset[tuple[str, str]] = frozenset()
    examples: frozenset[str] = frozenset()

    @classmethod
    def from_json(cls, text: str) -> Baseline:
        data = json.loads(text)
        english = data.get("english-word", {})
        return cls(
            frozenset((ident, form) for ident, forms in english.items() for form in forms),
            frozenset(data.get("no-examples", ())),
        )


@lru_cache(maxsize=1)
def shipped_baseline() -> Baseline:
    """The baseline shipped beside the lexicons (empty when it is missing)."""
    path = resources.files(DEFAULT_PACKAGE).joinpath(BASELINE_FILE)
    if not path.is_file():
        return Baseline()
    return Baseline.from_json(path.read_text(encoding="utf-8"))


def _forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """(field, form) for every form of an entity that the matcher indexes or uses."""
    yield "canonical", entity.canonical
    if entity.short:
        yield "short", entity.short
    for name in ("aliases", "demonyms", "garbles", "calques"):
        for form in getattr(entity, name):
            yield name, form


def _at(rec: Entity | Confusion, check: str, message: str) -> Finding:
    return Finding(rec.origin.path, rec.origin.line, rec.id, check, message)


def _is_english(form: str, key: Key) -> bool:
    """Whether every word of a form is an ordinary English word ("New Year", "chad")."""
    del form
    return all(is_english_word(w) for w in key.words)


def _one_english_word(form: str, key: Key) -> bool:
    """Whether a form is one ordinary English word, not an acronym ("General", not "US")."""
    return key.size == 1 and not form.isupper() and is_english_word(key.words[0])


def check_forms(entities: Sequence[Entity], baseline: Baseline = Baseline()) -> list[Finding]:
    """The checks on forms within and across entities (everything but schema and examples)."""
    out: list[Finding] = []
    legit: dict[Key, list[Entity]] = defaultdict(list)
    garbles: dict[Key, list[Entity]] = defaultdict(list)
    for ent in entities:
        seen: dict[str, str] = {}
        kinds: dict[Key, str] = {}
        for name, form in _forms(ent):
            key = key_of(form)
            if key is None:
                out.append(_at(ent, "unmatchable", f"{name} {form!r} has no matchable words"))
                continue
            # Case variants are kept on purpose: they say how to restore a lower-case form
            # ("nato" -> "NATO"), so only the same spelling twice is a repeat.
            if form in seen and not (name == "short" and seen[form] == "canonical"):
                out.append(_at(ent, "duplicate-form", f"{name} {form!r} repeats its {seen[form]}"))
                continue
            seen[form] = name
            garble = name == "garbles"
            if key in kinds and (kinds[key] == "garbles") != garble:
                out.append(_at(ent, "duplicate-form", f"{name} {form!r} is also its {kinds[key]}"))
                continue
            kinds.setdefault(key, name)
            bucket = garbles if garble else legit if name in LEGITIMATE else None
            if bucket is not None and all(e is not ent for e in bucket[key]):
                bucket[key].append(ent)
            if name == "garbles" and _is_english(form, key):
                out.append(
                    _at(
                        ent,
                        "english-word",
                        f"garble {form!r} is an English word and is corrected wherever it occurs",
                    )
                )
            if (
                name in {"aliases", "short"}
                and _one_english_word(form, key)
                and (ent.id, form) not in baseline.english
            ):
                what = (
                    "--canonical rewrites it wherever it is written, whatever the context"
                    if name == "aliases"
                    else "one-word forms of the entity are rewritten to it, and it counts "
                    "as a mention wherever it is written"
                )
                field_name = "alias" if name == "aliases" else name
                out.append(
                    _at(ent, "english-word", f"{field_name} {form!r} is an English word: {what}")
                )
            elif name in {"aliases", "calques"} and not ent.context and _is_english(form, key):
                out.append(
                    _at(
                        ent,
                        "english-word",
                        f"{name[:-1]} {form!r} is an English word and "
                        "the entity has no context terms to gate it",
                    )
                )
    for key, ents in garbles.items():
        if len(ents) > 1:
            ids = ", ".join(e.id for e in ents[1:])
            out.append(
                _at(
                    ents[0],
                    "garble-ambiguous",
                    f"garble {' '.join(key.words)!r} is also listed for {ids}",
                )
            )
        for ent in ents:
            others = [e.id for e in legit.get(key, ()) if e.id != ent.id]
            if others:
                out.append(
                    _at(
                        ent,
                        "garble-is-name",
                        f"garble {' '.join(key.words)!r} is a name of {', '.join(others)}",
                    )
                )
    for key, ents in legit.items():
        distinct = list({e.id: e for e in ents}.values())
        if len(distinct) > 1 and any(not e.context for e in distinct):
            ids = ", ".join(e.id for e in distinct[1:])
            out.append(
                _at(
                    distinct[0],
                    "shared-name",
                    f"{' '.join(key.words)!r} is also a name of {ids}, and not every one of "
                    "them has context terms",
                )
            )
        for ent in ents:
            pref = {k for k in (key_of(p) for p in ent.preferred) if k is not None}
            if key in pref and key in garbles:
                owners = ", ".join(e.id for e in garbles[key])
                out.append(
                    _at(
                        ent,
                        "chain",
                        f"correction {' '.join(key.words)!r} is itself a garble of {owners}",
                    )
                )
    return out


def check_confusions(confusions: Sequence[Confusion], entities: Sequence[Entity]) -> list[Finding]:
    """Confusions that refer to unknown entities or correct to a listed garble."""
    out: list[Finding] = []
    known = {e.id for e in entities}
    garbles = {k for e in entities for g in e.garbles if (k := key_of(g)) is not None}
    for conf in confusions:
        for ref in (conf.means, conf.otherwise):
            if ref is not None and ref not in known:
                out.append(_at(conf, "unknown-entity", f"unknown entity {ref!r}"))
        if key_of(conf.right) in garbles:
            out.append(_at(conf, "chain", f"correction {conf.right!r} is a listed garble"))
    return out


def check_examples_present(
    entities: Sequence[Entity], generated: frozenset[str], baseline: Baseline = Baseline()
) -> list[Finding]:
    """Entities of hand-curated files without the examples CONTRIBUTING.md asks for."""
    out: list[Finding] = []
    for ent in entities:
        if ent.origin.path in generated or ent.id in baseline.examples:
            continue
        same = any(x.text == x.fixed and not x.flagged for x in ent.examples)
        changed = any(x.text != x.fixed or x.flagged for x in ent.examples)
        missing = []
        if not same:
            missing.append("one that must stay unchanged")
        if (ent.garbles or ent.calques) and not changed:
            missing.append("one that is corrected or flagged")
        if missing:
            out.append(_at(ent, "no-examples", f"needs examples: {' and '.join(missing)}"))
    return out


def check_examples(lexicon: Lexicon) -> list[Finding]:
    """Run every entity's and confusion's examples through an engine built on the lexicon."""
    from normalize.lexicon.examples import run_examples  # imports the engine: import late

    return [
        Finding(f.origin.path, f.origin.line, f.record, "example",
                f"{f.text!r} gives {f.got!r}, expected {f.expected!r}")
        for f in run_examples(lexicon)
    ]  # fmt: skip


def lint_sources(
    sources: Sequence[tuple[str, str | None, str]],
    *,
    examples: bool = True,
    baseline: Baseline | None = None,
) -> Report:
    """Check (name, text or None, read error) sources; return every finding, sorted.

    ``baseline`` defaults to the shipped one (:func:`shipped_baseline`).
    """
    if baseline is None:
        baseline = shipped_baseline()
    out: list[Finding] = []
    generated: set[str] = set()
    entities: list[Entity] = []
    confusions: list[Confusion] = []
    by_id: dict[str, Entity | Confusion] = {}
    for name, text, read_error in sources:
        if text is None:
            out.append(Finding(name, 0, None, "load", f"cannot read: {read_error}"))
            continue
        ents, confs, problems = parse_lexicon(text, name)
        if _GENERATED.search(text):
            generated.add(name)
        for p in problems:
            fatal = p.message.startswith("YAML syntax")
            out.append(Finding(p.path, p.line, p.entry, "load" if fatal else "schema", p.message))
        records: list[Entity | Confusion] = [*ents, *confs]
        for rec in records:
            first = by_id.get(rec.id)
            if first is not None:
                out.append(_at(rec, "duplicate-id", f"duplicate id (first at {first.origin})"))
                # Across files, the order of the files says nothing about which entry is
                # the new one (people-world.yaml sorts before people.yaml): both are named.
                if first.origin.path != rec.origin.path:
                    out.append(_at(first, "duplicate-id", f"duplicate id (also at {rec.origin})"))
                continue
            by_id[rec.id] = rec
            if isinstance(rec, Entity):
                entities.append(rec)
            else:
                confusions.append(rec)
    out += check_forms(entities, baseline)
    out += check_examples_present(entities, frozenset(generated), baseline)
    out += check_confusions(confusions, entities)
    lexicon = Lexicon(tuple(entities), tuple(confusions), tuple(s[0] for s in sources))
    if examples:
        out += check_examples(lexicon)
    return Report(tuple(sorted(set(out))), lexicon)
