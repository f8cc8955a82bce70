package io.metacortex.bench;

import java.util.List;
import java.util.Map;

/** The scale bench's Markdown summary: the targets, met or not, the measured rounds and the list query's plans. */
final class ScaleReport {

    private ScaleReport() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> report, String date) {
        StringBuilder md = new StringBuilder("# Scale bench " + date + "\n\n`bench/run-scale` on "
                + report.get("database") + "; " + report.get("cores") + " cores, Java " + report.get("java")
                + ". Measured configuration: " + report.get("measuredConfiguration") + ".\n\n");
        Map<String, Object> plugins = (Map<String, Object>) report.get("plugins");
        Map<String, Object> tasks = (Map<String, Object>) report.get("tasks");
        Map<String, Object> sizes = (Map<String, Object>) tasks.get("sizes");
        Map<String, Object> small = (Map<String, Object>) sizes.get("small");
        Map<String, Object> large = (Map<String, Object>) sizes.get("large");
        md.append("## Targets\n\n| target | few / small | many / large | ratio | |\n|---|---|---|---|---|\n");
        if (plugins != null) {
            double rpsRatio = (double) plugins.get("rpsRatio");
            md.append(row(
                    "`GET " + plugins.get("route") + "` req/s (" + plugins.get("connections") + " connections), "
                            + plugins.get("pluginsMany") + " vs " + plugins.get("pluginsFew")
                            + " plugins, ratio >= 0.95",
                    fmt(plugins.get("rpsMedianFew")),
                    fmt(plugins.get("rpsMedianMany")),
                    rpsRatio,
                    rpsRatio >= 0.95));
            double installRatio = (double) plugins.get("installRatio");
            md.append(row(
                    "install of one more plugin, upload to its route's first 200 (median ms), ratio <= 1.5",
                    fmt(plugins.get("installMedianFewMs")),
                    fmt(plugins.get("installMedianManyMs")),
                    installRatio,
                    installRatio <= 1.5));
        }
        Map<String, Double> smallP99 = (Map<String, Double>) small.get("p99MedianMs");
        Map<String, Double> largeP99 = (Map<String, Double>) large.get("p99MedianMs");
        for (String query : smallP99.keySet()) {
            double ratio = largeP99.get(query) / smallP99.get(query);
            md.append(row(
                    "`GET /api/tasks` " + query + " p99 ms (" + tasks.get("connections") + " connections), "
                            + large.get("tasksInTable") + " vs " + small.get("tasksInTable")
                            + " tasks in the table, ratio <= 1.5",
                    fmt(smallP99.get(query)),
                    fmt(largeP99.get(query)),
                    ratio,
                    ratio <= 1.5));
        }
        md.append("\nThe measured user owns ")
                .append(small.get("userTasks"))
                .append(" tasks at both sizes; the large table holds them among ")
                .append(large.get("tasksInTable"))
                .append(" tasks of ")
                .append(large.get("users"))
                .append(" users, interleaved. Figures are medians of the rounds (see the JSON for each run).\n");
        if (plugins != null) {
            md.append("\n## Plugins, round by round\n\n| step | plugins | req/s | p50 ms | p99 ms | install ms |"
                    + " connections (plugins' roles) |\n|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> r : (List<Map<String, Object>>) plugins.get("rounds")) {
                md.append(Bench.tableRow(
                        r.get("step"),
                        r.get("installedPlugins"),
                        fmt(r.get("rps")),
                        fmt(r.get("p50Ms")),
                        fmt(r.get("p99Ms")),
                        ((List<Double>) r.get("installMs"))
                                .stream().map(ScaleReport::fmt).toList(),
                        r.get("connections") + " (" + r.get("pluginConnections") + ")"));
            }
            List<Double> copies = (List<Double>) plugins.get("copyInstallMs");
            if (!copies.isEmpty()) {
                md.append("\nInstalling the copies one after the other (ms, the first round): ")
                        .append(
                                copies
                                        .subList(0, Math.min(copies.size(), (int) plugins.get("pluginsMany") - 4))
                                        .stream()
                                        .map(ScaleReport::fmt)
                                        .toList())
                        .append("\n");
            }
        }
        md.append(
                "\n## Tasks, run by run\n\n| round | size | query | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> r : (List<Map<String, Object>>) tasks.get("runs")) {
            md.append(Bench.tableRow(
                    r.get("round"),
                    r.get("size"),
                    r.get("query"),
                    fmt(r.get("rps")),
                    fmt(r.get("p50Ms")),
                    fmt(r.get("p99Ms"))));
        }
        md.append("\n## Plans (EXPLAIN (ANALYZE, BUFFERS) as the plugin's role, row-level security on)\n");
        for (Map.Entry<String, Object> size : sizes.entrySet()) {
            Map<String, Object> s = (Map<String, Object>) size.getValue();
            for (Map.Entry<String, String> plan : ((Map<String, String>) s.get("plans")).entrySet()) {
                md.append("\n### ")
                        .append(size.getKey())
                        .append(" (")
                        .append(s.get("tasksInTable"))
                        .append(" tasks): ")
                        .append(plan.getKey())
                        .append("\n\n```\n")
                        .append(plan.getValue())
                        .append("```\n");
            }
        }
        return md.toString();
    }

    private static String row(String target, String few, String many, double ratio, boolean met) {
        return Bench.tableRow(target, few, many, String.format("%.2f", ratio), met ? "met" : "**NOT met**");
    }

    private static String fmt(Object value) {
        double v = ((Number) value).doubleValue();
        return v >= 100 ? String.valueOf(Math.round(v)) : String.format("%.1f", v);
    }
}
