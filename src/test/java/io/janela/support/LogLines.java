package io.janela.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.formatters.PatternFormatter;

/**
 * Janela's log lines while a test drives a function, as the console (and so CloudWatch) gets them:
 * each record formatted with the application's own {@code quarkus.log.console.format}. A handler on
 * the {@code io.janela} logger, removed on close. Loggers are global to the JVM and plain test classes
 * run beside the application, so only records logged by the application's own classes (loaded
 * by this class's loader, the application's) are kept.
 */
public final class LogLines extends Handler implements AutoCloseable {

    private static final StackWalker CALLERS = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final PatternFormatter console = new PatternFormatter(
            ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class));
    private final PatternFormatter message = new PatternFormatter("%s");
    private final List<String> formatted = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Logger janela = Logger.getLogger("io.janela");

    private LogLines() {
        janela.addHandler(this);
    }

    public static LogLines capture() {
        return new LogLines();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (loggedByThisApplication()) {
            formatted.add(console.format(record));
            messages.add(message.format(record));
        }
    }

    /** Whether the Janela class nearest on the logging thread's stack is one of this application's. */
    private static boolean loggedByThisApplication() {
        return CALLERS.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type.getName().startsWith("io.janela.") && type != LogLines.class)
                .findFirst()
                .map(type -> type.getClassLoader() == LogLines.class.getClassLoader())
                .orElse(true));
    }

    /** Every record as the console prints it, exception and line break included. */
    public synchronized List<String> console() {
        return List.copyOf(formatted);
    }

    /** Every record's message alone, as written by the log statement. */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** The console's text split into its physical lines. */
    public synchronized List<String> physicalLines() {
        List<String> lines = new ArrayList<>();
        formatted.forEach(text -> lines.addAll(List.of(text.split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1))));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        janela.removeHandler(this);
    }
}
