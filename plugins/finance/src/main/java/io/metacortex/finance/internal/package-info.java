/**
 * The finance plugin's implementation: REST resources, the ledger every import writes through, statement readers,
 * budgets, reports and alerts. Not API: nothing here is exported from the bundle, and any of it may change in any
 * release.
 */
package io.metacortex.finance.internal;
