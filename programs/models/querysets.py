"""Session querysets, and loading what listings show in a fixed number of queries."""

from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Concat, Length, Substr
from django.utils import timezone
from wagtail.models import Page, PageManager

from home import site_reads
from home.site_reads import SitePageQuerySet


def card_lookups(resources=False):
    """The related rows a session card shows, each loaded for all sessions in one query."""
    from .sessions import SessionDocument, SessionOrganization, SessionPresenter

    lookups = [
        Prefetch(
            "session_presenters",
            queryset=SessionPresenter.objects.select_related("presenter").order_by("sort_order"),
        ),
        Prefetch(
            "session_organizations",
            queryset=SessionOrganization.objects.select_related("organization").order_by("sort_order"),
        ),
    ]
    if resources:
        lookups.append(
            Prefetch(
                "session_documents",
                queryset=SessionDocument.objects.select_related("document").order_by("sort_order"),
            )
        )
    return lookups


def host_lookups():
    """A series' host links with each organization and its logo, for all series in one query.

    They go to `host_links`, apart from `organization_links`, where the series page loads them all.
    Logos' renditions come from Wagtail's rendition cache, so they cost no query once made."""
    from .choices import OrganizationRole
    from .series import SeriesOrganization

    hosts = (
        SeriesOrganization.objects.filter(role=OrganizationRole.HOST)
        .select_related("organization__logo")
        .order_by("sort_order")
    )
    return [Prefetch("series_organizations", queryset=hosts, to_attr="host_links")]


def hosts_loaded(series):
    return "host_links" in series.__dict__ or "organization_links" in series.__dict__


def attach_hosts(series_list):
    """Load the hosts of every series in `series_list` that lacks them, in one query."""
    pending = [series for series in series_list if series is not None and not hosts_loaded(series)]
    if pending:
        prefetch_related_objects(pending, *host_lookups())


def attach_organizers(sessions):
    """Give each session its series' hosts, and the series when it has any, from one query of the
    host links: all a calendar's ORGANIZER needs."""
    from .choices import OrganizationRole
    from .series import SeriesOrganization

    sessions = [session for session in sessions if "_hosts" not in session.__dict__]
    if not sessions:
        return
    links = (
        SeriesOrganization.objects.filter(
            role=OrganizationRole.HOST, page__path__in={parent_path(session) for session in sessions}
        )
        .select_related("organization", "page")
        .order_by("sort_order")
    )
    series_by_path, hosts_by_path = {}, {}
    for link in links:
        series = series_by_path.setdefault(link.page.path, link.page)
        hosts_by_path.setdefault(series.path, []).append(link.organization)
    for session in sessions:
        path = parent_path(session)
        session._hosts = hosts_by_path.get(path, [])
        if path in series_by_path and "_series" not in session.__dict__:
            session._series = series_by_path[path]


def scalar(queryset, function, field):
    """`function` (MIN, MAX, COUNT) of `field` over `queryset`, as a subquery giving one value, so
    that several such figures come back from one query. The queryset must be unordered."""
    return Subquery(queryset.annotate(value=Func(F(field), function=function)).values("value")[:1])


def prepare_session_cards(sessions):
    """Ready sessions fetched some other way (e.g. search results) for cards, in at most four queries."""
    sessions = list(sessions)
    prefetch_related_objects(sessions, "framework_level", *card_lookups())
    return attach_cards(sessions)


# Past the last tree path of any child: Wagtail writes paths in digits and capital letters, so a
# child's path lies between its parent's path and that path followed by this.
CHILD_PATH_END = "ZZZZZ"


def children_of_outer_page():
    """Filters for the pages below the page a subquery is about (with a depth filter, its
    children), as a range of tree paths the index on `path` serves; `path__startswith` on an outer
    reference is a pattern no index serves, read afresh for every row."""
    return {"path__gt": OuterRef("path"), "path__lt": Concat(OuterRef("path"), Value(CHILD_PATH_END))}


def parent_path(page):
    """The tree path of `page`'s parent page."""
    return page.path[: -page.steplen]


def parent_path_expression(path="path"):
    """parent_path() in the database: the parent's tree path of the page whose path is `path` (a
    field name, or an OuterRef to the path of the page a subquery is about)."""
    path = F(path) if isinstance(path, str) else path
    return Substr(path, 1, Length(path) - Page.steplen)


