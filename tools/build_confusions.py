"""Build the MT confusions and calques that follow from the entities' Chinese names.

Two kinds of data are derived from the ``names: {zh: ...}`` of the lexicons:

1. **Shared abbreviations** (``lexicons/confusions-zh.yaml``). Chinese news abbreviates a
   country to the first character of its name (中巴 "China-Brazil" and "China-Pakistan"),
   so every country whose name starts with the same character as another's can be read as
   that other one: 巴 is Brazil (巴西), Pakistan (巴基斯坦), Palestine (巴勒斯坦), Panama
   (巴拿马) ...; 阿 is Algeria, Afghanistan, Argentina, Albania, Azerbaijan; 利 is Libya and
   Liberia. For each ordered pair of such countries, the name and demonyms of one are a
   possible MT rendering of the other. 阿 also stands for Arab (阿拉伯), which MT guesses
   for the 阿 countries: an ordinary word, weighed only before a title word. The finder
   (:mod:`normalize.finders.confusion`) decides each occurrence from the document.

   Their ids are in the ``zh/`` namespace: derived from the names, not seen in MT output as
   the hand-curated ``mt/`` ones were, so the finder asks more of them (a sentence that
   names the word's own country and the other one as written is about both).

   A first character joins a family only where it abbreviates the country: not where it is
   a word of the English name too (南 "South" Sudan, 新 "New" Zealand, 圣 "Saint" Lucia),
   nor for a territory named after its country (法属 "French" Polynesia, 中国台湾省).
   Only sovereign countries and territories with demonyms take part, plus Macao (澳,
   as in 港澳).

2. **Calques of organisations and media** (the ``calques`` of the entities, in place in
   ``organisations*.yaml`` and ``media*.yaml``). A name whose Chinese form is made entirely
   of common words (:data:`GLOSSARY`: 经济 economic, 联盟 union, 通讯社 news agency, 卫星
   satellite ...) is rendered word by word in every combination of their English
   renderings; what is not a legitimate name of some entity, has a distinctive word and
   more than one word is kept as a calque. Where an entity's Chinese name has one part
   with no English rendering in its English name ("Ba'ath" for 复兴 in 阿拉伯复兴社会党,
   "Arab Socialist Ba'ath Party"), that English word is a rendering MT uses for the part
   in other names too (复兴运动, Ennahda, becomes "Baath Movement"). The calque finder
   decides each occurrence from the document (context terms, the outlet cited) and never
   applies one while the entity whose name lent the word has anchors of its own.

The glossary holds dictionary facts (CC-CEDICT, CC BY-SA 4.0: the English senses of common
Chinese words), not text from any document. Generated calques are added to an entity's
hand-listed ones, never removed from them. Run ``python -m tools.build_confusions`` to
rewrite the files; tests/test_build_confusions.py checks that the committed files are what
this script produces.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

from normalize.text import key_of
from tools.lexbuild import LEXICONS, render, slug, write

OUTPUT = "confusions-zh.yaml"
HAND = "confusions.yaml"
#: The files whose entities get generated calques.
CALQUE_FILES = ("media.yaml", "media-world.yaml", "organisations.yaml", "organisations-world.yaml")

#: First characters that are a word of the English name where they start it: such a
#: character is the translation, not an abbreviation (南苏丹 South Sudan, 北马其顿).
MEANINGFUL = {
    "南": ("South", "Antarctica"), "北": ("North",), "西": ("Western",), "中": ("Central",),
    "圣": ("Saint", "San", "Sao", "São", "St", "Christmas"), "新": ("New",), "东": ("East",),
}  # fmt: skip
#: Territories abbreviated like countries although the ISO list gives them no demonym.
ABBREVIATED = frozenset({"country/mo"})
#: Ordinary words that MT puts for a country of a family: 阿 is also 阿拉伯 "Arab". Weighed
#: only before these words (the confusion's ``followed_by``).
ORDINARY = {"阿": ("Arab", ("president", "officials", "government", "side", "presidency"))}
#: Countries of a family that the ordinary word describes legitimately (Oman is Arab).
ORDINARY_LEGITIMATE = {"阿": frozenset({"country/ae", "country/om", "country/dz"})}

#: Common words of organisation and media names -> English renderings MT gives them.
#: "{}" stands for the rendering of the words before (之声 "Voice of {}").
GLOSSARY: dict[str, tuple[str, ...]] = {
    # places and peoples, as the first part of a name
    "俄罗斯": ("Russian", "Russia"), "俄": ("Russian",),
    "德国": ("German", "Germany", "Deutsche"), "德": ("German", "Deutsche"),
    "美国": ("American", "US", "America"), "英国": ("British", "UK", "Britain"),
    "法国": ("French", "France"), "日本": ("Japanese", "Japan"), "中国": ("Chinese", "China"),
    "欧洲": ("European", "Europe"), "亚洲": ("Asian", "Asia"), "非洲": ("African", "Africa"),
    # 欧亚 and 亚欧 are both written for Eurasia (欧亚大陆, 亚欧大陆)
    "欧亚": ("Eurasian", "Europe-Asia", "Euro-Asian", "Asia-Europe", "Asian-European"),
    "亚欧": ("Eurasian", "Europe-Asia", "Euro-Asian", "Asia-Europe", "Asian-European"),
    "南华": ("South China",), "阿拉伯": ("Arab", "Arabic"), "伊斯兰": ("Islamic",),
    "意大利": ("Italian", "Italy"), "沙姆": ("Sham", "Levant"),
    # descriptive words
    "卫星": ("Satellite",), "半岛": ("Peninsula",), "基地": ("Base",), "自由": ("Free", "Freedom"),
    "真主": ("Allah", "God"), "复兴": ("Renaissance", "Revival", "Rebirth"),
    "国际": ("International",), "世界": ("World",), "经济": ("Economic", "Economy"),
    "社会": ("Socialist", "Social"), "新闻": ("News",),
    "青年": ("Youth",), "灯塔": ("Lighthouse", "Beacon"), "明镜": ("Mirror",),
    "金字塔": ("Pyramid", "Pyramids"), "图片": ("Picture",), "生意人": ("Businessman",),
    "劳动": ("Labor", "Labour"), "解放": ("Liberation",), "虔诚": ("Pious", "Devout"),
    "穆罕默德": ("Mohammed", "Muhammad"), "希望": ("Hope",), "不屈": ("Unyielding", "Indomitable"),
    "选择": ("Choice", "Option", "Alternative"), "兄弟": ("Brothers",), "改革": ("Reform",),
    "统一": ("United", "Unified", "Unity"), "人民公仆": ("People's Servant", "Public Servant"),
    "共同民主": ("Common Democratic", "Joint Democratic", "Together Democratic"),
    # kinds of body
    "联盟": ("Union", "Alliance", "League"), "运动": ("Movement",),
    "党": ("{} Party", "Party of {}"), "组织": ("Organization", "Organisation"),
    "军": ("Army",),
    # kinds of outlet
    "通讯社": ("News Agency", "Communications Agency"), "新闻社": ("News Agency",),
    "新社": ("News Agency",), "网": ("Network", "Net", "Website"),
    "早报": ("Morning Post", "Morning News", "Morning Herald"), "日报": ("Daily", "Daily News"),
    "时报": ("Times",), "邮报": ("Post",), "电视台": ("TV", "Television", "TV Station"),
    "之声": ("{} Voice", "Voice of {}"), "之音": ("{} Voice", "Voice of {}"),
    "电台": ("Radio", "Radio Station"), "报": ("Newspaper", "Daily"),
    "周刊": ("Weekly", "Weekly Magazine"),
}  # fmt: skip
#: Parts that say what kind of body or outlet a name is: a calque made of these and
#: descriptive words only ("Economic Union") names nothing in particular.
KINDS = frozenset(
    {
        "联盟",
        "运动",
        "党",
        "通讯社",
        "新闻社",
        "新社",
        "网",
        "早报",
        "日报",
        "时报",
        "邮报",
        "电视台",
        "之声",
        "之音",
        "电台",
        "组织",
        "军",
        "报",
        "周刊",
    }
)
GENERIC = frozenset({"国际", "世界", "经济", "社会", "新闻"}) | KINDS
#: Countries, continents and peoples: "Russian News Agency", "Arab TV" or "African League"
#: describe many bodies in English, so a calque needs a part that is neither one of these
#: nor in :data:`GENERIC` ("Russian Satellite Network"), or a rendering that is no English
#: word ("Deutsche News Agency").
PLACES = frozenset(
    {"俄罗斯", "俄", "德国", "德", "美国", "英国", "法国", "日本", "中国", "欧洲", "亚洲", "非洲",
     "阿拉伯", "伊斯兰", "意大利", "沙姆"}
)  # fmt: skip
#: Renderings in the name's own language, which no English description uses.
FOREIGN = frozenset({"Deutsche"})
#: How Chinese news also cites an outlet: its website (新华社 -> 新华网, 中新社 -> 中新网).
OUTLET_SUFFIXES = {"通讯社": "网", "新闻社": "网"}
#: Most renderings kept per entity (the product of the parts' renderings).
MAX_PER_ENTITY = 40
BODIES = frozenset({"organisation", "group", "media"})


def _load(name: str) -> dict[str, Any]:
    data = yaml.load((LEXICONS / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data or {}


def _entities() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted(LEXICONS.glob("*.yaml")):
        out.extend(_load(path.name).get("entities", ()))
    return out


def _legitimate(ent: dict[str, Any]) -> list[str]:
    forms = [ent["canonical"], ent.get("short") or ""]
    forms += ent.get("aliases", []) + ent.get("demonyms", [])
    return [f for f in forms if f]


# --- 1. shared abbreviations -------------------------------------------------------------


def _abbreviating(countries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """First character -> the countries it abbreviates, where two or more share it."""
    zh_names = {c["names"]["zh"] for c in countries}
    families: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for country in countries:
        zh = country["names"]["zh"]
        first = zh[0]
        if len(zh) > 1 and zh[1] == "属":
            continue  # 法属圭亚那: a territory of the country 法 abbreviates
        if any(zh != other and zh.startswith(other) for other in zh_names):
            continue  # 中国台湾省, 美国本土外小岛屿: named after another country
        words = country["canonical"].split()
        if any(words[0] == w for w in MEANINGFUL.get(first, ())):
            continue
        if not country.get("demonyms") and country["id"] not in ABBREVIATED:
            continue
        families[first].append(country)
    return {k: sorted(v, key=lambda c: c["id"]) for k, v in families.items() if len(v) > 1}


def _singular_plural(ent: dict[str, Any]) -> tuple[str | None, str | None]:
    dems: list[str] = ent.get("demonyms", [])
    if not dems:
        return None, None
    singular = dems[0]
    plural = next((d for d in dems[1:] if d == singular + "s"), None)
    return singular, plural


def _pairs(wrong: dict[str, Any], right: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(wrong form, right form): name for name, demonym for demonym."""
    yield wrong["canonical"], right["canonical"]
    w_sing, w_plur = _singular_plural(wrong)
    r_sing, r_plur = _singular_plural(right)
    if w_sing and r_sing:
        yield w_sing, r_sing
    if w_plur and r_plur:
        yield w_plur, r_plur


