"""Every page type, snippet and setting, walked through the admin's own views as a superuser.

The models are discovered from the installed apps, so a new page type, snippet or setting is walked
without touching this file. Pages are created (under the first allowed parent, itself created the
same way), edited, previewed and published; snippets are added, edited and listed; settings are
edited and saved. The form data is the least each admin form accepts: every required field gets a
plain value of its kind, every StreamField and inline panel starts empty. A model whose form needs
more says so in MINIMAL below, and one that cannot be walked is named in NOT_WALKED with the reason.
"""

from unittest import mock

from django.contrib.auth import get_user_model
from django.forms import (
    BooleanField,
    ChoiceField,
    DateField,
    DateTimeField,
    EmailField,
    IntegerField,
    ModelChoiceField,
    URLField,
)
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from wagtail.blocks.base import BlockField
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import Page, Site, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils import WagtailPageTestCase, page_tests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.conftest import ensure_site_root

# Page types that are not created through the admin, and why. Each is still edited, previewed and
# published if a page of that type exists once the site is set up.
NOT_WALKED = {
    "wagtailcore.Page": "Wagtail's own base type; the admin never offers it (is_creatable is False).",
    "home.HomePage": "One per site (max_count = 1), made with the site itself; the walk edits, previews "
    "and publishes that one instead of adding a second.",
}

# Field values beyond "a plain value of the field's kind", per model, for forms that need them.
MINIMAL = {
    # A level's title names its number (the sample number is 1), so that tabs and search say it.
    "programs.FrameworkLevelPage": {"title": "Level 1: New framework level", "number": 1},
}

TEXT = "Walked through the admin"


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def sample(name, field):
    """A plain valid value for a required form field."""
    initial = field.initial() if callable(field.initial) else field.initial
    if isinstance(field, ChoiceField) and not isinstance(field, ModelChoiceField):
        values = [value for value, _text in field.choices if value not in ("", None)]
        return initial if initial not in ("", None) else values[0]
    if initial not in ("", None):
        return initial
    if isinstance(field, ModelChoiceField):
        return field.queryset.values_list("pk", flat=True).first()
    if isinstance(field, BooleanField):
        return "on"
    if isinstance(field, IntegerField):
        return field.min_value if field.min_value is not None and field.min_value > 0 else 1
    if isinstance(field, DateTimeField):
        return "2031-03-14 18:00"
    if isinstance(field, DateField):
        return "2031-03-14"
    if isinstance(field, EmailField):
        return "walk@example.org"
    if isinstance(field, URLField):
        return "https://example.org/walk"
    return f"{TEXT}: {name}"


def minimal_data(model, form_class, **values):
    """The least the admin form of `model` accepts, with `values` on top."""
    data = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, BlockField):
            data[name] = streamfield([])
        elif field.required:
            data[name] = sample(name, field)
    for name in getattr(form_class, "formsets", {}):
        data[name] = inline_formset([])
    data.update(MINIMAL.get(label(model), {}))
    data.update(values)
    return nested_form_data(data)


def form_errors(response):
    """What the form said, when a post was not accepted."""
    if response.status_code == 302 or not response.context or "form" not in response.context:
        return None
    return response.context["form"].errors


def page_data(model, title):
    form_class = model.get_edit_handler().get_form_class()
    return minimal_data(model, form_class, title=title, slug=slugify(title))


