"""generate_content writes pages in bulk; the tree, the pages and their rows are as Wagtail makes them."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from programs.models import SessionPage, TrainingSeriesPage
from search.management.commands.generate_content import child_path
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_children_are_numbered_as_treebeard_numbers_them(site_root):
    # Past one digit of the alphabet, so that a change of alphabet or padding shows.
    added = [StandardPageFactory(parent=site_root) for _ in range(12)]
    first = site_root.get_children().count() - len(added) + 1
    assert [page.path for page in added] == [child_path(site_root, first + n) for n in range(12)]


# Transactional: on PostgreSQL the command ends with VACUUM, which runs outside any transaction.
@pytest.mark.django_db(transaction=True)
def test_generated_pages_form_a_sound_tree_that_wagtail_keeps_building(site_root):
    call_command("generate_content", sessions=30, stdout=StringIO())
    assert Page.find_problems() == ([], [], [], [], [])
    series = TrainingSeriesPage.objects.get(numchild=20)
    sessions = SessionPage.objects.child_of(series)
    assert sessions.count() == 20 and all(session.live for session in sessions)
    session = sessions.last().specific
    assert session.series == series and session.summary and session.body
    assert session.url.startswith(series.url)
    # A page an editor adds afterwards takes the next place among the generated ones.
    added = SessionPage(title="Added by hand", slug="added-by-hand", start=session.start)
    series.add_child(instance=added)
    assert added.path == child_path(series, 21)
    assert Page.find_problems() == ([], [], [], [], [])
