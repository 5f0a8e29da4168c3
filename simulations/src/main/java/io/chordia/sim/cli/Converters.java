package io.chordia.sim.cli;

import io.chordia.routing.LookupStyle;
import io.chordia.routing.replication.SybilDefense;
import io.chordia.sim.churn.ChurnStart;
import io.chordia.sim.churn.SessionModel;
import io.chordia.sim.scenario.CostModel;
import io.chordia.sim.scenario.LatencySpec;
import io.chordia.sim.scenario.NetworkKind;
import io.chordia.routing.Protocol;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors say what is accepted, in lower case as typed. */
final class Converters {
    private Converters() {}

    static final class Latency implements ITypeConverter<LatencySpec> {
        @Override
        public LatencySpec convert(String value) {
            try {
                return LatencySpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static <E extends Enum<E>> E named(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String accepted = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new TypeConversionException("'" + value + "' is not one of " + accepted);
        }
    }

    static final class ProtocolName implements ITypeConverter<Protocol> {
        @Override
        public Protocol convert(String value) {
            return named(Protocol.class, value);
        }
    }

    static final class StyleName implements ITypeConverter<LookupStyle> {
        @Override
        public LookupStyle convert(String value) {
            return named(LookupStyle.class, value);
        }
    }

    static final class ChurnModelName implements ITypeConverter<SessionModel> {
        @Override
        public SessionModel convert(String value) {
            return named(SessionModel.class, value);
        }
    }

    static final class ChurnStartName implements ITypeConverter<ChurnStart> {
        @Override
        public ChurnStart convert(String value) {
            return named(ChurnStart.class, value);
        }
    }

    static final class NetworkName implements ITypeConverter<NetworkKind> {
        @Override
        public NetworkKind convert(String value) {
            return named(NetworkKind.class, value);
        }
    }

    static final class CostModelName implements ITypeConverter<CostModel> {
        @Override
        public CostModel convert(String value) {
            return named(CostModel.class, value);
        }
    }

    static final class SybilDefenseName implements ITypeConverter<SybilDefense.Mode> {
        @Override
        public SybilDefense.Mode convert(String value) {
            return named(SybilDefense.Mode.class, value);
        }
    }
}
