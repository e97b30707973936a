"""How the values of a search filter are read from an address and named, defined beside the models
they come from.

Each filter of the search page (`search.facets`) takes one of these: it says which values a visitor
may ask for (everything else in the address is ignored) and what each is called on the page. They
know nothing of how search finds or counts the values.
"""

import re

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from home.numbers import whole_number

SLUG = re.compile(r"^[-\w]{1,100}$")


class FilterValues:
    """Values written as they are, and named by themselves."""

    most = None  # how many values one search may ask for at once; None for no limit
    named_in_database = False  # whether the names live in a table (see `NamedRows`, `PageTitles`)

    def clean(self, raw_values):
        """The well-formed values among those in the address, without repeats."""
        return list(dict.fromkeys(raw_values))[: self.most]

    def names(self, values, visible):
        """{value: name} for the values that name something real. May query once. `visible()`
        gives the pages the public may see: a page named by a value must be one of them."""
        return {value: value for value in values}

    def labels(self, values):
        """{value: name} for values found among results, when the names are not in a table."""
        return {value: value for value in values}


class WholeNumbers(FilterValues):
    """Whole numbers within low..high, written plainly (a year, say)."""

    def __init__(self, low, high, most):
        self.low, self.high, self.most = low, high, most

    def clean(self, raw_values):
        found = []
        for value in raw_values:
            number = whole_number(value, self.low, self.high)
            if number is not None and str(number) not in found:
                found.append(str(number))
        return found[: self.most]


class Choices(FilterValues):
    """A fixed list of values and their names, in the order they are listed."""

    def __init__(self, choices, most=None):
        self.choices, self.most = dict(choices), most

    def clean(self, raw_values):
        return [value for value in dict.fromkeys(raw_values) if value in self.choices][: self.most]

    def names(self, values, visible):
        return {value: self.choices[value] for value in values}

    def labels(self, values):
        return dict(self.choices)


class NamedRows(FilterValues):
    """Values of one field of a model's rows (a topic's slug), named by another field (its name)."""

    named_in_database = True

    def __init__(self, model, value_field, name_field, most=20):
        self.model_label, self.value_field, self.name_field, self.most = model, value_field, name_field, most

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def clean(self, raw_values):
        return [value for value in dict.fromkeys(raw_values) if SLUG.match(value)][: self.most]

    def names(self, values, visible):
        if not values:
            return {}
        rows = self.model.objects.filter(**{f"{self.value_field}__in": values})
        return dict(rows.values_list(self.value_field, self.name_field))


class PageTitles(FilterValues):
    """Ids of pages of one type, named by their titles; only pages the public may see count."""

    named_in_database = True

    def __init__(self, model, most=20):
        self.model_label, self.most = model, most

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def clean(self, raw_values):
        return WholeNumbers(1, 2**62, self.most).clean(raw_values)

    def names(self, values, visible):
        """{str(page id): title} for those of the ids that are pages of this type among
        `visible()`, in one query. An id of a draft, private or missing page is left out, so that
        its title is never shown."""
        if not values:
            return {}
        content_type = ContentType.objects.get_for_model(self.model)
        rows = visible().filter(pk__in=[int(pk) for pk in values], content_type=content_type)
        return {str(pk): title for pk, title in rows.values_list("pk", "title")}


# Topics are asked for by slug and named by their names.
TOPICS = NamedRows("home.Topic", "slug", "name")
# The year of a session, series, post or resource.
YEARS = WholeNumbers(1900, 2200, most=10)
