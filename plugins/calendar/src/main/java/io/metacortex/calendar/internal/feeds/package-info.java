/**
 * Subscriptions to ICS feeds: read-only calendars that a recurring job refills from a URL (internal, not exported).
 */
package io.metacortex.calendar.internal.feeds;
