"""The filters beside the results: type, topic, series, presenter, year, format and when.

Each filter knows how to narrow the matching pages and resources, and how to count, in one or two
aggregate queries, how many results each of its choices would give. Values within one filter are
alternatives (topic A or topic B); different filters must all hold (topic A and year 2024).
Counts for one filter apply every other filter, so they say what ticking that choice would give.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, F, Func, IntegerField, Q
from django.db.models.functions import ExtractYear, Length, Substr
from django.utils import timezone
from wagtail.models import Page

from search import kinds

NOTHING = Q(pk__in=[])
SLUG = re.compile(r"^[-\w]{1,100}$")


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


def parent_path_expression():
    return Substr("path", 1, Length("path") - Page.steplen)


def tagged_models():
    """(model, through model) for every page model that carries topics."""
    found = []
    for label in ("programs.SessionPage", "programs.TrainingSeriesPage", "blog.BlogPostPage"):
        model = kinds.model(label)
        if model is not None and hasattr(model, "topics"):
            found.append((model, model.topics.through))
    return found


def dated_models():
    """(model, date field) for page models with a date a visitor would call their year."""
    found = []
    for label, field in (
        ("programs.SessionPage", "start"),
        ("programs.TrainingSeriesPage", "start_date"),
        ("blog.BlogPostPage", "date"),
    ):
        model = kinds.model(label)
        if model is not None:
            found.append((model, field))
    return found


def first_int(values, low, high):
    found = []
    for value in values:
        if value.isdigit() and low <= int(value) <= high and value not in found:
            found.append(value)
    return found


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

    def page_q(self, values):
        return NOTHING

    def document_q(self, values):
        return NOTHING

    def counts(self, pages, documents):
        """{value: (label, count)} over the given pages and resources."""
        return {}

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

    def page_q(self, values):
        named = kinds.named_content_type_ids()
        query = Q(content_type_id__in=[ct for ct, slug in named.items() if slug in values])
        if kinds.OTHER_PAGES in values:
            query |= ~Q(content_type_id__in=list(named))
        return query

    def document_q(self, values):
        return Q() if kinds.RESOURCE in values else NOTHING

    def counts(self, pages, documents):
        named = kinds.named_content_type_ids()
        totals = {}
        for row in pages.values("content_type_id").annotate(n=Count("pk")).order_by():
            slug = named.get(row["content_type_id"], kinds.OTHER_PAGES)
            totals[slug] = totals.get(slug, 0) + row["n"]
        totals[kinds.RESOURCE] = documents.count()
        return {
            kind.slug: (kind.plural, totals.get(kind.slug, 0))
            for kind in kinds.KINDS
            if totals.get(kind.slug)
        }


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

    def page_q(self, values):
        query = NOTHING
        for _model, through in tagged_models():
            query |= Q(pk__in=through.objects.filter(tag__slug__in=values).values("content_object_id"))
        return query

    def document_q(self, values):
        return Q(tagged_topics__tag__slug__in=values)

    def counts(self, pages, documents):
        from home.models import ResourceTopic

        totals = {}
        page_ids = pages.values("pk")
        sources = [through.objects.filter(content_object_id__in=page_ids) for _m, through in tagged_models()]
        sources.append(ResourceTopic.objects.filter(content_object_id__in=documents.values("pk")))
        for source in sources:
            rows = source.values("tag__slug", "tag__name").annotate(
                n=Count("content_object_id", distinct=True)
            )
            for row in rows.order_by():
                label, count = totals.get(row["tag__slug"], (row["tag__name"], 0))
                totals[row["tag__slug"]] = (label, count + row["n"])
        return totals


class SeriesFacet(Facet):
    """A training series: its own page, its sessions and the files shared at those sessions."""

    param = "series"
    label = "Series"

    def is_available(self):
        return kinds.model("programs.TrainingSeriesPage") is not None

    def clean(self, raw_values):
        return first_int(raw_values, 1, 2**62)[:20]

    def _series(self):
        return kinds.model("programs.TrainingSeriesPage").objects

    def resolve(self, values):
        if not values:
            return {}
        rows = self._series().filter(pk__in=values).values_list("pk", "title", "path")
        self._paths = {str(pk): path for pk, _title, path in rows}
        return {str(pk): title for pk, title, _path in rows}

    def _session_q(self, values):
        paths = [self._paths[v] for v in values if v in getattr(self, "_paths", {})]
        session_model = kinds.model("programs.SessionPage")
        if not paths or session_model is None:
            return NOTHING
        ids = (
            session_model.objects.annotate(parent_path=parent_path_expression())
            .filter(parent_path__in=paths)
            .values("pk")
        )
        return Q(pk__in=ids)

    def page_q(self, values):
        return Q(pk__in=[int(v) for v in values]) | self._session_q(values)

    def document_q(self, values):
        link_model = kinds.model("programs.SessionDocument")
        session_q = self._session_q(values)
        if link_model is None or session_q is NOTHING:
            return NOTHING
        sessions = kinds.model("programs.SessionPage").objects.filter(session_q).values("pk")
        return Q(pk__in=link_model.objects.filter(page_id__in=sessions).values("document_id"))

    def counts(self, pages, documents):
        session_model = kinds.model("programs.SessionPage")
        link_model = kinds.model("programs.SessionDocument")
        by_path = {}
        if session_model is not None:
            rows = (
                session_model.objects.filter(pk__in=pages.values("pk"))
                .annotate(parent_path=parent_path_expression())
                .values("parent_path")
                .annotate(n=Count("pk"))
                .order_by()
            )
            for row in rows:
                by_path[row["parent_path"]] = by_path.get(row["parent_path"], 0) + row["n"]
        if link_model is not None:
            rows = (
                link_model.objects.filter(document_id__in=documents.values("pk"))
                .annotate(parent_path=Substr("page__path", 1, Length("page__path") - Page.steplen))
                .values("parent_path")
                .annotate(n=Count("document_id", distinct=True))
                .order_by()
            )
            for row in rows:
                by_path[row["parent_path"]] = by_path.get(row["parent_path"], 0) + row["n"]
        own = set(
            pages.filter(content_type_id__in=kinds.content_type_ids("series")).values_list("pk", flat=True)
        )
        totals = {}
        series_rows = (
            self._series()
            .filter(Q(path__in=list(by_path)) | Q(pk__in=own))
            .values_list("pk", "title", "path")
        )
        for pk, title, path in series_rows:
            count = by_path.get(path, 0) + (1 if pk in own else 0)
            totals[str(pk)] = (title, count)
        return totals


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

    def _sessions(self, values):
        return (
            kinds.model("programs.SessionPresenter").objects.filter(presenter_id__in=values).values("page_id")
        )

    def page_q(self, values):
        return Q(pk__in=[int(v) for v in values]) | Q(pk__in=self._sessions(values))

    def document_q(self, values):
        link_model = kinds.model("programs.SessionDocument")
        if link_model is None:
            return NOTHING
        return Q(pk__in=link_model.objects.filter(page_id__in=self._sessions(values)).values("document_id"))

    def counts(self, pages, documents):
        link_model = kinds.model("programs.SessionPresenter")
        page_ids = pages.values("pk")
        totals = {}
        rows = (
            link_model.objects.filter(page_id__in=page_ids)
            .values("presenter_id", "presenter__title")
            .annotate(n=Count("page_id", distinct=True))
            .order_by()
        )
        for row in rows:
            totals[str(row["presenter_id"])] = (row["presenter__title"], row["n"])
        document_link = kinds.model("programs.SessionDocument")
        if document_link is not None:
            presenter = "page__session_presenters__presenter"
            rows = (
                document_link.objects.filter(document_id__in=documents.values("pk"))
                .exclude(**{f"{presenter}_id": None})
                .values(f"{presenter}_id", f"{presenter}__title")
                .annotate(n=Count("document_id", distinct=True))
                .order_by()
            )
            for row in rows:
                key = str(row[f"{presenter}_id"])
                label, count = totals.get(key, (row[f"{presenter}__title"], 0))
                totals[key] = (label, count + row["n"])
        presenter_ct = kinds.content_type_ids("presenter")
        for pk, title in pages.filter(content_type_id__in=presenter_ct).values_list("pk", "title"):
            label, count = totals.get(str(pk), (title, 0))
            totals[str(pk)] = (label, count + 1)
        return totals


class YearFacet(Facet):
    param = "year"
    label = "Year"

    def clean(self, raw_values):
        return first_int(raw_values, 1900, 2200)[:10]

    @staticmethod
    def _in_years(field_name, values, is_date):
        """Year ranges in the site's time zone (no per-row date functions in the database)."""
        zone = timezone.get_current_timezone()
        query = NOTHING
        for value in values:
            low, high = datetime(int(value), 1, 1, tzinfo=zone), datetime(int(value) + 1, 1, 1, tzinfo=zone)
            if is_date:
                low, high = low.date(), high.date()
            query |= Q(**{f"{field_name}__gte": low, f"{field_name}__lt": high})
        return query

    def page_q(self, values):
        query = NOTHING
        for model, field_name in dated_models():
            is_date = model._meta.get_field(field_name).get_internal_type() == "DateField"
            ids = model.objects.filter(self._in_years(field_name, values, is_date)).values("pk")
            query |= Q(pk__in=ids)
        return query

    def document_q(self, values):
        return self._in_years("created_at", values, False)

    def counts(self, pages, documents):
        totals = {}
        sources = [
            (model.objects.filter(pk__in=pages.values("pk")), field) for model, field in dated_models()
        ]
        sources.append((documents, "created_at"))
        for source, field_name in sources:
            rows = source.annotate(year=local_year(source.model, field_name)).values("year")
            for row in rows.annotate(n=Count("pk")).order_by():
                if row["year"] is None:
                    continue
                year = str(row["year"])
                totals[year] = (year, totals.get(year, (year, 0))[1] + row["n"])
        return dict(sorted(totals.items(), reverse=True))


