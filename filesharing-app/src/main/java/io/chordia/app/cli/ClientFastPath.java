package io.chordia.app.cli;

import io.chordia.sim.cli.DurationConverter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a plain, valid use of a client verb ({@code chordia get KEY --json}) without building a
 * picocli command line. Picocli's classes are Java 5 class files, which class-data sharing cannot
 * archive and the old verifier checks slowly: building even one command cost a client a quarter of
 * a second. The options come from the command's own picocli annotations, so the two cannot name
 * different options; anything this does not read exactly (help, version, a value that does not
 * convert, an unknown or missing argument, an {@code @file}) returns null before running, and
 * picocli handles it with its help, errors and exit codes.
 */
final class ClientFastPath {
    private static final String NO_DEFAULT = "__no_default_value__";
    private static final String VERBOSE = "--verbose";
    private static final String OPTIONAL = "0..1";

    private ClientFastPath() {}

    /** The exit code of {@code args} run directly, or null (nothing run) when picocli must handle them. */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        return args.length == 0 ? null : run(ClientVerbs.command(args[0]), args, out, err);
    }

    /** {@code command} run with {@code args} (its verb first), or null when picocli must handle them. */
    static Integer run(Object command, String[] args, PrintWriter out, PrintWriter err) {
        if (!(command instanceof Callable)) {
            return null;
        }
        Bindings bindings = new Bindings();
        if (!bindings.collect(command) || !bindings.parse(args)) {
            return null;
        }
        bindings.daemon.printTo(out, err);
        try {
            Object code = ((Callable<?>) command).call();
            return code == null ? 0 : (Integer) code;
        } catch (Exception e) {
            return ErrorReporter.report(e, bindings.verbose, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Standard output as picocli writes it (the same charset), so both paths print the same bytes. */
    static PrintWriter stdout() {
        return writer(System.out, "sun.stdout.encoding");
    }

    static PrintWriter stderr() {
        return writer(System.err, "sun.stderr.encoding");
    }

    private static PrintWriter writer(PrintStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        return new PrintWriter(new OutputStreamWriter(stream,
                encoding != null ? Charset.forName(encoding) : Charset.defaultCharset()), true);
    }

    /** The command's option and parameter fields, then the values the arguments give them. */
    private static final class Bindings {
        private final Map<String, Target> options = new HashMap<>();
        private final List<Target> parameters = new ArrayList<>();
        private final List<Target> defaults = new ArrayList<>();
        /** The parameters that must be given: the first ones, before any optional one. */
        private int required;
        private DaemonOptions daemon;
        private boolean verbose;

        /** False when the command uses something only picocli knows how to fill. */
        boolean collect(Object command) {
            if (command.getClass().getSuperclass() != Object.class) {
                return false; // options inherited from a superclass would be missed
            }
            for (Field field : command.getClass().getDeclaredFields()) {
                if (!annotatedForThis(field, command)) {
                    return false;
                }
                if (field.isAnnotationPresent(Mixin.class)) {
                    if (field.getType() != DaemonOptions.class || daemon != null) {
                        return false;
                    }
                    daemon = new DaemonOptions();
                    set(field, command, daemon);
                    if (!collect(daemon)) {
                        return false;
                    }
                } else if (!collectArgument(field, command)) {
                    return false;
                }
            }
            return daemon != null || command instanceof DaemonOptions;
        }

        /** Picocli fills fields through other annotations too (argument groups, specs, unmatched lists): not copied here. */
        private static boolean annotatedForThis(Field field, Object owner) {
            for (Annotation a : field.getAnnotations()) {
                Class<?> type = a.annotationType();
                boolean spec = type == Spec.class && owner instanceof DaemonOptions; // which prints where it is told
                if (type.getName().startsWith("picocli.") && type != Option.class && type != Parameters.class
                        && type != Mixin.class && !spec) {
                    return false;
                }
            }
            return true;
        }

        private boolean collectArgument(Field field, Object owner) {
            Option option = field.getAnnotation(Option.class);
            Parameters parameter = field.getAnnotation(Parameters.class);
            if (option != null) {
                if (option.arity().length() > 0 || option.converter().length > 0 || option.split().length() > 0
                        || option.required() || option.negatable() || option.defaultValue().contains("${")) {
                    return false;
                }
                Target target = new Target(field, owner, option.defaultValue());
                for (String name : option.names()) {
                    options.put(name, target);
                }
                if (!NO_DEFAULT.equals(option.defaultValue())) {
                    defaults.add(target);
                }
            } else if (parameter != null) {
                // An optional parameter ("0..1") may only follow the required ones, as picocli fills them in order.
                boolean optional = OPTIONAL.equals(parameter.arity());
                if (!parameter.index().equals(Integer.toString(parameters.size()))
                        || (parameter.arity().length() > 0 && !optional) || (!optional && required < parameters.size())
                        || parameter.converter().length > 0) {
                    return false;
                }
                parameters.add(new Target(field, owner, NO_DEFAULT));
                if (!optional) {
                    required++;
                }
            }
            return true; // a field picocli does not fill (an injected spec) is none of ours
        }

        /** False when an argument is anything but a known option, its value, or one of the parameters. */
        boolean parse(String[] args) {
            for (String arg : args) {
                if (arg.startsWith("@")) {
                    return false; // picocli reads arguments from that file
                }
            }
            List<String> positional = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("-")) {
                    positional.add(arg);
                    continue;
                }
                int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (name.equals(VERBOSE) && equals < 0 && !verbose) {
                    verbose = true;
                    continue;
                }
                Target target = options.get(name);
                if (target == null || target.assigned) { // twice is picocli's error to report
                    return false;
                }
                if (target.isFlag()) {
                    if (equals >= 0 || !target.assign("true")) {
                        return false;
                    }
                    continue;
                }
                String value = equals >= 0 ? arg.substring(equals + 1) : (i + 1 < args.length ? args[++i] : null);
                if (value == null || value.startsWith("-") || !target.assign(value)) {
                    return false;
                }
            }
            if (positional.size() > parameters.size() || positional.size() < required) {
                return false;
            }
            for (int i = 0; i < positional.size(); i++) {
                if (!parameters.get(i).assign(positional.get(i))) {
                    return false;
                }
            }
            for (Target target : defaults) {
                if (!target.assigned && !target.assign(target.defaultValue)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One field to fill, of a type read here; any other type makes the run picocli's. */
    private static final class Target {
        private final Field field;
        private final Object owner;
        private final String defaultValue;
        private boolean assigned;

        Target(Field field, Object owner, String defaultValue) {
            this.field = field;
            this.owner = owner;
            this.defaultValue = defaultValue;
        }

        boolean isFlag() {
            return field.getType() == boolean.class;
        }

        /** False when picocli would reject the value, or read it in a way not copied here. */
        boolean assign(String text) {
            Class<?> type = field.getType();
            Object value;
            try {
                if (type == String.class) {
                    value = text;
                } else if (type == boolean.class) {
                    value = Boolean.TRUE;
                } else if (type == Path.class) {
                    value = Path.of(text);
                } else if (type == Duration.class) {
                    value = new DurationConverter().convert(text);
                } else {
                    return false;
                }
            } catch (Exception e) {
                return false;
            }
            set(field, owner, value);
            assigned = true;
            return true;
        }
    }

    private static void set(Field field, Object owner, Object value) {
        try {
            field.setAccessible(true);
            field.set(owner, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }
}
