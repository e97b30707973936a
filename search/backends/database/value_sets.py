"""Filter values kept in this process as sets of bits, so that counting them costs no database work.

Counting the values of a broad search in SQL means reading and grouping every stored value of every
match: about 46,000 rows for a word that matches 9,000 of 13,000 pages and resources. Here each
(filter, value) is a Python integer used as a set of bits, one bit for each page or resource that
carries the value (bit `2 * id` for the page `id`, `2 * id + 1` for the resource `id`). The search
statement returns which pages and resources match (their ids, joined into one text per content
type), and a value's count is the number of bits it shares with the matches that pass every other
filter in use (`int.bit_count()`).

Only the stored values (`PageFacet`, `ResourceFacet`) and the names of topics, series and
presenters are kept. Which pages and resources the public may see is still decided by the statement
on every search, and whether a session is upcoming or past is decided from its stored end at the
time of the search. The sets are built again, on the next search, after:

- any write of stored values (`search.facet_index` starts a new values generation, once more when
  its transaction commits), and
- any change that starts a new page cache generation (`home.page_cache`): publishing, unpublishing,
  moving or deleting a page, saving a topic, a setting or a view restriction, and so on, which is
  what the names of series and presenters (shown only while their page is public) depend on.

Both generations live in the shared cache. They are trusted only where the lists of view
restrictions already are (`SITE_CACHE_SECONDS` above 0, the cache shared by every process); without
that, or with the cache not answering, or if a page or resource would be counted twice for one
value, the statement counts the values itself as before, with the same results.
"""

import logging
import threading
import uuid
from bisect import bisect_left
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import router, transaction

from home import page_cache, site_reads
from home.throttling import CACHE_ERRORS
from search import kinds, sources
from search.models import PageFacet, ResourceFacet

VALUES_GENERATION_KEY = "search-values:generation"

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_kept = {}  # {database alias: ValueSets}


def start_values_generation():
    try:
        cache.set(VALUES_GENERATION_KEY, uuid.uuid4().hex, None)
    except CACHE_ERRORS:
        # Unreachable, the cache answers no generation either, so searches count in the statement.
        logger.warning("Could not start a new generation of search filter values: the cache is unreachable.")


def values_changed(model=PageFacet):
    """Stored filter values were written: the sets of every process are built again. Inside a
    transaction, once more when it commits, so that a set built from the values before the commit
    is not kept."""
    start_values_generation()
    connection = transaction.get_connection(router.db_for_write(model))
    if connection.in_atomic_block:
        transaction.on_commit(start_values_generation, using=connection.alias, robust=True)


def generations():
    """(page cache generation, values generation), or None when the cache does not keep them."""
    keys = [page_cache.GENERATION_KEY, VALUES_GENERATION_KEY]
    try:
        found = cache.get_many(keys)
        if len(found) < len(keys):
            for key in keys:
                if key not in found:
                    cache.add(key, uuid.uuid4().hex, None)
            found = cache.get_many(keys)
    except CACHE_ERRORS:
        return None
    if len(found) < len(keys):
        return None
    return tuple(found[key] for key in keys)


def position(is_resource, pk):
    return 2 * int(pk) + (1 if is_resource else 0)


