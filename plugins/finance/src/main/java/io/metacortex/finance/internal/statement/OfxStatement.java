package io.metacortex.finance.internal.statement;

import io.metacortex.finance.internal.ImportedTransaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One statement of an OFX file (a bank STMTRS or credit card CCSTMTRS).
 *
 * @param accountId ACCTID
 * @param accountType ACCTTYPE (CHECKING, SAVINGS, ...), or CREDITCARD for a credit card statement
 * @param currency CURDEF
 * @param transactions the STMTTRNs, FITID as external id
 * @param ledgerBalance LEDGERBAL/BALAMT, or null
 * @param balanceDay LEDGERBAL/DTASOF's day, or null
 * @param availableBalance AVAILBAL/BALAMT, or null
 */
public record OfxStatement(
        String accountId,
        String accountType,
        String currency,
        List<ImportedTransaction> transactions,
        BigDecimal ledgerBalance,
        LocalDate balanceDay,
        BigDecimal availableBalance) {}
