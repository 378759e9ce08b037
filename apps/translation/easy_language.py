"""Writing help for easy-language versions: what in a draft breaks the rules of easy language.

The rules checked are four of the *Regeln für Leichte Sprache* of the Netzwerk Leichte Sprache
(also in the federal ministry's guide "Leichte Sprache – Ein Ratgeber", BMAS 2014):

- short sentences: one statement per sentence (we flag sentences of more than
  :data:`MAX_SENTENCE_WORDS` words);
- short words: long compound words are split with a hyphen or a middle dot ("Melde-Bescheinigung",
  "Melde·bescheinigung"); we flag unsplit words of more than :data:`MAX_WORD_LETTERS` letters;
- active voice: no passive ("Der Antrag wird geprüft" → "Das Amt prüft den Antrag");
- numbers as digits: "3 Wochen", not "drei Wochen".

These are hand-written rules: they point at places to look at, they do not judge a text, and a
flagged place may be right (a name, a quoted law). Nothing here stops a translator from saving.
German has all four; English (for an easy-English variant) has the same rules with its own
words. Other base languages get the two rules that need no word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core import languages

MAX_SENTENCE_WORDS = 15
MAX_WORD_LETTERS = 14


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    advice: str


LONG_SENTENCE = Rule(
    "long-sentence",
    _("Long sentence"),
    _("Write one statement per sentence, at most 15 words."),
)
LONG_WORD = Rule(
    "long-word",
    _("Long word"),
    _("Split long words with a hyphen or a middle dot, e.g. “Melde-Bescheinigung”."),
)
PASSIVE = Rule(
    "passive",
    _("Passive voice"),
    _("Say who does it: “The office checks your application”, not “Your application is checked”."),
)
NUMBER_WORD = Rule(
    "number-word",
    _("Number written as a word"),
    _("Write numbers as digits: “3 weeks”, not “three weeks”."),
)
RULES = (LONG_SENTENCE, LONG_WORD, PASSIVE, NUMBER_WORD)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    start: int
    stop: int
    text: str


@dataclass(frozen=True)
class WritingHelp:
    """The findings in one text, and the text with them marked (for the editor's preview)."""

    findings: tuple[Finding, ...]
    marked: SafeString

    def count(self, rule: Rule) -> int:
        return sum(1 for finding in self.findings if finding.rule is rule)

    @property
    def summary(self) -> list[tuple[Rule, int]]:
        return [(rule, self.count(rule)) for rule in RULES if self.count(rule)]


# --- words of each base language -----------------------------------------------------------------

_TENS_DE = "zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig"
_NUMBER_WORDS = {
    "de": re.compile(
        r"(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn|"
        r"fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|hundert|tausend|million|millionen|"
        rf"(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?:{_TENS_DE})|{_TENS_DE})",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
        r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety|hundred|thousand|million)",
        re.IGNORECASE,
    ),
}
#: A form of the passive auxiliary, and what a past participle looks like.
_PASSIVE = {
    "de": (
        {"wird", "werden", "wurde", "wurden", "worden", "werde", "wirst", "werdet"},
        # "geprüft", "angemeldet", "abgegeben", "kopiert"; "bestätigt", "verlängert" (the
        # prefixes that take no "ge-").
        re.compile(r"\w*ge\w{2,}(?:t|en)|\w{3,}iert|(?:be|ver|er|ent|zer|emp)\w{2,}t"),
    ),
    "en": (
        {"is", "are", "was", "were", "be", "been", "being"},
        re.compile(r"\w{2,}ed|done|given|taken|seen|made|sent|written|paid|known"),
    ),
}
#: Words that look like participles but are not (German "gegen", "genug"…).
_NOT_PARTICIPLES = {"gegen", "genug", "gestern", "gern", "gerne", "genau", "gelten", "geben"}

