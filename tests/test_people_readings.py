"""People added to people-world.yaml with their Chinese names: the pinyin of the Chinese
name is how Chinese->English MT writes a foreign name it does not know ("Liyabukefu" for
Ryabkov, 里亚布科夫). The articles are made up in the style of MT news; the readings come
from the ``zh`` names of the shipped lexicons, not from any evaluation data.

Each reading is repaired in an article that gives the evidence a reader would use (the
country, the office), left alone without it, and Chinese people whose names read like a
new entry's Chinese name are never touched.
"""

from __future__ import annotations

import pytest

from normalize import Normalizer
from normalize.model import Action

# (article, [(garble, repair), ...]): every garble in the article, in order.
ARTICLES = [
    (
        "Tehran, June 3 -- Iran's chief nuclear negotiator Jialili said on Tuesday that Iran "
        "would not give up its right to enrich uranium, as talks with European countries "
        "resumed in Geneva.\n"
        "Foreign ministry spokesman kanani told a weekly press conference in Tehran that the "
        "Iranian side had serious doubts about the goodwill of the United States. He said "
        "Atomic Energy Organization of Iran head Yisilami would brief parliament next week.\n"
        "In Israel, army chief of staff Halaiwei said the military was ready for every "
        "scenario, while Mossad director Baerneiya travelled to Washington for consultations.\n"
        "In Yemen, Houthi military spokesman Saleiya said the group had launched two drones "
        "at ships in the Red Sea.\n",
        [("Jialili", "Jalili"), ("kanani", "Kanaani"), ("Yisilami", "Eslami"),
         ("Halaiwei", "Halevi"), ("Baerneiya", "Barnea"), ("Saleiya", "Saree")],
    ),
    (
        "Brussels, March 12 -- Far-right parties gained ground across Europe this year. In "
        "the Netherlands, PVV leader Weierdesi said his party would demand a stricter asylum "
        "policy.\n"
        "Belgian Prime Minister De Weifu told reporters in Brussels that the government would "
        "raise defence spending, while in Austria the FPO leader jikeer called for early "
        "elections.\n"
        "Romania's presidential candidate Qiaozhisiku said he would stop arms deliveries to "
        "Ukraine if elected. Bulgaria's former prime minister Baolisuofu said the GERB party "
        "would stay in opposition.\n"
        "Swiss Foreign Minister Kaxisi said Switzerland was ready to host talks, and Latvian "
        "President Linkeweiqi urged NATO allies to keep up their support.\n",
        [("Weierdesi", "Geert Wilders"), ("De Weifu", "De Wever"), ("jikeer", "Kickl"),
         ("Qiaozhisiku", "Georgescu"), ("Baolisuofu", "Borisov"),
         ("Kaxisi", "Ignazio Cassis"), ("Linkeweiqi", "Rinkēvičs")],
    ),
    (
        "Moscow, October 8 -- Russian Deputy Foreign Minister Liyabukefu said on Wednesday "
        "that Russia saw no basis for new arms control talks with the United States.\n"
        "State Duma Chairman Woluojin said the Duma would consider the budget next week. "
        "Central bank governor Nabiwulinna told lawmakers that Russia's inflation was "
        "slowing, and Finance Minister Xiluanuofu said the deficit would narrow.\n"
        "In Kyiv, former prime minister Jimoshenke criticised the government, while "
        "Verkhovna Rada speaker Sitefanqiuke said Ukraine's parliament would meet on "
        "Friday.\n"
        "In Minsk, Belarus Prime Minister Geluofuqinke met a Russian delegation.\n",
        [("Liyabukefu", "Ryabkov"), ("Woluojin", "Volodin"), ("Nabiwulinna", "Nabiullina"),
         ("Xiluanuofu", "Siluanov"), ("Jimoshenke", "Tymoshenko"),
         ("Sitefanqiuke", "Stefanchuk"), ("Geluofuqinke", "Golovchenko")],
    ),
    (
        "Nairobi, August 20 -- Kenyan opposition leader Aotingjia said on Thursday that he "
        "would challenge the election result in court. Kenya's deputy president Jiaqiagua "
        "called for calm.\n"
        "In Nigeria, Vice President Xiedima said the government would spend more on roads. "
        "In Venezuela, Interior Minister Kaweilve said police had arrested ten people, and "
        "former Colombian president Wuliwei appeared in a court in Bogota.\n"
        "Nepal's Prime Minister Pulachangda flew to New Delhi, where India's Finance "
        "Minister Xitalaman presented the budget.\n"
        "In Ulaanbaatar, Mongolian President Hurileisuhe met Japanese deputy prime minister "
        "Masheng Tailang.\n",
        [("Aotingjia", "Odinga"), ("Jiaqiagua", "Gachagua"), ("Xiedima", "Shettima"),
         ("Kaweilve", "Cabello"), ("Wuliwei", "Uribe"), ("Pulachangda", "Prachanda"),
         ("Xitalaman", "Sitharaman"), ("Hurileisuhe", "Khürelsükh"),
         ("Masheng Tailang", "Taro Aso")],
    ),
]  # fmt: skip

