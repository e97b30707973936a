"""What the programs add to the home page: the next sessions, the featured series and a testimonial.

The home page belongs to the app programs build on, so it cannot ask for them; instead
`wagtail_hooks.py` registers `add_to_home_page` for the home page's `home_page_context` hook.
"""

from home import site_reads
from programs.models import Testimonial, chosen_series, upcoming_sessions
from programs.models.querysets import attach_hosts


def featured_series(home_page, hosts=True):
    """The series the editors featured that are live and public, in their order, with their next
    session and, unless `hosts` is False, their hosts."""
    return chosen_series((link.series_id for link in home_page.featured_series.all()), hosts=hosts)


def add_to_home_page(home_page, request, context):
    featured = featured_series(home_page, hosts=False)
    # Sessions of the featured series get them without a query.
    sessions = upcoming_sessions(home_page.upcoming_limit, series=featured, hosts=False)
    # The hosts of the featured series and of the sessions' series, in one query.
    attach_hosts([*featured, *(session.series for session in sessions)])
    context["upcoming_sessions"] = sessions
    context["featured_series"] = featured
    if home_page.testimonial_id:
        context["home_testimonial"] = testimonial(home_page.testimonial_id)


def testimonial(pk):
    """The chosen testimonial with its organization. Kept with the site-wide reads, which saving a
    testimonial or an organization, or publishing a page, renews (home.page_cache)."""
    return site_reads.remember(
        f"testimonial:{pk}",
        lambda: Testimonial.objects.select_related("organization").filter(pk=pk).first(),
    )
