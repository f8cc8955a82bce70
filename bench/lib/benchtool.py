#!/usr/bin/env python3
"""Helpers for bench/run (standard library only): jar rewriting, the admin-API scenarios, wrk/JFR parsing, report.

Every network call goes to the URL given (127.0.0.1), with a timeout; every loop is bounded in count and time.
"""
import argparse
import collections
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

POLL_SECONDS = 0.002


# ---------------------------------------------------------------------------------------------------------- http
def http(method, url, token=None, body=None, content_type=None, timeout=30):
    """@return (status, body text); status 0 for a socket error."""
    request = urllib.request.Request(url, data=body, method=method)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as e:
        return 0, str(e)


def wait_for_200(url, deadline_seconds, token=None):
    """Polls url (with the bearer token, if any) until it answers 200. @return seconds waited, or None when the
    deadline passed."""
    start = time.monotonic()
    while time.monotonic() - start < deadline_seconds:
        status, _ = http("GET", url, token, timeout=5)
        if status == 200:
            return time.monotonic() - start
        time.sleep(POLL_SECONDS)
    return None


def start_times(t0_ns, tasks_url, health_url, deadline_seconds, token):
    """Polls both URLs until each has answered 200, the tasks list with the user's bearer token. @return ms from t0
    (epoch ns) to each first 200."""
    found = {}
    while len(found) < 2 and time.time_ns() - t0_ns < deadline_seconds * 1e9:
        for key, url, auth in (("firstTasksOkMs", tasks_url, token), ("healthyMs", health_url, None)):
            if key not in found and http("GET", url, auth, timeout=5)[0] == 200:
                found[key] = round((time.time_ns() - t0_ns) / 1e6, 1)
        time.sleep(POLL_SECONDS * 5)
    return found


# ---------------------------------------------------------------------------------------------------------- jars
def rewrite_version(source, target, version):
    """Copies a plugin jar with another Bundle-Version (as host tests' Fixtures.asVersion does)."""
    with zipfile.ZipFile(source) as jar_in, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as jar_out:
        for item in jar_in.infolist():
            data = jar_in.read(item.filename)
            if item.filename == "META-INF/MANIFEST.MF":
                text = data.decode("utf-8")
                text, count = re.subn(r"(?m)^Bundle-Version: [^\r\n]*", "Bundle-Version: " + version, text)
                if count != 1:
                    raise SystemExit("no Bundle-Version header in " + source)
                data = text.encode("utf-8")
            jar_out.writestr(item, data)


# ----------------------------------------------------------------------------------------------------- scenarios
def install_latency(args):
    """Scenario 2: upload the jar, time until the plugin's route answers 200; uninstall with purge in between."""
    jar = open(args.jar, "rb").read()
    samples, failures = [], []
    for run in range(args.runs):
        http("DELETE", args.base + "/admin/plugins/" + args.id + "?purge=true", args.token)
        start = time.monotonic()
        status, text = http("POST", args.base + "/admin/plugins", args.token, jar, "application/java-archive")
        upload_done = time.monotonic()
        if status != 201:
            failures.append({"run": run, "status": status, "body": text[:300]})
            continue
        waited = wait_for_200(args.base + args.route, 30, args.user_token)
        if waited is None:
            failures.append({"run": run, "status": "route never answered 200 within 30 s"})
            continue
        samples.append({"uploadMs": round((upload_done - start) * 1000, 1),
                        "firstOkMs": round((upload_done - start + waited) * 1000, 1)})
    if args.keep:
        status, _ = http("GET", args.base + "/admin/plugins/" + args.id, args.token)
        if status != 200:
            http("POST", args.base + "/admin/plugins", args.token, jar, "application/java-archive")
    else:
        http("DELETE", args.base + "/admin/plugins/" + args.id + "?purge=true", args.token)
    firsts = [s["firstOkMs"] for s in samples]
    print(json.dumps({"runs": samples, "failures": failures,
                      "minMs": min(firsts) if firsts else None,
                      "medianMs": statistics.median(firsts) if firsts else None,
                      "maxMs": max(firsts) if firsts else None}))


