"""Score a page's security headers the way Mozilla's HTTP Observatory does; print the score and grade.

    python bench/header_score.py [URL] [--wait SECONDS] [--no-proxy]

URL defaults to http://127.0.0.1:8000/ (`make serve`); `make headers` serves the production
settings itself and scores the home page. The ten tests and their modifiers follow the
Observatory's published scoring (developer.mozilla.org/en-US/observatory/docs/tests_and_scoring):
every site starts at 100, penalties are subtracted, and bonuses count only when the score without
them is at least 90; 100 or more is an A+.

A plain-HTTP address on this machine is scored as the site behind the TLS-terminating proxy that
serves it in production: HTTPS requests are sent over plain HTTP with `X-Forwarded-Proto: https`,
which the production settings trust. --no-proxy scores exactly what the address answers.

Left out, as they need the outside world: the HSTS preload list (a preloaded site gains 5 more)
and a TLS certificate check; crossdomain.xml files and <meta http-equiv> policies are not read.
"""

import argparse
import re
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
# Bonuses only count for a site that already earns an A without them.
EXTRA_CREDIT_FROM = 90
SIX_MONTHS = 15_552_000  # the Observatory accepts the common 180 days as six months
# The Origin sent to see whether the site opens itself to other sites (CORS).
FOREIGN_ORIGIN = "https://observatory.example"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

BROAD_SOURCES = {"*", "http:", "https:", "ftp:", "http://*", "http://*.*", "https://*", "https://*.*"}
INLINE_SOURCES = {"'unsafe-inline'", "data:"}
PASSIVE_DIRECTIVES = ("img-src", "media-src")
NONCES_AND_HASHES = ("'nonce-", "'sha256-", "'sha384-", "'sha512-")


