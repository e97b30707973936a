"""What the site search and the read-only API can read from program pages."""

import pytest

from home.models import Topic
from programs.models import PresenterPage, SessionPage, TrainingSeriesPage
from tests.factories.programs import (
    OrganizationFactory,
    PresenterPageFactory,
    SessionOrganizationFactory,
    SessionPresenterFactory,
    build_series,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_session(site_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = build_series(site_root, sessions=1, presenters_per_session=0, organizations_per_session=0)
        session = made["sessions"][0]
        session.title = "Digital Security"
        session.summary = "Why security culture keeps organizers safe."
        SessionPresenterFactory(
            page=session, presenter=PresenterPageFactory(parent=made["presenters"], title="Jack Aponte")
        )
        SessionOrganizationFactory(
            page=session, organization=OrganizationFactory(name="Human Impact Partners")
        )
        session.topics.add(Topic.objects.create(name="Security culture", slug="security-culture"))
        session.save_revision().publish()
    return session


@pytest.mark.parametrize("words", ["Digital Security", "security culture", "Aponte", "Human Impact"])
def test_sessions_are_found_by_title_summary_presenter_organization_and_topic(indexed_session, words):
    results = list(SessionPage.objects.live().search(words))
    assert [result.pk for result in results] == [indexed_session.pk], words


def test_search_filters_on_start_format_and_status(indexed_session):
    found = SessionPage.objects.live().filter(
        format="virtual", status="scheduled", start__gte=indexed_session.start
    )
    assert [result.pk for result in found.search("security")] == [indexed_session.pk]
    assert list(SessionPage.objects.live().filter(status="cancelled").search("security")) == []


def test_title_counts_more_than_body():
    title_boost = next(f.boost for f in SessionPage.search_fields if getattr(f, "field_name", "") == "title")
    assert title_boost and title_boost > 1
    for model in (TrainingSeriesPage, PresenterPage):
        assert any(getattr(f, "field_name", "") == "title" for f in model.search_fields)


def test_api_gives_partners_what_they_embed(indexed_session, client):
    fields = "start,end,time_zone,status,format,venue_name,registration_url,series_title,presenter_names"
    response = client.get("/api/v2/pages/", {"type": "programs.SessionPage", "fields": fields})
    assert response.status_code == 200
    (item,) = response.json()["items"]
    assert item["title"] == "Digital Security"
    assert item["time_zone"] == "America/New_York"
    assert item["status"] == "scheduled"
    assert item["format"] == "virtual"
    assert item["series_title"] == indexed_session.series.title
    assert item["presenter_names"] == ["Jack Aponte"]
    assert item["registration_url"] == indexed_session.registration_url
    series = client.get(
        "/api/v2/pages/",
        {"type": "programs.TrainingSeriesPage", "fields": "summary,format,organization_names"},
    ).json()["items"]
    assert series[0]["format"] == "virtual"
