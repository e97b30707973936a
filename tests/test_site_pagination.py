"""Every list on the site is split into pages the same way (home/pagination.py)."""

import pytest

from tests.factories.programs import PresenterIndexPageFactory, PresenterPageFactory

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
