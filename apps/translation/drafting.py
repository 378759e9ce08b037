"""Machine drafts that keep what a machine must not change.

A text goes to the machine in plain segments — a paragraph, a list item, a heading, a table cell —
with what must survive unchanged taken out first and put back afterwards:

- Markdown structure: fenced code, list markers, headings, quotes and table rows stay as written
  around the translated segments;
- links keep their address (their visible text is translated as a segment of its own), and inline
  code, bare addresses, e-mail addresses, raw HTML and placeholders such as ``%(name)s`` or
  ``{{ date }}`` are kept as they are;
- glossary terms of the source language are replaced by the glossary's approved translation in
  the target language (with the source word beside it where the term says so), so that a draft
  uses the same words as the glossary migrants read.

What is taken out is replaced by a numbered marker ``[[n]]``, which translation engines copy; a
marker the machine dropped is put back at the end of its segment, so nothing is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from apps.translation.machine import Backend

MARKER = "[[{}]]"
FOUND_MARKER = re.compile(r"\[\s*\[\s*(\d{1,4})\s*\]\s*\]")

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
# Headings, quotes and list markers, possibly nested ("> - "), with their indentation.
BLOCK_PREFIX = re.compile(r"^\s*(?:(?:#{1,6}|>|[-*+]|\d{1,9}[.)])(?:\s+|$))+")

LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^()\s]*(?:\s+\"[^\"]*\")?)\)")
KEPT = re.compile(
    r"`+[^`]+`+"  # inline code
    r"|<[^>\n]+>"  # raw HTML and <https://…> links
    r"|https?://[^\s<>()\[\]]+"  # bare addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|%\(\w+\)[sdif]|%[sd]"  # printf placeholders
    r"|\{\{[^{}\n]*\}\}|\{\w+\}"  # template placeholders
)


@dataclass
class Protected:
    """What a marker stands for: a ``kept`` text, a glossary ``term`` or a ``link`` whose visible
    text is the segment numbered ``segment``."""

    kind: str
    value: str
    segment: int = -1


@dataclass
class Segments:
    """The plain segments a text is sent as, and how to put the text together again."""

    texts: list[str] = field(default_factory=list)
    protected: list[list[Protected]] = field(default_factory=list)

    def add(self, text: str, terms: Callable[[str], list[tuple[int, int, str]]]) -> int:
        """Mask ``text`` and keep it as a segment; returns its number."""
        protected: list[Protected] = []
        number = len(self.texts)
        self.texts.append("")
        self.protected.append(protected)

        def mark(item: Protected) -> str:
            protected.append(item)
            return MARKER.format(len(protected))

        def mask_terms(stretch: str) -> str:
            out, position = [], 0
            for start, stop, replacement in terms(stretch):
                out += [stretch[position:start], mark(Protected("term", replacement))]
                position = stop
            return "".join(out) + stretch[position:]

        def mask_kept(stretch: str) -> str:
            out, position = [], 0
            for match in KEPT.finditer(stretch):
                out += [mask_terms(stretch[position : match.start()])]
                out += [mark(Protected("kept", match.group()))]
                position = match.end()
            return "".join(out) + mask_terms(stretch[position:])

        out, position = [], 0
        for match in LINK.finditer(text):
            out.append(mask_kept(text[position : match.start()]))
            bang, label, target = match.groups()
            label_segment = self.add(label, terms) if label.strip() else -1
            out.append(mark(Protected("link", f"{bang}[{{}}]({target})", label_segment)))
            position = match.end()
        out.append(mask_kept(text[position:]))
        self.texts[number] = "".join(out)
        return number

    def restore(self, number: int, translated: list[str]) -> str:
        protected = self.protected[number]
        used: set[int] = set()

        def value(index: int) -> str:
            item = protected[index]
            if item.kind == "link":
                label = self.restore(item.segment, translated) if item.segment >= 0 else ""
                return item.value.format(label)
            return item.value

        def put_back(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            if not 0 <= index < len(protected):
                return ""  # a marker the machine made up
            used.add(index)
            return value(index)

        text = FOUND_MARKER.sub(put_back, translated[number]).strip()
        missing = [value(index) for index in range(len(protected)) if index not in used]
        return " ".join([text, *missing]) if missing else text


@dataclass
class Layout:
    """A text as a sequence of verbatim parts and segment numbers."""

    parts: list[str | int] = field(default_factory=list)

    def text(self, segments: Segments, translated: list[str]) -> str:
        return "".join(
            part if isinstance(part, str) else segments.restore(part, translated)
            for part in self.parts
        )


def lay_out(text: str, segments: Segments, terms) -> Layout:
    """Split a (Markdown) text into verbatim structure and segments to translate."""
    layout = Layout()
    lines = text.replace("\r\n", "\n").split("\n")
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            joined = " ".join(line.strip() for line in paragraph)
            layout.parts.append(segments.add(joined, terms))
            layout.parts.append("\n")
            paragraph.clear()

    for line in lines:
        if in_fence or FENCE.match(line):
            flush()
            if FENCE.match(line):
                in_fence = not in_fence
            layout.parts.append(line + "\n")
        elif not line.strip():
            flush()
            layout.parts.append("\n")
        elif TABLE_ROW.match(line):
            flush()
            if TABLE_RULE.match(line):
                layout.parts.append(line + "\n")
                continue
            cells = line.split("|")
            for index, cell in enumerate(cells):
                if index:
                    layout.parts.append("|")
                if cell.strip():
                    layout.parts.append(" ")
                    layout.parts.append(segments.add(cell.strip(), terms))
                    layout.parts.append(" ")
                else:
                    layout.parts.append(cell)
            layout.parts.append("\n")
        elif prefix := BLOCK_PREFIX.match(line):
            flush()
            layout.parts.append(prefix.group())
            content = line[prefix.end() :]
            if not content.strip():
                layout.parts.append("\n")
            else:
                paragraph.append(content)
                if "#" in prefix.group():
                    flush()  # a heading is one line; what follows is a paragraph of its own
        else:
            paragraph.append(line)
    flush()
    # split("\n") gave one line more than there were line ends: drop the last "\n" added.
    if layout.parts and layout.parts[-1] == "\n" and not text.endswith("\n"):
        layout.parts.pop()
    return layout


def glossary_terms(region, source: str, target: str) -> Callable[[str], list]:
    """For a stretch of source text: (start, stop, what to write instead) for each glossary term
    whose translation into ``target`` is published."""
    from apps.editorial.models import localized
    from apps.glossary.matching import glossary_for
    from apps.translation.reader import shown_language

    glossary = glossary_for(region)

    def terms(stretch: str) -> list[tuple[int, int, str]]:
        found = []
        for start, stop, term_id in glossary.find(stretch, source):
            term = glossary.by_id[term_id]
            if shown_language(term, target)[0] != target:
                continue  # no approved translation: the machine translates the word
            word = (getattr(term, localized("term", target)) or "").strip()
            if not word:
                continue
            if term.original_beside(target):
                word = f"{word} ({stretch[start:stop]})"
            found.append((start, stop, word))
        return found

    return terms


def machine_texts(
    texts: dict[str, str], *, source: str, target: str, backend: Backend, terms=None
) -> dict[str, str]:
    """``texts`` (field key → source text) translated by ``backend``, structure, links,
    placeholders and glossary terms kept (see the module's docstring)."""
    terms = terms or (lambda stretch: [])
    segments = Segments()
    layouts = {key: lay_out(text or "", segments, terms) for key, text in texts.items()}
    # Only segments with words of their own go to the machine (not "[[1]]" alone, nor "10 €").
    wanted = [
        number
        for number, text in enumerate(segments.texts)
        if any(char.isalpha() for char in FOUND_MARKER.sub("", text))
    ]
    translated = list(segments.texts)
    if wanted:
        answers = backend.translate(
            [segments.texts[number] for number in wanted], source=source, target=target
        )
        for number, answer in zip(wanted, answers, strict=True):
            translated[number] = answer
    return {key: layout.text(segments, translated).strip("\n") for key, layout in layouts.items()}
