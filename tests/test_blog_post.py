"""A blog post: its date, authors, topics, previous and next posts, and its query count."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.blog import BlogIndexPageFactory, BlogPostAuthorFactory, BlogPostPageFactory
from tests.factories.home import TopicFactory

pytestmark = pytest.mark.django_db

# The most queries a blog post may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
BLOG_POST_QUERIES = 10


@pytest.fixture
def blog(site_root):
    return BlogIndexPageFactory(parent=site_root)


def test_post_shows_date_authors_intro_and_topic_links(client, blog):
    topic = TopicFactory(name="Parent leadership", slug="parent-leadership")
    post = BlogPostPageFactory(
        parent=blog, title="Notes from the retreat", date=datetime.date(2025, 9, 12), topics=[topic]
    )
    BlogPostAuthorFactory(post=post, name="Rosa Díaz", role="Parent leader", sort_order=0)
    BlogPostAuthorFactory(post=post, name="Sam Lee", sort_order=1)

    html = client.get(post.url).content.decode()
    assert "<h1>Notes from the retreat</h1>" in html
    assert '<time datetime="2025-09-12">September 12, 2025</time>' in html
    assert "By Rosa Díaz (Parent leader), Sam Lee" in html
    assert 'href="/blog/?topic=parent-leadership"' in html
    assert 'type="application/rss+xml"' in html


def test_previous_and_next_follow_the_dates_and_skip_drafts_and_private_posts(client, blog):
    oldest = BlogPostPageFactory(parent=blog, title="Oldest", date=datetime.date(2025, 1, 1))
    draft = BlogPostPageFactory(parent=blog, title="Unfinished draft", date=datetime.date(2025, 2, 1))
    draft.unpublish()
    middle = BlogPostPageFactory(parent=blog, title="Middle", date=datetime.date(2025, 3, 1))
    private = BlogPostPageFactory(parent=blog, title="Private", date=datetime.date(2025, 4, 1))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    newest = BlogPostPageFactory(parent=blog, title="Newest", date=datetime.date(2025, 5, 1))

    context = client.get(middle.url).context
    assert context["previous_post"].pk == oldest.pk
    assert context["next_post"].pk == newest.pk

    first = client.get(oldest.url).context
    assert first["previous_post"] is None
    assert first["next_post"].pk == middle.pk
    html = client.get(newest.url).content.decode()
    assert "Older post" in html and "Newer post" not in html


def test_posts_on_the_same_day_still_have_a_stable_order(client, blog):
    day = datetime.date(2025, 6, 1)
    first, second, third = (BlogPostPageFactory(parent=blog, date=day) for _ in range(3))
    context = client.get(second.url).context
    assert context["previous_post"].pk == first.pk
    assert context["next_post"].pk == third.pk


def test_a_missing_post_is_a_friendly_404(client, blog):
    response = client.get("/blog/no-such-post/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.parametrize("count", [3, 60])
def test_post_query_count_does_not_grow_with_topics_authors_or_siblings(
    client, blog, count, django_assert_max_num_queries
):
    topics = [TopicFactory() for _ in range(min(count, 20))]
    for _ in range(count):
        BlogPostPageFactory(parent=blog)
    post = BlogPostPageFactory(parent=blog, topics=topics)
    for number in range(count):
        BlogPostAuthorFactory(post=post, sort_order=number)
    client.get(post.url)
    with django_assert_max_num_queries(BLOG_POST_QUERIES):
        assert client.get(post.url).status_code == 200


def test_related_series_are_offered_in_the_editors_order_without_drafts(client, blog, site_root):
    from blog.models import BlogPostRelatedSeries
    from tests.factories.programs import TrainingIndexPageFactory, TrainingSeriesPageFactory

    trainings = TrainingIndexPageFactory(parent=site_root)
    health = TrainingSeriesPageFactory(parent=trainings, title="Organizing for Health")
    schools = TrainingSeriesPageFactory(parent=trainings, title="Leaders for Just Schools")
    draft = TrainingSeriesPageFactory(parent=trainings, title="Not yet announced")
    draft.unpublish()
    post = BlogPostPageFactory(parent=blog)
    for order, series in enumerate([schools, draft, health]):
        BlogPostRelatedSeries.objects.create(post=post, series=series, sort_order=order)

    response = client.get(post.url)
    assert [series.title for series in response.context["related_series"]] == [
        "Leaders for Just Schools",
        "Organizing for Health",
    ]
    html = response.content.decode()
    assert "Related trainings" in html
    assert "Not yet announced" not in html
