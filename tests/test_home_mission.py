"""The mission page and the standard content page as visitors read them."""

import pytest

from programs.models import MissionPartner
from tests.factories.home import MissionPageFactory, StandardPageFactory
from tests.factories.programs import OrganizationFactory

pytestmark = pytest.mark.django_db

# The most queries the mission page may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
MISSION_QUERIES = 10

# The most queries a standard page may make, whatever the amount of content (also checked on the
# demo site at two sizes, tests/test_demo_content.py).
STANDARD_PAGE_QUERIES = 10


def test_mission_page_shows_statement_work_beliefs_and_beginnings(client, site_root):
    mission = MissionPageFactory(parent=site_root)
    for order, name in enumerate(["Race Forward", "NYU Metro Center", "Schott Foundation"]):
        organization = OrganizationFactory(name=name, website=f"https://{order}.example.org/")
        MissionPartner.objects.create(page=mission, organization=organization, sort_order=order)

    html = client.get("/mission/").content.decode()
    assert "<h1>Our Mission</h1>" in html
    assert mission.statement in html
    assert '<h2 id="what-we-do">What we do</h2>' in html
    assert '<h2 id="what-we-believe">What we believe</h2>' in html
    assert "<strong>2022</strong>" in html
    assert html.index("Race Forward") < html.index("NYU Metro Center") < html.index("Schott Foundation")
    assert 'href="https://0.example.org/">Race Forward</a>' in html


def test_mission_page_without_optional_parts_has_no_empty_headings(client, site_root):
    MissionPageFactory(
        parent=site_root, what_we_do="", what_we_believe="", founding_year=None, founding_story="", intro=""
    )
    html = client.get("/mission/").content.decode()
    assert "What we do" not in html and "How we began" not in html


def test_mission_and_standard_pages_show_where_they_are_like_every_other_page(client, site_root):
    MissionPageFactory(parent=site_root)
    about = StandardPageFactory(parent=site_root, title="About us", slug="about")
    crumb = '<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
    mission_html = client.get("/mission/").content.decode()
    assert crumb + '<li><span aria-current="page">Our Mission</span></li></ol></nav>' in mission_html
    assert "Our mission</span>" not in mission_html, "the heading is not announced twice"
    about_html = client.get(about.url).content.decode()
    assert crumb + '<li><span aria-current="page">About us</span></li></ol></nav>' in about_html


def test_a_page_under_another_page_shows_the_whole_trail(client, site_root, django_assert_max_num_queries):
    mission = MissionPageFactory(parent=site_root)
    team = StandardPageFactory(parent=mission, title="Our team", slug="team")
    board = StandardPageFactory(parent=team, title="Board", slug="board")
    client.get(board.url)
    # Wagtail routes with one query per level of the tree; the trail itself adds one query.
    with django_assert_max_num_queries(17):
        html = client.get(board.url).content.decode()
    trail = html[html.index('<nav class="breadcrumb"') :]
    trail = trail[: trail.index("</nav>")]
    assert [part.split(">")[-1] for part in trail.split("</a>")[:-1]] == ["Home", "Our Mission", "Our team"]
    assert f'href="{mission.url}"' in trail and f'href="{team.url}"' in trail
    assert '<span aria-current="page">Board</span>' in trail


@pytest.mark.parametrize("count", [3, 60])
def test_mission_query_count_does_not_grow_with_partners(
    client, site_root, count, django_assert_max_num_queries
):
    mission = MissionPageFactory(parent=site_root)
    for order in range(count):
        MissionPartner.objects.create(page=mission, organization=OrganizationFactory(), sort_order=order)
    client.get("/mission/")
    with django_assert_max_num_queries(MISSION_QUERIES):
        assert client.get("/mission/").status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_standard_page_query_count_does_not_grow_with_siblings(
    client, site_root, count, django_assert_max_num_queries
):
    pages = [StandardPageFactory(parent=site_root, show_in_menus=True) for _ in range(count)]
    client.get(pages[0].url)
    with django_assert_max_num_queries(STANDARD_PAGE_QUERIES):
        response = client.get(pages[0].url)
    assert response.status_code == 200
    assert pages[0].intro in response.content.decode()
