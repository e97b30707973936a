"""schema.org JSON-LD for sessions (Event) and series (Course with CourseInstances)."""

from django.conf import settings

from home.site_url import share_image_url, site_origin
from programs.models.choices import Format, OrganizationRole, Status

EVENT_STATUS = {
    Status.SCHEDULED: "https://schema.org/EventScheduled",
    Status.FULL: "https://schema.org/EventScheduled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
    Status.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE_MODE = {
    Format.VIRTUAL: "https://schema.org/OnlineEventAttendanceMode",
    Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
COURSE_MODE = {Format.VIRTUAL: "online", Format.IN_PERSON: "onsite", Format.HYBRID: "blended"}
CURRENCY = "USD"


def organization(org):
    data = {"@type": "Organization", "name": org.name}
    if org.website:
        data["url"] = org.website
    return data


def site_organization():
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": site_origin() + "/",
    }


def when(session, moment):
    """Only as precise as it is known: date and time with offset, the date, or year and month."""
    if session.is_month_only:
        return moment.strftime("%Y-%m")
    if session.is_date_only:
        return moment.date().isoformat()
    return moment.isoformat()


def location(session, url):
    """The place, the online location, or both; None when the format is not stated and no venue is
    known, rather than a guess."""
    place = None
    if session.format != Format.VIRTUAL and session.location_display:
        place = {"@type": "Place", "name": session.venue_name or session.location_display}
        if session.venue_address:
            place["address"] = " ".join(session.venue_address.split())
    virtual = {"@type": "VirtualLocation", "url": session.registration_url or url}
    if session.format == Format.VIRTUAL:
        return virtual
    if session.format == Format.HYBRID:
        return [place, virtual]
    return place


def listed(session):
    """Whether a session goes into structured data at all. One whose date is not confirmed does not:
    schema.org has no tentative status (EventPostponed means a date was set and then moved), and an
    Event must carry a startDate that search engines show as a fact."""
    return not session.date_to_be_confirmed


IN_STOCK = "https://schema.org/InStock"
LIMITED = "https://schema.org/LimitedAvailability"
SOLD_OUT = "https://schema.org/SoldOut"
# Fewer seats than this left: "limited availability".
FEW_SEATS = 5


def seat_availability(seats):
    """The schema.org availability for registration on this site, from its `Availability`: sold out
    once every seat is taken (a waitlist is not a seat), limited when few are left."""
    if seats.seats_left is None:
        return IN_STOCK
    if seats.seats_left == 0:
        return SOLD_OUT
    if seats.seats_left < min(FEW_SEATS, seats.capacity):
        return LIMITED
    return IN_STOCK


def offers(series, url, sold_out=False, seats=None, registration_url=""):
    """One Offer per price of the series. `seats` (an `Availability`) is given when the page takes
    registrations on this site: the availability and the seats left follow it, and the offers
    point at the form (`registration_url`)."""
    if series is None:
        return []
    if seats is not None and seats.state == "off":
        seats = None
    result = []
    for tier in series.cost_tiers.all():
        if tier.amount is None:
            continue
        offer = {
            "@type": "Offer",
            "name": tier.label,
            "price": f"{tier.amount:.2f}",
            "priceCurrency": CURRENCY,
            "url": registration_url or series.registration_url or url,
            "availability": SOLD_OUT if sold_out else IN_STOCK,
        }
        if seats is not None:
            offer["availability"] = seat_availability(seats)
        result.append(offer)
    if seats is not None and not result:
        # Registration here with no price given: an offer of a place, with no price invented.
        place = {"@type": "Offer", "url": registration_url or url, "availability": seat_availability(seats)}
        result.append(place)
    return result


def remaining_capacity(data, seats):
    """Seats left, when the page takes registrations on this site with a capacity."""
    if seats is not None and seats.state != "off" and seats.seats_left is not None:
        data["remainingAttendeeCapacity"] = seats.seats_left


def event(session, request, presenter_links, organization_links, seats=None):
    """The schema.org Event for one session, from its presenter and organization links (already
    loaded by the page, so that building this costs no query); None for an unconfirmed date."""
    if not listed(session):
        return None
    url = session.get_full_url(request)
    series = session.series
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": session.title,
        "url": url,
        "startDate": when(session, session.local_start),
        "endDate": when(session, session.local_end),
        "eventStatus": EVENT_STATUS.get(session.status, EVENT_STATUS[Status.SCHEDULED]),
    }
    if session.format in ATTENDANCE_MODE:
        data["eventAttendanceMode"] = ATTENDANCE_MODE[session.format]
    place = location(session, url)
    if place:
        data["location"] = place
    description = session.summary or session.search_description
    if description:
        data["description"] = description
    image = share_image_url(session.picture)
    if image:
        data["image"] = [image]
    if presenter_links:
        data["performer"] = [
            {"@type": "Person", "name": link.presenter.title, "url": link.presenter.get_full_url(request)}
            for link in presenter_links
        ]
    organizers = [link.organization for link in organization_links if link.role == OrganizationRole.HOST]
    if not organizers and series is not None:
        organizers = series.hosts()
    data["organizer"] = [organization(org) for org in organizers] or site_organization()
    registration_url = session.registration_form_url(request) if seats is not None else ""
    session_offers = offers(
        series, url, sold_out=session.status == Status.FULL, seats=seats, registration_url=registration_url
    )
    if session_offers:
        data["offers"] = session_offers
    remaining_capacity(data, seats)
    if series is not None:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": series.title,
            "url": series.get_full_url(request),
        }
    return data


def course(series, sessions, request=None, seats=None):
    """The schema.org Course for a series, one CourseInstance per session."""
    url = series.get_full_url(request)
    hosts = series.hosts()
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": series.title,
        "description": series.summary or series.title,
        "url": url,
        "provider": organization(hosts[0]) if hosts else site_organization(),
    }
    if series.credential:
        data["educationalCredentialAwarded"] = series.credential
    if series.audience:
        data["audience"] = {"@type": "Audience", "audienceType": series.audience}
    registration_url = series.registration_form_url(request) if seats is not None else ""
    series_offers = offers(series, url, seats=seats, registration_url=registration_url)
    if series_offers:
        data["offers"] = series_offers
    instances = []
    for session in filter(listed, sessions):
        instance = {
            "@type": "CourseInstance",
            "name": session.title,
            "url": session.get_full_url(request),
            "startDate": when(session, session.local_start),
            "endDate": when(session, session.local_end),
            "eventStatus": EVENT_STATUS.get(session.status, EVENT_STATUS[Status.SCHEDULED]),
        }
        if session.format in COURSE_MODE:
            instance["courseMode"] = COURSE_MODE[session.format]
        place = location(session, instance["url"])
        if place:
            instance["location"] = place
        if hosts:
            instance["organizer"] = [organization(org) for org in hosts]
        if session.presenter_names:
            instance["instructor"] = [{"@type": "Person", "name": name} for name in session.presenter_names]
        instances.append(instance)
    if instances:
        data["hasCourseInstance"] = instances
    return data
