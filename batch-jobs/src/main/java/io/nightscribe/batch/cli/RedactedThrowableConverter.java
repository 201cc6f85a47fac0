package io.nightscribe.batch.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.nightscribe.asr.Redaction;

/**
 * A plain log line's exception without credentials (see {@link Redaction}): {@code %redactedEx}.
 */
public final class RedactedThrowableConverter extends ThrowableProxyConverter {
  @Override
  protected String throwableProxyToString(IThrowableProxy proxy) {
    return Redaction.redact(super.throwableProxyToString(proxy));
  }
}
