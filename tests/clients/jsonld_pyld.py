"""Reads the schema.org JSON-LD of a hub's event page with python3-pyld: finds the
<script type="application/ld+json"> block, expands it as JSON-LD and prints, as JSON,
the schema.org values it gives (full IRIs, so a wrong term or shape shows).
Usage: python3 jsonld_pyld.py URL"""
import html.parser
import json
import sys

from pyld import jsonld

from _fetch import fetch

S = "https://schema.org/"


class Scripts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside = False
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.inside = True
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


def offline_loader(url, options=None):
    # No network in tests: schema.org's context is the vocabulary itself, which is all
    # this reading needs (terms become https://schema.org/ IRIs).
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}
    raise jsonld.JsonLdError(f"no network: {url}", "jsonld.LoadDocumentError")


parser = Scripts()
parser.feed(fetch(sys.argv[1]).decode("utf-8"))
if len(parser.blocks) != 1:
    sys.exit(f"expected one JSON-LD block, found {len(parser.blocks)}")
expanded = jsonld.expand(json.loads(parser.blocks[0]), {"documentLoader": offline_loader})


def values(node, prop):
    return node.get(S + prop, [])


def first(node, prop):
    found = values(node, prop)
    if not found:
        return None
    item = found[0]
    return item.get("@value", item.get("@id", item))


events = [node for node in expanded if S + "Event" in node.get("@type", [])]
if len(events) != 1:
    sys.exit(f"expected one schema.org Event, found {len(events)}")
event = events[0]
places = []
for place in values(event, "location"):
    address = (values(place, "address") or [{}])[0]
    places.append({
        "type": place.get("@type", [None])[0],
        "name": first(place, "name"),
        "url": first(place, "url"),
        "locality": first(address, "addressLocality"),
        "postalCode": first(address, "postalCode"),
        "region": first(address, "addressRegion"),
    })
offers = [{"price": first(offer, "price"), "currency": first(offer, "priceCurrency"), "description": first(offer, "description")} for offer in values(event, "offers")]
print(json.dumps({
    "name": first(event, "name"),
    "startDate": first(event, "startDate"),
    "endDate": first(event, "endDate"),
    "free": first(event, "isAccessibleForFree"),
    "places": places,
    "offers": offers,
    "schedule": [{"repeatFrequency": first(s, "repeatFrequency"), "startDate": first(s, "startDate")} for s in values(event, "eventSchedule")],
}))
