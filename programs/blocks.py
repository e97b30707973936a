"""Small blocks used only by program pages: links and headline figures."""

from wagtail import blocks


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=120, help_text="The words people click, e.g. “Slides on Google Drive”."
    )
    url = blocks.URLBlock(help_text="The full web address, starting with https://.")

    class Meta:
        icon = "link"
        label = "Link"
        template = "programs/blocks/link_block.html"


class FigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, help_text="The number as it should read, e.g. “1,800” or “90%”.")
    label = blocks.CharBlock(
        max_length=160, help_text="What the number counts, e.g. “people joined our first series”."
    )

    class Meta:
        icon = "list-ol"
        label = "Figure"
