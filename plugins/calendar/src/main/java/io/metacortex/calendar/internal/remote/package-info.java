/**
 * The CalDAV client: external accounts (discovery, secrets, links of remote calendars to local ones) and their
 * two-way sync. Not API.
 */
package io.metacortex.calendar.internal.remote;
