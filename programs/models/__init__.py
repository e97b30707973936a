"""Training programs: series, sessions, presenters, organizations and the framework."""

from .choices import (
    AccessNeed,
    BrandColour,
    DatePrecision,
    Format,
    OrganizationRole,
    RegistrantRole,
    RegistrationMethod,
    RegistrationStatus,
    Status,
)
from .chosen import ChosenSeries, HomePageFeaturedSeries
from .framework import FrameworkLevelPage, FrameworkPage
from .organizations import MissionPartner, Organization, Testimonial
from .people import PresenterIndexPage, PresenterPage
from .querysets import (
    attach_next_sessions,
    attach_series,
    chosen_series,
    prepare_session_cards,
    upcoming_sessions,
)
from .registrations import Registration
from .series import (
    SeriesCostTier,
    SeriesOrganization,
    SeriesTestimonial,
    SeriesTopic,
    TrainingIndexPage,
    TrainingSeriesPage,
)
from .sessions import (
    SessionDocument,
    SessionOrganization,
    SessionPage,
    SessionPresenter,
    SessionTopic,
)

__all__ = [
    "AccessNeed",
    "Registration",
    "RegistrantRole",
    "RegistrationStatus",
    "BrandColour",
    "ChosenSeries",
    "DatePrecision",
    "Format",
    "FrameworkLevelPage",
    "FrameworkPage",
    "HomePageFeaturedSeries",
    "MissionPartner",
    "Organization",
    "OrganizationRole",
    "PresenterIndexPage",
    "PresenterPage",
    "RegistrationMethod",
    "SeriesCostTier",
    "SeriesOrganization",
    "SeriesTestimonial",
    "SeriesTopic",
    "SessionDocument",
    "SessionOrganization",
    "SessionPage",
    "SessionPresenter",
    "SessionTopic",
    "Status",
    "Testimonial",
    "TrainingIndexPage",
    "TrainingSeriesPage",
    "attach_next_sessions",
    "chosen_series",
    "attach_series",
    "prepare_session_cards",
    "upcoming_sessions",
]
