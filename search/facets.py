"""The filters beside the results: type, topic, series, presenter, year, format and when.

Each filter describes, as SQL, which of its values every matching page and resource carries: a few
`SELECT eid, facet, value` pieces over a `matched` set of pages or resources (rows with `eid`, `ct`
and `oid`). Page pieces and resource pieces are run ahead of time and their rows stored in
`PageFacet` and `ResourceFacet` (see `search.facet_index`); only the type is worked out within the
search statement (see `search.statement`). The database then narrows and counts in that
statement, so a results page never brings thousands of rows back to Python.

Values within one filter are alternatives (topic A or topic B); different filters must all hold
(topic A and year 2024). Counts for one filter apply every other filter, so they say what ticking
that choice would give.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from home.numbers import whole_number
from search import kinds

SLUG = re.compile(r"^[-\w]{1,100}$")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


def first_int(values, low, high):
    """The values that are whole numbers within low..high, written plainly, without repeats."""
    found = []
    for value in values:
        number = whole_number(value, low, high)
        if number is not None and str(number) not in found:
            found.append(str(number))
    return found


def tagged_models():
    """(model, through model) for every page model that carries topics."""
    found = []
    for label in ("programs.SessionPage", "programs.TrainingSeriesPage", "blog.BlogPostPage"):
        model = kinds.model(label)
        if model is not None and hasattr(model, "topics"):
            found.append((model, model.topics.through))
    return found


def page_titles(ids, model, visible):
    """{str(page id): title} for those of the given page ids that are pages of `model` among
    `visible()` (the pages the public may see), in one query. An id of a draft, private or missing
    page is left out, so that its title is never shown."""
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    rows = visible().filter(pk__in=[int(pk) for pk in ids], content_type=content_type)
    return {str(pk): title for pk, title in rows.values_list("pk", "title")}


class Sql:
    """Names and snippets the filters' SQL pieces are written with.

    Only table and column names from the models and content type ids (integers) are written into
    SQL text; everything else is a query parameter.
    """

    def __init__(self):
        self.q = connection.ops.quote_name
        self.sqlite = connection.vendor == "sqlite"
        self.page_table = self.q(Page._meta.db_table)
        self.document_ct = self.ct(get_document_model())

    @staticmethod
    def ct(model):
        return ContentType.objects.get_for_model(model).pk

    def table(self, model):
        return self.q(model._meta.db_table)

    def column(self, model, name):
        field = model._meta.get_field(name)
        return self.q(field.column)

    def pk(self, model):
        return self.q(model._meta.pk.column)

    def text(self, sql):
        """A value as text, so that every piece yields the same column types."""
        return f"CAST({sql} AS TEXT)"

    def year(self, sql, field):
        """SQL for the year of a date or date-time column in the site's time zone, and its params.

        PostgreSQL converts time zones itself. SQLite stores UTC, so the site's offset on New
        Year's Day (when the year changes) is added.
        """
        is_date = field.get_internal_type() == "DateField"
        if self.sqlite:
            shift = ""
            if not is_date:
                zone = timezone.get_current_timezone()
                new_year = datetime(timezone.localdate().year, 1, 1, tzinfo=zone)
                shift = f", '{int(new_year.utcoffset().total_seconds()):+d} seconds'"
            return f"CAST(CAST(strftime('%%Y', {sql}{shift}) AS INTEGER) AS TEXT)", []
        if is_date:
            return f"CAST(CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER) AS TEXT)", []
        local = f"{sql} AT TIME ZONE %s"
        return f"CAST(CAST(EXTRACT(YEAR FROM {local}) AS INTEGER) AS TEXT)", [settings.TIME_ZONE]

    def page_title(self, value):
        """SQL for the title of the page whose id is the text `value`, NULL unless the page is live
        and outside every view restriction: a public session may name a presenter, or sit under a
        series, that the public may not see, and such a value is left out rather than named."""
        q, restriction = self.q, self.q(PageViewRestriction._meta.db_table)
        page_column = q(PageViewRestriction._meta.get_field("page").column)
        return (
            f"(SELECT p.{q('title')} FROM {self.page_table} p "  # noqa: S608
            f"WHERE p.{q('id')} = CAST({value} AS BIGINT) AND p.{q('live')} "
            f"AND NOT EXISTS (SELECT 1 FROM {restriction} r JOIN {self.page_table} rp "
            f"ON rp.{q('id')} = r.{page_column} "
            f"WHERE SUBSTR(p.{q('path')}, 1, LENGTH(rp.{q('path')})) = rp.{q('path')}))"
        )

    def document_sessions_join(self):
        """Join each matched resource to the sessions it was shared at, and the session id column.

        None while sessions cannot carry resources.
        """
        link = kinds.model("programs.SessionDocument")
        if link is None:
            return None
        join = f"JOIN {self.table(link)} d ON d.{self.column(link, 'document')} = m.oid"
        return join, f"d.{self.column(link, 'page')}"

    def parent_series_join(self, page_alias, series_alias, series_ct):
        """Join the series page that is the parent of the page `page_alias`."""
        steplen = Page.steplen
        path = f"{page_alias}.{self.q('path')}"
        return (
            f"JOIN {self.page_table} {series_alias} ON {series_alias}.{self.q('path')} = "
            f"SUBSTR({path}, 1, LENGTH({path}) - {steplen}) "
            f"AND {series_alias}.{self.q('content_type_id')} = {int(series_ct)}"
        )


class Facet:
    param = ""
    label = ""
    single = False

    def clean(self, raw_values):
        """The well-formed values among those in the address, without repeats."""
        return []

    def resolve(self, values, visible):
        """Values that name something real, with their labels: {value: label}. May query once.
        `visible()` gives the pages the public may see (read only when a filter names pages): a page
        named by a value must be one of them."""
        return {value: value for value in values}

    def head(self, value, distinct=False):
        """The start of a piece: the matched item, this filter's name and the value it carries."""
        return (
            f"SELECT {'DISTINCT ' if distinct else ''}m.eid AS eid, '{self.param}' AS facet, {value} AS value"
        )

    def page_pieces(self, sql):
        """[(SQL, params)]: each selects (eid, facet, value) for the pages in `matched` (whose
        rows have `eid`, `ct` and `oid`) that carry a value of this filter. These are stored in
        `PageFacet` ahead of any search."""
        return []

    def resource_pieces(self, sql):
        """Like `page_pieces`, for the resources in `matched`. Stored in `ResourceFacet`."""
        return []

    def live_pieces(self, sql):
        """Like `page_pieces`, for what is worked out while searching (the type of every item)."""
        return []

    def label_sql(self, sql, value):
        """SQL naming the value held in the column `value`, for filters whose labels live in the
        database (the search statement returns them with the counts); None for the others."""
        return None

    @classmethod
    def labelled_by_sql(cls):
        """Whether the search statement names this filter's values (see `label_sql`)."""
        return cls.label_sql is not Facet.label_sql

    def labels(self, values):
        """{value: label} for values found among the results, for filters without `label_sql`."""
        return {value: value for value in values}

    def ordered(self, totals, labels):
        """{value: (label, count)} in the order the filter lists its choices."""
        return {value: (labels[value], count) for value, count in totals.items() if value in labels}

    def is_available(self):
        return True


