"""One SQL statement that matches, narrows, counts and ranks a search.

    matched  the public pages and resources whose index entry matches the words (read once);
    vals     every filter value each of them carries: the values stored in `PageFacet` and
             `ResourceFacet`, and the type, worked out here;
    okN      for each filter in use, the matched items that pass it.

Items are known by their search index entry id (`eid`), which is unique across pages and resources.

From these the statement returns, in one round trip, the number of results, one page of results in
rank order, and either the ids of every match (one text of ids per content type, which
`value_sets` turns into sets of bits and counts in the process) or, where the process keeps no
sets, the count of every filter value with the names of the topics, series and presenters
counted. Either way each filter's counts apply all the *other* filters in use.

What the public may see is decided here, from the live flag, page view restrictions and collection
view restrictions, so a change of privacy takes effect at once, in results and in counts alike.
"""

from wagtail.documents import get_document_model

from search import kinds
from search.models import PageFacet, ResourceFacet
from search.sources import Ending, Kind


def stored_as_shown(facet):
    """Whether every value of `facet` is read from `PageFacet` and `ResourceFacet` as stored: none is
    worked out during the search (the type) or from the time of the search (a session's end)."""
    return not facet.live_sources and not any(isinstance(source, Ending) for source in facet.page_sources)


def of_type_only(facet):
    """Whether every value of `facet` is the type, worked out from the content type."""
    return (
        bool(facet.live_sources)
        and not facet.page_sources
        and not facet.resource_sources
        and all(isinstance(source, Kind) for source in facet.live_sources)
    )


def ending_only(facet):
    """Whether `facet` holds only pages' stored ends (upcoming or past at the time of the search)."""
    return (
        not facet.live_sources
        and not facet.resource_sources
        and any(isinstance(source, Ending) for source in facet.page_sources)
    )


def passing_sql(search, facet, chosen, now):
    """SQL and parameters selecting the `eid` of the matched items that pass a filter worked out
    during the search (`facet` with the values `chosen`), without working out the values of every
    match; None when the filter is read from `vals`."""
    values, q = search.values, search.values.q
    if of_type_only(facet):
        document_type = int(values.ct(get_document_model()))
        named = kinds.named_content_type_ids()
        wanted = [int(ct) for ct, slug in named.items() if slug in chosen]
        if kinds.RESOURCE in chosen:
            wanted.append(document_type)
        tests = [f"ct IN ({', '.join(str(ct) for ct in wanted)})"] if wanted else []
        if kinds.OTHER_PAGES in chosen:
            known = ", ".join(str(int(ct)) for ct in [*named, document_type])
            tests.append(f"ct NOT IN ({known})")
        return f"SELECT eid FROM matched WHERE {' OR '.join(tests) or '1 = 0'}", []  # noqa: S608
    if ending_only(facet):
        # As `Values.shown` reads a stored end: on or after the time of the search is "before"
        # (upcoming), earlier is "after" (past).
        source = next(source for source in facet.page_sources if isinstance(source, Ending))
        tests, params = [], []
        if source.before in chosen:
            tests.append(f"{q('value')} >= %s")
            params.append(now)
        if source.after in chosen:
            tests.append(f"{q('value')} < %s")
            params.append(now)
        return (
            f"SELECT eid FROM matched WHERE ct IN ({search.page_types()}) "  # noqa: S608
            f"AND oid IN (SELECT {values.column(PageFacet, 'page')} FROM {values.table(PageFacet)} "
            f"WHERE {q('facet')} = '{facet.param}' AND ({' OR '.join(tests) or '1 = 0'}))",
            params,
        )
    return None


def top_sql(where, offset, limit):
    """SQL and parameters for one page of `matched` rows passing `where`, best first: titles
    holding more of the words, then relevance (read during the match), then the newest entry."""
    sql = (
        f"SELECT ct, oid, eid, hits, score FROM matched WHERE {where} "  # noqa: S608
        "ORDER BY hits DESC, score DESC, eid DESC LIMIT %s OFFSET %s"
    )
    return sql, [limit, offset]


