"""The demo content: the programs' facts as data, generated pictures, and the site the loader builds."""

import datetime
import html
import io
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage

from search.demo import content, images
from tests.conftest import committed, delete_demo_pictures

ALL_SESSIONS = [session for series in content.SERIES for session in series.sessions]
TRAINING_SERIES_2 = "/trainings/training-series-2-0/"
COMMUNITY_ORGANIZER = "/trainings/community-organizer-training-program-2019-20/"
# A clock time as pages write one (“1:00 p.m.”) or as a machine does (“13:00”).
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


# --- The data ------------------------------------------------------------------------------------


@pytest.mark.parametrize("session", [s for s in ALL_SESSIONS if s.stated_weekday], ids=lambda s: s.slug)
def test_every_dated_session_falls_on_the_weekday_its_announcement_states(session):
    local = session.start.astimezone(datetime.UTC).astimezone(session.start.tzinfo)
    assert local.strftime("%A") == session.stated_weekday


def test_the_fall_series_has_seven_sessions_in_fall_2022_in_eastern_time():
    sessions = content.TRAINING_SERIES_2.sessions
    assert len(sessions) == 7
    assert [s.start.date() for s in sessions] == [
        datetime.date(2022, 9, 17),
        datetime.date(2022, 9, 20),
        datetime.date(2022, 10, 6),
        datetime.date(2022, 10, 18),
        datetime.date(2022, 11, 1),
        datetime.date(2022, 11, 15),
        datetime.date(2022, 11, 30),
    ]
    for session in sessions:
        assert str(session.start.tzinfo) == "America/New_York"
        assert session.date_only, "the announcement gives no hours: none may be shown"
        assert session.end.date() == session.start.date()


def test_the_health_series_keeps_month_precision_for_its_past_trainings():
    labels = {s.title: s.date_label for s in content.ORGANIZING_FOR_HEALTH.sessions}
    assert labels == {
        "Intro to Organizing": "April/May 2023",
        "“Tell Me Why” The Power of Story": "May 2023",
        "Power Analysis!": "July 2023",
        "Digital Security": "February 2024",
    }
    assert all(s.month_only for s in content.ORGANIZING_FOR_HEALTH.sessions)


def test_the_retreat_programme_has_five_retreats_two_institutes_costs_and_a_friday_deadline():
    series = content.COMMUNITY_ORGANIZER_TRAINING
    retreats = [s for s in series.sessions if s.address]
    assert len(retreats) == 5
    assert {s.address for s in retreats} == {
        "250 Oak Grove Ave, Menlo Park, CA",
        "2300 Adeline Dr, Burlingame, CA",
    }
    assert all((s.end.date() - s.start.date()).days == 2 for s in series.sessions), "three-day sessions"
    institutes = [s for s in series.sessions if "Parent Leader Institute" in s.title]
    assert len(institutes) == 2
    assert all(s.start.strftime("%A") in ("Friday", "Saturday") for s in institutes), "weekends"
    assert series.deadline == datetime.date(2019, 8, 16)
    assert series.deadline.strftime("%A") == series.deadline_weekday == "Friday"
    assert series.cost_tiers == (
        ("Per participant", 7500),
        ("Team of 2 participants", 10000),
        ("Team of 3 participants", 15000),
    )
    assert series.contact_name == "Corey Timpson"


def test_the_framework_has_four_levels_in_order():
    assert [(level.number, level.name) for level in content.FRAMEWORK_LEVELS] == [
        (1, "Self Exposure"),
        (2, "Team Growth"),
        (3, "Organization Application"),
        (4, "System Transformation"),
    ]
    assert content.LEADERS_FOR_JUST_SCHOOLS.capacity == 25
    assert content.LEADERS_FOR_JUST_SCHOOLS.framework_level == 1


def test_every_reference_points_at_something_that_exists():
    organizations = {org.key for org in content.ORGANIZATIONS}
    presenters = {p.slug for p in content.PRESENTERS}
    testimonials = {t.key for t in content.TESTIMONIALS}
    assert len(organizations) == len(content.ORGANIZATIONS), "organization keys are unique"
    for presenter in content.PRESENTERS:
        assert not presenter.organization or presenter.organization in organizations
    for testimonial in content.TESTIMONIALS:
        assert not testimonial.organization or testimonial.organization in organizations
    for series in content.SERIES:
        assert set(series.hosts) | set(series.partners) <= organizations
        assert set(series.testimonials) <= testimonials
        assert series.image in images.SPECS
        slugs = [s.slug for s in series.sessions]
        assert len(slugs) == len(set(slugs))
        for session in series.sessions:
            assert set(session.partners) <= organizations
            assert {slug for slug, _ in session.presenters} <= presenters
    for post in content.BLOG_POSTS:
        assert set(post.related_series) <= {s.slug for s in content.SERIES}
        assert post.image in images.SPECS


