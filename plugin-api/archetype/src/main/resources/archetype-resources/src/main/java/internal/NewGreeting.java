package ${package}.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of POST /api/${pluginId}: the host answers 422 naming the field when it breaks these constraints. */
public record NewGreeting(@NotBlank @Size(max = 80) String text) {}
