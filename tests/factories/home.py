import factory
import wagtail_factories

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
