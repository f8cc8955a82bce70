package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PageParametersTest {

    @Test
    void absentParametersGiveTheFirstPageAtTheDefaultSize() {
        FieldErrors errors = new FieldErrors();

        assertThat(PageParameters.limit(null, 50, 200, errors)).isEqualTo(50);
        assertThat(PageParameters.limit(" ", 50, 200, errors)).isEqualTo(50);
        assertThat(PageParameters.afterId(null, errors)).isZero();
        assertThat(PageParameters.afterId("", errors)).isZero();
        assertThatCode(() -> errors.throwIfAny(ApiException::invalidQuery)).doesNotThrowAnyException();
    }

    @Test
    void goodParametersAreRead() {
        FieldErrors errors = new FieldErrors();

        assertThat(PageParameters.limit(" 1 ", 50, 200, errors)).isEqualTo(1);
        assertThat(PageParameters.limit("200", 50, 200, errors)).isEqualTo(200);
        assertThat(PageParameters.afterId(PageCursor.encode(41), errors)).isEqualTo(41);
        assertThatCode(() -> errors.throwIfAny(ApiException::invalidQuery)).doesNotThrowAnyException();
    }

    @Test
    void badParametersAreNamedAndParsingGoesOnWithDefaults() {
        FieldErrors errors = new FieldErrors();

        assertThat(PageParameters.limit("201", 50, 200, errors)).isEqualTo(50);
        assertThat(PageParameters.afterId("not-a-cursor", errors)).isZero();
        ApiException e = catchThrowableOfType(ApiException.class, () -> errors.throwIfAny(ApiException::invalidQuery));

        assertThat(e.getResponse().getStatus()).isEqualTo(400);
        assertThat(e.error().fields())
                .containsExactly(
                        Map.entry("limit", "must be an integer from 1 to 200"),
                        Map.entry("cursor", "must be a nextCursor returned by this list"));
    }

    @Test
    void aLimitThatIsNotAPositiveIntegerIsRefused() {
        for (String bad : new String[] {"0", "-1", "ten", "1.5", "99999999999"}) {
            FieldErrors errors = new FieldErrors();
            PageParameters.limit(bad, 50, 200, errors);
            assertThat(catchThrowableOfType(ApiException.class, () -> errors.throwIfAny(ApiException::invalidQuery)))
                    .as(bad)
                    .isNotNull();
        }
    }
}
