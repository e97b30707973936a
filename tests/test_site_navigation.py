"""Menus staff edit in Settings → Navigation, and the site settings shown in the header and footer."""

import pytest

from home.models import FooterLink, HeaderLink, NavigationSettings, SiteSettings
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def header_nav(html):
    return html.split('aria-label="Main"')[1].split("</nav>")[0]


def footer(html):
    return html.split('<footer class="site-footer">')[1]


def test_header_lists_the_staff_menu_in_order(client, site_root):
    about = StandardPageFactory(parent=site_root, title="About us", slug="about")
    menu = NavigationSettings.load()
    HeaderLink.objects.create(settings=menu, page=about, label="", sort_order=1)
    HeaderLink.objects.create(settings=menu, url="https://example.org/donate", label="Donate", sort_order=2)
    HeaderLink.objects.create(settings=menu, page=site_root, label="Start here", sort_order=0)

    nav = header_nav(client.get("/").content.decode())
    assert nav.index(">Start here<") < nav.index(">About us<") < nav.index(">Donate<")
    assert 'href="https://example.org/donate"' in nav


def test_the_current_section_is_marked_for_screen_readers(client, site_root):
    about = StandardPageFactory(parent=site_root, title="About us", slug="about")
    child = StandardPageFactory(parent=about, title="Our staff", slug="staff")
    HeaderLink.objects.create(settings=NavigationSettings.load(), page=about, sort_order=0)
    nav = header_nav(client.get(child.url).content.decode())
    assert '<a href="/about/" aria-current="page">About us</a>' in nav


def test_links_to_unpublished_pages_disappear_from_the_menu(client, site_root):
    hidden = StandardPageFactory(parent=site_root, title="Old campaign", slug="old")
    HeaderLink.objects.create(settings=NavigationSettings.load(), page=hidden, sort_order=0)
    hidden.unpublish()
    assert "Old campaign" not in client.get("/").content.decode()


def test_without_a_menu_the_pages_marked_show_in_menus_are_listed(client, site_root):
    StandardPageFactory(parent=site_root, title="Contact", slug="contact", show_in_menus=True)
    StandardPageFactory(parent=site_root, title="Not in menus", slug="quiet", show_in_menus=False)
    nav = header_nav(client.get("/").content.decode())
    assert ">Contact<" in nav and "Not in menus" not in nav


def test_footer_shows_settings_links_and_social_profiles(client, site_root):
    settings = SiteSettings.load()
    settings.organization_name = "HEAL Together"
    settings.footer_text = "Honest Education, Action and Leadership."
    settings.contact_email = "info@example.org"
    settings.instagram_url = "https://instagram.example/heal"
    settings.signup_url = "https://example.org/join"
    settings.save()
    FooterLink.objects.create(
        settings=NavigationSettings.load(), url="https://example.org/privacy", label="Privacy", sort_order=0
    )

    html = client.get("/").content.decode()
    bottom = footer(html)
    assert "Honest Education, Action and Leadership." in bottom
    assert 'href="mailto:info@example.org"' in bottom
    assert 'href="https://instagram.example/heal" rel="me">Instagram</a>' in bottom
    assert ">Privacy</a>" in bottom
    assert "Facebook" not in bottom, "empty social fields are not shown"
    assert 'class="site-nav__cta"><a href="https://example.org/join">' in header_nav(html)


def test_sign_up_button_can_be_left_out_of_the_header(client, site_root):
    settings = SiteSettings.load()
    settings.signup_url = "https://example.org/join"
    settings.save()
    menu = NavigationSettings.load()
    menu.show_signup_in_header = False
    menu.save()
    assert "site-nav__cta" not in header_nav(client.get("/").content.decode())


def test_a_link_needs_a_page_or_an_address():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        HeaderLink(settings=NavigationSettings.load(), label="Nowhere").full_clean()
    with pytest.raises(ValidationError):
        HeaderLink(settings=NavigationSettings.load(), url="https://example.org/").full_clean()


@pytest.mark.parametrize("count", [3, 30])
def test_menus_cost_the_same_queries_however_many_links(
    client, site_root, count, django_assert_max_num_queries
):
    menu = NavigationSettings.load()
    for number in range(count):
        page = StandardPageFactory(parent=site_root)
        HeaderLink.objects.create(settings=menu, page=page, sort_order=number)
        FooterLink.objects.create(settings=menu, page=page, sort_order=number)
    client.get(page.url)
    with django_assert_max_num_queries(10):
        response = client.get(page.url)
    assert response.content.decode().count(f">{page.title}</a>") == 3  # header, footer's copy, footer link
