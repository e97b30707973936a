"""The registrant's own page, reached from the link in every e-mail."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from programs.models import Registration


@never_cache
def manage(request, token):
    registration = get_object_or_404(Registration.objects.select_related("page"), token=token, erased_at=None)
    page = registration.page.specific
    return TemplateResponse(
        request, "programs/registrations/manage.html", {"registration": registration, "page": page}
    )