class AdminWalk(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site_root()
        cls.editor = get_user_model().objects.create_superuser("walker", "walker@example.org", "pw")

    def setUp(self):
        # Wagtail's page assertions log in with the first authentication backend. The site's first
        # is axes' (AUTHENTICATION_BACKENDS), which only checks lockouts and cannot load a user.
        patcher = mock.patch.object(page_tests, "AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
        patcher.start()
        self.addCleanup(patcher.stop)
        self.log_in()

    def log_in(self):
        """As the editor (again after Wagtail's page assertions, which log out when done)."""
        self.client.force_login(self.editor, "django.contrib.auth.backends.ModelBackend")

    # Pages

    def parent_for(self, model):
        """A page `model` may be created under: the home page, or a new page of the first allowed
        parent type, itself created through the admin."""
        parents = model.allowed_parent_page_models()
        if any(issubclass(type(self.home), parent) for parent in parents):
            return self.home
        parent_model = next(parent for parent in parents if parent is not Page)
        return self.create(parent_model, self.parent_for(parent_model))

    def create(self, model, parent):
        title = MINIMAL.get(label(model), {}).get("title", f"New {model._meta.verbose_name}")
        self.assertCanCreateAt(type(parent.specific), model)
        self.assertCanCreate(parent, model, page_data(model, title))
        self.log_in()
        page = model.objects.child_of(parent).get(title=title)
        self.assertTrue(page.live, f"{label(model)} was published")
        return page

    def edit_preview_and_publish(self, page):
        model = type(page)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        self.assertEqual(self.client.get(edit_url).status_code, 200)
        title = f"{page.title} (edited)"
        data = page_data(model, title)
        data["slug"] = page.slug

        # Wagtail's own checks of the edit and preview views, with this form data.
        self.assertPageIsEditable(page, post_data=data, user=self.editor)
        self.assertPageIsPreviewable(page, post_data=data, user=self.editor)
        self.log_in()
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        self.assertEqual(self.client.post(preview_url, data).json(), {"is_valid": True, "is_available": True})
        preview = self.client.get(preview_url)
        self.assertEqual(preview.status_code, 200)
        self.assertTemplateUsed(preview, page.get_template(self.dummy_request))
        self.assertContains(preview, title)

        # A draft first: the public page keeps its title until the draft is published.
        self.assertEqual(self.client.post(edit_url, data).status_code, 302)
        page.refresh_from_db()
        self.assertTrue(page.has_unpublished_changes)
        self.assertNotEqual(page.title, title)
        self.assertEqual(self.client.post(edit_url, {**data, "action-publish": "publish"}).status_code, 302)
        page.refresh_from_db()
        self.assertEqual((page.title, page.live, page.has_unpublished_changes), (title, True, False))
        public = Client().get(page.url)
        self.assertEqual(public.status_code, 200, page.url)
        self.assertContains(public, title)


def page_test(model):
    def test(self):
        self.edit_preview_and_publish(self.create(model, self.parent_for(model)))

    test.__doc__ = f"{label(model)}: created, edited, previewed and published in the admin."
    return test


def existing_page_test(model):
    def test(self):
        pages = model.objects.all()
        self.assertTrue(pages.exists(), f"{label(model)} is not walked, so one must come with the site")
        self.edit_preview_and_publish(pages.first())

    test.__doc__ = f"{label(model)}: the one made with the site is edited, previewed and published."
    return test


for page_model in get_page_models():
    name = f"test_page_{page_model._meta.app_label}_{page_model._meta.model_name}"
    if label(page_model) not in NOT_WALKED:
        setattr(AdminWalk, name, page_test(page_model))
    elif page_model is not Page:
        setattr(AdminWalk, name, existing_page_test(page_model))


# Snippets


def snippet_test(model):
    viewset = model.snippet_viewset

    def test(self):
        form_class = viewset.get_edit_handler().get_form_class()
        add_url = reverse(viewset.get_url_name("add"))
        self.assertEqual(self.client.get(add_url).status_code, 200)
        before = set(model.objects.values_list("pk", flat=True))
        response = self.client.post(add_url, minimal_data(model, form_class))
        self.assertEqual(response.status_code, 302, form_errors(response))
        (pk,) = set(model.objects.values_list("pk", flat=True)) - before
        snippet = model.objects.get(pk=pk)

        edit_url = reverse(viewset.get_url_name("edit"), args=[snippet.pk])
        self.assertEqual(self.client.get(edit_url).status_code, 200)
        text_fields = [
            name
            for name, field in form_class.base_fields.items()
            if field.required and type(field).__name__ == "CharField" and not getattr(field, "choices", None)
        ]
        changed = {name: f"{TEXT}, edited: {name}" for name in text_fields}
        response = self.client.post(edit_url, minimal_data(model, form_class, **changed))
        self.assertEqual(response.status_code, 302, form_errors(response))
        snippet.refresh_from_db()
        for name, value in changed.items():
            self.assertEqual(getattr(snippet, name), value)

        listing = self.client.get(reverse(viewset.get_url_name("list")))
        self.assertEqual(listing.status_code, 200)
        self.assertContains(listing, str(snippet)[:40])

    test.__doc__ = f"{label(model)}: added, edited and listed in the admin."
    return test


for snippet_model in get_snippet_models():
    name = f"test_snippet_{snippet_model._meta.app_label}_{snippet_model._meta.model_name}"
    setattr(AdminWalk, name, snippet_test(snippet_model))


# Settings


def setting_test(model):
    def test(self):
        site = Site.objects.get(is_default_site=True)
        # A site setting's address names the site; a generic setting's, its own row.
        key = site.pk if issubclass(model, BaseSiteSetting) else model.load().pk
        url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, key])
        self.assertEqual(self.client.get(url).status_code, 200)
        form_class = get_setting_edit_handler(model).get_form_class()
        text_fields = [
            name
            for name, field in form_class.base_fields.items()
            if type(field).__name__ == "CharField" and not getattr(field, "choices", None)
        ]
        changed = {name: f"{TEXT}: {name}"[: form_class.base_fields[name].max_length] for name in text_fields}
        response = self.client.post(url, minimal_data(model, form_class, **changed))
        self.assertEqual(response.status_code, 302, form_errors(response))
        saved = model.for_site(site) if issubclass(model, BaseSiteSetting) else model.load()
        for name, value in changed.items():
            self.assertEqual(getattr(saved, name), value)

    test.__doc__ = f"{label(model)}: edited and saved in the admin."
    return test


for setting_model in settings_registry:
    name = f"test_setting_{setting_model._meta.app_label}_{setting_model._meta.model_name}"
    setattr(AdminWalk, name, setting_test(setting_model))


def test_every_model_is_walked_or_explained():
    """The walk covers what the apps define; an unwalked page type is named with its reason."""
    walked = {name for name in dir(AdminWalk) if name.startswith("test_")}
    for model in get_page_models():
        if model is Page:
            continue
        assert f"test_page_{model._meta.app_label}_{model._meta.model_name}" in walked
        assert model.is_creatable or label(model) in NOT_WALKED, label(model)
    assert len([name for name in walked if name.startswith("test_snippet_")]) == len(get_snippet_models())
    assert len([name for name in walked if name.startswith("test_setting_")]) == len(list(settings_registry))
    assert set(NOT_WALKED) <= {label(model) for model in get_page_models()}
