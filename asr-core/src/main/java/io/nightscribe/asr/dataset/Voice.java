package io.nightscribe.asr.dataset;

import java.util.Objects;

/**
 * A voice of a synthesizer.
 *
 * @param synthesizer who speaks
 * @param name the synthesizer's name for it: a flite voice ("slt"), or an espeak-ng language with
 *     an optional variant ("en-gb-x-rp+f2")
 */
public record Voice(Synthesizer synthesizer, String name) implements Comparable<Voice> {
  public Voice {
    Objects.requireNonNull(synthesizer, "synthesizer");
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9_-]+(\\+[A-Za-z0-9_-]+)?")) {
      throw new IllegalArgumentException("Invalid voice name: " + name);
    }
  }

  /** "flite:slt", "espeak-ng:en-us+m3": how records name it. */
  @Override
  public String toString() {
    return synthesizer.program() + ":" + name;
  }

  @Override
  public int compareTo(Voice other) {
    return toString().compareTo(other.toString());
  }
}
