package io.metacortex.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.internal.ics.IcsWriter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** VTIMEZONEs written from the JVM's zone rules: yearly rules where a zone has them, else its changes since 1970. */
class VTimeZonesTest {

    private static String write(String zone) {
        return IcsWriter.write(VTimeZones.of(ZoneId.of(zone)));
    }

    @Test
    void aZoneWithDaylightSavingTimeIsItsTwoYearlyRules() {
        assertThat(write("America/New_York"))
                .contains("TZID:America/New_York")
                .contains("BEGIN:DAYLIGHT\r\nDTSTART:20090308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"
                        + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT")
                .contains("BEGIN:STANDARD\r\nDTSTART:20091101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
                        + "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD");
        assertThat(write("Australia/Lord_Howe")).contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100");
    }

    @Test
    void aZoneWithoutYearlyRulesIsItsOffsetSince1970AndEachChange() {
        assertThat(write("Asia/Tokyo"))
                .isEqualTo("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                        + "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
        // Istanbul kept its summer time of 2016 for good: its last change starts its standard time
        assertThat(write("Europe/Istanbul"))
                .doesNotContain("RRULE")
                .endsWith("BEGIN:STANDARD\r\nDTSTART:20160327T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n"
                        + "END:STANDARD\r\nEND:VTIMEZONE\r\n");
    }

    @Test
    void offsetsAndRulesAreWrittenAsRfc5545HasThem() {
        assertThat(VTimeZones.offset(ZoneOffset.ofHoursMinutes(5, 30))).isEqualTo("+0530");
        assertThat(VTimeZones.offset(ZoneOffset.ofHoursMinutes(-3, -30))).isEqualTo("-0330");
        assertThat(VTimeZones.offset(ZoneOffset.ofHoursMinutesSeconds(0, 17, 30)))
                .isEqualTo("+001730");
        assertThat(VTimeZones.rrule(ZoneId.of("America/Santiago")
                        .getRules()
                        .getTransitionRules()
                        .get(0)))
                .startsWith("FREQ=YEARLY;BYMONTH=");
    }
}