def matched_of(ct, alias="m"):
    """The `matched` rows of one content type, as a FROM clause with an alias."""
    return f"matched {alias}", f"{alias}.ct = {int(ct)}"


class TypeFacet(Facet):
    param = "type"
    label = "Type"

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if v in kinds.KINDS_BY_SLUG and self._exists(v)]

    def _exists(self, slug):
        kind = kinds.KINDS_BY_SLUG[slug]
        return not kind.models or bool(kinds.models_of(slug))

    def resolve(self, values, visible):
        return {v: kinds.KINDS_BY_SLUG[v].plural for v in values}

    def live_pieces(self, sql):
        cases = [f"WHEN {int(sql.document_ct)} THEN '{kinds.RESOURCE}'"]
        for ct_id, slug in kinds.named_content_type_ids().items():
            cases.append(f"WHEN {int(ct_id)} THEN '{slug}'")
        case = f"CASE m.ct {' '.join(cases)} ELSE '{kinds.OTHER_PAGES}' END"
        return [(f"{self.head(case)} FROM matched m", [])]

    def labels(self, values):
        return {kind.slug: kind.plural for kind in kinds.KINDS if kind.slug in values}

    def ordered(self, totals, labels):
        return {kind.slug: (kind.plural, totals[kind.slug]) for kind in kinds.KINDS if totals.get(kind.slug)}


