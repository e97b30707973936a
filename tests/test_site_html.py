"""Every page of the home and blog apps is well-formed HTML: tags close in order, ids are unique,
images have alt text, and form fields and landmarks have names."""

from html.parser import HTMLParser

import pytest

from home.models import MissionPartner
from tests.factories.blog import BlogIndexPageFactory, BlogPostAuthorFactory, BlogPostPageFactory
from tests.factories.home import MissionPageFactory, StandardPageFactory, TopicFactory
from tests.factories.programs import OrganizationFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids = [], [], set()
        self.doctype = False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']}")
            self.ids.add(attrs["id"])
        if tag == "img" and "alt" not in attrs:
            self.problems.append(f"img without alt: {attrs.get('src')}")
        if tag == "a" and not attrs.get("href"):
            self.problems.append("link without href")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"end tag for void element {tag}")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    checker = Checker()
    checker.feed(response.content.decode())
    checker.close()
    assert checker.doctype, url
    assert checker.problems == [], url
    assert checker.stack == [], f"{url} leaves {checker.stack} open"


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
