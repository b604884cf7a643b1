"""Transliteration keys: what a name sounds like once romanisation noise is taken out.

Machine translation from Chinese, Arabic or Russian renders a foreign name through a
transliteration (哈夫塔尔 for Haftar) and back into Latin letters ("haftal"). What survives
that round trip is mostly the consonant frame of the name, blurred in predictable ways:
vowels drift or drop, l and r merge (Chinese has one liquid in final position), voiced and
voiceless stops merge (pinyin b/d/g are unaspirated p/t/k), v and w merge, ch/j/zh/dj/q
merge, s/sh/z/x merge, doubled letters collapse. :func:`skeleton` maps a word to that frame
in a small alphabet, so "haftal", "Haftar", "Hifter" and the pinyin "hafutaer" share the
key ``HFTR``.

Source-script names are turned into Latin spellings with well-kept libraries: pypinyin
for Chinese, iuliia's schemes for Cyrillic, anyascii for Arabic (and as the fallback for
any other script). Turkish, French and other Latin-script spellings get respellings of
their own (ş -> sh, ç -> ch, ğ dropped) because an ASCII fold alone (ş -> s) hides how an
English speaker, or an MT system, hears them.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from anyascii import anyascii

#: The key alphabet: P T K F V S J M N R H. Letters not listed are dropped (vowels, y).
KEY_ALPHABET = "PTKFVSJMNRH"

_DIGRAPHS = regex.compile(r"sch|tch|dzh|dj|zh|ch|sh|kh|gh|ph|th|ck|qu|ts|tz|ng|c(?=[eiy])|.")
_MAP = {
    "sch": "S", "tch": "J", "dzh": "J", "dj": "J", "zh": "J", "ch": "J", "sh": "S",
    "kh": "H", "gh": "K", "ph": "F", "th": "T", "ck": "K", "qu": "K", "ts": "S", "tz": "S",
    "ng": "N", "c": "K", "b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K",
    "q": "K", "f": "F", "v": "V", "w": "V", "s": "S", "z": "S", "j": "J", "l": "R",
    "r": "R", "m": "M", "n": "N", "x": "KS",
}  # fmt: skip
_LATIN_RESPELL = str.maketrans({"ç": "ch", "ş": "sh", "ğ": "", "\u0131": "i", "ß": "ss", "œ": "oe"})
_NOT_LETTER = regex.compile(r"[^a-z]+")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters of ``text`` with a romanisation respelling first.

    >>> ascii_fold("Çavuşoğlu"), ascii_fold("Tebboune"), ascii_fold("al-Sarraj")
    ('chavusholu', 'tebboune', 'alsarraj')
    """
    # The Turkish letters are respelled before the ASCII fold, which would make ş a plain s.
    # Dotless i (U+0131) has no ASCII fold of its own in every library, so it is mapped here.
    folded = text.lower().translate(_LATIN_RESPELL)
    return _NOT_LETTER.sub("", anyascii(folded).lower())


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The transliteration key of a word: its consonant frame in :data:`KEY_ALPHABET`.

    >>> [skeleton(w) for w in ("haftal", "Haftar", "hafutaer", "salaj", "al-Sarraj")]
    ['HFTR', 'HFTR', 'HFTR', 'SRJ', 'RSRJ']
    >>> [skeleton(w) for w in ("chawushiolu", "Çavuşoğlu", "bukadum", "Boukadoum")]
    ['JVSR', 'JVSR', 'PKTM', 'PKTM']
    """
    s = ascii_fold(word)
    out: list[str] = []
    for i, m in enumerate(_DIGRAPHS.finditer(s)):
        g = m.group()
        # h is kept only where it starts a word; elsewhere it is silent or a diacritic.
        sym = ("H" if i == 0 else "") if g == "h" else _MAP.get(g, "")
        for ch in sym:
            if not out or out[-1] != ch:
                out.append(ch)
    return "".join(out)


# Pinyin initials respelled the way an English reader (and MT output) writes them.
_PINYIN_INITIALS = (
    ("zh", "j"), ("ch", "ch"), ("sh", "sh"), ("q", "ch"), ("x", "sh"), ("c", "ts"),
    ("z", "dz"), ("j", "j"),
)  # fmt: skip


def _respell_pinyin(syllable: str) -> str:
    s = syllable.replace("ü", "u").replace("v", "u")
    for initial, english in _PINYIN_INITIALS:
        if s.startswith(initial):
            return english + s[len(initial) :]
    return s


@lru_cache(maxsize=4096)
def pinyin_readings(chinese: str, limit: int = 4) -> tuple[str, ...]:
    """Toneless pinyin readings of a Chinese name, syllables joined, as MT writes them.

    Characters with several readings (什 shi/shen) give several readings, at most
    ``limit``. The raw pinyin comes first, then the English respelling (q -> ch, x -> sh).

    >>> pinyin_readings("萨拉杰")
    ('salajie',)
    >>> pinyin_readings("恰武什奥卢")[:3]
    ('qiawushenaolu', 'chiawushenaolu', 'qiawushiaolu')
    """
    from pypinyin import Style, pinyin

    per_char = [
        [s for s in opts if s.isascii() and s.isalpha()][:2]
        for opts in pinyin(chinese, style=Style.NORMAL, heteronym=True, errors="ignore")
    ]
    per_char = [opts for opts in per_char if opts]
    if not per_char:
        return ()
    # The first reading of each character, then one alternative reading at a time: the
    # full product of heteronyms is large and mostly readings nobody would produce.
    primary = [opts[0] for opts in per_char]
    combos = [primary] + [
        [*primary[:i], opts[1], *primary[i + 1 :]]
        for i, opts in enumerate(per_char)
        if len(opts) > 1
    ]
    readings: list[str] = []
    for syllables in combos[:limit]:
        for reading in ("".join(syllables), "".join(_respell_pinyin(s) for s in syllables)):
            if reading not in readings:
                readings.append(reading)
    return tuple(readings)


#: iuliia schemes whose output English-language news and MT commonly produce.
CYRILLIC_SCHEMES = ("wikipedia", "bgn_pcgn", "icao_doc_9303", "mosmetro")


@lru_cache(maxsize=4096)
def cyrillic_readings(cyrillic: str) -> tuple[str, ...]:
    """Romanisations of a Cyrillic name under the common schemes, lower-case, deduplicated.

    >>> cyrillic_readings("Хафтар"), cyrillic_readings("Ельцин")
    (('khaftar',), ('yeltsin', 'eltsin'))
    """
    import iuliia

    readings: list[str] = []
    for name in CYRILLIC_SCHEMES:
        schema = iuliia.schemas.get(name)
        if schema is None:  # pragma: no cover - scheme renamed upstream
            continue
        reading = ascii_fold(schema.translate(cyrillic))
        if reading and reading not in readings:
            readings.append(reading)
    return tuple(readings)


_ARABIC_ARTICLE = regex.compile(r"^\u0627\u0644(?=\p{Arabic}{3})")


@lru_cache(maxsize=4096)
def arabic_readings(arabic: str) -> tuple[str, ...]:
    """A consonantal reading of an Arabic word: anyascii's letters, long vowels as vowels.

    Arabic script writes no short vowels, so the reading is only good for the key; the
    article al- is dropped because English spellings often omit it (Sarraj, Haftar).

    >>> arabic_readings("حفتر"), arabic_readings("بوقادوم"), arabic_readings("السراج")
    (('hftr',), ('buqdum',), ('srj',))
    """
    word = _ARABIC_ARTICLE.sub("", arabic)
    latin = ascii_fold(word)
    if not latin:
        return ()
    # و and ي are mostly long vowels inside a word; anyascii writes them as consonants.
    reading = latin[0] + latin[1:].replace("w", "u").replace("y", "i")
    return (reading,)


def source_readings(lang: str, name: str) -> tuple[str, ...]:
    """Latin readings of one word of a source-script name in language ``lang``.

    >>> source_readings("zh", "特本"), source_readings("tr", "Çavuşoğlu")
    (('teben',), ('chavusholu', 'cavusoglu'))
    """
    base = lang.split("-")[0]
    if base == "zh":
        return pinyin_readings(name)
    if base in {"ru", "uk", "be", "bg", "sr", "kk"}:
        return cyrillic_readings(name)
    if base in {"ar", "fa", "ur"}:
        return arabic_readings(name)
    # The respelled form (how it sounds) and the plain ASCII fold (how English news writes it).
    plain = _NOT_LETTER.sub("", anyascii(name).lower())
    return tuple(dict.fromkeys(r for r in (ascii_fold(name), plain) if r))


#: The syllables of Mandarin pinyin without tones, as English text writes them (ü as u),
#: taken from pypinyin's dictionary (pypinyin.pinyin_dict, every reading passed through
#: pypinyin.contrib.tone_convert.to_normal; tests/test_precision.py checks the list against
#: it). Left out: interjections and syllables no name uses ("hm", "hng", "m", "n", "ng",
#: "ê", "o", "yo", "lo"), which would let Western words pass as pinyin.
_SYLLABLES = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bong
    bu ca cai can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong
    chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai
    dan dang dao de dei den deng di dia dian diao die din ding diu dong dou du duan dui dun
    duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen
    geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong
    hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju
    juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun
    kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu long lou
    lu luan lue lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo
    mou mu na nai nan nang nao ne nei nen neng ni nia nian niang niao nie nin ning niu nong
    nou nu nuan nue nun nuo ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po
    pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren
    reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan
    shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si
    song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong
    tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wong wu xi xia xian xiang xiao
    xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yong you yu yuan
    yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng
    zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun
    zuo
"""
PINYIN_SYLLABLES = frozenset(_SYLLABLES.split())
#: The longest syllable ("zhuang"), and the longest word looked at (a name is never longer).
_LONGEST_SYLLABLE = 6
_LONGEST_PINYIN_WORD = 40


