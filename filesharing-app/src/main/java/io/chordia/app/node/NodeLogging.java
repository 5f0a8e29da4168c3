package io.chordia.app.node;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The daemon's logging on top of log4j2.xml (stderr): Chordia's own loggers at info unless
 * {@code -Dchordia.log.level} says otherwise, and a rolling file in the data directory
 * ({@code logs/chordia.log}, 10 MB, 5 compressed generations kept). Programmatic, because the
 * file's place is only known once the options are parsed.
 */
public final class NodeLogging {
    static final String APPENDER = "data-dir-file";
    private static volatile Thread starter;

    private NodeLogging() {}

    /**
     * Starts Log4j (a third of a node's start: plugins, configuration, appenders) on another thread
     * while the caller reads the options; {@link #addRollingFile} waits for it.
     */
    public static synchronized void startEarly() {
        if (starter != null) {
            return;
        }
        starter = new Thread("chordia-log-start") { // not a lambda: its bootstrap would cost more than the thread
            @Override
            public void run() {
                LogManager.getContext(false);
            }
        };
        starter.setDaemon(true);
        starter.start();
    }

    static synchronized void addRollingFile(Path logDir) {
        awaitStarted();
        if (System.getProperty("chordia.log.level") == null) {
            Configurator.setLevel("io.chordia", Level.INFO);
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        if (config.getAppender(APPENDER) != null) {
            return;
        }
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%d{ISO8601} %-5level [%t] %X{node} %c{1} - %msg%n").build();
        RollingFileAppender file = RollingFileAppender.newBuilder()
                .setName(APPENDER)
                .withFileName(logDir.resolve("chordia.log").toString())
                .withFilePattern(logDir.resolve("chordia-%i.log.gz").toString())
                .withPolicy(SizeBasedTriggeringPolicy.createPolicy("10 MB"))
                .withStrategy(DefaultRolloverStrategy.newBuilder().withMax("5").withConfig(config).build())
                .setLayout(layout)
                .setConfiguration(config)
                .build();
        file.start();
        config.addAppender(file);
        config.getRootLogger().addAppender(file, null, null);
        context.updateLoggers();
    }

    /**
     * A context another thread is still starting is handed out unconfigured (its start is a tryLock,
     * not a wait): an appender added to it then would be lost when the configuration is read.
     */
    private static void awaitStarted() {
        Thread started = starter;
        if (started == null) {
            return;
        }
        try {
            started.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Log4j started", e);
        }
    }
}
