"""The dashboard's "Your next steps": links to add a series or a session, this month's sessions, the
drafts waiting for review, the editor's unsent drafts, and sessions soon but unpublished."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template import Context
from django.urls import reverse
from django.utils import timezone

from home.models import StandardPage
from programs.editing.hooks import NextStepsPanel, month_bounds
from programs.models import TrainingSeriesPage
from tests.factories.home import StandardPageFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory
from tests.helpers import ensure_moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def draft(parent, owner, title):
    page = StandardPageFactory(parent=parent, title=title, live=False, owner=owner)
    page.save_revision(user=owner)
    return StandardPage.objects.get(pk=page.pk)


def panel(client):
    html = client.get("/admin/").content.decode()
    start = html.find("Your next steps")
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def section(html, heading):
    """One part of the panel: from its heading to the next."""
    start = html.find(f"<h3>{heading}")
    assert start >= 0, f"no part headed {heading!r}"
    end = html.find("<h3>", start + 1)
    return html[start : end if end >= 0 else len(html)]


def test_the_editors_drafts_are_listed_until_submitted(client, editor, site_root):
    ensure_moderation()
    mine = draft(site_root, editor, "About our coalition")
    someone_else = get_user_model().objects.create_user("other", password="pw")
    draft(site_root, someone_else, "Someone else's draft")
    sent = draft(site_root, editor, "Sent for review")
    sent.get_workflow().start(sent, editor)

    shown = section(panel(client), "Your drafts, not yet submitted or published")

    assert mine.title in shown
    assert "Someone else's draft" not in shown
    assert "Sent for review" not in shown


def test_sessions_soon_but_unpublished_are_listed(client, editor, site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    soon = SessionPageFactory(
        parent=series, title="Power mapping", live=False, start=timezone.now() + timedelta(days=3)
    )
    SessionPageFactory(parent=series, title="Far off", live=False, start=timezone.now() + timedelta(days=40))
    SessionPageFactory(parent=series, title="Published", start=timezone.now() + timedelta(days=2))

    shown = panel(client)

    assert "Sessions in the next two weeks that are not published" in shown
    assert soon.title in shown
    assert "Far off" not in shown and "Published" not in shown


def test_nothing_to_do_says_so_and_leads_to_the_guide(client, editor, site_root):
    shown = panel(client)
    assert "Nothing is waiting for you" in shown
    assert f'href="{reverse("editing_guide")}"' in shown


def series_with_session(index, title, start, edited=None):
    series = TrainingSeriesPageFactory(parent=index, title=title)
    SessionPageFactory(
        parent=series, title=f"{title}: first session", start=start, end=start + timedelta(hours=2)
    )
    TrainingSeriesPage.objects.filter(pk=series.pk).update(latest_revision_created_at=edited)
    return series


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("programs", model, parent.pk))


def test_links_to_add_a_series_and_a_session_to_active_series(client, editor, site_root):
    index = TrainingIndexPageFactory(parent=site_root)
    now = timezone.now()
    coming = series_with_session(index, "Parents at the table", now + timedelta(days=20))
    held = series_with_session(index, "Organizing 101", now - timedelta(days=10))
    edited = series_with_session(
        index, "Youth voice", now - timedelta(days=200), edited=now - timedelta(days=1)
    )
    old = series_with_session(
        index, "Spring 2019", now - timedelta(days=200), edited=now - timedelta(days=300)
    )

    shown = panel(client)

    assert f'<a href="{add_url("trainingseriespage", index)}">Add a training series</a>' in shown
    for series in (coming, held, edited):
        assert f'<a href="{add_url("sessionpage", series)}">Add a session to “{series.title}”</a>' in shown
    assert add_url("sessionpage", old) not in shown
    # The series meeting next comes first.
    assert shown.index(coming.title) < shown.index(held.title)


def test_sessions_this_month_are_counted_and_listed(client, editor, site_root):
    index = TrainingIndexPageFactory(parent=site_root)
    start, end = month_bounds(timezone.now())
    series_with_session(index, "This month", start + timedelta(hours=1))
    series_with_session(index, "Also this month", end - timedelta(hours=3))
    series_with_session(index, "Next month", end + timedelta(hours=1))
    series_with_session(index, "Last month", start - timedelta(hours=1))
    listing = reverse("programs_sessionpage_modeladmin_index") + "?when=month"

    shown = panel(client)

    assert f'<a href="{listing}">Sessions this month</a>' in shown
    assert "2 sessions, published or not" in shown
    listed = client.get(listing).content.decode()
    assert "This month: first session" in listed and "Also this month: first session" in listed
    assert "Next month: first session" not in listed and "Last month: first session" not in listed


def moderation_user(client, group):
    user = get_user_model().objects.create_user(group.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user, "django.contrib.auth.backends.ModelBackend")
    return user


def test_drafts_waiting_for_review_are_shown_to_those_who_review(client, site_root):
    ensure_moderation()
    author = get_user_model().objects.create_user("author", password="pw")
    waiting = draft(site_root, author, "Our partners")
    waiting.get_workflow().start(waiting, author)

    moderation_user(client, "Moderators")
    shown = panel(client)
    assert "Drafts waiting for review (1)" in shown
    assert f'<a href="{reverse("wagtailadmin_pages:edit", args=[waiting.pk])}">Our partners</a>' in shown

    moderation_user(client, "Editors")
    assert "Drafts waiting for review" not in panel(client)


@pytest.mark.parametrize("size", [1, 10])
def test_the_panel_costs_the_same_however_much_content(
    client, editor, site_root, size, rf, django_assert_max_num_queries
):
    ensure_moderation()
    index = TrainingIndexPageFactory(parent=site_root)
    start, _end = month_bounds(timezone.now())
    for number in range(size):
        draft(site_root, editor, f"Draft {number}")
        series = series_with_session(
            index, f"Series {number}", start + timedelta(hours=number + 1), edited=timezone.now()
        )
        SessionPageFactory(parent=series, live=False, start=timezone.now() + timedelta(days=2))
        waiting = draft(site_root, editor, f"Waiting {number}")
        waiting.get_workflow().start(waiting, editor)
    request = rf.get("/admin/")
    request.user = editor
    NextStepsPanel().render_html(Context({"request": request}))  # caches warm

    # The panel alone: Wagtail's own "Awaiting your review" beside it asks for each page's tasks.
    with django_assert_max_num_queries(12):
        html = NextStepsPanel().render_html(Context({"request": request}))
    assert f"Drafts waiting for review ({size})" in html
    with django_assert_max_num_queries(40 + 2 * size):
        assert client.get("/admin/").status_code == 200
