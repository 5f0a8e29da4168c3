package io.chordia.app.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of a control answer: exactly one of {@code progress}, {@code result} or {@code error}.
 * An answer is any number of progress lines, then one result or one error line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlLine(JsonNode progress, JsonNode result, ControlError error) {
    /** What went wrong, and what to do about it (may be null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ControlError(String message, String hint) {}
}