def body_texts(body):
    """Every piece of text in a demo body, however its blocks nest their values."""
    for item in body:
        if isinstance(item, str):
            yield item
        elif isinstance(item, tuple | list):
            yield from body_texts(item)


def squeeze(text):
    return " ".join(text.split()).strip(" .").lower()


@pytest.mark.parametrize("page", [*content.SERIES, *ALL_SESSIONS], ids=lambda page: page.slug)
def test_no_body_repeats_what_the_page_already_shows_above_it(page):
    """The summary is the page's lede, and a series shows its figures and testimonials in their own
    places: a body that says them again makes visitors read the same words twice."""
    texts = [squeeze(text) for text in body_texts(page.body)]
    assert squeeze(page.summary) not in texts
    if isinstance(page, content.Series):
        quotes = {squeeze(t.quote) for t in content.TESTIMONIALS if t.key in page.testimonials}
        assert not quotes & set(texts)
        for figure, _label in page.figures:
            assert not any(figure.lower() in text for text in texts), figure


@pytest.mark.parametrize("series", content.SERIES, ids=lambda series: series.slug)
def test_no_series_body_repeats_its_schedule_costs_deadline_or_call_to_apply(series):
    """Sessions, venues, cost tiers, the deadline and the call to apply have their own places on the
    page, kept right when they change; a pasted copy in the body would be read twice and go stale."""
    text = squeeze(" ".join(body_texts(series.body)))
    for _label, amount in series.cost_tiers:
        assert f"${amount:,}" not in text, amount
    if series.deadline:
        assert squeeze(series.deadline.strftime("%B %d, %Y").replace(" 0", " ")) not in text
    for fact in (series.open_call, series.cadence, series.credential):
        assert not fact or squeeze(fact) not in text, fact
    for session in series.sessions:
        assert not session.address or squeeze(session.address) not in text, session.address


def test_the_sample_series_is_labelled_and_dated_around_the_day_it_is_loaded():
    today = datetime.date(2030, 1, 15)
    series = content.sample_series(today)
    assert series.title.startswith("Sample:") and series.is_sample
    assert "sample content" in series.intro.lower()
    days = [(s.start.date() - today).days for s in series.sessions]
    assert any(d < 0 for d in days) and sum(d > 0 for d in days) >= 3
    assert [s.status for s in series.sessions].count("cancelled") == 1
    for session in series.sessions:
        text = " ".join(body_texts(session.body)).lower()
        assert "sample content" in text
        assert "sessions below" not in text, "a session page has no sessions below it"


def test_the_sample_series_is_led_by_its_hosts_staff_not_an_invented_person():
    series = content.sample_series(datetime.date(2030, 1, 15))
    for session in series.sessions:
        assert session.presenters == () and session.hosts == series.hosts, session.slug
    assert not series.contact_name
    slugs = {presenter.slug for presenter in content.PRESENTERS}
    assert not slugs & set(content.RETIRED_PRESENTERS)


# Words that ask people to come, which read as an open door on a finished session's page.
INVITATION = re.compile(r"\b(join us|register here|sign up|apply now|now accepting)\b", re.I)


@pytest.mark.parametrize("session", ALL_SESSIONS, ids=lambda s: s.slug)
def test_no_session_body_invites_people_to_a_session_that_is_over(session):
    """A session's registration button shows only while it is open; a body that says "Join us" goes
    on saying it after the day."""
    for text in body_texts(session.body):
        assert not INVITATION.search(text), text


PRESENTERS_BY_SLUG = {presenter.slug: presenter for presenter in content.PRESENTERS}


@pytest.mark.parametrize("session", [s for s in ALL_SESSIONS if s.presenters], ids=lambda s: s.slug)
def test_a_session_names_its_presenters_once_in_its_people_sections(session):
    """The Presenters and Partner organizations sections list who led a session; a body paragraph
    saying "Led by …" again repeats them a few lines above."""
    for text in body_texts(session.body):
        names = [PRESENTERS_BY_SLUG[slug].name for slug, _role in session.presenters]
        assert not (text.startswith("Led by") and any(name in text for name in names)), text


# --- The pictures --------------------------------------------------------------------------------


