"""Every list on the site is split into pages the same way (home/pagination.py)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories.programs import (
    OrganizationFactory,
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SeriesOrganizationFactory,
    SessionOrganizationFactory,
    SessionPageFactory,
    SessionPresenterFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
    build_series,
)

pytestmark = pytest.mark.django_db


def test_presenters_are_paged_like_every_other_list(site_root, client, monkeypatch):
    monkeypatch.setattr("programs.models.people.PRESENTERS_PER_PAGE", 2)
    people = PresenterIndexPageFactory(parent=site_root)
    made = [PresenterPageFactory(parent=people, title=name) for name in ["Ana", "Bea", "Cy", "Dee", "Eve"]]

    first = client.get(people.url, {"utm_source": "mail"}).content.decode()
    assert "Ana" in first and "Cy" not in first
    # Numbered links, the other parameters kept, the first page without a number.
    assert f'href="{people.url}?utm_source=mail&amp;page=2" rel="next"' in first
    assert f'href="{people.url}?utm_source=mail&amp;page=3"' in first

    last = client.get(people.url + "?page=3").content.decode()
    assert "Eve" in last and "Ana" not in last
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>3</span>' in last
    assert f'href="{people.url}?page=2" rel="prev"' in last

    assert client.get(people.url + "?page=9")["Location"] == people.url + "?page=3"
    assert client.get(people.url + "?page=0")["Location"] == people.url
    assert client.get(people.url + "?page=two").status_code == 404
    # The presenters' own pages are still found under the list.
    assert "Eve" in client.get(made[-1].url).content.decode()


def test_the_series_list_is_paged_apart_from_the_upcoming_sessions(site_root, client, monkeypatch):
    monkeypatch.setattr("programs.models.series.SERIES_PER_PAGE", 2)
    trainings = TrainingIndexPageFactory(parent=site_root)
    for number, title in enumerate(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]):
        TrainingSeriesPageFactory(
            parent=trainings, title=f"{title} series", start_date=date(2025, 1, 10 - number)
        )

    first = client.get(trainings.url).content.decode()
    assert "Alpha series" in first and "Charlie series" not in first
    assert f'href="{trainings.url}?series=2" rel="next"' in first
    assert 'aria-label="Pages of training series"' in first

    # The upcoming sessions' page number is kept when the series list moves on, and the reverse.
    last = client.get(trainings.url, {"series": "3", "page": "1"}).content.decode()
    assert "Echo series" in last and "Alpha series" not in last
    assert client.get(trainings.url + "?series=7")["Location"] == trainings.url + "?series=3"
    assert client.get(trainings.url + "?series=-1")["Location"] == trainings.url
    assert client.get(trainings.url + "?series=x").status_code == 404


def test_a_presenters_past_sessions_are_paged(site_root, client, monkeypatch):
    monkeypatch.setattr("programs.models.people.PAST_SESSIONS_PER_PAGE", 2)
    made = build_series(site_root, sessions=1, past=0)
    presenter = made["sessions"][0].session_presenters.first().presenter
    now = timezone.now()
    for days in range(1, 6):
        start = now - timedelta(days=days)
        past = SessionPageFactory(
            parent=made["series"], title=f"Past {days}", start=start, end=start + timedelta(hours=1)
        )
        SessionPresenterFactory(page=past, presenter=presenter)

    first = client.get(presenter.url).content.decode()
    assert "Past 1<" in first and "Past 2<" in first and "Past 3<" not in first
    assert made["sessions"][0].title in first  # the upcoming session is on every page
    assert f'href="{presenter.url}?past=2" rel="next"' in first

    last = client.get(presenter.url + "?past=3").content.decode()
    assert "Past 5<" in last and "Past 1<" not in last
    assert made["sessions"][0].title in last
    assert client.get(presenter.url + "?past=4")["Location"] == presenter.url + "?past=3"
    assert client.get(presenter.url + "?past=1.5").status_code == 404


def test_a_series_past_sessions_are_paged_and_its_upcoming_ones_shown_on_every_page(
    site_root, client, monkeypatch
):
    monkeypatch.setattr("programs.models.series.PAST_SESSIONS_PER_PAGE", 2)
    made = build_series(site_root, sessions=1, past=0)
    series, upcoming = made["series"], made["sessions"][0]
    now = timezone.now()
    for days in range(1, 6):
        start = now - timedelta(days=days)
        SessionPageFactory(parent=series, title=f"Past {days}", start=start, end=start + timedelta(hours=1))

    first = client.get(series.url).content.decode()
    assert "Past 1<" in first and "Past 2<" in first and "Past 3<" not in first
    assert upcoming.title in first
    assert f'href="{series.url}?past=2" rel="next"' in first

    last = client.get(series.url + "?past=3").content.decode()
    assert "Past 5<" in last and "Past 1<" not in last
    assert upcoming.title in last
    assert client.get(series.url + "?past=9")["Location"] == series.url + "?past=3"
    assert client.get(series.url + "?past=two").status_code == 404


def test_an_organizations_sessions_are_paged(site_root, client, monkeypatch):
    monkeypatch.setattr("programs.models.series.SESSIONS_PER_PAGE", 2)
    made = build_series(site_root, sessions=0, past=0)
    host, now = made["host"], timezone.now()
    for days in range(1, 6):
        start = now - timedelta(days=days)
        past = SessionPageFactory(
            parent=made["series"], title=f"Workshop {days}", start=start, end=start + timedelta(hours=1)
        )
        SessionOrganizationFactory(page=past, organization=host)
    url = f"{made['index'].url}organizations/{host.slug}/"

    first = client.get(url).content.decode()
    assert "Workshop 1<" in first and "Workshop 3<" not in first
    assert made["series"].title in first  # the series they host, on every page
    assert f'href="{url}?page=2" rel="next"' in first
    last = client.get(url + "?page=3").content.decode()
    assert "Workshop 5<" in last and "Workshop 1<" not in last
    assert client.get(url + "?page=8")["Location"] == url + "?page=3"
    assert client.get(url + "?page=%00").status_code == 404


def test_an_organizations_series_are_paged_with_their_roles(site_root, client, monkeypatch):
    monkeypatch.setattr("programs.models.series.SERIES_PER_PAGE", 2)
    index = TrainingIndexPageFactory(parent=site_root)
    host = OrganizationFactory()
    for year in range(2021, 2026):
        series = TrainingSeriesPageFactory(parent=index, title=f"Cohort {year}", start_date=date(year, 1, 10))
        role = "partner" if year == 2024 else "host"
        SeriesOrganizationFactory(page=series, organization=host, role=role)
    url = f"{index.url}organizations/{host.slug}/"

    first = client.get(url).content.decode()
    # Newest first, each under the heading of its role; the others on later pages.
    assert "Cohort 2025<" in first.split("Series they partner on")[0]
    assert "Cohort 2024<" in first.split("Series they partner on")[1]
    assert "Cohort 2023<" not in first
    assert f'href="{url}?series=2" rel="next"' in first
    last = client.get(url + "?series=3").content.decode()
    assert "Cohort 2021<" in last and "Cohort 2025<" not in last
    assert client.get(url + "?series=7")["Location"] == url + "?series=3"
    assert client.get(url + "?series=0")["Location"] == url
    assert client.get(url + "?series=two").status_code == 404


def test_an_organization_with_nothing_published_says_so(site_root, client):
    index = TrainingIndexPageFactory(parent=site_root)
    quiet = OrganizationFactory(name="Quiet Coalition")
    response = client.get(f"{index.url}organizations/{quiet.slug}/")
    assert response.status_code == 200
    assert "No published trainings list Quiet Coalition yet." in response.content.decode()