def attach_cards(sessions, series=None, hosts=True):
    """Give each of `sessions` (already fetched) its series, and the series' hosts unless `hosts` is
    False (the caller loads them along with other series'). `series` is the series if the caller
    already has it (the sessions' parent), or a list of series listed beside the sessions: only the
    sessions of other series then need a query. Returns the sessions as a list."""
    sessions = [item for item in sessions if isinstance(item, Page)]
    if isinstance(series, Page):
        for session in sessions:
            session._series = series
    else:
        if series is not None:
            known = {item.path: item for item in series}
            for session in sessions:
                if parent_path(session) in known:
                    session._series = known[parent_path(session)]
        attach_series(sessions)
    if hosts:
        attach_hosts(session.series for session in sessions)
    return sessions


class SessionPageQuerySet(SitePageQuerySet):
    """Sessions, with filters by time and a way to load everything a session card shows at once."""

    def upcoming(self, now=None):
        """Sessions that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Sessions that have ended, most recent first; never one whose date is not confirmed."""
        return self.filter(end__lt=now or timezone.now(), date_to_be_confirmed=False).order_by(
            "-start", "-pk"
        )

    def split(self, now=None, series=None):
        """(upcoming soonest first, unconfirmed, past most recent first), from one query, each session
        with its series (`series` as in attach_cards()).

        `unconfirmed` holds the sessions whose date is still to be confirmed and whose tentative date
        has gone by: nobody can say they took place, nor that they are coming.
        """
        now = now or timezone.now()
        upcoming, unconfirmed, past = [], [], []
        for session in self.order_by("start", "pk").cards(series):
            if session.end >= now:
                upcoming.append(session)
            elif session.date_to_be_confirmed:
                unconfirmed.append(session)
            else:
                past.append(session)
        past.reverse()
        return upcoming, unconfirmed, past

    def cards(self, series=None, hosts=True):
        """The sessions as a list, each with its series and the series' hosts (see attach_cards()).
        Call it last: it runs the query."""
        return attach_cards(self, series, hosts)

    def for_calendar(self):
        """What a calendar file reads besides the session's own fields: its presenters' names.
        The organizers come from attach_organizers() once the sessions are listed."""
        from .sessions import SessionPresenter

        presenters = SessionPresenter.objects.select_related("presenter").order_by("sort_order")
        return self.prefetch_related(Prefetch("session_presenters", queryset=presenters))

    def for_listing(self, resources=False):
        """Everything a session card needs besides its series (see cards()): presenters,
        organizations and level."""
        return self.select_related("framework_level").prefetch_related(*card_lookups(resources=resources))


SessionPageManager = PageManager.from_queryset(SessionPageQuerySet)


