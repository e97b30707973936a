"""Turns the demo data into snippets, images and published pages under the site's home page.

Pages are found by slug under their parent and snippets by name, so a second run updates what the
first one made instead of adding copies. A demo page that a person has since edited in the admin (its
latest revision has a user) is left exactly as they left it, and pages staff created at other
addresses are never looked at.
"""

import re
from decimal import Decimal
from html import escape

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from home.models import HomePage, MissionPage, NavigationSettings, SiteSettings, Topic
from home.slugs import unique_slug
from programs.models import (
    FrameworkLevelPage,
    FrameworkPage,
    Organization,
    PresenterIndexPage,
    PresenterPage,
    SeriesCostTier,
    SeriesOrganization,
    SeriesTestimonial,
    SessionOrganization,
    SessionPage,
    SessionPresenter,
    Testimonial,
    TrainingIndexPage,
    TrainingSeriesPage,
)
from programs.models.choices import DatePrecision, Format, OrganizationRole

from . import content, images

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
BARE_SITE = re.compile(r"\bieaopportunitycoalition\.org\b")
# "[Words](session:series-slug/session-slug)" in the data (see content.py).
SESSION_LINK = re.compile(r"\[([^\]]+)\]\(session:([\w-]+/[\w-]+)\)")


# --- Rich text and stream data -------------------------------------------------------------------


def rich_text(text, sessions=None):
    """Plain text as safe rich-text HTML, with e-mail addresses, the cohort site and sessions linked.

    ``sessions`` maps "series-slug/session-slug" to the session's page. A session that is not there
    (e.g. its slug now holds someone else's page) keeps its words, unlinked.
    """
    html = escape(text, quote=False)
    html = EMAIL.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', html)
    html = BARE_SITE.sub(lambda m: f'<a href="https://{m.group(0)}">{m.group(0)}</a>', html)

    def session_link(match):
        words, key = match.groups()
        page = (sessions or {}).get(key)
        # A page link by id, as the admin's editor stores it, so it follows the page if it moves.
        return f'<a linktype="page" id="{page.pk}">{words}</a>' if page is not None else words

    return SESSION_LINK.sub(session_link, html)


def paragraphs(*texts, sessions=None):
    return "".join(f"<p>{rich_text(text, sessions)}</p>" for text in texts)


def stream(blocks, sessions=None):
    """The data module's (kind, value) blocks as raw StreamField data for home.blocks.BodyBlock."""
    data = []
    for kind, value in blocks:
        if kind in ("heading", "subheading"):
            data.append(
                {"type": "heading", "value": {"text": value, "level": "h2" if kind == "heading" else "h3"}}
            )
        elif kind == "paragraph":
            data.append({"type": "paragraph", "value": paragraphs(value, sessions=sessions)})
        elif kind == "list":
            items = "".join(f"<li>{rich_text(item, sessions)}</li>" for item in value)
            data.append({"type": "paragraph", "value": f"<ul>{items}</ul>"})
        elif kind == "quote":
            quote, attribution = value
            data.append({"type": "quote", "value": {"quote": quote, "attribution": attribution}})
        elif kind == "table":
            caption, rows = value
            data.append(
                {
                    "type": "table",
                    "value": {
                        "data": [list(row) for row in rows],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": caption,
                    },
                }
            )
        elif kind == "call_to_action":
            data.append({"type": "call_to_action", "value": value})
        else:
            raise ValueError(f"Unknown block kind {kind!r}")
    return data


