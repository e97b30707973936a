"""Where the values of a search filter come from, declared without SQL.

Each filter (`search.facets`) lists, for pages and for resources, the sources of its values; the
database implementation (`search.backends.database`) turns every source into one query that finds
the values of many pages or resources at once. Models are named "app_label.ModelName"; a source
whose models are not installed gives nothing.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    model: str  # the pages or resources that carry the values

    def models(self):
        """Every model the source reads."""
        return (self.model,)


@dataclass(frozen=True)
class Itself(Source):
    """The item's own id: a series is in its own series."""


@dataclass(frozen=True)
class Field(Source):
    """The value of one of the item's fields, unless it is blank."""

    field: str


@dataclass(frozen=True)
class Year(Source):
    """The year of a date or date-time field, in the site's time zone."""

    field: str


@dataclass(frozen=True)
class Ending(Source):
    """When the item ends, compared with the time of each search: before then it is `before`, after
    it `after`. An item whose `unconfirmed` field is true has neither."""

    field: str
    unconfirmed: str
    before: str
    after: str


@dataclass(frozen=True)
class Topics(Source):
    """The topics the item is tagged with (its `topics` field), as the filter's values name them."""


@dataclass(frozen=True)
class Parent(Source):
    """The id of the page's parent when that is a `parent` page (a session's series)."""

    parent: str

    def models(self):
        return (self.model, self.parent)


@dataclass(frozen=True)
class Linked(Source):
    """Ids held by a link model's rows for the item: `link.value` where `link.item` is the item."""

    link: str
    item: str
    value: str

    def models(self):
        return (self.model, self.link)


@dataclass(frozen=True)
class SharedAt(Source):
    """For a resource, the values that `source` gives the pages it is shared at, through the link
    model `link` (its field `resource` to the resource, `page` to the page)."""

    link: str
    resource: str
    page: str
    source: Source

    def models(self):
        return (self.model, self.link, *self.source.models())


@dataclass(frozen=True)
class Kind:
    """What kind of thing the item is (`search.kinds`), worked out while searching."""

    def models(self):
        return ()
