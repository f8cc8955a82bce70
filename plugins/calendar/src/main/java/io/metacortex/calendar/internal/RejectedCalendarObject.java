package io.metacortex.calendar.internal;

/**
 * A calendar object a CalDAV client sent that cannot be stored (nothing was), with the RFC 4791 (5.3.2)
 * precondition it fails.
 */
public final class RejectedCalendarObject extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Not iCalendar text as RFC 5545 has it. */
    public static final String VALID_DATA = "valid-calendar-data";
    /** Not one VCALENDAR holding the VEVENTs of one UID, named after it. */
    public static final String VALID_OBJECT = "valid-calendar-object-resource";
    /** A component other than VEVENT (and its VTIMEZONEs). */
    public static final String SUPPORTED_COMPONENT = "supported-calendar-component";

    private final String precondition;

    RejectedCalendarObject(String precondition, String message) {
        super(message, null, false, false);
        this.precondition = precondition;
    }

    /** @return the local name of the CALDAV: precondition element */
    public String precondition() {
        return precondition;
    }
}
