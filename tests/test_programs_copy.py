"""Copying a series or a session with Wagtail's copy keeps its people, partners and topics."""

import pytest
from django.core.files.base import ContentFile

from home.models import Resource, Topic
from programs.models import SessionDocument, SessionPage
from tests.factories.programs import build_series

pytestmark = pytest.mark.django_db


def relations(session):
    return (
        [(link.presenter_id, link.role) for link in session.session_presenters.order_by("sort_order")],
        [(link.organization_id, link.role) for link in session.session_organizations.order_by("sort_order")],
        sorted(topic.name for topic in session.topics.all()),
    )


def test_copying_a_session_keeps_presenters_organizations_and_topics(site_root):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.topics.add(Topic.objects.create(name="Youth organizing", slug="youth-organizing"))
    session.recording_url = "https://www.youtube.com/watch?v=abc"
    session.save()
    copy = session.copy(update_attrs={"title": "The next one", "slug": "the-next-one"}).specific
    assert copy.pk != session.pk
    assert relations(copy) == relations(session)
    assert len(relations(copy)[0]) == 2
    # Last time's recording does not belong to the next session.
    assert copy.recording_url == ""


def test_copying_a_series_keeps_hosts_costs_topics_and_its_sessions_relations(site_root):
    made = build_series(site_root, sessions=2)
    series = made["series"]
    series.topics.add(Topic.objects.create(name="Power mapping", slug="power-mapping"))
    series.save()
    copy = series.copy(recursive=True, update_attrs={"title": "Next year", "slug": "next-year"}).specific
    assert [link.organization_id for link in copy.series_organizations.all()] == [made["host"].pk]
    assert [tier.amount for tier in copy.cost_tiers.all()] == [
        tier.amount for tier in series.cost_tiers.all()
    ]
    assert [topic.name for topic in copy.topics.all()] == ["Power mapping"]
    copied_sessions = SessionPage.objects.child_of(copy).order_by("start")
    originals = SessionPage.objects.child_of(series).order_by("start")
    assert len(copied_sessions) == 2
    for copied, original in zip(copied_sessions, originals, strict=True):
        assert relations(copied) == relations(original)
        assert copied.series.pk == copy.pk


def test_copying_a_session_leaves_last_times_documents_and_links_behind(site_root):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    slides = Resource.objects.create(title="Slides", file=ContentFile(b"slides", name="slides.pdf"))
    SessionDocument.objects.create(page=session, document=slides)
    session.resource_links = [("link", {"title": "Reading", "url": "https://example.org/reading"})]
    session.save()
    copy = session.copy(update_attrs={"title": "Again", "slug": "again"}).specific
    assert not copy.session_documents.exists()
    assert len(copy.resource_links) == 0
    assert session.session_documents.count() == 1