@dataclass
class Page:
    """What the scorer saw: the page's final address, its response and the trip from plain HTTP."""

    url: str
    headers: list = field(default_factory=list)  # (name, value) pairs, repeated names kept
    body: str = ""
    status: int = 200
    # Every address from http://host/path to where its redirects end; None if plain HTTP is refused.
    http_route: list | None = None

    def values(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def first(self, name):
        found = self.values(name)
        return found[0] if found else None

    @property
    def is_https(self):
        return urlsplit(self.url).scheme == "https"


@dataclass
class Result:
    test: str
    outcome: str
    modifier: int


@dataclass
class Report:
    score: int
    grade: str
    results: list


def grade_for(score):
    for floor, grade in GRADES:
        if score >= floor:
            return grade
    return "F"


def parse_csp(values):
    """{directive: set of sources} from Content-Security-Policy header values, or None if unreadable.

    A browser enforces each of several policies; here their directives are merged, the first
    occurrence of each winning (the site sends one policy).
    """
    directives = {}
    for value in values:
        for policy in value.split(","):
            for part in policy.split(";"):
                words = part.strip().split()
                if not words:
                    continue
                name = words[0].lower()
                if not re.fullmatch(r"[a-z-]+", name):
                    return None
                directives.setdefault(name, {normalized(word) for word in words[1:]})
    return directives


def normalized(source):
    """Sources compare without regard to case, except nonces and hashes."""
    return source if source.startswith(NONCES_AND_HASHES) else source.lower()


def has_nonce_or_hash(sources):
    return any(source.startswith(NONCES_AND_HASHES) for source in sources)


def csp_test(page):
    values = page.values("Content-Security-Policy")
    if not values:
        return "csp-not-implemented", -25, None
    csp = parse_csp(values)
    if not csp:
        return "csp-header-invalid", -25, None

    def effective(name):
        """A fetch directive's sources, falling back to default-src, then to anything at all."""
        return set(csp.get(name) or csp.get("default-src") or {"*"})

    script, style, objects = effective("script-src"), effective("style-src"), effective("object-src")
    # A nonce or hash makes browsers ignore 'unsafe-inline' (kept only for old browsers).
    for sources in (script, style):
        if has_nonce_or_hash(sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script:
        if not has_nonce_or_hash(script):
            return "csp-header-invalid", -25, csp
        # With 'strict-dynamic', browsers trust only nonces and hashes (and what those scripts load).
        script = {s for s in script if s not in {"'self'", "'unsafe-inline'"} and s not in BROAD_SOURCES}

    # Scripts, styles, frames and the like are active content; images and media are passive.
    active = set(script)
    for name, sources in csp.items():
        if name not in PASSIVE_DIRECTIVES and name != "script-src":
            active |= sources
    passive = set()
    for name in PASSIVE_DIRECTIVES:
        passive |= csp.get(name) or csp.get("default-src") or set()

    def insecure(sources):
        return any(source.startswith(("http:", "ftp:")) for source in sources)

    # The first failing check, in the Observatory's order, decides the result.
    if script & (BROAD_SOURCES | INLINE_SOURCES) or objects & BROAD_SOURCES:
        return "csp-implemented-with-unsafe-inline", -20, csp
    if page.is_https and insecure(active):
        return "csp-implemented-with-insecure-scheme", -20, csp
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval", -10, csp
    if page.is_https and insecure(passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10, csp
    if style & (BROAD_SOURCES | INLINE_SOURCES):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0, csp
    if csp.get("default-src") == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none", 10, csp
    return "csp-implemented-with-no-unsafe", 5, csp


def hsts_test(page):
    if not page.is_https:
        return "hsts-not-implemented-no-https", -20
    header = page.first("Strict-Transport-Security")
    if header is None:
        return "hsts-not-implemented", -20
    if "," in header:  # sent twice
        return "hsts-header-invalid", -20
    max_age = None
    for parameter in header.split(";"):
        parameter = parameter.strip().lower()
        if parameter.startswith("max-age="):
            digits = parameter[len("max-age=") :].strip('"')
            if not digits.isdigit():
                return "hsts-header-invalid", -20
            max_age = int(digits)
    if max_age is None:
        return "hsts-header-invalid", -20
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def cookie_test(page, hsts_passes):
    cookies = []
    for raw in page.values("Set-Cookie"):
        name, _, rest = raw.partition("=")
        attributes = {}
        for attribute in rest.split(";")[1:]:
            key, _, value = attribute.strip().partition("=")
            attributes[key.strip().lower()] = value.strip()
        cookies.append((name.strip().lower(), attributes))
    if not cookies:
        return "cookies-not-found", 0

    # Worst first: the worst thing any cookie does decides the result.
    ranking = [
        ("cookies-session-without-secure-flag", -40),
        ("cookies-session-without-httponly-flag", -30),
        ("cookies-anticsrf-without-samesite-flag", -20),
        ("cookies-samesite-flag-invalid", -20),
        ("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
        ("cookies-without-secure-flag", -20),
        ("cookies-without-secure-flag-but-protected-by-hsts", -5),
    ]
    found = set()
    all_same_site = True
    for name, attributes in cookies:
        secure = "secure" in attributes
        same_site = attributes.get("samesite")
        session = "login" in name or "sess" in name
        if same_site is not None and same_site.lower() not in {"lax", "strict", "none"}:
            found.add("cookies-samesite-flag-invalid")
        if same_site is not None and same_site.lower() == "none" and not secure:
            found.add("cookies-samesite-flag-invalid")
        if not secure:
            found.add(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-without-secure-flag"
            )
        if "csrf" in name and same_site is None:
            found.add("cookies-anticsrf-without-samesite-flag")
        if session and not secure:
            found.add(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-session-without-secure-flag"
            )
        if session and "httponly" not in attributes:
            found.add("cookies-session-without-httponly-flag")
        all_same_site = all_same_site and same_site is not None
    for outcome, modifier in ranking:
        if outcome in found:
            return outcome, modifier
    if all_same_site:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors_test(page):
    allowed = page.first("Access-Control-Allow-Origin")
    if allowed is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    allowed = allowed.strip()
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    credentials = (page.first("Access-Control-Allow-Credentials") or "").strip().lower()
    if allowed == FOREIGN_ORIGIN and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def redirection_test(page):
    route = page.http_route
    if route is None:
        return "redirection-not-needed-no-http", 0
    if len(route) == 1:
        return "redirection-missing", -20
    if urlsplit(route[-1]).scheme != "https":
        return "redirection-not-to-https", -20
    if urlsplit(route[1]).scheme == "http":
        return "redirection-not-to-https-on-initial-redirection", -10
    if urlsplit(route[0]).hostname != urlsplit(route[1]).hostname:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer_test(page):
    values = page.values("Referrer-Policy")
    if not values:
        return "referrer-policy-not-implemented", 0
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    unsafe = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    # Browsers use the last policy they know.
    known = [
        word.strip().lower()
        for word in ",".join(values).split(",")
        if word.strip().lower() in private | unsafe
    ]
    if known and known[-1] in private:
        return "referrer-policy-private", 5
    if known:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


class ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []  # (src or None, integrity or None)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attributes = dict(attrs)
            self.scripts.append((attributes.get("src"), attributes.get("integrity")))


def registrable_domain(host):
    """The last two labels of a host name: enough to tell "our own" hosts from others here."""
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    return ".".join(host.split(".")[-2:])


def sri_test(page):
    content_type = (page.first("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in {"text/html", "application/xhtml+xml"}:
        return "sri-not-implemented-response-not-html", 0
    finder = ScriptFinder()
    finder.feed(page.body)
    if not finder.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    own_domain = registrable_domain(urlsplit(page.url).hostname)
    outcomes = set()
    foreign = False
    for src, integrity in finder.scripts:
        if not src:
            continue
        if src.startswith("//"):
            same, scheme = False, None  # protocol-relative: counts as foreign and insecure
        elif re.match(r"https?://", src):
            same, scheme = registrable_domain(urlsplit(src).hostname) == own_domain, urlsplit(src).scheme
        else:
            same, scheme = True, urlsplit(page.url).scheme
        if same:
            if integrity and scheme == "https":
                outcomes.add("sri-implemented-and-all-scripts-loaded-securely")
            continue
        foreign = True
        secure = scheme == "https"
        if integrity and not secure:
            outcomes.add("sri-implemented-but-external-scripts-not-loaded-securely")
        elif not integrity and secure:
            outcomes.add("sri-not-implemented-but-external-scripts-loaded-securely")
        elif not integrity:
            outcomes.add("sri-not-implemented-and-external-scripts-not-loaded-securely")
    for outcome, modifier in [
        ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
        ("sri-implemented-but-external-scripts-not-loaded-securely", -20),
        ("sri-not-implemented-but-external-scripts-loaded-securely", -5),
    ]:
        if outcome in outcomes:
            return outcome, modifier
    if "sri-implemented-and-all-scripts-loaded-securely" in outcomes and not foreign:
        return "sri-implemented-and-all-scripts-loaded-securely", 5
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely", 5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def content_type_options_test(page):
    header = page.first("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def frame_options_test(page, csp):
    if csp and "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp", 5
    header = page.first("X-Frame-Options")
    if header is None:
        return "x-frame-options-not-implemented", -20
    value = header.strip().lower()
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def resource_policy_test(page):
    header = page.first("Cross-Origin-Resource-Policy")
    if header is None:
        return "cross-origin-resource-policy-not-implemented", 0
    value = header.strip().lower()
    if value == "same-origin":
        return "cross-origin-resource-policy-implemented-with-same-origin", 10
    if value == "same-site":
        return "cross-origin-resource-policy-implemented-with-same-site", 10
    if value == "cross-origin":
        return "cross-origin-resource-policy-implemented-with-cross-origin", 0
    return "cross-origin-resource-policy-header-invalid", -5


def score_page(page):
    """The Observatory's score, grade and per-test results for what was fetched."""
    csp_outcome, csp_modifier, csp = csp_test(page)
    hsts = hsts_test(page)
    results = [
        Result("content-security-policy", csp_outcome, csp_modifier),
        Result("cookies", *cookie_test(page, hsts_passes=hsts[1] >= 0)),
        Result("cross-origin-resource-sharing", *cors_test(page)),
        Result("redirection", *redirection_test(page)),
        Result("referrer-policy", *referrer_test(page)),
        Result("strict-transport-security", *hsts),
        Result("subresource-integrity", *sri_test(page)),
        Result("x-content-type-options", *content_type_options_test(page)),
        Result("x-frame-options", *frame_options_test(page, csp)),
        Result("cross-origin-resource-policy", *resource_policy_test(page)),
    ]
    penalties = 100 + sum(result.modifier for result in results if result.modifier < 0)
    score = 100 + sum(result.modifier for result in results)
    if penalties < EXTRA_CREDIT_FROM:
        score = penalties
    score = max(score, 0)
    return Report(score=score, grade=grade_for(score), results=results)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def request(url, behind_proxy, origin=None):
    """(status, headers, body, Location) for one GET, redirects not followed."""
    headers = {"User-Agent": "header-score"}
    if origin:
        headers["Origin"] = origin
    parts = urlsplit(url)
    if behind_proxy and parts.scheme == "https":
        # What the TLS proxy would pass on for an HTTPS request.
        url = urlunsplit(("http", *parts[1:]))
        headers["X-Forwarded-Proto"] = "https"
    try:
        # Only http(s) addresses get here (main() checks the one given; redirects are joined to it).
        response = OPENER.open(urllib.request.Request(url, headers=headers), timeout=30)  # noqa: S310
    except urllib.error.HTTPError as error:
        response = error
    with response:
        body = response.read().decode("utf-8", "replace")
        return response.status, list(response.headers.items()), body, response.headers.get("Location")


def follow(url, behind_proxy, origin=None, limit=10):
    """The addresses visited from `url` through its redirects, and the last response."""
    route = [url]
    for _ in range(limit):
        status, headers, body, location = request(route[-1], behind_proxy, origin)
        if status not in (301, 302, 303, 307, 308) or not location:
            return route, (status, headers, body)
        route.append(urljoin(route[-1], location))
    raise RuntimeError(f"More than {limit} redirects from {url}")


def fetch(url, behind_proxy):
    """A Page for `url` as the Observatory would see it: over HTTPS, and the trip from plain HTTP."""
    parts = urlsplit(url)
    https_url = urlunsplit(("https", *parts[1:])) if behind_proxy else url
    route, (status, headers, body) = follow(https_url, behind_proxy, origin=FOREIGN_ORIGIN)
    try:
        http_route, _ = follow(urlunsplit(("http", *parts[1:])), behind_proxy)
    except OSError:
        http_route = None
    return Page(url=route[-1], headers=headers, body=body, status=status, http_route=http_route)


def wait_for(url, seconds):
    deadline = time.monotonic() + seconds
    while True:
        try:
            OPENER.open(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers, whatever it says
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000/")
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for the server to answer")
    parser.add_argument("--no-proxy", action="store_true", help="score a local address exactly as it answers")
    args = parser.parse_args(argv)

    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        parser.error("give an http:// or https:// address")
    behind_proxy = parts.scheme == "http" and parts.hostname in LOOPBACK and not args.no_proxy
    if args.wait:
        wait_for(args.url, args.wait)
    page = fetch(args.url, behind_proxy)
    if not 200 <= page.status < 300:
        print(f"{page.url} answered {page.status}; the Observatory scores only pages that answer 2xx.")
        return 1
    report = score_page(page)
    if behind_proxy:
        print(f"{args.url} scored as the site behind a TLS proxy (X-Forwarded-Proto: https).")
    for result in report.results:
        print(f"  {result.modifier:+4d}  {result.test}: {result.outcome}")
    print(f"Score: {report.score}  Grade: {report.grade}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
