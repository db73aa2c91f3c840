"""Fetching for the client scripts: the standard library only, so each script shows
what its own library makes of the hub's bytes."""
import sys
import urllib.request


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200:
            sys.exit(f"{url}: HTTP {response.status}")
        return response.read()
