"""The read-only API at /api/v2/: only live, public content, and what a partner needs for a listing."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import Resource
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db

# The most queries a page listing of the API may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
API_LISTING_QUERIES = 12


def titles(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return {item["title"] for item in response.json()["items"]}


def test_pages_endpoint_lists_only_live_public_pages(client, site_root):
    blog = BlogIndexPageFactory(parent=site_root)
    BlogPostPageFactory(parent=blog, title="Published post")
    draft = BlogPostPageFactory(parent=blog, title="Draft post")
    draft.unpublish()
    private = BlogPostPageFactory(parent=blog, title="Password post")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    members = BlogIndexPageFactory(parent=site_root, title="Members", slug="members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    BlogPostPageFactory(parent=members, title="Under a private section")

    found = titles(client, "/api/v2/pages/", limit=50)
    assert "Published post" in found
    assert not found & {"Draft post", "Password post", "Members", "Under a private section"}

    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_a_partner_can_list_upcoming_sessions_with_their_details(client, site_root):
    trainings = TrainingIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=trainings, title="Training Series 2.0")
    SessionPageFactory(parent=series, title="Youth organizing")
    response = client.get(
        "/api/v2/pages/",
        {"type": "programs.SessionPage", "fields": "start,end,date_display,registration_url,series_title"},
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["title"] == "Youth organizing"
    assert item["series_title"] == "Training Series 2.0"
    assert item["registration_url"].startswith("https://")
    assert "/trainings/" in item["meta"]["html_url"]


def test_blog_posts_expose_their_date_intro_authors_and_topics(client, site_root):
    blog = BlogIndexPageFactory(parent=site_root)
    post = BlogPostPageFactory(parent=blog, title="Recap")
    detail = client.get(f"/api/v2/pages/{post.pk}/").json()
    assert detail["date"] == post.date.isoformat()
    assert detail["intro"] == post.intro
    assert detail["author_names"] == ""
    assert detail["topic_names"] == []


def test_documents_in_private_collections_are_left_out(client, site_root):
    Resource.objects.create(title="Public handout", file=ContentFile(b"a", name="public.pdf"))
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    Resource.objects.create(
        title="Staff handbook", file=ContentFile(b"b", name="staff.pdf"), collection=staff_only
    )
    assert titles(client, "/api/v2/documents/") == {"Public handout"}


def test_images_endpoint_answers(client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    Image.objects.create(title="Retreat photo", file=get_test_image_file())
    assert titles(client, "/api/v2/images/") == {"Retreat photo"}


def test_the_api_is_read_only(client, site_root):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert client.delete(f"/api/v2/pages/{site_root.pk}/").status_code == 405


@pytest.mark.parametrize(
    "params",
    [
        {"type": "nope.Nothing"},
        {"limit": "lots"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"order": "no_such_field"},
        {"child_of": "home"},
        {"fields": "no_such_field"},
        {"search": "\x00"},
        {"slug": "\x00"},
    ],
)
def test_bad_api_input_is_a_clear_400_not_an_error(client, site_root, params):
    assert client.get("/api/v2/pages/", params).status_code == 400


def test_finding_a_page_by_a_broken_path_is_a_clear_answer(client, site_root):
    assert client.get("/api/v2/pages/find/", {"html_path": "/x\x00/"}).status_code == 400
    assert client.get("/api/v2/pages/find/", {"html_path": "/no-such-page/"}).status_code == 404
    found = client.get("/api/v2/pages/find/", {"html_path": "/"})
    assert found.status_code == 302 and f"/api/v2/pages/{site_root.pk}/" in found["Location"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_endpoints_refuse_unusable_search_text(client, endpoint):
    assert client.get(f"/api/v2/{endpoint}/", {"search": "a\x00b"}).status_code == 400


@pytest.mark.parametrize("count", [3, 60])
def test_pages_listing_query_count_is_bounded(client, site_root, count, django_assert_max_num_queries):
    blog = BlogIndexPageFactory(parent=site_root)
    for _ in range(count):
        BlogPostPageFactory(parent=blog)
    with django_assert_max_num_queries(API_LISTING_QUERIES):
        assert client.get("/api/v2/pages/", {"type": "blog.BlogPostPage", "limit": 20}).status_code == 200


SEARCH_CAP = "search is limited to 30 words and 200 characters"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"search": "organizing", "search_operator": "xor"}, "search_operator must be 'and' or 'or'"),
        ({"search": " ".join(["organizing"] * 31)}, SEARCH_CAP),
        ({"search": "o" * 201}, SEARCH_CAP),
        ({"search": "   "}, "search needs at least one word"),
        ({"search": 'kite "series'}, "double quote"),
        ({"offset": "99999999999999999999"}, "offset must be a whole number from 0 to 1000000"),
        ({"offset": "-1"}, "offset must be a whole number from 0 to 1000000"),
        ({"limit": "²"}, "limit must be a whole number from 0 to 50"),
        (
            {"type": "programs.SessionPage", "start": "notadate"},
            "start: “notadate” value has an invalid format",
        ),
        ({"type": "programs.SessionPage", "registration_deadline": "2024-02-30"}, "registration_deadline: "),
        ({"type": "programs.SessionPage", "status": "maybe"}, "status must be one of: scheduled, cancelled"),
        ({"type": "programs.SessionPage", "date_precision": "week"}, "date_precision must be one of"),
        ({"type": "programs.TrainingSeriesPage", "start_date": "2024-13-01"}, "start_date: "),
        ({"type": "programs.TrainingSeriesPage", "capacity": "-1"}, "capacity must be a whole number from 0"),
        ({"type": "home.MissionPage", "founding_year": "1e3"}, "founding_year must be a whole number"),
        ({"type": "blog.BlogPostPage", "date": "yesterday"}, "date: "),
        ({"type": "blog.BlogPostPage", "feed_image": "9" * 20}, "feed_image must be a whole number"),
        ({"type": "blog.BlogPostPage", "body": "x"}, "cannot filter by 'body'"),
        ({"type": "blog.BlogPostPage", "order": "-body"}, "cannot order by 'body'"),
        ({"first_published_at": "2024-01-01T25:61"}, "first_published_at: "),
        ({"alias_of": "9" * 20}, "alias_of must be a whole number from -2147483648 to 2147483647"),
        ({"fields": "title(a(b(c(d(e(f))))))"}, "fields can nest at most 5 levels deep"),
        ({"format": "xml"}, "format must be one of: json, api"),
    ],
)
def test_bad_input_is_a_400_that_says_what_is_wrong(client, site_root, params, says):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert says in response.json()["message"]


@pytest.mark.parametrize(
    ("endpoint", "params", "says"),
    [
        ("images", {"tags": ",".join(f"t{n}" for n in range(11))}, "tags: at most 10 tags"),
        ("images", {"order": "tags"}, "cannot order by 'tags'"),
        ("images", {"width": "9" * 20}, "width must be a whole number"),
        ("documents", {"search": " ".join(f"w{n}" for n in range(160))}, SEARCH_CAP),
        ("documents", {"search": '"'}, "double quote"),
        ("documents", {"tags": ",".join(["handout"] * 11)}, "tags: at most 10 tags"),
    ],
)
def test_media_endpoints_answer_bad_input_with_a_400(client, endpoint, params, says):
    response = client.get(f"/api/v2/{endpoint}/", params)
    assert response.status_code == 400
    assert says in response.json()["message"]


def test_well_formed_filters_and_searches_still_find_what_they_name(client, site_root):
    trainings = TrainingIndexPageFactory(parent=site_root)
    series = TrainingSeriesPageFactory(parent=trainings, title="Kite school", capacity=30)
    kept = SessionPageFactory(parent=series, title="Kite flying", status="cancelled")
    SessionPageFactory(parent=series, title="Kite repair")
    blog = BlogIndexPageFactory(parent=site_root)
    BlogPostPageFactory(parent=blog, title="Kite recap", date=datetime.date(2025, 2, 3))

    sessions = {"type": "programs.SessionPage"}
    assert titles(client, "/api/v2/pages/", **sessions, status="cancelled") == {"Kite flying"}
    assert titles(client, "/api/v2/pages/", **sessions, start=kept.start.isoformat()) == {"Kite flying"}
    assert titles(client, "/api/v2/pages/", type="programs.TrainingSeriesPage", capacity="30") == {
        "Kite school"
    }
    assert titles(client, "/api/v2/pages/", type="blog.BlogPostPage", date="2025-02-03") == {"Kite recap"}
    thirty_words = " ".join(["kite"] * 30)
    assert titles(client, "/api/v2/pages/", search=thirty_words, search_operator="and", limit=50) >= {
        "Kite flying",
        "Kite repair",
    }
    assert titles(client, "/api/v2/pages/", offset="1000000") == set()


def test_ids_no_column_holds_are_a_400_and_missing_ones_a_404(client, site_root):
    response = client.get("/api/v2/pages/99999999999999999999/")
    assert response.status_code == 400
    assert response.json()["message"] == "id must be a whole number from 1 to 2147483647"
    assert client.get("/api/v2/images/99999999999999999999/").status_code == 400
    assert client.get("/api/v2/documents/99999999999999999999/").status_code == 400
    assert client.get("/api/v2/pages/2147483647/").status_code == 404

    assert client.get("/api/v2/pages/find/", {"id": "abc"}).json()["message"].startswith("id must be")
    assert client.get("/api/v2/documents/find/", {"id": "9" * 20}).status_code == 400
    found = client.get("/api/v2/pages/find/", {"id": site_root.pk})
    assert found.status_code == 302 and f"/api/v2/pages/{site_root.pk}/" in found["Location"]


def test_search_applies_to_listings_only(client, site_root):
    response = client.get(f"/api/v2/pages/{site_root.pk}/", {"search": "home"})
    assert response.status_code == 400
    assert response.json()["message"] == "search applies to listings, not to a single item"


def test_a_value_no_check_foresaw_is_still_a_400(client, site_root, monkeypatch):
    """Behind the checks, a value the database layer cannot use is answered as the client's mistake."""
    monkeypatch.setattr("home.api_input.check_field_filters", lambda *args: None)
    response = client.get("/api/v2/pages/", {"type": "programs.SessionPage", "start": "notadate"})
    assert response.status_code == 400
    assert response.json()["message"] == "a parameter holds a value that cannot be used"
