package io.metacortex.calendar.internal.ics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The content-line reader and writer on their own: unfolding, parameters, escapes, folding, errors with lines. */
class IcsReaderTest {

    @Test
    void unfoldsLinesAndReadsQuotedParametersAndEscapes() {
        String text =
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE;CN=\"Lovelace, Ada\";MEMBER=\"mailto:a@x\",\"mailto:b@x\"\n"
                        + " ;ROLE=CHAIR:mailto:ada@example.com\nSUMMARY:One\\, two\\; three\\nfour\\\\\nEND:VEVENT\nEND:VCALENDAR\n";

        Component calendar = IcsReader.read(text).get(0);
        Component event = calendar.children("VEVENT").get(0);
        Property attendee = event.property("attendee").orElseThrow();

        assertThat(attendee.parameter("CN")).contains("Lovelace, Ada");
        assertThat(attendee.parameter("role")).contains("CHAIR");
        assertThat(attendee.parameters().get("MEMBER")).isEqualTo("\"mailto:a@x\",\"mailto:b@x\"");
        assertThat(attendee.value()).isEqualTo("mailto:ada@example.com");
        assertThat(attendee.line()).isEqualTo(3);
        assertThat(event.property("SUMMARY").orElseThrow().text()).isEqualTo("One, two; three\nfour\\");
        assertThat(IcsWriter.write(calendar))
                .contains(
                        "ATTENDEE;CN=\"Lovelace, Ada\";MEMBER=\"mailto:a@x\",\"mailto:b@x\";ROLE=CHAIR:mai\r\n lto:ada")
                .contains("SUMMARY:One\\, two\\; three\\nfour\\\\\r\n");
    }

    @Test
    void writesLinesFoldedAt75OctetsWithoutSplittingACharacter() {
        Component calendar = new Component("VCALENDAR");
        calendar.add(Property.text("X-LONG", "ü".repeat(100)));

        String written = IcsWriter.write(calendar);

        assertThat(written.split("\r\n"))
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(IcsReader.read(written)
                        .get(0)
                        .property("X-LONG")
                        .orElseThrow()
                        .text())
                .isEqualTo("ü".repeat(100));
    }

    @Test
    void editsKeepThePlaceAndTheOtherProperties() {
        Component event = new Component("VEVENT");
        event.add(Property.of("UID", "a"));
        event.add(Property.of("SUMMARY", "old"));
        event.add(Property.of("X-KEEP", "1"));

        event.set(Property.of("SUMMARY", "new"));
        event.set(Property.of("LOCATION", Map.of(), "here"));

        assertThat(event.properties())
                .extracting(Property::name)
                .containsExactly("UID", "SUMMARY", "X-KEEP", "LOCATION");
        Component copy = event.copy();
        copy.remove("X-KEEP");
        assertThat(event.all("X-KEEP")).hasSize(1);
        assertThat(Property.parameterValue("a:b")).isEqualTo("\"a:b\"");
        assertThat(Property.parameterValue("plain")).isEqualTo("plain");
    }

    @Test
    void refusesMalformedTextNamingTheLine() {
        List<String> cases = List.of(
                "BEGIN:VCALENDAR\r\nBROKEN LINE\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\nX;=v:1\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\nX;A=\"open:1\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\nX;A=b\"c:1\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\nEND:VEVENT\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\n:value\r\nEND:VCALENDAR",
                "BEGIN:VCALENDAR\r\nBEGIN:V EVENT\r\nEND:VCALENDAR");
        for (String text : cases) {
            assertThatThrownBy(() -> IcsReader.read(text))
                    .isInstanceOf(IcsException.class)
                    .hasMessageStartingWith("line 2: ")
                    .satisfies(e -> assertThat(((IcsException) e).line()).isEqualTo(2));
        }
        assertThatThrownBy(() -> IcsReader.read(" folded\r\nBEGIN:VCALENDAR")).hasMessageStartingWith("line 1: ");
        assertThatThrownBy(() -> IcsReader.read("SUMMARY:x")).hasMessageContaining("outside of BEGIN:VCALENDAR");
        assertThatThrownBy(() -> IcsReader.read("BEGIN:VEVENT")).hasMessageContaining("expected BEGIN:VCALENDAR");
        assertThatThrownBy(() -> IcsReader.read("BEGIN:VCALENDAR\r\nBEGIN:VEVENT"))
                .hasMessage("line 2: BEGIN:VEVENT (line 2) is never ended");
        assertThatThrownBy(() -> IcsReader.read("\r\n")).hasMessageContaining("no BEGIN:VCALENDAR");
        assertThatThrownBy(() -> IcsReader.read("END:VCALENDAR")).hasMessageContaining("without a BEGIN");
    }
}