def upgrade_cycles(args):
    """Scenario 3: alternate upgrade to the newer jar and rollback, args.count operations in all."""
    newer = open(args.newer, "rb").read()
    operations = []
    deadline = time.monotonic() + args.max_seconds
    for n in range(args.count):
        if time.monotonic() > deadline:
            break
        start = time.monotonic()
        if n % 2 == 0:
            kind = "upgrade"
            status, text = http("PUT", args.base + "/admin/plugins/" + args.id, args.token, newer,
                                "application/java-archive")
        else:
            kind = "rollback"
            status, text = http("POST", args.base + "/admin/plugins/" + args.id + "/rollback", args.token)
        version = json.loads(text).get("version") if status == 200 else text[:300]
        operations.append({"op": kind, "status": status, "ms": round((time.monotonic() - start) * 1000, 1),
                           "version": version})
        time.sleep(args.pause)
    ok = [o for o in operations if o["status"] == 200]
    print(json.dumps({"operations": operations, "succeeded": len(ok), "attempted": len(operations),
                      "medianMs": statistics.median([o["ms"] for o in ok]) if ok else None}))


# ------------------------------------------------------------------------------------------------------- modules
# Words of the seeded notes: each body has 4 of the COMMON words (so a search for one finds about a sixth of the
# notes) and 3 of the RARE ones (a few dozen notes each), among FILLER words, most of them stop words that the
# 'english' text search configuration leaves out. Fixed lists and a fixed random seed: every run seeds the same.
COMMON_WORDS = ("budget project garden travel recipe meeting review kitchen bicycle library coffee market weekend "
                "family health music school window river mountain letter office camera planet").split()
RARE_WORDS = ("anchor bamboo canyon dolphin eclipse falcon glacier harbor island jasmine kettle lantern meadow "
              "nectar orchard pebble quartz saddle thistle umbrella velvet walnut yacht zephyr acorn blossom "
              "cactus dune ember fjord gazebo hazel igloo jigsaw kayak lagoon marble nutmeg oyster parsley quiver "
              "ribbon sapphire tundra urchin violin willow xylophone yodel zinnia almond beacon cobalt drizzle "
              "emerald fennel granite hammock indigo juniper kiwi lemonade magnet noodle opal pepper quilt raven "
              "saffron tulip utensil vortex wombat yarrow zucchini asteroid biscuit compass dragonfly easel flannel "
              "gondola harmonica iceberg jellyfish koala lobster mosaic nebula origami pelican quokka rhubarb "
              "scooter trombone unicorn vanilla waffle yogurt zeppelin").split()
FILLER_WORDS = "the and with for about from into after before over some more this that then when while our".split()
NOTE_TAGS = "work home ideas reading health travel finance family errands someday".split()
SEARCH_WORDS = COMMON_WORDS[:6] + RARE_WORDS[:6] + ["garden+budget", "lantern+-meeting"]


def note_title(n):
    return "Note %04d %s %s" % (n, COMMON_WORDS[n % len(COMMON_WORDS)], RARE_WORDS[n % len(RARE_WORDS)])


def seeded_note(n, count, task_ids, rng):
    """@return the POST body of the seeded note number n (0-based) of count: every 2nd has tags, every 3rd wiki
    links (to other seeded notes, every 5th of those one to a title no note has), every 4th task ids."""
    words = rng.sample(COMMON_WORDS, 4) + rng.sample(RARE_WORDS, 3)
    words += [rng.choice(FILLER_WORDS) for _ in range(rng.randint(20, 60))]
    rng.shuffle(words)
    sentences, i = [], 0
    while i < len(words):
        size = rng.randint(6, 12)
        sentences.append(" ".join(words[i:i + size]).capitalize() + ".")
        i += size
    body = " ".join(sentences)
    if n % 3 == 0:
        targets = [note_title(rng.randrange(count)) for _ in range(rng.randint(1, 3))]
        body += "\n\nSee " + ", ".join("[[%s]]" % t for t in targets)
        if n % 5 == 0:
            body += " and [[Someday idea %d|later]]" % n
        body += "."
    note = {"title": note_title(n), "body": body}
    if n % 2 == 0:
        note["tags"] = rng.sample(NOTE_TAGS, rng.randint(1, 3))
    if n % 4 == 0 and task_ids:
        note["taskIds"] = rng.sample(task_ids, min(len(task_ids), rng.randint(1, 5)))
    return note


