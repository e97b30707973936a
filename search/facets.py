"""The filters beside the results: type, topic, series, presenter, year, format and when.

Each filter says which of its values every matching page and resource carries, from `Facts` read
once for the whole match (the same few queries whatever the number of results). Narrowing and
counting then happen in memory. Values within one filter are alternatives (topic A or topic B);
different filters must all hold (topic A and year 2024). Counts for one filter apply every other
filter, so they say what ticking that choice would give.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Case, CharField, F, Func, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from wagtail.models import Page

from search import kinds

SLUG = re.compile(r"^[-\w]{1,100}$")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


def tagged_models():
    """(model, through model) for every page model that carries topics."""
    found = []
    for label in ("programs.SessionPage", "programs.TrainingSeriesPage", "blog.BlogPostPage"):
        model = kinds.model(label)
        if model is not None and hasattr(model, "topics"):
            found.append((model, model.topics.through))
    return found


def first_int(values, low, high):
    found = []
    for value in values:
        if value.isdigit() and low <= int(value) <= high and value not in found:
            found.append(value)
    return found


class Facts:
    """What the filters need to know about the matching pages and resources, read once.

    `pages` maps each matching page id to its row (content type, path and the dates and format of
    the page types that have them); `documents` maps each matching resource id to its upload time.
    The links (topics, presenters, shared files) are read on first use, one query per table, so a
    results page costs the same number of queries however many results there are.
    """

    def __init__(self, pages, documents):
        self.pages = pages
        self.documents = documents
        self._cache = {}

    def _once(self, name, load):
        if name not in self._cache:
            self._cache[name] = load()
        return self._cache[name]

    def sessions(self):
        """Ids of the matching sessions."""

        def load():
            ct = set(kinds.content_type_ids("session"))
            return {pk for pk, row in self.pages.items() if row.content_type_id in ct}

        return self._once("sessions", load)

    def page_topics(self):
        """({page id: {topic slugs}}, {topic slug: name})"""

        def load():
            by_page, names = {}, {}
            ids = list(self.pages)
            for _model, through in tagged_models():
                rows = through.objects.filter(content_object_id__in=id_list(ids)).values_list(
                    "content_object_id", "tag__slug", "tag__name"
                )
                for pk, slug, name in rows:
                    by_page.setdefault(pk, []).append(slug)
                    names[slug] = name
            cache = {}
            return {pk: shared(slugs, cache) for pk, slugs in by_page.items()}, names

        return self._once("page_topics", load)

    def document_topics(self):
        def load():
            from home.models import ResourceTopic

            by_document, names = {}, {}
            rows = ResourceTopic.objects.filter(content_object_id__in=id_list(list(self.documents)))
            for pk, slug, name in rows.values_list("content_object_id", "tag__slug", "tag__name"):
                by_document.setdefault(pk, []).append(slug)
                names[slug] = name
            cache = {}
            return {pk: shared(slugs, cache) for pk, slugs in by_document.items()}, names

        return self._once("document_topics", load)

    def document_sessions(self):
        """{resource id: [(session id, session path)]} for the files shared at sessions."""

        def load():
            link_model = kinds.model("programs.SessionDocument")
            found = {}
            if link_model is None or not self.documents:
                return found
            rows = link_model.objects.filter(document_id__in=id_list(list(self.documents)))
            for document_id, page_id, path in rows.values_list("document_id", "page_id", "page__path"):
                found.setdefault(document_id, []).append((page_id, path))
            return found

        return self._once("document_sessions", load)

    def session_presenters(self):
        """({session id: {presenter ids}}, {presenter id: name}) for matching and linked sessions."""

        def load():
            link_model = kinds.model("programs.SessionPresenter")
            by_session, names = {}, {}
            if link_model is None:
                return by_session, names
            ids = self.sessions() | {
                page_id for links in self.document_sessions().values() for page_id, _path in links
            }
            if not ids:
                return by_session, names
            rows = link_model.objects.filter(page_id__in=id_list(list(ids))).values_list(
                "page_id", "presenter_id", "presenter__title"
            )
            for page_id, presenter_id, title in rows:
                by_session.setdefault(page_id, []).append(str(presenter_id))
                names[str(presenter_id)] = title
            cache = {}
            return {pk: shared(set(found), cache) for pk, found in by_session.items()}, names

        return self._once("session_presenters", load)

    def series_by_path(self):
        """{series path: (series id, title)} for the series of matching and linked sessions."""

        def load():
            series_model = kinds.model("programs.TrainingSeriesPage")
            if series_model is None:
                return {}
            sessions = self.sessions()
            paths = {parent_path(self.pages[pk].path) for pk in sessions}
            paths |= {parent_path(path) for links in self.document_sessions().values() for _pk, path in links}
            series_types = self.series_types()
            own = [pk for pk, row in self.pages.items() if row.content_type_id in series_types]
            rows = series_model.objects.filter(Q(path__in=list(paths)) | Q(pk__in=own))
            return {path: (str(pk), title) for pk, title, path in rows.values_list("pk", "title", "path")}

        return self._once("series_by_path", load)

    def series_types(self):
        return set(kinds.content_type_ids("series"))


def shared(values, cache):
    """One tuple per distinct set of values, shared by every result that has them.

    Thousands of results carry the same few values; sharing the tuples keeps the number of live
    Python objects per search small, which keeps garbage collection pauses short.
    """
    key = tuple(sorted(set(values)))
    return cache.setdefault(key, key)


def parent_path(path):
    return path[: -Page.steplen]


def id_list(ids):
    from search.matching import id_list as ids_subquery

    return ids_subquery(ids)


def local_year(field, lookup):
    """The year of a date or date-time field, in the site's time zone, worked out in SQL.

    PostgreSQL converts time zones natively. On SQLite, Django would call back into Python for every
    row; instead the site's offset on New Year's Day (when the year changes) is added in SQL.
    """
    if connection.vendor != "sqlite":
        return ExtractYear(lookup)
    shift = ""
    if field.get_internal_type() != "DateField":
        zone = timezone.get_current_timezone()
        new_year = datetime(timezone.localdate().year, 1, 1, tzinfo=zone)
        shift = f", '{int(new_year.utcoffset().total_seconds()):+d} seconds'"
    return Func(
        F(lookup),
        template=f"CAST(strftime('%%%%Y', %(expressions)s{shift}) AS INTEGER)",
        output_field=IntegerField(),
    )


def fact_expressions():
    """What to read for each matching page, besides its type, path and title.

    Format, year and whether a session is still to come are worked out by the database (each page
    has at most one of each), so nothing is parsed in Python for each matching page.
    """
    formats, years, when = [], [], Value(None, output_field=CharField())
    session_model = kinds.model("programs.SessionPage")
    if session_model is not None:
        prefix = session_model._meta.model_name
        formats.append(F(f"{prefix}__format"))
        now = timezone.now()
        when = Case(
            When(**{f"{prefix}__end__gte": now}, then=Value("upcoming")),
            When(**{f"{prefix}__end__lt": now}, then=Value("past")),
            default=None,
            output_field=CharField(),
        )
        years.append((session_model, "start"))
    series_model = kinds.model("programs.TrainingSeriesPage")
    if series_model is not None:
        formats.append(F(f"{series_model._meta.model_name}__format"))
        years.append((series_model, "start_date"))
    post_model = kinds.model("blog.BlogPostPage")
    if post_model is not None:
        years.append((post_model, "date"))
    years = [
        local_year(model._meta.get_field(name), f"{model._meta.model_name}__{name}") for model, name in years
    ]
    return {
        "fact_format": first_of(formats, CharField()),
        "fact_year": first_of(years, IntegerField()),
        "fact_when": when,
    }


def first_of(expressions, output_field):
    if not expressions:
        return Value(None, output_field=output_field)
    if len(expressions) == 1:
        return expressions[0]
    return Coalesce(*expressions, output_field=output_field)


def read_page_facts(pages):
    """{page id: row} for a queryset of pages, in one query; each row has `content_type_id`,
    `path`, `title`, `fact_format`, `fact_year` and `fact_when`."""
    expressions = fact_expressions()
    rows = pages.annotate(**expressions).values_list(
        "pk", "content_type_id", "path", "title", *expressions, named=True
    )
    return {row.pk: row for row in rows}


def read_document_facts(documents):
    """{resource id: upload year} for a queryset of resources, in one query."""
    year = local_year(documents.model._meta.get_field("created_at"), "created_at")
    return dict(documents.annotate(fact_year=year).values_list("pk", "fact_year"))


class Facet:
    param = ""
    label = ""
    single = False

    def clean(self, raw_values):
        """The well-formed values among those in the address, without repeats."""
        return []

    def resolve(self, values):
        """Values that name something real, with their labels: {value: label}. May query once."""
        return {value: value for value in values}

    def keys(self, facts):
        """({page id: values}, {resource id: values}, {value: label}): what each result counts for.

        A result passes the filter when one of its values is selected, and counts once towards each
        of its values.
        """
        return {}, {}, {}

    def ordered(self, totals, labels):
        """{value: (label, count)} in the order the filter lists its choices."""
        return {value: (labels[value], count) for value, count in totals.items()}

    def is_available(self):
        return True


class TypeFacet(Facet):
    param = "type"
    label = "Type"

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if v in kinds.KINDS_BY_SLUG and self._exists(v)]

    def _exists(self, slug):
        kind = kinds.KINDS_BY_SLUG[slug]
        return not kind.models or bool(kinds.models_of(slug))

    def resolve(self, values):
        return {v: kinds.KINDS_BY_SLUG[v].plural for v in values}

    def keys(self, facts):
        named = kinds.named_content_type_ids()
        cache = {}
        pages = {
            pk: shared((named.get(row.content_type_id, kinds.OTHER_PAGES),), cache)
            for pk, row in facts.pages.items()
        }
        documents = dict.fromkeys(facts.documents, (kinds.RESOURCE,))
        return pages, documents, {kind.slug: kind.plural for kind in kinds.KINDS}

    def ordered(self, totals, labels):
        return {kind.slug: (kind.plural, totals[kind.slug]) for kind in kinds.KINDS if totals.get(kind.slug)}


class TopicFacet(Facet):
    param = "topic"
    label = "Topic"

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if SLUG.match(v)][:20]

    def resolve(self, values):
        from home.models import Topic

        if not values:
            return {}
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))

    def keys(self, facts):
        pages, page_names = facts.page_topics()
        documents, document_names = facts.document_topics()
        return pages, documents, {**page_names, **document_names}


class SeriesFacet(Facet):
    """A training series: its own page, its sessions and the files shared at those sessions."""

    param = "series"
    label = "Series"

    def is_available(self):
        return kinds.model("programs.TrainingSeriesPage") is not None

    def clean(self, raw_values):
        return first_int(raw_values, 1, 2**62)[:20]

    def resolve(self, values):
        if not values:
            return {}
        rows = kinds.model("programs.TrainingSeriesPage").objects.filter(pk__in=values)
        return {str(pk): title for pk, title in rows.values_list("pk", "title")}

    def keys(self, facts):
        by_path = facts.series_by_path()
        series_types = facts.series_types()
        pages, cache = {}, {}
        for pk in facts.sessions():
            series = by_path.get(parent_path(facts.pages[pk].path))
            if series:
                pages[pk] = shared((series[0],), cache)
        for pk, row in facts.pages.items():
            if row.content_type_id in series_types:
                pages[pk] = (str(pk),)
        documents = {}
        for document_id, links in facts.document_sessions().items():
            found = {by_path[parent_path(path)][0] for _pk, path in links if parent_path(path) in by_path}
            if found:
                documents[document_id] = found
        return pages, documents, dict(by_path.values())


class PresenterFacet(Facet):
    """A presenter: their own page, the sessions they presented and those sessions' files."""

    param = "presenter"
    label = "Presenter"

    def is_available(self):
        return kinds.model("programs.SessionPresenter") is not None

    def clean(self, raw_values):
        return first_int(raw_values, 1, 2**62)[:20]

    def resolve(self, values):
        if not values:
            return {}
        presenter_model = kinds.model("programs.PresenterPage")
        return {
            str(pk): title
            for pk, title in presenter_model.objects.filter(pk__in=values).values_list("pk", "title")
        }

    def keys(self, facts):
        by_session, names = facts.session_presenters()
        names = dict(names)
        pages = {pk: by_session[pk] for pk in facts.sessions() if pk in by_session}
        presenter_types = set(kinds.content_type_ids("presenter"))
        for pk, row in facts.pages.items():
            if row.content_type_id in presenter_types:
                # A presenter's own page counts for them.
                pages[pk] = (str(pk),)
                names.setdefault(str(pk), row.title)
        documents = {}
        for document_id, links in facts.document_sessions().items():
            found = set().union(*(by_session.get(page_id, ()) for page_id, _path in links))
            if found:
                documents[document_id] = found
        return pages, documents, names


