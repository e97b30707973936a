"""The cache's key function (`KEY_FUNCTION` in CACHES): Django's own form of key, except that a key
longer than the 250 characters memcached accepts, and Django warns about for every backend, is kept
under a digest of itself. Keys are built from what visitors send (addresses, filters), and a
page's address alone may run to hundreds of characters."""

import hashlib

LONGEST = 250


def make_key(key, key_prefix, version):
    full = f"{key_prefix}:{version}:{key}"
    if len(full) <= LONGEST:
        return full
    return f"{key_prefix}:{version}:sha256-{hashlib.sha256(key.encode()).hexdigest()}"
