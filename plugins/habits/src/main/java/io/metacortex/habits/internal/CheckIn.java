package io.metacortex.habits.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A habit's check-in on one local day, as the API returns it.
 *
 * @param date the user's local day
 * @param value MEASURABLE: the amount done that day; null for YES_NO
 * @param done whether the check-in makes the day done (MEASURABLE: value at or above the habit's target now)
 */
public record CheckIn(LocalDate date, BigDecimal value, boolean done, Instant createdAt, Instant updatedAt) {}
