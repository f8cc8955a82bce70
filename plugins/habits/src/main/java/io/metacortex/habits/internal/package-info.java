/**
 * The habits plugin's implementation: REST resource, request validation, services, streak arithmetic and data
 * access. Not API: nothing here is exported from the bundle, and any of it may change in any release. Only
 * {@link io.metacortex.habits.internal.TasksBridge} refers to the tasks plugin's API.
 */
package io.metacortex.habits.internal;
