package io.metacortex.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@link RequestsBench}'s figures: each point's rounds reduced to medians and ratios host/baseline, the targets of
 * issue 12 checked against them, and the Markdown summary.
 */
final class RequestsReport {

    /** Issue 12's targets: the route, the figure (a ratio host/baseline), the limit, and whether it is a minimum. */
    private record Target(String route, String figure, double limit, boolean minimum) {

        String describe() {
            return (figure.equals("rpsRatio") ? "req/s host/baseline" : "p99 host/baseline")
                    + (minimum ? " >= " : " <= ")
                    + limit;
        }

        boolean met(double value) {
            return minimum ? value >= limit : value <= limit;
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("public", "rpsRatio", 0.90, true),
            new Target("public", "p99Ratio", 1.2, false),
            new Target("list", "rpsRatio", 0.95, true));

    private RequestsReport() {}

    /**
     * @param host the host's results, one a round, in order
     * @param baseline the baseline's, in the same order
     * @return the point: both sides' rounds, medians (req/s, p50, p99) and failed requests (summed), the ratios
     *     host/baseline of the medians' req/s and p99, and each round's req/s ratio
     */
    static Map<String, Object> point(String route, int connections, List<Wrk.Result> host, List<Wrk.Result> baseline) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("route", route);
        point.put("connections", connections);
        Map<String, Object> hostSide = side(host);
        Map<String, Object> baselineSide = side(baseline);
        point.put("host", hostSide);
        point.put("baseline", baselineSide);
        point.put("rpsRatio", (double) hostSide.get("rps") / (double) baselineSide.get("rps"));
        point.put("p99Ratio", (double) hostSide.get("p99Ms") / (double) baselineSide.get("p99Ms"));
        List<Double> roundRatios = new ArrayList<>();
        for (int round = 0; round < Math.min(host.size(), baseline.size()); round++) {
            roundRatios.add(host.get(round).rps() / baseline.get(round).rps());
        }
        point.put("roundRpsRatios", roundRatios);
        return point;
    }

