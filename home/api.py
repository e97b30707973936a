"""The read-only public API at /api/v2/: live, public pages, images and documents only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageDownloadUrlField, ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.api_input import CleanParametersMixin
from home.site_url import absolute_url
from home.throttling import SearchRateLimitMixin


# Wagtail's page endpoint already limits itself to live pages without view restrictions, and its
# document endpoint leaves out documents in private collections; tests pin that contract.
class PublicPagesAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, PagesAPIViewSet):
    pass


class AbsoluteImageDownloadUrlField(ImageDownloadUrlField):
    """The original file at the site's public address, as documents' download_url already is, so
    that a partner's page can show it."""

    def to_representation(self, image):
        return absolute_url(super().to_representation(image))


class PublicImageSerializer(ImageSerializer):
    download_url = AbsoluteImageDownloadUrlField(read_only=True)


class PublicImagesAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer


class PublicDocumentsAPIViewSet(SearchRateLimitMixin, CleanParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
