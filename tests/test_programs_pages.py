"""Public program pages show what visitors need, hide drafts, and render in a fixed number of queries."""

from datetime import timedelta

import pytest
import wagtail_factories
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.signal_handlers import disable_reference_index_auto_update

from programs.models import Status
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    OrganizationFactory,
    PresenterPageFactory,
    SeriesOrganizationFactory,
    SessionOrganizationFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
    build_series,
)
from tests.html_check import check

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


def main_html(response):
    """The visible page body, without the head's structured data."""
    html = response.content.decode()
    return html[html.index("<main") :]


def test_session_page_shows_date_presenters_partners_and_registration(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    html = main_html(get(client, session.url))
    assert f">{session.title}<" in html
    assert session.date_display in html
    assert session.time_display in html
    for link in session.session_presenters.all():
        assert link.presenter.title in html
        assert link.presenter.url in html
    for link in session.session_organizations.all():
        assert link.organization.name in html
        assert f"/trainings/organizations/{link.organization.slug}/" in html
    assert session.registration_url in html
    assert f"{session.url}calendar.ics" in html
    assert "calendar.google.com" in html
    assert "Online" in html


def test_session_lists_only_partners_as_partner_organizations(site_root, client):
    session = build_series(site_root, sessions=1)["sessions"][0]
    session.session_organizations.all().delete()
    host = OrganizationFactory(name="Human Impact Partners")
    partner = OrganizationFactory(name="School of Unity and Liberation")
    SessionOrganizationFactory(page=session, organization=host, role="host")
    SessionOrganizationFactory(page=session, organization=partner, role="partner")
    html = main_html(get(client, session.url))
    partners = html[html.index('aria-labelledby="partners-heading"') :]
    partners = partners[: partners.index("</section>")]
    assert "School of Unity and Liberation" in partners
    assert "Human Impact Partners" not in partners


def test_session_does_not_print_a_presenters_role_twice(site_root, client):
    session = build_series(site_root, sessions=1)["sessions"][0]
    session.session_presenters.all().delete()
    guest = PresenterPageFactory(parent=site_root, title="Jack Aponte", job_title="Guest presenter")
    lead = PresenterPageFactory(parent=site_root, title="Anna Grant", job_title="Organizer")
    SessionPresenterFactory(page=session, presenter=guest, role="guest")
    SessionPresenterFactory(page=session, presenter=lead, role="lead")
    html = main_html(get(client, session.url))
    assert "Guest presenter · Guest presenter" not in html
    assert "Guest presenter" in html
    assert "Lead presenter · Organizer" in html


def test_printed_pages_write_out_the_registration_address_and_leave_out_screen_only_parts(site_root, client):
    """On paper the Register button (hidden by the print stylesheet) becomes its address; the
    calendar links and the series' decorative picture are left off."""
    made = build_series(site_root, sessions=1)
    series, session = made["series"], made["sessions"][0]
    series.registration_url = "https://example.org/apply"
    series.registration_deadline = None
    series.image = wagtail_factories.ImageFactory()
    series.save_revision().publish()
    session_html = main_html(get(client, session.url))
    assert f'<p class="print-only">Register at {session.registration_url}</p>' in session_html
    assert '<ul class="calendar-links no-print">' in session_html
    assert 'class="session-facts__subheading no-print">Add to your calendar' in session_html
    series_html = main_html(get(client, series.url))
    assert '<p class="print-only">Register or apply at https://example.org/apply</p>' in series_html
    assert '<figure class="article__image no-print">' in series_html


def test_in_person_session_shows_its_venue(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.format = "in_person"
    session.venue_name = "Mercy Retreat Center"
    session.venue_address = "2300 Adeline Dr, Burlingame, CA"
    session.save_revision().publish()
    html = main_html(get(client, session.url))
    assert "Mercy Retreat Center" in html
    assert "2300 Adeline Dr, Burlingame, CA" in html
    assert "In person" in html


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Status.CANCELLED, "has been cancelled"),
        (Status.POSTPONED, "has been postponed"),
        (Status.FULL, "is full"),
    ],
)
def test_session_status_is_announced_and_registration_hidden(site_root, client, status, words):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.status = status
    session.save_revision().publish()
    html = main_html(get(client, session.url))
    assert words in html
    assert session.registration_url not in html
    series_html = main_html(get(client, made["series"].url))
    assert f'badge--{status}">{session.get_status_display()}<' in series_html


