package dev.difyweave.backfill.testsupport;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** The events one logger logs while this is open, to wait for in a test (the logger's own appenders stay). */
public final class LoggedEvents extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final BlockingQueue<ILoggingEvent> events = new LinkedBlockingQueue<>();
    private final Logger logger;

    private LoggedEvents(Logger logger) {
        this.logger = logger;
    }

    public static LoggedEvents of(Class<?> loggerOf) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerOf);
        LoggedEvents appender = new LoggedEvents(logger);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    @Override
    protected void append(ILoggingEvent event) {
        events.add(event);
    }

    /** The next event that matches, waiting up to 10 s for it; earlier events that do not match are dropped. */
    public ILoggingEvent next(Predicate<ILoggingEvent> matching) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            ILoggingEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no matching event logged by " + logger.getName() + " within 10 s");
            }
            if (matching.test(event)) {
                return event;
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