_WORD = re.compile(r"[^\W\d_]+(?:[-·‐][^\W\d_]+)*")
#: Where a sentence ends: a full stop, question or exclamation mark, colon or semicolon followed
#: by a space, or a line break (headings and list items are sentences of their own).
_SENTENCE_END = re.compile(r"[.!?:;](?=\s|$)|\n")
#: Not prose: link targets, addresses, Markdown markup.
_NOT_PROSE = re.compile(r"\]\([^)]*\)|https?://\S+|\S+@\S+|`[^`]*`")


def check(text: str, code: str) -> WritingHelp:
    """Where ``text`` (an easy-language draft in language ``code``, Markdown allowed) breaks the
    rules above."""
    base = languages.base(code)
    prose = _NOT_PROSE.sub(lambda match: " " * len(match.group()), text or "")
    findings: list[Finding] = []
    for start, stop in _sentences(prose):
        words = list(_WORD.finditer(prose, start, stop))
        if len(words) > MAX_SENTENCE_WORDS:
            findings.append(Finding(LONG_SENTENCE, start, stop, text[start:stop]))
        findings += _word_findings(words, base, text)
    findings.sort(key=lambda finding: (finding.start, -finding.stop))
    return WritingHelp(tuple(findings), _marked(text or "", findings))


def _sentences(text: str):
    start = 0
    for end in _SENTENCE_END.finditer(text):
        stop = end.end()
        if text[start:stop].strip():
            yield _trimmed(text, start, stop)
        start = stop
    if text[start:].strip():
        yield _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and (text[start].isspace() or text[start] in "#*->"):
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    return start, stop


def _word_findings(words: list[re.Match], base: str, text: str) -> list[Finding]:
    found: dict[int, Finding] = {}  # one finding per word

    def flag(rule: Rule, match: re.Match) -> None:
        found.setdefault(match.start(), Finding(rule, match.start(), match.end(), match.group()))

    def flag_passive(auxiliary: re.Match, participle: re.Match) -> None:
        # One finding from the auxiliary to the participle: "wird … geprüft" is one passive.
        start, stop = auxiliary.start(), participle.end()
        found.setdefault(start, Finding(PASSIVE, start, stop, text[start:stop]))

    auxiliaries, participle = _PASSIVE.get(base, (set(), None))
    numbers = _NUMBER_WORDS.get(base)
    auxiliary = None
    for match in words:
        word = match.group()
        lowered = word.lower()
        if numbers is not None and numbers.fullmatch(word):
            flag(NUMBER_WORD, match)
        if lowered in auxiliaries:
            auxiliary = match
        elif (
            auxiliary is not None  # only where the language has passive rules
            and word[0].islower()
            and lowered not in _NOT_PARTICIPLES
            and participle.fullmatch(word)
        ):
            flag_passive(auxiliary, match)
            auxiliary = None
        letters = sum(1 for char in word if char.isalpha())
        if not re.search(r"[-·‐]", word) and letters > MAX_WORD_LETTERS:
            flag(LONG_WORD, match)
    return list(found.values())


def _marked(text: str, findings: list[Finding]) -> SafeString:
    """``text`` escaped, each finding in a ``<mark>`` naming its rule; a word's mark may sit
    inside its sentence's (``findings`` in order of start, the longest first)."""
    opening: dict[int, list[Finding]] = {}
    for finding in findings:
        opening.setdefault(finding.start, []).append(finding)
    positions = sorted({len(text), *opening, *(finding.stop for finding in findings)})
    pieces, open_stops, previous = [], [], 0
    for position in positions:
        pieces.append(escape(text[previous:position]))
        while open_stops and open_stops[-1] <= position:
            open_stops.pop()
            pieces.append("</mark>")
        for finding in opening.get(position, []):
            pieces.append(
                format_html(
                    '<mark class="writing-help__mark writing-help__mark--{}" title="{}">',
                    finding.rule.key,
                    finding.rule.label,
                )
            )
            open_stops.append(finding.stop)
        previous = position
    return mark_safe("".join(str(piece) for piece in pieces))  # noqa: S308 - escaped above
