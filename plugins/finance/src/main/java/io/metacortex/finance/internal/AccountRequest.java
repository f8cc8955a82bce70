package io.metacortex.finance.internal;

/**
 * The body of {@code POST /api/finance/accounts} and {@code PATCH /api/finance/accounts/{id}}: a manual account.
 *
 * @param currency ISO 4217; required on create, cannot change
 * @param kind checking, savings, credit, loan, investment, cash or other (default checking)
 * @param balance the current balance as a decimal string, e.g. {@code "1250.00"}; optional
 */
public record AccountRequest(String name, String currency, String kind, String balance) {}
