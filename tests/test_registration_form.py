"""The visitor's path through registration on this site: the Register button and seats on the page,
the form in every state, the answer to a sign-up, the registrant's own page and cancelling, and the
bad input each of them can get."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from home.models import SiteSettings, StandardPage
from programs.models import Registration, RegistrationMethod, RegistrationStatus, SessionPage, Status
from programs.registrations.links import manage_path
from programs.registrations.services import cancel, register
from tests.factories.programs import (
    OrganizationFactory,
    SeriesCostTierFactory,
    SeriesOrganizationFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
)
from tests.test_programs_pages import PAGE_QUERIES

pytestmark = pytest.mark.django_db

JOIN_URL = "https://meet.example.org/j/secret-room-4417"
JOINING_INSTRUCTIONS = "Passcode 8675309, then wait in the lobby."
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# A warm request for the form: the page and its route, the site's settings, the seats, the hosts.
FORM_PAGE_QUERIES = 10


@pytest.fixture
def series(site_root):
    series = TrainingSeriesPageFactory(
        parent=TrainingIndexPageFactory(parent=site_root), title="Just Schools"
    )
    SeriesOrganizationFactory(page=series, organization=OrganizationFactory(name="Parents United"))
    return series


def on_site_session(series, **fields):
    start = timezone.now() + timedelta(days=10)
    values = {
        "title": "Power mapping",
        "registration_method": RegistrationMethod.ON_SITE,
        "registration_url": "",
        "capacity": 3,
        "start": start,
        "end": start + timedelta(hours=2),
        "join_url": JOIN_URL,
        "joining_instructions": JOINING_INSTRUCTIONS,
        **fields,
    }
    return SessionPageFactory(parent=series, **values)


def form_url(page):
    return page.url + "register/"


def session_in_state(series, fields):
    """An on-site session from a state table's fields: "later" opening, a "past" deadline and
    `_taken` seats already signed up for are filled in here."""
    now = timezone.now()
    fields = dict(fields)
    taken = fields.pop("_taken", 0)
    if fields.get("registration_opens") == "later":
        fields["registration_opens"] = now + timedelta(days=2)
    if fields.get("registration_deadline") == "past":
        fields["registration_deadline"] = now - timedelta(hours=1)
    session = on_site_session(series, **fields)
    for number in range(taken):
        sign_up(session, f"person{number}")
    return session


def sign_up(page, who):
    return register(page, name=who.title(), email=f"{who}@example.org")[0]


def post(client, page, **fields):
    data = {"name": "Ana Pérez", "email": "ana@example.org", **fields}
    return client.post(form_url(page), data)


def text(response):
    """The page's words, tags and runs of white space taken out."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# The form page and its states


def test_the_form_shows_the_training_its_seats_and_the_questions_asked(client, series):
    session = on_site_session(series, ask_organization=True, ask_role=True, consent_text="I agree to photos.")
    sign_up(session, "ben")
    response = client.get(form_url(session))
    assert response.status_code == 200
    words = text(response)
    assert "Register for Power mapping" in words
    assert session.date_display in words and session.time_display in words
    assert "Hosted by Parents United" in words
    assert "2 seats left" in words
    form = response.context["form"]
    assert list(form.fields) == [
        "name",
        "email",
        "organization",
        "role",
        "access_needs",
        "access_needs_other",
        "consent",
        "website",
    ]
    html = response.content.decode()
    for field in ["name", "email", "organization", "role", "access_needs_other", "consent", "website"]:
        assert f'<label for="id_{field}"' in html
    assert 'maxlength="200"' in html and 'maxlength="254"' in html
    assert "I agree to photos." in words
    # The field only robots fill in: hidden from screen readers and out of the tab order.
    trap = re.search(r'<div class="form-trap" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_questions_the_page_does_not_ask_are_left_out(client, series):
    session = on_site_session(series, ask_access_needs=False)
    form = client.get(form_url(session)).context["form"]
    assert list(form.fields) == ["name", "email", "website"]


def test_the_form_and_its_answer_are_never_cached(client, series, settings):
    settings.PAGE_CACHE_SECONDS = 300
    session = on_site_session(series)
    for _ in range(2):
        response = client.get(form_url(session))
        assert "X-Page-Cache" not in response
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    answer = post(client, session)
    assert "no-store" in answer["Cache-Control"]
    manage = client.get(manage_path(Registration.objects.get()))
    assert "no-store" in manage["Cache-Control"] and "X-Page-Cache" not in manage


def test_a_page_without_registration_here_has_no_form(client, series):
    session = on_site_session(series, registration_method=RegistrationMethod.EXTERNAL)
    assert client.get(form_url(session)).status_code == 404
    assert client.post(form_url(session), {"name": "Ana", "email": "ana@example.org"}).status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("fields", "says", "has_form"),
    [
        ({}, "3 seats left", True),
        ({"capacity": None}, "Register for Power mapping", True),
        ({"capacity": 1, "_taken": 1}, "Full — join the waitlist", True),
        (
            {"capacity": 1, "_taken": 1, "waitlist": False},
            "Every seat is taken, and this training has no waitlist",
            False,
        ),
        ({"registration_opens": "later"}, "Registration opens", False),
        ({"registration_deadline": "past"}, "Registration has closed.", False),
        ({"status": Status.CANCELLED}, "it has been cancelled.", False),
        ({"status": Status.POSTPONED}, "it has been postponed.", False),
    ],
    ids=["open", "unlimited", "waitlist", "full", "not-yet-open", "closed", "cancelled", "postponed"],
)
def test_the_form_page_in_each_state(client, series, fields, says, has_form):
    session = session_in_state(series, fields)
    response = client.get(form_url(session))
    assert response.status_code == 200
    assert says in text(response)
    assert (response.context["form"] is not None) == has_form
    assert ('name="email"' in response.content.decode()) == has_form