def seeded_habit(n):
    """@return the POST body of the seeded habit n: YES_NO and MEASURABLE alternating, every 3rd on MO WE FR."""
    habit = {"name": "Habit %02d" % n, "kind": "YES_NO"}
    if n % 2 == 1:
        habit.update({"name": "Drink water %02d" % n, "kind": "MEASURABLE", "target": 8, "unit": "glasses"})
    if n % 3 == 0:
        habit["days"] = ["MO", "WE", "FR"]
    return habit


def seed_modules(args):
    """Creates the bench user's notes and habits through the API (4 requests at a time) and prints the routes of
    the modules scenario: name, method and the paths a wrk run rotates through."""
    import concurrent.futures
    rng = random.Random(20261126)
    task_ids = [int(t) for t in args.task_ids.split(",") if t]
    notes = [seeded_note(n, args.notes, task_ids, rng) for n in range(args.notes)]

    def create(kind, body):
        status, text = http("POST", args.base + "/api/" + kind, args.token, json.dumps(body).encode("utf-8"),
                            "application/json")
        if status != 201:
            raise SystemExit("seeding: POST /api/%s answered %s: %s (body %s)" % (kind, status, text[:300],
                                                                                  json.dumps(body)[:300]))
        return json.loads(text)["id"]

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        note_ids = list(pool.map(lambda body: create("notes", body), notes))
        habit_ids = list(pool.map(lambda n: create("habits", seeded_habit(n)), range(args.habits)))
    seconds = round(time.monotonic() - start, 1)
    detail = [str(note_ids[n]) for n in range(0, args.notes, 12) if "taskIds" in notes[n]][:100]
    routes = [
        {"name": "notes-search", "route": "GET /api/notes?q=<word>&limit=20", "method": "GET",
         "paths": ["/api/notes?q=%s&limit=20" % w for w in SEARCH_WORDS]},
        {"name": "notes-tag", "route": "GET /api/notes?tag=<tag>&limit=50", "method": "GET",
         "paths": ["/api/notes?tag=%s&limit=50" % t for t in NOTE_TAGS]},
        {"name": "notes-get", "route": "GET /api/notes/{id} (wiki links, linked tasks)", "method": "GET",
         "paths": ["/api/notes/" + i for i in detail]},
        {"name": "habits-stats", "route": "GET /api/habits/{id}/stats", "method": "GET",
         "paths": ["/api/habits/%d/stats" % i for i in habit_ids]},
        {"name": "habits-check-in", "route": "POST /api/habits/{id}/check-ins (empty body)", "method": "POST",
         "paths": ["/api/habits/%d/check-ins" % i for i in habit_ids]},
        {"name": "tasks-list", "route": "GET /api/tasks?" + args.tasks_query, "method": "GET",
         "paths": ["/api/tasks?" + args.tasks_query]},
    ]
    print(json.dumps({"notes": len(note_ids), "habits": len(habit_ids), "seedSeconds": seconds,
                      "searchWords": SEARCH_WORDS, "tags": NOTE_TAGS, "routes": routes}))


def modules_routes(args):
    """Prints the modules scenario's routes for bench/run, one a line: name, method, paths (space-separated)."""
    for route in load(args.seed)["routes"]:
        print("\t".join((route["name"], route["method"], " ".join(route["paths"]))))


# ------------------------------------------------------------------------------------------------------- parsing
def wrk_json(path):
    """@return the BENCH_JSON record of a wrk output file, with requests/s and errors added up."""
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("BENCH_JSON "):
            record = json.loads(line[len("BENCH_JSON "):])
            seconds = record["durationUs"] / 1e6
            record["rps"] = round(record["requests"] / seconds, 1) if seconds else 0
            record["failed"] = sum(record["errors"].values())
            record["latencyMs"] = {k: round(v / 1000, 3) for k, v in record.pop("latencyUs").items()}
            return record
    return {"error": "wrk produced no result (see " + os.path.basename(path) + ")"}


def wrk_statuses(path):
    """@return the BENCH_STATUS record of a wrk output file (modules.lua): status code (text) to count; None when
    there is none."""
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("BENCH_STATUS "):
            return json.loads(line[len("BENCH_STATUS "):])
    return None


