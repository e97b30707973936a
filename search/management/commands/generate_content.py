"""Make a large, realistic-looking site for benchmarks: series, sessions, presenters, posts, files.

Pages are written in bulk: the page tree paths are worked out here, as treebeard numbers children,
and each table receives its rows in one statement per batch, instead of one tree update per page.
The search index is then rebuilt for the new objects only. Everything goes under new index pages
whose titles say the content is generated, so it is easy to find and delete.
"""

import random
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from blog.models import BlogIndexPage, BlogPostPage, BlogPostTopic
from home.models import Resource, ResourceTopic, Topic
from programs.models import (
    Format,
    PresenterIndexPage,
    PresenterPage,
    SeriesTopic,
    SessionDocument,
    SessionPage,
    SessionPresenter,
    SessionTopic,
    Status,
    TrainingIndexPage,
    TrainingSeriesPage,
)
from search import facet_index

SESSIONS_PER_SERIES = 20
BATCH = 500

TOPICS = [
    "School funding",
    "Power mapping",
    "Public health",
    "Youth leadership",
    "Parent organizing",
    "Racial justice",
    "Community schools",
    "Coalition building",
    "Media and messaging",
    "Policy advocacy",
    "Health equity",
    "Restorative justice",
]
VERBS = ["Building", "Mapping", "Organizing", "Funding", "Leading", "Winning", "Defending", "Growing"]
NOUNS = [
    "school budgets",
    "parent power",
    "student voice",
    "community clinics",
    "coalitions",
    "campaigns",
    "board meetings",
    "health access",
    "public narratives",
    "neighborhood schools",
]
PLACES = ["Oakland", "Detroit", "Albuquerque", "Newark", "Atlanta", "Chicago", "Fresno", "Baltimore"]
FIRST = ["Ana", "Marcus", "Leticia", "Devon", "Priya", "Jamal", "Rosa", "Kenji", "Amara", "Luis", "Tanya"]
LAST = ["Rivera", "Okafor", "Nguyen", "Brooks", "Patel", "Morales", "Chen", "Washington", "Haddad", "Kim"]
SENTENCES = [
    "Participants practice {noun} with organizers from {place}.",
    "We look at how {noun} shape decisions about {topic}.",
    "A hands-on workshop on {topic} for parents, students and educators.",
    "Guest presenters share what worked in {place} and what they would change.",
    "Small groups plan a first step on {noun} for their own district.",
    "The session closes with tools for {topic} that teams can take home.",
]


def child_path(parent, position):
    """The tree path of `parent`'s child number `position` (from 1), numbered as treebeard numbers
    children: the position written in the tree's alphabet, padded to one step of the path. Treebeard
    has no public call for it; `Page.alphabet` and `Page.steplen` are its documented settings, and a
    test checks that pages added by Wagtail afterwards take the next paths."""
    alphabet, digits = Page.alphabet, ""
    while position:
        position, remainder = divmod(position, len(alphabet))
        digits = alphabet[remainder] + digits
    return parent.path + digits.rjust(Page.steplen, alphabet[0])


def insert_rows(model, objects):
    """Write the rows of `model`'s own table (not its parent's) for `objects`, in one statement.

    Django's bulk_create() refuses models that extend another table, as page types extend Page's, so
    the values are prepared by each field as Django's own INSERT prepares them (pre_save(), then
    get_db_prep_save()) and sent with the cursor's executemany()."""
    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    statement = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = [
        [field.get_db_prep_save(field.pre_save(item, add=True), connection) for field in fields]
        for item in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, rows)


