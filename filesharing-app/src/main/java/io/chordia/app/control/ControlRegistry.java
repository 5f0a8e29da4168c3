package io.chordia.app.control;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The control channel's verbs, by name. Filled before the server starts; read-only afterwards. */
public final class ControlRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z-]{0,31}");

    private final Map<String, ControlCommand<?, ?>> commands = new TreeMap<>();

    public ControlRegistry register(ControlCommand<?, ?> command) {
        if (!NAME.matcher(command.name()).matches()) {
            throw new IllegalArgumentException("a command name is lower case letters and dashes, was '" + command.name() + "'");
        }
        if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalArgumentException("command '" + command.name() + "' is registered twice");
        }
        return this;
    }

    public Optional<ControlCommand<?, ?>> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(commands.keySet());
    }
}