def jfr_top(path, limit=15):
    """@return the hottest methods of a JFR recording's execution samples: self (top frame) and inclusive."""
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", path],
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        return {"error": out.stderr.strip()[:300]}
    events = json.loads(out.stdout)["recording"]["events"]
    self_counts, inclusive, packages = collections.Counter(), collections.Counter(), collections.Counter()
    for event in events:
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        names = []
        for frame in frames:
            method = frame["method"]
            names.append(method["type"]["name"].replace("/", ".") + "." + method["name"])
        if names:
            self_counts[names[0]] += 1
            for name in set(names):
                if not name.startswith(("java.", "jdk.", "sun.")):
                    inclusive[name] += 1
            for package in set(package_of(name) for name in names):
                packages[package] += 1
    total = len(events)

    def share(counter):
        return [{"method": m, "samples": c, "pct": round(100.0 * c / total, 1)} for m, c in counter.most_common(limit)]

    return {"samples": total, "selfTop": share(self_counts), "inclusiveTop": share(inclusive),
            "packagesInclusive": [{"package": p, "pct": round(100.0 * c / total, 1)}
                                  for p, c in packages.most_common(25)]}


def package_of(method, depth=3):
    """@return the first depth components of a method's package, e.g. org.glassfish.jersey."""
    parts = []
    for part in method.split(".")[:depth]:
        if not part or part[0].isupper():
            break
        parts.append(part)
    return ".".join(parts) or method


def vm_rss_kib(pid):
    try:
        for line in open("/proc/%s/status" % pid):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


# -------------------------------------------------------------------------------------------------------- report
def load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def report(args):
    work = args.work
    meta = load(os.path.join(work, "meta.json"), {})
    result = {"meta": meta, "throughput": {}, "paced": {}, "install": load(os.path.join(work, "install.json")),
              "upgradeUnderLoad": load(os.path.join(work, "upgrade.json")),
              "start": load(os.path.join(work, "start.json"), {}), "profiles": {}}
    # scenario 1: wrk outputs named <side>-<endpoint>-c<connections>.out
    for name in sorted(os.listdir(work)):
        match = re.fullmatch(r"(host|baseline)-(get|post)-c(\d+)\.out", name)
        if match:
            side, endpoint, conns = match.groups()
            result["throughput"].setdefault(endpoint, {}).setdefault(conns, {})[side] = \
                wrk_json(os.path.join(work, name))
        match = re.fullmatch(r"(host|baseline)-paced\.out", name)
        if match:
            result["paced"][match.group(1)] = wrk_json(os.path.join(work, name))
        match = re.fullmatch(r"(upgrade-tasks|upgrade-sample)\.out", name)
        if match:
            result["upgradeUnderLoad"] = result["upgradeUnderLoad"] or {}
            result["upgradeUnderLoad"][match.group(1).split("-")[1] + "Load"] = wrk_json(os.path.join(work, name))
        match = re.fullmatch(r"(.+)\.jfr", name)
        if match:
            result["profiles"][match.group(1)] = jfr_top(os.path.join(work, name))
    paced_meta = load(os.path.join(work, "paced.json"))
    if paced_meta:
        result["paced"]["settings"] = paced_meta
    for endpoint, levels in result["throughput"].items():
        for conns, sides in levels.items():
            host, base = sides.get("host", {}), sides.get("baseline", {})
            if host.get("rps") and base.get("rps"):
                sides["ratio"] = round(host["rps"] / base["rps"], 3)
    seed = load(os.path.join(work, "modules-seed.json"))
    if seed:
        result["modules"] = modules_result(work, seed, meta)
    result["targets"] = targets(result)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
    with open(args.md, "w") as f:
        f.write(markdown(result))


MODULES_P95_LIMIT_MS = 200


