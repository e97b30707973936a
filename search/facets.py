"""The filters beside the results: type, topic, series, presenter, year, format and when.

A filter is a declaration: which values a visitor may ask for and what they are called (defined
beside the models, in `home.filter_values` and `programs.filter_values`), and where the values of
each page and resource come from (`search.sources`). Finding and counting them is the database
implementation's work (`search.backends`): the values of pages and resources are stored ahead of
any search (`search.facet_index`), the type is worked out while searching.

Values within one filter are alternatives (topic A or topic B); different filters must all hold
(topic A and year 2024). Counts for one filter apply every other filter, so they say what ticking
that choice would give.
"""

from dataclasses import dataclass

from django.conf import settings

from home.filter_values import TOPICS, YEARS, Choices
from programs import filter_values as programs_values
from search import kinds
from search.sources import Ending, Field, Itself, Kind, Linked, Parent, SharedAt, Topics, Year

SESSION = "programs.SessionPage"
SERIES = "programs.TrainingSeriesPage"
PRESENTER = "programs.PresenterPage"
POST = "blog.BlogPostPage"
RESOURCE = settings.WAGTAILDOCS_DOCUMENT_MODEL


def shared_at(source):
    """`source`, read for the sessions a resource was shared at."""
    return SharedAt(RESOURCE, "programs.SessionDocument", "document", "page", source)


@dataclass
class Option:
    value: str
    label: str
    count: int = 0
    selected: bool = False


class Facet:
    param = ""
    label = ""
    single = False
    values = Choices({})
    # Where each page's and each resource's values come from (stored ahead of any search), and
    # what is worked out while searching.
    page_sources = ()
    resource_sources = ()
    live_sources = ()

    def clean(self, raw_values):
        """The well-formed values among those in the address, without repeats."""
        return self.values.clean(raw_values)

    def resolve(self, values, visible):
        """Values that name something real, with their labels: {value: label}. May query once."""
        return self.values.names(values, visible)

    def labelled_with_counts(self):
        """Whether the search names this filter's values while counting them (names in a table)."""
        return self.values.named_in_database

    def labels(self, values):
        """{value: label} for values found among the results, for the other filters."""
        return self.values.labels(values)

    def ordered(self, totals, labels):
        """{value: (label, count)} in the order the filter lists its choices."""
        return {value: (labels[value], count) for value, count in totals.items() if value in labels}

    def sources(self):
        return (*self.page_sources, *self.resource_sources, *self.live_sources)

    def is_available(self):
        """Whether every model the filter reads is installed."""
        return all(kinds.model(label) is not None for source in self.sources() for label in source.models())


class TypeFacet(Facet):
    param = "type"
    label = "Type"
    live_sources = (Kind(),)

    def clean(self, raw_values):
        return [v for v in dict.fromkeys(raw_values) if v in kinds.KINDS_BY_SLUG and self._exists(v)]

    def _exists(self, slug):
        kind = kinds.KINDS_BY_SLUG[slug]
        return not kind.models or bool(kinds.models_of(slug))

    def resolve(self, values, visible):
        return {v: kinds.KINDS_BY_SLUG[v].plural for v in values}

    def labels(self, values):
        return {kind.slug: kind.plural for kind in kinds.KINDS if kind.slug in values}

    def ordered(self, totals, labels):
        return {kind.slug: (kind.plural, totals[kind.slug]) for kind in kinds.KINDS if totals.get(kind.slug)}


class TopicFacet(Facet):
    param = "topic"
    label = "Topic"
    values = TOPICS
    page_sources = (Topics(SESSION), Topics(SERIES), Topics(POST))
    resource_sources = (Topics(RESOURCE),)

    def is_available(self):
        return kinds.model(TOPICS.model_label) is not None


class SeriesFacet(Facet):
    """A training series: its own page, its sessions and the files shared at those sessions."""

    param = "series"
    label = "Series"
    values = programs_values.SERIES
    page_sources = (Itself(SERIES), Parent(SESSION, SERIES))
    resource_sources = (shared_at(Parent(SESSION, SERIES)),)


class PresenterFacet(Facet):
    """A presenter: their own page, the sessions they presented and those sessions' files."""

    param = "presenter"
    label = "Presenter"
    values = programs_values.PRESENTERS
    page_sources = (Itself(PRESENTER), Linked(SESSION, "programs.SessionPresenter", "page", "presenter"))
    resource_sources = (shared_at(Linked(SESSION, "programs.SessionPresenter", "page", "presenter")),)


class YearFacet(Facet):
    """Session start, series start, post date or upload time, in the site's time zone."""

    param = "year"
    label = "Year"
    values = YEARS
    page_sources = (Year(SESSION, "start"), Year(SERIES, "start_date"), Year(POST, "date"))
    resource_sources = (Year(RESOURCE, "created_at"),)

    def is_available(self):
        return True

    def ordered(self, totals, labels):
        return {value: (value, count) for value, count in sorted(totals.items(), reverse=True) if count}


class FormatFacet(Facet):
    param = "format"
    label = "Format"
    values = programs_values.FORMATS
    page_sources = (Field(SESSION, "format"), Field(SERIES, "format"))

    def ordered(self, totals, labels):
        return {value: (label, totals[value]) for value, label in labels.items() if totals.get(value)}


class WhenFacet(Facet):
    """Past or upcoming sessions: a session is upcoming until it has ended. A session whose date is
    to be confirmed is neither, for certain."""

    param = "when"
    label = "When"
    single = True
    values = programs_values.WHEN
    page_sources = (
        Ending(
            SESSION,
            "end",
            "date_to_be_confirmed",
            before=programs_values.UPCOMING,
            after=programs_values.PAST,
        ),
    )

    def ordered(self, totals, labels):
        return {value: (label, totals[value]) for value, label in labels.items() if totals.get(value)}


FACETS = (TypeFacet, TopicFacet, SeriesFacet, PresenterFacet, YearFacet, FormatFacet, WhenFacet)


def available_facets():
    """Fresh filter objects for one request."""
    return [facet for facet in (cls() for cls in FACETS) if facet.is_available()]
