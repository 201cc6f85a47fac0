package io.nightscribe.lifecycle.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightscribe.asr.dataset.Augmentation;
import io.nightscribe.asr.dataset.Sentence;
import io.nightscribe.asr.dataset.Synthesizer;
import io.nightscribe.asr.dataset.UtterancePlan;
import io.nightscribe.asr.dataset.Voice;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SpeechToolsTest {
  private static final Sentence SENTENCE = new Sentence("be kind to ducks", "Be kind to ducks.");
  private static final Path TEXT = Path.of("/w/sentence.txt");
  private static final Path WAV = Path.of("/w/speech.wav");
  private static final Path RAW = Path.of("/w/clip.raw");

  @Test
  void fliteStretchesDurationsByTheInverseOfTheRate() {
    UtterancePlan plan = plan(new Voice(Synthesizer.FLITE, "slt"), 125, OptionalInt.empty());

    assertThat(SpeechTools.synthesisCommand(plan, TEXT, WAV))
        .containsExactly(
            "flite",
            "-voice",
            "slt",
            "--setf",
            "duration_stretch=0.8000",
            "-f",
            "/w/sentence.txt",
            "-o",
            "/w/speech.wav");
  }

  @Test
  void espeakSpeaksAtItsDefaultWordsPerMinuteScaledByTheRateAndAtThePitch() {
    UtterancePlan plan = plan(new Voice(Synthesizer.ESPEAK_NG, "en-us+f2"), 80, OptionalInt.of(40));

    assertThat(SpeechTools.synthesisCommand(plan, TEXT, WAV))
        .containsExactly(
            "espeak-ng",
            "-v",
            "en-us+f2",
            "-s",
            "140",
            "-p",
            "40",
            "-f",
            "/w/sentence.txt",
            "-w",
            "/w/speech.wav");
  }

  @Test
  void soxConvertsRepeatablyTo16KilohertzMonoAndAppliesSpeedOrReverb() {
    assertThat(SpeechTools.soxCommand(WAV, RAW, Augmentation.NONE))
        .containsExactly(
            "sox",
            "-D",
            "-R",
            "-G",
            "/w/speech.wav",
            "-t",
            "raw",
            "-e",
            "signed-integer",
            "-b",
            "16",
            "-L",
            "-c",
            "1",
            "-r",
            "16000",
            "/w/clip.raw");
    assertThat(SpeechTools.soxCommand(WAV, RAW, Augmentation.speed(92))).endsWith("speed", "0.92");
    assertThat(SpeechTools.soxCommand(WAV, RAW, Augmentation.reverb(40))).endsWith("reverb", "40");
    assertThat(SpeechTools.soxCommand(WAV, RAW, Augmentation.noise(20))).endsWith("/w/clip.raw");
  }

  @Test
  void versionLinesNameTheVersionWithoutLocalPaths() {
    assertThat(
            SpeechTools.versionLine(
                "  Carnegie Mellon University, Copyright (c) 1999-2016, all rights reserved\n"
                    + "  version: flite-2.2-current Sep 2018 (http://cmuflite.org)\n"))
        .isEqualTo("version: flite-2.2-current Sep 2018 (http://cmuflite.org)");
    assertThat(
            SpeechTools.versionLine(
                "eSpeak NG text-to-speech: 1.51  Data at: /usr/lib/x86_64-linux-gnu/espeak-ng-data\n"))
        .isEqualTo("eSpeak NG text-to-speech: 1.51");
    assertThat(SpeechTools.versionLine("sox:      SoX v14.4.2\n")).isEqualTo("sox: SoX v14.4.2");
  }

  private static UtterancePlan plan(Voice voice, int ratePercent, OptionalInt pitch) {
    return new UtterancePlan(
        "0123456789abcdef", SENTENCE, voice, ratePercent, pitch, Augmentation.NONE, 1);
  }
}