def modules_result(work, seed, meta):
    """The modules scenario: per route its wrk figures, the statuses answered and the p95 target."""
    routes = []
    for route in seed["routes"]:
        path = os.path.join(work, "modules-%s.out" % route["name"])
        record = wrk_json(path) if os.path.exists(path) else {"error": "not run"}
        statuses = wrk_statuses(path) if os.path.exists(path) else None
        p95 = record.get("latencyMs", {}).get("p95")
        row = {"name": route["name"], "route": route["route"], "method": route["method"],
               "rotatedPaths": len(route["paths"]), "examplePath": route["paths"][0]}
        row.update(record)
        row["statuses"] = statuses
        row["non2xx"] = sum(c for code, c in statuses.items() if not code.startswith("2")) \
            if statuses is not None else None
        row["socketErrors"] = sum(v for k, v in record.get("errors", {}).items() if k != "status") \
            if "errors" in record else None
        row["p95Met"] = p95 is not None and record.get("requests", 0) > 0 and p95 < MODULES_P95_LIMIT_MS
        if record.get("requests") and "latencyMs" in record:
            # Closed loop: the latencies of one connection cannot add up to more than the run's duration, so this
            # is at most about 1; well above 1, wrk's latency samples do not match its request count.
            row["latencySumPerConnectionAndSecond"] = round(
                record["latencyMs"]["mean"] * record["requests"]
                / (1000.0 * (meta.get("modulesConnections") or 1) * record["durationUs"] / 1e6), 2)
        row["serverLog"] = server_log_latencies(work, route)
        routes.append(row)
    return {"connections": meta.get("modulesConnections"), "p95LimitMs": MODULES_P95_LIMIT_MS,
            "seed": {"notes": seed.get("notes"), "habits": seed.get("habits"),
                     "habitHistoryDays": meta.get("habitHistoryDays"), "apiSeedSeconds": seed.get("seedSeconds"),
                     "hits": load(os.path.join(work, "modules-hits.json"))},
            "routes": routes}


REQUEST_LOG_LINE = re.compile(r'"(\S+) (\S+) HTTP/[0-9.]+" (\d+) \S+ (\d+) ms')


