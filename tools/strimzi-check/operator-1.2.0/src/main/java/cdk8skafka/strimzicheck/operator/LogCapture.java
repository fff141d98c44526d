package cdk8skafka.strimzicheck.operator;

import cdk8skafka.strimzicheck.Resource;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The operator logs some problems instead of failing (a forbidden config option dropped, a metadata version
 * replaced...): every WARN or ERROR it logs while a step runs becomes a finding on that step's resource. It also
 * keeps the operator's console appender (stdout) away from the harness's JSON lines.
 */
final class LogCapture extends AbstractAppender {
    private static final ThreadLocal<Resource> RESOURCE = new ThreadLocal<>();
    private static final ThreadLocal<String> CHECK = new ThreadLocal<>();

    private LogCapture() {
        super("strimzi-check", null, null, true, Property.EMPTY_ARRAY);
    }

    static void install() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        LogCapture appender = new LogCapture();
        appender.start();
        cfg.addAppender(appender);
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            for (String name : lc.getAppenders().keySet()) {
                lc.removeAppender(name);
            }
            lc.addAppender(appender, Level.WARN, null);
            lc.setLevel(Level.WARN);
        }
        LoggerConfig root = cfg.getRootLogger();
        for (String name : root.getAppenders().keySet()) {
            root.removeAppender(name);
        }
        root.addAppender(appender, Level.WARN, null);
        root.setLevel(Level.WARN);
        ctx.updateLoggers();
    }

    static void enter(Resource r, String check) {
        RESOURCE.set(r);
        CHECK.set(check);
    }

    static void leave() {
        RESOURCE.remove();
        CHECK.remove();
    }

    @Override
    public void append(LogEvent event) {
        Resource r = RESOURCE.get();
        if (r == null || !event.getLevel().isMoreSpecificThan(Level.WARN)) {
            return;
        }
        String message = "operator logged " + event.getLevel() + " (" + event.getLoggerName().replaceFirst(".*\\.", "") + "): "
                + event.getMessage().getFormattedMessage();
        if (event.getLevel().isMoreSpecificThan(Level.ERROR)) {
            r.error(CHECK.get(), message);
        } else {
            r.warn(CHECK.get(), message);
        }
    }
}