@lru_cache(maxsize=65536)
def is_pinyin(word: str) -> bool:
    """Whether ``word`` reads as well-formed toneless pinyin: ASCII letters (case aside, an
    apostrophe or hyphen between syllables allowed) that split wholly into syllables of
    :data:`PINYIN_SYLLABLES`. Such a word is how Chinese names and places are written.

    >>> [is_pinyin(w) for w in ("Xiaoming", "Jianzhong", "Xi'an", "Dongchuan", "wanzhang")]
    [True, True, True, True, True]
    >>> [is_pinyin(w) for w in ("haftal", "Bosonaro", "newline", "chawushiolu", "stderr")]
    [False, False, False, False, False]
    """
    letters = word.replace("'", "").replace("\u2019", "").replace("-", "").lower()
    if not letters or len(letters) > _LONGEST_PINYIN_WORD or not letters.isascii():
        return False
    if not letters.isalpha():
        return False
    return _fewest_syllables(letters) > 0


def _fewest_syllables(letters: str) -> int:
    """The fewest :data:`PINYIN_SYLLABLES` lower-case ``letters`` split into, 0 if they do
    not split wholly into syllables."""
    size = len(letters)
    fewest = [0] + [size + 1] * size
    for i in range(size):
        if fewest[i] > size:
            continue
        for j in range(i + 1, min(size, i + _LONGEST_SYLLABLE) + 1):
            if letters[i:j] in PINYIN_SYLLABLES and fewest[i] + 1 < fewest[j]:
                fewest[j] = fewest[i] + 1
    return fewest[size] if fewest[size] <= size else 0


