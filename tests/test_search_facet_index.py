"""The stored filter values follow pages and resources: saving, publishing, moving, renaming, deleting."""

from datetime import date, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from programs.models import SessionDocument
from search import facet_index
from search.models import PageFacet, ResourceFacet
from tests.factories.home import TopicFactory
from tests.factories.programs import (
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.factories.search import ResourceFactory
from tests.helpers import counts, search

pytestmark = pytest.mark.django_db


def stored(page):
    return sorted(PageFacet.objects.filter(page_id=page.pk).values_list("facet", "value"))


def values(page, facet):
    return sorted(value for name, value in stored(page) if name == facet)


def resource_values(resource, facet):
    rows = ResourceFacet.objects.filter(document_id=resource.pk, facet=facet)
    return sorted(rows.values_list("value", flat=True))


@pytest.fixture
def programme(site_root):
    trainings = TrainingIndexPageFactory(parent=site_root)
    first = TrainingSeriesPageFactory(parent=trainings, title="Gecko series", start_date=date(2023, 5, 1))
    second = TrainingSeriesPageFactory(parent=trainings, title="Iguana series")
    presenters = PresenterIndexPageFactory(parent=site_root)
    presenter = PresenterPageFactory(parent=presenters, title="Rosa Gecko")
    start = timezone.now() + timedelta(days=3)
    session = SessionPageFactory(
        parent=first, title="Gecko workshop", start=start, end=start + timedelta(hours=2), format="virtual"
    )
    return first, second, presenter, session


def test_a_published_session_stores_each_of_its_values(programme):
    first, _second, presenter, session = programme
    topic = TopicFactory(name="Gecko care", slug="gecko-care")
    session.topics.add(topic)
    session.save_revision().publish()
    SessionPresenterFactory(page=session, presenter=presenter)
    assert values(session, "series") == [str(first.pk)]
    assert values(session, "topic") == ["gecko-care"]
    assert values(session, "presenter") == [str(presenter.pk)]
    assert values(session, "format") == ["virtual"]
    assert values(session, "year") == [str(timezone.localtime(session.start).year)]
    assert len(values(session, "when")) == 1
    assert values(first, "series") == [str(first.pk)]
    assert values(first, "year") == ["2023"]
    assert values(presenter, "presenter") == [str(presenter.pk)]


def test_removing_a_presenter_or_topic_updates_the_values(programme):
    _first, _second, presenter, session = programme
    topic = TopicFactory(name="Gecko care", slug="gecko-care")
    session.topics.add(topic)
    session.save()
    link = SessionPresenterFactory(page=session, presenter=presenter)
    assert values(session, "presenter") == [str(presenter.pk)]
    link.delete()
    assert values(session, "presenter") == []
    session.topics.set([])  # what the editor's topic field does when it is emptied
    session.save()
    assert values(session, "topic") == []


def test_a_session_moved_to_another_series_follows_it_in_search(client, programme):
    first, second, _presenter, session = programme
    assert counts(search(client, q="gecko workshop"), "series") == {"Gecko series": 1}
    session.move(second, pos="last-child")
    assert values(session, "series") == [str(second.pk)]
    assert counts(search(client, q="gecko workshop"), "series") == {"Iguana series": 1}
    response = search(client, q="gecko workshop", series=str(first.pk))
    assert response.context["search"].total == 0


def test_a_renamed_topic_keeps_its_pages(client, programme):
    _first, _second, _presenter, session = programme
    topic = TopicFactory(name="Gecko care", slug="gecko-care")
    session.topics.add(topic)
    session.save()
    topic.slug = "lizard-care"
    topic.name = "Lizard care"
    topic.save()
    assert values(session, "topic") == ["lizard-care"]
    response = search(client, q="gecko workshop", topic="lizard-care")
    assert [result.title for result in response.context["results"]] == ["Gecko workshop"]


def test_a_deleted_page_leaves_no_values(programme):
    _first, _second, _presenter, session = programme
    assert stored(session)
    session.delete()
    assert not PageFacet.objects.filter(page_id=session.pk).exists()


def test_a_session_that_has_ended_counts_as_past_without_being_saved_again(client, programme):
    _first, _second, _presenter, session = programme
    assert counts(search(client, q="gecko workshop"), "when") == {"Upcoming": 1}
    # The stored value is the session's end; "upcoming" or "past" is decided at search time, so a
    # search made after the end finds it past, though nothing was written since.
    stored_before = stored(session)
    after_the_end = session.end + timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after_the_end):
        assert counts(search(client, q="gecko workshop"), "when") == {"Past": 1}
    assert stored(session) == stored_before
    assert counts(search(client, q="gecko workshop"), "when") == {"Upcoming": 1}


