package io.nightscribe.asr.dataset;

/** A speech synthesizer Debian ships, run as an external program. */
public enum Synthesizer {
  /** CMU Flite: a few clear voices (slt is the most intelligible). */
  FLITE("flite"),
  /** eSpeak NG: many accents and voice variants, robotic but varied. */
  ESPEAK_NG("espeak-ng");

  private final String program;

  Synthesizer(String program) {
    this.program = program;
  }

  /** The program's name, as typed in a shell. */
  public String program() {
    return program;
  }
}
