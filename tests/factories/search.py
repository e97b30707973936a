"""A small site with one of every searchable thing, each holding a word only it contains."""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection

from home.models import Resource
from programs.models import Format
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import MissionPageFactory, StandardPageFactory, TopicFactory
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)

EASTERN = ZoneInfo("America/New_York")


def root_collection():
    """The root collection, made again if a transactional test flushed it."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


class ResourceFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Handout {n}")
    description = "A worksheet for planning a campaign."
    file = factory.LazyAttribute(lambda o: ContentFile(b"%PDF-1.4 handout", name=f"{o.title}.pdf"))
    collection = factory.LazyFunction(lambda: root_collection())

    class Meta:
        model = Resource


def build_world(site_root):
    """One of each content type, each with its own unique word, plus two topics and two years."""
    now = timezone.now()
    equity = TopicFactory(name="Equity", slug="equity")
    budgets = TopicFactory(name="Budgets", slug="budgets")

    trainings = TrainingIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(
        parent=trainings,
        title="Organizing for Health",
        summary="A bi-monthly kite series with walruses on the cover.",
        format=Format.VIRTUAL,
        start_date=date(2024, 3, 1),
    )
    other_series = TrainingSeriesPageFactory(
        parent=trainings, title="Leaders for Just Schools", summary="Hybrid cohorts.", format=Format.HYBRID
    )
    presenters = PresenterIndexPageFactory(parent=site_root)
    presenter = PresenterPageFactory(parent=presenters, title="Ana Quetzal", job_title="Flamingo wrangler")
    past_session = SessionPageFactory(
        parent=series,
        title="Budget basics",
        summary="Reading a district budget, a kite and a narwhal example.",
        start=datetime(2024, 4, 9, 18, 0, tzinfo=EASTERN),
        end=datetime(2024, 4, 9, 20, 0, tzinfo=EASTERN),
        format=Format.VIRTUAL,
    )
    past_session.topics.add(budgets)
    past_session.save_revision().publish()
    SessionPresenterFactory(page=past_session, presenter=presenter)
    upcoming_session = SessionPageFactory(
        parent=other_series,
        title="Power mapping",
        summary="Map who decides: a kite and ocelot exercise.",
        start=now + timedelta(days=10),
        end=now + timedelta(days=10, hours=2),
        format=Format.IN_PERSON,
    )
    upcoming_session.topics.add(equity)
    upcoming_session.save_revision().publish()
    framework = FrameworkPageFactory(parent=site_root)
    level = FrameworkLevelPageFactory(
        parent=framework, title="Self Exposure", summary="Leaders meet a pangolin."
    )
    blog = BlogIndexPageFactory(parent=site_root)
    post = BlogPostPageFactory(
        parent=blog, title="What parents told us", intro="Notes about a capybara.", date=date(2025, 2, 3)
    )
    post.topics.add(equity)
    post.save_revision().publish()
    mission = MissionPageFactory(parent=site_root, statement="We organize with a platypus in mind.")
    standard = StandardPageFactory(parent=site_root, title="Contact", intro="Write to the axolotl desk.")
    resource = ResourceFactory(title="Budget handout", description="Slides with a quokka chart.")
    resource.topics.add(budgets)
    return SimpleNamespace(
        equity=equity,
        budgets=budgets,
        series=series,
        other_series=other_series,
        presenter=presenter,
        past_session=past_session,
        upcoming_session=upcoming_session,
        level=level,
        post=post,
        mission=mission,
        standard=standard,
        resource=resource,
    )