def build(
    search,
    parsed,
    facets,
    selected,
    hidden_pages,
    documents,
    excluded_pages,
    offset,
    limit,
    now,
    count_values=True,
):
    """SQL and parameters for the whole statement, for the database search `search`.

    `hidden_pages` is (SQL, params) selecting the ids of the pages the public may not see, and
    `documents` the ids of the resources it may see;
    `excluded_pages` are page ids left out (those promoted above the results); `selected` is
    {param: values} of the filters in use; `now` the time of the search (`values.search_time`), with
    which stored ends are compared. With `count_values` false the statement counts no
    filter value: instead of the counts it returns the ids of every match, joined with commas, one
    row per content type (`value_sets` counts them).
    """
    params = []
    page_types, document_type = search.page_types(), search.document_types()
    match, match_params = search.dialect.match_sql(parsed, f"{page_types}, {document_type}")
    (hidden_sql, hidden_params), (documents_sql, documents_params) = hidden_pages, documents
    excluded = ""
    if excluded_pages:
        excluded = " AND x.oid NOT IN (" + ", ".join(str(int(pk)) for pk in excluded_pages) + ")"
    matched = (
        f"SELECT x.eid, x.ct, x.oid, x.hits, x.score FROM ({match}) x "  # noqa: S608
        f"WHERE (x.ct IN ({page_types}) AND x.oid NOT IN ({hidden_sql}){excluded}) "
        f"OR (x.ct IN ({document_type}) AND x.oid IN ({documents_sql}))"
    )
    params += [*match_params, *hidden_params, *documents_params]

    values, q = search.values, search.values.q
    # Pages: the values stored ahead of time, as search counts them.
    facet_column = f"pf.{q('facet')}"
    shown, shown_params = values.shown(facets, facet_column, f"pf.{q('value')}", now)
    pieces = [
        f"SELECT m.eid AS eid, {facet_column} AS facet, {shown} AS value "  # noqa: S608
        f"FROM matched m JOIN {values.table(PageFacet)} pf "
        f"ON pf.{values.column(PageFacet, 'page')} = m.oid WHERE m.ct IN ({page_types})",
        # Resources: the values stored ahead of time (none of them changes with the time).
        f"SELECT m.eid AS eid, rf.{q('facet')} AS facet, rf.{q('value')} AS value "  # noqa: S608
        f"FROM matched m JOIN {values.table(ResourceFacet)} rf "
        f"ON rf.{values.column(ResourceFacet, 'document')} = m.oid WHERE m.ct IN ({document_type})",
    ]
    params += shown_params
    for piece, piece_params in values.pieces(facets, "live"):
        pieces.append(piece)
        params += piece_params
    allowed = {facet.param for facet in facets}
    ctes = [f"matched AS MATERIALIZED ({matched})", f"vals AS ({' UNION ALL '.join(pieces)})"]

    # For each filter in use, the matched items (by index entry id) that pass it. A filter whose
    # values are all stored as they are shown looks them up in the stored values' index on (facet,
    # value), so that `vals` is worked out once, by the counts, instead of being kept whole for each
    # filter to read.
    by_param = {facet.param: facet for facet in facets}
    in_use = []
    for number, (param, chosen) in enumerate(item for item in selected.items() if item[0] in allowed):
        placeholders = ", ".join(["%s"] * len(chosen))
        if stored_as_shown(by_param[param]):
            ctes.append(
                f"ok{number} AS (SELECT eid FROM matched WHERE "  # noqa: S608
                f"(ct IN ({page_types}) AND oid IN (SELECT {values.column(PageFacet, 'page')} "
                f"FROM {values.table(PageFacet)} WHERE {q('facet')} = '{param}' "
                f"AND {q('value')} IN ({placeholders}))) "
                f"OR (ct IN ({document_type}) AND oid IN (SELECT {values.column(ResourceFacet, 'document')} "
                f"FROM {values.table(ResourceFacet)} WHERE {q('facet')} = '{param}' "
                f"AND {q('value')} IN ({placeholders}))))"
            )
            params += [*chosen, *chosen]
        elif (direct := passing_sql(search, by_param[param], chosen, now)) is not None:
            ctes.append(f"ok{number} AS ({direct[0]})")
            params += direct[1]
        else:
            ctes.append(
                f"ok{number} AS (SELECT eid FROM vals WHERE facet = '{param}' "  # noqa: S608
                f"AND value IN ({placeholders}))"
            )
            params += list(chosen)
        # Written as a test of the IN's result, so that PostgreSQL looks each id up in a hash of
        # the set instead of turning it into a join planned on a poor estimate of the set's size.
        in_use.append((param, f"(eid IN (SELECT eid FROM ok{number})) IS TRUE"))  # noqa: S608

    # Names of the values that name something in the database (topics, series, presenters).
    named = [(facet.param, values.label(facet, "v.value")) for facet in facets]
    cases = " ".join(f"WHEN '{param}' THEN {label}" for param, label in named if label)
    label = f"CASE v.facet {cases} END" if cases else "NULL"

    passes_all = " AND ".join(condition for _param, condition in in_use) or "1 = 1"
    # A value of one filter counts the items that pass every other filter in use.
    counted = " AND ".join(f"(facet = '{param}' OR {condition})" for param, condition in in_use) or "1 = 1"
    top, top_params = top_sql(passes_all, offset, limit)
    if count_values:
        first = (
            f"SELECT 'c' AS kind, v.facet AS a, v.value AS b, COUNT(*) AS n, {label} AS label FROM vals v "  # noqa: S608
            f"WHERE {counted} GROUP BY v.facet, v.value "
        )
    else:
        # `vals` is then read only by the filters worked out during the search (the type, upcoming
        # or past), if they are in use; otherwise neither database works it out.
        first = (
            f"SELECT 'm' AS kind, CAST(ct AS TEXT) AS a, {search.dialect.joined_ids('oid')} AS b, "  # noqa: S608
            "COUNT(*) AS n, CAST(NULL AS TEXT) AS label FROM matched GROUP BY ct "
        )
    # Names and integers only; every value is a parameter.
    statement = "WITH " + ", ".join(ctes) + " " + first
    statement += (
        f"UNION ALL SELECT 't', '', '', COUNT(*), NULL FROM matched WHERE {passes_all} "  # noqa: S608
        f"UNION ALL SELECT 'r', CAST(top.ct AS TEXT), CAST(top.oid AS TEXT), "
        f"ROW_NUMBER() OVER (ORDER BY top.hits DESC, top.score DESC, top.eid DESC), NULL FROM ({top}) top"
    )
    params += top_params
    return statement, params
