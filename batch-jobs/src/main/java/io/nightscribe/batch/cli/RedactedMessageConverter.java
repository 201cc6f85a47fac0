package io.nightscribe.batch.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.nightscribe.asr.Redaction;

/** A plain log line's message without credentials (see {@link Redaction}): {@code %redactedMsg}. */
public final class RedactedMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redaction.redact(super.convert(event));
  }
}