    private static Map<String, Object> side(List<Wrk.Result> results) {
        Map<String, Object> side = new LinkedHashMap<>();
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (Wrk.Result result : results) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("rps", result.rps());
            round.put("requests", result.requests());
            round.put("failed", result.failed());
            round.put("latencyMs", result.latencyMs());
            rounds.add(round);
        }
        side.put("rps", median(results, Wrk.Result::rps));
        side.put("p50Ms", median(results, Wrk.Result::p50));
        side.put("p99Ms", median(results, Wrk.Result::p99));
        side.put("failed", results.stream().mapToLong(Wrk.Result::failed).sum());
        side.put("rounds", rounds);
        return side;
    }

    /** @return the median of the figure over the results (the mean of the middle two for an even count) */
    static double median(List<Wrk.Result> results, ToDoubleFunction<Wrk.Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no results to take a median of");
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** @return each target of issue 12 at each measured level of its route: the ratio, the limit, met or not */
    static List<Map<String, Object>> targets(List<Map<String, Object>> points) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (Target target : TARGETS) {
            for (Map<String, Object> point : points) {
                if (point.get("route").equals(target.route())) {
                    double value = (double) point.get(target.figure());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("route", target.route());
                    row.put("connections", point.get("connections"));
                    row.put("target", target.describe());
                    row.put("value", value);
                    row.put("met", target.met(value));
                    targets.add(row);
                }
            }
        }
        return targets;
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report, String date) {
        Map<String, Object> settings = (Map<String, Object>) report.get("settings");
        StringBuilder md = new StringBuilder();
        md.append("# Requests bench ")
                .append(date)
                .append(
                        report.get("mode").equals("quick")
                                ? " (--quick: proves the bench works, figures mean little)"
                                : "")
                .append("\n\n`bench/run-requests`: the host's request path against plain Dropwizard (bench's"
                        + " BaselineApplication), side by side in one run on ")
                .append(report.get("database"))
                .append("; ")
                .append(report.get("cores"))
                .append(" cores, Java ")
                .append(report.get("java"))
                .append(", load average (1, 5, 15 min) ")
                .append(report.get("loadBefore"))
                .append(" before and ")
                .append(report.get("loadAfter"))
                .append(
                        " after (the bench's own load included). wrk -t2, closed loop; per route and side a JIT warm-up of ")
                .append(settings.get("jitWarmupSeconds"))
                .append(" s, then ")
                .append(settings.get("rounds"))
                .append(" rounds of ")
                .append(settings.get("durationSeconds"))
                .append(" s per point, host and baseline alternating; figures are medians of the rounds, ratios"
                        + " host/baseline of the medians.\n\n" + busyWarning(report)
                        + "## Targets (issue 12)\n\n| route | connections | target |"
                        + " measured | |\n|---|---|---|---|---|\n");
        for (Map<String, Object> target : (List<Map<String, Object>>) report.get("targets")) {
            md.append(Bench.tableRow(
                    target.get("route"),
                    target.get("connections"),
                    target.get("target"),
                    format(target.get("value"), 2),
                    (boolean) target.get("met") ? "met" : "**NOT met**"));
        }
        md.append("\n## Figures (medians of the rounds)\n\n| route | connections | host req/s | baseline req/s |"
                + " req/s ratio | round ratios | host p50 / p99 ms | baseline p50 / p99 ms | p99 ratio |"
                + " failed host / baseline |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> point : (List<Map<String, Object>>) report.get("points")) {
            Map<String, Object> host = (Map<String, Object>) point.get("host");
            Map<String, Object> baseline = (Map<String, Object>) point.get("baseline");
            List<String> roundRatios = new ArrayList<>();
            for (Object ratio : (List<Object>) point.get("roundRpsRatios")) {
                roundRatios.add(format(ratio, 2));
            }
            md.append(Bench.tableRow(
                    point.get("route"),
                    point.get("connections"),
                    format(host.get("rps"), 0),
                    format(baseline.get("rps"), 0),
                    format(point.get("rpsRatio"), 2),
                    String.join(" ", roundRatios),
                    format(host.get("p50Ms"), 2) + " / " + format(host.get("p99Ms"), 2),
                    format(baseline.get("p50Ms"), 2) + " / " + format(baseline.get("p99Ms"), 2),
                    format(point.get("p99Ratio"), 2),
                    host.get("failed") + " / " + baseline.get("failed")));
        }
        md.append("\nPOST rows (no target, reported): the host's insert through the tasks plugin next to the"
                + " baseline's insert of the same row by the same DAO.\n\n## Configuration\n\n");
        Map<String, Object> configuration = (Map<String, Object>) report.get("configuration");
        md.append("- Host: ")
                .append(configuration.get("host"))
                .append(". X-Request-Id on its answers: ")
                .append(configuration.get("hostRequestId"))
                .append(".\n- Baseline: ")
                .append(configuration.get("baseline"))
                .append(".\n- Tasks: ")
                .append(configuration.get("seededTasks"))
                .append(".\n");
        ((Map<String, Object>) configuration.get("routes"))
                .forEach((route, what) -> md.append("- `")
                        .append(route)
                        .append("`: ")
                        .append(what)
                        .append("\n"));
        md.append("\n## Profiles (JFR settings=profile, public route, 16 connections, ")
                .append(settings.get("profileSeconds"))
                .append(" s)\n");
        ((Map<String, Object>) report.get("profiles"))
                .forEach((side, profile) -> profile(md, side, (Map<String, Object>) profile));
        return md.toString();
    }

    /**
     * @return a warning when the 1-minute load average before the run exceeded the cores (others were running), else
     *     nothing
     */
    static String busyWarning(Map<String, Object> report) {
        String before = String.valueOf(report.get("loadBefore"));
        try {
            double load = Double.parseDouble(before.split(" ")[0]);
            if (load > ((Number) report.get("cores")).doubleValue()) {
                return "**The machine was busy** (1-minute load average " + before.split(" ")[0] + " on "
                        + report.get("cores") + " cores before the run): not a quiet run, do not commit or"
                        + " compare these figures.\n\n";
            }
        } catch (NumberFormatException unknown) {
            return "";
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static void profile(StringBuilder md, String side, Map<String, Object> profile) {
        md.append("\n### ").append(side).append("\n\n");
        if (profile.containsKey("error")) {
            md.append("No summary: ").append(profile.get("error")).append("\n");
            return;
        }
        md.append(profile.get("samples"))
                .append(" execution samples at ")
                .append(format(profile.get("rpsUnderProfile"), 0))
                .append(" req/s (`")
                .append(profile.get("recording"))
                .append("`).\n\n| top frame (self) | % | non-JDK method on the stack (inclusive) | % | package"
                        + " (inclusive) | % |\n|---|---|---|---|---|---|\n");
        List<Map<String, Object>> self = (List<Map<String, Object>>) profile.get("selfTop");
        List<Map<String, Object>> inclusive = (List<Map<String, Object>>) profile.get("inclusiveTop");
        List<Map<String, Object>> packages = (List<Map<String, Object>>) profile.get("packagesInclusive");
        for (int row = 0; row < 12; row++) {
            md.append(Bench.tableRow(
                    cell(self, row, "method"),
                    cell(self, row, "pct"),
                    cell(inclusive, row, "method"),
                    cell(inclusive, row, "pct"),
                    cell(packages, row, "package"),
                    cell(packages, row, "pct")));
        }
    }

    private static String cell(List<Map<String, Object>> rows, int row, String key) {
        if (rows == null || row >= rows.size()) {
            return "";
        }
        Object value = rows.get(row).get(key);
        return key.equals("pct") ? value.toString() : "`" + value + "`";
    }

    private static String format(Object number, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", ((Number) number).doubleValue());
    }
}
