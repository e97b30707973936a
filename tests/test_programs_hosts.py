"""Every place a series or a session appears names the organizations that host it."""

import json
import re
from datetime import timedelta

import pytest
import wagtail_factories
from django.utils import timezone
from icalendar import Calendar

from programs.models import SeriesOrganization
from tests.factories.programs import (
    OrganizationFactory,
    SeriesOrganizationFactory,
    SessionPageFactory,
    build_series,
)

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def hosted(site_root, django_capture_on_commit_callbacks):
    """A series hosted by two organizations (one with a logo) and partnered by a third, with an
    upcoming and a past session."""
    with django_capture_on_commit_callbacks(execute=True):
        made = build_series(site_root, sessions=1, past=1, organizations_per_session=0)
        series = made["series"]
        series.series_organizations.all().delete()
        first = OrganizationFactory(name="Innovate Public Schools", logo=wagtail_factories.ImageFactory())
        second = OrganizationFactory(name="Opportunity Coalition", website="")
        partner = OrganizationFactory(name="Kellogg Foundation")
        SeriesOrganizationFactory(page=series, organization=first, sort_order=0)
        SeriesOrganizationFactory(page=series, organization=second, sort_order=1)
        SeriesOrganizationFactory(page=series, organization=partner, role=SeriesOrganization.Role.PARTNER)
        series.title = "Community Organizer Training"
        series.contact_email = "trainings@example.org"
        series.save_revision().publish()
        upcoming, past = made["sessions"]
        upcoming.title = "Power mapping"
        upcoming.save_revision().publish()
    made.update(upcoming=upcoming, past=past, hosts=[first, second], partner=partner)
    return made


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def between(text, start, end):
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def hosted_by(fragment):
    """The names after each “Hosted by”, with markup removed."""
    lines = re.findall(r'<p class="hosts[^"]*">Hosted by (.*?)</p>', fragment, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() for line in lines]


def test_series_and_session_cards_name_the_hosts_with_the_logo(hosted, client):
    page = html(client, hosted["index"].url)
    series_card = between(page, '<article class="card card--linked series-card', "</article>")
    session_card = between(page, '<article class="card card--linked session-card', "</article>")
    for card in (series_card, session_card):
        assert hosted_by(card) == ["Innovate Public Schools, Opportunity Coalition"]
        # The logo is small, decorative (the name is beside it) and only the one host with a logo has it.
        (logo,) = re.findall(r'<img [^>]*class="hosts__logo"[^>]*>', card)
        assert 'alt=""' in logo
        assert int(re.search(r'height="(\d+)"', logo).group(1)) <= 32
    assert "Kellogg Foundation" not in series_card + session_card


def test_a_past_session_names_its_hosts(hosted, client):
    page = html(client, hosted["series"].url)
    past = between(page, '<article class="past-session">', "</article>")
    assert hosted_by(past) == ["Innovate Public Schools, Opportunity Coalition"]


def test_series_and_session_headers_say_hosted_by_with_links(hosted, client):
    for page in (hosted["series"], hosted["upcoming"]):
        header = between(html(client, page.url), '<header class="page-header">', "</header>")
        assert hosted_by(header) == ["Innovate Public Schools, Opportunity Coalition"], page.title
        for organization in hosted["hosts"]:
            assert f'href="/trainings/organizations/{organization.slug}/"' in header
        assert "Kellogg Foundation" not in header


def test_search_results_name_the_hosts_of_series_and_of_a_sessions_series(hosted, client):
    page = html(client, "/search/?q=Power+mapping")
    result = between(page, '<li class="search-result', "</li>")
    assert "Power mapping" in result
    assert "Hosted by Innovate Public Schools, Opportunity Coalition" in result
    page = html(client, "/search/?q=Community+Organizer+Training&type=series")
    result = between(page, '<li class="search-result', "</li>")
    assert "Community Organizer Training" in result
    assert "Hosted by Innovate Public Schools, Opportunity Coalition" in result


def organizers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    return [(str(event["ORGANIZER"]), event["ORGANIZER"].params["CN"]) for event in events]


def test_calendar_organizer_is_the_first_host_by_its_website(hosted, client):
    first = hosted["hosts"][0]
    expected = (first.website, "Innovate Public Schools")
    assert organizers(client, f"{hosted['upcoming'].url}calendar.ics") == [expected]
    assert organizers(client, f"{hosted['series'].url}calendar.ics") == [expected, expected]
    assert organizers(client, f"{hosted['index'].url}calendar.ics") == [expected]


def test_calendar_organizer_falls_back_on_the_series_contact_email_and_is_never_made_up(hosted, client):
    series = hosted["series"]
    series.series_organizations.filter(organization=hosted["hosts"][0]).delete()
    url = f"{hosted['upcoming'].url}calendar.ics"
    assert organizers(client, url) == [("mailto:trainings@example.org", "Opportunity Coalition")]
    series.contact_email = ""
    series.save_revision().publish()
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert [event.get("ORGANIZER") for event in events] == [None]


def test_json_ld_names_the_hosts_as_organizer(hosted, client):
    wanted = [
        {"@type": "Organization", "name": "Innovate Public Schools", "url": hosted["hosts"][0].website},
        {"@type": "Organization", "name": "Opportunity Coalition"},
    ]
    (found,) = SCRIPT.findall(html(client, hosted["upcoming"].url))
    assert json.loads(found)["organizer"] == wanted
    (found,) = SCRIPT.findall(html(client, hosted["series"].url))
    instances = json.loads(found)["hasCourseInstance"]
    assert [instance["organizer"] for instance in instances] == [wanted, wanted]


def test_api_gives_host_names_of_series_and_sessions(hosted, client):
    for kind, page in (
        ("programs.TrainingSeriesPage", hosted["series"]),
        ("programs.SessionPage", hosted["upcoming"]),
    ):
        response = client.get("/api/v2/pages/", {"type": kind, "fields": "host_names"})
        assert response.status_code == 200
        items = {item["id"]: item for item in response.json()["items"]}
        assert items[page.pk]["host_names"] == ["Innovate Public Schools", "Opportunity Coalition"]


def test_a_series_without_hosts_names_none(site_root, client):
    made = build_series(site_root, sessions=1, organizations_per_session=0)
    made["series"].series_organizations.all().delete()
    SessionPageFactory(parent=made["series"], start=timezone.now() + timedelta(days=3))
    page = html(client, made["index"].url)
    assert hosted_by(page) == []
    assert "Hosted by" not in html(client, made["sessions"][0].url)
