package io.nightscribe.registry.mlflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The bytes of one small artifact (run.json, a manifest), immutable and compared by content. In
 * JSON it is a base64 string.
 */
public final class ArtifactContent {
  private final byte[] bytes;

  private ArtifactContent(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** Copies {@code bytes}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ArtifactContent of(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("Invalid artifact content: null");
    }
    return new ArtifactContent(bytes);
  }

  /** A copy of the bytes. */
  @JsonValue
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Size in bytes. */
  public int sizeBytes() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArtifactContent that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ArtifactContent[" + bytes.length + " bytes]";
  }
}
