"""Documents are served at their own address; an address no document could have is not found."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories.search import ResourceFactory

pytestmark = pytest.mark.django_db


def test_documents_are_served_at_their_address_and_odd_ids_are_not_found(client):
    resource = ResourceFactory(title="handout")
    response = client.get(resource.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 handout"
    assert client.get(f"/documents/{resource.pk}/other.pdf").status_code == 404
    assert client.get(f"/documents/{'9' * 20}/handout.pdf").status_code == 404
    assert client.get(f"/documents/{'9' * 5000}/handout.pdf").status_code == 404
    assert reverse("wagtaildocs_authenticate_with_password", args=[1]) == (
        "/documents/authenticate_with_password/1/"
    )


def test_documents_in_a_private_collection_still_ask_for_a_login(client):
    staff_only = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.LOGIN
    )
    handbook = ResourceFactory(title="Staff handbook", collection=staff_only)
    response = client.get(handbook.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