def test_registration_hides_after_its_deadline(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.registration_deadline = timezone.now() - timedelta(hours=1)
    session.save_revision().publish()
    html = main_html(get(client, session.url))
    assert session.registration_url not in html
    assert "Registration has closed" in html


def test_series_page_shows_facts_then_upcoming_then_past(site_root, client):
    made = build_series(site_root, sessions=2, past=2)
    series = made["series"]
    series.cadence = "Bi-monthly, two hours"
    series.capacity = 25
    series.credential = "Micro-credential"
    series.contact_email = "trainings@example.org"
    series.save_revision().publish()
    html = main_html(get(client, series.url))
    for fact in [
        "Bi-monthly, two hours",
        "Up to 25 people",
        "Micro-credential",
        "trainings@example.org",
        "$7,500",
    ]:
        assert fact in html
    assert made["host"].name in html
    upcoming_at, past_at = html.index("Upcoming sessions"), html.index("Past sessions")
    for session in made["sessions"][:2]:
        assert upcoming_at < html.index(f">{session.title}<") < past_at
    for session in made["sessions"][2:]:
        assert html.index(f">{session.title}<") > past_at


def test_series_without_sessions_says_so(site_root, client):
    made = build_series(site_root, sessions=0)
    assert "No sessions are scheduled right now" in main_html(get(client, made["series"].url))


def test_presenter_page_lists_their_sessions_upcoming_then_past(site_root, client):
    made = build_series(site_root, sessions=1, past=1, presenters_per_session=0)
    person = PresenterPageFactory(parent=made["presenters"], title="Ana Mercado")
    upcoming, past = made["sessions"]
    SessionPresenterFactory(page=upcoming, presenter=person)
    SessionPresenterFactory(page=past, presenter=person, role="guest")
    html = main_html(get(client, person.url))
    assert html.index(f">{upcoming.title}<") < html.index("Past sessions") < html.index(f">{past.title}<")
    index_html = main_html(get(client, made["presenters"].url))
    assert "Ana Mercado" in index_html


def test_organization_page_lists_what_it_took_part_in(site_root, client):
    made = build_series(site_root, sessions=1, organizations_per_session=0)
    partner = OrganizationFactory(name="Western States Center")
    SessionOrganizationFactory(page=made["sessions"][0], organization=partner)
    html = main_html(get(client, f"/trainings/organizations/{partner.slug}/"))
    assert "Western States Center" in html
    assert made["sessions"][0].title in html
    host_html = main_html(get(client, f"/trainings/organizations/{made['host'].slug}/"))
    assert made["series"].title in host_html
    assert client.get("/trainings/organizations/no-such-group/").status_code == 404


def test_organization_index_lists_who_takes_part_in_published_trainings(site_root, client):
    made = build_series(site_root, sessions=2, organizations_per_session=0)
    zeta = OrganizationFactory(name="Zeta Health Alliance", description="Clinics across the valley.")
    alpha = OrganizationFactory(name="Alpha Parents United")
    hidden = OrganizationFactory(name="Draft Only Collective")
    OrganizationFactory(name="Never Linked Group")
    SessionOrganizationFactory(page=made["sessions"][0], organization=zeta)
    SessionOrganizationFactory(page=made["sessions"][0], organization=alpha)
    SessionOrganizationFactory(page=made["sessions"][1], organization=hidden)
    made["sessions"][1].unpublish()
    html = main_html(get(client, "/trainings/organizations/"))
    assert html.index("Alpha Parents United") < html.index("Zeta Health Alliance")
    assert made["host"].name in html
    assert "Clinics across the valley." in html
    assert f'href="/trainings/organizations/{zeta.slug}/"' in html
    assert "Draft Only Collective" not in html and "Never Linked Group" not in html
    # Each organization's page leads back to the list.
    assert 'href="/trainings/organizations/"' in main_html(
        get(client, f"/trainings/organizations/{zeta.slug}/")
    )
    # Past either end: the nearest page; not a number: not found (home/pagination.py).
    for query in ["?page=999", "?page=-1"]:
        assert client.get("/trainings/organizations/" + query)["Location"] == "/trainings/organizations/"
    assert client.get("/trainings/organizations/?page=abc").status_code == 404


def test_organization_index_says_when_nobody_is_listed(site_root, client):
    from tests.factories.programs import TrainingIndexPageFactory

    TrainingIndexPageFactory(parent=site_root)
    OrganizationFactory(name="Never Linked Group")
    html = main_html(get(client, "/trainings/organizations/"))
    assert "No published training lists a host or partner organization yet." in html


def test_framework_lists_levels_by_number_and_level_shows_its_series(site_root, client):
    framework = FrameworkPageFactory(parent=site_root)
    second = FrameworkLevelPageFactory(parent=framework, number=2, title="Team Growth")
    first = FrameworkLevelPageFactory(parent=framework, number=1, title="Self Exposure")
    made = build_series(site_root, sessions=1)
    made["series"].framework_level = first
    made["series"].save_revision().publish()
    html = main_html(get(client, framework.url))
    assert html.index("Level 1: Self Exposure") < html.index("Level 2: Team Growth")
    level_html = main_html(get(client, first.url))
    assert made["series"].title in level_html
    assert made["series"].title not in main_html(get(client, second.url))
    series_html = main_html(get(client, made["series"].url))
    assert first.url in series_html and "Level 1: Self Exposure" in series_html


def test_training_index_filters_by_format_and_survives_bad_input(site_root, client):
    made = build_series(site_root, sessions=2)
    in_person = made["sessions"][0]
    in_person.format = "in_person"
    in_person.save_revision().publish()
    html = main_html(get(client, "/trainings/?format=in_person"))
    assert f">{in_person.title}<" in html
    assert f">{made['sessions'][1].title}<" not in html
    assert client.get("/trainings/?format=nonsense").status_code == 200
    assert client.get("/trainings/?format=in_person&page=999")["Location"] == "/trainings/?format=in_person"
    assert client.get("/trainings/?page=-1")["Location"] == "/trainings/"
    assert client.get("/trainings/?page=abc").status_code == 404


def hide_in_every_way(made, site_root):
    """Make one session a draft, one unpublished, one private; return them."""
    draft, unpublished, private = made["sessions"][:3]
    draft.live = False
    draft.has_unpublished_changes = True
    draft.save()
    unpublished.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return [draft, unpublished, private]


def test_hidden_sessions_never_appear_in_public_listings(site_root, client):
    made = build_series(site_root, sessions=4, presenters_per_session=1, organizations_per_session=1)
    hidden = hide_in_every_way(made, site_root)
    visible = made["sessions"][3]
    pages = [
        "/trainings/",
        "/trainings/organizations/",
        made["series"].url,
        f"/trainings/organizations/{made['host'].slug}/",
    ]
    for session in hidden:
        pages.append(session.session_presenters.first().presenter.url)
        pages.append(f"/trainings/organizations/{session.session_organizations.first().organization.slug}/")
    for url in pages:
        html = main_html(get(client, url))
        for session in hidden:
            assert f">{session.title}<" not in html, url
    assert f">{visible.title}<" in main_html(get(client, "/trainings/"))
    for session in hidden:
        assert client.get(session.url).status_code in (302, 404)


# --- Query budgets --------------------------------------------------------------------------------

# The most queries each page may make on a warm process, whatever the amount of content. The site,
# its settings and menus, the view restrictions and where the address leads come from the cache
# (home/site_reads.py), so these are the page's own queries and the one for the page's row.
PAGE_QUERIES = {
    "training index": 10,
    "series": 10,
    "session": 10,
    "presenter index": 10,
    "presenter": 10,
    "organization": 10,
    "organization index": 10,
    "framework": 10,
    "framework level": 10,
    "all calendar": 10,
    "series calendar": 10,
    "session calendar": 10,
}


def query_count(url):
    client = Client()
    get(client, url)  # Warm caches and create image renditions first.
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


def grow(made, count, presenter, picture):
    """Add `count` sessions (half past) with pictured presenters and partners, and more series.

    Wagtail's reference index (what links to what, for the admin's usage listings) is not updated
    for them: public pages never read it, and it was a third of the time spent building them."""
    with disable_reference_index_auto_update():
        grow_content(made, count, presenter, picture)


def grow_content(made, count, presenter, picture):
    now = timezone.now()
    for number in range(count):
        start = now + timedelta(days=number + 30) if number % 2 else now - timedelta(days=number + 30)
        session = SessionPageFactory(parent=made["series"], start=start, end=start + timedelta(hours=2))
        newcomer = PresenterPageFactory(parent=made["presenters"], photo=picture)
        SessionPresenterFactory(page=session, presenter=newcomer)
        SessionPresenterFactory(page=session, presenter=presenter, role="guest")
        SessionOrganizationFactory(page=session, organization=made["host"])
        SessionOrganizationFactory(page=session, organization=OrganizationFactory(logo=picture))
    for _ in range(5):
        more = TrainingSeriesPageFactory(parent=made["index"], image=picture, framework_level=made["level"])
        SeriesOrganizationFactory(page=more, organization=made["host"])
        SessionPageFactory(parent=more)


@pytest.fixture
def programs_site(site_root):
    picture = wagtail_factories.ImageFactory()
    framework = FrameworkPageFactory(parent=site_root)
    level = FrameworkLevelPageFactory(parent=framework, number=1)
    made = build_series(site_root, sessions=2, past=1)
    # Every list on the measured pages has something in it, with pictures, even at the small size.
    presenter = made["sessions"][0].session_presenters.first().presenter
    presenter.photo = picture
    presenter.save_revision().publish()
    SessionPresenterFactory(page=made["sessions"][2], presenter=presenter, role="guest")
    SessionOrganizationFactory(page=made["sessions"][0], organization=made["host"], role="host")
    made["series"].framework_level = level
    made["series"].image = picture
    made["series"].save_revision().publish()
    made["host"].logo = picture
    made["host"].save()
    made.update(framework=framework, level=level, picture=picture)
    Client().get("/")  # The first visit ever creates the settings rows (a change, which clears caches).
    return made


def urls_for(made):
    session = made["sessions"][0]
    presenter = session.session_presenters.first().presenter
    return {
        "training index": "/trainings/",
        "series": made["series"].url,
        "session": session.url,
        "presenter index": made["presenters"].url,
        "presenter": presenter.url,
        "organization": f"/trainings/organizations/{made['host'].slug}/",
        "organization index": "/trainings/organizations/",
        "framework": made["framework"].url,
        "framework level": made["level"].url,
        "all calendar": "/trainings/calendar.ics",
        "series calendar": made["series"].url + "calendar.ics",
        "session calendar": session.url + "calendar.ics",
    }


def over_budget(counts):
    return {name: count for name, count in counts.items() if count > PAGE_QUERIES[name]}


def test_every_program_page_stays_within_its_budget_with_3_or_60_sessions(programs_site):
    urls = urls_for(programs_site)
    small = {name: query_count(url) for name, url in urls.items()}
    assert over_budget(small) == {}, small
    # The measured presenter and the host organization take part in every new session.
    presenter = programs_site["sessions"][0].session_presenters.first().presenter
    grow(programs_site, 57, presenter, programs_site["picture"])
    large = {name: query_count(url) for name, url in urls.items()}
    assert over_budget(large) == {}, large
    # Twenty times the content costs no query more on any page.
    grown = {name: (small[name], count) for name, count in large.items() if count > small[name]}
    assert grown == {}, grown


def test_the_training_index_shows_sessions_of_series_it_does_not_list_within_its_budget(
    site_root, client, monkeypatch
):
    """On a site with more series than one page lists, the next sessions may belong to series
    listed on a later page: those series and their hosts come in the same queries as the hosts of
    the listed ones, within the page's budget."""
    from datetime import date

    from programs.models import series as series_module

    monkeypatch.setattr(series_module, "SERIES_PER_PAGE", 1)
    index = TrainingIndexPageFactory(parent=site_root)
    now = timezone.now()
    for title, started, host, days in (
        ("Newer series", date(2031, 1, 1), "Listed Network", 20),
        ("Older series", date(2021, 1, 1), "Elder Network", 10),
    ):
        series = TrainingSeriesPageFactory(parent=index, title=title, start_date=started)
        SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name=host))
        start = now + timedelta(days=days)
        SessionPageFactory(parent=series, title=f"Session of the {title.lower()}", start=start)
    Client().get("/")  # The first visit ever creates the settings rows (a change, which clears caches).

    html = main_html(get(client, "/trainings/"))
    hosted = 'Hosted by <span class="hosts__name">{}</span>'
    assert html.count(hosted.format("Listed Network")) == 2  # the series card and its session's
    assert html.count(hosted.format("Elder Network")) == 1  # the session of the series on page 2
    assert "Session of the older series" in html
    assert query_count("/trainings/") <= PAGE_QUERIES["training index"]


def test_every_program_page_is_well_formed_html(programs_site, client):
    session = programs_site["sessions"][0]
    session.status = "cancelled"
    session.recording_url = "https://example.org/recording"
    session.save_revision().publish()
    for name, url in urls_for(programs_site).items():
        if "calendar" not in name:
            check(client, url)
