"""schema.org structured data: an Event on each session, a Course with instances on each series."""

import json
import re

import pytest

from tests.factories.programs import build_series

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    head = html[: html.index("</head>")]
    (found,) = SCRIPT.findall(head)
    return json.loads(found)


def test_session_is_an_event_with_status_mode_location_people_and_offers(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    data = json_ld(client, session.url)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == session.title
    assert data["startDate"] == session.local_start.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    names = [person["name"] for person in data["performer"]]
    assert names == [link.presenter.title for link in session.session_presenters.order_by("sort_order")]
    assert data["organizer"] == [
        {"@type": "Organization", "name": made["host"].name, "url": made["host"].website}
    ]
    assert data["offers"][0]["price"] == "7500.00"
    assert data["offers"][0]["priceCurrency"] == "USD"
    assert data["superEvent"]["name"] == made["series"].title


def test_cancelled_in_person_session(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.status = "cancelled"
    session.format = "in_person"
    session.venue_name = "Mercy Retreat Center"
    session.venue_address = "2300 Adeline Dr, Burlingame, CA"
    session.save_revision().publish()
    data = json_ld(client, session.url)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {
        "@type": "Place",
        "name": "Mercy Retreat Center",
        "address": "2300 Adeline Dr, Burlingame, CA",
    }


def test_free_series_has_no_offers_and_hybrid_has_both_locations(site_root, client):
    made = build_series(site_root, sessions=1)
    made["series"].cost_tiers.update(amount=0)
    session = made["sessions"][0]
    session.format = "hybrid"
    session.save_revision().publish()
    data = json_ld(client, session.url)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["offers"][0]["price"] == "0.00"


def test_series_is_a_course_with_an_instance_per_session(site_root, client):
    made = build_series(site_root, sessions=2, past=1)
    series = made["series"]
    series.credential = "Micro-credential"
    series.save_revision().publish()
    data = json_ld(client, series.url)
    assert data["@type"] == "Course"
    assert data["name"] == series.title
    assert data["provider"]["name"] == made["host"].name
    assert data["educationalCredentialAwarded"] == "Micro-credential"
    instances = data["hasCourseInstance"]
    assert {item["name"] for item in instances} == {session.title for session in made["sessions"]}
    assert all(item["@type"] == "CourseInstance" and item["courseMode"] == "online" for item in instances)


def test_text_cannot_break_out_of_the_script(site_root, client):
    made = build_series(site_root, sessions=1)
    session = made["sessions"][0]
    session.summary = "</script><script>alert(1)</script>"
    session.save_revision().publish()
    data = json_ld(client, session.url)
    assert data["description"] == "</script><script>alert(1)</script>"
