"""The blog index: newest first, paginated, filtered by topic, and calm about bad addresses."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.blog import BlogIndexPageFactory, BlogPostPageFactory
from tests.factories.home import TopicFactory

pytestmark = pytest.mark.django_db

# The most queries the blog index may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
BLOG_INDEX_QUERIES = 20


@pytest.fixture
def blog(site_root):
    return BlogIndexPageFactory(parent=site_root, posts_per_page=5)


def titles(response):
    return [post.title for post in response.context["posts"]]


def test_posts_are_listed_newest_first_five_a_page(client, blog):
    posts = [BlogPostPageFactory(parent=blog) for _ in range(12)]
    newest_first = [post.title for post in reversed(posts)]

    first = client.get("/blog/")
    assert first.status_code == 200
    assert titles(first) == newest_first[:5]
    assert 'rel="next"' in first.content.decode()

    third = client.get("/blog/?page=3")
    assert titles(third) == newest_first[10:]
    assert 'aria-current="page"' in third.content.decode()


def test_the_index_shows_where_it_is_like_every_other_page(client, blog):
    html = client.get(blog.url).content.decode()
    assert (
        '<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
        f'<li><span aria-current="page">{blog.title}</span></li></ol></nav>'
    ) in html


@pytest.mark.parametrize(("asked", "nearest"), [("99", "/blog/?page=3"), ("0", "/blog/"), ("-4", "/blog/")])
def test_a_page_number_out_of_range_sends_to_the_nearest_page(client, blog, asked, nearest):
    for _ in range(12):
        BlogPostPageFactory(parent=blog)
    response = client.get(f"/blog/?page={asked}")
    assert response.status_code == 302
    assert response["Location"] == nearest


@pytest.mark.parametrize("asked", ["two", "1.5", "", "%00", "9" * 400])
def test_a_page_number_that_is_not_a_number_is_not_found_never_an_error(client, blog, asked):
    BlogPostPageFactory(parent=blog)
    response = client.get("/blog/", {"page": asked})
    assert response.status_code in (200, 302, 404)
    if asked in ("two", "1.5", "%00"):
        assert response.status_code == 404


def test_topic_filter_shows_only_that_topics_posts_and_keeps_it_across_pages(client, blog):
    health = TopicFactory(name="Public health", slug="public-health")
    schools = TopicFactory(name="School boards", slug="school-boards")
    health_posts = [BlogPostPageFactory(parent=blog, topics=[health]) for _ in range(7)]
    BlogPostPageFactory(parent=blog, topics=[schools], title="Board meeting recap")

    response = client.get("/blog/?topic=public-health")
    assert response.status_code == 200
    assert titles(response) == [post.title for post in reversed(health_posts)][:5]
    html = response.content.decode()
    assert "Board meeting recap" not in html
    assert "Showing 7 posts about" in html
    assert "/blog/?topic=public-health&amp;page=2" in html

    # Past the end of the filtered list: the nearest page of the same filter.
    assert client.get("/blog/?topic=public-health&page=8")["Location"] == "/blog/?topic=public-health&page=2"


def test_filter_links_list_only_topics_that_have_posts(client, blog):
    used = TopicFactory(name="Curriculum", slug="curriculum")
    TopicFactory(name="Unused topic", slug="unused")
    BlogPostPageFactory(parent=blog, topics=[used])
    html = client.get("/blog/").content.decode()
    assert "?topic=curriculum" in html
    assert "?topic=unused" not in html


@pytest.mark.parametrize("topic", ["no-such-topic", "\x00", "a b", "<script>", "é" * 300])
def test_an_unknown_topic_is_not_found(client, blog, topic):
    BlogPostPageFactory(parent=blog)
    assert client.get("/blog/", {"topic": topic}).status_code == 404


def test_a_known_topic_without_posts_explains_itself(client, blog):
    TopicFactory(name="Budgets", slug="budgets")
    BlogPostPageFactory(parent=blog)
    response = client.get("/blog/?topic=budgets")
    assert response.status_code == 200
    assert "No posts about Budgets yet" in response.content.decode()


def test_an_empty_blog_says_so(client, blog):
    response = client.get("/blog/")
    assert response.status_code == 200
    assert "No posts yet" in response.content.decode()
    assert client.get("/blog/?page=2")["Location"] == "/blog/"


def test_drafts_and_private_posts_are_not_listed(client, blog):
    BlogPostPageFactory(parent=blog, title="Published post")
    draft = BlogPostPageFactory(parent=blog, title="Draft post")
    draft.unpublish()
    private = BlogPostPageFactory(parent=blog, title="Members-only post")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    html = client.get("/blog/").content.decode()
    assert "Published post" in html
    assert "Draft post" not in html
    assert "Members-only post" not in html


@pytest.mark.parametrize("count", [3, 60])
def test_index_query_count_does_not_grow_with_posts(client, blog, count, django_assert_max_num_queries):
    topics = [TopicFactory() for _ in range(3)]
    for number in range(count):
        BlogPostPageFactory(parent=blog, topics=[topics[number % 3]])
    client.get("/blog/")  # warm the site and settings caches, like any running server
    with django_assert_max_num_queries(BLOG_INDEX_QUERIES):
        response = client.get("/blog/?page=1")
    assert response.status_code == 200