def build_confusions() -> str:
    """The text of :data:`OUTPUT`."""
    hand = _load(HAND).get("confusions", ())
    taken = {(c["wrong"], c["means"]) for c in hand}
    ids = {c["id"] for c in hand}
    countries = [e for e in _entities() if e["type"] == "country" and e.get("names", {}).get("zh")]
    confusions: list[dict[str, Any]] = []
    for char, family in sorted(_abbreviating(countries).items()):
        for means, other in itertools.permutations(family, 2):
            why = (
                f"Chinese {char} abbreviates both {means['canonical']} ({means['names']['zh']})"
                f" and {other['canonical']} ({other['names']['zh']})."
            )
            for wrong, right in _pairs(other, means):
                if (wrong, means["id"]) in taken or key_of(wrong) == key_of(right):
                    continue
                conf_id = f"zh/{slug(wrong)}-for-{slug(right)}"
                if conf_id in ids:
                    conf_id = f"{conf_id}-{slug(means['id'].split('/')[1])}"
                ids.add(conf_id)
                taken.add((wrong, means["id"]))
                confusions.append(
                    {
                        "id": conf_id,
                        "wrong": wrong,
                        "right": right,
                        "means": means["id"],
                        "otherwise": other["id"],
                        "why": why,
                    }
                )
        if char in ORDINARY:
            word, followed_by = ORDINARY[char]
            for means in family:
                sing, _ = _singular_plural(means)
                if not sing or means["id"] in ORDINARY_LEGITIMATE.get(char, ()):
                    continue
                if (word, means["id"]) in taken:
                    continue
                conf_id = f"zh/{slug(word)}-for-{slug(sing)}"
                ids.add(conf_id)
                confusions.append(
                    {
                        "id": conf_id,
                        "wrong": word,
                        "right": sing,
                        "means": means["id"],
                        "followed_by": list(followed_by),
                        "why": (
                            f"Chinese {char} abbreviates {means['canonical']} "
                            f"({means['names']['zh']}) and also stands for {word}, "
                            f"so MT guesses {word}."
                        ),
                    }
                )
    data = {
        "format": 1,
        "meta": {
            "title": "MT confusions: Chinese abbreviations that countries share (generated)",
            "origin": "generated",
            "generator": "tools/build_confusions.py",
            "sources": [
                {
                    "name": "The countries' Chinese names in lexicons/countries*.yaml",
                    "licence": "see those files",
                },
            ],
        },
        "confusions": confusions,
    }
    return render(data)


