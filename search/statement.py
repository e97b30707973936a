"""One SQL statement that matches, narrows, counts and ranks a search.

    matched  the public pages and resources whose index entry matches the words (read once);
    vals     every filter value each of them carries: the values stored in `PageFacet` and
             `ResourceFacet`, and the type, worked out here;
    okN      for each filter in use, the matched items that pass it.

Items are known by their search index entry id (`eid`), which is unique across pages and resources.

From these the statement returns, in one round trip: the count of every filter value (each
filter's counts apply all the *other* filters in use) with the names of the topics, series and
presenters counted, the number of results, and one page of results in rank order. No list of ids
travels between Python and the database, so the time taken depends little on how many pages match.

What the public may see is decided here, from the live flag, page view restrictions and collection
view restrictions, so a change of privacy takes effect at once, in results and in counts alike.
"""

from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import connection, transaction
from wagtail.documents import get_document_model
from wagtail.models import get_page_models

from search import matching
from search.facets import Sql, WhenFacet
from search.models import PageFacet, ResourceFacet

# Planner settings for a broad search (see `run`); the `true` makes them last for the transaction.
MERGE_JOINS = "SELECT set_config('enable_nestloop', 'off', true), set_config('enable_hashjoin', 'off', true)"


@dataclass
class Outcome:
    counts: dict = field(default_factory=dict)  # {param: {value: count}}
    labels: dict = field(default_factory=dict)  # {param: {value: label}}, for filters with label SQL
    total: int = 0
    rows: list = field(default_factory=list)  # [(content type id, object id)] in rank order
    broad: bool = False  # planned as a broad search (see `matching.is_broad`)


def build(parsed, facets, selected, pages, documents, excluded_pages, offset, limit):
    """SQL and parameters for the whole statement.

    `pages` and `documents` are querysets of what the public may see; `excluded_pages` are page
    ids left out (those promoted above the results); `selected` is {param: values} of the filters
    in use.
    """
    params = []
    page_models = get_page_models()
    match, match_params = matching.match_sql(parsed, [*page_models, get_document_model()])
    page_types = matching.content_type_list(page_models)
    document_type = matching.content_type_list([get_document_model()])
    pages_sql, pages_params = matching.compiled(pages)
    documents_sql, documents_params = matching.compiled(documents)
    excluded = ""
    if excluded_pages:
        excluded = " AND x.oid NOT IN (" + ", ".join(str(int(pk)) for pk in excluded_pages) + ")"
    matched = (
        f"SELECT x.eid, x.ct, x.oid, x.hits, x.score FROM ({match}) x "  # noqa: S608
        f"WHERE (x.ct IN ({page_types}) AND x.oid IN ({pages_sql}){excluded}) "
        f"OR (x.ct IN ({document_type}) AND x.oid IN ({documents_sql}))"
    )
    params += [*match_params, *pages_params, *documents_params]

    sql = Sql()
    # Pages: the values stored ahead of time, as search counts them.
    facet_column = f"pf.{sql.q('facet')}"
    shown, shown_params = WhenFacet.shown(facet_column, f"pf.{sql.q('value')}")
    pieces = [
        f"SELECT m.eid AS eid, {facet_column} AS facet, {shown} AS value "  # noqa: S608
        f"FROM matched m JOIN {sql.table(PageFacet)} pf "
        f"ON pf.{sql.q('page_id')} = m.oid WHERE m.ct IN ({page_types})",
        # Resources: the values stored ahead of time (none of them changes with the time).
        f"SELECT m.eid AS eid, rf.{sql.q('facet')} AS facet, rf.{sql.q('value')} AS value "  # noqa: S608
        f"FROM matched m JOIN {sql.table(ResourceFacet)} rf "
        f"ON rf.{sql.q('document_id')} = m.oid WHERE m.ct IN ({document_type})",
    ]
    params += shown_params
    for facet in facets:
        for piece, piece_params in facet.live_pieces(sql):
            pieces.append(piece)
            params += piece_params
    allowed = {facet.param for facet in facets}
    values = " UNION ALL ".join(pieces)
    ctes = [f"matched AS MATERIALIZED ({matched})", f"vals AS ({values})"]

    # For each filter in use, the matched items (by index entry id) that pass it.
    in_use = []
    for number, (param, chosen) in enumerate(item for item in selected.items() if item[0] in allowed):
        placeholders = ", ".join(["%s"] * len(chosen))
        ctes.append(
            f"ok{number} AS (SELECT eid FROM vals WHERE facet = '{param}' "  # noqa: S608
            f"AND value IN ({placeholders}))"
        )
        params += list(chosen)
        # Written as a test of the IN's result, so that PostgreSQL looks each id up in a hash of
        # the set instead of turning it into a join planned on a poor estimate of the set's size.
        in_use.append((param, f"(eid IN (SELECT eid FROM ok{number})) IS TRUE"))  # noqa: S608

    # Labels of the values that name something in the database (topics, series, presenters).
    named = [(facet.param, facet.label_sql(sql, "v.value")) for facet in facets]
    cases = " ".join(f"WHEN '{param}' THEN {label}" for param, label in named if label)
    label = f"CASE v.facet {cases} END" if cases else "NULL"

    passes_all = " AND ".join(condition for _param, condition in in_use) or "1 = 1"
    # A value of one filter counts the items that pass every other filter in use.
    counted = " AND ".join(f"(facet = '{param}' OR {condition})" for param, condition in in_use) or "1 = 1"
    top, top_params = matching.top_sql(passes_all, offset, limit)
    statement = (  # noqa: S608 - names and integers only; every value is a parameter
        "WITH " + ", ".join(ctes) + " "  # noqa: S608
        f"SELECT 'c' AS kind, v.facet AS a, v.value AS b, COUNT(*) AS n, {label} AS label FROM vals v "
        f"WHERE {counted} GROUP BY v.facet, v.value "
        f"UNION ALL SELECT 't', '', '', COUNT(*), NULL FROM matched WHERE {passes_all} "
        f"UNION ALL SELECT 'r', CAST(top.ct AS TEXT), CAST(top.oid AS TEXT), "
        f"ROW_NUMBER() OVER (ORDER BY top.hits DESC, top.score DESC, top.eid DESC), NULL FROM ({top}) top"
    )
    params += top_params
    return statement, params


def run(parsed, facets, selected, pages, documents, excluded_pages, offset, limit):
    """Counts, total and one page of ranked (content type id, object id) rows, in one statement
    (on PostgreSQL after the planner's estimate of how broad the search is)."""
    statement, params = build(parsed, facets, selected, pages, documents, excluded_pages, offset, limit)
    broad = matching.is_broad(parsed, [*get_page_models(), get_document_model()])
    outcome = Outcome(broad=broad)
    ranked = []
    # A broad search on PostgreSQL merges its matches with the stored values (see
    # `matching.is_broad`); the settings last until the end of this transaction only.
    with transaction.atomic() if broad else nullcontext(), connection.cursor() as cursor:
        if broad:
            cursor.execute(MERGE_JOINS)
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    for kind, a, b, n, label in rows:
        if kind == "c":
            outcome.counts.setdefault(a, {})[b] = int(n)
            if label is not None:
                outcome.labels.setdefault(a, {})[b] = label
        elif kind == "t":
            outcome.total = int(n)
        else:
            ranked.append((int(n), int(a), int(b)))
    outcome.rows = [(ct, oid) for _n, ct, oid in sorted(ranked)]
    return outcome