class TopicFacet(Facet):
    param = "topic"
    label = "Topic"

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if SLUG.match(v)][:20]

    def resolve(self, values, visible):
        from home.models import Topic

        if not values:
            return {}
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))

    def label_sql(self, sql, value):
        from home.models import Topic

        return (
            f"(SELECT t.{sql.column(Topic, 'name')} FROM {sql.table(Topic)} t "  # noqa: S608
            f"WHERE t.{sql.column(Topic, 'slug')} = {value})"
        )

    def _pieces(self, sql, links):
        from home.models import Topic

        topic, found = sql.table(Topic), []
        for ct, through in links:
            source, where = matched_of(ct)
            found.append(
                (
                    f"{self.head('t.' + sql.column(Topic, 'slug'))} FROM {source} "  # noqa: S608
                    f"JOIN {sql.table(through)} x ON x.{sql.column(through, 'content_object')} = m.oid "
                    f"JOIN {topic} t ON t.{sql.pk(Topic)} = x.{sql.column(through, 'tag')} WHERE {where}",
                    [],
                )
            )
        return found

    def page_pieces(self, sql):
        return self._pieces(sql, [(sql.ct(model), through) for model, through in tagged_models()])

    def resource_pieces(self, sql):
        from home.models import ResourceTopic

        return self._pieces(sql, [(sql.document_ct, ResourceTopic)])


class SeriesFacet(Facet):
    """A training series: its own page, its sessions and the files shared at those sessions."""

    param = "series"
    label = "Series"

    def is_available(self):
        return kinds.model("programs.TrainingSeriesPage") is not None

    def clean(self, raw_values):
        return first_int(raw_values, 1, 2**62)[:20]

    def resolve(self, values, visible):
        return page_titles(values, kinds.model("programs.TrainingSeriesPage"), visible)

    def label_sql(self, sql, value):
        return sql.page_title(value)

    def page_pieces(self, sql):
        series_ct = sql.ct(kinds.model("programs.TrainingSeriesPage"))
        found = [(f"{self.head(sql.text('m.oid'))} FROM matched m WHERE m.ct = {int(series_ct)}", [])]
        session_model = kinds.model("programs.SessionPage")
        if session_model is not None:
            page, value = sql.page_table, sql.text(f"s.{sql.q('id')}")
            found.append(
                (
                    f"{self.head(value)} FROM matched m "  # noqa: S608
                    f"JOIN {page} p ON p.{sql.q('id')} = m.oid {sql.parent_series_join('p', 's', series_ct)} "
                    f"WHERE m.ct = {int(sql.ct(session_model))}",
                    [],
                )
            )
        return found

    def resource_pieces(self, sql):
        shared = sql.document_sessions_join()
        if shared is None:
            return []
        join, session = shared
        series_ct = sql.ct(kinds.model("programs.TrainingSeriesPage"))
        page, value = sql.page_table, sql.text(f"s.{sql.q('id')}")
        return [
            (
                f"{self.head(value, distinct=True)} FROM matched m {join} "  # noqa: S608
                f"JOIN {page} p ON p.{sql.q('id')} = {session} "
                f"{sql.parent_series_join('p', 's', series_ct)} WHERE m.ct = {int(sql.document_ct)}",
                [],
            )
        ]


class PresenterFacet(Facet):
    """A presenter: their own page, the sessions they presented and those sessions' files."""

    param = "presenter"
    label = "Presenter"

    def is_available(self):
        return kinds.model("programs.SessionPresenter") is not None

    def clean(self, raw_values):
        return first_int(raw_values, 1, 2**62)[:20]

    def resolve(self, values, visible):
        return page_titles(values, kinds.model("programs.PresenterPage"), visible)

    def label_sql(self, sql, value):
        return sql.page_title(value)

    def page_pieces(self, sql):
        presenter_ct = sql.ct(kinds.model("programs.PresenterPage"))
        session_ct = sql.ct(kinds.model("programs.SessionPage"))
        link = kinds.model("programs.SessionPresenter")
        presenter = f"sp.{sql.column(link, 'presenter')}"
        return [
            (f"{self.head(sql.text('m.oid'))} FROM matched m WHERE m.ct = {int(presenter_ct)}", []),
            (
                f"{self.head(sql.text(presenter), distinct=True)} FROM matched m "  # noqa: S608
                f"JOIN {sql.table(link)} sp ON sp.{sql.column(link, 'page')} = m.oid "
                f"WHERE m.ct = {int(session_ct)}",
                [],
            ),
        ]

    def resource_pieces(self, sql):
        shared = sql.document_sessions_join()
        if shared is None:
            return []
        join, session = shared
        link = kinds.model("programs.SessionPresenter")
        presenter = f"sp.{sql.column(link, 'presenter')}"
        return [
            (
                f"{self.head(sql.text(presenter), distinct=True)} FROM matched m {join} "  # noqa: S608
                f"JOIN {sql.table(link)} sp ON sp.{sql.column(link, 'page')} = {session} "
                f"WHERE m.ct = {int(sql.document_ct)}",
                [],
            )
        ]


def dated_models():
    """(page model, date field name) for every page type that has a year."""
    found = []
    for label, name in (
        ("programs.SessionPage", "start"),
        ("programs.TrainingSeriesPage", "start_date"),
        ("blog.BlogPostPage", "date"),
    ):
        model = kinds.model(label)
        if model is not None:
            found.append((model, name))
    return found