def test_every_presenter_and_series_has_a_picture_with_alt_text():
    for presenter in content.PRESENTERS:
        spec = images.SPECS[images.portrait_key(presenter.slug)]
        assert presenter.name in spec.alt
    for spec in images.SPECS.values():
        assert len(spec.alt) > 20
    assert images.initials("Adrienne van der Valk") == "AV"
    assert images.initials("Felicia T. Perez") == "FP"
    assert images.initials("Aisha Blanchard-Young") == "AB"


@pytest.mark.parametrize("key", ["portrait-ana-mercado", "series-training-2-0"])
def test_pictures_are_drawn_offline_at_their_sizes(key):
    spec = images.SPECS[key]
    picture = PILImage.open(io.BytesIO(images.render(spec)))
    assert picture.size == (images.PORTRAIT_SIZE if spec.kind == "portrait" else images.WIDE_SIZE)


def test_a_picture_is_saved_once_and_found_again(db, request):
    from wagtail.images import get_image_model

    first = images.get_or_create_image("portrait-ana-mercado")
    again = images.get_or_create_image("portrait-ana-mercado")
    request.addfinalizer(lambda: first.file.storage.delete(first.file.name))
    assert first.pk == again.pk
    assert get_image_model().objects.filter(title=first.title).count() == 1
    assert first.default_alt_text == images.SPECS["portrait-ana-mercado"].alt
    assert first.width == images.PORTRAIT_SIZE[0]


# --- The site the command builds -----------------------------------------------------------------
# The command runs once for the whole class (through `prepare_site`, as `make run` does) inside a
# transaction that is rolled back afterwards, so other test modules still see an empty site.


def visible_text(response):
    return html.unescape(response.content.decode())


def content_counts():
    from wagtail.images import get_image_model
    from wagtail.models import Page

    from home.models import Topic
    from programs.models import Organization, Testimonial

    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "organizations": Organization.objects.count(),
        "testimonials": Testimonial.objects.count(),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
    }


@pytest.fixture(scope="class")
def demo_site(demo_snapshot, django_db_blocker):
    """The demo site as `prepare_site` loads it on an empty site, committed for the class (each test's
    changes are rolled back with it). The same snapshot as the modules that serve the demo, so the
    demo is loaded once per run (see `DemoSnapshot`)."""

    def resized():
        delete_demo_pictures(originals=False, keep=demo_snapshot.pictures)

    with committed(django_db_blocker, demo_snapshot.load, cleanup=resized, show_pages=False):
        yield SimpleNamespace(output=demo_snapshot.output, counts=content_counts())


