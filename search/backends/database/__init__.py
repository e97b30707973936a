"""Search in the site's own database, through Wagtail's database search index.

`DatabaseSearch` runs on one connection, the one Django's router names: reads on the alias
`router.db_for_read` gives for Wagtail's index model (a read replica may take the search load),
writes of the stored filter values on the alias `router.db_for_write` gives for them. The SQL
dialect is chosen by the connection's vendor: SQLite (with FTS5) or PostgreSQL. Any other database
is refused when the site starts (`search.checks`) and here.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from wagtail.documents import get_document_model
from wagtail.models import Page, get_page_models

from search.backends.database import statement, value_sets
from search.backends.database.dialects import DIALECTS, index_entry_model
from search.backends.database.values import Values, search_time
from search.models import PageFacet

SUPPORTED = ", ".join(sorted(DIALECTS))


@dataclass
class Outcome:
    counts: dict = field(default_factory=dict)  # {param: {value: count}}
    labels: dict = field(default_factory=dict)  # {param: {value: label}}, for filters named in tables
    total: int = 0
    rows: list = field(default_factory=list)  # [(content type id, object id)] in rank order


def unsupported(alias, vendor):
    """Why search cannot run on the database `alias`, or None when it can."""
    if vendor in DIALECTS:
        return None
    return (
        f"Site search reads Wagtail's database search index with SQL written for {SUPPORTED}, but the "
        f"database “{alias}” that Django's router names for it is {vendor}."
    )


def content_type_ids(models):
    return {int(ct.pk) for ct in ContentType.objects.get_for_models(*models).values()}


def content_type_list(models):
    """The content type ids of `models` written out for SQL's IN (...)."""
    return ", ".join(str(pk) for pk in sorted(content_type_ids(models))) or "NULL"


class DatabaseSearch:
    """Search on the database `alias`."""

    def __init__(self, alias):
        self.alias = alias
        self.connection = connections[alias]
        problem = unsupported(alias, self.connection.vendor)
        if problem:
            raise ImproperlyConfigured(problem)
        self.dialect = DIALECTS[self.connection.vendor](self.connection)
        self.values = Values(self.connection, self.dialect)

    @classmethod
    def for_reading(cls):
        return cls(router.db_for_read(index_entry_model()))

    @classmethod
    def for_writing(cls, model=PageFacet):
        return cls(router.db_for_write(model))

    # Helpers

    def page_types(self):
        return content_type_list(get_page_models())

    def document_types(self):
        return content_type_list([get_document_model()])

    def compiled(self, queryset):
        """SQL and parameters selecting the primary keys of `queryset`, for use as a subquery, as
        this connection writes them."""
        query = queryset.values("pk").order_by().query
        sql, params = query.get_compiler(using=self.alias).as_sql()
        return sql, list(params)

    # Searching

    def search(self, parsed, facets, selected, hidden_pages, documents, excluded_pages, offset, limit):
        """Counts of every filter value, the number of results and one page of ranked (content type
        id, object id) rows, in one statement.

        `hidden_pages` is a queryset of the pages the public may not see, `documents` one of the
        resources it may see; `excluded_pages` are ids of pages left out; `selected` is {param:
        values} of the filters in use.
        """
        visible = (self.compiled(hidden_pages), self.compiled(documents))
        kept = value_sets.current(self, facets)
        # One time of the search for the statement and the counts, so both read an end alike.
        now = search_time()
        arguments = (self, parsed, facets, selected, *visible, excluded_pages, offset, limit, now)
        sql, params = statement.build(*arguments, count_values=kept is None)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if kept is not None:
            document_types = content_type_ids([get_document_model()])
            matches = [(a, b, n) for kind, a, b, n, _label in rows if kind == "m"]
            by_type, number = value_sets.matched_bits(matches, document_types)
            if value_sets.union(by_type.values()).bit_count() != number:
                # A page or resource matched twice (under two content types): the statement counts it
                # twice for each of its values, as before.
                sql, params = statement.build(*arguments)
                with self.connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    rows = cursor.fetchall()
                kept = None
        outcome = Outcome()
        if kept is not None:
            found = value_sets.count(kept, facets, selected, by_type, document_types, now)
            outcome.counts, outcome.labels = found
        ranked = []
        for kind, a, b, n, label in rows:
            if kind == "m":
                continue
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

    def suggest(self, words, pages, documents, limit, only=()):
        """The public pages, then resources, whose titles hold the words typed so far (the last one
        as the start of a word), best first: at most `limit` in all. `pages` and `documents` are
        querysets of what the public may see; `only` names the page fields to load."""
        pages, documents = pages.using(self.alias), documents.using(self.alias)
        if not self.dialect.uses_own_suggestions():
            text = " ".join(words)
            found = list(pages.autocomplete(text).get_queryset()[:limit].only(*only))
            if len(found) >= limit:
                return found, []
            # Collections are filtered after the search: Wagtail's search cannot filter on them.
            document_model = get_document_model()
            matching = document_model.objects.using(self.alias).autocomplete(text).get_queryset()
            return found, list(matching.filter(pk__in=documents.values("pk"))[: limit - len(found)])
        rows = self.dialect.suggestions(
            words,
            self.page_types(),
            self.document_types(),
            self.compiled(pages),
            self.compiled(documents),
            limit,
        )
        document_type = ContentType.objects.get_for_model(get_document_model()).pk
        page_ids = [pk for ct, pk in rows if ct != document_type]
        document_ids = [pk for ct, pk in rows if ct == document_type]
        found = (
            Page.objects.using(self.alias).filter(pk__in=page_ids).only(*only).in_bulk() if page_ids else {}
        )
        files = documents.model.objects.using(self.alias).in_bulk(document_ids) if document_ids else {}
        return (
            [found[pk] for pk in page_ids if pk in found],
            [files[pk] for pk in document_ids if pk in files],
        )

    # Storing filter values

    def store_values(self, model, facets, source, owner, where_ids=None):
        """Write into `model` (`PageFacet` or `ResourceFacet`, whose column `owner` points at the
        `source` model) the values `facets` give the source's rows: those with the ids `where_ids`,
        or every page but the tree's root, or every resource."""
        kind = "page" if model is PageFacet else "resource"
        pieces, params = [], []
        for piece, piece_params in self.values.pieces(facets, kind):
            pieces.append(piece)
            params += piece_params
        if not pieces:
            return
        q, values = self.connection.ops.quote_name, self.values
        # The object's id stands in for the search entry id, so each piece yields the id of the page or
        # resource that carries the value.
        content_type = q("content_type_id") if source is Page else str(int(values.ct(source)))
        pk, table = q(source._meta.pk.column), q(source._meta.db_table)
        if where_ids is not None:
            where = f"WHERE {pk} IN ({', '.join(str(int(number)) for number in where_ids)})"
        else:
            where = f"WHERE {q('depth')} > 1" if source is Page else ""
        matched = f"SELECT {content_type} AS ct, {pk} AS oid, {pk} AS eid FROM {table} {where}"  # noqa: S608
        columns = ", ".join(q(name) for name in (owner, "facet", "value"))
        sql = (
            f"WITH matched AS ({matched}) "  # noqa: S608 - names and integers only
            f"INSERT INTO {values.table(model)} ({columns}) SELECT v.eid, v.facet, v.value FROM ("
            + " UNION ALL ".join(pieces)
            + ") v"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
