"""Topic fields in the admin: explained as topics, and a topic of several words shown as typed.

Wagtail's tag widget wraps each multi-word tag in double quotes, because taggit reads a lone
"power mapping" as two tags. Here topics are always separated by commas, both when the widget
joins them and when the form reads them back, so no quotes are needed.
"""

import json

from modelcluster.contrib.taggit import ClusterTaggableManager
from taggit.managers import TaggableManager
from taggit.utils import _parse_tags
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.tags import TagField
from wagtail.admin.widgets import AdminTagWidget

HELP = "Press Enter or type a comma after each topic. A topic can be several words."


class TopicsWidget(AdminTagWidget):
    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        options = json.loads(widget["attrs"]["data-w-tag-options-value"])
        options["preprocessTag"] = None  # no quotes around a new multi-word topic
        widget["attrs"]["data-w-tag-options-value"] = json.dumps(options)
        widget["help_text"] = HELP
        return context


def tags_from_string(text):
    """Topic names from the widget's value: comma-separated, each as typed. A value with quotes
    (typed elsewhere, or saved before) is read the way taggit always has."""
    if '"' in text:
        # taggit's own parser: its public `parse_tags` calls whatever TAGGIT_TAGS_FROM_STRING names,
        # which is this function, so only this name reaches the original. A taggit upgrade that
        # renames it fails test_a_topic_of_several_words_is_one_topic (tests/test_editing_words.py).
        return _parse_tags(text)
    return sorted({name.strip() for name in text.split(",") if name.strip()})


def string_from_tags(tags):
    """The widget's value for saved topics: their names, comma-separated, quoted only when a name
    itself has a comma or a quote."""
    names = []
    for tag in tags:
        name = tag.name
        names.append(f'"{name}"' if "," in name or '"' in name else name)
    return ", ".join(sorted(names))


def register():
    for field_class in (TaggableManager, ClusterTaggableManager):
        register_form_field_override(
            field_class,
            override=lambda db_field: {
                "form_class": TagField,
                "tag_model": db_field.related_model,
                "widget": TopicsWidget,
            },
            exact_class=True,
        )
