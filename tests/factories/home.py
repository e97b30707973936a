import factory
import wagtail_factories
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from home.models import HomePage, MissionPage, StandardPage, Topic


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Trainings for organizers"
    hero_text = "Join the next session."

    class Meta:
        model = HomePage


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")
    intro = "Who we are and how to reach us."

    class Meta:
        model = StandardPage


class MissionPageFactory(wagtail_factories.PageFactory):
    title = "Our Mission"
    slug = "mission"
    statement = (
        "We are building a national movement of students, parents, educators and school board members."
    )
    intro = "An honest, equitable and fully funded public education is the foundation of a just democracy."
    what_we_do = (
        "<p>We provide tools and trainings so communities can advocate for the schools they deserve.</p>"
    )
    what_we_believe = "<p>Public education, at its best, prepares students for democracy.</p>"
    founding_year = 2022
    founding_story = "Started by Race Forward with NYU Metro Center and the Schott Foundation."

    class Meta:
        model = MissionPage


class VideoEmbedFactory(factory.django.DjangoModelFactory):
    """The player Wagtail keeps for a YouTube address, as its oEmbed answer gives it, so that pages
    and the admin show the video without asking YouTube."""

    video_id = factory.Sequence(lambda n: f"video{n:04d}")
    url = factory.LazyAttribute(lambda o: f"https://www.youtube.com/watch?v={o.video_id}")
    hash = factory.LazyAttribute(lambda o: get_embed_hash(o.url))
    type = "video"
    provider_name = "YouTube"
    title = "Organizing 101"
    width = 200
    height = 113
    html = factory.LazyAttribute(
        lambda o: (
            f'<iframe width="{o.width}" height="{o.height}" '
            f'src="https://www.youtube.com/embed/{o.video_id}?feature=oembed" frameborder="0" '
            'allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
            'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" '
            f'allowfullscreen title="{o.title}"></iframe>'
        )
    )

    class Meta:
        model = Embed
        exclude = ("video_id",)
