package io.nightscribe.lifecycle.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A recording of a person with its text.
 *
 * @param id its id in the dataset, from its source and name ("asterisk-vm-nomore")
 * @param audio the audio file
 * @param text the words spoken, lower case
 */
record Recording(String id, Path audio, String text) {
  Recording {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(text, "text");
  }
}
