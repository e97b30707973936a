"""The read-only API at /api/v2/: only live, public content, and what a partner needs for a listing."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.models import Resource
from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.programs import SessionPageFactory, TrainingIndexPageFactory, TrainingSeriesPageFactory

pytestmark = pytest.mark.django_db


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
    with django_assert_max_num_queries(12):
        assert client.get("/api/v2/pages/", {"type": "blog.BlogPostPage", "limit": 20}).status_code == 200
