"""Staff create and edit every page type of the home and blog apps in the admin, and only valid
children are offered under each page."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPostPage
from home.models import HomePage, MissionPage, NavigationSettings, SiteSettings, StandardPage
from tests.factories.blog import BlogIndexPageFactory
from tests.factories.home import TopicFactory
from tests.factories.programs import OrganizationFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    return client


def add_page(client, model, parent, data):
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, nested_form_data({**data, "action-publish": "publish"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return model.objects.get(slug=data["slug"])


def test_mission_page_is_created_with_its_founding_partners(editor, site_root):
    race_forward, schott = (
        OrganizationFactory(name="Race Forward"),
        OrganizationFactory(name="Schott Foundation"),
    )
    page = add_page(
        editor,
        MissionPage,
        site_root,
        {
            "title": "Our Mission",
            "slug": "mission",
            "statement": "We are building a national movement.",
            "intro": "",
            "what_we_do": rich_text("<p>We provide tools and trainings.</p>"),
            "what_we_believe": rich_text("<p>Public education prepares students for democracy.</p>"),
            "founding_year": "2022",
            "founding_story": "",
            "founding_partners": inline_formset(
                [{"organization": race_forward.pk}, {"organization": schott.pk}]
            ),
            "body": streamfield([("heading", {"text": "Join us", "level": "h2"})]),
        },
    )
    assert page.live and page.founding_year == 2022
    assert [org.name for org in page.partner_organizations()] == ["Race Forward", "Schott Foundation"]
    html = editor.get("/mission/").content.decode()
    assert "Race Forward" in html and "Join us" in html


def test_standard_page_is_created(editor, site_root):
    page = add_page(
        editor,
        StandardPage,
        site_root,
        {
            "title": "Contact",
            "slug": "contact",
            "intro": "How to reach us.",
            "body": streamfield([("paragraph", rich_text("<p>Write to us any time.</p>"))]),
        },
    )
    assert page.live
    assert "Write to us any time." in editor.get("/contact/").content.decode()


def test_blog_index_and_post_are_created_with_authors_topics_and_related_series(editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    blog = add_page(
        editor,
        BlogIndexPage,
        site_root,
        {"title": "Blog", "slug": "blog", "intro": "", "posts_per_page": "10"},
    )
    TopicFactory(name="Youth organizing", slug="youth-organizing")
    post = add_page(
        editor,
        BlogPostPage,
        blog,
        {
            "title": "Notes from the first session",
            "slug": "first-session",
            "date": "2025-10-01",
            "intro": "What fifty organizers learned together.",
            "authors": inline_formset([{"name": "Rosa Díaz", "role": "Organizer"}]),
            "body": streamfield([("quote", {"quote": "We left with a plan.", "attribution": "Participant"})]),
            "topics": '"Youth organizing"',
            "related_series_links": inline_formset([{"series": series.pk}]),
        },
    )
    assert post.live and post.author_names == "Rosa Díaz"
    assert post.topic_names == ["Youth organizing"]
    assert [link.series_id for link in post.related_series_links.all()] == [series.pk]


def test_home_page_is_edited_with_featured_series(editor, site_root):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Featured one"
    )
    url = reverse("wagtailadmin_pages:edit", args=[site_root.pk])
    form = editor.get(url)
    assert form.status_code == 200
    assert [tab.heading for tab in form.context["edit_handler"].children] == [
        "Content",
        "Sections",
        "Promote",
        "Settings",
    ]
    data = {
        "title": "Home",
        "slug": "home",
        "hero_heading": "Trainings for organizers",
        "hero_text": "Find your next session.",
        "hero_cta_label": "Find a training",
        "hero_cta_url": "",
        "upcoming_heading": "Upcoming sessions",
        "upcoming_count": "3",
        "featured_heading": "Featured",
        "featured_series": inline_formset([{"series": series.pk}]),
        "mission_heading": "Who we are",
        "posts_heading": "Latest",
        "join_heading": "Join",
        "join_text": "",
        "action-publish": "publish",
    }
    response = editor.post(url, nested_form_data(data))
    assert response.status_code == 302
    assert "Featured one" in editor.get("/").content.decode()


def test_only_valid_children_are_offered(site_root):
    def allowed(model):
        return {f"{m._meta.app_label}.{m.__name__}" for m in model.creatable_subpage_models()}

    assert allowed(HomePage) == {
        "home.MissionPage",
        "home.StandardPage",
        "blog.BlogIndexPage",
        "programs.TrainingIndexPage",
        "programs.PresenterIndexPage",
        "programs.FrameworkPage",
    }
    assert allowed(BlogIndexPage) == {"blog.BlogPostPage"}
    assert allowed(BlogPostPage) == set()
    assert BlogPostPage.allowed_parent_page_models() == [BlogIndexPage]
    assert not HomePage.can_create_at(site_root)


def test_a_second_mission_page_is_not_offered(site_root):
    from tests.factories.home import MissionPageFactory

    MissionPageFactory(parent=site_root)
    assert not MissionPage.can_create_at(site_root)
    assert BlogIndexPage.can_create_at(site_root)
    assert not BlogIndexPage.can_create_at(BlogIndexPageFactory(parent=site_root))


def test_settings_are_editable_in_the_admin(editor, site_root):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", SiteSettings.load().pk])
    assert editor.get(url).status_code == 200
    data = {
        "site_name": "HEAL Together Trainings",
        "organization_name": "HEAL Together",
        "description": "Trainings for organizers.",
        "contact_email": "info@example.org",
        "signup_url": "https://example.org/join",
        "signup_label": "Join the network",
        "footer_text": "Honest Education, Action and Leadership.",
        "facebook_url": "",
        "instagram_url": "",
        "x_url": "",
        "linkedin_url": "",
        "youtube_url": "",
    }
    assert editor.post(url, data).status_code == 302
    assert SiteSettings.load().contact_email == "info@example.org"

    nav_url = reverse(
        "wagtailsettings:edit", args=["home", "navigationsettings", NavigationSettings.load().pk]
    )
    assert editor.get(nav_url).status_code == 200
    about = Page.objects.get(pk=site_root.pk)
    nav = {
        "show_signup_in_header": "on",
        "header_links": inline_formset([{"page": about.pk, "url": "", "label": "Start"}]),
        "footer_links": inline_formset(
            [{"page": "", "url": "https://example.org/privacy", "label": "Privacy"}]
        ),
    }
    assert editor.post(nav_url, nested_form_data(nav)).status_code == 302
    menu = NavigationSettings.load()
    assert [link.label for link in menu.header_links.all()] == ["Start"]
    assert [link.url for link in menu.footer_links.all()] == ["https://example.org/privacy"]
