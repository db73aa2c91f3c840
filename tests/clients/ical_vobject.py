"""Reads a hub's iCalendar export with python3-vobject (a second, independent iCal
parser) and prints what it understood of each VEVENT as JSON.
Usage: python3 ical_vobject.py URL"""
import datetime
import json
import sys

import vobject

from _fetch import fetch


def when(line):
    value = line.value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            sys.exit(f"floating date-time {value!r}: no time zone")
        return {"kind": "date-time", "local": value.replace(tzinfo=None).isoformat(), "utc": value.astimezone(datetime.timezone.utc).isoformat(), "tzid": vobject.icalendar.TimezoneComponent.pickTzid(value.tzinfo)}
    return {"kind": "date", "date": value.isoformat()}


calendar = vobject.readOne(fetch(sys.argv[1]).decode("utf-8"))
events = []
for vevent in calendar.contents.get("vevent", []):
    item = {
        "uid": vevent.uid.value,
        "summary": vevent.summary.value,
        "start": when(vevent.dtstart),
        "end": when(vevent.dtend),
        "location": vevent.location.value if hasattr(vevent, "location") else None,
        "rrule": vevent.rrule.value if hasattr(vevent, "rrule") else None,
    }
    # vobject expands the rule itself (dateutil): the first three dates it gives.
    if hasattr(vevent, "rrule"):
        item["occurrences"] = [when_value.isoformat() for when_value in list(vevent.getrruleset(addRDate=True))[:3]]
    events.append(item)
print(json.dumps({"events": events}))
