"""No overbooking under load: a hundred people press Register for 25 seats at the same moment, on two
gunicorn app servers running the production settings, each answering many requests at once. Exactly
25 are confirmed and 75 wait, on SQLite and on PostgreSQL alike (the suite runs on both).

The servers share a copy of the test database (a file on SQLite, a scratch database on PostgreSQL);
each listens on a free loopback port and is stopped by its own process id."""

import http.client
import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bench.proxy_stack import ProxyStack
from tests.conftest import ScratchDatabase

pytestmark = pytest.mark.django_db

SEATS, PEOPLE = 25, 100
SESSION_PATH = "/trainings/parent-power/power-mapping/"

SETUP = """
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import HomePage
from programs.models import RegistrationMethod, SessionPage, TrainingIndexPage, TrainingSeriesPage

Locale.objects.get_or_create(language_code="en")
root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
home = HomePage.objects.first() or root.add_child(instance=HomePage(title="Home", slug="home"))
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "127.0.0.1", "root_page": home})

def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

index = add(home, TrainingIndexPage(title="Trainings", slug="trainings"))
series = add(index, TrainingSeriesPage(title="Parent power", slug="parent-power", summary="A series."))
start = timezone.now() + timedelta(days=7)
add(series, SessionPage(
    title="Power mapping", slug="power-mapping", start=start, end=start + timedelta(hours=2),
    registration_method=RegistrationMethod.ON_SITE, capacity=SEATS, waitlist=True,
))
"""

COUNT = """
import json
from programs.models import Registration, SessionPage
session = SessionPage.objects.get(slug="power-mapping")
rows = Registration.objects.filter(page=session)
print(json.dumps({
    "confirmed": rows.filter(status="confirmed").count(),
    "waitlisted": rows.filter(status="waitlisted").count(),
    "addresses": rows.values("email").distinct().count(),
    "status": session.status,
}))
"""


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker, collected_static):
    folder = tmp_path_factory.mktemp("registration-stack")
    with django_db_blocker.unblock():
        database = ScratchDatabase(folder)
    # Every sign-up comes from one address here: the per-address limit is not what is tested.
    env = {"REGISTRATION_RATE_LIMIT": "100000/m", "STATIC_ROOT": str(collected_static)}
    stack = ProxyStack(folder, database_url=database.url, env=env)
    try:
        # The session is made while the app servers load.
        stack.start_app_servers(
            workers=2, threads=8, meanwhile=lambda: stack.shell(SETUP.replace("SEATS", str(SEATS)))
        )
        yield stack
    finally:
        stack.stop()
        with django_db_blocker.unblock():
            database.drop()


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def test_a_hundred_people_at_once_fill_25_seats_and_the_rest_wait(stack):
    status, cookie, form = request(stack.app_ports[0], "GET", SESSION_PATH + "register/")
    assert status == 200, form
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    csrf_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    everyone_ready = threading.Barrier(PEOPLE)

    def sign_up(number):
        body = urlencode(
            {"csrfmiddlewaretoken": csrf_field, "name": f"Person {number}", "email": f"p{number}@example.org"}
        )
        port = stack.app_ports[number % 2]
        everyone_ready.wait(timeout=60)
        return request(
            port,
            "POST",
            SESSION_PATH + "register/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"},
        )

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        answers = list(pool.map(sign_up, range(PEOPLE)))

    statuses = sorted({status for status, _cookie, _body in answers})
    assert all(status in (200, 302, 303) for status in statuses), statuses
    counted = json.loads(stack.shell(COUNT))
    assert counted == {
        "confirmed": SEATS,
        "waitlisted": PEOPLE - SEATS,
        "addresses": PEOPLE,
        "status": "full",
    }