def test_not_yet_open_says_when_in_the_sessions_time_zone(client, series):
    opens = timezone.now() + timedelta(days=2)
    session = on_site_session(series, registration_opens=opens)
    assert f"Registration opens {session.registration_opens_display}." in text(client.get(form_url(session)))
    assert session.registration_opens_display.endswith(("EST", "EDT"))


def test_the_form_page_stays_within_its_query_budget(client, series, django_assert_max_num_queries):
    session = on_site_session(series, ask_organization=True, ask_role=True)
    for who in ["ana", "ben"]:
        sign_up(session, who)
    client.get(form_url(session))
    with django_assert_max_num_queries(FORM_PAGE_QUERIES):
        assert client.get(form_url(session)).status_code == 200
    for number in range(20):
        register(session, name="Someone", email=f"someone{number}@example.org")
    # Each sign-up starts the site-wide reads afresh, as publishing does; count a warm request.
    client.get(form_url(session))
    with django_assert_max_num_queries(FORM_PAGE_QUERIES):
        assert client.get(form_url(session)).status_code == 200


def test_the_privacy_note_links_to_the_chosen_privacy_page_only(client, series, site_root):
    session = on_site_session(series)
    assert "How we handle personal data" not in text(client.get(form_url(session)))
    privacy = site_root.add_child(instance=StandardPage(title="Privacy", slug="privacy"))
    settings = SiteSettings.load()
    settings.privacy_page = privacy
    settings.save()
    response = client.get(form_url(session))
    assert "We use your details only for this training." in text(response)
    assert f'<a href="{privacy.url}">How we handle personal data</a>' in response.content.decode()


# Signing up


def test_signing_up_confirms_a_seat_and_links_to_the_registrants_page(
    client, series, django_capture_on_commit_callbacks
):
    session = on_site_session(series, ask_organization=True, ask_role=True, consent_text="I agree.")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            session,
            organization="  Oakland Parents  ",
            role="parent",
            access_needs=["captions", "spanish"],
            access_needs_other="A quiet room",
            consent="on",
        )
    assert response.status_code == 200
    assert "You are registered" in text(response)
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.status) == (
        "Ana Pérez",
        "ana@example.org",
        RegistrationStatus.CONFIRMED,
    )
    assert registration.organization == "Oakland Parents" and registration.role == "parent"
    assert registration.access_needs == ["captions", "spanish"]
    assert registration.access_needs_other == "A quiet room" and registration.consented
    assert f'href="{manage_path(registration)}"' in response.content.decode()
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    # The join details go to the registrant's page and e-mail, never the answer page's HTML.
    assert JOIN_URL not in response.content.decode()
    assert "2 seats left" in text(client.get(session.url))