@pytest.fixture
def admin_client(demo_site, db, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return visible_text(response)


def main(text):
    """The page's own content, without the head, header and footer the whole site shares."""
    return text[text.index("<main") : text.index("</main>")]


def section(text, heading_id):
    """The section of a page that the heading with this id names."""
    start = text.index(f'<section aria-labelledby="{heading_id}">')
    return text[start : text.index("</section>", start)]


# --- Query budgets at two sizes ------------------------------------------------------------------
# Each kind of public page is measured on the demo site, then again after `generate_content` adds
# five times as much; the budgets are those the page's own tests hold it to on made-up content.


def budgets():
    from tests.test_api import API_LISTING_QUERIES
    from tests.test_blog_feed import FEED_QUERIES
    from tests.test_blog_index import BLOG_INDEX_QUERIES
    from tests.test_blog_post import BLOG_POST_QUERIES
    from tests.test_home_mission import MISSION_QUERIES, STANDARD_PAGE_QUERIES
    from tests.test_home_page import HOME_QUERIES
    from tests.test_programs_pages import PAGE_QUERIES
    from tests.test_search_speed import MAX_QUERIES_PER_RESULTS_PAGE

    return {
        **PAGE_QUERIES,
        "home": HOME_QUERIES,
        "mission": MISSION_QUERIES,
        "standard page": STANDARD_PAGE_QUERIES,
        "blog index": BLOG_INDEX_QUERIES,
        "blog post": BLOG_POST_QUERIES,
        "feed": FEED_QUERIES,
        "api listing": API_LISTING_QUERIES,
        "search": MAX_QUERIES_PER_RESULTS_PAGE,
    }


def first(model, **filters):
    found = model.objects.live().public().filter(**filters).order_by("path").first()
    assert found is not None, f"the demo has no {model.__name__}"
    return found


def demo_public_pages():
    """{page type: address} for one page of every public type on the demo site."""
    from blog.models import BlogIndexPage, BlogPostPage
    from home.models import MissionPage, StandardPage
    from programs.models import (
        FrameworkLevelPage,
        FrameworkPage,
        Organization,
        PresenterIndexPage,
        PresenterPage,
        SessionPage,
        TrainingSeriesPage,
    )

    session = first(SessionPage)
    series = first(TrainingSeriesPage)
    host = Organization.objects.filter(seriesorganization_links__isnull=False).order_by("name").first()
    return {
        "home": "/",
        "mission": first(MissionPage).url,
        "standard page": first(StandardPage).url,
        "blog index": first(BlogIndexPage).url,
        "blog post": first(BlogPostPage).url,
        "feed": first(BlogIndexPage).url + "feed/",
        "api listing": "/api/v2/pages/?type=blog.BlogPostPage&limit=20",
        "search": "/search/?q=organizing",
        "training index": "/trainings/",
        "series": series.url,
        "session": session.url,
        "presenter index": first(PresenterIndexPage).url,
        "presenter": first(PresenterPage).url,
        "organization": f"/trainings/organizations/{host.slug}/",
        "organization index": "/trainings/organizations/",
        "framework": first(FrameworkPage).url,
        "framework level": first(FrameworkLevelPage).url,
        "all calendar": "/trainings/calendar.ics",
        "series calendar": series.url + "calendar.ics",
        "session calendar": session.url + "calendar.ics",
    }


def generated_public_pages():
    """The same for the pages `generate_content` made, where it makes that type."""
    from blog.models import BlogIndexPage, BlogPostPage
    from programs.models import PresenterIndexPage, PresenterPage, SessionPage, TrainingIndexPage

    trainings = first(TrainingIndexPage, title__contains="(generated")
    series = trainings.get_children().live().order_by("path").first().specific
    session = first(SessionPage, path__startswith=series.path)
    presenters = first(PresenterIndexPage, title__contains="(generated")
    blog = first(BlogIndexPage, title__contains="(generated")
    return {
        "generated training index": (trainings.url, "training index"),
        "generated series": (series.url, "series"),
        "generated session": (session.url, "session"),
        "generated series calendar": (series.url + "calendar.ics", "series calendar"),
        "generated presenter index": (presenters.url, "presenter index"),
        "generated presenter": (first(PresenterPage, path__startswith=presenters.path).url, "presenter"),
        "generated blog index": (blog.url, "blog index"),
        "generated blog post": (first(BlogPostPage, path__startswith=blog.path).url, "blog post"),
    }


def public_page_queries(pages):
    """{name: (queries, budget)} for each page, asked for twice: the first warms the caches and
    makes the pictures' renditions, the second is counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    table = budgets()
    counted = {}
    for name, page in pages.items():
        url, kind = page if isinstance(page, tuple) else (page, name)
        client = Client()
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counted[name] = (len(queries), table[kind])
    return counted


def over_budget(counted):
    return {name: (count, budget) for name, (count, budget) in counted.items() if count > budget}


@pytest.mark.usefixtures("demo_site")
class TestDemoSite:
    def test_prepare_site_loads_the_demo_on_an_empty_site_and_not_again(self, demo_site, db):
        assert "Loading the demo content" in demo_site.output
        output = io.StringIO()
        call_command("prepare_site", stdout=output)
        assert "already has content" in output.getvalue()

    def test_the_tree_has_every_section_under_the_home_page(self, db):
        from wagtail.models import Page

        paths = set(Page.objects.live().values_list("url_path", flat=True))
        for section in ("mission", "trainings", "presenters", "framework", "blog"):
            assert f"/home/{section}/" in paths
        series = [path for path in paths if path.count("/") == 4 and path.startswith("/home/trainings/")]
        assert len(series) == 5, "four programs and the sample series"

    def test_every_live_page_opens_in_the_editor(self, admin_client):
        # That each opens for visitors is checked page by page below (no notes for the builder).
        from wagtail.models import Page

        pages = list(Page.objects.live().filter(depth__gt=1))
        assert len(pages) > 50
        for page in pages:
            get(admin_client, f"/admin/pages/{page.pk}/edit/")

    def test_every_organization_has_a_page_naming_its_work(self, db, client):
        from programs.models import Organization

        organizations = list(Organization.objects.all())
        assert len(organizations) == len(content.ORGANIZATIONS)
        for organization in organizations:
            assert organization.name in get(client, f"/trainings/organizations/{organization.slug}/")

    def test_a_session_names_its_presenters_and_their_organizations(self, db, client):
        text = get(client, "/trainings/training-series-2-0/the-politics-of-division/")
        for fact in (
            "Imadé Borha",
            "NYU Metro Center",
            "Victoria Kirby-York",
            "National Black Justice Coalition",
            "Alyssa Bowen",
            "True North Research",
            "Georgia Youth Justice Coalition",
            "2022",
        ):
            assert fact in text, fact
        text = get(client, "/trainings/training-series-2-0/the-power-of-student-organizing/")
        for fact in (
            "Ana Mercado",
            "Race Forward",
            "Reparations for Black Students in Oakland",
            "Student Voice",
        ):
            assert fact in text, fact

    def test_the_retreat_programme_shows_costs_deadline_addresses_and_contact(self, db, client):
        from programs.models import TrainingSeriesPage

        text = get(client, "/trainings/community-organizer-training-program-2019-20/")
        for fact in (
            "$7,500",
            "$10,000",
            "$15,000",
            "Vallombrosa Retreat Center",
            "250 Oak Grove Ave, Menlo Park, CA",
            "Mercy Retreat Center",
            "2300 Adeline Dr, Burlingame, CA",
            "Parent Leader Institute",
            "Corey Timpson",
            "ctimpson@innovateschools.org",
            "Innovate Public Schools",
            "less than three years organizing experience",
            "at least 5 “one-to-one” meetings each week",
        ):
            assert fact in text, fact
        # The deadline is kept in its field; the page stops showing it once the programme has finished.
        series = TrainingSeriesPage.objects.get(slug="community-organizer-training-program-2019-20")
        assert series.registration_deadline == datetime.date(2019, 8, 16)
        text = get(client, "/trainings/community-organizer-training-program-2019-20/session-2-october-2019/")
        assert "Mercy Retreat Center" in text and "2300 Adeline Dr, Burlingame, CA" in text

    def test_each_level_page_says_its_seed_sentence_once_and_nothing_that_only_restates_it(self, db, client):
        for level in content.FRAMEWORK_LEVELS:
            slug = f"level-{level.number}-{level.name.lower().replace(' ', '-')}"
            text = main(get(client, f"/framework/{slug}/"))
            assert text.count(level.summary) == 1, level.name
            # The seed's sentence says who each level is for; only the first level's cohorts come with
            # support the seed describes apart from it.
            assert "Who it is for" not in text
            assert ("Support offered" in text) == (level.number == 1), level.name
        text = main(get(client, "/framework/level-1-self-exposure/"))
        assert "micro credential" in text and "organizing stipend" in text

    def test_the_modern_formats_the_pages_offer_are_smaller_than_the_pictures_own(self, db):
        """Pages offer every picture as AVIF, with WebP for other browsers (`{% picture %}` with
        `format-{avif,webp}`): at the size cards show, each is smaller than the picture in its own
        format. (The cards' renditions were made when the class showed every page.)"""
        from wagtail.images import get_image_model

        for image in get_image_model().objects.all():
            own = image.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
            sizes = {
                name: image.get_rendition(f"fill-400x225|format-{name}").file.size
                for name in (own, "avif", "webp")
            }
            assert sizes["avif"] < sizes[own] and sizes["webp"] < sizes[own], (image.title, sizes)

    def test_the_framework_shows_its_four_levels_and_the_cohorts_their_details(self, db, client):
        text = get(client, "/framework/")
        for name in ("Self Exposure", "Team Growth", "Organization Application", "System Transformation"):
            assert name in text, name
        text = get(client, "/trainings/leaders-for-just-schools/")
        for fact in (
            "25",
            "micro credential",
            "Mae Smith",
            "Adriana Caballero",
            "Six Layers of Racism",
            "Hybrid",
        ):
            assert fact.lower() in text.lower(), fact

    def test_the_other_programmes_and_the_mission_show_their_facts(self, db, client):
        text = get(client, "/trainings/training-series-2-0/")
        for fact in ("Nearly 1,800", "90%", "nuts and bolts", "Ana Mercado"):
            assert fact in text, fact
        text = get(client, "/trainings/organizing-for-health/")
        for fact in (
            "April/May 2023",
            "February 2024",
            "sophia@humanimpact.org",
            "School of Unity and Liberation",
        ):
            assert fact in text, fact
        text = get(client, "/mission/")
        for fact in (
            "fully funded public education",
            "2022",
            "Race Forward",
            "NYU Metro Center",
            "Schott Foundation",
        ):
            assert fact in text, fact
        text = get(client, "/presenters/anna-grant/")
        assert "NEA Strategic Campaign Institute for Community Schools" in text
        text = get(client, "/presenters/mae-smith/")
        assert "Illinois Education Association Board of Directors" in text

    def test_sessions_whose_time_was_never_published_show_none(self, db, client):
        from programs.models import SessionPage

        sessions = [
            session
            for series in (TRAINING_SERIES_2, COMMUNITY_ORGANIZER)
            for session in SessionPage.objects.live().filter(url_path__startswith=f"/home{series}")
        ]
        assert len(sessions) == 14, "seven online sessions, five retreats, two institutes"
        for session in sessions:
            text = get(client, session.url)
            assert not CLOCK.search(main(text)), (session.url, CLOCK.search(main(text)))
            assert "approximate" not in text.lower(), session.url
            assert session.date_precision == "date"
        for series in (TRAINING_SERIES_2, COMMUNITY_ORGANIZER):
            assert not CLOCK.search(main(get(client, series))), series
        text = main(get(client, f"{COMMUNITY_ORGANIZER}session-2-october-2019/"))
        assert "October 7–9, 2019" in text and "<dt>Time</dt><dd>Not published</dd>" in text

    def test_the_pending_parent_leader_institutes_are_to_be_confirmed_not_past(self, db, client):
        for slug, dates in (
            ("parent-leader-institute-bay-area", "February 21–23, 2020"),
            ("parent-leader-institute-los-angeles", "March 27–29, 2020"),
        ):
            text = main(get(client, f"{COMMUNITY_ORGANIZER}{slug}/"))
            assert f"Date to be confirmed (tentatively {dates})" in text
            assert "<dd>Date to be confirmed</dd>" in text
            assert "Took place" not in text and "badge--past" not in text
        text = main(get(client, COMMUNITY_ORGANIZER))
        past = section(text, "past-heading")
        assert "Session 5: Mercy Retreat Center" in past and "Parent Leader Institute" not in past
        pending = section(text, "unconfirmed-heading")
        assert "Parent Leader Institute: Bay Area" in pending
        assert "Parent Leader Institute: Los Angeles (National)" in pending

    def test_finished_programmes_say_so_and_no_longer_invite_anyone_to_apply(self, db, client):
        for url, state in (
            (TRAINING_SERIES_2, "Ran September 17 – November 30, 2022 · finished"),
            (COMMUNITY_ORGANIZER, "Ran September 2019 – April 2020 · finished"),
        ):
            text = main(get(client, url))
            assert state in text, url
            for stale in (
                "Join us this fall",
                "Now accepting applications",
                "Applications due",
                "accepting applications",
                "Register or apply",
                "<dt>Deadline</dt>",
                "Upcoming sessions",
                "No sessions are scheduled right now",
            ):
                assert stale not in text, (url, stale)
        home = main(get(client, "/"))
        assert "Ran September 17 – November 30, 2022 · finished" in home
        assert "Ran September 2019 – April 2020 · finished" in home

    def test_formats_show_only_where_the_announcement_states_them(self, db, client):
        for url in ("/trainings/organizing-for-health/", "/trainings/organizing-for-health/power-analysis/"):
            text = main(get(client, url))
            for guess in ("<dt>Format</dt>", "Virtual", "Online", "In person"):
                assert guess not in text, (url, guess)
        assert "<dt>Format</dt><dd>Virtual</dd>" in main(get(client, TRAINING_SERIES_2))
        assert "<dt>Format</dt><dd>In person</dd>" in main(get(client, COMMUNITY_ORGANIZER))

    def test_the_training_list_names_each_programs_host(self, db, client):
        page = main(get(client, "/trainings/"))
        cards = re.findall(r'<article class="card card--linked series-card[^"]*">.*?</article>', page, re.S)
        hosts = {}
        for card in cards:
            title = re.search(r'<h3 class="card__title"><a [^>]*>(.*?)</a>', card).group(1)
            line = re.search(r'<p class="hosts[^"]*">Hosted by (.*?)</p>', card, re.S).group(1)
            hosts[title] = " ".join(re.sub(r"<[^>]+>", "", line).split())
        assert hosts["Community Organizer Training Program 2019-20"] == "Innovate Public Schools"
        assert hosts["Organizing for Health"] == "Human Impact Partners"
        assert hosts["Leaders for Just Schools: Level One Training Cohorts"] == (
            "Illinois Education Association, Opportunity Coalition"
        )
        assert hosts["Training Series 2.0"] == "HEAL Together"

    def test_search_finds_the_demo_content_after_loading(self, db, client):
        text = get(client, "/search/?q=Vallombrosa")
        assert "Community Organizer Training Program" in text
        text = get(client, "/search/?q=Kirby-York")
        assert "The Politics of Division" in text

    def test_the_admin_knows_where_each_demo_picture_is_used(self, db):
        """The loader leaves the reference index to one rebuild at the end (see
        `indexes_left_for_later`); the rebuild must still record every use, which the admin shows
        as a picture's usage and warns about before a picture is deleted."""
        from wagtail.models import ReferenceIndex

        from programs.models import PresenterPage, TrainingSeriesPage

        pages = [*PresenterPage.objects.exclude(photo=None), *TrainingSeriesPage.objects.exclude(image=None)]
        assert len(pages) > 10
        for page in pages:
            picture = page.photo if isinstance(page, PresenterPage) else page.image
            users = {
                (ref.content_type.model_class(), ref.object_id)
                for ref in ReferenceIndex.get_references_to(picture)
            }
            assert (type(page), str(page.pk)) in users, f"{picture} is not recorded as used by {page.title}"

    def test_pages_saved_after_the_load_are_indexed_as_they_are_saved(self, db, client):
        """The load's pause of the indexes ends with it: a page published afterwards is found at once."""
        from home.models import HomePage, StandardPage

        page = HomePage.objects.get().add_child(
            instance=StandardPage(title="Quillwort pressing day", slug="qw")
        )
        page.save_revision().publish()
        assert "Quillwort pressing day" in get(client, "/search/?q=quillwort")

    def test_the_home_page_shows_upcoming_sample_sessions_and_demo_posts_are_labelled(self, db, client):
        text = get(client, "/")
        assert "Sample: Power mapping in your district" in text
        assert "Training Series 2.0" in text
        text = get(client, "/blog/training-series-2-0-announced/")
        assert "Sample post" in text

    def test_every_page_opens_and_shows_no_notes_meant_for_whoever_built_the_demo(self, db, client):
        from wagtail.models import Page

        pages = list(Page.objects.live().filter(depth__gt=1).specific())
        assert len(pages) > 50
        for page in pages:
            text = get(client, page.url).lower()
            for scaffolding in ("demo note", "demo content", "written for the demo"):
                assert scaffolding not in text, (page.url, scaffolding)

    def test_the_retreat_programme_states_its_costs_and_schedule_once_without_the_schools_list(
        self, db, client
    ):
        text = main(get(client, COMMUNITY_ORGANIZER))
        assert text.count("$7,500") == 1
        assert text.count("$10,000") == 1
        assert text.count("September 9") == 1, "each retreat's dates once, in the session list"
        for school in ("Ravenswood School District", "Brentwood Academy", "Costano Elementary School"):
            assert school not in text, school

    def test_posts_link_the_sessions_they_mention(self, db, client):
        from programs.models import SessionPage

        session_urls = {page.url for page in SessionPage.objects.live()}
        for slug in ("training-series-2-0-announced", "recap-organizing-for-health-2023"):
            text = main(get(client, f"/blog/{slug}/"))
            linked = {url for url in session_urls if f'href="{url}"' in text}
            assert len(linked) >= 4, (slug, linked)
        text = main(get(client, "/blog/recap-organizing-for-health-2023/"))
        assert '<a href="/trainings/organizing-for-health/power-analysis/">Power Analysis!</a>' in text

    def test_posts_are_signed_by_the_organization_staff(self, db, client):
        text = main(get(client, "/blog/training-series-2-0-announced/"))
        assert "HEAL Together staff" in text

    def test_no_presenter_shows_their_role_again_as_a_job_title(self, db, client):
        from programs.models import SessionPresenter

        links = list(SessionPresenter.objects.select_related("presenter", "page"))
        assert links
        for link in links:
            text = main(get(client, link.page.url))
            role = link.get_role_display()
            assert f"{role} · {role}" not in text, link.page.url
        text = main(get(client, "/trainings/organizing-for-health/digital-security/"))
        assert "Jack Aponte" in text and "Guest presenter" in text
        assert "Guest presenter · Guest presenter" not in text

    def test_presenters_have_only_the_bios_their_announcements_give(self, db, client):
        text = main(get(client, "/presenters/jack-aponte/"))
        assert "presented" not in text and "presents at our trainings" not in text
        assert "Guest presenter" not in text
        text = main(get(client, "/presenters/mae-smith/"))
        assert "serves on the Illinois Education Association Board of Directors" in text

    def test_power_analysis_lists_its_leaders_organization_not_as_a_partner(self, db, client):
        text = main(get(client, "/trainings/organizing-for-health/power-analysis/"))
        assert "led by Human Impact Partners staff" in text
        assert "Partner organizations" not in text, "the announcement names no partner for this session"

    def test_the_health_series_shows_its_contact_address_without_a_guessed_name(self, db, client):
        text = main(get(client, "/trainings/organizing-for-health/"))
        assert "sophia@humanimpact.org" in text
        assert "Sophia" not in text

    def test_the_site_presents_itself_as_a_hub_each_program_under_its_own_host(self, db, client):
        from home.models import SiteSettings

        response = client.get("/trainings/organizing-for-health/")
        html = response.content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        footer = html[html.index("<footer") : html.index("</footer>")]
        assert "HEAL Together Training Hub" in header
        assert "<title>Organizing for Health | HEAL Together Training Hub</title>" in html
        assert "shared training hub" in footer and "organization named on it as its host" in footer
        # The program itself is Human Impact Partners', whatever the site is called.
        assert "Human Impact Partners" in main(visible_text(response))
        assert SiteSettings.load().site_name == "HEAL Together Training Hub"

    def test_the_home_page_invites_people_to_join_only_with_a_sign_up_link(self, db, client):
        from home.models import SiteSettings

        text = main(get(client, "/"))
        assert 'id="join-heading"' not in text, "the demo sets no sign-up link"
        settings = SiteSettings.load()
        settings.signup_url = "https://example.org/join"
        settings.save()
        text = main(get(client, "/"))
        join = text[text.index('<section class="join"') :]
        assert f'href="https://example.org/join">{settings.signup_label}</a>' in join
        assert "Find a training" not in join

    def test_every_public_page_type_stays_within_its_query_budget_with_five_times_the_content(self, db):
        """Each kind of public page, on the demo site and again after generated content five times its
        size (more series, sessions, presenters, posts and files): within its budget both times, and
        the demo's own pages cost no query more at the larger size."""
        from home.models import HomePage, StandardPage
        from programs.models import SessionPage

        # The demo has no standard page; staff add them (About, Contact), so one is measured too.
        about = StandardPage(title="About us", slug="about-us", intro="Who we are.")
        HomePage.objects.get().add_child(instance=about)
        about.save_revision().publish()
        small = public_page_queries(demo_public_pages())
        assert over_budget(small) == {}, small
        call_command("generate_content", sessions=5 * SessionPage.objects.count(), stdout=io.StringIO())
        large = public_page_queries({**demo_public_pages(), **generated_public_pages()})
        assert over_budget(large) == {}, large
        grown = {name: (count, large[name]) for name, count in small.items() if large[name][0] > count[0]}
        assert grown == {}, grown

    def test_a_second_run_updates_in_place_and_leaves_staff_pages_alone(self, demo_site, db):
        from django.contrib.auth import get_user_model
        from wagtail.models import Page

        from home.models import HomePage, SiteSettings, StandardPage
        from programs.models import Organization, PresenterPage

        home = HomePage.objects.get()
        staff_page = home.add_child(instance=StandardPage(title="Our partners", slug="our-partners"))
        staff_page.save_revision().publish()
        edited = PresenterPage.objects.get(slug="ana-mercado")
        edited.title = "Ana Mercado (edited by staff)"
        edited.save_revision(user=get_user_model().objects.get(username="admin")).publish()
        Organization.objects.filter(name="Race Forward").update(name="Race Forward (renamed by staff)")
        settings = SiteSettings.load()
        settings.site_name = "Our coalition's trainings"
        settings.save()
        before = content_counts()

        call_command("load_demo_content", stdout=io.StringIO())

        after = content_counts()
        assert after == before
        assert before["pages"] == demo_site.counts["pages"] + 1
        assert {k: v for k, v in before.items() if k != "pages" and k != "live pages"} == {
            k: v for k, v in demo_site.counts.items() if k != "pages" and k != "live pages"
        }
        assert Page.objects.get(pk=staff_page.pk).title == "Our partners"
        assert PresenterPage.objects.get(pk=edited.pk).title == "Ana Mercado (edited by staff)"
        assert Organization.objects.filter(name="Race Forward (renamed by staff)").exists()
        # The name staff chose for the site stays too.
        assert SiteSettings.load().site_name == "Our coalition's trainings"


def test_a_curriculum_source_is_a_partner_of_its_series_not_of_each_session():
    """The Organizing for Health announcement says its curriculum borrows from the School of Unity and
    Liberation; the Intro to Organizing session names only End Police Violence Collective."""
    (intro,) = [session for session in ALL_SESSIONS if session.slug == "intro-to-organizing"]
    assert intro.partners == ("end-police-violence-collective",)
    (series,) = [series for series in content.SERIES if series.slug == "organizing-for-health"]
    assert "school-of-unity-and-liberation" in series.partners
