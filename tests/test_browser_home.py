"""Home, mission and blog pages in a real browser: screenshots at phone and desktop widths, and axe."""

import datetime
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone

from tests.conftest import ensure_site_root, served

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WIDTHS = [360, 1280]


def make_image(title, colours):
    """A soft two-colour picture, so screenshots show how real photos sit in the layout."""
    from PIL import Image as PILImage
    from PIL import ImageDraw
    from wagtail.images.models import Image

    picture = PILImage.new("RGB", (1600, 1000), colours[0])
    draw = ImageDraw.Draw(picture)
    for step in range(0, 1000, 8):
        draw.ellipse((900 - step, 200 - step // 2, 1500 + step // 3, 900), outline=colours[1])
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.jpg")
    )


def build_content():
    """A home page with featured series, upcoming sessions, a testimonial and a hero picture; a
    mission page; a blog of four posts on two topics; and a header menu."""
    from wagtail.models import Collection

    from blog.models import BlogPostAuthor
    from home.models import SiteSettings
    from programs.models import HomePageFeaturedSeries, MissionPartner
    from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
    from tests.factories.home import MissionPageFactory, TopicFactory
    from tests.factories.programs import (
        OrganizationFactory,
        SessionPageFactory,
        TestimonialFactory,
        TrainingIndexPageFactory,
        TrainingSeriesPageFactory,
    )

    # An emptied database has no root collection, which images need.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    site_root = ensure_site_root()
    settings = SiteSettings.load()
    settings.contact_email = "info@healtogether.example.org"
    settings.signup_url = "https://example.org/join"
    settings.footer_text = "HEAL Together: Honest Education, Action and Leadership."
    settings.instagram_url = "https://instagram.example/healtogether"
    settings.save()

    trainings = TrainingIndexPageFactory(parent=site_root)
    series_2 = TrainingSeriesPageFactory(
        parent=trainings,
        title="Training Series 2.0",
        image=make_image("Series two", ("#dfe9f1", "#9dbbd3")),
        summary="A fall virtual public series of seven sessions on organizing for honest education.",
    )
    health = TrainingSeriesPageFactory(
        parent=trainings,
        title="Organizing for Health",
        image=make_image("Health series", ("#e8efe4", "#a9c49a")),
        summary="A bi-monthly, two-hour training series for public-health organizers.",
    )
    now = timezone.now().replace(hour=23, minute=0, second=0, microsecond=0)
    for days, title in [
        (6, "Youth organizing that wins"),
        (13, "Talking with your school board"),
        (20, "Power mapping"),
    ]:
        SessionPageFactory(parent=series_2, title=title, start=now + timedelta(days=days))
    HomePageFeaturedSeries.objects.create(page=site_root, series=series_2, sort_order=0)
    HomePageFeaturedSeries.objects.create(page=site_root, series=health, sort_order=1)

    mission = MissionPageFactory(parent=site_root)
    for order, name in enumerate(["Race Forward", "NYU Metro Center", "Schott Foundation"]):
        MissionPartner.objects.create(
            page=mission, organization=OrganizationFactory(name=name), sort_order=order
        )

    blog = BlogIndexPageFactory(parent=site_root)
    topics = [
        TopicFactory(name=name, slug=name.lower().replace(" ", "-")) for name in ("School boards", "Youth")
    ]
    posts = []
    for number, title in enumerate(
        [
            "What we heard at the fall kickoff",
            "Five lessons from youth organizers",
            "Preparing for your first school board meeting",
            "Parent leaders on building trust",
        ]
    ):
        post = BlogPostPageFactory(
            parent=blog,
            title=title,
            date=datetime.date(2025, 9, 1) + timedelta(days=number * 9),
            topics=[topics[number % 2]],
            feed_image=make_image(f"Post {number}", ("#f3ece1", "#d6b98d")) if number % 2 == 0 else None,
            body=[
                ("paragraph", "<p>Organizers from across the country met online to compare notes.</p>"),
                (
                    "quote",
                    {"quote": "We left with a plan for the next meeting.", "attribution": "Participant"},
                ),
                ("heading", {"text": "What comes next", "level": "h2"}),
                ("paragraph", "<p>The next session looks at <a href='/trainings/'>power mapping</a>.</p>"),
                (
                    "faq",
                    {
                        "heading": "Questions",
                        "items": [
                            {
                                "question": "Is it recorded?",
                                "answer": "<p>Recordings follow each session.</p>",
                            }
                        ],
                    },
                ),
            ],
        )
        BlogPostAuthor.objects.create(post=post, name="Rosa Díaz", role="Training coordinator")
        posts.append(post)

    from home.models import HeaderLink, NavigationSettings

    menu = NavigationSettings.load()
    for order, linked in enumerate([trainings, mission, blog]):
        HeaderLink.objects.create(settings=menu, page=linked, sort_order=order)

    site_root.hero_heading = "Trainings for organizers building just schools and healthy communities"
    site_root.hero_text = "Free and low-cost trainings for students, parents, educators and health workers."
    site_root.hero_image = make_image("Hero", ("#e4edf4", "#7fa6c4"))
    site_root.testimonial = TestimonialFactory(
        quote="It was great to hear about the work of different groups doing youth organizing.",
        person_name="",
        role="Training Series 2.0 participant",
    )
    site_root.save_revision().publish()
    return SimpleNamespace(mission=mission, blog=blog, post=posts[2])


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """The content above, built once for the module and served (tests.conftest.served)."""
    with served(django_db_blocker, build_content) as (server, built):
        built.url = server.url
        yield built


def check(page, site, screenshot, axe, path, name):
    """The page at each width, phone first: it leaves the page loaded at desktop width (1280 by
    900, as a test's tab starts)."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 800})
        page.goto(site.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways at {width}px"
        screenshot(page, f"{name}-{width}")
        assert axe(page) == [], f"{path} at {width}px"


def test_home_page(site, browser_page, screenshot, axe):
    # `check` leaves the page loaded at desktop width, where the rest is read.
    check(browser_page, site, screenshot, axe, "/", "home")
    heading = browser_page.get_by_role("heading", level=1)
    assert heading.inner_text().startswith("Trainings for organizers")
    assert browser_page.get_by_role("heading", name="Upcoming sessions").is_visible()
    assert browser_page.get_by_role("link", name="Youth organizing that wins").is_visible()


def test_mission_page(site, browser_page, screenshot, axe):
    check(browser_page, site, screenshot, axe, site.mission.url, "mission")


def test_blog_index(site, browser_page, screenshot, axe):
    # `check` leaves the blog loaded at desktop width, where a topic is chosen.
    check(browser_page, site, screenshot, axe, site.blog.url, "blog-index")
    # Wait for the chosen topic's page to load, not just for its address to change.
    with browser_page.expect_navigation():
        browser_page.get_by_role("link", name="Youth").first.click()
    assert browser_page.url.endswith("?topic=youth")
    assert browser_page.get_by_text("Showing 2 posts about").is_visible()


def test_blog_post(site, browser_page, screenshot, axe):
    check(browser_page, site, screenshot, axe, site.post.url, "blog-post")


def test_not_found_page(site, browser_page, screenshot, axe):
    check(browser_page, site, screenshot, axe, "/no-such-page/", "not-found")


def test_skip_link_moves_keyboard_focus_to_the_content(site, browser_page):
    browser_page.goto(site.url + "/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.bounding_box()["y"] >= 0, "the skip link shows itself when focused"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_printed_post_leaves_out_the_menus(site, browser_page):
    browser_page.goto(site.url + site.post.url)
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".site-header").is_visible()
    assert not browser_page.locator(".site-footer").is_visible()
    assert browser_page.get_by_role("heading", level=1).is_visible()
    assert browser_page.get_by_text("Recordings follow each session.").is_visible(), "answers print open"
    browser_page.emulate_media(media="screen")
    assert not browser_page.get_by_text("Recordings follow each session.").is_visible()
