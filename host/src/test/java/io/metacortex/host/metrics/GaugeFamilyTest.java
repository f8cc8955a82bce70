package io.metacortex.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GaugeFamilyTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void eachLabelSetHasItsValueUnderTheFamilysNameAndHelp() {
        GaugeFamily family = new GaugeFamily("metacortex_things", "Things");
        family.set(Labels.of("plugin", "a"), 3);
        family.setSecondsSince(Labels.of("plugin", "b"), NOW.minusMillis(2500), NOW);
        family.setSecondsSince(Labels.of("plugin", "c"), null, NOW);
        family.setSecondsSince(Labels.of("plugin", "d"), NOW.plusSeconds(5), NOW);

        GaugeSnapshot snapshot = family.build();

        assertThat(snapshot.getMetadata().getName()).isEqualTo("metacortex_things");
        assertThat(snapshot.getMetadata().getHelp()).isEqualTo("Things");
        assertThat(snapshot.getDataPoints())
                .extracting(point -> point.getLabels().get("plugin") + "=" + point.getValue())
                .containsExactlyInAnyOrder("a=3.0", "b=2.5", "c=0.0", "d=0.0");
    }
}
