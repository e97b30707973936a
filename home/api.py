"""The read-only public API at /api/v2/: live, public pages, images and documents only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.throttling import SearchRateLimitMixin


class CleanParametersMixin:
    """Answer 400 to parameters no database can compare against (PostgreSQL refuses NUL bytes)."""

    def refuse_unusable_parameters(self):
        for name, values in self.request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError(
                    f"query parameter '{name.strip(chr(0))}' holds a character that is not allowed"
                )

    def check_query_parameters(self, queryset):
        self.refuse_unusable_parameters()
        super().check_query_parameters(queryset)

    def find_view(self, request):
        self.refuse_unusable_parameters()
        return super().find_view(request)


# Wagtail's page endpoint already limits itself to live pages without view restrictions, and its
# document endpoint leaves out documents in private collections; tests pin that contract.
class PublicPagesAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
