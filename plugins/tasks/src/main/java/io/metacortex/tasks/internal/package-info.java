/**
 * The tasks plugin's implementation: REST resource, request validation, service and data access. Not API: nothing
 * here is exported from the bundle, and any of it may change in any release.
 */
package io.metacortex.tasks.internal;
