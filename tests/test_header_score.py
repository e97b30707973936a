"""bench/header_score.py scores headers by the HTTP Observatory's published rules, and the site's
public pages under the production settings earn an A+."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from bench.header_score import Page, grade_for, main, score_page

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


def sent_headers(response):
    """The headers a Django response goes out with, its cookies included."""
    cookies = [("Set-Cookie", morsel.OutputString()) for morsel in response.cookies.values()]
    return [*response.headers.items(), *cookies]


def scored(response, url, http_route):
    return score_page(
        Page(
            url=url,
            headers=sent_headers(response),
            body=response.content.decode(),
            http_route=http_route,
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/search/?q=power"])
def test_public_pages_score_an_a_plus_under_the_production_settings(
    path, production_headers, site_root, client
):
    plain = client.get(path)  # over HTTP: sent to HTTPS
    assert plain.status_code == 301
    response = client.get(path, secure=True)
    assert response.status_code == 200
    report = scored(response, f"https://testserver{path}", [f"http://testserver{path}", plain["Location"]])
    assert report.score >= 100, outcomes(report)
    assert report.grade == "A+"
    assert all(result.modifier >= 0 for result in report.results), outcomes(report)


def replaying(response):
    """A server on this machine that answers like the site behind its TLS proxy: plain HTTP is sent
    to HTTPS, and what the proxy forwards as HTTPS gets `response`'s headers and body."""
    body = response.content

    class Handler(BaseHTTPRequestHandler):
        seen = []

        def do_GET(self):
            Handler.seen.append(dict(self.headers))
            if self.headers.get("X-Forwarded-Proto") != "https":
                self.send_response(301)
                self.send_header("Location", f"https://{self.headers['Host']}{self.path}")
                self.end_headers()
                return
            self.send_response(200)
            for name, value in sent_headers(response):
                if name.lower() != "content-length":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return HTTPServer(("127.0.0.1", 0), Handler), Handler.seen


@pytest.mark.django_db
def test_the_script_scores_the_site_over_http(production_headers, site_root, client, capsys):
    server, seen = replaying(client.get("/", secure=True))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        assert main([f"http://127.0.0.1:{server.server_port}/"]) == 0
    finally:
        server.shutdown()
        server.server_close()
    printed = capsys.readouterr().out
    assert "redirection: redirection-to-https" in printed
    assert "Grade: A+" in printed
    # It asked as another site would, to see whether the site opens itself to others (CORS).
    assert any(request.get("Origin") for request in seen)
