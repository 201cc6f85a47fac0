package io.nightscribe.batch.kubernetes;

import java.util.regex.Pattern;

/** Checks Kubernetes resource quantities (CPU, memory, storage) as the API server parses them. */
final class Quantity {
  private static final Pattern QUANTITY =
      Pattern.compile("[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?");

  private Quantity() {}

  /**
   * Returns {@code value} when it is a quantity.
   *
   * @param what what the value is for, named in the message ("cpu", "memory")
   * @throws IllegalArgumentException naming the value and giving examples
   */
  static String check(String what, String value) {
    if (value == null || !QUANTITY.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + value
              + "' is not a Kubernetes quantity (e.g. 500m or 2 for CPU, 4Gi for memory)");
    }
    return value;
  }
}
