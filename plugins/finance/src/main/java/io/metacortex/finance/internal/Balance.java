package io.metacortex.finance.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An account's balance as its source reports it (OFX LEDGERBAL/AVAILBAL, Plaid balances).
 *
 * @param current the booked balance, in the account's currency
 * @param available what may be spent, or null when the source does not say
 * @param asOf when the source computed it
 */
public record Balance(BigDecimal current, BigDecimal available, Instant asOf) {

    public Balance {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(asOf, "asOf");
        if (!Money.fits(current) || (available != null && !Money.fits(available))) {
            throw new IllegalArgumentException("A balance has more than 4 decimal places or 15 integer digits");
        }
    }
}
