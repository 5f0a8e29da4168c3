package io.chordia.sim.cli;

import io.chordia.sim.scenario.DurationText;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one reading of a {@link Duration} option on the command line ({@code 30s}, {@code 10m},
 * {@code 1h}, {@code PT1H}): the sim's options name it, and {@code chordia} registers it for every
 * other command, so no option falls back to picocli's ISO-only parse.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
