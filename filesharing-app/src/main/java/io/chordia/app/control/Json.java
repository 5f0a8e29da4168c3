package io.chordia.app.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one Jackson setup of the control channel and the commands' {@code --json} output. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // An older client may talk to a newer node that added fields.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private Json() {}

    /** Shared and thread-safe once configured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code value} as indented JSON: what {@code --json} prints. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
