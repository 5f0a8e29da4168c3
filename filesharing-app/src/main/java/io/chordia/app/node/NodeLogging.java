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
final class NodeLogging {
    static final String APPENDER = "data-dir-file";

    private NodeLogging() {}

    static synchronized void addRollingFile(Path logDir) {
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
}
