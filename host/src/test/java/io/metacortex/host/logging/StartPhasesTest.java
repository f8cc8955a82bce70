package io.metacortex.host.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StartPhasesTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(StartPhases.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.setLevel(Level.INFO); // whatever the tests' logging configuration says
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(lines);
        log.setLevel(null);
    }

    @Test
    void aPhaseIsLoggedWithItsDurationAndItsResultReturned() {
        assertThat(StartPhases.timed("answer", () -> 42)).isEqualTo(42);
        List<String> ran = new ArrayList<>();
        StartPhases.timed("side effect", () -> ran.add("ran"));
        StartPhases.sinceJvmStart("now");

        assertThat(ran).containsExactly("ran");
        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        first -> assertThat(first).matches("Start: answer took \\d+ ms"),
                        second -> assertThat(second).matches("Start: side effect took \\d+ ms"),
                        third -> assertThat(third).matches("Start: JVM start to now took [1-9]\\d* ms"));
    }

    @Test
    void aFailedPhaseIsNotLogged() {
        assertThatThrownBy(() -> StartPhases.timed("broken", (Runnable) () -> {
                    throw new IllegalStateException("broken");
                }))
                .hasMessage("broken");
        assertThat(lines.list).isEmpty();
    }
}
