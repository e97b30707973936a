"""Template tags for what every page shares: menus and the tags search engines and social networks read."""

import logging

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.embeds.format import embed_to_frontend_html

from home import fragments, site_reads
from home.models import NavigationSettings, SiteSettings
from home.pages import BasePage
from home.site_url import absolute_url, share_rendition

register = template.Library()
logger = logging.getLogger(__name__)


class CachedPartNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        return fragments.render_part(self.name, context, lambda: self.nodelist.render(context))


@register.tag
def cached_part(parser, token):
    """`{% cached_part "name" %}…{% endcached_part %}`: a part of a page kept in the cache until
    published content changes, when the page's view allows it (see `home.fragments`)."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("cached_part takes one quoted name")
    nodelist = parser.parse(("endcached_part",))
    parser.delete_first_token()
    return CachedPartNode(bits[1][1:-1], nodelist)


@register.simple_tag(takes_context=True)
def site_menus(context):
    """The header and footer menus, and whether the header shows the sign-up button.

    Read once per request however often the template asks. Between requests they are kept in the
    cache with the other site-wide reads (`SITE_CACHE_SECONDS`, see `home.site_reads`), under the
    cache generation that publishing, unpublishing, moving or deleting a page, or saving a setting,
    menu link or view restriction, replaces (`home.page_cache`), so a change shows on the next
    request.
    """
    request = context.get("request")
    if request is None:
        return {"header": [], "footer": [], "show_signup": False}
    menus = getattr(request, "_site_menus", None)
    if menus is not None:
        return menus
    menus = shared_menus(request)
    current = request.path
    for link in menus["header"]:
        url = link["url"] or ""
        link["current"] = bool(url) and (url == current or (url != "/" and current.startswith(url)))
    request._site_menus = menus
    return menus


def shared_menus(request):
    """The menus for the request's host, from the cache when they are there."""
    return site_reads.remember(f"menus:{request.get_host()}", lambda: build_menus(request))


def build_menus(request):
    navigation = NavigationSettings.load(request_or_site=request)
    header, footer = navigation.menus(request)
    if not header:
        header = default_header_links(request)
    return {"header": header, "footer": footer, "show_signup": navigation.show_signup_in_header}


def default_header_links(request):
    """Until staff build a menu: the live pages under the home page marked “Show in menus”."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    children = site.root_page.get_children().live().public().in_menu().order_by("path")
    return [{"label": page.title, "url": page.get_url(request), "page_id": page.pk} for page in children]


@register.inclusion_tag("includes/meta.html", takes_context=True)
def meta_tags(context, page=None, title=None, description=None, image=None):
    """Description, canonical address, Open Graph and Twitter card tags for a page or any view.

    A page says its own description and picture (`BasePage.meta_description`, `social_image`); the
    site's, from Site settings, stand in for what it does not have and for views that are not pages.
    """
    request = context.get("request")
    page = page or context.get("page") or context.get("self")
    if not isinstance(page, BasePage):
        page = None
    settings = SiteSettings.load(request_or_site=request) if request else None

    if not title and page is not None:
        title = page.seo_title or page.title
    if not description and page is not None:
        description = page.meta_description
    if not description and settings:
        description = settings.description
    description = Truncator(" ".join(strip_tags(str(description or "")).split())).chars(200)

    if image is None and page is not None:
        image = page.social_image
    if image is None:
        image = settings.share_image if settings else None
    # A StreamField ImageBlock value carries its own alt text; a plain image uses its title.
    image_alt = getattr(image, "contextual_alt_text", None) or getattr(image, "title", "")
    rendition = share_rendition(image) if image is not None else None

    canonical = None
    if page is not None and page.pk and request is not None:
        canonical = page.get_full_url(request)
    elif request is not None:
        canonical = absolute_url(request.path)
    image_url = None
    if rendition is not None:
        image_url = absolute_url(rendition.url)

    return {
        "title": title or (settings.site_name if settings else ""),
        "site_name": settings.site_name if settings else "",
        "description": description,
        "canonical": canonical,
        "og_type": page.og_type if page is not None else "website",
        "image_url": image_url,
        "image_alt": image_alt,
        "image_width": rendition.width if rendition else None,
        "image_height": rendition.height if rendition else None,
    }


@register.simple_tag
def video_embed(url):
    """The player for a YouTube or Vimeo address, wrapped like a video block's
    (templates/wagtailembeds/embed_frontend.html); nothing for an address no player is found for."""
    return embed_to_frontend_html(url) if url else ""
