"""Addresses a registrant is given: their own registration page, reached by its unguessable key."""

from django.urls import reverse

from home.site_url import absolute_url


def manage_path(registration):
    return reverse("registration_manage", kwargs={"token": registration.token})


def manage_url(registration):
    """The absolute address e-mails carry."""
    return absolute_url(manage_path(registration))
