"""Factories for program pages and snippets."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from programs.models import (
    FrameworkLevelPage,
    FrameworkPage,
    Organization,
    PresenterIndexPage,
    PresenterPage,
    SeriesCostTier,
    SeriesOrganization,
    SessionOrganization,
    SessionPage,
    SessionPresenter,
    Testimonial,
    TrainingIndexPage,
    TrainingSeriesPage,
)


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organization {n}")
    website = factory.Sequence(lambda n: f"https://org{n}.example.org/")
    description = "A community group organizing for just schools."

    class Meta:
        model = Organization


class TestimonialFactory(factory.django.DjangoModelFactory):
    __test__ = False  # its name starts with "Test"; it is a factory, not a test class

    quote = "It was great to hear about the work of different groups."
    person_name = factory.Sequence(lambda n: f"Participant {n}")
    role = "Series participant"

    class Meta:
        model = Testimonial


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Trainings"
    slug = "trainings"
    intro = "Trainings for students, parents, educators and health workers."

    class Meta:
        model = TrainingIndexPage


class TrainingSeriesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Training Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    summary = "A virtual public training series for people who want strong public schools."
    audience = "Students, educators and parents"
    cadence = "Every other Tuesday, two hours"
    format = "virtual"

    class Meta:
        model = TrainingSeriesPage


class SessionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    summary = "Learn what works from youth organizers across the country."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    time_zone = "America/New_York"
    format = "virtual"
    registration_url = "https://register.example.org/session"

    class Meta:
        model = SessionPage


class PresenterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Presenters"
    slug = "presenters"

    class Meta:
        model = PresenterIndexPage


class PresenterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Presenter {n}")
    slug = factory.Sequence(lambda n: f"presenter-{n}")
    job_title = "Organizer"

    class Meta:
        model = PresenterPage


class FrameworkPageFactory(wagtail_factories.PageFactory):
    title = "Developmental framework"
    slug = "framework"
    intro = "How leaders grow from self exposure to system transformation."

    class Meta:
        model = FrameworkPage


class FrameworkLevelPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Level name {n}")
    slug = factory.Sequence(lambda n: f"level-{n}")
    number = factory.Sequence(lambda n: n + 1)
    summary = "Leaders learn about racial, social and educational justice."

    class Meta:
        model = FrameworkLevelPage


class SessionPresenterFactory(factory.django.DjangoModelFactory):
    role = SessionPresenter.Role.LEAD

    class Meta:
        model = SessionPresenter


class SessionOrganizationFactory(factory.django.DjangoModelFactory):
    role = SessionOrganization.Role.PARTNER

    class Meta:
        model = SessionOrganization


class SeriesOrganizationFactory(factory.django.DjangoModelFactory):
    role = SeriesOrganization.Role.HOST

    class Meta:
        model = SeriesOrganization


class SeriesCostTierFactory(factory.django.DjangoModelFactory):
    label = "Per participant"
    amount = 7500

    class Meta:
        model = SeriesCostTier


def build_series(site_root, sessions=3, past=0, presenters_per_session=2, organizations_per_session=2):
    """A training list with one series of upcoming and past sessions, each with presenters and partners.

    Returns a dict of what was made, for tests that need to look things up.
    """
    index = TrainingIndexPage.objects.child_of(site_root).first()
    index = index or TrainingIndexPageFactory(parent=site_root)
    people = PresenterIndexPage.objects.child_of(site_root).first()
    people = people or PresenterIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=index)
    host = OrganizationFactory()
    SeriesOrganizationFactory(page=series, organization=host, role=SeriesOrganization.Role.HOST)
    SeriesCostTierFactory(page=series)
    made = []
    now = timezone.now()
    for number in range(sessions + past):
        start = now + timedelta(days=number + 1) if number < sessions else now - timedelta(days=number + 1)
        session = SessionPageFactory(parent=series, start=start, end=start + timedelta(hours=2))
        for _ in range(presenters_per_session):
            SessionPresenterFactory(page=session, presenter=PresenterPageFactory(parent=people))
        for _ in range(organizations_per_session):
            SessionOrganizationFactory(page=session, organization=OrganizationFactory())
        made.append(session)
    return {"index": index, "presenters": people, "series": series, "sessions": made, "host": host}
