"""Pages' rendered parts kept in the cache (home/fragments.py): the same page either way, fresh after
every publish or registration, never past Wagtail's privacy check, never a form or a preview, and
never for addresses a page does not answer."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from programs.models import RegistrationMethod
from programs.registrations.services import register
from tests.factories.home import StandardPageFactory
from tests.factories.programs import OrganizationFactory, SeriesOrganizationFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parts(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def addresses(world):
    """Every live page of the world, and the addresses of routable pages with their parameters."""
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1).specific() if page.url]
    trainings = world.series.get_parent().url
    organization = SeriesOrganizationFactory(
        page=world.series, organization=OrganizationFactory()
    ).organization
    return [
        *urls,
        f"{trainings}?series=1&format=virtual",
        f"{trainings}organizations/",
        f"{trainings}organizations/{organization.slug}/",
        f"{world.series.url}?past=1",
        f"{world.presenter.url}?past=1",
        f"{world.post.get_parent().url}?topic={world.equity.slug}",
    ]


def test_every_page_is_the_same_built_or_from_its_parts(client, parts, world):
    client.get("/")  # the first visit creates the site settings rows, which starts a new generation
    for url in addresses(world):
        built, built_queries = queries_of(client, url)
        assert built.status_code == 200, url
        again, queries = queries_of(client, url)
        assert again.content.decode() == built.content.decode(), url
        # The route and the page's own row; its lists, cards and pictures are not read again.
        assert queries <= 2 and queries < built_queries, (url, queries, built_queries)


def test_publishing_shows_on_every_page_at_once(client, parts, world):
    session = world.upcoming_session
    shown_on = [session.url, world.other_series.url, world.other_series.get_parent().url]
    for url in shown_on:
        client.get(url)
    session.title = "Power mapping, revised"
    session.save_revision().publish()
    for url in shown_on:
        assert "Power mapping, revised" in client.get(url).content.decode(), url


def test_a_renamed_host_shows_on_its_series_at_once(client, parts, world):
    host = OrganizationFactory(name="Parents United")
    SeriesOrganizationFactory(page=world.series, organization=host)
    assert "Parents United" in client.get(world.series.url).content.decode()
    host.name = "Parents United for Schools"
    host.save()
    assert "Parents United for Schools" in client.get(world.series.url).content.decode()


def test_a_registration_shows_the_seats_left_at_once(
    client, parts, world, django_capture_on_commit_callbacks
):
    start = timezone.now() + timedelta(days=5)
    session = SessionPageFactory(
        parent=world.other_series,
        title="Testimony workshop",
        start=start,
        end=start + timedelta(hours=2),
        registration_method=RegistrationMethod.ON_SITE,
        capacity=3,
    )
    assert "3 seats left" in client.get(session.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        register(session, name="Ana", email="ana@example.org")
    assert "2 seats left" in client.get(session.url).content.decode()


def test_what_has_ended_moves_on_when_the_parts_expire(client, settings, parts, world):
    settings.FRAGMENT_CACHE_SECONDS = 1
    now = timezone.now()
    SessionPageFactory(
        parent=world.other_series,
        title="Closing circle",
        start=now - timedelta(hours=1),
        end=now + timedelta(seconds=1),
    )
    page = client.get(world.other_series.url).content.decode()
    assert "Closing circle" in page.split('id="past-heading"')[0]  # among the upcoming sessions
    time.sleep(1.5)
    page = client.get(world.other_series.url).content.decode()
    assert 'id="past-heading"' in page and "Closing circle" in page.split('id="past-heading"')[1]


def test_a_private_page_kept_for_an_editor_is_never_shown_to_a_visitor(
    client, parts, site_root, admin_client
):
    members = StandardPageFactory(parent=site_root, title="Members only", intro="The steering notes.")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    secret = StandardPageFactory(parent=site_root, title="Coalition room", intro="The door code.")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )
    for page in (members, secret):
        assert admin_client.get(page.url).status_code == 200
        assert "no-cache" in admin_client.get(page.url)["Cache-Control"]  # kept parts, yet never cached
    response = client.get(members.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    response = client.get(secret.url)
    assert "The door code." not in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_editors_keep_their_user_bar_and_visitors_never_get_it(client, parts, world, admin_client):
    url = world.series.url
    assert "wagtail-userbar" in admin_client.get(url).content.decode()
    assert "wagtail-userbar" not in client.get(url).content.decode()
    assert "wagtail-userbar" in admin_client.get(url).content.decode()


def test_addresses_a_page_does_not_answer_are_built_each_time(client, parts, world):
    url = world.series.url
    client.get(url)
    for address in (f"{url}?utm_source=newsletter", f"{url}?past=1&past=1", f"{url}?past=%201"):
        first, first_queries = queries_of(client, address)
        again, queries = queries_of(client, address)
        assert first.status_code == again.status_code == 200, address
        assert first_queries > 2 and queries > 2, address
    assert client.get(f"{url}?past=two").status_code == 404
    assert client.get(f"{url}?past=9").status_code == 302


def test_a_registration_form_is_never_kept(parts, world):
    start = timezone.now() + timedelta(days=5)
    session = SessionPageFactory(
        parent=world.other_series,
        start=start,
        end=start + timedelta(hours=2),
        registration_method=RegistrationMethod.ON_SITE,
    )
    first, second = Client(), Client()
    first.get(f"{session.url}register/")
    response = second.get(f"{session.url}register/")
    # Each visitor's form carries their own CSRF token, which sets their cookie.
    assert "csrftoken" in response.cookies
    assert response.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_a_preview_shows_the_draft_not_the_kept_parts(client, parts, world):
    series = world.series
    client.get(series.url)
    series.title = "Organizing for Health, draft"
    revision = series.save_revision()
    response = revision.as_object().make_preview_request()
    assert "Organizing for Health, draft" in response.content.decode()
    assert "Organizing for Health, draft" not in client.get(series.url).content.decode()


def test_parts_are_off_when_their_lifetime_is_zero(client, settings, world):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get(world.series.url)
    _response, queries = queries_of(client, world.series.url)
    assert queries > 2


def test_parts_that_hold_a_csrf_token_are_never_kept(parts, rf):
    from django.middleware.csrf import get_token
    from django.template.response import TemplateResponse

    from home import fragments

    def render_and_keep(key, token):
        request = rf.get("/form/")
        request.collected_parts = {"content": "<form>…</form>"}
        if token:
            get_token(request)  # what {% csrf_token %} does while the parts render
        response = TemplateResponse(request, "includes/pagination.html", {})
        fragments.keep_parts(key, request, response)
        response.render()

    render_and_keep("page-parts:plain", token=False)
    render_and_keep("page-parts:with-token", token=True)
    assert cache.get("page-parts:plain")["parts"] == {"content": "<form>…</form>"}
    assert cache.get("page-parts:with-token") is None