def server_log_latencies(work, route):
    """The host's own view of a route's measured run: the request log lines (Dropwizard's, "%D ms": milliseconds
    from the request's arrival to the response written) between the line counts bench/run noted before and after
    the run, for the route's method and paths. @return count, statuses and percentiles in ms, or None."""
    bounds, log = os.path.join(work, "modules-%s.loglines" % route["name"]), os.path.join(work, "host.log")
    if not (os.path.exists(bounds) and os.path.exists(log)):
        return None
    first, last = (int(x) for x in open(bounds).read().split())
    paths, millis, statuses = set(route["paths"]), [], collections.Counter()
    with open(log, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f):
            if number < first:
                continue
            if number >= last:
                break
            match = REQUEST_LOG_LINE.search(line)
            if match and match.group(1) == route["method"] and match.group(2) in paths:
                millis.append(int(match.group(4)))
                statuses[match.group(3)] += 1
    if not millis:
        return {"requests": 0}
    millis.sort()

    def pct(p):
        return millis[min(len(millis) - 1, int(len(millis) * p / 100.0))]

    return {"requests": len(millis), "statuses": dict(statuses), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": millis[-1], "mean": round(sum(millis) / float(len(millis)), 2)}


def targets(r):
    rows = []
    ratios = [sides["ratio"] for levels in r["throughput"].values() for sides in levels.values() if "ratio" in sides]
    worst = min(ratios) if ratios else None
    rows.append({"target": "throughput ratio host/baseline >= 0.95 (worst level)", "value": worst,
                 "met": worst is not None and worst >= 0.95})
    host_paced = r["paced"].get("host", {})
    p99 = host_paced.get("latencyMs", {}).get("p99")
    rows.append({"target": "host p99 < 10 ms at half of peak GET throughput", "value": p99,
                 "met": p99 is not None and p99 < 10})
    install = (r["install"] or {}).get("maxMs")
    rows.append({"target": "install < 500 ms (upload to first 200, worst of runs)", "value": install,
                 "met": install is not None and install < 500})
    upgrade = r["upgradeUnderLoad"] or {}
    loads = [upgrade.get("tasksLoad"), upgrade.get("sampleLoad")]
    failed = sum(l.get("failed", 0) for l in loads if l) if all(l and "failed" in l for l in loads) else None
    all_ops = upgrade.get("succeeded") is not None and upgrade.get("succeeded") == upgrade.get("attempted") \
        and upgrade.get("attempted", 0) > 0
    rows.append({"target": "0 failed requests during upgrades/rollbacks (all operations succeeded)",
                 "value": failed, "met": failed == 0 and all_ops})
    start = r["start"].get("warmStart", {}).get("firstTasksOkMs")
    rows.append({"target": "warm start to first 200 of GET /api/tasks < 3 s", "value": start,
                 "met": start is not None and start < 3000})
    routes = (r.get("modules") or {}).get("routes")
    if routes:
        p95s = [x.get("latencyMs", {}).get("p95") for x in routes]
        worst = max(p95s) if None not in p95s else None
        rows.append({"target": "module routes p95 < %d ms and only 2xx answers (worst route's p95)"
                               % MODULES_P95_LIMIT_MS, "value": worst,
                     "met": all(x["p95Met"] and x["non2xx"] == 0 and x["socketErrors"] == 0 for x in routes)})
    return rows


def fmt(value, digits=1):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return ("%." + str(digits) + "f") % value
    return str(value)


def markdown(r):
    m = r["meta"]
    lines = ["# MetaCortex bench, %s" % m.get("date", "?"), "",
             "Mode: **%s** (warm-up %s s, measured %s s per level). Machine: %s cores, %s. Database: %s. "
             "Git: `%s`." % (m.get("mode"), m.get("warmupSeconds"), m.get("durationSeconds"), m.get("cores"),
                             m.get("java"), m.get("database"), m.get("git")), ""]
    if m.get("mode") == "quick":
        lines += ["> Quick mode: durations too short for figures to mean much; it proves the bench runs.", ""]
    lines += ["## Targets", "", "| target | value | met |", "|---|---|---|"]
    for t in r["targets"]:
        lines.append("| %s | %s | %s |" % (t["target"], fmt(t["value"], 3), "met" if t["met"] else "**NOT met**"))
    lines += ["", "## 1. Throughput and latency, host vs baseline", "",
              "Latencies in ms. `failed` = socket errors + HTTP status >= 400.", "",
              "| endpoint | conns | side | req/s | p50 | p95 | p99 | max | failed | host/baseline |",
              "|---|---|---|---|---|---|---|---|---|---|"]
    for endpoint in ("get", "post"):
        for conns in sorted(r["throughput"].get(endpoint, {}), key=int):
            sides = r["throughput"][endpoint][conns]
            for side in ("host", "baseline"):
                s = sides.get(side, {})
                lat = s.get("latencyMs", {})
                lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                    endpoint.upper(), conns, side, fmt(s.get("rps")), fmt(lat.get("p50"), 2), fmt(lat.get("p95"), 2),
                    fmt(lat.get("p99"), 2), fmt(lat.get("max"), 2), s.get("failed", s.get("error", "n/a")),
                    fmt(sides.get("ratio"), 3) if side == "host" else ""))
    settings = r["paced"].get("settings", {})
    lines += ["", "Paced GET at half of the host's peak (target %s req/s, %s connections, %s ms between a "
              "response and a connection's next request):" % (settings.get("targetRps"), settings.get("connections"),
                                                              settings.get("delayMs")), "",
              "| side | req/s achieved | p50 | p95 | p99 | failed |", "|---|---|---|---|---|---|"]
    for side in ("host", "baseline"):
        s = r["paced"].get(side, {})
        lat = s.get("latencyMs", {})
        lines.append("| %s | %s | %s | %s | %s | %s |" % (side, fmt(s.get("rps")), fmt(lat.get("p50"), 2),
                                                        fmt(lat.get("p95"), 2), fmt(lat.get("p99"), 2),
                                                        s.get("failed", "n/a")))
    inst = r["install"] or {}
    lines += ["", "## 2. Install latency (upload to first 200 of /api/sample)", "",
              "min %s ms, median %s ms, max %s ms over %d runs; upload answer alone: %s ms; failures: %s" % (
                  fmt(inst.get("minMs")), fmt(inst.get("medianMs")), fmt(inst.get("maxMs")), len(inst.get("runs", [])),
                  ", ".join(fmt(x["uploadMs"]) for x in inst.get("runs", [])), len(inst.get("failures", [])))]
    up = r["upgradeUnderLoad"] or {}
    lines += ["", "## 3. Upgrades and rollbacks under GET load", "",
              "%s of %s operations succeeded (median %s ms each)." % (up.get("succeeded"), up.get("attempted"),
                                                                     fmt(up.get("medianMs"))), "",
              "| load | requests | req/s | p99 | max | failed (connect/read/write/timeout/status) |",
              "|---|---|---|---|---|---|"]
    for key in ("tasksLoad", "sampleLoad"):
        s = up.get(key) or {}
        e = s.get("errors", {})
        lines.append("| %s | %s | %s | %s | %s | %s (%s/%s/%s/%s/%s) |" % (
            "GET /api/" + key[:-4], s.get("requests"), fmt(s.get("rps")), fmt(s.get("latencyMs", {}).get("p99"), 2),
            fmt(s.get("latencyMs", {}).get("max"), 2), s.get("failed"), e.get("connect"), e.get("read"),
            e.get("write"), e.get("timeout"), e.get("status")))
    st = r["start"]
    lines += ["", "## 4. Start and memory", "", "| start | first 200 of /api/tasks | /healthcheck healthy |",
              "|---|---|---|"]
    for key, label in (("firstStart", "first start (empty data directory)"),
                       ("warmStart", "second start (warm data directory)"), ("baselineStart", "baseline")):
        s = st.get(key, {})
        lines.append("| %s | %s ms | %s ms |" % (label, fmt(s.get("firstTasksOkMs")), fmt(s.get("healthyMs"))))
    lines += ["", "| RSS (MiB) | after start | after the load |", "|---|---|---|"]
    for key in ("host", "baseline"):
        mem = st.get("rss", {}).get(key, {})
        lines.append("| %s | %s | %s |" % (key, fmt(mem.get("afterStartMiB")), fmt(mem.get("afterLoadMiB"))))
    lines += modules_markdown(r.get("modules"))
    if r["profiles"]:
        lines += ["", "## Profiles (JFR execution samples)", ""]
        for name, prof in sorted(r["profiles"].items()):
            lines += ["### %s (%s samples)" % (name, prof.get("samples", "n/a")), "",
                      "| self: top frame | % | inclusive (non-JDK) | % |", "|---|---|---|---|"]
            selfs, incl = prof.get("selfTop", []), prof.get("inclusiveTop", [])
            for i in range(max(len(selfs), len(incl))):
                a = selfs[i] if i < len(selfs) else {}
                b = incl[i] if i < len(incl) else {}
                lines.append("| `%s` | %s | `%s` | %s |" % (a.get("method", ""), a.get("pct", ""),
                                                            b.get("method", ""), b.get("pct", "")))
            lines += ["", "Share of samples with a frame in each package (inclusive): " + ", ".join(
                "`%s` %s%%" % (p["package"], p["pct"]) for p in prof.get("packagesInclusive", [])), ""]
    notes = m.get("notes")
    if notes:
        lines += ["", "## Notes", ""] + ["- " + n for n in notes]
    return "\n".join(lines) + "\n"


