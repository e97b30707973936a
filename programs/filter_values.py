"""How search filters on series, presenters, format and time read and name their values (see
`home.filter_values`)."""

from home.filter_values import Choices, PageTitles
from programs.models.choices import Format

SERIES = PageTitles("programs.TrainingSeriesPage")
PRESENTERS = PageTitles("programs.PresenterPage")
FORMATS = Choices(Format.choices)

# A session is upcoming until it has ended, then past. One of the two at a time.
UPCOMING, PAST = "upcoming", "past"
WHEN = Choices({UPCOMING: "Upcoming", PAST: "Past"}, most=1)