def test_a_full_session_puts_people_on_the_waitlist_with_their_place(client, series):
    session = on_site_session(series, capacity=1)
    sign_up(session, "ben")
    sign_up(session, "cai")
    response = post(client, session)
    words = text(response)
    assert "You are on the waitlist" in words and "you are on the waitlist: number 2 in line." in words
    assert Registration.objects.get(email="ana@example.org").status == RegistrationStatus.WAITLISTED


def test_the_same_address_again_finds_its_registration_and_says_so(
    client, series, django_capture_on_commit_callbacks
):
    session = on_site_session(series)
    first = post(client, session)
    with django_capture_on_commit_callbacks(execute=True):
        again = post(client, session, name="Ana P.", email="ANA@example.org")
    assert again.status_code == 200
    assert "You were already registered" in text(again)
    assert Registration.objects.count() == 1
    # Whoever typed the address does not get the registrant's link; the address's owner does.
    registration = Registration.objects.get()
    assert manage_path(registration) in first.content.decode()
    assert manage_path(registration) not in again.content.decode()
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]


def test_typing_someone_elses_address_again_and_again_sends_them_only_a_few_e_mails(
    client, series, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RESEND_RATE_LIMIT = "2/h"
    session = on_site_session(series)
    post(client, session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post(client, session) for _ in range(4)]
    assert all("You were already registered" in text(answer) for answer in answers)
    assert len(mail.outbox) == 2
    assert "was sent to that address a short while ago" in text(answers[-1])
    assert Registration.objects.count() == 1


def test_the_hidden_field_filled_in_saves_nothing(client, series, django_capture_on_commit_callbacks):
    session = on_site_session(series)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, session, website="https://spam.example.com")
    assert response.status_code == 400
    assert "We could not take this registration, and nothing was saved." in text(response)
    assert not Registration.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name."),
        ({"name": "   "}, "name", "Enter your name."),
        ({"name": "A" * 201}, "name", "Your name can be at most 200 characters long."),
        ({"email": "not-an-address"}, "email", "Enter an e-mail address in the form name@example.org."),
        ({"email": "a" * 250 + "@example.org"}, "email", "at most 254 characters"),
        ({"organization": "O" * 201}, "organization", "at most 200 characters"),
        ({"role": "president"}, "role", "Choose one of the roles in the list."),
        ({"access_needs": ["teleport"]}, "access_needs", "Choose only from the needs listed."),
        ({"access_needs_other": "x" * 501}, "access_needs_other", "Please keep this to 500 characters."),
        ({"consent": ""}, "consent", "Tick the box to agree, or we cannot register you."),
    ],
    ids=[
        "no-name",
        "blank-name",
        "long-name",
        "bad-email",
        "long-email",
        "long-organization",
        "unknown-role",
        "unknown-need",
        "long-other-need",
        "no-consent",
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(client, series, fields, field, message):
    session = on_site_session(series, ask_organization=True, ask_role=True, consent_text="I agree.")
    data = {"consent": "on", **fields}
    response = post(client, session, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert not Registration.objects.exists()
    # The summary at the top, focused on arrival, links each problem to its field.
    summary = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S).group(0)
    assert "autofocus" in summary and 'tabindex="-1"' in summary
    anchor = f"#id_{field}_0" if field == "access_needs" else f"#id_{field}"
    assert f'<a href="{anchor}">' in summary and message in summary
    # The field says it is wrong and which message explains it.
    error_id = f"id_{field}-error"
    assert f'id="{error_id}"' in html
    if field != "access_needs":
        tag = re.search(rf'<(input|select|textarea)[^>]*id="id_{field}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag and error_id in tag
    assert "<title>Error: Register for" in html


def test_a_page_that_stopped_taking_sign_ups_says_why_and_saves_nothing(client, series):
    session = on_site_session(series, capacity=1, waitlist=False)
    form = client.get(form_url(session))
    assert form.context["form"] is not None
    sign_up(session, "ben")
    response = post(client, session)
    assert response.status_code == 409
    assert "Every seat is taken, and this training has no waitlist. Nothing was saved." in text(response)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.POSTPONED])
def test_a_called_off_session_takes_no_sign_up(client, series, status):
    session = on_site_session(series, status=status)
    response = post(client, session)
    assert response.status_code == 409
    assert not Registration.objects.exists()


