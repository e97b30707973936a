import datetime

import factory
import wagtail_factories

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage


class BlogIndexPageFactory(wagtail_factories.PageFactory):
    title = "Blog"
    slug = "blog"
    intro = "News, recaps and stories from organizers across the network."

    class Meta:
        model = BlogIndexPage


class BlogPostPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"What we learned at training {n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    intro = "Parents, students and educators compared notes on organizing for honest education."

    class Meta:
        model = BlogPostPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if extracted:
            obj.topics.add(*extracted)
            if create:
                obj.save_revision().publish()


class BlogPostAuthorFactory(factory.django.DjangoModelFactory):
    post = factory.SubFactory(BlogPostPageFactory)
    name = factory.Sequence(lambda n: f"Author {n}")

    class Meta:
        model = BlogPostAuthor
