"""How text becomes search terms, the same way for what is indexed and for what people type.

- :func:`fold` makes spelling variants one: case, Latin diacritics (ä → a, é → e, ß → ss),
  Arabic-script letter variants (ي/ی, ك/ک, ة/ه, alef forms, Urdu's heh and yeh forms), harakat
  and tatweel, Eastern digits, zero-width joiners and direction marks.
- :func:`words` cuts folded text into words: at script changes (so "Jobcenterدر" is two words)
  and, for Chinese, with jieba (in search mode, so that 医疗保险 also yields 医疗 and 保险).
- :func:`german_spellings` gives the ae/oe/ue spellings of German words, for people who type
  German without umlauts ("Buergeramt").
- :func:`stem` is Snowball stemming for the languages PostgreSQL has a configuration for, and a
  light suffix stripping for those it has not (Dari, Urdu, Ukrainian), used where the database
  does not stem itself (SQLite).
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import cache

from apps.core import languages

#: The PostgreSQL text-search configuration of each language; ``simple`` where there is none.
PG_CONFIGS: dict[str, str] = {
    "ar": "arabic",
    "nl": "dutch",
    "en": "english",
    "de": "german",
    "it": "italian",
    "ru": "russian",
    "es": "spanish",
}
SNOWBALL = PG_CONFIGS  # PyStemmer names its algorithms the same way


def pg_config(code: str) -> str:
    return PG_CONFIGS.get(languages.base(code), "simple")


# --- folding --------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x061C, 0x202A, 0x202B,
     0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069],
    None,
)  # fmt: skip
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_COMMON_ARABIC = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ۀ": "ه", "ہ": "ه", "ۂ": "ه", "ۃ": "ه", "ە": "ه", "ھ": "ه", "ة": "ه",
    "ؤ": "و", "ۓ": "ی", "ے": "ی",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}  # fmt: skip
#: Arabic text is folded to Arabic letters (its stemmer expects them), every other language's
#: Arabic-script text to the Persian/Urdu ones.
_TO_ARABIC = str.maketrans({**_COMMON_ARABIC, "ی": "ي", "ى": "ي", "ئ": "ي", "ک": "ك"})
_TO_PERSIAN = str.maketrans({**_COMMON_ARABIC, "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک"})
_LATIN_EXTRA = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"}


@cache
def _latin_table() -> dict[int, str]:
    """Latin letters with diacritics → their base letter (é → e), built once."""
    table: dict[int, str] = {ord(k): v for k, v in _LATIN_EXTRA.items()}
    for point in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(point)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[point] = base
    return table


def fold(text: str, code: str) -> str:
    """``text`` as search terms are made from it, for readers of ``code``."""
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_TO_ARABIC if code == "ar" else _TO_PERSIAN)
    text = text.casefold().replace("ё", "е")
    return text.translate(_latin_table())


# --- words ----------------------------------------------------------------------------------------

_ARABIC_RANGE = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(
    rf"[{_HAN_RANGE}]+|[{_ARABIC_RANGE}]+|[\u0400-\u052f]+|[0-9]+|"
    rf"[^\W\d_{_HAN_RANGE}{_ARABIC_RANGE}\u0400-\u052f]+"
)
_HAN = re.compile(f"[{_HAN_RANGE}]")
_jieba = None
_jieba_lock = threading.Lock()


def _chinese():
    """One jieba tokenizer per process (its dictionary takes about a second to load)."""
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _jieba = tokenizer
    return _jieba


def is_chinese(word: str) -> bool:
    return bool(_HAN.match(word))


def words(folded: str) -> list[str]:
    """The words of folded text; a run of Chinese characters is cut by jieba in search mode
    (each word, and the shorter words inside long ones)."""
    found: list[str] = []
    for match in _WORD.finditer(folded):
        word = match.group()
        if is_chinese(word):
            found += [piece for piece in _chinese().cut_for_search(word, HMM=False) if piece]
        else:
            found.append(word)
    return found


_SCRIPTS = (("han", _HAN_RANGE), ("arabic", _ARABIC_RANGE), ("cyrillic", "\u0400-\u052f"))


def _script(char: str) -> str:
    for name, pattern in _SCRIPTS:
        if re.match(f"[{pattern}]", char):
            return name
    return "other"


def mixes_scripts(folded: str) -> bool:
    """Whether a word of ``folded`` is written in more than one script (Latin with Cyrillic
    letters, say, or a German word run into a Dari one)."""
    return any(
        len({_script(char) for char in word}) > 1 for word in re.findall(r"[^\W\d_]+", folded)
    )


def segment_chinese(text: str, separator: str = "\u200b") -> str:
    """Chinese text with ``separator`` between its words, so that a search engine's own tokenizer
    (which sees a run of Chinese as one word) finds them; the rest is left alone."""

    def cut(match: re.Match) -> str:
        return separator.join(_chinese().cut(match.group(), HMM=False))

    return re.sub(f"[{_HAN_RANGE}]+", cut, text)


_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue"}


def german_spellings(text: str) -> str:
    """The words of ``text`` that have umlauts, spelt with ae/oe/ue (Bürgeramt → Buergeramt);
    folding gives the other spelling (burgeramt)."""
    spelt = []
    for word in re.findall(r"\w*[äöüÄÖÜ]\w*", text):
        lowered = word.lower()
        spelt.append("".join(_UMLAUTS.get(char, char) for char in lowered))
    return " ".join(spelt)


# --- stemming -------------------------------------------------------------------------------------

#: Endings stripped from words of the languages without a Snowball stemmer in PostgreSQL, longest
#: first: enough that a query's inflected form finds the text's (реєстрації → реєстрац).
_LIGHT_SUFFIXES = {
    "uk": (
        "ами", "ями", "ові", "еві", "ого", "ому", "ими", "ої", "ою", "ею", "ів", "ах", "ях",
        "ий", "ій", "их", "ам", "ям", "ом", "ем", "ти", "ть", "ся", "а", "я", "і", "ї", "у",
        "ю", "о", "е", "и", "й", "ь",
    ),
    "fa-af": ("ترین", "های", "تر", "ها", "ان", "ات", "ی", "ه"),
    "ur": ("وں", "یں", "ئیں", "یاں", "ی", "ے", "ا", "ه", "و"),
}  # fmt: skip
#: Dari stacks its endings behind a zero-width non-joiner, which folding drops (خانه‌ها → خانهها,
#: ارزان‌تر → ارزانتر): they are cut one after the other, so that the plural or comparative meets
#: the word itself (خانهها → خانه → خان, as خانه → خان). The comparative is cut only from a word
#: that keeps four letters (دفتر, بهتر stay).
_STACKED = {"fa-af"}
_COMPARATIVES = ("ترین", "تر")
_stemmers: dict[str, object] = {}
_stemmers_lock = threading.Lock()


def _stemmer(code: str):
    code = languages.base(code)  # easy German is stemmed as German
    with _stemmers_lock:
        if code not in _stemmers:
            import Stemmer

            _stemmers[code] = Stemmer.Stemmer(SNOWBALL[code]) if code in SNOWBALL else None
    return _stemmers[code]


def light_stem(word: str, code: str) -> str:
    """``word`` without one inflection ending (Dari: without its stacked endings), keeping at
    least three letters."""
    while True:
        for suffix in _LIGHT_SUFFIXES.get(code, ()):
            keep = 4 if suffix in _COMPARATIVES else 3
            if word.endswith(suffix) and len(word) - len(suffix) >= keep:
                break
        else:
            return word
        word = word[: -len(suffix)]
        if code not in _STACKED:
            return word


def stem(word: str, code: str) -> str:
    """The stem of a folded word in language ``code`` (Chinese and numbers stay as they are)."""
    if is_chinese(word) or word.isdigit():
        return word
    stemmer = _stemmer(code)
    if stemmer is None:
        return light_stem(word, code)
    return stemmer.stemWord(word)