def modules_markdown(mod):
    if not mod:
        return []
    seed = mod.get("seed", {})
    hits = seed.get("hits") or {}
    lines = ["", "## 5. Module routes (host only)", "",
             "The routes a frontend calls, one after the other, each closed loop with %s connections (the same "
             "warm-up and duration as scenario 1); a route's requests rotate through the paths shown in the "
             "JSON (`rotatedPaths`). Seeded: %s notes, %s habits with %s days of check-ins (see the notes). "
             "Latencies in ms; `non-2xx` counts every answer outside 200..299, `socket` wrk's connect/read/write/"
             "timeout errors." % (mod.get("connections"), seed.get("notes"), seed.get("habits"),
                                  seed.get("habitHistoryDays")), "",
             "| route | paths | req/s | p50 | p95 | p99 | max | non-2xx | socket | p95 < %d ms | server p50/p95/p99 |"
             % mod.get("p95LimitMs", MODULES_P95_LIMIT_MS), "|---|---|---|---|---|---|---|---|---|---|---|"]
    for x in mod.get("routes", []):
        lat, server = x.get("latencyMs", {}), x.get("serverLog") or {}
        lines.append("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            x["route"], x["rotatedPaths"], fmt(x.get("rps")), fmt(lat.get("p50"), 2), fmt(lat.get("p95"), 2),
            fmt(lat.get("p99"), 2), fmt(lat.get("max"), 2), fmt(x.get("non2xx")), fmt(x.get("socketErrors")),
            "met" if x.get("p95Met") else "**NOT met**",
            "/".join(fmt(server.get(k)) for k in ("p50", "p95", "p99")) if server.get("requests") else "n/a"))
    lines += ["", "Latencies and the target are wrk's (client side). `server` is the host's request log for the "
              "same run (whole ms, from the request's arrival at the server to its response written): without the network "
              "and the load generator's own delays."]
    odd = ["`%s` %s" % (x["route"], x["latencySumPerConnectionAndSecond"]) for x in mod.get("routes", [])
           if x.get("latencySumPerConnectionAndSecond", 0) > 1.2]
    if odd:
        lines += ["", "**wrk's latencies do not add up** for: %s (the mean latency times the requests, per connection "
                  "and second of the run: at most about 1 in a closed loop, where a connection waits for each "
                  "answer). wrk's percentiles are not to be trusted there (seen on a loaded machine for routes that "
                  "answer in a few ms; cause not found): read them with the server's." % ", ".join(odd)]
    if hits.get("search"):
        lines += ["", "Notes of the bench user each search finds (not archived): " + ", ".join(
            "`%s` %s" % (q, n) for q, n in hits["search"].items()) + "; each tag: " + ", ".join(
            "`%s` %s" % (t, n) for t, n in (hits.get("tags") or {}).items()) + "."]
    return lines