def pinyin_syllables(word: str) -> int:
    """The fewest pinyin syllables ``word`` splits into (0 if it does not split at all); an
    apostrophe or hyphen marks a syllable boundary.

    A Chinese person's name written as one word has at most three (Xi Jinping, "Xijinping");
    a reading of four or more ("Naitanyahu", "Situoertengbeige") is a foreign name read
    syllable by syllable, or a place.

    >>> [pinyin_syllables(w) for w in ("Xiaoming", "Naitanyahu", "Xi'an", "Xian", "haftal")]
    [2, 4, 2, 1, 0]
    """
    total = 0
    for part in regex.split(r"['\u2019-]", word.lower()):
        size = len(part)
        if not size or size > _LONGEST_PINYIN_WORD or not (part.isascii() and part.isalpha()):
            return 0
        syllables = _fewest_syllables(part)
        if not syllables:
            return 0
        total += syllables
    return total


def written_in_pinyin(text: str) -> bool:
    """Whether every word of ``text`` is pinyin ("Xi'an", "Dong Jun", "Wen Jiabao").

    >>> written_in_pinyin("Xi'an"), written_in_pinyin("Dong Jun"), written_in_pinyin("Ghannouchi")
    (True, True, False)
    """
    words = regex.findall(r"[\p{L}\p{M}'\u2019]+", text)
    return bool(words) and all(is_pinyin(w) for w in words)
