/**
 * The calendar plugin's implementation: REST resources, request validation, storage of calendar objects, recurrence
 * expansion, ICS import and export, reminders and the optional link to the tasks plugin. Not API: nothing here is
 * exported from the bundle, and any of it may change in any release.
 */
package io.metacortex.calendar.internal;
