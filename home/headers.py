"""Security headers Django has no setting for, and the admin's own Content-Security-Policy.

Both middlewares sit before whitenoise in MIDDLEWARE, so static files get the headers too.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin.

    The admin (its previews included, which it shows in a frame of its own) needs more than the
    public site; a view's own @csp decorator still wins over both.
    """

    def process_response(self, request, response):
        # Wagtail renders a preview by passing a stand-in request for the page's public address
        # through the middleware; the admin request around it then sets the admin's policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def is_admin_path(path):
    return path.startswith(reverse("wagtailadmin_home"))


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy: CROSS_ORIGIN_RESOURCE_POLICY on every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")
        if value:
            response.headers.setdefault("Cross-Origin-Resource-Policy", value)
        return response
