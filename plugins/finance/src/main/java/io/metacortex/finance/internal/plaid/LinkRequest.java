package io.metacortex.finance.internal.plaid;

/**
 * The body of {@code POST /api/finance/items}.
 *
 * @param publicToken the {@code public_token} Plaid Link gave the client
 * @param institutionName the institution's name from Link's metadata, shown with the item (optional)
 */
public record LinkRequest(String publicToken, String institutionName) {}
