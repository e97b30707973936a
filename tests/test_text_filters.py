"""Typographic filters: quotations and e-mail addresses as a careful typesetter would set them."""

import pytest

from home.templatetags.text_tags import as_quotation, breakable_email


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("It changed how we plan.", "It changed how we plan."),
        ("“It changed how we plan.”", "It changed how we plan."),
        ('"It changed how we plan."', "It changed how we plan."),
        ("“Tell Me Why” The Power of Story", "‘Tell Me Why’ The Power of Story"),
        ('We said "yes" at once', "We said ‘yes’ at once"),
        ("“A” and “B”", "‘A’ and ‘B’"),
    ],
)
def test_a_quotation_never_gets_its_marks_twice(typed, shown):
    assert as_quotation(typed) == shown


def test_an_email_address_breaks_only_before_at_and_dots():
    assert breakable_email("sophia.lee@healtogether.org") == "sophia<wbr>.lee<wbr>@healtogether<wbr>.org"
    assert breakable_email("<b>@x") == "&lt;b&gt;<wbr>@x"


def test_the_quote_block_sets_inner_quotes_single():
    from home.blocks import QuoteBlock

    block = QuoteBlock()
    html = block.render(block.to_python({"quote": "“Tell Me Why” gave me words", "attribution": "A parent"}))
    assert "<p>‘Tell Me Why’ gave me words</p>" in html
