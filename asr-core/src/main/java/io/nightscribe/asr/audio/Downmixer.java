package io.nightscribe.asr.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_compare;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_chlayout;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_sample_fmt;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import io.nightscribe.asr.NightscribeException;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames to 16 kHz mono float with swresample. The resampler is configured from
 * the first frame (a decoder may output another rate than the container declares, as HE-AAC does)
 * and rebuilt when a later frame changes rate, format or layout. Not thread-safe.
 */
final class Downmixer implements AutoCloseable {
  private static final float[] NONE = new float[0];

  private final String name;
  private final AVChannelLayout frameLayout = new AVChannelLayout();
  private final AVChannelLayout inputLayout = new AVChannelLayout();
  private final AVChannelLayout monoLayout = new AVChannelLayout();
  private SwrContext resampler;
  private int inputRateHz;
  private int inputFormat;
  private final PointerPointer<FloatPointer> outputPlanes = new PointerPointer<>(1L);
  private FloatPointer output = new FloatPointer(4096L);

  Downmixer(String name) {
    this.name = name;
    outputPlanes.put(0, output);
    av_channel_layout_default(monoLayout, 1);
  }

  /** The samples of {@code frame} (preceded by any left in a resampler it replaces). */
  float[] convert(AVFrame frame) {
    float[] carried = NONE;
    if (resampler == null || changed(frame)) {
      carried = flush();
      configure(frame);
    }
    int capacity = swr_get_out_samples(resampler, frame.nb_samples());
    ensureCapacity(capacity);
    int count =
        swr_convert(resampler, outputPlanes, capacity, frame.extended_data(), frame.nb_samples());
    if (count < 0) {
      throw NightscribeException.badInput("Cannot decode " + name + ": cannot resample a frame");
    }
    float[] converted = read(count);
    if (carried.length == 0) {
      return converted;
    }
    float[] joined = Arrays.copyOf(carried, carried.length + converted.length);
    System.arraycopy(converted, 0, joined, carried.length, converted.length);
    return joined;
  }

  /** The samples still inside the resampler's filter at the end of the input. */
  float[] flush() {
    if (resampler == null) {
      return NONE;
    }
    ensureCapacity(swr_get_out_samples(resampler, 0));
    int count = swr_convert(resampler, outputPlanes, (int) output.capacity(), null, 0);
    return count <= 0 ? NONE : read(count);
  }

  private boolean changed(AVFrame frame) {
    return frame.sample_rate() != inputRateHz
        || frame.format() != inputFormat
        || av_channel_layout_compare(frame.ch_layout(), frameLayout) != 0;
  }

  private void configure(AVFrame frame) {
    freeResampler();
    av_channel_layout_uninit(frameLayout);
    av_channel_layout_copy(frameLayout, frame.ch_layout());
    av_channel_layout_uninit(inputLayout);
    if (frame.ch_layout().order() == AV_CHANNEL_ORDER_UNSPEC) {
      // a WAV without a channel mask: assume the usual layout for that many channels
      av_channel_layout_default(inputLayout, frame.ch_layout().nb_channels());
    } else {
      av_channel_layout_copy(inputLayout, frame.ch_layout());
    }
    inputRateHz = frame.sample_rate();
    inputFormat = frame.format();
    resampler = swr_alloc();
    av_opt_set_chlayout(resampler, "in_chlayout", inputLayout, 0);
    av_opt_set_int(resampler, "in_sample_rate", inputRateHz, 0);
    av_opt_set_sample_fmt(resampler, "in_sample_fmt", inputFormat, 0);
    av_opt_set_chlayout(resampler, "out_chlayout", monoLayout, 0);
    av_opt_set_int(resampler, "out_sample_rate", AudioDecoder.TARGET_SAMPLE_RATE_HZ, 0);
    av_opt_set_sample_fmt(resampler, "out_sample_fmt", AV_SAMPLE_FMT_FLT, 0);
    if (swr_init(resampler) < 0) {
      throw NightscribeException.badInput(
          "Cannot decode "
              + name
              + ": cannot resample "
              + inputLayout.nb_channels()
              + " channels at "
              + inputRateHz
              + " Hz");
    }
  }

  private void ensureCapacity(int samples) {
    if (output.capacity() < samples) {
      output.close();
      output = new FloatPointer((long) samples);
      outputPlanes.put(0, output);
    }
  }

  private float[] read(int count) {
    float[] samples = new float[count];
    output.position(0).get(samples, 0, count);
    return samples;
  }

  private void freeResampler() {
    if (resampler != null) {
      swr_free(resampler);
      resampler = null;
    }
  }

  @Override
  public void close() {
    freeResampler();
    av_channel_layout_uninit(frameLayout);
    av_channel_layout_uninit(inputLayout);
    av_channel_layout_uninit(monoLayout);
    frameLayout.close();
    inputLayout.close();
    monoLayout.close();
    outputPlanes.close();
    output.close();
  }
}
