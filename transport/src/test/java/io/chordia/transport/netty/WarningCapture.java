package io.chordia.transport.netty;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects WARN-and-above log events from every logger, ours and Netty's (which logs an exception
 * that reaches the pipeline's tail at WARN): how a test sees that nothing escaped a pipeline.
 */
final class WarningCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> events = new CopyOnWriteArrayList<>();

    private WarningCapture() {
        super("warning-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static WarningCapture install() {
        WarningCapture capture = new WarningCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getRootLogger().addAppender(capture, Level.WARN, null);
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
            Throwable t = event.getThrown();
            events.add(event.getLoggerName() + ": " + event.getMessage().getFormattedMessage()
                    + (t == null ? "" : " / " + t));
        }
    }

    List<String> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
