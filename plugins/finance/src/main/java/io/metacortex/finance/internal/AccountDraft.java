package io.metacortex.finance.internal;

import java.math.BigDecimal;

/** A validated {@link AccountRequest}. @param balance null: not given */
record AccountDraft(String name, String currency, String kind, BigDecimal balance) {}