class SeriesPageQuerySet(SitePageQuerySet):
    def with_session_span(self):
        """Each series with `first_session_start` and `last_session_end`, from its live sessions that
        have no view restriction of their own, in the same query: whether it has finished costs no
        more queries."""
        from wagtail.models import PageViewRestriction

        from .sessions import SessionPage

        sessions = (
            SessionPage.objects.filter(live=True, depth=OuterRef("depth") + 1, **children_of_outer_page())
            .exclude(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
            .order_by()
        )
        return self.annotate(
            first_session_start=Subquery(sessions.order_by("start").values("start")[:1]),
            last_session_end=Subquery(sessions.order_by("-end").values("end")[:1]),
        )

    def for_listing(self, hosts=True):
        """Everything a series card needs: its picture (with renditions), its framework level, its
        hosts (unless `hosts` is False: the caller loads them with other series', attach_hosts())
        and the span of its sessions."""
        return (
            self.select_related("image", "framework_level")
            .prefetch_related("image__renditions", *(host_lookups() if hosts else ()))
            .with_session_span()
        )


SeriesPageManager = PageManager.from_queryset(SeriesPageQuerySet)


def attach_series(sessions, only=None):
    """Give each session its series from a single query instead of one query per session.

    `only` names the only series fields the caller reads (the path is always loaded), for a
    lighter query; by default the whole series comes, with its framework level and picture.
    """
    pending = [session for session in sessions if "_series" not in session.__dict__]
    if not pending:
        return
    paths = {parent_path(session) for session in pending}
    from .series import TrainingSeriesPage

    series_list = TrainingSeriesPage.objects.filter(path__in=paths)
    series_list = (
        series_list.only("path", *only) if only else series_list.select_related("framework_level", "image")
    )
    found = {series.path: series for series in series_list}
    for session in pending:
        session._series = found.get(parent_path(session))


def series_host_names():
    """{tree path of a series: the names of its hosts, in the editor's order} for every series
    with hosts: what a search result names as the hosts of a series and of its sessions.

    A site-wide read (`home.site_reads.remember`): a page of results gets it without a query, and
    with one query, whatever it shows, when it is not in the cache. Publishing a page, or saving a
    host link or an organization, starts a new cache generation, so it is never older than the
    last such change. Plain names, so that reading it from the cache costs next to nothing."""
    from .choices import OrganizationRole
    from .series import SeriesOrganization

    def build():
        names = {}
        links = (
            SeriesOrganization.objects.filter(role=OrganizationRole.HOST)
            .order_by("sort_order", "pk")
            .values_list("page__path", "organization__name")
        )
        for path, name in links:
            names.setdefault(path, []).append(name)
        return names

    return site_reads.remember("series-host-names", build)


def parents_of(page_ids):
    """The parents of the pages with these ids (for sessions, their series), as a query to load
    them along with other pages. Each is found through the index on `path`."""
    children = Page.objects.filter(pk__in=page_ids).order_by()
    return Page.objects.filter(path__in=children.values(parent=parent_path_expression())).order_by()


def attach_loaded_series(pages):
    """Give each session among `pages` its series, if that is among `pages` too (see
    `parents_of()`), and each session and series the names of its hosts from
    `series_host_names()`. No query of its own when those names are in the cache."""
    from .series import TrainingSeriesPage
    from .sessions import SessionPage

    pages = list(pages)
    series_by_path = {page.path: page for page in pages if isinstance(page, TrainingSeriesPage)}
    names = series_host_names()
    for page in pages:
        if isinstance(page, SessionPage):
            if "_series" not in page.__dict__:
                page._series = series_by_path.get(parent_path(page))
            page._host_names = names.get(parent_path(page), [])
        elif isinstance(page, TrainingSeriesPage):
            page._host_names = names.get(page.path, [])


def chosen_series(series_ids, hosts=True):
    """The series editors chose, in their order, keeping only live, public ones, with their next session
    and, unless `hosts` is False, their hosts."""
    series_ids = list(series_ids)
    if not series_ids:
        return []
    from .series import TrainingSeriesPage

    found = {
        series.pk: series
        for series in TrainingSeriesPage.objects.live()
        .public()
        .filter(pk__in=series_ids)
        .select_related("image", "framework_level")
        .prefetch_related(*(host_lookups() if hosts else ()))
        .with_session_span()
    }
    return attach_next_sessions([found[pk] for pk in series_ids if pk in found])


def next_session_ids(series_ids, now=None):
    """A query of the pk of each series' first live, public, upcoming session (one row per series
    that has one): one correlated lookup per series along the index on the tree path."""
    from .sessions import SessionPage

    first = (
        SessionPage.objects.live()
        .public()
        .upcoming(now)
        .filter(depth=OuterRef("depth") + 1, **children_of_outer_page())
        .values("pk")[:1]
    )
    return Page.objects.filter(pk__in=series_ids).annotate(next_id=Subquery(first)).values("next_id")


def attach_next_sessions(series_list, now=None):
    """Set `next_session` on each series: its first live, public, upcoming session, or None. One
    query, which reads only those sessions."""
    series_list = list(series_list)
    if not series_list:
        return series_list
    from .sessions import SessionPage

    by_path = {series.path: series for series in series_list}
    sessions = SessionPage.objects.filter(pk__in=next_session_ids([series.pk for series in series_list], now))
    for series in series_list:
        series.next_session = None
    for session in sessions:
        series = by_path.get(parent_path(session))
        if series is not None:
            series.next_session = session
            session._series = series
    return series_list


def upcoming_sessions(limit=None, series=None, hosts=True):
    """Live, public sessions that have not ended, across all series, soonest first, ready for cards
    (`series` and `hosts` as in attach_cards())."""
    from .sessions import SessionPage

    sessions = SessionPage.objects.live().public().upcoming().for_listing()
    return attach_cards(sessions[:limit] if limit else sessions, series, hosts)
