"""Caps on what visitors and API clients send that more than one part of the site enforces."""

# The longest search anyone may type, on the site's search page and in the API's `search`.
SEARCH_TEXT_LENGTH = 200
