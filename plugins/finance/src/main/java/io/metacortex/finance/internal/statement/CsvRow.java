package io.metacortex.finance.internal.statement;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of a CSV file as it would be imported; {@code externalId} is the stable hash re-imports are matched by. */
public record CsvRow(
        int line,
        LocalDate bookedOn,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String description,
        String merchant,
        String externalId) {}
