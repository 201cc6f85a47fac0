package io.nightscribe.asr.audio;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_STREAM_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.nightscribe.asr.NightscribeException;
import io.nightscribe.asr.storage.SeekableObject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input decoded by FFmpeg: demuxer, decoder and resampler over an AVIO context that reads a
 * {@link SeekableObject}. Holds at most about one block plus one decoded frame of samples. Not
 * thread-safe. Frees every native resource in {@link #close()}, once.
 */
final class FfmpegPcmStream implements PcmStream {
  /** One second at 16 kHz: the largest block {@link #nextBlock()} returns. */
  static final int BLOCK_SAMPLES = AudioDecoder.TARGET_SAMPLE_RATE_HZ;

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegPcmStream.class);
  private static final int AVIO_BUFFER_BYTES = 64 * 1024;
  private static final int MIN_SAMPLE_RATE_HZ = 1_000;
  private static final int MAX_SAMPLE_RATE_HZ = 384_000;
  private static final int MAX_CHANNELS = 64;
  private static final int AVERROR_EAGAIN = -11;
  private static final long MIN_MISSING_MILLIS = 500;
  // a decoded frame is a few thousand samples; one that is not is a bomb, not audio
  private static final int MAX_PENDING_SAMPLES = 60 * BLOCK_SAMPLES;
  // avformat.h's AVFMT_FLAG_CUSTOM_IO, which the bindings do not export
  private static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;

  private final String name;
  private final AvioBridge.Source source;
  private final DecodeBudget budget;
  private long spentNanos;
  private AVIOContext avio;
  private AVFormatContext format;
  private AVCodecContext codec;
  private AVPacket packet;
  private AVFrame frame;
  private Downmixer downmixer;
  private int streamIndex;
  private AudioProbe probe;
  private long declaredMillis;
  private float[] pending = new float[2 * BLOCK_SAMPLES];
  private int pendingCount;
  private long deliveredSamples;
  private long skippedPackets;
  private boolean ended;
  private boolean closed;

  FfmpegPcmStream(SeekableObject object, String name, DecodeBudget budget) {
    this.name = name;
    this.budget = budget;
    this.source = AvioBridge.register(object);
    long started = System.nanoTime();
    try {
      source.stopAt(started + budget.allowedNanos(0));
      openInput();
      AVStream stream = findAudioStream();
      probe = describe(stream, object);
      checkDeclaredLength();
      openDecoder(stream.codecpar(), stream);
      packet = av_packet_alloc();
      frame = av_frame_alloc();
      downmixer = new Downmixer(name);
      LOG.debug("Opened {}: {}", name, probe);
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      spentNanos += System.nanoTime() - started;
    }
  }

  @Override
  public AudioProbe probe() {
    return probe.withSkippedPackets(skippedPackets);
  }

  @Override
  public float[] nextBlock() {
    if (closed) {
      throw new IllegalStateException("Stream of " + name + " is closed");
    }
    long started = System.nanoTime();
    try {
      while (pendingCount < BLOCK_SAMPLES && !ended) {
        checkBudget(started);
        decodeMore();
      }
    } finally {
      spentNanos += System.nanoTime() - started;
    }
    if (pendingCount == 0) {
      checkComplete();
      return null;
    }
    int count = Math.min(pendingCount, BLOCK_SAMPLES);
    float[] block = Arrays.copyOf(pending, count);
    System.arraycopy(pending, count, pending, 0, pendingCount - count);
    pendingCount -= count;
    deliveredSamples += count;
    return block;
  }

  /** Refuses, before decoding, an input whose own header declares more audio than allowed. */
  private void checkDeclaredLength() {
    if (declaredMillis > budget.maxAudio().toMillis()) {
      throw tooLarge(
          "declares "
              + length(declaredMillis)
              + " of audio, more than the "
              + length(budget.maxAudio().toMillis())
              + " the decode budget allows");
    }
  }

  /**
   * Stops a decode that has produced more audio than allowed, or spent longer than its audio
   * (declared, or decoded so far) allows; reads past the deadline fail too, so a stalled read or a
   * demuxer scanning for data is stopped as well.
   */
  private void checkBudget(long callStarted) {
    long decodedMillis = (deliveredSamples + pendingCount) * 1000 / BLOCK_SAMPLES;
    if (decodedMillis > budget.maxAudio().toMillis()) {
      throw tooLarge(
          "decodes to more than the "
              + length(budget.maxAudio().toMillis())
              + " of audio the decode budget allows");
    }
    long allowed = budget.allowedNanos(Math.max(declaredMillis, decodedMillis));
    long deadline = callStarted + (allowed - spentNanos);
    source.stopAt(deadline);
    if (System.nanoTime() - deadline > 0) {
      throw timeout();
    }
  }

  private DecodeBudgetExceeded tooLarge(String reason) {
    return new DecodeBudgetExceeded(
        DecodeBudgetExceeded.Limit.TOO_LARGE, "Cannot decode " + name + ": " + reason);
  }

  private DecodeBudgetExceeded timeout() {
    long decodedMillis = (deliveredSamples + pendingCount) * 1000 / BLOCK_SAMPLES;
    return new DecodeBudgetExceeded(
        DecodeBudgetExceeded.Limit.TIMEOUT,
        "Cannot decode "
            + name
            + ": decoding took longer than its budget ("
            + budget.describeTime()
            + ") after "
            + seconds(decodedMillis)
            + " of audio");
  }

  private void openInput() {
    BytePointer buffer = new BytePointer(av_malloc(AVIO_BUFFER_BYTES));
    if (buffer.isNull()) {
      throw NightscribeException.internal("Cannot decode " + name + ": out of native memory", null);
    }
    avio =
        avio_alloc_context(
            buffer,
            AVIO_BUFFER_BYTES,
            0,
            source.opaque(),
            AvioBridge.readCallback(),
            null,
            AvioBridge.seekCallback());
    if (avio == null || avio.isNull()) {
      av_free(buffer);
      avio = null;
      throw NightscribeException.internal("Cannot decode " + name + ": out of native memory", null);
    }
    AVFormatContext context = avformat_alloc_context();
    context.pb(avio);
    context.flags(context.flags() | AVFMT_FLAG_CUSTOM_IO);
    // on failure FFmpeg frees the context itself, so keep it only once opened
    int rc = avformat_open_input(context, (String) null, null, (AVDictionary) null);
    if (rc < 0) {
      throw failure("not an audio file", rc);
    }
    format = context;
  }

  private AVStream findAudioStream() {
    int rc = avformat_find_stream_info(format, (PointerPointer<?>) null);
    int index =
        av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
    if (index == AVERROR_STREAM_NOT_FOUND) {
      // FFmpeg passes over an audio stream it cannot use (no channels): say why it is unusable
      firstAudioStream().ifPresent(stream -> validate(stream.codecpar()));
      throw bad("no audio stream in the " + containerName() + " container");
    }
    if (index < 0) {
      throw failure("no readable audio stream", index);
    }
    AVStream stream = format.streams(index);
    validate(stream.codecpar());
    if (rc < 0) {
      throw failure("unreadable " + containerName() + " stream", rc);
    }
    streamIndex = index;
    return stream;
  }

  private Optional<AVStream> firstAudioStream() {
    for (int i = 0; i < format.nb_streams(); i++) {
      if (format.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        return Optional.of(format.streams(i));
      }
    }
    return Optional.empty();
  }

  private void validate(AVCodecParameters parameters) {
    if (avcodec_find_decoder(parameters.codec_id()) == null) {
      throw bad(
          String.format(
              Locale.ROOT,
              "unsupported audio codec %s (tag 0x%04x)",
              codecName(parameters),
              parameters.codec_tag()));
    }
    int rateHz = parameters.sample_rate();
    if (rateHz < MIN_SAMPLE_RATE_HZ || rateHz > MAX_SAMPLE_RATE_HZ) {
      throw bad(
          "absurd sample rate "
              + rateHz
              + " Hz (expected "
              + MIN_SAMPLE_RATE_HZ
              + " to "
              + MAX_SAMPLE_RATE_HZ
              + ")");
    }
    int channels = parameters.ch_layout().nb_channels();
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw bad("absurd channel count " + channels + " (expected 1 to " + MAX_CHANNELS + ")");
    }
  }

  private AudioProbe describe(AVStream stream, SeekableObject object) {
    AVCodecParameters parameters = stream.codecpar();
    long durationMicros = format.duration();
    long durationMillis = durationMicros == AV_NOPTS_VALUE ? -1 : durationMicros / 1000;
    boolean estimated = format.duration_estimation_method() == AVFMT_DURATION_FROM_BITRATE;
    declaredMillis = Math.max(estimated ? -1 : durationMillis, WavHeader.declaredMillis(object));
    return new AudioProbe(
        containerName(),
        codecName(parameters),
        parameters.sample_rate(),
        parameters.ch_layout().nb_channels(),
        durationMillis);
  }

  private void openDecoder(AVCodecParameters parameters, AVStream stream) {
    AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
    codec = avcodec_alloc_context3(decoder);
    int rc = avcodec_parameters_to_context(codec, parameters);
    if (rc >= 0) {
      codec.pkt_timebase(stream.time_base());
      rc = avcodec_open2(codec, decoder, (AVDictionary) null);
    }
    if (rc < 0) {
      throw failure("cannot open the " + probe.codec() + " decoder", rc);
    }
  }

  private void decodeMore() {
    int rc = av_read_frame(format, packet);
    if (rc == AVERROR_EOF) {
      decodePacket(null);
      append(downmixer.flush());
      ended = true;
      return;
    }
    if (rc < 0) {
      throw midStreamFailure(rc);
    }
    try {
      if (packet.stream_index() == streamIndex) {
        decodePacket(packet);
      }
    } finally {
      av_packet_unref(packet);
    }
  }

  /** Sends one packet (null flushes the decoder) and converts every frame it yields. */
  private void decodePacket(AVPacket input) {
    int rc = avcodec_send_packet(codec, input);
    if (rc < 0 && rc != AVERROR_EOF) {
      // the ffmpeg CLI also skips a corrupt packet and carries on; truncation is judged at the end
      skippedPackets++;
      LOG.debug("Skipped a corrupt packet of {}: {}", name, errorText(rc));
      return;
    }
    while (true) {
      rc = avcodec_receive_frame(codec, frame);
      if (rc == AVERROR_EAGAIN || rc == AVERROR_EOF) {
        return;
      }
      if (rc < 0) {
        skippedPackets++;
        LOG.debug("Skipped an undecodable frame of {}: {}", name, errorText(rc));
        return;
      }
      try {
        append(downmixer.convert(frame));
      } finally {
        av_frame_unref(frame);
      }
    }
  }

  private void append(float[] samples) {
    if (pendingCount + samples.length > MAX_PENDING_SAMPLES) {
      throw tooLarge(
          "one packet decodes to more than "
              + seconds(MAX_PENDING_SAMPLES * 1000L / BLOCK_SAMPLES)
              + " of audio");
    }
    if (pendingCount + samples.length > pending.length) {
      pending = Arrays.copyOf(pending, pendingCount + samples.length);
    }
    System.arraycopy(samples, 0, pending, pendingCount, samples.length);
    pendingCount += samples.length;
  }

  private NightscribeException midStreamFailure(int rc) {
    rethrowReadFailure();
    long decodedSamples = deliveredSamples + pendingCount;
    if (decodedSamples == 0) {
      return failure("no decodable audio", rc);
    }
    return failure("truncated at " + seconds(decodedSamples * 1000 / BLOCK_SAMPLES), rc);
  }

  /**
   * A file that merely ends early decodes cleanly in FFmpeg, so compare what was decoded with what
   * the container (or a WAV's own header) declared, unless that was only a guess from the bitrate.
   */
  private void checkComplete() {
    if (deliveredSamples == 0) {
      throw bad("contains no audio samples");
    }
    long decodedMillis = deliveredSamples * 1000 / BLOCK_SAMPLES;
    long toleranceMillis = Math.max(MIN_MISSING_MILLIS, declaredMillis / 50);
    if (declaredMillis > 0 && decodedMillis + toleranceMillis < declaredMillis) {
      throw bad(
          "truncated at "
              + seconds(decodedMillis)
              + " (the header declares "
              + seconds(declaredMillis)
              + ")");
    }
  }

  private void rethrowReadFailure() {
    if (source.stopped()) {
      throw timeout();
    }
    RuntimeException readFailure = source.readFailure();
    if (readFailure != null) {
      throw readFailure;
    }
  }

  private NightscribeException failure(String reason, int rc) {
    rethrowReadFailure();
    return bad(reason + " (FFmpeg: " + errorText(rc) + ")");
  }

  private NightscribeException bad(String reason) {
    return NightscribeException.badInput("Cannot decode " + name + ": " + reason);
  }

  private String containerName() {
    return format.iformat().name().getString();
  }

  private static String codecName(AVCodecParameters parameters) {
    return avcodec_get_name(parameters.codec_id()).getString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** A length of audio in the largest unit it fills: "18.6 h", "10.0 min", "2.0 s". */
  private static String length(long millis) {
    if (millis >= 3_600_000) {
      return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
    return millis >= 60_000
        ? String.format(Locale.ROOT, "%.1f min", millis / 60_000.0)
        : seconds(millis);
  }

  private static String errorText(int rc) {
    byte[] text = new byte[256];
    av_strerror(rc, text, text.length);
    int end = 0;
    while (end < text.length && text[end] != 0) {
      end++;
    }
    return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (downmixer != null) {
      downmixer.close();
    }
    if (codec != null) {
      avcodec_free_context(codec);
    }
    if (frame != null) {
      av_frame_free(frame);
    }
    if (packet != null) {
      av_packet_free(packet);
    }
    if (format != null) {
      avformat_close_input(format);
    }
    if (avio != null) {
      // FFmpeg may have replaced the buffer given to avio_alloc_context: free the current one
      av_free(avio.buffer());
      avio_context_free(avio);
    }
    source.close();
    LOG.debug(
        "Closed {} after {} samples, {} corrupt packets skipped",
        name,
        deliveredSamples,
        skippedPackets);
  }
}
