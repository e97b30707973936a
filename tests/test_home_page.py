"""The home page: hero, automatic upcoming sessions, featured series, mission, posts, testimonial, join."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import SiteSettings
from programs.models import HomePageFeaturedSeries
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import MissionPageFactory
from tests.factories.programs import (
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.factories.programs import TestimonialFactory as QuoteFactory

pytestmark = pytest.mark.django_db

# The most queries the home page may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
HOME_QUERIES = 10


@pytest.fixture
def trainings(site_root):
    return TrainingIndexPageFactory(parent=site_root)


@pytest.fixture
def series(trainings):
    return TrainingSeriesPageFactory(parent=trainings, title="Training Series 2.0")


def in_days(days, hours=0):
    return timezone.now() + timedelta(days=days, hours=hours)


def test_hero_shows_heading_text_and_button(client, site_root, trainings):
    html = client.get("/").content.decode()
    assert '<h1 id="hero-heading">Trainings for organizers</h1>' in html
    assert 'class="button" href="/trainings/">Find a training</a>' in html


def test_hero_button_can_point_elsewhere(client, site_root):
    site_root.hero_cta_label = "Register"
    site_root.hero_cta_url = "https://register.example.org/"
    site_root.save_revision().publish()
    assert 'href="https://register.example.org/">Register</a>' in client.get("/").content.decode()


def test_upcoming_sessions_are_the_soonest_and_leave_out_past_draft_and_private(client, site_root, series):
    SessionPageFactory(parent=series, title="Already happened", start=in_days(-3))
    later = SessionPageFactory(parent=series, title="Later session", start=in_days(20))
    sooner = SessionPageFactory(parent=series, title="Sooner session", start=in_days(2))
    draft = SessionPageFactory(parent=series, title="Draft session", start=in_days(1))
    draft.unpublish()
    private = SessionPageFactory(parent=series, title="Private session", start=in_days(1, 2))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    SessionPageFactory(parent=series, title="Far future", start=in_days(90))
    SessionPageFactory(parent=series, title="Even further", start=in_days(120))

    response = client.get("/")
    shown = [session.title for session in response.context["upcoming_sessions"]]
    assert shown == ["Sooner session", "Later session", "Far future"]
    html = response.content.decode()
    assert "Already happened" not in html and "Draft session" not in html and "Private session" not in html
    assert html.index(sooner.title) < html.index(later.title)


def test_editors_choose_how_many_upcoming_sessions(client, site_root, series):
    for day in range(1, 8):
        SessionPageFactory(parent=series, start=in_days(day))
    site_root.upcoming_count = 5
    site_root.save_revision().publish()
    assert len(client.get("/").context["upcoming_sessions"]) == 5


def test_nothing_upcoming_shows_a_helpful_empty_state(client, site_root, series):
    SessionPageFactory(parent=series, start=in_days(-10))
    settings = SiteSettings.load()
    settings.signup_url = "https://example.org/join"
    settings.save()
    html = client.get("/").content.decode()
    assert "No sessions are scheduled right now" in html
    assert 'href="https://example.org/join">Join the network</a> to hear about them first' in html
    assert "browse past trainings" in html


def test_featured_series_follow_the_editors_order_and_skip_drafts(client, site_root, trainings):
    first = TrainingSeriesPageFactory(parent=trainings, title="Organizing for Health")
    second = TrainingSeriesPageFactory(parent=trainings, title="Leaders for Just Schools")
    hidden = TrainingSeriesPageFactory(parent=trainings, title="Unpublished series")
    hidden.unpublish()
    SessionPageFactory(parent=second, start=in_days(4))
    for order, chosen in enumerate([second, hidden, first]):
        HomePageFeaturedSeries.objects.create(page=site_root, series=chosen, sort_order=order)

    response = client.get("/")
    assert [series.title for series in response.context["featured_series"]] == [
        "Leaders for Just Schools",
        "Organizing for Health",
    ]
    assert response.context["featured_series"][0].next_session is not None
    assert "Unpublished series" not in response.content.decode()


def test_mission_summary_links_to_the_mission_page(client, site_root):
    mission = MissionPageFactory(parent=site_root)
    html = client.get("/").content.decode()
    assert mission.statement in html
    assert 'href="/mission/">Read our mission</a>' in html


def test_latest_posts_are_the_three_newest_published(client, site_root):
    blog = BlogIndexPageFactory(parent=site_root)
    posts = [BlogPostPageFactory(parent=blog) for _ in range(4)]
    draft = BlogPostPageFactory(parent=blog, title="Draft news")
    draft.unpublish()
    response = client.get("/")
    assert [post.title for post in response.context["latest_posts"]] == [post.title for post in posts[:0:-1]]
    assert "Draft news" not in response.content.decode()


def test_testimonial_is_quoted_with_its_attribution(client, site_root):
    site_root.testimonial = QuoteFactory(
        quote="It was great to hear about the work of different groups.",
        person_name="Ana",
        role="Participant",
    )
    site_root.save_revision().publish()
    html = client.get("/").content.decode()
    assert "<blockquote><p>It was great to hear about the work of different groups.</p></blockquote>" in html
    assert "Ana, Participant" in html


def test_an_edited_testimonial_shows_on_the_next_visit(client, site_root):
    quote = QuoteFactory(quote="The first wording.", person_name="Ana", role="Participant")
    site_root.testimonial = quote
    site_root.save_revision().publish()
    assert "The first wording." in client.get("/").content.decode()
    quote.quote = "The corrected wording."
    quote.save()
    html = client.get("/").content.decode()
    assert "The corrected wording." in html and "The first wording." not in html


def test_join_section_uses_the_site_settings(client, site_root):
    settings = SiteSettings.load()
    settings.signup_url = "https://example.org/join"
    settings.signup_label = "Sign up for news"
    settings.contact_email = "hello@example.org"
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="https://example.org/join">Sign up for news</a>' in html
    assert 'href="mailto:hello@example.org"' in html


def test_join_section_stays_out_without_a_sign_up_link(client, site_root, trainings):
    """A call to join with nothing to join would send people elsewhere under a misleading heading."""
    settings = SiteSettings.load()
    settings.contact_email = "hello@example.org"
    settings.save()
    html = client.get("/").content.decode()
    assert 'id="join-heading"' not in html
    assert html.count(">Find a training</a>") == 1, "only the hero's button"


@pytest.mark.parametrize("count", [3, 60])
def test_home_query_count_does_not_grow_with_content(
    client, site_root, trainings, count, django_assert_max_num_queries
):
    client.get("/")  # The first visit ever creates the settings rows, a change that clears caches.
    MissionPageFactory(parent=site_root)
    blog = BlogIndexPageFactory(parent=site_root)
    for number in range(count):
        series = TrainingSeriesPageFactory(parent=trainings)
        SessionPageFactory(parent=series, start=in_days(number + 1))
        BlogPostPageFactory(parent=blog)
        if number < 6:
            HomePageFeaturedSeries.objects.create(page=site_root, series=series, sort_order=number)
    site_root.testimonial = QuoteFactory()
    site_root.save_revision().publish()
    client.get("/")
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200
