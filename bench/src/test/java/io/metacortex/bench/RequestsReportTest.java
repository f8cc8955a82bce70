package io.metacortex.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RequestsReportTest {

    private static Wrk.Result result(double rps, double p99, long failed) {
        return new Wrk.Result(rps, (long) rps * 10, failed, Map.of("p50", p99 / 4, "p99", p99));
    }

    @Test
    void medianTakesTheMiddleRoundOrTheMeanOfTheMiddleTwo() {
        List<Wrk.Result> odd = List.of(result(300, 1, 0), result(100, 1, 0), result(200, 1, 0));
        List<Wrk.Result> even = List.of(result(400, 1, 0), result(100, 1, 0), result(200, 1, 0), result(300, 1, 0));

        assertThat(RequestsReport.median(odd, Wrk.Result::rps)).isEqualTo(200);
        assertThat(RequestsReport.median(even, Wrk.Result::rps)).isEqualTo(250);
        assertThatThrownBy(() -> RequestsReport.median(List.of(), Wrk.Result::rps))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointHasTheRatiosOfTheMediansAndOfEachRound() {
        Map<String, Object> point = RequestsReport.point(
                "public",
                16,
                List.of(result(900, 6, 0), result(800, 5, 1), result(1000, 4, 0)),
                List.of(result(1000, 4, 0), result(1000, 5, 0), result(1000, 6, 2)));

        assertThat((double) point.get("rpsRatio")).isCloseTo(0.9, within());
        assertThat((double) point.get("p99Ratio")).isCloseTo(1.0, within());
        assertThat(point.get("roundRpsRatios")).asInstanceOf(LIST).containsExactly(0.9, 0.8, 1.0);
        assertThat(point.get("host"))
                .asInstanceOf(MAP)
                .containsEntry("failed", 1L)
                .containsEntry("rps", 900.0);
        assertThat(point.get("baseline")).asInstanceOf(MAP).containsEntry("failed", 2L);
    }

    @Test
    void targetsAreCheckedAtEveryMeasuredLevelOfTheirRoute() {
        List<Map<String, Object>> points = List.of(
                RequestsReport.point("public", 16, List.of(result(900, 6, 0)), List.of(result(1000, 5, 0))),
                RequestsReport.point("public", 64, List.of(result(800, 7, 0)), List.of(result(1000, 5, 0))),
                RequestsReport.point("list", 1, List.of(result(95, 2, 0)), List.of(result(100, 2, 0))),
                RequestsReport.point("post", 8, List.of(result(10, 2, 0)), List.of(result(100, 2, 0))));

        List<Map<String, Object>> targets = RequestsReport.targets(points);

        assertThat(targets)
                .extracting(
                        t -> t.get("route") + " " + t.get("connections") + " " + t.get("target") + " " + t.get("met"))
                .containsExactly(
                        "public 16 req/s host/baseline >= 0.9 true",
                        "public 64 req/s host/baseline >= 0.9 false",
                        "public 16 p99 host/baseline <= 1.2 true",
                        "public 64 p99 host/baseline <= 1.2 false",
                        "list 1 req/s host/baseline >= 0.95 true");
    }

    @Test
    void markdownShowsTargetsFiguresAndProfiles() {
        List<Map<String, Object>> points =
                List.of(RequestsReport.point("public", 64, List.of(result(800, 7, 0)), List.of(result(1000, 5, 0))));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("mode", "full");
        report.put(
                "settings", Map.of("rounds", 3, "durationSeconds", 10, "jitWarmupSeconds", 10, "profileSeconds", 15));
        report.put("loadBefore", "0.10 0.20 0.30");
        report.put("loadAfter", "1.00 0.90 0.50");
        report.put(
                "configuration",
                Map.of(
                        "host",
                        "shipped",
                        "hostRequestId",
                        true,
                        "baseline",
                        "plain",
                        "seededTasks",
                        "1000",
                        "routes",
                        Map.of("public", "no database")));
        report.put("points", points);
        report.put("targets", RequestsReport.targets(points));
        Map<String, Object> profiles = new LinkedHashMap<>();
        profiles.put(
                "host",
                Map.of(
                        "samples",
                        2,
                        "rpsUnderProfile",
                        750.0,
                        "recording",
                        "bench/target/requests-x/host-public.jfr",
                        "selfTop",
                        List.of(Map.of("method", "a.B.c", "samples", 1, "pct", 50.0)),
                        "inclusiveTop",
                        List.of(Map.of("method", "io.x.Filter.doFilter", "samples", 2, "pct", 100.0)),
                        "packagesInclusive",
                        List.of(Map.of("package", "io.x", "pct", 100.0))));
        profiles.put("baseline", Map.of("error", "jfr failed"));
        report.put("profiles", profiles);
        report.put("database", "PostgreSQL at here");
        report.put("cores", 2);
        report.put("java", "17");

        String md = RequestsReport.markdown(report, "2026-12-06-1200");

        assertThat(md)
                .contains("| public | 64 | req/s host/baseline >= 0.9 | 0.80 | **NOT met** |")
                .contains("| public | 64 | 800 | 1000 | 0.80 | 0.80 | 1.75 / 7.00 | 1.25 / 5.00 | 1.40 | 0 / 0 |")
                .contains("| `a.B.c` | 50.0 | `io.x.Filter.doFilter` | 100.0 | `io.x` | 100.0 |")
                .contains("No summary: jfr failed")
                .doesNotContain("--quick")
                .doesNotContain("machine was busy");
    }

    @Test
    void aLoadAverageAboveTheCoresBeforeTheRunIsFlagged() {
        assertThat(RequestsReport.busyWarning(Map.of("loadBefore", "3.50 2.00 1.00", "cores", 2)))
                .contains("machine was busy")
                .contains("3.50 on 2 cores");
        assertThat(RequestsReport.busyWarning(Map.of("loadBefore", "1.50 2.00 1.00", "cores", 2)))
                .isEmpty();
        assertThat(RequestsReport.busyWarning(Map.of("loadBefore", "unknown", "cores", 2)))
                .isEmpty();
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
