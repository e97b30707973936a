"""The demo content: the programs' facts as data, generated pictures, and the site the loader builds."""

import datetime
import io

import pytest
from PIL import Image as PILImage

from home.demo import content, images

ALL_SESSIONS = [session for series in content.SERIES for session in series.sessions]


# --- The data ------------------------------------------------------------------------------------


@pytest.mark.parametrize("session", [s for s in ALL_SESSIONS if s.stated_weekday], ids=lambda s: s.slug)
def test_every_dated_session_falls_on_the_weekday_its_announcement_states(session):
    local = session.start.astimezone(datetime.UTC).astimezone(session.start.tzinfo)
    assert local.strftime("%A") == session.stated_weekday


def test_the_fall_series_has_seven_sessions_in_fall_2022_in_eastern_time():
    sessions = content.TRAINING_SERIES_2.sessions
    assert len(sessions) == 7
    assert [s.start.date() for s in sessions] == [
        datetime.date(2022, 9, 17),
        datetime.date(2022, 9, 20),
        datetime.date(2022, 10, 6),
        datetime.date(2022, 10, 18),
        datetime.date(2022, 11, 1),
        datetime.date(2022, 11, 15),
        datetime.date(2022, 11, 30),
    ]
    for session in sessions:
        assert str(session.start.tzinfo) == "America/New_York"
        assert session.time_is_estimate, "the announcement gave no hours; the guess must be flagged"
        assert session.end > session.start


def test_the_health_series_keeps_month_precision_for_its_past_trainings():
    labels = {s.title: s.date_label for s in content.ORGANIZING_FOR_HEALTH.sessions}
    assert labels == {
        "Intro to Organizing": "April/May 2023",
        "“Tell Me Why” The Power of Story": "May 2023",
        "Power Analysis!": "July 2023",
        "Digital Security": "February 2024",
    }
    assert all(s.month_only for s in content.ORGANIZING_FOR_HEALTH.sessions)


def test_the_retreat_programme_has_five_retreats_two_institutes_costs_and_a_friday_deadline():
    series = content.COMMUNITY_ORGANIZER_TRAINING
    retreats = [s for s in series.sessions if s.address]
    assert len(retreats) == 5
    assert {s.address for s in retreats} == {
        "250 Oak Grove Ave, Menlo Park, CA",
        "2300 Adeline Dr, Burlingame, CA",
    }
    assert all((s.end.date() - s.start.date()).days == 2 for s in series.sessions), "three-day sessions"
    institutes = [s for s in series.sessions if "Parent Leader Institute" in s.title]
    assert len(institutes) == 2
    assert all(s.start.strftime("%A") in ("Friday", "Saturday") for s in institutes), "weekends"
    assert series.deadline == datetime.date(2019, 8, 16)
    assert series.deadline.strftime("%A") == series.deadline_weekday == "Friday"
    assert series.cost_tiers == (
        ("Per participant", 7500),
        ("Team of 2 participants", 10000),
        ("Team of 3 participants", 15000),
    )
    assert series.contact_name == "Corey Timpson"


def test_the_framework_has_four_levels_in_order():
    assert [(level.number, level.name) for level in content.FRAMEWORK_LEVELS] == [
        (1, "Self Exposure"),
        (2, "Team Growth"),
        (3, "Organization Application"),
        (4, "System Transformation"),
    ]
    assert content.LEADERS_FOR_JUST_SCHOOLS.capacity == 25
    assert content.LEADERS_FOR_JUST_SCHOOLS.framework_level == 1


def test_every_reference_points_at_something_that_exists():
    organizations = {org.key for org in content.ORGANIZATIONS}
    presenters = {p.slug for p in content.PRESENTERS}
    testimonials = {t.key for t in content.TESTIMONIALS}
    assert len(organizations) == len(content.ORGANIZATIONS), "organization keys are unique"
    for presenter in content.PRESENTERS:
        assert not presenter.organization or presenter.organization in organizations
    for testimonial in content.TESTIMONIALS:
        assert not testimonial.organization or testimonial.organization in organizations
    for series in content.SERIES:
        assert set(series.hosts) | set(series.partners) <= organizations
        assert set(series.testimonials) <= testimonials
        assert series.image in images.SPECS
        slugs = [s.slug for s in series.sessions]
        assert len(slugs) == len(set(slugs))
        for session in series.sessions:
            assert set(session.partners) <= organizations
            assert {slug for slug, _ in session.presenters} <= presenters
    for post in content.BLOG_POSTS:
        assert set(post.related_series) <= {s.slug for s in content.SERIES}
        assert post.image in images.SPECS


def test_the_sample_series_is_labelled_and_dated_around_the_day_it_is_loaded():
    today = datetime.date(2030, 1, 15)
    series = content.sample_series(today)
    assert series.title.startswith("Sample:") and series.is_sample
    assert "sample content" in series.intro.lower()
    days = [(s.start.date() - today).days for s in series.sessions]
    assert any(d < 0 for d in days) and sum(d > 0 for d in days) >= 3
    assert [s.status for s in series.sessions].count("cancelled") == 1


# --- The pictures --------------------------------------------------------------------------------


def test_every_presenter_and_series_has_a_picture_with_alt_text():
    for presenter in content.PRESENTERS:
        spec = images.SPECS[images.portrait_key(presenter.slug)]
        assert presenter.name in spec.alt
    for spec in images.SPECS.values():
        assert len(spec.alt) > 20
    assert images.initials("Adrienne van der Valk") == "AV"
    assert images.initials("Felicia T. Perez") == "FP"


@pytest.mark.parametrize("key", ["portrait-ana-mercado", "series-training-2-0"])
def test_pictures_are_drawn_offline_at_their_sizes(key):
    spec = images.SPECS[key]
    picture = PILImage.open(io.BytesIO(images.render(spec)))
    assert picture.size == (images.PORTRAIT_SIZE if spec.kind == "portrait" else images.WIDE_SIZE)


def test_a_picture_is_saved_once_and_found_again(db):
    from wagtail.images import get_image_model

    first = images.get_or_create_image("portrait-ana-mercado")
    again = images.get_or_create_image("portrait-ana-mercado")
    assert first.pk == again.pk
    assert get_image_model().objects.filter(title=first.title).count() == 1
    assert first.default_alt_text == images.SPECS["portrait-ana-mercado"].alt
    assert first.width == images.PORTRAIT_SIZE[0]