GARBLES = [g for _, pairs in ARTICLES for g, _ in pairs]

# Chinese people whose names read like the Chinese name of a new entry (戴蒙 Dimon,
# 孔戴 Condé, 施潘 Spahn, 雷纳 Rayner, 莫朗 Mourão, 沙欣 Shaheen, 扬沙 Janša, 雷钦 Recean,
# 居伦 Gülen, 海因 Heine, 纽兰 Nuland, 巴威 Prawit, 迪班 Tea Banh, 托杰 Tobgay, 谢考 Shekau),
# each beside the country and the office of that entry.
CLEAN = [
    "Dai Meng, an analyst in Beijing, said JPMorgan and other United States banks were "
    "cautious. Dai Meng spoke to reporters.",
    "Kong Dai, a Chinese mining executive, met Guinea's president in Conakry. Kong Dai said "
    "the talks went well.",
    "Shi Pan, a Chinese doctor, met Germany's health minister and CDU lawmakers in Berlin. "
    "Shi Pan said the visit was useful.",
    "Lei Na, a Chinese student, met the United Kingdom's deputy prime minister in London. "
    "Lei Na said she was nervous.",
    "Mo Lang, a Chinese trader, met Brazil's vice president in Brasilia. Mo Lang said soybean "
    "exports would rise.",
    "Sha Xin, a Chinese engineer, met a Taliban spokesman in Afghanistan. Sha Xin said the "
    "mine would reopen.",
    "Yang Sha, a Chinese swimmer, met Slovenia's prime minister in Ljubljana. Yang Sha said "
    "she would return.",
    "Lei Qin, a Chinese importer, met Moldova's prime minister in Chisinau. Lei Qin said wine "
    "sales were up.",
    "Ju Lun, a Chinese engineer, met a cleric in Turkey. Ju Lun said the Turkish railway was "
    "finished.",
    "Hai Yin, a Chinese captain, met the Marshall Islands president in Majuro. Hai Yin said "
    "the voyage was long.",
    "Niu Lan, a Chinese diplomat, met the United States under secretary of state. Niu Lan "
    "said the talks were frank.",
    "Ba Wei, a Chinese chef, cooked for Thailand's deputy prime minister in Bangkok. Ba Wei "
    "said the minister liked the soup.",
    "Di Ban, a Chinese road builder, met Cambodia's defence minister. Tuo Jie, a Tibetan "
    "guide, met Bhutan's prime minister.",
    "Xie Kao, a Chinese engineer, was freed in Nigeria after Boko Haram released him. Xie Kao "
    "said he was tired.",
]


@pytest.mark.parametrize(("text", "pairs"), ARTICLES)
def test_readings_of_new_people_are_repaired_in_an_article(
    shipped: Normalizer, text: str, pairs: list[tuple[str, str]]
) -> None:
    result = shipped.fix(text)
    assert [(c.original, c.replacement) for c in result.applied] == pairs
    expected = text
    for garble, right in pairs:
        expected = expected.replace(garble, right, 1)
    assert result.text == expected


@pytest.mark.parametrize("garble", GARBLES)
def test_without_evidence_a_reading_is_at_most_flagged(shipped: Normalizer, garble: str) -> None:
    text = f"Yesterday {garble} arrived and spoke to reporters."
    result = shipped.fix(text)
    assert result.applied == ()
    assert result.text == text
    assert all(c.action is Action.FLAGGED for c in result.changes)


@pytest.mark.parametrize("text", CLEAN)
def test_chinese_people_named_like_a_reading_are_untouched(shipped: Normalizer, text: str) -> None:
    assert shipped.fix(text).changes == ()
