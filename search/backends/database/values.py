"""The SQL that finds the filter values of many pages or resources at once.

Each source a filter declares (`search.sources`) becomes one `SELECT eid, facet, value` piece over
a `matched` set of pages or resources (rows with `eid`, `ct` and `oid`). The pieces of pages and
resources are run ahead of any search and their rows stored in `PageFacet` and `ResourceFacet`; the
pieces of what is worked out while searching (the type) run within the search statement.

Only table and column names from the models, filter names, kind slugs and content type ids
(integers) are written into SQL text; everything else is a query parameter.
"""

from datetime import UTC

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from home.filter_values import NamedRows, PageTitles
from search import kinds, sources


def search_time():
    """The time of a search, as the stored ends (UTC text) are compared with it."""
    return timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


class Values:
    def __init__(self, connection, dialect):
        self.connection = connection
        self.dialect = dialect
        self.q = connection.ops.quote_name
        self.page_table = self.table(Page)

    @staticmethod
    def ct(model):
        return ContentType.objects.get_for_model(model).pk

    def table(self, model):
        return self.q(model._meta.db_table)

    def column(self, model, name):
        return self.q(model._meta.get_field(name).column)

    def pk(self, model):
        return self.q(model._meta.pk.column)

    def text(self, sql):
        """A value as text, so that every piece yields the same column types."""
        return f"CAST({sql} AS TEXT)"

    # Pieces

    def pieces(self, facets, kind):
        """[(SQL, params)] of every available filter's `kind` sources ("page", "resource" or "live")."""
        found = []
        for facet in facets:
            for source in getattr(facet, f"{kind}_sources"):
                if all(kinds.model(label) is not None for label in source.models()):
                    found.append(self.piece(facet, source))
        return found

    def piece(self, facet, source):
        def head(value, distinct=False):
            keyword = "SELECT DISTINCT" if distinct else "SELECT"
            return f"{keyword} m.eid AS eid, '{facet.param}' AS facet, {value} AS value"

        if isinstance(source, sources.Kind):
            return f"{head(self.kind_case())} FROM matched m", []
        model = kinds.model(source.model)
        of_model = f"m.ct = {int(self.ct(model))}"
        if isinstance(source, sources.Itself):
            return f"{head(self.text('m.oid'))} FROM matched m WHERE {of_model}", []
        if isinstance(source, sources.SharedAt):
            link = kinds.model(source.link)
            join = f"JOIN {self.table(link)} d ON d.{self.column(link, source.resource)} = m.oid"
            value, joins = self.reached(source.source, f"d.{self.column(link, source.page)}")
            return f"{head(value, distinct=True)} FROM matched m {join} {joins} WHERE {of_model}", []  # noqa: S608
        if isinstance(source, (sources.Parent, sources.Linked)):
            value, joins = self.reached(source, "m.oid")
            distinct = isinstance(source, sources.Linked)
            return f"{head(value, distinct)} FROM matched m {joins} WHERE {of_model}", []  # noqa: S608
        if isinstance(source, sources.Topics):
            through = model.topics.through
            topic = through._meta.get_field("tag").related_model
            value = f"t.{self.column(topic, facet.values.value_field)}"
            return (
                f"{head(value)} FROM matched m "  # noqa: S608
                f"JOIN {self.table(through)} x ON x.{self.column(through, 'content_object')} = m.oid "
                f"JOIN {self.table(topic)} t ON t.{self.pk(topic)} = x.{self.column(through, 'tag')} "
                f"WHERE {of_model}",
                [],
            )
        row = f"JOIN {self.table(model)} r ON r.{self.pk(model)} = m.oid"
        column = f"r.{self.column(model, source.field)}"
        if isinstance(source, sources.Field):
            where = f"{column} IS NOT NULL AND {column} <> ''"
            return f"{head(column)} FROM matched m {row} WHERE {of_model} AND {where}", []  # noqa: S608
        if isinstance(source, sources.Year):
            is_date = model._meta.get_field(source.field).get_internal_type() == "DateField"
            year, params = self.dialect.year(column, is_date)
            return f"{head(year)} FROM matched m {row} WHERE {of_model} AND {column} IS NOT NULL", params  # noqa: S608
        if isinstance(source, sources.Ending):
            # The end is stored as UTC text; search compares it with the time of the search.
            unconfirmed = f"r.{self.column(model, source.unconfirmed)}"
            return (
                f"{head(self.dialect.utc_text(column))} FROM matched m {row} "  # noqa: S608
                f"WHERE {of_model} AND {column} IS NOT NULL AND {unconfirmed} = %s",
                [False],
            )
        raise TypeError(f"No SQL for the filter source {source!r}.")

    def reached(self, source, page_id):
        """The value and joins of a `Parent` or `Linked` source read for the page whose id is the
        SQL `page_id`."""
        if isinstance(source, sources.Parent):
            parent_ct = self.ct(kinds.model(source.parent))
            path, step = f"p.{self.q('path')}", Page.steplen
            parent_path = f"SUBSTR({path}, 1, LENGTH({path}) - {step})"
            joins = (
                f"JOIN {self.page_table} p ON p.{self.q('id')} = {page_id} "
                f"JOIN {self.page_table} s ON s.{self.q('path')} = {parent_path} "
                f"AND s.{self.q('content_type_id')} = {int(parent_ct)}"
            )
            return self.text(f"s.{self.q('id')}"), joins
        link = kinds.model(source.link)
        joins = f"JOIN {self.table(link)} sp ON sp.{self.column(link, source.item)} = {page_id}"
        return self.text(f"sp.{self.column(link, source.value)}"), joins

    def kind_case(self):
        """SQL naming the kind (`search.kinds`) of the matched item from its content type."""
        cases = [f"WHEN {int(self.ct(get_document_model()))} THEN '{kinds.RESOURCE}'"]
        for ct_id, slug in kinds.named_content_type_ids().items():
            cases.append(f"WHEN {int(ct_id)} THEN '{slug}'")
        return f"CASE m.ct {' '.join(cases)} ELSE '{kinds.OTHER_PAGES}' END"

    # While searching

    def shown(self, facets, facet_column, value_column, now=None):
        """SQL turning a stored value into the one search counts, and its parameters: a stored end
        (`sources.Ending`) becomes what it means at the time of the search (`now`, as `search_time`
        gives it); other values stay."""
        now = now or search_time()
        cases, params = [], []
        for facet in facets:
            for source in facet.page_sources:
                if isinstance(source, sources.Ending):
                    cases.append(
                        f"WHEN {facet_column} = '{facet.param}' THEN "
                        f"(CASE WHEN {value_column} >= %s THEN '{source.before}' ELSE '{source.after}' END)"
                    )
                    params.append(now)
        if not cases:
            return value_column, []
        return f"CASE {' '.join(cases)} ELSE {value_column} END", params

    def label(self, facet, value):
        """SQL naming the value held in the column `value`, for filters whose names live in a table
        (`labelled_with_counts`); None for the others."""
        names = facet.values
        if isinstance(names, NamedRows):
            model = names.model
            return (
                f"(SELECT t.{self.column(model, names.name_field)} FROM {self.table(model)} t "  # noqa: S608
                f"WHERE t.{self.column(model, names.value_field)} = {value})"
            )
        if isinstance(names, PageTitles):
            return self.page_title(value)
        return None

    def page_title(self, value):
        """SQL for the title of the page whose id is the text `value`, NULL unless the page is live
        and outside every view restriction: a public session may name a presenter, or sit under a
        series, that the public may not see, and such a value is left out rather than named."""
        q, restriction = self.q, self.table(PageViewRestriction)
        page_column = self.column(PageViewRestriction, "page")
        return (
            f"(SELECT p.{q('title')} FROM {self.page_table} p "  # noqa: S608
            f"WHERE p.{q('id')} = CAST({value} AS BIGINT) AND p.{q('live')} "
            f"AND NOT EXISTS (SELECT 1 FROM {restriction} r JOIN {self.page_table} rp "
            f"ON rp.{q('id')} = r.{page_column} "
            f"WHERE SUBSTR(p.{q('path')}, 1, LENGTH(rp.{q('path')})) = rp.{q('path')}))"
        )
