"""Full-text matching against Wagtail's search index tables, planned for speed.

Wagtail's own query API ranks each result with a correlated subquery and lets SQLite probe the
full-text index once per index entry, which takes seconds on ten thousand sessions. Here the match
runs once per statement: the full-text index is read first, and only then joined to the allowed
pages and resources. The words come from `search.query`, which keeps letters and digits only, and
are passed as query parameters, never spliced into SQL; only table names and content type ids
(integers from the database) are written into the SQL text.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import get_page_models
from wagtail.search.backends import get_search_backend

ENTRY = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
# Weights for SQLite's bm25 over the FTS5 columns (autocomplete, body, title): title counts most.
BM25_WEIGHTS = "0.0, 1.0, 5.0"
# A search PostgreSQL expects to match at least this share of the index entries is broad (see
# `is_broad`). Measured at 10,000 sessions: at 71 % the merge plan saved 5 ms of 42; at 32 % and
# below it cost up to 5 ms more. Halfway between is where it starts to pay.
BROAD_SHARE = 0.5


def is_sqlite():
    return connection.vendor == "sqlite"


def fts5_expression(parsed):
    """An FTS5 MATCH string: every word and every phrase required, in the title or the body."""
    parts = [f'"{word}"' for word in parsed.words]
    parts += ['"' + " ".join(phrase) + '"' for phrase in parsed.phrases]
    return "{title body} : (" + " AND ".join(parts) + ")"


_default_config = {}


def _pg_config():
    """The text search configuration, always named.

    Wagtail's index uses the database's default configuration unless one is set. Naming it makes
    the tsquery functions immutable, so PostgreSQL works them out once while planning and can
    answer each word from the GIN indexes. The default is read once per process.
    """
    config = getattr(get_search_backend(), "config", None)
    if config:
        return config
    alias = connection.alias
    if alias not in _default_config:
        with connection.cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            _default_config[alias] = cursor.fetchone()[0]
    return _default_config[alias]


def _pg_tsquery(parsed):
    """SQL and parameters for a tsquery requiring every word and every phrase."""
    config = _pg_config()
    pieces, params = [], []
    for function, text in [("plainto_tsquery", " ".join(parsed.words))] * bool(parsed.words) + [
        ("phraseto_tsquery", " ".join(phrase)) for phrase in parsed.phrases
    ]:
        if config:
            pieces.append(f"{function}(%s::regconfig, %s)")
            params += [config, text]
        else:
            pieces.append(f"{function}(%s)")
            params.append(text)
    return " && ".join(pieces), params


def _pg_required(parsed):
    """SQL and parameters requiring every word and every phrase in the title or in the body.

    Each test reads one of the title and body GIN indexes, so no tsvector is built per row. A word
    the dictionary drops (a stop word such as "the") requires nothing, as in a plain tsquery; if
    nothing at all is left, nothing matches.
    """
    config = _pg_config()
    terms = [("plainto_tsquery", word) for word in parsed.words]
    terms += [("phraseto_tsquery", " ".join(phrase)) for phrase in parsed.phrases]
    tests, params = [], []
    for function, text in terms:
        call = f"{function}(%s::regconfig, %s)" if config else f"{function}(%s)"
        call_params = [config, text] if config else [text]
        tests.append(f"(numnode({call}) = 0 OR e.title @@ {call} OR e.body @@ {call})")
        params += call_params * 3
    whole, whole_params = _pg_tsquery(parsed)
    tests.append(f"numnode({whole}) > 0")
    return " AND ".join(tests), [*params, *whole_params]


def compiled(queryset):
    """SQL and parameters selecting the primary keys of `queryset`, for use as a subquery."""
    sql, params = queryset.values("pk").order_by().query.sql_with_params()
    return sql, list(params)


def content_type_list(models):
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    return ", ".join(str(int(pk)) for pk in ids) or "NULL"


def title_hits(parsed):
    """SQL counting how many of the searched words the entry's title holds, and its parameters."""
    title_column = "e.title" if is_sqlite() else "e.title_text"
    hits = " + ".join([f"(CASE WHEN LOWER({title_column}) LIKE %s THEN 1 ELSE 0 END)"] * len(parsed.terms))
    return hits or "0", [f"%{term}%" for term in parsed.terms]


