"""Each series' next session, as the home page, the training list and the framework show it: one
query that reads only the next session of each series, skipping drafts, private and past ones."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from programs.models import TrainingSeriesPage, attach_next_sessions
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db


def session(series, days, **fields):
    start = timezone.now() + timedelta(days=days)
    return SessionPageFactory(parent=series, start=start, end=start + timedelta(hours=2), **fields)


def test_each_series_gets_its_first_live_public_upcoming_session(site_root):
    index = TrainingIndexPageFactory(parent=site_root)
    busy, quiet, finished = (TrainingSeriesPageFactory(parent=index) for _ in range(3))
    session(busy, -3)  # over
    draft = session(busy, 1)
    draft.unpublish()
    private = session(busy, 2)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    wanted = session(busy, 5)
    session(busy, 9)
    quiet_next = session(quiet, 30)
    session(finished, -10)
    series = list(TrainingSeriesPage.objects.filter(pk__in=[busy.pk, quiet.pk, finished.pk]).order_by("path"))
    attach_next_sessions(series)  # The list of view restrictions is read once, then cached.
    with CaptureQueriesContext(connection) as queries:
        attach_next_sessions(series)
    assert len(queries) == 1
    found = {item.pk: item.next_session for item in series}
    assert found[busy.pk].pk == wanted.pk
    assert found[quiet.pk].pk == quiet_next.pk
    assert found[finished.pk] is None
    assert found[busy.pk].series.pk == busy.pk  # no query: the series is the one passed in


def test_the_lookup_reads_one_row_per_series_whatever_its_sessions(site_root):
    index = TrainingIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=index)
    for days in range(1, 30):
        session(series, days)
    with CaptureQueriesContext(connection) as queries:
        attach_next_sessions([series])
    sql = queries[0]["sql"].upper()
    assert "SUBSTR" not in sql  # a tree-path range the index serves, not a computed parent path
    assert series.next_session.start <= min(item.start for item in series.get_children().specific())