class Command(BaseCommand):
    help = "Generate realistic content in bulk for benchmarks: series, sessions, presenters, posts, files."

    def add_arguments(self, parser):
        parser.add_argument("--sessions", type=int, default=1000, help="How many sessions to create.")
        parser.add_argument("--seed", type=int, default=6, help="Random seed, for repeatable content.")

    def handle(self, *args, sessions, seed, **options):
        if sessions < 1:
            raise CommandError("--sessions must be at least 1.")
        self.random = random.Random(seed)  # noqa: S311 - made-up content, not secrets
        self.now = timezone.now()
        self.zone = ZoneInfo(settings.TIME_ZONE)
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("There is no default site. Run `manage.py prepare_site` first.")
        self.home = site.root_page
        self.locale = Locale.get_default()
        self.stamp = self.now.strftime("%Y%m%d%H%M%S")
        started = timezone.now()
        indexed_models = [TrainingSeriesPage, SessionPage, PresenterPage, BlogPostPage, Resource]
        with transaction.atomic(), self._without_live_indexing(indexed_models):
            topics = self._topics()
            presenters = self._presenters(max(10, sessions // 50))
            series_list, session_list = self._series_and_sessions(sessions, topics, presenters)
            posts = self._posts(max(5, sessions // 20), topics)
            documents = self._documents(max(5, sessions // 5), topics, session_list)
        self.stdout.write(f"Created {len(session_list)} sessions in {len(series_list)} series, ")
        self.stdout.write(f"{len(presenters)} presenters, {len(posts)} posts and {len(documents)} files.")
        self._index(
            [
                (TrainingSeriesPage, [p.pk for p in series_list]),
                (SessionPage, [p.pk for p in session_list]),
                (PresenterPage, [p.pk for p in presenters]),
                (BlogPostPage, [p.pk for p in posts]),
                (Resource, [d.pk for d in documents]),
            ]
        )
        # Pages and files written in bulk send no signals: store their filter values for search here.
        facet_index.refresh([p.pk for group in (series_list, session_list, presenters, posts) for p in group])
        facet_index.refresh_resources([d.pk for d in documents])
        # VACUUM cannot run inside a transaction, as when a test calls this command; autovacuum
        # catches up there.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # What autovacuum would soon do: fresh planner statistics, the full-text indexes'
            # pending entries merged, and the new rows marked visible, so that searches use the
            # indexes on them (stored filter values are then read from their index alone).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(self.style.SUCCESS(f"Done in {seconds:.1f} s."))

    # Helpers

    class _without_live_indexing:
        """Skip the per-object index update on save; the new objects are indexed in bulk after."""

        def __init__(self, models):
            from modelsearch.signal_handlers import post_save_signal_handler

            self.models = models
            self.handler = post_save_signal_handler

        def __enter__(self):
            for model in self.models:
                post_save.disconnect(self.handler, sender=model)

        def __exit__(self, *exc):
            for model in self.models:
                post_save.connect(self.handler, sender=model)

    def _text(self, topic):
        pick = self.random.choice
        return " ".join(
            pick(SENTENCES).format(noun=pick(NOUNS), place=pick(PLACES), topic=topic.lower())
            for _ in range(3)
        )

    def _topics(self):
        found = []
        for name in TOPICS:
            topic, _created = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            found.append(topic)
        return found

    def _index_page(self, model, title, **fields):
        page = model(
            title=f"{title} (generated {self.stamp})", slug=f"{slugify(title)}-{self.stamp}", **fields
        )
        self.home.add_child(instance=page)
        self.home.refresh_from_db()
        return page

    def _bulk_children(self, parent, pages):
        """Insert pages as the last children of `parent` with one INSERT per table per batch."""
        model = type(pages[0])
        content_type = ContentType.objects.get_for_model(model)
        parent.refresh_from_db()
        start = parent.numchild
        base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
        for offset, page in enumerate(pages, start=1):
            page.path = child_path(parent, start + offset)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.live = True
            page.has_unpublished_changes = False
            page.first_published_at = page.last_published_at = self.now
            page.draft_title = page.title
            page.content_type = content_type
            page.locale = self.locale
            page.translation_key = None
        for batch_start in range(0, len(pages), BATCH):
            batch = pages[batch_start : batch_start + BATCH]
            bases = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in batch]
            for base, page in zip(bases, batch, strict=True):
                base.translation_key = page.translation_key = base._meta.get_field(
                    "translation_key"
                ).default()
            Page.objects.bulk_create(bases)
            for base, page in zip(bases, batch, strict=True):
                page.page_ptr_id = page.id = base.pk
            insert_rows(model, batch)
        Page.objects.filter(pk=parent.pk).update(numchild=start + len(pages))
        return pages

    # Content

    def _presenters(self, count):
        index = self._index_page(PresenterIndexPage, "Presenters")
        pages = []
        for number in range(count):
            name = f"{self.random.choice(FIRST)} {self.random.choice(LAST)}"
            topic = self.random.choice(TOPICS)
            pages.append(
                PresenterPage(
                    title=name,
                    slug=f"{slugify(name)}-{number}",
                    job_title=f"Organizer, {self.random.choice(PLACES)}",
                    bio=f"<p>{name} has organized around {topic.lower()} for a decade.</p>",
                )
            )
        return self._bulk_children(index, pages)

    def _series_and_sessions(self, count, topics, presenters):
        index = self._index_page(TrainingIndexPage, "Trainings")
        series_count = max(1, (count + SESSIONS_PER_SERIES - 1) // SESSIONS_PER_SERIES)
        series_list = []
        for number in range(series_count):
            topic = self.random.choice(topics)
            title = f"{self.random.choice(VERBS)} {self.random.choice(NOUNS)} {2019 + number % 8}"
            series_list.append(
                TrainingSeriesPage(
                    title=title,
                    slug=f"{slugify(title)}-{number}",
                    summary=self._text(topic.name),
                    audience="Students, parents, educators and health workers",
                    format=self.random.choice(Format.values),
                    cadence="Every other month, two hours",
                    start_date=date(2019 + number % 8, 1 + number % 12, 1),
                )
            )
        self._bulk_children(index, series_list)
        SeriesTopic.objects.bulk_create(
            [SeriesTopic(tag=self.random.choice(topics), content_object_id=s.pk) for s in series_list],
            batch_size=BATCH,
        )
        all_sessions = []
        remaining = count
        for number, series in enumerate(series_list):
            size = min(SESSIONS_PER_SERIES, remaining)
            remaining -= size
            sessions = []
            for position in range(size):
                topic = self.random.choice(topics)
                # Spread over eight years, a few still to come.
                start = self.now + timedelta(days=self.random.randint(-8 * 365, 120), hours=position)
                start = start.astimezone(self.zone).replace(minute=0, second=0, microsecond=0)
                title = f"{self.random.choice(VERBS)} {self.random.choice(NOUNS)}: {topic.name.lower()}"
                sessions.append(
                    SessionPage(
                        title=title,
                        slug=f"{slugify(title)}-{number}-{position}",
                        summary=self._text(topic.name),
                        body=[("paragraph", RichText(f"<p>{self._text(topic.name)}</p>"))],
                        start=start,
                        end=start + timedelta(hours=2),
                        time_zone=settings.TIME_ZONE,
                        status=Status.SCHEDULED,
                        format=self.random.choice(Format.values),
                        venue_name="" if position % 3 else f"{self.random.choice(PLACES)} Community Center",
                    )
                )
                sessions[-1]._topic = topic
            self._bulk_children(series, sessions)
            all_sessions.extend(sessions)
        SessionTopic.objects.bulk_create(
            [SessionTopic(tag=s._topic, content_object_id=s.pk) for s in all_sessions], batch_size=BATCH
        )
        SessionPresenter.objects.bulk_create(
            [
                SessionPresenter(page_id=s.pk, presenter_id=self.random.choice(presenters).pk, sort_order=0)
                for s in all_sessions
            ],
            batch_size=BATCH,
        )
        return series_list, all_sessions

    def _posts(self, count, topics):
        index = self._index_page(BlogIndexPage, "Blog")
        posts = []
        for number in range(count):
            topic = self.random.choice(topics)
            title = f"What we learned about {topic.name.lower()} in {self.random.choice(PLACES)}"
            posts.append(
                BlogPostPage(
                    title=title,
                    slug=f"{slugify(title)}-{number}",
                    date=date(2019 + number % 8, 1 + number % 12, 1 + number % 28),
                    intro=self._text(topic.name),
                    body=[("paragraph", RichText(f"<p>{self._text(topic.name)}</p>"))],
                )
            )
            posts[-1]._topic = topic
        self._bulk_children(index, posts)
        BlogPostTopic.objects.bulk_create(
            [BlogPostTopic(tag=p._topic, content_object_id=p.pk) for p in posts], batch_size=BATCH
        )
        return posts

    def _documents(self, count, topics, sessions):
        collection = Collection.get_first_root_node()
        kinds = ["Slides", "Handout", "Worksheet", "Transcript", "Recording notes"]
        documents = []
        for number in range(count):
            topic = self.random.choice(topics)
            title = f"{self.random.choice(kinds)}: {topic.name.lower()} {number}"
            documents.append(
                Resource(
                    title=title,
                    file=f"documents/generated/{slugify(title)}.pdf",
                    description=self._text(topic.name),
                    collection=collection,
                    created_at=self.now - timedelta(days=self.random.randint(0, 8 * 365)),
                )
            )
            documents[-1]._topic = topic
        Resource.objects.bulk_create(documents, batch_size=BATCH)
        ResourceTopic.objects.bulk_create(
            [ResourceTopic(tag=d._topic, content_object_id=d.pk) for d in documents], batch_size=BATCH
        )
        SessionDocument.objects.bulk_create(
            [
                SessionDocument(page_id=self.random.choice(sessions).pk, document_id=d.pk, sort_order=0)
                for d in documents
            ],
            batch_size=BATCH,
        )
        return documents

    def _index(self, groups):
        backend = get_search_backend()
        for model, ids in groups:
            for start in range(0, len(ids), BATCH):
                objects = list(model.get_indexed_objects().filter(pk__in=ids[start : start + BATCH]))
                backend.add_bulk(model, objects)
