# Varnish in front of two app servers (gunicorn), keeping the pages the app marks as shared.
#
# Behind the TLS proxy, with a public port and a purge port only the app servers reach:
#
#   varnishd -f /etc/varnish/default.vcl -a public=127.0.0.1:6081 -a purge=10.0.0.10:6082 \
#            -s malloc,512m
#
# and on each app server FRONTEND_CACHE_URL=http://10.0.0.10:6082. Set the app servers' addresses
# below, the public host name in the health probe, and the purgers ACL. See docs/operations.md.

vcl 4.1;

import directors;
import std;

# robots.txt needs no database. The Host must be one of ALLOWED_HOSTS, and X-Forwarded-Proto
# keeps the app from redirecting the probe to HTTPS.
probe app_health {
    .request =
        "GET /robots.txt HTTP/1.1"
        "Host: trainings.example.org"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .expected_response = 200;
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = app_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = app_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app servers (and this machine, for an operator).
acl purgers {
    "localhost";
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_recv {
    if (req.method == "PURGE") {
        # Only on the purge port: the TLS proxy forwards visitors to the public port from this
        # machine, so there every visitor's address would pass the ACL.
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # One purge forgets every copy of the path: each query string (?page=2) and encoding.
        ban("obj.http.X-Cache-Host == " + req.http.host +
            " && obj.http.X-Cache-Path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }

    set req.backend_hint = app.backend();

    # Only GET and HEAD are answered from the cache; POSTs always reach the app.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, search results, documents, registrants' own pages and registration forms are never
    # kept (the app marks the last two no-store as well).
    if (req.url ~ "^/(admin|django-admin|search|documents|registration)(/|\?|$)"
        || req.url ~ "/register/(\?|$)"
        || req.http.Authorization) {
        return (pass);
    }
    # Logged-in staff, visitors who opened a private page (session) and visitors with a form's
    # CSRF cookie get their own pages, with their cookies.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie (analytics, say) changes nothing the app sends an anonymous visitor: without
    # it every visitor shares one copy, and the app never sees it.
    unset req.http.Cookie;

    # Serve a copy up to 10 s past its lifetime while a fresh one is fetched; while no app server
    # is healthy, up to the grace set below.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # The app builds absolute addresses (feeds, sitemap) from the scheme the TLS proxy reports.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # What a purge matches: the host and the path without its query string.
    set beresp.http.X-Cache-Host = bereq.http.host;
    set beresp.http.X-Cache-Path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);
    }
    # An app error while refreshing a copy in the background: keep serving the copy.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Keep only what the app marked for shared caches (public, s-maxage: Varnish takes its lifetime
    # from s-maxage), never anything setting a cookie or private, nor a response with no
    # Cache-Control at all (errors, documents, the API). The mark lasts two minutes, during which
    # requests for the address go straight to the app without waiting for one another.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # The app compresses shared text responses itself; Varnish keeps that copy and unzips it for
    # the rare client that cannot take gzip.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    # HIT, MISS or PASS, for operators; Age says how long a HIT was kept.
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Cache-Host;
    unset resp.http.X-Cache-Path;
}