# ---------------------------------------------------------------------------------------------------------- main
def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("rewrite-version")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("version")
    p = sub.add_parser("install-latency")
    for name in ("--base", "--token", "--user-token", "--jar", "--id", "--route"):
        p.add_argument(name, required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--keep", action="store_true", help="leave the plugin installed at the end")
    p = sub.add_parser("upgrade-cycles")
    for name in ("--base", "--token", "--newer", "--id"):
        p.add_argument(name, required=True)
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--pause", type=float, default=0.25)
    p.add_argument("--max-seconds", type=float, default=120)
    p = sub.add_parser("wait-200")
    p.add_argument("url")
    p.add_argument("--token")
    p.add_argument("--deadline", type=float, default=120)
    p = sub.add_parser("start-times")
    p.add_argument("--t0-ns", type=int, required=True)
    p.add_argument("--tasks", required=True)
    p.add_argument("--token", required=True, help="a user's token for the tasks list")
    p.add_argument("--health", required=True)
    p.add_argument("--deadline", type=float, default=120)
    p = sub.add_parser("wrk-json")
    p.add_argument("path")
    p = sub.add_parser("jfr-top")
    p.add_argument("path")
    p = sub.add_parser("rss")
    p.add_argument("pid")
    p = sub.add_parser("seed-modules")
    for name in ("--base", "--token", "--task-ids", "--tasks-query"):
        p.add_argument(name, required=True)
    p.add_argument("--notes", type=int, default=2000)
    p.add_argument("--habits", type=int, default=20)
    p = sub.add_parser("modules-routes")
    p.add_argument("seed")
    p = sub.add_parser("report")
    for name in ("--work", "--json", "--md"):
        p.add_argument(name, required=True)
    args = parser.parse_args()
    if args.command == "rewrite-version":
        rewrite_version(args.source, args.target, args.version)
    elif args.command == "install-latency":
        install_latency(args)
    elif args.command == "upgrade-cycles":
        upgrade_cycles(args)
    elif args.command == "wait-200":
        waited = wait_for_200(args.url, args.deadline, args.token)
        if waited is None:
            sys.exit(1)
    elif args.command == "start-times":
        found = start_times(args.t0_ns, args.tasks, args.health, args.deadline, args.token)
        print(json.dumps(found))
        if len(found) < 2:
            sys.exit(1)
    elif args.command == "jfr-top":
        print(json.dumps(jfr_top(args.path)))
    elif args.command == "wrk-json":
        print(json.dumps(wrk_json(args.path)))
    elif args.command == "rss":
        print(vm_rss_kib(args.pid) or "")
    elif args.command == "seed-modules":
        seed_modules(args)
    elif args.command == "modules-routes":
        modules_routes(args)
    elif args.command == "report":
        report(args)


if __name__ == "__main__":
    main()
