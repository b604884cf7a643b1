"""Places and bodies of places-world.yaml and the calque glossary, as Chinese->English MT
writes them: the pinyin reading of the Chinese name ("Faxier" for El Fasher, 法希尔) and
word-for-word calques ("Lighthouse TV" for Al-Manar, 灯塔电视台). The articles are made up
for these tests; the readings come from the ``zh`` names of the shipped lexicons. With the
country, a place-type word or the name written right elsewhere, a reading is repaired;
alone, it is left as written."""

from __future__ import annotations

import pytest

from normalize import Normalizer
from normalize.model import Action

SUDAN = """Sudanese army says it repelled attack on Faxier

Port Sudan, June 3 -- The Sudanese Armed Forces said on Monday that they had repelled an \
attack by the Rapid Support Forces on Faxier city, the capital of North Darfur state in \
western Sudan.

The army said in a statement that the RSF had also shelled Niyala and attacked villages \
around Zhunaina city near the border with Chad. Residents of El Fasher said the fighting \
lasted for six hours.

Aid agencies in Sudan said convoys from Entuman to Darfur had been blocked for two weeks. \
The United Nations warned that famine was spreading in Keerduofan region.
"""

AFGHANISTAN = """Taliban say trade through Kandaha is rising

Kabul, May 12 -- The Afghan Taliban government said on Sunday that exports through Kandaha \
province had risen by 30 percent this year, as trucks from Pakistan crossed at Spin Boldak.

A spokesman said new customs offices had opened in Helate city near the Iranian border and \
in Jialalabade, the capital of Nangarhar province in eastern Afghanistan. Traders in \
Kandahar said prices of fruit had fallen.

In Pakistan, police in Kuida city, the capital of Balochistan province, said gunmen had \
attacked a bus, and the Chinese-built port of Guadaer in Pakistan was closed for a day.
"""

CAUCASUS = """Armenia and Azerbaijan hold talks on border

Armenian Prime Minister Nikol Pashinyan said on Monday that talks with Azerbaijan on the \
border would continue next month.

Refugees from Nageernuo-Kalabahe region who fled to Armenia last year still need help, he \
said. Georgian officials in Dibilisi city said Georgia would host the next round. Russian \
troops remain in Abkhazia and in Nanaosaiti region of Georgia.

In Central Asia, Kazakh President Tokayev met Uzbek leaders in Tashigan, the capital of \
Uzbekistan, on Tuesday.
"""

IRAQ = """Iraq says oil exports from Bashila resumed

Baghdad, March 4 -- Iraq's oil ministry said on Monday that exports from Bashila port in \
southern Iraq had resumed after a two-day halt.

The Kurdistan Regional Government in Aierbilei said pipeline exports from Jierkuke city to \
Turkey were still stopped. Iraqi officials in Mosul said the militia had left Feilujie.

In Bangladesh, Rohingya refugees in Kekesibazhaer camps said food rations had been cut, and \
the port of Chittagong in Bangladesh was busy.
"""

CALQUES = """Lebanon's Lighthouse TV says Israeli strike hit south Beirut

Beirut, Oct 2 -- Hezbollah's Lighthouse TV said an Israeli air strike hit a building in the \
southern suburbs of Beirut on Wednesday, killing three people. Al-Manar also said that \
Hezbollah fighters fired rockets at northern Israel.

In Somalia, the Youth Party attacked an army base near Mogadishu, Somali officials said. \
Al-Shabaab has waged an insurgency against the Somali government since 2006.

In Syria, fighters of the Levant Liberation Organization took control of Idlib and Aleppo, \
and Hay'at Tahrir al-Sham officials said they would form a government.
"""


def _applied(n: Normalizer, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for change in n.fix(text).changes:
        if change.action is Action.APPLIED:
            out.setdefault(change.original, set()).add(change.replacement)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SUDAN, {"Faxier": "El Fasher", "Niyala": "Nyala", "Zhunaina": "El Geneina",
                 "Entuman": "Omdurman", "Keerduofan": "Kordofan"}),
        (AFGHANISTAN, {"Kandaha": "Kandahar", "Helate": "Herat", "Jialalabade": "Jalalabad",
                       "Kuida": "Quetta", "Guadaer": "Gwadar"}),
        (CAUCASUS, {"Nageernuo-Kalabahe": "Nagorno-Karabakh", "Dibilisi": "Tbilisi",
                    "Nanaosaiti": "South Ossetia", "Tashigan": "Tashkent"}),
        # Bashila (Basra) and Feilujie (Fallujah) are only flagged: no place-type word after.
        (IRAQ, {"Aierbilei": "Erbil", "Jierkuke": "Kirkuk", "Kekesibazhaer": "Cox's Bazar"}),
        (CALQUES, {"Lighthouse TV": "Al-Manar", "Youth Party": "al-Shabaab",
                   "Levant Liberation Organization": "Hay'at Tahrir al-Sham"}),
    ],
    ids=["sudan", "afghanistan", "caucasus", "iraq", "calques"],
)  # fmt: skip
def test_readings_and_calques_are_repaired_with_document_evidence(
    shipped: Normalizer, text: str, expected: dict[str, str]
) -> None:
    assert _applied(shipped, text) == {k: {v} for k, v in expected.items()}


@pytest.mark.parametrize(
    "text",
    [
        "The delegation will visit Faxier next week.",
        "Officials said Kandaha was quiet on Friday.",
        "Reporters asked about Helate and Jialalabade on Monday.",
        "The Youth Party held a meeting on Monday.",
        "The Lighthouse TV show was popular with viewers.",
        "The Levant Liberation Organization met in London.",
    ],
)
def test_without_evidence_they_are_not_applied(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    assert result.applied == ()
    assert result.text == text


@pytest.mark.parametrize(
    "text",
    [
        # The calque finder's index holds the entity's own name: another case of it is no
        # calque ("Al-Qaeda" opening a sentence stays as written).
        "Jihadists loyal to bin Laden met in Kabul. Al-Qaeda has waged war since 2001, "
        "Zawahiri said.",
        "Somali forces attacked a base near Mogadishu. Al-Shabaab has waged an insurgency "
        "since 2006.",
        # Chinese people and places whose readings look like the new places' readings.
        "Liu Ruokai, a trade official from Lanzhou, said cargo had doubled. Ruokai added "
        "that the Bishkek route would open next year.",
        "Zhang Lashu, a farmer from Baisha county in Hainan, said prices in Haikou had risen; "
        "Huang Shidui and Chen Kuida declined to comment.",
        # The same given name alone, in a text about the country of a place it reads as:
        # written after a family name elsewhere, it is that person's given name.
        "Liu Ruokai, China's envoy to Myanmar, spoke in Naypyidaw. Ruokai added that "
        "Chinese firms would invest in Mandalay.",
        "Chen Kuida, a Chinese engineer in Pakistan, works on the port in Gwadar. Kuida said "
        "Pakistani workers helped.",
        "Huang Shidui, a Chinese trader in Myanmar, said trade was slow. Shidui said the "
        "Myanmar army had closed roads.",
        "Rains hit Bama county in Guangxi; Beihai and Fangchenggang could be flooded.",
        "The Dnieper river runs through Dnipro, Ukraine.",
        "Fighting near El Fasher, Kandahar, Herat and Quetta was reported by Sudanese, "
        "Afghan and Pakistani officials.",
    ],
)
def test_clean_text_is_unchanged(shipped: Normalizer, text: str) -> None:
    result = shipped.fix(text)
    assert result.changes == ()
    assert result.text == text
