package io.metacortex.finance.internal.plaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PlaidTransactionTest {

    @Test
    void plaidsPositiveOutflowBecomesTheLedgersNegativeExactly() throws Exception {
        PlaidTransaction purchase = PlaidTransaction.of(PlaidClient.JSON.readTree(PlaidFake.transaction(
                        "t1", "acc", "72.10", "2026-11-24", "PURCHASE WM SUPERCENTER #1700", "Walmart")))
                .orElseThrow();
        PlaidTransaction refund = PlaidTransaction.of(PlaidClient.JSON.readTree(
                        PlaidFake.transaction("t2", "acc", "-0.07", "2026-11-25", "REFUND", null)))
                .orElseThrow();

        assertThat(purchase.amount()).isEqualByComparingTo(new BigDecimal("-72.10"));
        assertThat(purchase.currency()).isEqualTo("USD");
        assertThat(purchase.date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(purchase.merchant()).isEqualTo("Walmart");
        assertThat(purchase.description()).isEqualTo("PURCHASE WM SUPERCENTER #1700");
        assertThat(refund.amount()).isEqualTo(new BigDecimal("0.07"));
        assertThat(refund.merchant()).isNull();
    }

    @Test
    void anAmountBeyondADoublesPrecisionStaysExact() throws Exception {
        PlaidTransaction big = PlaidTransaction.of(PlaidClient.JSON.readTree(
                        PlaidFake.transaction("t", "acc", "123456789012345.6789", "2026-11-24", "X", null)))
                .orElseThrow();

        assertThat(big.amount()).isEqualTo(new BigDecimal("-123456789012345.6789"));
    }

    @Test
    void anUnofficialCurrencyIsLeftOut() throws Exception {
        assertThat(PlaidTransaction.of(PlaidClient.JSON.readTree(
                        PlaidFake.transaction("t", "acc", "1.5", "null", "2026-11-24", "BTC buy", null))))
                .isEmpty();
    }

    @Test
    void malformedTransactionsAreRefused() throws Exception {
        assertThatThrownBy(() -> PlaidTransaction.of(PlaidClient.JSON.readTree("{\"account_id\": \"a\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transaction_id");
        assertThatThrownBy(() -> PlaidTransaction.of(PlaidClient.JSON.readTree(
                        PlaidFake.transaction("t", "acc", "\"12\"", "2026-11-24", "X", null))))
                .hasMessageContaining("no numeric amount");
        assertThatThrownBy(() -> PlaidTransaction.of(
                        PlaidClient.JSON.readTree(PlaidFake.transaction("t", "acc", "12", "24.11.2026", "X", null))))
                .hasMessageContaining("malformed date");
    }
}
