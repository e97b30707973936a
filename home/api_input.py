"""Checks on what a client sends the API, so that bad input is a 400 saying what is wrong.

Wagtail's API hands most query parameters to the database as they come: a date that is not a date,
a number no column can hold, an unknown search operator or a search of hundreds of words each
become a server error there. These checks run before Wagtail uses a parameter and answer with
Wagtail's own `BadRequestError`, which it turns into `400 {"message": ...}`.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import Http404
from taggit.managers import TaggableManager
from wagtail.api.v2.utils import BadRequestError
from wagtail.fields import StreamField

from home.limits import SEARCH_TEXT_LENGTH
from home.numbers import whole_number

logger = logging.getLogger(__name__)

# Caps no real client meets. The search length is the site search's own.
MAX_SEARCH_WORDS = 30
MAX_SEARCH_LENGTH = SEARCH_TEXT_LENGTH
MAX_OFFSET = 1_000_000
MAX_TAGS = 10
MAX_FIELDS_DEPTH = 5
SEARCH_OPERATORS = ("and", "or")

# What converting or comparing a value the database cannot use raises, before any SQL is sent.
UNUSABLE_VALUE_ERRORS = (ValueError, TypeError, ValidationError, OverflowError, RecursionError)


class CleanParametersMixin:
    """For Wagtail's API viewsets: check the query string before Wagtail reads it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = request.GET
        refuse_nul_characters(params)
        check_search(params, listing=self.action == "listing_view")
        check_fields(params)
        if self.action == "listing_view":
            check_offset_and_limit(params)
        elif self.action == "detail_view":
            check_id(str(self.kwargs.get("pk", "")), self.model)
        elif self.action == "find_view" and "id" in params:
            check_id(params["id"], self.model)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as error:
            # `?format=` names how the answer is written; DRF answers a format it cannot write with
            # a 404 that says nothing. (So sessions and series cannot be filtered by their format.)
            formats = ", ".join(renderer.format for renderer in self.get_renderers())
            raise BadRequestError(f"format must be one of: {formats}") from error

    def filter_queryset(self, queryset):
        # The queryset's model is the one `type=` chose, whose fields the filters read.
        check_field_filters(self, queryset.model, self.request.GET)
        check_order(queryset.model, self.request.GET)
        with unusable_values_are_bad_requests():
            return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        # The filtered query first runs here: counting, then fetching the page of results.
        with unusable_values_are_bad_requests():
            page = super().paginate_queryset(queryset)
            return None if page is None else list(page)


@contextmanager
def unusable_values_are_bad_requests():
    """The safety net behind the checks: a value the database layer still cannot use is the
    client's mistake, not the server's. Logged, since a check should have caught it."""
    try:
        yield
    except UNUSABLE_VALUE_ERRORS as error:
        logger.warning("API parameter reached the database unchecked: %s: %s", type(error).__name__, error)
        raise BadRequestError("a parameter holds a value that cannot be used") from error


def refuse_nul_characters(params):
    """No database can compare text holding NUL (PostgreSQL refuses it outright)."""
    for name, values in params.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise BadRequestError(
                f"query parameter '{name.replace(chr(0), '')}' holds a character that is not allowed"
            )


def check_search(params, listing):
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    if "search" not in params:
        return
    if not listing:
        raise BadRequestError("search applies to listings, not to a single item")
    text = params["search"]
    if len(text) > MAX_SEARCH_LENGTH or len(text.split()) > MAX_SEARCH_WORDS:
        raise BadRequestError(
            f"search is limited to {MAX_SEARCH_WORDS} words and {MAX_SEARCH_LENGTH} characters"
        )
    if not text.strip():
        raise BadRequestError("search needs at least one word")
    if text.count('"') % 2:
        raise BadRequestError('search has a double quote (") without its closing one')


def check_fields(params):
    """Wagtail reads nested fields recursively: a deep enough nesting exhausts Python's stack."""
    depth = deepest = 0
    for char in params.get("fields", ""):
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    if deepest > MAX_FIELDS_DEPTH:
        raise BadRequestError(f"fields can nest at most {MAX_FIELDS_DEPTH} levels deep")


def check_offset_and_limit(params):
    if "offset" in params and whole_number(params["offset"], 0, MAX_OFFSET) is None:
        raise BadRequestError(f"offset must be a whole number from 0 to {MAX_OFFSET}")
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or MAX_OFFSET
    if "limit" in params and whole_number(params["limit"], 0, limit_max) is None:
        raise BadRequestError(f"limit must be a whole number from 0 to {limit_max}")


def column_range(field):
    """The values an integer column holds on every supported database: PostgreSQL's ranges,
    which SQLite's 64-bit integers include, so both databases give the same answer."""
    return BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]


def check_id(raw, model):
    high = column_range(model._meta.pk)[1]
    if whole_number(raw, 1, high) is None:
        raise BadRequestError(f"id must be a whole number from 1 to {high}")


def check_field_filters(view, model, params):
    """Every `?<field>=<value>` Wagtail's FieldsFilter will apply (the same fields it reads)."""
    filterable = set(view.get_available_fields(model, db_fields_only=True)) - {"locale"}
    for name, value in params.items():
        if name in filterable:
            check_filter_value(model, name, value)


def check_filter_value(model, name, value):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if isinstance(field, TaggableManager):
        if len(value.split(",")) > MAX_TAGS:
            raise BadRequestError(f"{name}: at most {MAX_TAGS} tags, separated by commas")
        return
    if isinstance(field, StreamField):
        raise BadRequestError(f"cannot filter by '{name}': it holds blocks of content, not one value")
    if isinstance(field, models.BooleanField):
        return  # Wagtail reads true/false/1/0 and refuses anything else itself.
    column = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(column, models.IntegerField):
        low, high = column_range(column)
        if whole_number(value, low, high) is None:
            raise BadRequestError(f"{name} must be a whole number from {low} to {high}")
        return
    if field.choices:
        allowed = [str(key) for key, _label in field.flatchoices]
        if value not in allowed:
            raise BadRequestError(f"{name} must be one of: {', '.join(allowed)}")
        return
    try:
        # Converting as the lookup will, down to the database's own form (where a date too near
        # the calendar's ends overflows once moved to UTC).
        field.get_db_prep_value(field.to_python(value), connection, prepared=False)
    except UNUSABLE_VALUE_ERRORS as error:
        details = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        raise BadRequestError(f"{name}: {details}") from error


def check_order(model, params):
    for item in params.get("order", "").split(","):
        name = item.lstrip("-")
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # Wagtail refuses names it does not know itself.
        if field.many_to_many or field.one_to_many or isinstance(field, StreamField):
            raise BadRequestError(f"cannot order by '{name}': it holds more than one value")
