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
  wherever they occur), or an alias or calque that is one on an entity without context
  terms;
- ``chain``: a correction that is itself a listed garble (a preferred form, or the right
  side of a confusion);
- ``example``: an entity's example whose ``text`` the engine does not turn into ``fixed``.

The checker is pure: it takes file names and texts and returns findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from normalize.lexicon.loader import parse_lexicon
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


def check_forms(entities: Sequence[Entity]) -> list[Finding]:
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
            if name in {"aliases", "calques"} and not ent.context and _is_english(form, key):
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


def check_examples(lexicon: Lexicon) -> list[Finding]:
    """Run every entity's and confusion's examples through an engine built on the lexicon."""
    from normalize.lexicon.examples import run_examples  # imports the engine: import late

    return [
        Finding(f.origin.path, f.origin.line, f.record, "example",
                f"{f.text!r} gives {f.got!r}, expected {f.expected!r}")
        for f in run_examples(lexicon)
    ]  # fmt: skip


def lint_sources(
    sources: Sequence[tuple[str, str | None, str]], *, examples: bool = True
) -> Report:
    """Check (name, text or None, read error) sources; return every finding, sorted."""
    out: list[Finding] = []
    entities: list[Entity] = []
    confusions: list[Confusion] = []
    seen: dict[str, str] = {}
    for name, text, read_error in sources:
        if text is None:
            out.append(Finding(name, 0, None, "load", f"cannot read: {read_error}"))
            continue
        ents, confs, problems = parse_lexicon(text, name)
        for p in problems:
            fatal = p.message.startswith("YAML syntax")
            out.append(Finding(p.path, p.line, p.entry, "load" if fatal else "schema", p.message))
        records: list[Entity | Confusion] = [*ents, *confs]
        for rec in records:
            if rec.id in seen:
                out.append(_at(rec, "duplicate-id", f"duplicate id (first at {seen[rec.id]})"))
                continue
            seen[rec.id] = str(rec.origin)
            if isinstance(rec, Entity):
                entities.append(rec)
            else:
                confusions.append(rec)
    out += check_forms(entities)
    out += check_confusions(confusions, entities)
    lexicon = Lexicon(tuple(entities), tuple(confusions), tuple(s[0] for s in sources))
    if examples:
        out += check_examples(lexicon)
    return Report(tuple(sorted(set(out))), lexicon)