def test_too_many_sign_ups_from_one_address_get_the_sites_please_wait_page(client, series, settings):
    settings.REGISTRATION_RATE_LIMIT = "2/h"
    session = on_site_session(series, capacity=None)
    for number in range(2):
        assert post(client, session, email=f"person{number}@example.org").status_code == 200
    refused = post(client, session, email="third@example.org")
    assert refused.status_code == 429
    assert "Too many registrations from your address" in text(refused)
    assert int(refused["Retry-After"]) > 0
    assert Registration.objects.count() == 2
    # Looking at the form is not counted.
    assert client.get(form_url(session)).status_code == 200


def test_a_forged_post_without_the_forms_check_gets_the_sites_403_page(series):
    session = on_site_session(series)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(form_url(session), {"name": "Ana", "email": "ana@example.org"})
    assert response.status_code == 403
    assert "The form could not be sent" in text(response)
    assert not Registration.objects.exists()


def test_a_whole_series_takes_registrations_on_its_own_form(client, series):
    series.registration_method = RegistrationMethod.ON_SITE
    series.capacity = 2
    series.start_date = (timezone.now() + timedelta(days=20)).date()
    series.save_revision().publish()
    page = client.get(series.url)
    assert "2 seats left" in text(page)
    assert f'href="{form_url(series)}"' in page.content.decode()
    response = post(client, series)
    assert "You are registered" in text(response)
    assert Registration.objects.get().page_id == series.pk


def test_a_series_that_has_ended_says_so(client, series):
    series.registration_method = RegistrationMethod.ON_SITE
    series.start_date = (timezone.now() - timedelta(days=30)).date()
    series.end_date = (timezone.now() - timedelta(days=2)).date()
    series.save_revision().publish()
    response = client.get(form_url(series))
    assert "Registration has closed: this training has ended." in text(response)
    assert response.context["form"] is None
    assert post(client, series).status_code == 409
    assert not Registration.objects.exists()


# The registrant's own page


def test_the_registrants_page_shows_the_join_details_only_once_confirmed(client, series):
    session = on_site_session(series, capacity=1)
    confirmed = sign_up(session, "ana")
    waiting = sign_up(session, "ben")
    page = client.get(manage_path(confirmed))
    assert page.status_code == 200
    words = text(page)
    assert "Your seat is confirmed." in words and session.date_display in words
    assert JOIN_URL in page.content.decode() and JOINING_INSTRUCTIONS in words
    assert f'href="{session.url}calendar.ics"' in page.content.decode()
    assert '<meta name="robots" content="noindex">' in page.content.decode()
    waiting_page = client.get(manage_path(waiting))
    assert "You are on the waitlist: number 1 in line." in text(waiting_page)
    assert JOIN_URL not in waiting_page.content.decode()
    assert JOINING_INSTRUCTIONS not in waiting_page.content.decode()


def test_cancelling_frees_the_seat_and_cancelling_again_is_harmless(client, series):
    session = on_site_session(series, capacity=1)
    ana = sign_up(session, "ana")
    ben = sign_up(session, "ben")
    page = client.get(manage_path(ana))
    assert "Cancel my registration" in text(page)
    response = client.post(manage_path(ana), {"action": "cancel"})
    assert response.status_code == 302 and response["Location"] == manage_path(ana)
    after = client.get(manage_path(ana))
    assert "Your registration is cancelled." in text(after)
    assert "Cancel my registration" not in text(after)
    assert JOIN_URL not in after.content.decode()
    ben.refresh_from_db()
    assert ben.status == RegistrationStatus.CONFIRMED
    again = client.post(manage_path(ana), {"action": "cancel"})
    assert again.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"ana@example.org": "cancelled", "ben@example.org": "confirmed"}


def test_a_training_that_is_over_cannot_be_cancelled_afterwards(client, series):
    session = on_site_session(series)
    ana = sign_up(session, "ana")
    session.start, session.end = (
        timezone.now() - timedelta(days=2),
        timezone.now() - timedelta(days=2, hours=-2),
    )
    session.save_revision().publish()
    assert "Cancel my registration" not in text(client.get(manage_path(ana)))
    response = client.post(manage_path(ana), {"action": "cancel"})
    assert response.status_code == 302
    ana.refresh_from_db()
    assert ana.status == RegistrationStatus.CONFIRMED, "the record of who had a seat stays"


def test_an_editors_full_status_closes_the_form_of_a_session_without_a_seat_count(client, series):
    session = on_site_session(series, capacity=None, status=Status.FULL)
    assert post(client, session).status_code == 409
    assert not Registration.objects.exists()


