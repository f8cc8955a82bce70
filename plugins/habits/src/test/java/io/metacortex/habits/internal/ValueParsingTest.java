package io.metacortex.habits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small parsers of request values: amounts and weekdays. */
class ValueParsingTest {

    @Test
    void amountsAreNormalisedAndBounded() {
        assertThat(amount("8.50")).contains(new BigDecimal("8.5"));
        assertThat(amount("100"))
                .hasValueSatisfying(v -> assertThat(v.toPlainString()).isEqualTo("100"));
        assertThat(amount("1E+2"))
                .hasValueSatisfying(v -> assertThat(v.toString()).isEqualTo("100"));
        assertThat(amount("0")).contains(BigDecimal.ZERO);
        assertThat(amount("999999999.999")).isPresent();
        assertThat(amount("1000000000")).isEmpty();
        assertThat(amount("0.0001")).isEmpty();
        assertThat(amount("-1")).isEmpty();
    }

    private static Optional<BigDecimal> amount(String value) {
        return Amounts.normalise(new BigDecimal(value));
    }

    @Test
    void weekdaysAreReadInAnyCaseAndWrittenInWeekOrder() {
        Set<DayOfWeek> days = Weekdays.parse(Arrays.asList("su", " Mo ", "WE", "MO"));

        assertThat(days).containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertThat(Weekdays.codes(days)).containsExactly("MO", "WE", "SU");
        assertThat(Weekdays.parse(null)).isEmpty();
        assertThat(Weekdays.isScheduled(Set.of(), DayOfWeek.SATURDAY))
                .as("no weekdays: every day")
                .isTrue();
        assertThat(Weekdays.isScheduled(days, DayOfWeek.SATURDAY)).isFalse();
        assertThatThrownBy(() -> Weekdays.parse(List.of("MONDAY"))).hasMessage(Weekdays.MESSAGE);
        assertThatThrownBy(() -> Weekdays.parse(Arrays.asList("MO", null))).hasMessage(Weekdays.MESSAGE);
    }
}
