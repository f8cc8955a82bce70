package io.metacortex.plugin.api.dav;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JAX-RS finds a resource method's HTTP method by the {@link HttpMethod} its annotation carries. */
class DavMethodsTest {

    @Test
    void eachDesignatorNamesItsMethodOnTheWire() {
        List<Class<? extends Annotation>> designators =
                List.of(PROPFIND.class, PROPPATCH.class, MKCOL.class, REPORT.class, MKCALENDAR.class);

        assertThat(designators)
                .extracting(d -> d.getAnnotation(HttpMethod.class).value())
                .containsExactly(PROPFIND.METHOD, PROPPATCH.METHOD, MKCOL.METHOD, REPORT.METHOD, MKCALENDAR.METHOD)
                .containsExactly("PROPFIND", "PROPPATCH", "MKCOL", "REPORT", "MKCALENDAR");
    }
}