def bits(positions):
    """One integer with the given bits set."""
    if not positions:
        return 0
    buffer = bytearray((max(positions) >> 3) + 1)
    for number in positions:
        buffer[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(buffer, "little")


def union(sets):
    found = 0
    for one in sets:
        found |= one
    return found


def ending_of(facet):
    """The first `sources.Ending` among the facet's page sources, as the statement applies it."""
    return next((source for source in facet.page_sources if isinstance(source, sources.Ending)), None)


def usable_facets(facets):
    """Whether every value of `facets` can be counted here: stored values, and the type."""
    return all(isinstance(source, sources.Kind) for facet in facets for source in facet.live_sources)


@dataclass
class ValueSets:
    key: tuple
    stored: dict  # {facet: {value: bits}} of values counted as stored
    ends: dict  # {facet: ([end as stored, sorted], [positions in the same order])}
    labels: dict  # {facet: {value: name or None}}
    sound: bool  # False when a page or resource carries the same value twice
    by_time: dict = field(default_factory=dict)  # {(facet, index of now in ends): (upcoming, past)}
    pending: object = None  # built inside a transaction: its commit callback, until it commits

    def committed(self):
        self.pending = None

    def still_valid(self, connection):
        """Sets built inside a transaction hold what that transaction wrote: they stay valid while
        it is open (its commit callback is still waiting) and once it commits, never after a
        rollback (which drops the callback)."""
        if self.pending is None:
            return True
        return connection.in_atomic_block and any(
            callback is self.pending for _ids, callback, _robust in connection.run_on_commit
        )

    def ending_bits(self, facet, source, now):
        """{value: bits} of a facet whose page values are ends: upcoming or past at `now`."""
        ends, positions = self.ends.get(facet.param, ([], []))
        index = bisect_left(ends, now)
        cached = self.by_time.get((facet.param, index))
        if cached is None:
            # Sessions end one by one: the sets change only when the time of the search passes one.
            cached = (bits(positions[index:]), bits(positions[:index]))
            if len(self.by_time) > 16:
                self.by_time = {}
            self.by_time[(facet.param, index)] = cached
        upcoming, past = cached
        return {source.before: upcoming, source.after: past}


def build(search, key, facets):
    """The sets for the database of `search` (a `DatabaseSearch`): one query reads each table of
    stored values, and one more the names of each filter whose values name rows (topics, series,
    presenters)."""
    values, q = search.values, search.values.q
    ending = {facet.param: ending_of(facet) for facet in facets if ending_of(facet)}
    stored, ends, seen, sound = {}, {}, set(), True
    reads = (
        (PageFacet, values.column(PageFacet, "page"), False),
        (ResourceFacet, values.column(ResourceFacet, "document"), True),
    )
    with search.connection.cursor() as cursor:
        for model, owner, is_resource in reads:
            cursor.execute(f"SELECT {owner}, {q('facet')}, {q('value')} FROM {values.table(model)}")  # noqa: S608
            for pk, facet, value in cursor.fetchall():
                place = position(is_resource, pk)
                if (place, facet, value) in seen:
                    sound = False
                seen.add((place, facet, value))
                if not is_resource and facet in ending:
                    ends.setdefault(facet, []).append((value, place))
                else:
                    stored.setdefault(facet, {}).setdefault(value, []).append(place)
        labels = {}
        for facet in facets:
            label = values.label(facet, "v.value")
            if not label:
                continue
            cursor.execute(
                f"SELECT v.value, {label} FROM (SELECT {q('value')} AS value FROM {values.table(PageFacet)} "  # noqa: S608
                f"WHERE {q('facet')} = %s UNION SELECT {q('value')} FROM {values.table(ResourceFacet)} "
                f"WHERE {q('facet')} = %s) v",
                [facet.param, facet.param],
            )
            labels[facet.param] = dict(cursor.fetchall())
    ordered = {}
    for facet, pairs in ends.items():
        pairs.sort()
        ordered[facet] = ([end for end, _place in pairs], [place for _end, place in pairs])
    return ValueSets(
        key=key,
        stored={
            facet: {value: bits(places) for value, places in found.items()} for facet, found in stored.items()
        },
        ends=ordered,
        labels=labels,
        sound=sound,
    )


def current(search, facets):
    """The sets for `search`'s database, built again if anything changed since; None when counting
    must stay in SQL (see the module's notes)."""
    if not site_reads.cache_seconds() or not usable_facets(facets):
        return None
    found = generations()
    if found is None:
        return None
    key = (*found, tuple(facet.param for facet in facets))
    alias = search.connection.alias
    kept = _kept.get(alias)
    if kept is None or kept.key != key or not kept.still_valid(search.connection):
        kept = build(search, key, facets)
        if search.connection.in_atomic_block:
            kept.pending = kept.committed
            transaction.on_commit(kept.pending, using=alias)
        with _lock:
            _kept[alias] = kept
    return kept if kept.sound else None


def matched_bits(rows, document_type_ids):
    """{content type id: bits} from the statement's rows of matches: (content type id, the object
    ids joined with commas, how many)."""
    found, number = {}, 0
    for ct, joined, count in rows:
        odd = 1 if int(ct) in document_type_ids else 0
        found[int(ct)] = bits([2 * pk + odd for pk in map(int, str(joined).split(","))])
        number += int(count)
    return found, number


def count(kept, facets, selected, by_type, document_types, now):
    """(counts, labels) as the statement would give them: {param: {value: count}} and {param:
    {value: name}}. `by_type` is {content type id: bits} of the matches; `selected` is {param:
    values} of the filters in use; `document_types` the content type ids of resources; `now` the
    time of the search as the statement compared the stored ends with it."""
    named = kinds.named_content_type_ids()
    matched = union(by_type.values())
    of_kind = {}
    for ct, found in by_type.items():
        kind = kinds.RESOURCE if ct in document_types else named.get(ct, kinds.OTHER_PAGES)
        of_kind[kind] = of_kind.get(kind, 0) | found
    by_value = {}
    for facet in facets:
        masks = dict(kept.stored.get(facet.param, {}))
        ending = ending_of(facet)
        if ending is not None:
            for value, found in kept.ending_bits(facet, ending, now).items():
                masks[value] = masks.get(value, 0) | found
        if facet.live_sources:
            for value, found in of_kind.items():
                masks[value] = masks.get(value, 0) | found
        by_value[facet.param] = masks
    passing = {}
    for param, chosen in selected.items():
        if param in by_value:
            passing[param] = union(by_value[param].get(value, 0) for value in chosen)
    counts, labels = {}, {}
    for facet in facets:
        base = matched
        for param, passed in passing.items():
            if param != facet.param:
                base &= passed
        names = kept.labels.get(facet.param, {})
        for value, found in by_value[facet.param].items():
            number = (base & found).bit_count()
            if number:
                counts.setdefault(facet.param, {})[value] = number
                if names.get(value) is not None:
                    labels.setdefault(facet.param, {})[value] = names[value]
    return counts, labels
