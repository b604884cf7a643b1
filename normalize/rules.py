"""The registry of rules: one dotted id per rule, used in config, reports and fixtures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """A kind of change the engine can propose."""

    id: str
    summary: str
    default: bool = True


RULES: tuple[Rule, ...] = (
    Rule("lexicon.garble", "a garble listed in the lexicon is corrected to the entity's name"),
    Rule("lexicon.case", "a lexicon name written in lower case, where that is no English word"),
    Rule(
        "lexicon.canonical",
        "a legitimate alias is rewritten to the canonical form (only with --canonical)",
        default=False,
    ),
    # issue 4: context decides (confusions, calques, possessives, acronyms, MT punctuation)
    Rule(
        "context.confusion",
        "a real word MT put for another entity (Afghan for Algerian), when the document says so",
    ),
    Rule(
        "context.calque",
        "a word-for-word translated name (German voice), when the text supports it",
    ),
    Rule("context.name-case", "a lower-case outlet or organisation name cited as a source"),
    Rule("possessive.apostrophe", "a lexicon name's possessive that lost its apostrophe (Turkeys)"),
    Rule("acronym.islamic-state", "'is' where only the acronym IS (Islamic State) can stand"),
    Rule("acronym.compound", "a lower-case lexicon acronym in a compound (un-backed)"),
    Rule("punctuation.double-period", "a doubled full stop at the end of a sentence"),
    Rule("punctuation.missing-space", "no space between a full stop and the next sentence"),
    # issue 3: garbles no lexicon lists (normalize/finders/fuzzy.py)
    Rule(
        "fuzzy.name", "a name-like token close to a lexicon name once transliteration noise is out"
    ),
    Rule("fuzzy.source", "a token matching the romanisation of an entity's source-script name"),
    Rule("fuzzy.spacing", "a lexicon name merged into one word or broken by hyphen/space noise"),
    # issue 13: names over several words (normalize/names/, normalize/finders/names.py)
    Rule("names.reading", "a pinyin reading of a person's Chinese-character name (Anbei Jinsan)"),
    Rule("names.span", "a multi-word name partly garbled or read from Chinese, as a whole"),
    Rule("names.given", "a garbled given name before a surname written right (Olof Scholz)"),
)

RULE_IDS = frozenset(rule.id for rule in RULES)


def rule(rule_id: str) -> Rule:
    """Look a rule up by id; unknown ids are a programming error."""
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)
