"""Where uploaded documents live: outside the public media folder, with no address of their own.

Images and their renditions are public and sit under MEDIA_ROOT, which a web server may serve as it
is. Documents may belong to a private collection, so their files are kept in DOCUMENTS_ROOT and
reach visitors only through Wagtail's document view (`/documents/<id>/<name>`), which checks the
collection's privacy first.
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateDocumentStorage(FileSystemStorage):
    """Files that no URL points at directly.

    Wagtail's document view asks the storage for a URL and falls back to serving the file itself
    when the storage raises NotImplementedError (Django's own "no base URL" error is a ValueError,
    which that view does not expect).
    """

    def url(self, name):
        raise NotImplementedError("Documents are served only through the site's document view.")


def document_storage():
    """The storage of the `documents` alias in STORAGES, looked up when used so that settings
    (and tests) decide where the files go, and migrations do not record a folder."""
    return storages["documents"]
