"""The read-only public API at /api/v2/: live, public pages, images and documents only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.api_input import CleanParametersMixin
from home.throttling import SearchRateLimitMixin


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