def test_a_forged_cancel_gets_the_403_page_and_cancels_nothing(series):
    session = on_site_session(series)
    ana = sign_up(session, "ana")
    response = Client(enforce_csrf_checks=True).post(manage_path(ana), {"action": "cancel"})
    assert response.status_code == 403
    assert "The form could not be sent" in text(response)
    ana.refresh_from_db()
    assert ana.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("change", ["altered", "unknown", "too-long", "odd"])
def test_a_tampered_token_is_the_sites_404_page(client, series, change):
    session = on_site_session(series)
    ana = sign_up(session, "ana")
    token = {
        "altered": ana.token[:-1] + ("A" if ana.token[-1] != "A" else "B"),
        "unknown": "x" * 43,
        "too-long": ana.token + "x" * 5000,
        "odd": "%00%27%22",
    }[change]
    for response in [
        client.get(f"/registration/{token}/"),
        client.post(f"/registration/{token}/", {"action": "cancel"}),
    ]:
        assert response.status_code == 404
        assert "We could not find that page" in text(response)
    ana.refresh_from_db()
    assert ana.status == RegistrationStatus.CONFIRMED


def test_an_erased_registration_has_no_page(client, series):
    session = on_site_session(series)
    ana = sign_up(session, "ana")
    Registration.objects.filter(pk=ana.pk).update(erased_at=timezone.now(), name="", email="")
    assert client.get(manage_path(ana)).status_code == 404


# The session and series pages


def session_header(client, session):
    html = client.get(session.url).content.decode()
    return html[
        html.index('<header class="page-header">') : html.index("</header>", html.index("page-header"))
    ]


def test_the_session_page_says_where_seats_stand(client, series):
    session = on_site_session(series, capacity=2)
    header = session_header(client, session)
    assert f'href="{form_url(session)}"' in header and "2 seats left" in text_of(header)
    sign_up(session, "ana")
    assert "1 seat left" in text_of(session_header(client, session))
    sign_up(session, "ben")
    header = session_header(client, session)
    assert "Full — join the waitlist" in text_of(header) and f'href="{form_url(session)}"' in header
    assert "Registration has closed" not in text_of(header)


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"capacity": 1, "waitlist": False, "_taken": 1}, "Full. Every seat is taken."),
        ({"registration_opens": "later"}, "Registration opens"),
        ({"registration_deadline": "past"}, "Registration has closed."),
        ({"status": Status.CANCELLED}, "This session has been cancelled."),
    ],
    ids=["full", "not-yet-open", "closed", "cancelled"],
)
def test_the_session_page_has_no_register_button_when_the_form_takes_no_sign_ups(
    client, series, fields, says
):
    session = session_in_state(series, fields)
    header = session_header(client, session)
    assert says in text_of(header)
    assert form_url(session) not in header
    assert "seats left" not in text_of(header)


def test_registration_open_follows_the_form_for_listings_and_calendars(series):
    now = timezone.now()
    assert on_site_session(series).registration_open
    assert not on_site_session(series, registration_opens=now + timedelta(days=1)).registration_open
    assert not on_site_session(series, status=Status.CANCELLED).registration_open
    full_with_waitlist = on_site_session(series, status=Status.FULL)
    assert full_with_waitlist.registration_open
    assert not on_site_session(series, status=Status.FULL, waitlist=False).registration_open
    series.registration_method = RegistrationMethod.ON_SITE
    assert series.registration_open


def test_the_calendar_file_links_to_the_form(client, series):
    session = on_site_session(series)
    ics = client.get(session.url + "calendar.ics").content.decode().replace("\r\n ", "")
    assert "register/" in ics and "Register: http://" in ics


# What machines read: JSON-LD and the API


def json_ld(client, url):
    html = client.get(url).content.decode()
    (found,) = SCRIPT.findall(html[: html.index("</head>")])
    return json.loads(found)


@pytest.mark.parametrize(
    ("capacity", "taken", "availability", "remaining"),
    [
        (25, 0, "https://schema.org/InStock", 25),
        (25, 22, "https://schema.org/LimitedAvailability", 3),
        (2, 2, "https://schema.org/SoldOut", 0),
        (None, 2, "https://schema.org/InStock", None),
    ],
    ids=["plenty", "few-left", "sold-out", "unlimited"],
)
def test_json_ld_offers_follow_the_seats(client, series, capacity, taken, availability, remaining):
    SeriesCostTierFactory(page=series, amount=0)
    session = on_site_session(series, capacity=capacity)
    for number in range(taken):
        sign_up(session, f"person{number}")
    data = json_ld(client, session.url)
    assert {offer["availability"] for offer in data["offers"]} == {availability}
    assert data["offers"][0]["url"].endswith(form_url(session))
    assert data.get("remainingAttendeeCapacity") == remaining


