package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnumValuesAndTagsTest {

    private enum Priority {
        LOW,
        MEDIUM,
        HIGH
    }

    @Test
    void anEnumIsParsedWhateverItsCaseAndBlanks() {
        assertThat(EnumValues.parse(Priority.class, " high ")).hasValue(Priority.HIGH);
        assertThat(EnumValues.parse(Priority.class, "Low")).hasValue(Priority.LOW);
        assertThat(EnumValues.parse(Priority.class, "urgent")).isEmpty();
        assertThat(EnumValues.parse(Priority.class, "")).isEmpty();
        assertThat(EnumValues.mustBeOneOf(Priority.class)).isEqualTo("must be one of LOW, MEDIUM, HIGH");
    }

    @Test
    void aTagIsTrimmedAndLowerCasedAndMayNotBeBlankOrTooLong() {
        assertThat(Tags.normalise("  Home ")).hasValue("home");
        assertThat(Tags.normalise(null)).isEmpty();
        assertThat(Tags.normalise("   ")).isEmpty();
        assertThat(Tags.normalise("x".repeat(50))).hasValue("x".repeat(50));
        assertThat(Tags.normalise("x".repeat(51))).isEmpty();
        assertThat(Tags.normalise("\uD83D\uDE00".repeat(50)))
                .as("counted in characters, not UTF-16 units")
                .isPresent();
    }

    @Test
    void tagsAreNormalisedDeduplicatedAndSorted() {
        assertThat(Tags.normaliseAll(List.of("Work", "home", " work"))).containsExactly("home", "work");
        assertThat(Tags.normaliseAll(null)).isEmpty();
        assertThatThrownBy(() -> Tags.normaliseAll(Arrays.asList("ok", null))).hasMessage(Tags.TAG_MESSAGE);
    }

    @Test
    void atMostTwentyDistinctTags() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tags.add("t" + i);
        }
        tags.add("T0");
        assertThat(Tags.normaliseAll(tags)).hasSize(20);

        tags.add("t20");
        assertThatThrownBy(() -> Tags.normaliseAll(tags)).hasMessage("must hold at most 20 distinct tags");
    }
}
