"""The shared StreamField blocks: each one described, previewable in the block picker, and rendered well."""

import pytest
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from home.blocks import BodyBlock

pytestmark = pytest.mark.django_db

EXPECTED_BLOCKS = {
    "heading",
    "paragraph",
    "image",
    "quote",
    "call_to_action",
    "video",
    "documents",
    "faq",
    "table",
}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def body_blocks():
    return BodyBlock().child_blocks


def test_body_offers_every_agreed_block():
    assert set(body_blocks()) == EXPECTED_BLOCKS


@pytest.mark.parametrize("name", sorted(EXPECTED_BLOCKS))
def test_each_block_has_a_description_and_a_preview(name, admin_client):
    block = body_blocks()[name]
    assert len(block.meta.description) > 20
    assert block.is_previewable
    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html, "previews use the site's own styles"
    assert 'name="robots" content="noindex"' in html


def test_image_preview_uses_a_real_image_once_one_exists(admin_client):
    from wagtail.images.models import Image

    block = body_blocks()["image"]
    url = reverse("wagtailadmin_block_preview")
    assert "placeholder" in admin_client.get(url, {"id": block.definition_prefix}).content.decode()
    Image.objects.create(title="Organizers at the retreat", file=get_test_image_file())
    html = admin_client.get(url, {"id": block.definition_prefix}).content.decode()
    assert "<img" in html and 'alt="An example picture from the image library"' in html


def test_previews_need_an_admin_login(client):
    block = body_blocks()["heading"]
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 302


def render(name, value):
    block = body_blocks()[name]
    return block.render(block.to_python(value))


def test_heading_renders_at_the_chosen_level():
    assert render("heading", {"text": "What you will learn", "level": "h3"}).startswith(
        '<h3 class="block-heading">What you will learn</h3>'
    )


def test_rich_text_offers_only_the_limited_features():
    features = body_blocks()["paragraph"].features
    assert "h2" not in features and "image" not in features and "embed" not in features
    assert {"bold", "italic", "link", "ul", "ol"} <= set(features)


def test_image_uses_its_own_alt_text_per_use():
    from wagtail.images.models import Image

    image = Image.objects.create(title="IMG_2231", file=get_test_image_file())
    html = render(
        "image", {"image": image.pk, "alt_text": "Parents planning a school board visit", "decorative": False}
    )
    assert 'alt="Parents planning a school board visit"' in html
    assert "IMG_2231" not in html


def test_quote_and_call_to_action_render_their_parts(site_root):
    quote = render("quote", {"quote": "We left with a plan.", "attribution": "Participant"})
    assert "<blockquote><p>We left with a plan.</p></blockquote>" in quote
    assert "<figcaption>Participant</figcaption>" in quote
    cta = render(
        "call_to_action",
        {"heading": "Register", "text": "", "button_label": "Sign up", "page": site_root.pk, "url": ""},
    )
    assert 'class="button" href="/">Sign up</a>' in cta


def test_faq_uses_native_disclosure_widgets():
    html = render(
        "faq",
        {"heading": "Questions", "items": [{"question": "Is it free?", "answer": "<p>Yes.</p>"}]},
    )
    assert '<details class="faq-item"><summary>Is it free?</summary>' in html


def test_table_marks_header_cells():
    html = render(
        "table",
        {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["Date", "Place"], ["May 2", "Online"]],
        },
    )
    assert '<th scope="col">Date</th>' in html and "<td>Online</td>" in html


def test_document_list_links_each_file(site_root):
    from django.core.files.base import ContentFile

    from home.models import Resource

    resource = Resource.objects.create(
        title="Power-mapping worksheet",
        file=ContentFile(b"%PDF-1.4", name="worksheet.pdf"),
        description="Fill in.",
    )
    html = render("documents", {"heading": "Handouts", "documents": [resource.pk]})
    assert "Power-mapping worksheet" in html and "(PDF)" in html and "Fill in." in html


def test_a_page_body_with_every_block_renders(client, site_root):
    from tests.factories.home import StandardPageFactory

    body = [
        ("heading", {"text": "Highlights", "level": "h2"}),
        ("paragraph", "<p>Plain words.</p>"),
        ("quote", {"quote": "Worth it.", "attribution": ""}),
        ("faq", {"heading": "FAQ", "items": [{"question": "When?", "answer": "<p>Soon.</p>"}]}),
        ("table", {"first_row_is_table_header": True, "data": [["A"], ["B"]]}),
    ]
    page = StandardPageFactory(parent=site_root, title="Everything", body=body)
    assert Page.objects.filter(pk=page.pk).exists()
    html = client.get(page.url).content.decode()
    assert "Highlights" in html and "Worth it." in html and "When?" in html


def test_tables_are_named_by_their_caption_so_two_tables_never_share_a_label():
    table = body_blocks()["table"]
    rendered = [
        table.render(
            table.to_python(
                {"first_row_is_table_header": True, "data": [["Date"], ["May 1"]], "table_caption": caption}
            )
        )
        for caption in ("Schedule", "Costs")
    ]
    assert 'aria-label="Schedule"' in rendered[0]
    assert 'aria-label="Costs"' in rendered[1]
    untitled = table.render(table.to_python({"first_row_is_table_header": False, "data": [["x"]]}))
    assert "aria-label" not in untitled and 'role="region"' not in untitled
