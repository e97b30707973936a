"""bench/header_score.py scores headers by the HTTP Observatory's published rules."""

import pytest

from bench.header_score import Page, grade_for, score_page

# What production sent before the Content-Security-Policy and Cross-Origin-Resource-Policy.
OLD_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
]
REDIRECTED = ["http://trainings.example.org/", "https://trainings.example.org/"]


def page(*headers, body="<!DOCTYPE html><title>t</title>", http_route=REDIRECTED, url=None):
    return Page(
        url=url or "https://trainings.example.org/", headers=list(headers), body=body, http_route=http_route
    )


def outcomes(report):
    return {result.test: (result.outcome, result.modifier) for result in report.results}


def test_the_site_before_this_policy_scored_a_b():
    report = score_page(page(*OLD_HEADERS))
    assert (report.score, report.grade) == (75, "B")
    assert outcomes(report)["content-security-policy"] == ("csp-not-implemented", -25)


def test_a_site_with_no_security_headers_fails():
    report = score_page(
        page(("Content-Type", "text/html"), url="http://example.org/", http_route=["http://example.org/"])
    )
    assert outcomes(report)["redirection"] == ("redirection-missing", -20)
    assert outcomes(report)["strict-transport-security"] == ("hsts-not-implemented-no-https", -20)
    assert (report.score, report.grade) == (10, "F")


def test_bonuses_count_only_for_a_site_already_at_an_a():
    unsafe = ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'")
    report = score_page(page(*OLD_HEADERS, unsafe, ("Cross-Origin-Resource-Policy", "same-origin")))
    assert outcomes(report)["content-security-policy"] == ("csp-implemented-with-unsafe-inline", -20)
    # 100 - 20 = 80 is below 90, so the +5 (referrer), +5 (frame-ancestors) and +10 (CORP) are withheld.
    assert (report.score, report.grade) == (80, "B+")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            "default-src 'none'; script-src 'self'; style-src 'self'",
            ("csp-implemented-with-no-unsafe-default-src-none", 10),
        ),
        ("default-src 'self'", ("csp-implemented-with-no-unsafe", 5)),
        (
            "default-src 'self'; style-src 'self' 'unsafe-inline'",
            ("csp-implemented-with-unsafe-inline-in-style-src-only", 0),
        ),
        ("default-src 'self'; script-src 'self' 'unsafe-eval'", ("csp-implemented-with-unsafe-eval", -10)),
        (
            "default-src 'self'; img-src http://images.example.org",
            ("csp-implemented-with-insecure-scheme-in-passive-content-only", -10),
        ),
        (
            "default-src 'self'; script-src http://cdn.example.org",
            ("csp-implemented-with-insecure-scheme", -20),
        ),
        ("script-src 'self'", ("csp-implemented-with-unsafe-inline", -20)),  # object-src falls back to *
        ("default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'", ("csp-implemented-with-no-unsafe", 5)),
        ("default-src 'self'; script-src 'strict-dynamic'", ("csp-header-invalid", -25)),
    ],
)
def test_content_security_policy(policy, expected):
    report = score_page(page(*OLD_HEADERS, ("Content-Security-Policy", policy)))
    assert outcomes(report)["content-security-policy"] == expected


@pytest.mark.parametrize(
    ("cookies", "expected"),
    [
        ([], ("cookies-not-found", 0)),
        (
            ["csrftoken=a; Path=/; SameSite=Lax; Secure"],
            ("cookies-secure-with-httponly-sessions-and-samesite", 5),
        ),
        (["sessionid=a; Path=/; Secure; HttpOnly"], ("cookies-secure-with-httponly-sessions", 0)),
        (["sessionid=a; Path=/; Secure; SameSite=Lax"], ("cookies-session-without-httponly-flag", -30)),
        (["csrftoken=a; Path=/; Secure"], ("cookies-anticsrf-without-samesite-flag", -20)),
        (["theme=dark; Path=/; SameSite=Lax"], ("cookies-without-secure-flag-but-protected-by-hsts", -5)),
    ],
)
def test_cookies(cookies, expected):
    report = score_page(page(*OLD_HEADERS, *(("Set-Cookie", cookie) for cookie in cookies)))
    assert outcomes(report)["cookies"] == expected


@pytest.mark.parametrize(
    ("scripts", "expected"),
    [
        ("", ("sri-not-implemented-but-no-scripts-loaded", 0)),
        (
            '<script src="/static/js/search.js"></script>',
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0),
        ),
        (
            '<script src="/static/a.js" integrity="sha384-x"></script>',
            ("sri-implemented-and-all-scripts-loaded-securely", 5),
        ),
        (
            '<script src="https://cdn.example.net/a.js"></script>',
            ("sri-not-implemented-but-external-scripts-loaded-securely", -5),
        ),
        (
            '<script src="http://cdn.example.net/a.js"></script>',
            ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50),
        ),
    ],
)
def test_subresource_integrity(scripts, expected):
    report = score_page(page(*OLD_HEADERS, body=f"<!DOCTYPE html><title>t</title>{scripts}"))
    assert outcomes(report)["subresource-integrity"] == expected


def test_frame_ancestors_stands_in_for_x_frame_options():
    headers = [header for header in OLD_HEADERS if header[0] != "X-Frame-Options"]
    without = score_page(page(*headers, ("Content-Security-Policy", "default-src 'self'")))
    assert outcomes(without)["x-frame-options"] == ("x-frame-options-not-implemented", -20)
    policy = ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
    assert outcomes(score_page(page(*headers, policy)))["x-frame-options"] == (
        "x-frame-options-implemented-via-csp",
        5,
    )


@pytest.mark.parametrize(
    ("score", "grade"),
    [(135, "A+"), (100, "A+"), (95, "A"), (90, "A"), (89, "A-"), (84, "B+"), (25, "D-"), (24, "F")],
)
def test_grades(score, grade):
    assert grade_for(score) == grade
