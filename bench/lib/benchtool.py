#!/usr/bin/env python3
"""Helpers for bench/run (standard library only): jar rewriting, the admin-API scenarios, wrk/JFR parsing, report.

Every network call goes to the URL given (127.0.0.1), with a timeout; every loop is bounded in count and time.
"""
import argparse
import collections
import json
import os
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
    result["targets"] = targets(result)
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
    with open(args.md, "w") as f:
        f.write(markdown(result))


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
    p = sub.add_parser("rss")
    p.add_argument("pid")
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
    elif args.command == "wrk-json":
        print(json.dumps(wrk_json(args.path)))
    elif args.command == "rss":
        print(vm_rss_kib(args.pid) or "")
    elif args.command == "report":
        report(args)


if __name__ == "__main__":
    main()
