"""Every page of the home and blog apps is well-formed HTML: tags close in order, ids are unique,
images have alt text, and form fields and landmarks have names."""

import pytest

from programs.models import MissionPartner
from tests.factories.blog import BlogIndexPageFactory, BlogPostAuthorFactory, BlogPostPageFactory
from tests.factories.home import MissionPageFactory, StandardPageFactory, TopicFactory
from tests.factories.programs import OrganizationFactory
from tests.html_check import check

pytestmark = pytest.mark.django_db


def test_home_mission_and_standard_pages_are_well_formed(client, site_root):
    mission = MissionPageFactory(parent=site_root)
    MissionPartner.objects.create(page=mission, organization=OrganizationFactory(), sort_order=0)
    standard = StandardPageFactory(
        parent=site_root,
        body=[
            ("heading", {"text": "Highlights", "level": "h2"}),
            ("paragraph", "<p>Plain <b>words</b>.</p>"),
            ("quote", {"quote": "Worth it.", "attribution": "Participant"}),
            (
                "call_to_action",
                {"heading": "Join", "text": "Now.", "button_label": "Go", "url": "https://e.org/"},
            ),
            ("faq", {"heading": "FAQ", "items": [{"question": "When?", "answer": "<p>Soon.</p>"}]}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": True,
                    "data": [["A", "B"], ["1", "2"]],
                },
            ),
        ],
    )
    for url in ("/", mission.url, standard.url, "/missing-page/"):
        check(client, url)


def test_blog_pages_are_well_formed(client, site_root):
    blog = BlogIndexPageFactory(parent=site_root, posts_per_page=2)
    topic = TopicFactory()
    posts = [BlogPostPageFactory(parent=blog, topics=[topic]) for _ in range(5)]
    BlogPostAuthorFactory(post=posts[2])
    for url in (blog.url, f"{blog.url}?page=2", f"{blog.url}?topic={topic.slug}", posts[2].url, posts[0].url):
        check(client, url)
