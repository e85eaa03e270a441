package org.equigrid.agents.platform;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.LogManager;

/**
 * Routes JADE's {@code java.util.logging} output to Log4j2: WARNING and SEVERE keep their level,
 * JADE's chatty INFO (banners, service start-ups) becomes DEBUG, the rest TRACE.
 */
final class JadeLogging {

  /** Held strongly so that the level and handler are not garbage collected with the logger. */
  private static final java.util.logging.Logger JADE = java.util.logging.Logger.getLogger("jade");

  private static boolean installed;

  private JadeLogging() {}

  static synchronized void route() {
    if (installed) {
      return;
    }
    installed = true;
    JADE.setUseParentHandlers(false);
    JADE.setLevel(Level.INFO);
    JADE.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            org.apache.logging.log4j.Logger target =
                LogManager.getLogger(
                    record.getLoggerName() == null ? "jade" : record.getLoggerName());
            int level = record.getLevel().intValue();
            org.apache.logging.log4j.Level mapped =
                level >= Level.SEVERE.intValue()
                    ? org.apache.logging.log4j.Level.ERROR
                    : level >= Level.WARNING.intValue()
                        ? org.apache.logging.log4j.Level.WARN
                        : level >= Level.INFO.intValue()
                            ? org.apache.logging.log4j.Level.DEBUG
                            : org.apache.logging.log4j.Level.TRACE;
            if (target.isEnabled(mapped)) {
              String text = record.getMessage();
              if (record.getParameters() != null && text != null) {
                text = java.text.MessageFormat.format(text, record.getParameters());
              }
              target.log(mapped, text, record.getThrown());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }
}
