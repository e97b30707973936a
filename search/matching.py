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
from django.db.models.expressions import RawSQL
from wagtail.search.backends import get_search_backend

ENTRY = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
# Weights for SQLite's bm25 over the FTS5 columns (autocomplete, body, title): title counts most.
BM25_WEIGHTS = "0.0, 1.0, 5.0"


def is_sqlite():
    return connection.vendor == "sqlite"


def fts5_expression(parsed):
    """An FTS5 MATCH string: every word and every phrase required, in the title or the body."""
    parts = [f'"{word}"' for word in parsed.words]
    parts += ['"' + " ".join(phrase) + '"' for phrase in parsed.phrases]
    return "{title body} : (" + " AND ".join(parts) + ")"


def _pg_config():
    config = getattr(get_search_backend(), "config", None)
    return config


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


def _pg_prefilter(parsed):
    """A looser tsquery (any of the words) that the title and body GIN indexes can answer.

    Every real match contains at least one of the words in its title or its body, so this narrows
    the rows before the exact test on title and body together, which no index can serve.
    """
    config = _pg_config()
    text = " or ".join(parsed.terms)
    if config:
        return "websearch_to_tsquery(%s::regconfig, %s)", [config, text]
    return "websearch_to_tsquery(%s)", [text]


def _content_type_list(models):
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    return ", ".join(str(int(pk)) for pk in ids) or "NULL"


def match_ids(parsed, models):
    """A subquery expression: ids of objects of `models` whose index entry matches the query."""
    types = _content_type_list(models)
    if is_sqlite():
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {FTS} "  # noqa: S608
            f"JOIN {ENTRY} e ON {FTS}.rowid = e.id "
            f"WHERE {FTS} MATCH %s AND +e.content_type_id IN ({types})"
        )
        return RawSQL(sql, [fts5_expression(parsed)])  # noqa: S611
    tsquery, params = _pg_tsquery(parsed)
    prefilter, prefilter_params = _pg_prefilter(parsed)
    sql = (
        f"SELECT e.object_id::bigint FROM {ENTRY} e, (SELECT {prefilter} AS loose, {tsquery} AS query) AS q "  # noqa: S608
        f"WHERE e.content_type_id IN ({types}) AND (e.title @@ q.loose OR e.body @@ q.loose) "
        f"AND (e.title || e.body) @@ q.query"
    )
    return RawSQL(sql, [*prefilter_params, *params])  # noqa: S611


def id_list(ids):
    """A subquery over a list of ids passed as a single parameter, cheap to build for any length."""
    if is_sqlite():
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps([int(pk) for pk in ids])])  # noqa: S611
    return RawSQL("SELECT unnest(%s::bigint[])", [[int(pk) for pk in ids]])  # noqa: S611


def ranked_rows(parsed, page_ids, page_models, document_ids, document_model, offset, limit):
    """One page of (content type id, object id) pairs, best first, and the total number of matches.

    `page_ids` and `document_ids` are what may be shown (public, filtered, and already known to
    match); only the ranking happens here. A title holding every searched word ranks above one that
    does not.
    """
    page_types = _content_type_list(page_models)
    document_type = _content_type_list([document_model])
    title_column = "e.title" if is_sqlite() else "e.title_text"
    hits = " + ".join([f"(CASE WHEN LOWER({title_column}) LIKE %s THEN 1 ELSE 0 END)"] * len(parsed.terms))
    hit_params = [f"%{term}%" for term in parsed.terms]
    if is_sqlite():
        # bm25() needs the full-text match itself; the allowed ids then narrow it.
        allowed = (
            f"((+e.content_type_id IN ({page_types}) AND CAST(e.object_id AS INTEGER) IN "  # noqa: S608
            f"(SELECT value FROM json_each(%s))) OR (+e.content_type_id IN ({document_type}) "
            f"AND CAST(e.object_id AS INTEGER) IN (SELECT value FROM json_each(%s))))"
        )
        source = f"FROM {FTS} JOIN {ENTRY} e ON {FTS}.rowid = e.id WHERE {FTS} MATCH %s AND {allowed}"
        source_params = [
            fts5_expression(parsed),
            json.dumps(sorted(int(pk) for pk in page_ids)),
            json.dumps(sorted(int(pk) for pk in document_ids)),
        ]
        score = f"bm25({FTS}, {BM25_WEIGHTS})"
        score_order = "score ASC"
    else:
        # Every allowed id is known to match: look its entries up by the (content type, object id)
        # index instead of testing the query against every entry again; ts_rank scores them.
        tsquery, tsquery_params = _pg_tsquery(parsed)
        allowed = (
            f"((e.content_type_id IN ({page_types}) AND e.object_id = ANY(%s::text[])) "
            f"OR (e.content_type_id IN ({document_type}) AND e.object_id = ANY(%s::text[])))"
        )
        source = f"FROM {ENTRY} e, (SELECT {tsquery} AS query) AS q WHERE {allowed}"
        source_params = [
            *tsquery_params,
            [str(int(pk)) for pk in page_ids],
            [str(int(pk)) for pk in document_ids],
        ]
        score = "(ts_rank(e.title, q.query) * 5 + ts_rank(e.body, q.query))"
        score_order = "score DESC"
    # The match is scored in an inner query; the outer one counts, orders and cuts the page.
    sql = (
        f"SELECT content_type_id, object_id, COUNT(*) OVER () AS total FROM ("  # noqa: S608
        f"SELECT e.content_type_id, e.object_id, e.id, {hits} AS hits, {score} AS score {source}"
        f") AS matched ORDER BY hits DESC, {score_order}, id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*hit_params, *source_params, limit, offset])
        rows = cursor.fetchall()
    total = rows[0][2] if rows else None
    return [(content_type, int(object_id)) for content_type, object_id, *_rest in rows], total
