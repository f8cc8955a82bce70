package io.metacortex.habits.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * The body of {@code POST /api/habits/{id}/check-ins}, as sent; null (no body) or {@code {}} means "done today".
 *
 * @param date the local day, e.g. {@code 2026-11-25}; absent for today in the caller's time zone
 * @param value MEASURABLE: the amount, a JSON number; absent for the habit's target. Must be absent for YES_NO.
 */
public record CheckInRequest(@Schema(format = "date") String date, BigDecimal value) {}
