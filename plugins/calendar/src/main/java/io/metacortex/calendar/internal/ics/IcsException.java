package io.metacortex.calendar.internal.ics;

/** iCalendar text that cannot be read, with the (1-based, physical) line where the problem starts. */
public final class IcsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public IcsException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** @return the physical line of the content line at fault, 1-based */
    public int line() {
        return line;
    }
}
