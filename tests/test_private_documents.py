"""Documents are files on no public path: only the site's document view, which checks the
collection's privacy, hands out their bytes."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.search import ResourceFactory

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 board minutes, not for the public"


@pytest.fixture
def private_document():
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="s3cret"
    )
    return ResourceFactory(
        title="Board minutes", collection=collection, file=ContentFile(SECRET, name="minutes.pdf")
    )


def served_as_media(name):
    """What a web server rooted at MEDIA_ROOT would answer for a path (Django's own static view,
    as the development settings mount it under MEDIA_URL)."""
    request = RequestFactory().get(settings.MEDIA_URL + name)
    try:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    except Http404:
        return None
    return b"".join(response.streaming_content)


def test_document_files_are_outside_the_public_media_folder(private_document):
    path = Path(private_document.file.path).resolve()
    assert path.read_bytes() == SECRET
    assert Path(settings.DOCUMENTS_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    for name in (
        private_document.file.name,
        f"documents/{private_document.filename}",
        private_document.filename,
    ):
        assert served_as_media(name) is None


def test_no_file_under_the_media_folder_holds_a_documents_bytes(private_document):
    media = Path(settings.MEDIA_ROOT)
    files = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
    assert all(path.read_bytes() != SECRET for path in files)


def test_a_private_document_is_served_only_after_its_password(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 200
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    assert SECRET not in body
    assert b"password" in body.lower()


def test_a_public_document_is_served_by_the_document_view(client):
    document = ResourceFactory(title="Open handout", file=ContentFile(b"%PDF-1.4 open", name="open.pdf"))
    # The name gets a suffix when an earlier upload already took "open.pdf".
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    assert document.filename.startswith("open")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 open"


def test_the_migration_moves_existing_uploads_out_of_the_media_folder():
    migration = importlib.import_module("home.migrations.0007_resource_files_kept_private")
    public, private = storages["default"], storages["documents"]
    name = public.save("documents/old-handout.pdf", ContentFile(SECRET))
    document = ResourceFactory(title="Old handout")
    type(document).objects.filter(pk=document.pk).update(file=name)
    try:
        migration.to_private(apps, None)
        assert not public.exists(name)
        with private.open(name) as moved:
            assert moved.read() == SECRET
        document.refresh_from_db()
        assert document.file.read() == SECRET
        # Running it again changes nothing; reversing it puts the file back.
        migration.to_private(apps, None)
        migration.to_public(apps, None)
        assert public.exists(name)
        assert not private.exists(name)
    finally:
        for storage in (public, private):
            storage.delete(name)
