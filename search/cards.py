"""What a search result shows of a page or resource, kept in the shared cache between searches.

A page of results shows ten of the thousands of pages and resources a broad search matches, and
the same ones come back in search after search. Loading them (each page as its own type, with its
picture's renditions, its series and the names of its hosts) and writing their thumbnails was
about a third of a results page's time. What a result shows, apart from its excerpt (which quotes
the searched words), is the same for every search and changes only when published content does:
publishing, unpublishing, moving a page, or saving a snippet, image or document starts a new
generation of the page cache (`home.page_cache`). So each result's card is kept under that
generation for `FRAGMENT_CACHE_SECONDS`, like the rendered parts of pages (`home.fragments`), and
per host, since a page's address may be written in full for another site. With that setting at 0
nothing is kept.

Which results a search finds, and whether the public may see them, is worked out by every search
(the statement in `search.backends.database`): a card is only ever shown for a result the search
has just found, so a page made private or unpublished is never shown from here.
"""

from django.core.cache import cache

from home import fragments, page_cache

# What a card holds, and what it holds when its page or resource has nothing of the kind.
BLANK = {
    "kind": "",
    "kind_label": "",
    "title": "",
    "url": "",
    "texts": (),  # the texts its excerpt may quote, most telling first
    "summary": "",  # the text it quotes when none of them mentions a searched word
    "thumbnail": "",  # the picture's markup
    "thumbnail_image_id": None,
    "hosts": (),
    "series": "",
    "date": "",
    "date_iso": "",
    "file_type": "",
}


def card(**values):
    """A card with these values, the others blank."""
    unknown = set(values) - set(BLANK)
    if unknown:
        raise TypeError(f"A search result's card holds no {', '.join(sorted(unknown))}.")
    return {**BLANK, **values}


def seconds():
    return fragments.cache_seconds()


def keys_for(rows, request):
    """{(content type id, object id): cache key} for `rows`, or {} when no card is kept.

    Read before the cards are loaded, as `home.page_cache.remember` does: a card loaded while a
    change is published is then filed under the generation that change replaced, never under the
    new one."""
    if not seconds() or not rows:
        return {}
    prefix = f"search-result:{page_cache.generation()}:{request.get_host()}"
    return {row: f"{prefix}:{int(row[0])}:{int(row[1])}" for row in rows}


def kept(keys):
    """{(content type id, object id): card} for those of `keys` (from `keys_for`) in the cache."""
    if not keys:
        return {}
    found = cache.get_many(list(keys.values()))
    return {row: found[key] for row, key in keys.items() if key in found}


def keep(keys, cards):
    """Keep `cards` ({(content type id, object id): card}) under their `keys` for the next searches."""
    if keys and cards:
        cache.set_many({keys[row]: card for row, card in cards.items()}, seconds())
