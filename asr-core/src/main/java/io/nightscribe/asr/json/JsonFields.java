package io.nightscribe.asr.json;

import io.nightscribe.asr.NightscribeException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads fields back out of canonical JSON (or any JSON), failing with one clear message when a
 * field is missing or of the wrong type. Thread-safe.
 */
public final class JsonFields {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonFields() {}

  /**
   * Parses {@code text}.
   *
   * @param what names the document in error messages
   * @throws NightscribeException BAD_INPUT when it is not JSON
   */
  public static JsonNode parse(byte[] text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw NightscribeException.badInput(
          "Cannot read " + what + ": not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** Parses {@code text}; see {@link #parse(byte[], String)}. */
  public static JsonNode parse(String text, String what) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw NightscribeException.badInput(
          "Cannot read " + what + ": not JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** The object field {@code name} of {@code node}. */
  public static JsonNode object(JsonNode node, String name, String what) {
    JsonNode field = require(node, name, what);
    if (!field.isObject()) {
      throw invalid(name, what, "an object");
    }
    return field;
  }

  /** The array field {@code name} of {@code node}. */
  public static JsonNode array(JsonNode node, String name, String what) {
    JsonNode field = require(node, name, what);
    if (!field.isArray()) {
      throw invalid(name, what, "an array");
    }
    return field;
  }

  /** The string field {@code name} of {@code node}. */
  public static String text(JsonNode node, String name, String what) {
    JsonNode field = require(node, name, what);
    if (!field.isString()) {
      throw invalid(name, what, "a string");
    }
    return field.asString();
  }

  /** The string field {@code name}, empty when it is null or absent. */
  public static Optional<String> optionalText(JsonNode node, String name, String what) {
    JsonNode field = node.get(name);
    if (field == null || field.isNull()) {
      return Optional.empty();
    }
    return Optional.of(text(node, name, what));
  }

  /** The integer field {@code name} of {@code node}. */
  public static long integer(JsonNode node, String name, String what) {
    JsonNode field = require(node, name, what);
    if (!field.isIntegralNumber()) {
      throw invalid(name, what, "an integer");
    }
    return field.asLong();
  }

  /** The number field {@code name} of {@code node}. */
  public static double number(JsonNode node, String name, String what) {
    JsonNode field = require(node, name, what);
    if (!field.isNumber()) {
      throw invalid(name, what, "a number");
    }
    return field.asDouble();
  }

  private static JsonNode require(JsonNode node, String name, String what) {
    JsonNode field = node.get(name);
    if (field == null || field.isNull()) {
      throw NightscribeException.badInput("Cannot read " + what + ": no field '" + name + "'");
    }
    return field;
  }

  private static NightscribeException invalid(String name, String what, String expected) {
    return NightscribeException.badInput(
        "Cannot read " + what + ": field '" + name + "' is not " + expected);
  }
}
