package io.chordia.sim.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chordia.sim.scenario.Summary;

/** The {@code --json} form of a {@link Summary}: one object, fields in declaration order. */
public final class SummaryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private SummaryJson() {}

    public static String pretty(Summary summary) {
        return write(MAPPER, summary);
    }

    /** One line, for piping into tools like jq. */
    public static String compact(Summary summary) {
        return write(COMPACT, summary);
    }

    private static String write(ObjectMapper mapper, Summary summary) {
        try {
            return mapper.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }
}
