"""The visitor's side of registration on this site: the form at `<page-url>register/`, the answer to
a sign-up, and the registrant's own page, reached from the link in every e-mail.

None of these is ever cached: each answers with never-cache headers, which the anonymous page cache
(home/page_cache.py) and the caching proxy (deploy/varnish/default.vcl) both refuse to store.
"""

import re

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from home.models import SiteSettings
from home.throttling import count_request, refused
from programs.models import Registration, RegistrationStatus
from programs.models.registrations import FORM_VIEW_HOOK
from programs.registrations import mail, services
from programs.registrations.forms import RegistrationForm
from programs.registrations.links import manage_path

RATE_LIMIT_GROUP = "registration"
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{1,{Registration._meta.get_field('token').max_length}}}")


def privacy_url(request):
    """The address of the site's privacy page, when one is chosen in Site settings and published."""
    privacy_page = SiteSettings.load(request_or_site=request).privacy_page
    if privacy_page is None or not privacy_page.live:
        return ""
    return privacy_page.get_url(request)


def training_context(page, request):
    """What the form, the answer and the registrant's page say about the training itself."""
    return {
        "page": page,
        "training": page,
        "hosts": page.hosts(),
        "is_session": hasattr(page, "start"),
    }


def _form_page(request, page, form, where, status=200, refusal=""):
    if form is not None and form.is_bound:
        form.mark_errors()
    context = {
        **training_context(page, request),
        "form": form if where.accepts else None,
        "where": where,
        "refusal": refusal,
        "error_links": form.error_links() if form is not None and form.is_bound else [],
        "privacy_url": privacy_url(request),
    }
    if refusal:
        context["error_links"] = [(refusal, "#registration-state")]
    return TemplateResponse(request, "programs/registrations/form.html", context, status=status)


@hooks.register(FORM_VIEW_HOOK)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def form_page(request, page):
    """The form (GET) and a sign-up (POST) for a session or series taking registrations here."""
    if request.method != "POST":
        return _form_page(request, page, RegistrationForm(page), services.availability(page))

    seconds = count_request(request, RATE_LIMIT_GROUP, settings.REGISTRATION_RATE_LIMIT)
    if seconds:
        return refused(
            request,
            seconds,
            heading="Too many registrations from your address",
            message="To keep the form free of automated sign-ups, only a few registrations are taken "
            "from one address in a short time. Nothing was saved.",
            back_url=page.url,
            back_label=f"Back to {page.title}",
        )
    form = RegistrationForm(page, request.POST)
    if form.caught_a_robot:
        form.is_valid()
        form.add_error(None, "We could not take this registration, and nothing was saved. Please try again.")
        return _form_page(request, page, form, services.availability(page), status=400)
    if not form.is_valid():
        return _form_page(request, page, form, services.availability(page))
    answers = form.answers()
    try:
        registration, created = services.register(page, **answers)
    except services.RegistrationError as refusal:
        return _form_page(request, page, None, services.availability(page), 409, refusal.message)
    sent_again = False
    if not created:
        # Only the address's owner learns where their registration is: the link goes to them again,
        # never to whoever typed the address; and only a few times an hour, so that nobody can
        # fill someone's inbox by typing their address over and over.
        sent_again = not count_request(
            request,
            "registration-sent-again",
            settings.REGISTRATION_RESEND_RATE_LIMIT,
            key=lambda group, request: f"{page.pk}:{registration.email}",
        )
        if sent_again:
            kind = "confirmed" if registration.is_confirmed else "waitlisted"
            transaction.on_commit(lambda: mail.send(registration, kind), robust=True)
    context = {
        **training_context(page, request),
        "registration": registration,
        "created": created,
        "sent_again": sent_again,
        "position": services.waitlist_position(registration),
        "manage_url": manage_path(registration) if created else "",
    }
    return TemplateResponse(request, "programs/registrations/done.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The registrant's own page: their registration, the join details once confirmed, and a
    button to cancel. An unknown or altered token is the site's 404 page."""
    if not TOKEN_SHAPE.fullmatch(token):
        # Not a key the site hands out (they are URL-safe base64 of a set length): never a query,
        # whose database might refuse characters such as NUL.
        raise Http404
    registration = get_object_or_404(Registration.objects.select_related("page"), token=token, erased_at=None)
    page = registration.page.specific
    if request.method == "POST":
        # Only a training still to come can be cancelled: afterwards the record is what happened.
        if request.POST.get("action") == "cancel" and page.live and _is_upcoming(page):
            services.cancel(registration)
        return redirect(manage_path(registration))
    where = services.availability(page)
    context = {
        **training_context(page, request),
        "registration": registration,
        "position": services.waitlist_position(registration),
        "where": where,
        "shows_join_details": registration.status == RegistrationStatus.CONFIRMED
        and where.state != "cancelled",
        "is_upcoming": page.live and _is_upcoming(page),
    }
    return TemplateResponse(request, "programs/registrations/manage.html", context)


def _is_upcoming(page):
    if hasattr(page, "is_upcoming"):
        return page.is_upcoming
    return not page.is_finished