def test_rebuild_writes_the_same_values_as_saving(programme):
    _first, _second, presenter, session = programme
    SessionPresenterFactory(page=session, presenter=presenter)
    handout = ResourceFactory(title="Gecko handout")
    handout.topics.add(TopicFactory(name="Gecko care", slug="gecko-care"))
    SessionDocument.objects.create(page=session, document=handout, sort_order=0)
    pages = sorted(PageFacet.objects.values_list("page_id", "facet", "value"))
    resources = sorted(ResourceFacet.objects.values_list("document_id", "facet", "value"))
    assert len(resources) == 4  # topic, year, series, presenter
    PageFacet.objects.all().delete()
    ResourceFacet.objects.all().delete()
    assert facet_index.rebuild() == len(pages) + len(resources)
    assert sorted(PageFacet.objects.values_list("page_id", "facet", "value")) == pages
    assert sorted(ResourceFacet.objects.values_list("document_id", "facet", "value")) == resources


def test_the_rebuild_command_reports_what_it_wrote(programme):
    PageFacet.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_filters", stdout=out)
    assert PageFacet.objects.exists()
    assert f"{PageFacet.objects.count()} filter values" in out.getvalue()


def test_a_resource_stores_its_topics_year_and_its_sessions_series_and_presenters(programme):
    first, second, presenter, session = programme
    handout = ResourceFactory(title="Gecko handout")
    assert resource_values(handout, "year") == [str(timezone.localtime(handout.created_at).year)]
    topic = TopicFactory(name="Gecko care", slug="gecko-care")
    handout.topics.add(topic)
    assert resource_values(handout, "topic") == ["gecko-care"]

    SessionPresenterFactory(page=session, presenter=presenter)
    link = SessionDocument.objects.create(page=session, document=handout, sort_order=0)
    assert resource_values(handout, "series") == [str(first.pk)]
    assert resource_values(handout, "presenter") == [str(presenter.pk)]

    # The session gains a presenter, and moves to another series: its resources follow.
    other = PresenterPageFactory(parent=presenter.get_parent(), title="Tomas Iguana")
    SessionPresenterFactory(page=session, presenter=other)
    assert resource_values(handout, "presenter") == sorted([str(presenter.pk), str(other.pk)])
    session.move(second, pos="last-child")
    assert resource_values(handout, "series") == [str(second.pk)]

    handout.topics.remove(topic)
    assert resource_values(handout, "topic") == []
    link.delete()
    assert resource_values(handout, "series") == []
    assert resource_values(handout, "presenter") == []
    handout.delete()
    assert not ResourceFacet.objects.filter(document_id=handout.pk).exists()


def test_a_resource_added_to_a_session_in_the_editor_carries_its_series(client, programme):
    first, _second, _presenter, session = programme
    handout = ResourceFactory(title="Gecko handout")
    # What publishing a session with a file added under "Resources" does.
    session.session_documents.add(SessionDocument(document=handout))
    session.save_revision().publish()
    assert resource_values(handout, "series") == [str(first.pk)]
    response = search(client, q="gecko handout", series=str(first.pk))
    assert [result.title for result in response.context["results"]] == ["Gecko handout"]


def test_a_renamed_topic_keeps_its_resources(programme):
    handout = ResourceFactory(title="Gecko handout")
    topic = TopicFactory(name="Gecko care", slug="gecko-care")
    handout.topics.add(topic)
    topic.slug = "lizard-care"
    topic.save()
    assert resource_values(handout, "topic") == ["lizard-care"]


def test_migrate_fills_only_the_values_that_are_missing(programme):
    _first, _second, _presenter, session = programme
    handout = ResourceFactory(title="Gecko handout")
    ResourceFacet.objects.all().delete()
    page_rows = set(PageFacet.objects.filter(page_id=session.pk).values_list("pk", flat=True))
    call_command("migrate", "search", verbosity=0)
    assert resource_values(handout, "year") == [str(timezone.localtime(handout.created_at).year)]
    # The pages' values were there already, and were left as they were.
    assert set(PageFacet.objects.filter(page_id=session.pk).values_list("pk", flat=True)) == page_rows


def test_clearing_stored_values_is_one_delete_statement(programme, django_assert_max_num_queries):
    """The values are cleared with the public QuerySet.delete(), which stays a single DELETE only
    while nothing listens for their deletion and nothing points at them: were that to change (a
    signal receiver, a relation), every save of a page would first read its values one by one."""
    _first, _second, _presenter, session = programme
    assert PageFacet.objects.filter(page_id=session.pk).exists()
    with django_assert_max_num_queries(1) as captured:
        PageFacet.objects.filter(page_id=session.pk).delete()
    assert captured.captured_queries[0]["sql"].startswith("DELETE")
    assert not PageFacet.objects.filter(page_id=session.pk).exists()
    resource = ResourceFactory()
    assert ResourceFacet.objects.filter(document_id=resource.pk).exists()
    with django_assert_max_num_queries(1):
        ResourceFacet.objects.filter(document_id=resource.pk).delete()
