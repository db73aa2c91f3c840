"""Reads a hub's RSS or Atom feed with python3-feedparser and prints, as JSON, the
entries it found; a feed feedparser calls ill-formed (bozo) fails the script.
Usage: python3 feed_feedparser.py URL"""
import json
import sys

import feedparser

from _fetch import fetch

feed = feedparser.parse(fetch(sys.argv[1]))
if feed.bozo:
    sys.exit(f"{sys.argv[1]}: ill-formed feed: {feed.bozo_exception!r}")
entries = []
for entry in feed.entries:
    contents = [part.value for part in entry.get("content", [])]
    entries.append({
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "published": entry.get("published"),
        "content": "\n".join(contents) if contents else entry.get("summary", ""),
        "tags": [tag.term if tag.get("label") is None else tag.label for tag in entry.get("tags", [])],
    })
links = [{"rel": link.get("rel"), "href": link.get("href")} for link in feed.feed.get("links", [])]
print(json.dumps({"version": feed.version, "title": feed.feed.get("title"), "links": links, "entries": entries}))
