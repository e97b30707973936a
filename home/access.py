"""Wagtail's page-password form and the admin's password reset with the limits this site adds, and
the admin's Site history report for fewer people. Their addresses are Wagtail's own, routed here
first (home/access_urls.py).
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin.auth import require_admin_access, user_passes_test
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from home import throttling


def safe_return_url(request, url, fallback):
    """`url` if it stays on this site, otherwise `fallback`."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's page-password form, refused for a while after PAGE_PASSWORD_RATE_LIMIT wrong
    passwords from one address for one restriction, and returning visitors only to this site."""
    restriction = get_object_or_404(
        PageViewRestriction, pk=page_view_restriction_id, restriction_type=PageViewRestriction.PASSWORD
    )
    page = get_object_or_404(Page, pk=page_id).specific
    page_url = page.get_url(request) or "/"
    group = f"page-password:{restriction.pk}"
    rate = settings.PAGE_PASSWORD_RATE_LIMIT

    def wait(seconds):
        return throttling.refused(
            request,
            seconds,
            heading="Too many wrong passwords",
            message="This page stays closed to your address for a while after several wrong passwords.",
            back_url=page_url,
            back_label="Back to the page",
        )

    if request.method != "POST":
        form = PasswordViewRestrictionForm(instance=restriction, initial={"return_url": page_url})
    else:
        # Checked before the password, so that the right one is refused too while the wait lasts.
        seconds = throttling.failures_used_up(request, group, rate)
        if seconds:
            return wait(seconds)
        form = PasswordViewRestrictionForm(request.POST, instance=restriction)
        form.full_clean()
        if not form.has_error("password"):
            restriction.mark_as_passed(request)
            return redirect(safe_return_url(request, request.POST.get("return_url"), page_url))
        if request.POST.get("password"):
            seconds = throttling.count_failure(request, group, rate)
            if seconds:
                return wait(seconds)
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return page.serve_password_required_response(request, form, action_url)


class LimitedPasswordResetView(PasswordResetView):
    """The admin's "forgotten password" form, limited per e-mail address and per client address.

    The refusal is the same whether or not an account uses the address, and every request counts,
    so the limits never tell anyone which addresses have accounts.
    """

    def post(self, request, *args, **kwargs):
        seconds = throttling.count_request(
            request, "password-reset-ip", settings.PASSWORD_RESET_IP_RATE_LIMIT
        )
        email = request.POST.get("email", "").strip().lower()
        if not seconds and email:
            seconds = throttling.count_request(
                request,
                "password-reset-email",
                settings.PASSWORD_RESET_EMAIL_RATE_LIMIT,
                key=lambda group, request: email,
            )
        if seconds:
            return throttling.refused(
                request,
                seconds,
                heading="Too many password reset requests",
                message=(
                    "Reset links are sent only a few times an hour for each e-mail address and from each "
                    "connection. If you asked earlier, look for the link in that inbox and its spam folder."
                ),
                back_url=reverse("wagtailadmin_login"),
                back_label="Back to log in",
            )
        return super().post(request, *args, **kwargs)


def may_see_site_history(user):
    """Site history lists everyone's actions: superusers and SITE_HISTORY_GROUPS only."""
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=settings.SITE_HISTORY_GROUPS).exists()
    )


def site_history_view(**kwargs):
    view = LogEntriesView.as_view(**kwargs)
    return require_admin_access(user_passes_test(may_see_site_history)(view))
