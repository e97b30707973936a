"""The Sessions area of the admin and the program snippets."""

import pytest
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories.programs import FrameworkLevelPageFactory, FrameworkPageFactory, build_series

pytestmark = pytest.mark.django_db

SESSIONS_URL = "/admin/programs/sessionpage/"


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pass")
    client.force_login(user)
    return client


@pytest.fixture
def two_series(site_root):
    first = build_series(site_root, sessions=2, past=1, presenters_per_session=0, organizations_per_session=0)
    second = build_series(site_root, sessions=1, presenters_per_session=0, organizations_per_session=0)
    cancelled, full = first["sessions"][:2]
    cancelled.status = "cancelled"
    cancelled.save_revision().publish()
    full.status = "full"
    full.save_revision().publish()
    return first, second


def listed(client, query=""):
    response = client.get(SESSIONS_URL + query)
    assert response.status_code == 200
    return response.content.decode()


def test_lists_every_session_across_series_with_cancelled_and_full_marked(staff_client, two_series):
    first, second = two_series
    html = listed(staff_client)
    for session in first["sessions"] + second["sessions"]:
        assert session.title in html
    assert first["series"].title in html and second["series"].title in html
    assert ">CANCELLED<" in html
    assert ">FULL<" in html


def test_filters_by_series_status_format_and_time(staff_client, two_series):
    first, second = two_series
    html = listed(staff_client, f"?series={second['series'].pk}")
    assert second["sessions"][0].title in html
    assert first["sessions"][0].title not in html
    html = listed(staff_client, "?status__exact=cancelled")
    assert first["sessions"][0].title in html and first["sessions"][1].title not in html
    html = listed(staff_client, "?when=past")
    assert first["sessions"][2].title in html and first["sessions"][0].title not in html
    html = listed(staff_client, "?when=upcoming")
    assert first["sessions"][2].title not in html and second["sessions"][0].title in html
    html = listed(staff_client, "?format__exact=in_person")
    assert first["sessions"][0].title not in html
    assert listed(staff_client, "?series=nonsense")
    # Characters str.isdigit() takes but int() refuses, and ids no column holds, list everything.
    for odd in ("²", "١٢", "9" * 30):
        assert second["sessions"][0].title in listed(staff_client, f"?series={odd}")


@pytest.mark.parametrize("query", ["?series__id__exact=abc", "?nonsense=1", "?start__gte=yesterday"])
def test_an_unknown_or_malformed_filter_lists_every_session_with_a_note(staff_client, two_series, query):
    response = staff_client.get(SESSIONS_URL + query, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(SESSIONS_URL, 302)]
    html = response.content.decode()
    assert "That filter is not available" in html
    assert two_series[1]["sessions"][0].title in html


def test_search_by_title(staff_client, two_series):
    first, second = two_series
    target = second["sessions"][0]
    target.title = "Digital Security"
    target.save_revision().publish()
    html = listed(staff_client, "?q=digital")
    assert "Digital Security" in html
    assert f">{first['sessions'][0].title}<" not in html


def test_snippets_are_in_the_admin(staff_client):
    for url in ["/admin/snippets/programs/organization/", "/admin/snippets/programs/testimonial/"]:
        assert staff_client.get(url).status_code == 200


def test_every_program_page_opens_in_the_editor(staff_client, site_root):
    made = build_series(site_root, sessions=1)
    framework = FrameworkPageFactory(parent=site_root)
    level = FrameworkLevelPageFactory(parent=framework)
    session = made["sessions"][0]
    presenter = session.session_presenters.first().presenter
    for page in [made["index"], made["series"], session, made["presenters"], presenter, framework, level]:
        response = staff_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    html = staff_client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    for tab in ["Content", "Schedule", "People", "Registration", "Resources", "Promotion"]:
        assert f">{tab}<" in html or f"{tab}\n" in html, tab
    assert '<option value="America/Los_Angeles"' in html


def test_session_and_series_preview_with_unsaved_changes(staff_client, site_root):
    made = build_series(site_root, sessions=1)
    streams = {made["sessions"][0]: ["body", "resource_links"], made["series"]: ["body", "participation"]}
    for page, stream_names in streams.items():
        edit_url = f"/admin/pages/{page.pk}/edit/"
        data = querydict_from_html(staff_client.get(edit_url).content.decode(), form_id="page-edit-form")
        # Stream fields are drawn by the browser; an empty one posts only its count.
        for name in stream_names:
            data[f"{name}-count"] = "0"
        data["title"] = "A title not saved yet"
        preview_url = f"{edit_url}preview/"
        assert staff_client.post(preview_url, data).json()["is_valid"]
        preview = staff_client.get(preview_url)
        assert preview.status_code == 200
        assert "A title not saved yet" in preview.content.decode()
