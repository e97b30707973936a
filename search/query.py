"""Turn what a visitor typed into a safe full-text query.

Visitors type anything: stray quotes, operators from other search engines, code, SQL. Only words
and quoted phrases survive; every other character becomes a space, so nothing the visitor types can
reach the database's own query syntax (FTS5 on SQLite, tsquery on PostgreSQL).
"""

import re
from dataclasses import dataclass, field

from home.limits import SEARCH_TEXT_LENGTH

MAX_QUERY_LENGTH = SEARCH_TEXT_LENGTH
MAX_TERMS = 12

# Letters and digits of any script; apostrophes inside a word ("women's") are split by the
# database's tokenizer anyway, so they are dropped here too.
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words that are operators in one or other full-text syntax when typed in capitals. Every word must
# match anyway, so they are dropped; in lower case they are ordinary words.
OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def clean_text(raw):
    """The query as typed, without NUL and control characters, trimmed and capped in length."""
    text = "".join(" " if (ord(ch) < 32 or ord(ch) == 127) else ch for ch in raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_QUERY_LENGTH].strip()


def words_in(text):
    """The words of a piece of text in lower case, without upper-case operator words."""
    return [word.lower() for word in WORD.findall(text) if word not in OPERATORS]


@dataclass
class ParsedQuery:
    """The words and quoted phrases of a search, all required."""

    text: str = ""
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.words or self.phrases)

    @property
    def terms(self):
        """Every word to highlight, from loose words and phrases alike."""
        seen = []
        for word in self.words + [w for phrase in self.phrases for w in phrase]:
            if word not in seen:
                seen.append(word)
        return seen


def parse(raw):
    """Split a typed query into required words and "quoted phrases"."""
    text = clean_text(raw)
    words, phrases = [], []
    # Text between pairs of double quotes is a phrase; an unpaired quote is ignored.
    pieces = text.split('"')
    if len(pieces) % 2 == 0:
        unpaired = pieces.pop()
        pieces[-1] = f"{pieces[-1]} {unpaired}"
    budget = MAX_TERMS
    for index, piece in enumerate(pieces):
        piece_words = words_in(piece)[:budget]
        budget -= len(piece_words)
        if not piece_words:
            continue
        if index % 2 == 1 and len(piece_words) > 1:
            phrases.append(piece_words)
        else:
            words.extend(w for w in piece_words if w not in words)
    return ParsedQuery(text=text, words=words, phrases=phrases)