def local_year(model, field_name):
    """The year of a date or date-time field, in the site's time zone.

    PostgreSQL converts time zones natively. On SQLite, Django would call back into Python for every
    row; instead the site's offset on New Year's Day (when the year changes) is added in SQL.
    """
    field = model._meta.get_field(field_name)
    if field.get_internal_type() == "DateField" or connection.vendor != "sqlite":
        return ExtractYear(field_name)
    zone = timezone.get_current_timezone()
    new_year = datetime(timezone.localdate().year, 1, 1, tzinfo=zone)
    offset = int(new_year.utcoffset().total_seconds())
    return Func(
        F(field_name),
        template=f"CAST(strftime('%%%%Y', %(expressions)s, '{offset:+d} seconds') AS INTEGER)",
        output_field=IntegerField(),
    )


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

    def _models(self):
        return [
            m for m in (kinds.model("programs.SessionPage"), kinds.model("programs.TrainingSeriesPage")) if m
        ]

    def page_q(self, values):
        query = NOTHING
        for model in self._models():
            query |= Q(pk__in=model.objects.filter(format__in=values).values("pk"))
        return query

    def counts(self, pages, documents):
        choices = self._choices()
        totals = {}
        for model in self._models():
            rows = model.objects.filter(pk__in=pages.values("pk")).values("format").annotate(n=Count("pk"))
            for row in rows.order_by():
                if row["format"] in choices:
                    totals[row["format"]] = totals.get(row["format"], 0) + row["n"]
        return {value: (label, totals[value]) for value, label in choices.items() if value in totals}


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

    def _sessions(self, value, now):
        sessions = kinds.model("programs.SessionPage").objects
        if value == "upcoming":
            return sessions.filter(end__gte=now)
        return sessions.filter(end__lt=now)

    def page_q(self, values):
        now = timezone.now()
        return Q(pk__in=self._sessions(values[0], now).values("pk"))

    def counts(self, pages, documents):
        now = timezone.now()
        sessions = kinds.model("programs.SessionPage").objects.filter(pk__in=pages.values("pk"))
        row = sessions.aggregate(
            upcoming=Count("pk", filter=Q(end__gte=now)), past=Count("pk", filter=Q(end__lt=now))
        )
        return {value: (label, row[value]) for value, label in self.CHOICES.items() if row[value]}


FACETS = (TypeFacet, TopicFacet, SeriesFacet, PresenterFacet, YearFacet, FormatFacet, WhenFacet)


def available_facets():
    """Fresh filter objects for one request (some remember what they looked up)."""
    return [facet for facet in (cls() for cls in FACETS) if facet.is_available()]
