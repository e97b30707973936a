"""The StreamField blocks every page type shares, each described for the editor's block picker."""

import re
from html import unescape

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

# Rich text offers only what keeps pages consistent and accessible: no colours, no font sizes.
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

PREVIEW_TEXT = (
    "<p>Organizing is the work of building relationships and turning them into shared power. "
    "This paragraph shows how body text looks on the page.</p>"
)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="A short heading that introduces the next part.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subheading")],
        default="h2",
        # A setting, not words on the page: kept out of the search index.
        search_index=False,
        help_text="Use a section heading for new topics and a subheading inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A heading that splits the page into sections."
        preview_value = {"text": "What you will learn", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=200, help_text="Who said it, e.g. “Mae Smith, instructor”."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A quotation or short testimonial, set apart from the text."
        preview_value = {
            "quote": "It was great to hear about the work of different groups doing organizing.",
            "attribution": "Training series participant",
        }


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="What you are asking people to do.")
    text = blocks.TextBlock(required=False, help_text="One or two sentences of detail.")
    button_label = blocks.CharBlock(max_length=40, help_text="The button's words, e.g. “Register now”.")
    page = blocks.PageChooserBlock(required=False, help_text="Link to a page on this site…")
    url = blocks.URLBlock(required=False, help_text="…or to another website (used if no page is chosen).")

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = "A highlighted box with a button that sends people somewhere."
        preview_value = {
            "heading": "Join the network",
            "text": "Hear about new trainings first.",
            "button_label": "Sign up",
            "url": "https://example.org/",
        }


class ContentImageBlock(ImageBlock):
    """An image with per-use alt text, previewed in the block picker with the newest uploaded image."""

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        if image is not None:
            image.contextual_alt_text = "An example picture from the image library"
            image.decorative = False
        return image

    def get_preview_template(self, value, context=None):
        # Before anyone has uploaded an image, a drawn placeholder explains the block instead.
        if value is None:
            return "blocks/previews/image_block.html"
        return super().get_preview_template(value, context)


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text="Paste the address of a YouTube or Vimeo video.")
    caption = blocks.CharBlock(required=False, max_length=200, help_text="Optional caption under the video.")

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        description = "A video from YouTube or Vimeo."
        # The preview draws a player instead of asking the video site, so the picker works offline.
        preview_template = "blocks/previews/video_block.html"
        preview_value = {"caption": "Recording of the session “Organizing 101”"}


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text="Optional, e.g. “Handouts”.")
    documents = blocks.ListBlock(
        DocumentChooserBlock(), help_text="Choose or upload the files, in the order to list them."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_list_block.html"
        description = "A list of downloadable files such as slides and handouts."
        preview_template = "blocks/previews/document_list_block.html"
        preview_value = {"heading": "Handouts"}


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, help_text="The question as a visitor would ask it.")
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, help_text="The answer.")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False, max_length=120, default="Frequently asked questions", help_text="Heading above."
    )
    items = blocks.ListBlock(FAQItemBlock(), help_text="Each question opens to show its answer.")

    class Meta:
        icon = "help"
        template = "blocks/faq_block.html"
        description = "Questions and answers that open and close (an accordion)."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {"question": "Is the training free?", "answer": "<p>Yes, public sessions are free.</p>"},
                {"question": "Will it be recorded?", "answer": "<p>Recordings are posted afterwards.</p>"},
            ],
        }


class BodyBlock(blocks.StreamBlock):
    """The content blocks offered in every page body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Text with bold, italic, lists and links.",
        preview_value=PREVIEW_TEXT,
    )
    image = ContentImageBlock(
        description="A picture with its own alternative text for people who cannot see it.",
        template="blocks/image_block.html",
    )
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
    documents = DocumentListBlock()
    faq = FAQBlock()
    table = TableBlock(
        description="A simple table, e.g. dates and places. The first row can be headings.",
        template="blocks/table_block.html",
        preview_value={
            "first_row_is_table_header": True,
            "data": [["Date", "Place"], ["September 9-11", "Menlo Park, CA"]],
        },
    )

    class Meta:
        block_counts = {}


# Visible text of stored StreamField data, for search excerpts. Read from the raw JSON with the
# blocks' definitions, so that nothing is fetched (choosers and embeds hold no words a visitor
# reads) and settings such as a heading's level never pass for words.

SENTENCE_END = (".", "!", "?", ":", ";", "…", "”", '"', "’", ")")
CLOSING_BLOCK_TAG = re.compile(r"</(?:p|h\d|li|blockquote|dt|dd)>|<br\s*/?>", re.IGNORECASE)


def as_sentence(text):
    """One block's words, ending like a sentence so that neighbouring blocks do not run together."""
    text = " ".join(unescape(strip_tags(text)).split())
    if text and not text.endswith(SENTENCE_END):
        text += "."
    return text


def block_text(block, raw):
    """The pieces of text a visitor reads in one block's raw value, in order."""
    if raw is None or raw == "":
        return []
    if isinstance(block, blocks.StreamBlock):
        pieces = []
        for child in raw if isinstance(raw, list | tuple) else []:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                pieces += block_text(child_block, child.get("value"))
        return pieces
    if isinstance(block, blocks.ListBlock):
        items = raw if isinstance(raw, list | tuple) else []
        # Newer list data wraps each item as {"type": "item", "value": ..., "id": ...}.
        values = [item.get("value") if isinstance(item, dict) and "id" in item else item for item in items]
        return [piece for value in values for piece in block_text(block.child_block, value)]
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return []
        return [
            piece for name, child in block.child_blocks.items() for piece in block_text(child, raw.get(name))
        ]
    if isinstance(block, TableBlock):
        rows = (raw.get("data") or []) if isinstance(raw, dict) else []
        cells = [str(cell) for row in rows for cell in row or [] if cell]
        return [as_sentence(cell) for cell in cells]
    if isinstance(block, blocks.RichTextBlock):
        return [piece for piece in map(as_sentence, CLOSING_BLOCK_TAG.split(str(raw))) if piece]
    if isinstance(block, blocks.CharBlock | blocks.TextBlock) and not isinstance(
        block, blocks.URLBlock | blocks.EmailBlock
    ):
        return [as_sentence(str(raw))]
    return []


def visible_text(stream_value):
    """The words a visitor reads in a StreamField value, block boundaries kept as sentence breaks."""
    raw = getattr(stream_value, "raw_data", None)
    stream_block = getattr(stream_value, "stream_block", None)
    if raw is None or stream_block is None:
        return ""
    return " ".join(block_text(stream_block, list(raw)))