def match_sql(parsed, models):
    """SQL and parameters for the index entries of `models` that match the query.

    Each row has the entry's id (`eid`), content type (`ct`), object id (`oid`), how many searched
    words its title holds (`hits`) and, on SQLite, its bm25 score (`score`, higher is better; bm25
    can only be read where the full-text index is matched).
    """
    types = content_type_list(models)
    hits, hit_params = title_hits(parsed)
    if is_sqlite():
        sql = (
            f"SELECT e.id AS eid, e.content_type_id AS ct, CAST(e.object_id AS INTEGER) AS oid, "  # noqa: S608
            f"{hits} AS hits, -bm25({FTS}, {BM25_WEIGHTS}) AS score "
            f"FROM {FTS} JOIN {ENTRY} e ON {FTS}.rowid = e.id "
            f"WHERE {FTS} MATCH %s AND +e.content_type_id IN ({types})"
        )
        return sql, [*hit_params, fts5_expression(parsed)]
    tests, test_params = _pg_required(parsed)
    tsquery, tsquery_params = _pg_tsquery(parsed)
    # Ranked while the entry is read: title counts five times as much as the body.
    score = f"(ts_rank(e.title, {tsquery}) * 5 + ts_rank(e.body, {tsquery}))"
    sql = (
        f"SELECT e.id AS eid, e.content_type_id AS ct, CAST(e.object_id AS BIGINT) AS oid, "  # noqa: S608
        f"{hits} AS hits, {score} AS score FROM {ENTRY} e WHERE e.content_type_id IN ({types}) AND {tests}"
    )
    return sql, [*hit_params, *tsquery_params, *tsquery_params, *test_params]


def sqlite_suggestions(words, pages, documents, limit):
    """(content type id, object id) of up to `limit` public pages, then resources, whose
    autocomplete text (their titles) holds every word, the last one as the start of a word; best
    first.

    The same match Wagtail's autocomplete makes on SQLite, read from the full-text index once: its
    own query scores each page with a subquery that probes the index again, which takes seconds
    per keystroke on a large site. `pages` and `documents` are querysets of what the public may see.
    """
    page_models = get_page_models()
    document_model = get_document_model()
    page_types = content_type_list(page_models)
    document_type = content_type_list([document_model])
    last, *others = reversed(words)
    expression = "{autocomplete} : (" + " AND ".join([f'"{last}"*', *(f'"{word}"' for word in others)]) + ")"
    pages_sql, pages_params = compiled(pages)
    documents_sql, documents_params = compiled(documents)
    oid = "CAST(e.object_id AS INTEGER)"
    sql = (
        f"SELECT e.content_type_id, {oid} FROM {FTS} JOIN {ENTRY} e ON {FTS}.rowid = e.id "  # noqa: S608
        f"WHERE {FTS} MATCH %s AND ((+e.content_type_id IN ({page_types}) AND {oid} IN ({pages_sql})) "
        f"OR (+e.content_type_id IN ({document_type}) AND {oid} IN ({documents_sql}))) "
        f"ORDER BY e.content_type_id IN ({document_type}), bm25({FTS}), {oid} DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [expression, *pages_params, *documents_params, int(limit)])
        return [(int(ct), int(pk)) for ct, pk in cursor.fetchall()]


def top_sql(where, offset, limit):
    """SQL and parameters for one page of `matched` rows passing `where`, best first: titles
    holding more of the words, then relevance (read during the match), then the newest entry."""
    sql = (
        f"SELECT ct, oid, eid, hits, score FROM matched WHERE {where} "  # noqa: S608
        "ORDER BY hits DESC, score DESC, eid DESC LIMIT %s OFFSET %s"
    )
    return sql, [limit, offset]


def is_broad(parsed, models):
    """Whether PostgreSQL expects the words to match at least `BROAD_SHARE` of the index entries.

    Such a search reads the stored filter values of thousands of matches. Merging them in page
    order with the whole index of stored values is then faster than looking each match up, but
    PostgreSQL's cost model prefers the lookups (or a hash join, slower still here), so the search
    statement turns both off for a broad search (see `search.statement.run`). The estimate is the
    planner's own, from one EXPLAIN that runs nothing. On SQLite no search is broad.
    """
    if is_sqlite() or not parsed:
        return False
    match, params = match_sql(parsed, models)
    with connection.cursor() as cursor:
        both = f"SELECT 1 FROM ({match}) x UNION ALL SELECT 1 FROM {ENTRY}"  # noqa: S608 - see above
        cursor.execute(f"EXPLAIN (FORMAT JSON) {both}", params)
        plan = cursor.fetchone()[0]
    node = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    while len(node.get("Plans", [])) == 1:  # down to the two halves of the UNION
        node = node["Plans"][0]
    halves = node.get("Plans", [])
    if len(halves) != 2:
        # The planner dropped the match: the words can match nothing (stop words only, say).
        return False
    matched, entries = (half["Plan Rows"] for half in halves)
    return entries > 0 and matched >= BROAD_SHARE * entries
