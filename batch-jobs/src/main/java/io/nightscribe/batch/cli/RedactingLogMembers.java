package io.nightscribe.batch.cli;

import io.nightscribe.asr.Redaction;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.ValueProcessor;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON log lines without credentials: every text member (the message, an exception's message and
 * stack trace) goes through {@link Redaction}, so a URL with a password in it that a library puts
 * into an exception never reaches the log. Named by {@code logging.structured.json.customizer}.
 */
public final class RedactingLogMembers implements StructuredLoggingJsonMembersCustomizer<Object> {
  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(ValueProcessor.of(String.class, Redaction::redact));
  }
}
