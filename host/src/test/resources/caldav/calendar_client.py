"""A CalDAV session of python3-caldav (0.11) against the calendar plugin, for CalDavServerTest.

Usage: calendar_client.py owner|other <server root URL> <e-mail> <personal access token> [<event URL of another user>]
Prints one JSON object with what it saw; exits non-zero on any error it did not expect.
"""
import datetime
import json
import sys

import caldav

EVENT = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//python-caldav test//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:20260302T093000
DTEND;TZID=Europe/Berlin:20260302T094500
{rrule}SUMMARY:{summary}
END:VEVENT
END:VCALENDAR
"""
UTC = datetime.timezone.utc


def etag(client, url):
    return client.request(str(url)).headers.get("ETag")


def owner(client, seen):
    principal = client.principal()
    seen["principal"] = str(principal.url)
    calendars = principal.calendars()
    seen["calendars"] = sorted(c.name for c in calendars)
    work = [c for c in calendars if c.name == "Work"][0]

    sync = work.objects_by_sync_token()
    tokens = [sync.sync_token]

    standup = work.save_event(EVENT.format(uid="standup-py", summary="Standup", rrule="RRULE:FREQ=WEEKLY;COUNT=10\n"))
    seen["created"] = str(standup.url)
    gone = work.save_event(EVENT.format(uid="gone-py", summary="Gone soon", rrule=""))
    updated, deleted = sync.sync()
    tokens.append(sync.sync_token)
    seen["syncAfterCreate"] = sorted(str(o.url) for o in updated)

    event = work.event_by_uid("standup-py")
    stale = etag(client, event.url)
    event.vobject_instance.vevent.summary.value = "Standup (moved)"
    event.save()
    seen["etagChanged"] = etag(client, event.url) != stale
    conflict = client.request(
        str(event.url),
        "PUT",
        EVENT.format(uid="standup-py", summary="Lost update", rrule=""),
        {"If-Match": stale, "Content-Type": "text/calendar; charset=utf-8"},
    )
    seen["staleSave"] = conflict.status
    updated, deleted = sync.sync()
    tokens.append(sync.sync_token)
    seen["syncAfterEdit"] = sorted(str(o.url) for o in updated)

    gone.delete()
    updated, deleted = sync.sync()
    tokens.append(sync.sync_token)
    seen["syncAfterDelete"] = sorted(str(o.url) for o in deleted)
    seen["tokens"] = tokens

    # the weekly series from 2 March (ten times) has an instance in the first week of May, none in June
    may = work.date_search(datetime.datetime(2026, 5, 1, tzinfo=UTC), datetime.datetime(2026, 5, 8, tzinfo=UTC),
                           expand=False)
    june = work.date_search(datetime.datetime(2026, 6, 1, tzinfo=UTC), datetime.datetime(2026, 6, 8, tzinfo=UTC),
                            expand=False)
    seen["may"] = sorted(str(e.vobject_instance.vevent.uid.value) for e in may)
    seen["june"] = sorted(str(e.vobject_instance.vevent.uid.value) for e in june)
    seen["summary"] = str(work.event_by_uid("standup-py").vobject_instance.vevent.summary.value)

    phone = principal.make_calendar(name="Phone")
    seen["made"] = str(phone.url)


def other(client, seen, foreign):
    principal = client.principal()
    seen["principal"] = str(principal.url)
    seen["calendars"] = sorted(c.name for c in principal.calendars())
    seen["foreignGet"] = client.request(foreign).status
    seen["foreignPropfind"] = client.propfind(foreign.rsplit("/", 1)[0] + "/", depth=1).status
    seen["foreignDelete"] = client.request(foreign, "DELETE").status


def main():
    mode, root, email, token = sys.argv[1:5]
    client = caldav.DAVClient(root + ".well-known/caldav", username=email, password=token)
    seen = {}
    if mode == "owner":
        owner(client, seen)
    else:
        other(client, seen, sys.argv[5])
    print(json.dumps(seen))


main()