# --- 2. calques --------------------------------------------------------------------------


def segment(zh: str) -> list[str] | None:
    """The Chinese name cut into glossary words, longest first; None if some part is not one.

    >>> segment("欧亚经济联盟"), segment("博索纳罗")
    (['欧亚', '经济', '联盟'], None)
    """
    parts: list[str] = []
    i = 0
    longest = max(len(w) for w in GLOSSARY)
    while i < len(zh):
        for size in range(min(longest, len(zh) - i), 0, -1):
            if zh[i : i + size] in GLOSSARY:
                parts.append(zh[i : i + size])
                i += size
                break
        else:
            return None
    return parts


def _combine(options: Iterable[tuple[str, ...]]) -> Iterator[str]:
    for choice in itertools.product(*options):
        text = ""
        for part in choice:
            if "{}" in part:
                # "Party of {}" takes one word ("Party of God"), "{} Party" any.
                fits = bool(text) and (part.startswith("{}") or " " not in text)
                text = part.replace("{}", text).strip() if fits else ""
            else:
                text = f"{text} {part}".strip()
            if not text:
                break
        if text:
            yield text


def borrowed_renderings(entities: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Glossary word -> {English word: id of the entity whose name renders it so}.

    In "Arab Socialist Ba'ath Party" (阿拉伯复兴社会党) every part but 复兴 has a glossary
    rendering in the English name, and one word of it ("Ba'ath") is left over: that is
    how this name renders 复兴, and MT may render 复兴 so in another name.
    """
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for ent in entities:
        zh = ent.get("names", {}).get("zh")
        parts = segment(zh) if zh and ent["type"] in BODIES else None
        if not parts:
            continue
        for form in [ent["canonical"], *ent.get("aliases", [])]:
            words = form.split()
            used: set[int] = set()
            unrendered: list[str] = []
            for part in parts:
                hit = False
                for rendering in GLOSSARY[part]:
                    r_words = rendering.replace("{}", "").split()
                    for i in range(len(words) - len(r_words) + 1):
                        if words[i : i + len(r_words)] == r_words and used.isdisjoint(
                            range(i, i + len(r_words))
                        ):
                            used.update(range(i, i + len(r_words)))
                            hit = True
                            break
                    if hit:
                        break
                if not hit:
                    unrendered.append(part)
            left = [w for i, w in enumerate(words) if i not in used]
            if len(unrendered) == 1 and len(left) == 1 and unrendered[0] not in KINDS:
                # Written with and without its apostrophe (Ba'ath, Baath).
                for word in dict.fromkeys((left[0], left[0].replace("'", ""))):
                    found[unrendered[0]].setdefault(word, ent["id"])
    return found


def calques_for(
    ent: dict[str, Any], borrowed: dict[str, dict[str, str]], legitimate: set[Any]
) -> list[str]:
    """The generated calques of one entity (see the module docstring)."""
    zh = ent.get("names", {}).get("zh")
    if not zh or ent["type"] not in BODIES:
        return []
    names = [zh]
    for suffix, other in OUTLET_SUFFIXES.items():
        if ent["type"] == "media" and zh.endswith(suffix):
            names.append(zh[: -len(suffix)] + other)
    found: list[str] = []
    for name in names:
        parts = segment(name)
        if not parts or len(parts) < 2:
            continue
        options = []
        for part in parts:
            own = tuple(w for w, src in borrowed.get(part, {}).items() if src != ent["id"])
            options.append(GLOSSARY[part] + own)
        distinctive = any(p not in GENERIC and p not in PLACES for p in parts)
        canonical = f" {ent['canonical'].casefold()} "
        for text in _combine(options):
            key = key_of(text)
            if key is None or len(key.words) < 2 or key in legitimate or text in found:
                continue
            if not distinctive and FOREIGN.isdisjoint(text.split()):
                continue  # "Russian News Agency": a description, not a name
            if canonical in f" {text.casefold()} ":
                continue  # "Renaissance Party" for Renaissance: its own name
            found.append(text)
    return found[:MAX_PER_ENTITY]


def build_calques() -> dict[str, str]:
    """File name -> text, for :data:`CALQUE_FILES` with the generated calques added."""
    entities = _entities()
    legitimate = {k for e in entities for f in _legitimate(e) if (k := key_of(f)) is not None}
    borrowed = borrowed_renderings(entities)
    out: dict[str, str] = {}
    for name in CALQUE_FILES:
        data = _load(name)
        for ent in data.get("entities", ()):
            extra = calques_for(ent, borrowed, legitimate)
            if extra:
                hand = ent.get("calques", [])
                have = {key_of(c) for c in hand}
                ent["calques"] = hand + [c for c in extra if key_of(c) not in have]
        out[name] = render(data)
    return out


def build() -> dict[str, str]:
    """Every file this script writes -> its text."""
    return {OUTPUT: build_confusions(), **build_calques()}


if __name__ == "__main__":
    for file_name, text in build().items():
        write(file_name, text)
