"""Chinese family names as they are written in English (pinyin, without tones).

A pinyin-shaped word right after one of these is the given name of a Chinese person ("Li
Feize", "Wang Pujing"), not a garbled foreign name that happens to read like one (费泽
Faeser, 普京 Putin): the single-word finder leaves it alone. Multi-token readings of a
foreign name whose first syllable is also a family name ("Pan Jiwen", 潘基文, Ban Ki-moon)
are matched whole by the names finder; such a reading is itself a Chinese person's name
written right unless the text says otherwise (:func:`chinese_named`, :func:`said_chinese`).

Data: the most common Chinese family names (the public surname statistics of the Chinese
Ministry of Public Security, as listed on Wikipedia, "List of common Chinese surnames";
facts, CC BY-SA 4.0), plus the common two-syllable ones.
"""

from __future__ import annotations

import regex

_SURNAMES = (
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
    "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song",
    "tang", "han", "feng", "deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan",
    "cai", "jiang", "yu", "du", "ye", "cheng", "wei", "su", "lu", "lv", "ding", "ren", "yao",
    "shen", "zhong", "cui", "tan", "fan", "liao", "shi", "jin", "jia", "xia", "fu", "fang",
    "zou", "xiong", "bai", "meng", "qin", "qiu", "hou", "yin", "xue", "yan", "duan", "lei",
    "long", "tao", "mao", "hao", "gu", "gong", "shao", "wan", "qian", "dai", "mo", "kong",
    "xiang", "chang", "wen", "kang", "niu", "qi", "zhuang", "yi", "chi", "geng", "ge", "guan",
    "ji", "jiao", "lai", "lan", "le", "leng", "lian", "miao", "ning", "ou", "pang", "pei", "qu",
    "rao", "rong", "ruan", "sang", "shang", "tong", "xing", "xi", "xin", "yun", "zhan",
    "ouyang", "situ", "shangguan", "zhuge", "sima", "huangfu", "dongfang",
)  # fmt: skip
#: Common Chinese family names in pinyin, case-folded.
ZH_SURNAMES = frozenset(_SURNAMES)

_WORD_BEFORE = regex.compile(r"(\p{Lu}\p{Ll}+)[^\S\n]+$")


def after_chinese_surname(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a capitalised Chinese family name, with only
    spaces between ("Li Feize": the word at "Feize").

    >>> text = "Chinese envoy Li Feize met Faeser. He said so."
    >>> after_chinese_surname(text, text.index("Feize")), after_chinese_surname(text, 26)
    (True, False)
    """
    m = _WORD_BEFORE.search(text, max(0, start - 16), start)
    return m is not None and m.group(1).casefold() in ZH_SURNAMES


def chinese_named(words: tuple[str, ...]) -> bool:
    """Whether folded ``words`` (two or more) read as a Chinese person's name: a common
    family name first, as Chinese names are written in English ("zhao xian"; 赵显 is also
    how Chinese writes Cho Hyun, and the reading of a Korean or Vietnamese name is always
    such a name).

    >>> chinese_named(("zhao", "xian")), chinese_named(("anbei", "jinsan"))
    (True, False)
    """
    return len(words) >= 2 and words[0] in ZH_SURNAMES


#: "Chinese diplomat", "China's ambassador": a Chinese person's description just before the
#: name (lower-case words only between, at most three).
_CHINESE_BEFORE = regex.compile(
    r"\b(?:Chinese|China['\u2019]s)(?:[^\S\n]+[\p{Ll}\-]+){0,3}[^\S\n]+$"
)
#: ", a Chinese diplomat", ", the Chinese envoy": an apposition just after the name.
_CHINESE_AFTER = regex.compile(
    r"[^\S\n]*,[^\S\n]+(?:a|an|the)(?:[^\S\n]+[\p{Ll}\-]+){0,2}?[^\S\n]+Chinese\b"
)


def said_chinese(text: str, start: int, end: int) -> bool:
    """Whether the words just around the name ``text[start:end]`` say its bearer is Chinese:
    a description before it or an apposition after it.

    >>> text = "Zhao Xian, a Chinese diplomat, met South Korea's foreign minister."
    >>> said_chinese(text, 0, 9)
    True
    >>> text = "Chinese envoy Li Feize met them. South Korean minister Zhao Xian spoke."
    >>> zhao = text.index("Zhao")
    >>> said_chinese(text, 14, 22), said_chinese(text, zhao, zhao + 9)
    (True, False)
    """
    return bool(
        _CHINESE_BEFORE.search(text, max(0, start - 60), start)
        or _CHINESE_AFTER.match(text, end, min(len(text), end + 60))
    )
