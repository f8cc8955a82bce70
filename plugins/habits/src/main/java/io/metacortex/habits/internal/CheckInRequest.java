package io.metacortex.habits.internal;

import java.math.BigDecimal;

/**
 * The body of {@code POST /api/habits/{id}/check-ins}, as sent; null (no body) or {@code {}} means "done today".
 *
 * @param date the local day, e.g. {@code 2026-11-25}; absent for today in the caller's time zone
 * @param value MEASURABLE: the amount, a JSON number; absent for the habit's target. Must be absent for YES_NO.
 */
public record CheckInRequest(String date, BigDecimal value) {
}