class Loader:
    """Builds or refreshes the whole demo site. ``today`` places the sample series' dates."""

    def __init__(self, today=None, log=None):
        self.today = today or timezone.localdate()
        self.log = log or (lambda message: None)
        self.counts = {"created": 0, "updated": 0, "kept": 0}
        self.organizations = {}
        self.testimonials = {}
        self.presenters = {}
        self.levels = {}
        self.series_pages = {}
        self.session_pages = {}  # "series-slug/session-slug" -> page, for links from posts
        self.topics = {}
        self.created_pks = set()
        self.sections = {}

    # Generic helpers

    def assign(self, obj, **values):
        for name, value in values.items():
            setattr(obj, name, value)

    def children(self, page, relation, rows):
        """Replace the page's inline objects ``relation`` with ``rows`` (field values per object)."""
        model = page._meta.get_field(relation).related_model
        setattr(page, relation, [model(**row) for row in rows])

    def topic(self, name):
        if name not in self.topics:
            topic = Topic.objects.filter(name__iexact=name).first()
            if topic is None:
                topic = Topic.objects.create(name=name, slug=unique_slug(name, Topic.objects.all(), "topic"))
            self.topics[name] = topic
        return self.topics[name]

    def page(self, parent, model, slug, title, build):
        """Create or refresh the page ``slug`` under ``parent`` and publish it through a revision.

        ``build(page)`` sets the page's fields and child objects. Returns the page, or None when a
        page of another type already uses the slug.
        """
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, model):
                kind = type(existing).__name__
                self.log(f"  {parent.url_path}{slug}/ is a {kind} made by someone else; left alone.")
                self.counts["kept"] += 1
                return None
            latest = existing.get_latest_revision()
            if latest is not None and latest.user_id is not None:
                self.log(
                    f"  “{existing.title}” was edited in the admin since the demo loaded it; left alone."
                )
                self.counts["kept"] += 1
                return existing
            page = existing
            page.title = title
            build(page)
            page.save_revision(log_action=False).publish(log_action=False)
            self.counts["updated"] += 1
            return model.objects.get(pk=page.pk)
        page = model(title=title, slug=slug)
        build(page)
        parent.add_child(instance=page)
        page.save_revision(log_action=False).publish(log_action=False)
        self.counts["created"] += 1
        self.created_pks.add(page.pk)
        return model.objects.get(pk=page.pk)

    def index_page(self, home, model, slug, title, intro):
        """A section's listing page under the home page, shown in the default menu."""

        def build(page):
            self.assign(page, intro=intro, show_in_menus=True)

        return self.page(home, model, slug, title, build)

    # Snippets

    def load_organizations(self):
        for data in content.ORGANIZATIONS:
            organization = Organization.objects.filter(name=data.name).order_by("pk").first()
            if organization is None:
                # Staff may have renamed it; its address still carries the name it was created with.
                organization = Organization.objects.filter(slug=slugify(data.name)).first()
            if organization is None:
                organization = Organization(name=data.name)
            organization.website = data.website
            organization.description = data.description
            organization.brand_colour = content.BRAND_COLOURS.get(data.key, organization.brand_colour)
            organization.save()
            self.organizations[data.key] = organization

    def load_testimonials(self):
        for data in content.TESTIMONIALS:
            testimonial = Testimonial.objects.filter(quote=data.quote).order_by("pk").first()
            if testimonial is None:
                testimonial = Testimonial(quote=data.quote)
            testimonial.person_name = data.person if not data.person.startswith("First virtual") else ""
            testimonial.role = data.role or (data.person if not testimonial.person_name else "")
            testimonial.organization = self.organizations.get(data.organization)
            testimonial.save()
            self.testimonials[data.key] = testimonial

    # Pages

    def run(self):
        with transaction.atomic():
            home = self.home_page()
            self.load_organizations()
            self.load_testimonials()
            mission = self.load_mission(home)
            framework = self.load_framework(home)
            presenters_index = self.load_presenters(home)
            trainings = self.load_trainings(home)
            blog = self.load_blog(home)
            self.sections = {
                "trainings": trainings,
                "presenters": presenters_index,
                "framework": framework,
                "blog": blog,
                "mission": mission,
            }
            self.order_new_sections(home, list(self.sections.values()))
            self.load_home(home.specific_class.objects.get(pk=home.pk))
            self.load_settings()
            self.load_menu()
        self.log(
            f"Demo content: {self.counts['created']} pages created, {self.counts['updated']} updated, "
            f"{self.counts['kept']} left as staff edited them."
        )
        return {
            "home": home,
            "mission": mission,
            "framework": framework,
            "presenters": presenters_index,
            "trainings": trainings,
            "blog": blog,
        }

    def order_new_sections(self, home, sections):
        """Put the sections this run created in menu order after any pages staff already had."""
        for section in sections:
            if section is not None and section.pk in self.created_pks:
                Page.objects.get(pk=section.pk).move(Page.objects.get(pk=home.pk), pos="last-child")

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            home = HomePage.objects.first()
            if home is None:
                raise RuntimeError(
                    "There is no home page to build the demo under. Run `manage.py migrate` first."
                )
            return home
        return site.root_page.specific

    def load_mission(self, home):
        mission = content.MISSION
        names = [self.organizations[key].name for key in mission.founding_partners]
        founding_story = content.MISSION_FOUNDING.format(year=mission.founded_year, names=names)
        image = images.get_or_create_image("mission-hero")

        def build(page):
            self.assign(
                page,
                statement=mission.statement,
                intro=mission.heading,
                image=image,
                what_we_do=paragraphs(mission.what_we_do),
                what_we_believe=paragraphs(*mission.what_we_believe),
                founding_year=mission.founded_year,
                founding_story=founding_story,
                body=stream(
                    [
                        ("heading", "Why HEAL Together"),
                        ("paragraph", mission.about),
                    ]
                ),
                show_in_menus=True,
                search_description=mission.statement,
            )
            self.children(
                page,
                "founding_partners",
                [{"organization": self.organizations[key]} for key in mission.founding_partners],
            )

        return self.page(home, MissionPage, "mission", mission.title, build)

    def load_framework(self, home):
        def build(page):
            self.assign(
                page,
                intro=content.FRAMEWORK_INTRO,
                body=stream(
                    [
                        ("heading", content.FRAMEWORK_TAGLINE),
                        (
                            "paragraph",
                            "Leaders for Just Schools Level One Training Cohorts are where leaders start. "
                            "Each level builds on the one before.",
                        ),
                    ]
                ),
                show_in_menus=True,
                search_description=content.FRAMEWORK_INTRO,
            )

        framework = self.page(home, FrameworkPage, "framework", content.FRAMEWORK_TITLE, build)
        if framework is None:
            return None
        for level in content.FRAMEWORK_LEVELS:

            def build_level(page, level=level):
                self.assign(
                    page,
                    number=level.number,
                    summary=level.summary,
                    audience=level.who_for,
                    support=paragraphs(level.support) if level.support else "",
                    search_description=level.summary,
                )

            slug = f"level-{level.number}-{level.name.lower().replace(' ', '-')}"
            title = f"Level {level.number}: {level.name}"
            page = self.page(framework, FrameworkLevelPage, slug, title, build_level)
            if page is not None:
                self.levels[level.number] = page
        return framework

    def load_presenters(self, home):
        intro = content.PRESENTERS_INTRO
        index = self.index_page(home, PresenterIndexPage, "presenters", "Presenters", intro)
        if index is None:
            return None
        self.remove_retired_presenters(index)
        for data in content.PRESENTERS:
            organization = self.organizations.get(data.organization)
            photo = images.get_or_create_image(images.portrait_key(data.slug))

            # Only what the announcement says: no bio is better than a made-up one.
            def build_presenter(page, data=data, organization=organization, photo=photo):
                self.assign(
                    page,
                    job_title=data.job_title,
                    organization=organization,
                    photo=photo,
                    bio=paragraphs(data.bio) if data.bio else "",
                    search_description=data.bio,
                )

            page = self.page(index, PresenterPage, data.slug, data.name, build_presenter)
            if page is not None:
                self.presenters[data.slug] = page
        return index

    def remove_retired_presenters(self, index):
        """Presenter pages the demo no longer has, unless someone edited them in the admin."""
        for page in index.get_children().filter(slug__in=content.RETIRED_PRESENTERS):
            latest = page.get_latest_revision()
            if latest is not None and latest.user_id is not None:
                continue
            self.log(f"  Removed “{page.title}”, which the demo no longer has.")
            page.delete()

    def load_trainings(self, home):
        index = self.index_page(home, TrainingIndexPage, "trainings", "Trainings", content.TRAININGS_INTRO)
        if index is None:
            return None
        for data in (*content.SERIES, content.sample_series(self.today)):
            self.load_series(index, data)
        return index

    def load_series(self, index, data):
        image = images.get_or_create_image(data.image)
        starts = [session.start.date() for session in data.sessions]
        ends = [session.end.date() for session in data.sessions]
        start_date, end_date = (min(starts), max(ends)) if starts else (None, None)
        if data.start_date:
            start_date, end_date = data.start_date, data.end_date
        contact = data.contact_name + (f", {data.contact_title}" if data.contact_title else "")
        organizations = [
            SeriesOrganization(organization=self.organizations[key], role=OrganizationRole.HOST)
            for key in data.hosts
        ]
        organizations += [
            SeriesOrganization(organization=self.organizations[key], role=OrganizationRole.PARTNER)
            for key in data.partners
        ]
        tiers = [
            SeriesCostTier(
                label=label,
                amount=Decimal(amount),
                team_size=int(label.split()[2]) if label.startswith("Team of") else None,
                # The announcement states what the price includes once, for the first price.
                note="" if number else data.cost_note,
            )
            for number, (label, amount) in enumerate(data.cost_tiers)
        ]
        testimonials = [SeriesTestimonial(testimonial=self.testimonials[key]) for key in data.testimonials]
        figures = [{"type": "figure", "value": {"figure": f, "label": label}} for f, label in data.figures]
        body = list(data.body)
        if data.framework_level and data.framework_level in self.levels:
            level = self.levels[data.framework_level]
            body.append(
                (
                    "call_to_action",
                    {
                        "heading": "See the four levels of the framework",
                        "text": content.FRAMEWORK_INTRO,
                        "button_label": "Read about the framework",
                        "page": level.get_parent().pk,
                        "url": "",
                    },
                )
            )

        def build(page):
            self.assign(
                page,
                summary=data.summary,
                audience=data.audience,
                image=image,
                body=stream([("paragraph", data.intro), *body]),
                format=data.format,
                cadence=data.cadence,
                start_date=start_date,
                end_date=end_date,
                date_label=data.date_span,
                capacity=data.capacity,
                credential=data.credential,
                registration_url=data.registration_url,
                registration_deadline=data.deadline,
                open_call=data.open_call,
                contact_name=contact,
                contact_email=data.contact_email,
                participation=figures,
                framework_level=self.levels.get(data.framework_level),
                search_description=data.summary,
            )
            page.series_organizations = organizations
            page.cost_tiers = tiers
            page.series_testimonials = testimonials
            page.topics.set([self.topic(name) for name in data.topics])

        series = self.page(index, TrainingSeriesPage, data.slug, data.title, build)
        if series is None:
            return None
        self.series_pages[data.slug] = series
        for session in data.sessions:
            page = self.load_session(series, session)
            if page is not None:
                self.session_pages[f"{data.slug}/{session.slug}"] = page
        return series

    def load_session(self, series, data):
        presenters = [
            SessionPresenter(presenter=self.presenters[slug], role=role)
            for slug, role in data.presenters
            if slug in self.presenters
        ]
        organizations = [
            SessionOrganization(organization=self.organizations[key], role=OrganizationRole.HOST)
            for key in data.hosts
        ]
        organizations += [
            SessionOrganization(organization=self.organizations[key], role=OrganizationRole.PARTNER)
            for key in data.partners
        ]
        body = list(data.body)
        if data.month_only:
            precision = DatePrecision.MONTH
        elif data.date_only:
            precision = DatePrecision.DATE
        else:
            precision = DatePrecision.EXACT

        def build(page):
            self.assign(
                page,
                summary=data.summary,
                body=stream(body),
                start=data.start,
                end=data.end,
                time_zone=data.time_zone,
                date_precision=precision,
                date_to_be_confirmed=data.to_be_confirmed,
                date_label=data.date_label,
                status=data.status,
                format=data.format,
                venue_name=data.venue if data.format != Format.VIRTUAL else "",
                venue_address=data.address,
                registration_url=data.registration_url,
                registration_deadline=data.registration_deadline,
                search_description=data.summary,
            )
            page.session_presenters = presenters
            page.session_organizations = organizations
            page.topics.set([self.topic(name) for name in data.topics])

        return self.page(series, SessionPage, data.slug, data.title, build)

    def load_blog(self, home):
        index = self.index_page(home, BlogIndexPage, "blog", "Blog", content.BLOG_INTRO)
        if index is None:
            return None
        for data in content.BLOG_POSTS:
            image = images.get_or_create_image(data.image)
            body = [("paragraph", content.DEMO_POST_NOTE), *data.body]

            def build_post(page, data=data, image=image, body=body):
                self.assign(
                    page,
                    date=data.date,
                    intro=data.intro,
                    feed_image=image,
                    body=stream(body, sessions=self.session_pages),
                    search_description=data.intro,
                )
                page.authors = [BlogPostAuthor(name=content.BLOG_AUTHOR)]
                self.children(
                    page,
                    "related_series_links",
                    [
                        {"series": self.series_pages[slug]}
                        for slug in data.related_series
                        if slug in self.series_pages
                    ],
                )
                page.topics.set([self.topic(name) for name in data.topics])

            self.page(index, BlogPostPage, data.slug, data.title, build_post)
        return index

    def load_home(self, home):
        latest = home.get_latest_revision()
        if latest is not None and latest.user_id is not None:
            self.log("  The home page was edited in the admin; left alone.")
            return
        trainings = self.sections.get("trainings")
        values = {
            "hero_heading": content.HOME_HERO_HEADING,
            "hero_text": content.HOME_HERO_TEXT,
            "hero_image": images.get_or_create_image("home-hero"),
            "hero_cta_label": "Find a training",
            "hero_cta_page": trainings,
            "testimonial": self.testimonials.get(content.HOME_TESTIMONIAL),
            "join_heading": content.HOME_JOIN_HEADING,
            "join_text": content.HOME_JOIN_TEXT,
            "search_description": content.HOME_HERO_TEXT,
        }
        self.assign(home, **values)
        self.children(
            home,
            "featured_series",
            [
                {"series": self.series_pages[slug]}
                for slug in content.HOME_FEATURED_SERIES
                if slug in self.series_pages
            ],
        )
        home.save_revision(log_action=False).publish(log_action=False)

    def load_menu(self):
        """Give the top menu short labels, unless staff have already set the menu up."""
        navigation = NavigationSettings.load()
        if navigation.header_links.exists():
            return
        self.children(
            navigation,
            "header_links",
            [
                {"page": self.sections[slug], "label": label}
                for slug, label in content.HEADER_MENU
                if self.sections.get(slug) is not None
            ],
        )
        navigation.save()

    def load_settings(self):
        """Fill in the site settings that are still empty; never overwrite what staff typed."""
        settings = SiteSettings.load()
        changed = False
        defaults = {
            "description": content.SITE_DESCRIPTION,
            "footer_text": content.FOOTER_TEXT,
        }
        for name, value in defaults.items():
            if not getattr(settings, name):
                setattr(settings, name, value)
                changed = True
        # The site's name starts as the model's default, which staff may not have changed yet.
        if settings.site_name == SiteSettings._meta.get_field("site_name").default:
            settings.site_name = content.SITE_NAME
            changed = True
        if settings.share_image_id is None:
            settings.share_image = images.get_or_create_image("home-hero")
            changed = True
        if changed:
            settings.save()