class YearFacet(Facet):
    """Session start, series start, post date or upload time, in the site's time zone."""

    param = "year"
    label = "Year"

    def clean(self, raw_values):
        return first_int(raw_values, 1900, 2200)[:10]

    def _pieces(self, sql, dated):
        found = []
        for model, name in dated:
            column = f"r.{sql.column(model, name)}"
            year, params = sql.year(column, model._meta.get_field(name))
            found.append(
                (
                    f"{self.head(year)} FROM matched m "  # noqa: S608
                    f"JOIN {sql.table(model)} r ON r.{sql.pk(model)} = m.oid "
                    f"WHERE m.ct = {int(sql.ct(model))} AND {column} IS NOT NULL",
                    params,
                )
            )
        return found

    def page_pieces(self, sql):
        return self._pieces(sql, dated_models())

    def resource_pieces(self, sql):
        return self._pieces(sql, [(get_document_model(), "created_at")])

    def ordered(self, totals, labels):
        return {value: (value, count) for value, count in sorted(totals.items(), reverse=True) if count}


class FormatFacet(Facet):
    param = "format"
    label = "Format"

    def is_available(self):
        return kinds.model("programs.SessionPage") is not None

    def _choices(self):
        from programs.models import Format

        return dict(Format.choices)

    def clean(self, raw_values):
        choices = self._choices()
        return [v for v in dict.fromkeys(raw_values) if v in choices]

    def resolve(self, values, visible):
        choices = self._choices()
        return {v: choices[v] for v in values}

    def labels(self, values):
        return self._choices()

    def page_pieces(self, sql):
        found = []
        for label in ("programs.SessionPage", "programs.TrainingSeriesPage"):
            model = kinds.model(label)
            if model is None:
                continue
            column = f"r.{sql.column(model, 'format')}"
            found.append(
                (
                    f"{self.head(column)} FROM matched m "  # noqa: S608
                    f"JOIN {sql.table(model)} r ON r.{sql.pk(model)} = m.oid "
                    f"WHERE m.ct = {int(sql.ct(model))} AND {column} IS NOT NULL AND {column} <> ''",
                    [],
                )
            )
        return found

    def ordered(self, totals, labels):
        return {value: (label, totals[value]) for value, label in labels.items() if totals.get(value)}


class WhenFacet(Facet):
    """Past or upcoming sessions: a session is upcoming until it has ended."""

    param = "when"
    label = "When"
    single = True
    CHOICES = {"upcoming": "Upcoming", "past": "Past"}

    def is_available(self):
        return kinds.model("programs.SessionPage") is not None

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if v in self.CHOICES][:1]

    def resolve(self, values, visible):
        return {v: self.CHOICES[v] for v in values}

    def labels(self, values):
        return self.CHOICES

    def page_pieces(self, sql):
        """The session's end, stored as UTC text; search compares it with the time of the search. A
        session whose date is to be confirmed has none: it is neither upcoming nor past for certain."""
        model = kinds.model("programs.SessionPage")
        end = f"r.{sql.column(model, 'end')}"
        unconfirmed = f"r.{sql.column(model, 'date_to_be_confirmed')}"
        if sql.sqlite:
            stored = f"strftime('%%Y-%%m-%%dT%%H:%%M:%%S', {end})"
        else:
            stored = f"to_char({end} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        return [
            (
                f"{self.head(stored)} FROM matched m "  # noqa: S608
                f"JOIN {sql.table(model)} r ON r.{sql.pk(model)} = m.oid "
                f"WHERE m.ct = {int(sql.ct(model))} AND {end} IS NOT NULL AND {unconfirmed} = %s",
                [False],
            )
        ]

    @staticmethod
    def shown(facet_column, value_column):
        """SQL turning a stored value into the one search counts, and its parameters: a session's
        stored end becomes "upcoming" or "past" at the time of the search; other values stay."""
        now = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
        sql = (
            f"CASE WHEN {facet_column} = 'when' THEN "
            f"(CASE WHEN {value_column} >= %s THEN 'upcoming' ELSE 'past' END) ELSE {value_column} END"
        )
        return sql, [now]

    def ordered(self, totals, labels):
        return {value: (label, totals[value]) for value, label in labels.items() if totals.get(value)}


FACETS = (TypeFacet, TopicFacet, SeriesFacet, PresenterFacet, YearFacet, FormatFacet, WhenFacet)


def available_facets():
    """Fresh filter objects for one request (some remember what they looked up)."""
    return [facet for facet in (cls() for cls in FACETS) if facet.is_available()]
