/**
 * The notes plugin's implementation: REST resource, request validation, service, data access, wiki links, search,
 * version history and the optional link to the tasks plugin. Not API: nothing here is exported from the bundle, and
 * any of it may change in any release.
 */
package io.metacortex.notes.internal;
