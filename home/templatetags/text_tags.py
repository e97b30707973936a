"""Small typographic filters for text editors type, so that pages read as if set by hand."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

DOUBLE_QUOTES = '“”"'
STRAIGHT_PAIR = re.compile(r'"([^"]*)"')


@register.filter
def as_quotation(text):
    """A quotation's words for a template that sets its own quotation marks around them.

    Marks typed around the whole quotation are dropped (the design adds them), and quoted words
    inside take single marks, as a quote within a quote does in English: “‘Tell Me Why’ was…”.
    """
    text = str(text or "").strip()
    if len(text) > 1 and text[0] in DOUBLE_QUOTES and text[-1] in DOUBLE_QUOTES:
        inner = text[1:-1]
        if not any(mark in inner for mark in DOUBLE_QUOTES):
            text = inner.strip()
    text = STRAIGHT_PAIR.sub("‘\\1’", text)
    return text.replace("“", "‘").replace("”", "’")


@register.filter
def breakable_email(address):
    """An e-mail address that a narrow screen may wrap only before its “@” and its dots, never
    inside a word."""
    pieces = re.split(r"(?=[@.])", str(address or ""))
    return mark_safe("<wbr>".join(escape(piece) for piece in pieces))  # noqa: S308 - each piece escaped


@register.filter
def initials(name, most=2):
    """Capital letters for a monogram: a person's first and last initials (“Adrienne van der Valk”
    is AV), or up to ``most`` letters of an organization's name (``"HEAL Together"|initials:3`` is HT,
    Human Impact Partners HIP). Lowercase words such as “of” and “van” are skipped."""
    words = [word for word in str(name or "").split() if word[:1].isalpha()]
    capitals = [word[0] for word in words if word[0].isupper()] or [word[0].upper() for word in words[:1]]
    if len(capitals) > most:
        capitals = capitals[: most - 1] + capitals[-1:]
    return "".join(capitals)