def test_json_ld_offers_a_place_without_inventing_a_price(client, series):
    session = on_site_session(series, capacity=5)
    (offer,) = json_ld(client, session.url)["offers"]
    assert "price" not in offer and offer["availability"] == "https://schema.org/InStock"


def test_the_api_says_how_many_seats_are_left(client, series):
    session = on_site_session(series, capacity=3)
    sign_up(session, "ana")
    external = on_site_session(series, registration_method=RegistrationMethod.EXTERNAL)
    unlimited = on_site_session(series, capacity=None)
    fields = {"fields": "seats_left,registration_state"}
    detail = client.get(f"/api/v2/pages/{session.pk}/", fields).json()
    assert (detail["seats_left"], detail["registration_state"]) == (2, "open")
    detail = client.get(f"/api/v2/pages/{external.pk}/", fields).json()
    assert (detail["seats_left"], detail["registration_state"]) == (None, "external")
    detail = client.get(f"/api/v2/pages/{unlimited.pk}/", fields).json()
    assert (detail["seats_left"], detail["registration_state"]) == (None, "open")


# The join details never appear in public


def test_join_details_never_appear_in_public(client, series, site_root):
    session = on_site_session(series, title="Ibis organizing lab", summary="Ibis.")
    sign_up(session, "ana")
    series.registration_method = RegistrationMethod.ON_SITE
    series.join_url = JOIN_URL
    series.joining_instructions = JOINING_INSTRUCTIONS
    series.save_revision().publish()
    public = {
        "session page": client.get(session.url),
        "series page": client.get(series.url),
        "form": client.get(form_url(session)),
        "series form": client.get(form_url(series)),
        "answer": post(client, session, email="ben@example.org"),
        "api detail": client.get(f"/api/v2/pages/{session.pk}/"),
        "api series": client.get(f"/api/v2/pages/{series.pk}/"),
        "api listing": client.get("/api/v2/pages/", {"type": "programs.SessionPage", "fields": "*"}),
        "search": client.get("/search/", {"q": "ibis"}),
        "sitemap": client.get("/sitemap.xml"),
        "session calendar": client.get(session.url + "calendar.ics"),
        "series calendar": client.get(series.url + "calendar.ics"),
        "all calendar": client.get("/trainings/calendar.ics"),
    }
    assert "Ibis organizing lab" in public["search"].content.decode()
    for name, response in public.items():
        assert response.status_code == 200, name
        body = response.content.decode().replace("\r\n ", "")
        assert "secret-room" not in body, name
        assert "8675309" not in body, name
    assert SessionPage.objects.get(pk=session.pk).join_url == JOIN_URL


def test_a_cancelled_registration_frees_its_seat_on_the_page(client, series):
    session = on_site_session(series, capacity=3)
    ana = sign_up(session, "ana")
    assert "2 seats left" in text_of(session_header(client, session))
    cancel(ana)
    assert "3 seats left" in text_of(session_header(client, session))


def test_pages_taking_registrations_here_stay_within_the_page_budget(
    client, series, django_assert_max_num_queries
):
    """The seats cost the session and series pages one query: within the budget of every program
    page (tests/test_programs_pages.py), however many have signed up."""
    session = on_site_session(series, capacity=30)
    series.registration_method = RegistrationMethod.ON_SITE
    series.capacity = 30
    series.save_revision().publish()
    for number in range(25):
        sign_up(session, f"person{number}")
        sign_up(series, f"person{number}")
    # The first request makes the site's settings, which starts the cached reads afresh.
    client.get(session.url)
    for url in [session.url, series.url]:
        client.get(url)
        with django_assert_max_num_queries(PAGE_QUERIES["session"]):
            assert client.get(url).status_code == 200


def test_a_null_character_is_refused_beside_its_field(client, series):
    session = on_site_session(series)
    response = post(client, session, name="Ana\x00")
    assert response.status_code == 200
    assert "Null characters are not allowed." in text(response)
    assert not Registration.objects.exists()
