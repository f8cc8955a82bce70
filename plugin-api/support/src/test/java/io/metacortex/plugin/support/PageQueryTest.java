package io.metacortex.plugin.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paging parameters every plugin list takes as {@code @BeanParam PageQuery}. */
class PageQueryTest {

    @Test
    void absentParametersAskForTheFirstPageAtTheDefaultSize() {
        FieldErrors errors = new FieldErrors();
        PageQuery query = new PageQuery();

        assertThat(query.limit(errors)).isEqualTo(PageQuery.DEFAULT_LIMIT);
        assertThat(query.afterId(errors)).isZero();
        assertThatCode(() -> errors.throwIfAny(ApiException::invalidQuery)).doesNotThrowAnyException();
    }

    @Test
    void readsWhatTheQuerySays() {
        FieldErrors errors = new FieldErrors();
        PageQuery query = PageQuery.of("200", PageCursor.encode(41));

        assertThat(query.getLimit()).isEqualTo("200");
        assertThat(query.limit(errors)).isEqualTo(PageQuery.MAX_LIMIT);
        assertThat(query.afterId(errors)).isEqualTo(41);
        assertThatCode(() -> errors.throwIfAny(ApiException::invalidQuery)).doesNotThrowAnyException();
    }

    @Test
    void namesEachBadParameter() {
        FieldErrors errors = new FieldErrors();
        PageQuery query = new PageQuery();
        query.setLimit("201");
        query.setCursor("not-a-cursor");

        assertThat(query.limit(errors)).isEqualTo(PageQuery.DEFAULT_LIMIT);
        assertThat(query.afterId(errors)).isZero();
        ApiException e = catchThrowableOfType(ApiException.class, () -> errors.throwIfAny(ApiException::invalidQuery));
        assertThat(e.error().fields())
                .containsExactly(
                        Map.entry("limit", "must be an integer from 1 to 200"),
                        Map.entry("cursor", PageParameters.CURSOR_MESSAGE));
        assertThat(query.getCursor()).isEqualTo("not-a-cursor");
    }
}
