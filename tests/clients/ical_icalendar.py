"""Reads a hub's iCalendar export with python3-icalendar and prints, as JSON, what it
understood of each VEVENT (the test compares that with what was published).
Usage: python3 ical_icalendar.py URL"""
import datetime
import json
import sys

import icalendar

from _fetch import fetch


def when(prop):
    value = prop.dt
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            sys.exit(f"floating date-time {value!r}: no time zone")
        return {"kind": "date-time", "local": value.replace(tzinfo=None).isoformat(), "utc": value.astimezone(datetime.timezone.utc).isoformat(), "tzid": prop.params.get("TZID")}
    return {"kind": "date", "date": value.isoformat()}


calendar = icalendar.Calendar.from_ical(fetch(sys.argv[1]))
events = []
for vevent in calendar.walk("VEVENT"):
    rrule = vevent.get("RRULE")
    geo = vevent.get("GEO")
    events.append({
        "uid": str(vevent.get("UID")),
        "summary": str(vevent.get("SUMMARY")),
        "start": when(vevent.get("DTSTART")),
        "end": when(vevent.get("DTEND")),
        "location": None if vevent.get("LOCATION") is None else str(vevent.get("LOCATION")),
        "geo": None if geo is None else [geo.latitude, geo.longitude],
        "rrule": None if rrule is None else rrule.to_ical().decode(),
        "status": None if vevent.get("STATUS") is None else str(vevent.get("STATUS")),
    })
zones = [str(zone.get("TZID")) for zone in calendar.walk("VTIMEZONE")]
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "zones": zones, "events": events}))
