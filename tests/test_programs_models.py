"""Program page types: creating them in the admin, where they may live, dates, status and registration."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from programs.models import (
    FrameworkLevelPage,
    FrameworkPage,
    PresenterIndexPage,
    PresenterPage,
    SessionPage,
    TrainingIndexPage,
    TrainingSeriesPage,
    prepare_session_cards,
    upcoming_sessions,
)
from tests.factories.programs import (
    FrameworkLevelPageFactory,
    FrameworkPageFactory,
    PresenterIndexPageFactory,
    PresenterPageFactory,
    SessionPageFactory,
    TrainingIndexPageFactory,
    TrainingSeriesPageFactory,
    build_series,
)

NEW_YORK = ZoneInfo("America/New_York")


class TestCreatingInTheAdmin(WagtailPageTestCase):
    @pytest.fixture(autouse=True)
    def tree(self, site_root):
        self.home = site_root

    def setUp(self):
        self.login()

    def test_training_index_series_and_session(self):
        self.assertCanCreate(
            self.home, TrainingIndexPage, nested_form_data({"title": "Trainings", "intro": "All"})
        )
        index = TrainingIndexPage.objects.get()
        series_data = {
            "title": "Organizing for Health",
            "summary": "A bi-monthly series on organizing skills for the health sector.",
            "body": streamfield([]),
            "participation": streamfield([]),
            "format": "virtual",
            "time_zone": "America/Los_Angeles",
            "registration_method": "external",
            "series_testimonials": inline_formset([]),
            "series_organizations": inline_formset([]),
            "cost_tiers": inline_formset([{"label": "Per participant", "amount": "0", "note": ""}]),
        }
        self.assertCanCreate(index, TrainingSeriesPage, nested_form_data(series_data))
        series = TrainingSeriesPage.objects.get()
        assert series.cost_tiers.get().is_free
        session_data = {
            "title": "Digital Security",
            "summary": "Why security culture matters.",
            "body": streamfield([]),
            "resource_links": streamfield([]),
            "start": "2027-02-10 13:00",
            "end": "2027-02-10 15:00",
            "time_zone": "America/Los_Angeles",
            "date_precision": "exact",
            "status": "scheduled",
            "format": "virtual",
            "registration_method": "external",
            "registration_url": "https://register.example.org/security",
            "session_presenters": inline_formset([]),
            "session_organizations": inline_formset([]),
            "session_documents": inline_formset([]),
        }
        self.assertCanCreate(series, SessionPage, nested_form_data(session_data))
        session = SessionPage.objects.get()
        # Typed as the local time of the session's own time zone, not the editor's.
        assert session.start == datetime(2027, 2, 10, 21, 0, tzinfo=UTC)
        assert session.time_display == "1:00 p.m.–3:00 p.m. PST"
        edit = self.client.get(f"/admin/pages/{session.pk}/edit/")
        assert 'value="2027-02-10 13:00"' in edit.content.decode()

    def test_session_cannot_end_before_it_starts(self):
        series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=self.home))
        data = nested_form_data(
            {
                "title": "Backwards",
                "body": streamfield([]),
                "resource_links": streamfield([]),
                "start": "2027-02-10 13:00",
                "end": "2027-02-10 11:00",
                "time_zone": "America/New_York",
                "date_precision": "exact",
                "status": "scheduled",
                "format": "virtual",
                "registration_method": "none",
                "session_presenters": inline_formset([]),
                "session_organizations": inline_formset([]),
                "session_documents": inline_formset([]),
                "slug": "backwards",
            }
        )
        response = self.client.post(f"/admin/pages/add/programs/sessionpage/{series.pk}/", data)
        assert response.status_code == 200
        assert "cannot end before it starts" in response.content.decode()
        assert not SessionPage.objects.exists()

    def test_presenters_and_framework(self):
        self.assertCanCreate(self.home, PresenterIndexPage, nested_form_data({"title": "Presenters"}))
        people = PresenterIndexPage.objects.get()
        self.assertCanCreate(
            people,
            PresenterPage,
            nested_form_data(
                {
                    "title": "Jack Aponte",
                    "pronouns": "they/them",
                    "bio": rich_text("<p>Trainer.</p>"),
                    "links": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.home, FrameworkPage, nested_form_data({"title": "Framework", "body": streamfield([])})
        )
        framework = FrameworkPage.objects.get()
        self.assertCanCreate(
            framework,
            FrameworkLevelPage,
            nested_form_data(
                {
                    "title": "Level 1: Self Exposure",
                    "number": 1,
                    "support": rich_text(""),
                    "body": streamfield([]),
                }
            ),
        )

    def test_only_valid_children_are_offered(self):
        self.assertAllowedParentPageTypes(TrainingIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(TrainingSeriesPage, {TrainingIndexPage})
        self.assertAllowedParentPageTypes(SessionPage, {TrainingSeriesPage})
        self.assertAllowedParentPageTypes(PresenterPage, {PresenterIndexPage})
        self.assertAllowedParentPageTypes(FrameworkLevelPage, {FrameworkPage})
        self.assertAllowedSubpageTypes(TrainingIndexPage, {TrainingSeriesPage})
        self.assertAllowedSubpageTypes(TrainingSeriesPage, {SessionPage})
        self.assertAllowedSubpageTypes(SessionPage, set())
        self.assertAllowedSubpageTypes(PresenterIndexPage, {PresenterPage})
        self.assertAllowedSubpageTypes(FrameworkPage, {FrameworkLevelPage})
        self.assertCanNotCreateAt(HomePage, SessionPage)
        self.assertCanNotCreateAt(Page, TrainingSeriesPage)


@pytest.mark.django_db
def test_new_sessions_default_to_the_site_time_zone_and_a_format_not_stated():
    session = SessionPage(title="x")
    assert session.time_zone == "America/New_York"
    assert session.format == ""
    assert session.get_format_display() == "Not stated"
    assert TrainingSeriesPage(title="x").format == ""
    assert session.status == "scheduled"
    assert session.registration_method == "external"


@pytest.mark.django_db
def test_a_session_is_upcoming_until_it_ends(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    now = timezone.now()
    running = SessionPageFactory(
        parent=series, start=now - timedelta(hours=1), end=now + timedelta(minutes=1)
    )
    ended = SessionPageFactory(parent=series, start=now - timedelta(hours=2), end=now - timedelta(minutes=1))
    assert list(SessionPage.objects.upcoming()) == [running]
    assert list(SessionPage.objects.past()) == [ended]
    # Exactly at the end it still counts as upcoming; a second later it is past.
    assert list(SessionPage.objects.upcoming(now=running.end)) == [running]
    assert running in SessionPage.objects.past(now=running.end + timedelta(seconds=1))
    assert [s.pk for s in series.upcoming_sessions()] == [running.pk]
    assert [s.pk for s in series.past_sessions()] == [ended.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("sessions", [3, 15])
def test_upcoming_sessions_across_series_within_a_query_budget(
    site_root, sessions, django_assert_max_num_queries
):
    build_series(site_root, sessions=sessions)
    build_series(site_root, sessions=sessions, past=2)
    # At most six whatever the number of sessions; one of them loads the hosts of every series.
    with django_assert_max_num_queries(6):
        cards = [
            (s.series.title, s.presenter_names, s.partner_organizations(), s.level, s.host_names)
            for s in upcoming_sessions()
        ]
    assert len(cards) == 2 * sessions
    assert all(len(card[4]) == 1 for card in cards)
    with django_assert_max_num_queries(6):
        assert len(list(upcoming_sessions(limit=4))) == 4


@pytest.mark.django_db
def test_times_show_in_the_session_zone_across_daylight_saving(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    before = SessionPageFactory(
        parent=series,
        start=datetime(2026, 10, 27, 19, 0, tzinfo=NEW_YORK),
        end=datetime(2026, 10, 27, 21, 0, tzinfo=NEW_YORK),
    )
    after = SessionPageFactory(
        parent=series,
        start=datetime(2026, 11, 3, 19, 0, tzinfo=NEW_YORK),
        end=datetime(2026, 11, 3, 21, 0, tzinfo=NEW_YORK),
    )
    before.refresh_from_db()
    after.refresh_from_db()
    # Same wall-clock time, different UTC offsets: 23:00 UTC in daylight time, 00:00 UTC in standard time.
    assert before.start.astimezone(UTC).hour == 23
    assert after.start.astimezone(UTC).hour == 0
    assert before.date_display == "Tuesday, October 27, 2026"
    assert before.time_display == "7:00 p.m.–9:00 p.m. EDT"
    assert after.date_display == "Tuesday, November 3, 2026"
    assert after.time_display == "7:00 p.m.–9:00 p.m. EST"


@pytest.mark.django_db
def test_month_only_dates_and_labels(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    may = SessionPageFactory(
        parent=series, start=datetime(2023, 5, 1, tzinfo=NEW_YORK), end=None, date_precision="month"
    )
    assert may.end.astimezone(NEW_YORK).date() == datetime(2023, 5, 31).date()
    assert may.date_display == "May 2023"
    assert may.time_display == ""
    spanning = SessionPageFactory(
        parent=series,
        start=datetime(2023, 4, 1, tzinfo=NEW_YORK),
        end=datetime(2023, 5, 31, 23, 59, tzinfo=NEW_YORK),
        date_precision="month",
    )
    assert spanning.date_display == "April–May 2023"
    spanning.date_label = "April/May 2023"
    assert spanning.date_display == "April/May 2023"
    retreat = SessionPageFactory(
        parent=series,
        start=datetime(2019, 9, 9, 9, tzinfo=NEW_YORK),
        end=datetime(2019, 9, 11, 16, tzinfo=NEW_YORK),
    )
    assert retreat.date_display == "September 9–11, 2019"


@pytest.mark.django_db
def test_end_defaults_to_two_hours_after_the_start(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    start = timezone.now() + timedelta(days=3)
    session = SessionPageFactory(parent=series, start=start, end=None)
    assert session.end == start + timedelta(hours=2)


@pytest.mark.django_db
def test_registration_is_open_only_for_scheduled_sessions_before_start_and_deadline(site_root):
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root))
    session = SessionPageFactory(parent=series)
    assert session.registration_open
    session.registration_deadline = timezone.now() - timedelta(minutes=1)
    assert not session.registration_open
    session.registration_deadline = timezone.now() + timedelta(days=1)
    assert session.registration_open
    for status in ["cancelled", "postponed", "full"]:
        session.status = status
        assert not session.registration_open
    session.status = "scheduled"
    session.registration_method = "none"
    assert not session.registration_open
    session.registration_method = "external"
    session.start = timezone.now() - timedelta(minutes=5)
    assert not session.registration_open


@pytest.mark.django_db
def test_session_level_comes_from_its_series_unless_set(site_root):
    framework = FrameworkPageFactory(parent=site_root)
    one = FrameworkLevelPageFactory(parent=framework, number=1)
    two = FrameworkLevelPageFactory(parent=framework, number=2)
    series = TrainingSeriesPageFactory(parent=TrainingIndexPageFactory(parent=site_root), framework_level=one)
    session = SessionPageFactory(parent=series)
    assert SessionPage.objects.get(pk=session.pk).level == one
    session.framework_level = two
    assert session.level == two


@pytest.mark.django_db
def test_presenter_index_lists_only_live_presenters(site_root):
    people = PresenterIndexPageFactory(parent=site_root)
    shown = PresenterPageFactory(parent=people, title="Ana Mercado")
    hidden = PresenterPageFactory(parent=people, title="Draft Person")
    hidden.unpublish()
    assert list(people.presenters()) == [shown]


@pytest.mark.django_db
def test_search_results_can_be_readied_for_cards_in_a_fixed_number_of_queries(
    site_root, django_assert_max_num_queries
):
    build_series(site_root, sessions=4)
    found = list(SessionPage.objects.all())
    with django_assert_max_num_queries(4):
        cards = prepare_session_cards(found)
        shown = [(s.series.title, s.presenter_names, s.partner_organizations(), s.level) for s in cards]
    assert len(shown) == 4
