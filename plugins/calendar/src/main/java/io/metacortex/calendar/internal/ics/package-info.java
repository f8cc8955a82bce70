/**
 * A strict reader and writer of iCalendar text (RFC 5545 section 3.1: content lines, folding, parameters, escaping)
 * into a tree of components whose properties keep their values as written, so that what is not understood (X-
 * properties, VTIMEZONE blocks, unknown parameters) goes back out unchanged. ical4j is not used: its classes and
 * those of the libraries it needs read files, URLs and system properties, which the host's code check refuses in a
 * plugin bundle (see the plugin's README).
 */
package io.metacortex.calendar.internal.ics;
