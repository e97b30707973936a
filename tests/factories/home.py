import factory
import wagtail_factories

from home.models import HomePage, Topic


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