class YearFacet(Facet):
    param = "year"
    label = "Year"

    def clean(self, raw_values):
        return first_int(raw_values, 1900, 2200)[:10]

    def keys(self, facts):
        """Session start, series start, post date or upload time, in the site's time zone."""
        labels, pages, documents = {}, {}, {}
        for found, years in (
            (pages, ((pk, row.fact_year) for pk, row in facts.pages.items())),
            (documents, facts.documents.items()),
        ):
            for pk, year in years:
                if year:
                    if year not in labels:
                        labels[year] = (str(year),)
                    found[pk] = labels[year]
        return pages, documents, {keys[0]: keys[0] for keys in labels.values()}

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

    def resolve(self, values):
        choices = self._choices()
        return {v: choices[v] for v in values}

    def keys(self, facts):
        choices = self._choices()
        pages, cache = {}, {}
        for pk, row in facts.pages.items():
            value = row.fact_format
            if value in choices:
                pages[pk] = shared((value,), cache)
        return pages, {}, choices

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

    def resolve(self, values):
        return {v: self.CHOICES[v] for v in values}

    def keys(self, facts):
        cache = {}
        pages = {pk: shared((facts.pages[pk].fact_when,), cache) for pk in facts.sessions()}
        return {pk: keys for pk, keys in pages.items() if keys[0]}, {}, self.CHOICES

    def ordered(self, totals, labels):
        return {value: (label, totals[value]) for value, label in labels.items() if totals.get(value)}


FACETS = (TypeFacet, TopicFacet, SeriesFacet, PresenterFacet, YearFacet, FormatFacet, WhenFacet)


def available_facets():
    """Fresh filter objects for one request (some remember what they looked up)."""
    return [facet for facet in (cls() for cls in FACETS) if facet.is_available()]
