package io.metacortex.host.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bean-validation failures name their fields as JSON type mismatches do: {@code tags[1]}, {@code settings.goal}. */
class FieldPathsTest {

    private static final ValidatorFactory FACTORY = Validators.newValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    static final class Item {
        @NotBlank
        final String name;

        Item(String name) {
            this.name = name;
        }
    }

    static final class Body {
        @NotBlank
        final String title;

        final List<@NotBlank String> tags;
        final Map<String, @Min(1) Integer> settings;

        @Valid
        final Item item;

        final List<@Valid Item> items;

        Body(String title, List<String> tags, Map<String, Integer> settings, Item item, List<Item> items) {
            this.title = title;
            this.tags = tags;
            this.settings = settings;
            this.item = item;
            this.items = items;
        }
    }

    @Test
    void violationsAreNamedByTheirPathInTheBody() {
        Body body = new Body(
                " ", List.of("home", ""), Map.of("goal", 0), new Item(""), List.of(new Item("ok"), new Item(" ")));

        Set<String> fields = VALIDATOR.validate(body).stream()
                .map(ViolationExceptionMapper::fieldOf)
                .collect(Collectors.toSet());

        assertThat(fields).containsExactlyInAnyOrder("title", "tags[1]", "settings.goal", "item.name", "items[1].name");
    }
}
