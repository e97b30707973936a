"""Anonymous visitors get cached pages; publishing shows changes at once; nothing private is cached."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.fields import StreamField
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from home.models import HeaderLink, NavigationSettings
from home.page_cache import HEADER
from tests.factories.home import StandardPageFactory, TopicFactory
from tests.factories.programs import OrganizationFactory, build_series

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def about(site_root, client):
    page = StandardPageFactory(parent=site_root, title="About us", slug="about", intro="Who we are.")
    # The first visit ever creates the site settings rows, which itself clears the cache.
    client.get("/")
    return page


def test_second_visit_is_served_from_the_cache_without_queries(
    client, page_cache, about, django_assert_max_num_queries
):
    first = client.get("/about/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    with django_assert_max_num_queries(0):
        second = client.get("/about/")
    assert second[HEADER] == "hit"
    assert second.content == first.content


def test_publishing_a_change_shows_it_on_the_next_visit(client, page_cache, about):
    client.get("/about/")
    about.title = "About the network"
    about.save_revision().publish()
    response = client.get("/about/")
    assert response[HEADER] == "miss"
    assert "About the network" in response.content.decode()


def test_a_saved_draft_does_not_change_what_visitors_see(client, page_cache, about):
    client.get("/about/")
    about.title = "Unfinished draft title"
    about.save_revision()
    assert "Unfinished draft title" not in client.get("/about/").content.decode()


@pytest.fixture
def editor(django_user_model):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "pw"))
    return staff


def submit_edit_form(editor, page, **changes):
    """Post the page's edit form as the admin drew it, with `changes`; "action-publish" publishes."""
    edit_url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(editor.get(edit_url).content.decode(), form_id="page-edit-form")
    # Stream fields are drawn by the browser; an empty one posts only its count.
    for field in page.specific._meta.get_fields():
        if isinstance(field, StreamField):
            data[f"{field.name}-count"] = "0"
    data.update(changes)
    response = editor.post(edit_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page.refresh_from_db()


def save_draft_in_the_admin(editor, page, **changes):
    submit_edit_form(editor, page, **changes)
    assert page.has_unpublished_changes


def test_a_draft_saved_in_the_admin_leaves_the_cached_page(client, page_cache, about, editor):
    client.get("/about/")
    save_draft_in_the_admin(editor, about, title="Unfinished draft title")
    response = client.get("/about/")
    assert response[HEADER] == "hit"
    assert "About us" in response.content.decode()


def test_a_draft_of_a_session_with_presenters_leaves_the_cached_pages(client, page_cache, site_root, editor):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    client.get("/")  # the first visit ever creates the site settings rows, which clears the cache
    for url in ("/", session.url, session.url):
        client.get(url)
    assert client.get("/")[HEADER] == client.get(session.url)[HEADER] == "hit"
    save_draft_in_the_admin(editor, session, title="Renamed in a draft")
    assert client.get(session.url)[HEADER] == "hit"
    assert client.get("/")[HEADER] == "hit"


def test_a_new_page_saved_as_a_draft_and_its_new_topic_leave_the_cached_pages(client, page_cache, about):
    client.get("/about/")
    draft = StandardPageFactory(parent=about, title="Not ready", live=False)
    TopicFactory(name="A topic only the draft uses")
    draft.save_revision()
    assert client.get("/about/")[HEADER] == "hit"


def test_a_live_page_saved_outside_publishing_shows_at_once(client, page_cache, about):
    # Scripts and bulk fixes save pages directly; what they change is public at once.
    client.get("/about/")
    about.title = "About the network"
    about.save()
    response = client.get("/about/")
    assert response[HEADER] == "miss"
    assert "About the network" in response.content.decode()


def test_pages_stored_while_a_change_is_being_saved_are_dropped_once_it_is_committed(
    client, page_cache, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        about.title = "About the network"
        about.save_revision().publish()
        # Until the change is committed, other visitors' requests read the old page and store it.
        client.get("/about/")
        assert client.get("/about/")[HEADER] == "hit"
    assert client.get("/about/")[HEADER] == "miss"


def test_unpublishing_removes_the_page_at_once(client, page_cache, about):
    assert client.get("/about/").status_code == 200
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_deleting_a_section_removes_its_pages_at_once(client, page_cache, about):
    # The section itself is a draft; the page under it is live and cached.
    team = StandardPageFactory(parent=about, title="Our team", slug="team")
    about.unpublish()
    assert client.get("/about/team/").status_code == 200
    assert client.get("/about/team/")[HEADER] == "hit"
    about.delete()
    assert client.get("/about/team/").status_code == 404
    assert not type(team).objects.filter(pk=team.pk).exists()


def test_saving_a_snippet_clears_the_cache(client, page_cache, about):
    client.get("/about/")
    OrganizationFactory(name="Race Forward")
    assert client.get("/about/")[HEADER] == "miss"


def test_private_pages_are_never_cached(client, page_cache, about):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    for _ in range(2):
        response = client.get("/about/")
        assert response.status_code == 302
        assert HEADER not in response


def test_logged_in_visitors_and_query_strings_bypass_the_cache(client, page_cache, about, django_user_model):
    client.get("/about/")
    assert HEADER not in client.get("/about/?utm_source=newsletter")
    user = django_user_model.objects.create_user("staff", "staff@example.org", "pw")
    client.force_login(user)
    assert HEADER not in client.get("/about/")


def test_the_cache_is_off_when_its_lifetime_is_zero(client, settings, about):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/about/")
    assert HEADER not in client.get("/about/")


# The menus on every page, search results included, come from the same cache generation.


def menu_queries(queries):
    tables = ("home_headerlink", "home_footerlink")
    return [query["sql"] for query in queries if any(table in query["sql"] for table in tables)]


def test_menus_are_read_once_then_served_from_the_cache(client, page_cache, about):
    menu = NavigationSettings.load()
    HeaderLink.objects.create(settings=menu, page=about, label="Who we are", sort_order=0)
    with CaptureQueriesContext(connection) as first:
        client.get("/search/", {"q": "about"})
    with CaptureQueriesContext(connection) as second:
        response = client.get("/search/", {"q": "about"})
    assert 0 < len(menu_queries(first.captured_queries)) <= 2  # the top and the footer links
    assert menu_queries(second.captured_queries) == []
    assert len(second.captured_queries) < len(first.captured_queries)
    assert '<a href="/about/">Who we are</a>' in response.content.decode()


def test_a_menu_change_shows_on_the_next_request(client, page_cache, about):
    menu = NavigationSettings.load()
    HeaderLink.objects.create(settings=menu, page=about, label="Who we are", sort_order=0)
    client.get("/search/", {"q": "about"})
    HeaderLink.objects.create(settings=menu, url="https://example.org/donate", label="Donate", sort_order=1)
    assert ">Donate</a>" in client.get("/search/", {"q": "about"}).content.decode()


def test_a_menu_page_unpublished_or_made_private_leaves_the_cached_menu(client, page_cache, site_root):
    # With no menu built, the header lists the public pages marked "Show in menus".
    shown = StandardPageFactory(parent=site_root, title="Contact us", slug="contact", show_in_menus=True)
    hidden = StandardPageFactory(parent=site_root, title="Members area", slug="members", show_in_menus=True)
    html = client.get("/search/", {"q": "contact"}).content.decode()
    assert ">Contact us</a>" in html and ">Members area</a>" in html
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    shown.unpublish()
    html = client.get("/search/", {"q": "contact"}).content.decode()
    assert "Contact us" not in html and "Members area" not in html


def test_the_current_section_is_marked_on_cached_menus(client, page_cache, about):
    HeaderLink.objects.create(settings=NavigationSettings.load(), page=about, sort_order=0)
    client.get("/search/", {"q": "about"})
    html = client.get("/about/").content.decode()
    assert '<a href="/about/" aria-current="page">About us</a>' in html
    html = client.get("/search/", {"q": "about"}).content.decode()
    assert '<a href="/about/">About us</a>' in html
