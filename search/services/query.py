"""Turn what a visitor typed into safe full-text queries: pure functions, no database.

Visitors type anything: operators of FTS5 or tsquery (``"``, ``*``, ``NEAR``, ``-``,
``:``, ``^``, ``AND``) must never reach the engine as syntax. Words are kept (letters and
digits only), balanced double quotes make phrases, everything else is dropped, and each
backend gets its own properly quoted query built from these words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 500  # a 10,000-character paste is cut here, at a word
MAX_TERMS = 16
WORD = re.compile(r"[^\W_]+")
PHRASE = re.compile(r'"([^"]*)"')
# Words that would be operators, and English stop words PostgreSQL ignores: dropping them
# on every backend keeps results the same everywhere.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "if",
        "in",
        "into",
        "is",
        "it",
        "near",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)


@dataclass(frozen=True)
class ParsedText:
    """Words that must all appear (stemmed), and phrases whose words must be adjacent."""

    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    searched: str = ""  # the text as searched (cut), to show back to the visitor

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases


def truncate_query(raw: str) -> str:
    """The query cut to MAX_QUERY_CHARS at a word boundary, spaces normalised."""
    text = " ".join((raw or "").split())
    if len(text) <= MAX_QUERY_CHARS:
        return text
    cut = text[:MAX_QUERY_CHARS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text) if w.lower() not in STOP_WORDS]


def parse_text(raw: str) -> ParsedText:
    """The words and phrases of a query; unbalanced quotes count as plain words."""
    searched = truncate_query(raw)
    phrases = []
    for match in PHRASE.finditer(searched):
        words = _words(match.group(1))
        if len(words) > 1:
            phrases.append(tuple(words))
        elif words:
            phrases.append((words[0],))
    rest = PHRASE.sub(" ", searched)
    terms: list[str] = []
    for phrase in [p for p in phrases if len(p) == 1]:
        terms.append(phrase[0])
    terms += _words(rest)
    unique_terms = tuple(dict.fromkeys(terms))[:MAX_TERMS]
    long_phrases = tuple(dict.fromkeys(p for p in phrases if len(p) > 1))[:4]
    return ParsedText(terms=unique_terms, phrases=long_phrases, searched=searched)


def fts5_query(
    parsed: ParsedText, *, prefix_last: bool = False, column: str = ""
) -> str:
    """An FTS5 MATCH expression: every word and phrase quoted, all required."""
    parts = [f'"{" ".join(phrase)}"' for phrase in parsed.phrases]
    parts += [f'"{term}"' for term in parsed.terms]
    if prefix_last and parsed.terms:
        parts[-1] += "*"
    expression = " ".join(parts)
    return f"{{{column}}} : ({expression})" if column else expression


def tsquery(parsed: ParsedText, *, prefix_last: bool = False, weight: str = "") -> str:
    """A ``to_tsquery`` expression: quoted lexemes joined by ``&``, phrases by ``<->``."""
    suffix = f":{weight}" if weight else ""
    parts = [
        "(" + " <-> ".join(f"'{w}'{suffix}" for w in phrase) + ")"
        for phrase in parsed.phrases
    ]
    terms = [f"'{term}'{suffix}" for term in parsed.terms]
    if prefix_last and terms:
        terms[-1] = f"'{parsed.terms[-1]}':*{weight}"
    return " & ".join(parts + terms)
