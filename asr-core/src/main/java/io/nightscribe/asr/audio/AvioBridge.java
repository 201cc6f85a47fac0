package io.nightscribe.asr.audio;

import io.nightscribe.asr.storage.SeekableObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Lets FFmpeg read a {@link SeekableObject} through AVIO read and seek callbacks.
 *
 * <p>One read and one seek callback serve every stream: FFmpeg hands back an opaque pointer holding
 * the stream's id, which finds its {@link Source} here. Callbacks allocated per stream misroute
 * reads once a few streams have come and gone (seen with JavaCPP 1.5.13: every open after the first
 * handful failed as "Invalid data"). The callbacks are static final, so they stay reachable for as
 * long as any decode runs (a collected callback aborts the JVM mid-file).
 */
final class AvioBridge {
  private static final int SEEK_SET = 0;
  private static final int SEEK_CUR = 1;
  private static final int SEEK_END = 2;
  private static final int EIO = 5;
  private static final int EINVAL = 22;

  private static final AtomicLong NEXT_ID = new AtomicLong(1);
  private static final Map<Long, Source> SOURCES = new ConcurrentHashMap<>();
  private static final ReadCallback READ = new ReadCallback();
  private static final SeekCallback SEEK = new SeekCallback();

  private AvioBridge() {}

  static Read_packet_Pointer_BytePointer_int readCallback() {
    return READ;
  }

  static Seek_Pointer_long_int seekCallback() {
    return SEEK;
  }

  /** How many sources are registered: streams not yet closed. */
  static int openSources() {
    return SOURCES.size();
  }

  /** Registers {@code object}; close the returned source to unregister it and free its opaque. */
  static Source register(SeekableObject object) {
    long id = NEXT_ID.getAndIncrement();
    Source source = new Source(id, object);
    SOURCES.put(id, source);
    return source;
  }

  /** One stream's read position over its object, and the first failure of the object itself. */
  static final class Source implements AutoCloseable {
    private final long id;
    private final SeekableObject object;
    private final long sizeBytes;
    private final LongPointer opaque;
    private byte[] scratch = new byte[0];
    private long positionBytes;
    private RuntimeException readFailure;
    private volatile long stopAtNanos = Long.MAX_VALUE;
    private volatile boolean stopped;

    private Source(long id, SeekableObject object) {
      this.id = id;
      this.object = object;
      this.sizeBytes = object.info().sizeBytes();
      this.opaque = new LongPointer(1).put(id);
    }

    /** What FFmpeg passes back to the callbacks. */
    Pointer opaque() {
      return opaque;
    }

    /**
     * The exception the object threw (say a TRANSIENT network error) while FFmpeg read it, or null.
     * FFmpeg only sees an I/O error code, so the decoder rethrows this instead.
     */
    RuntimeException readFailure() {
      return readFailure;
    }

    /**
     * Fails every read from {@code nanoTime} on ({@link System#nanoTime()} time), so FFmpeg gives
     * up a decode that ran out of time even while it only reads.
     */
    void stopAt(long nanoTime) {
      stopAtNanos = nanoTime;
    }

    /** True once a read was refused because the decode ran out of time. */
    boolean stopped() {
      return stopped;
    }

    private int read(BytePointer buffer, int length) {
      if (stopAtNanos != Long.MAX_VALUE && System.nanoTime() - stopAtNanos > 0) {
        stopped = true;
        return -EIO;
      }
      if (positionBytes >= sizeBytes) {
        return avutil.AVERROR_EOF();
      }
      if (scratch.length < length) {
        scratch = new byte[length];
      }
      int count;
      try {
        count = object.read(positionBytes, scratch, 0, length);
      } catch (RuntimeException e) {
        readFailure = e;
        return -EIO;
      }
      if (count <= 0) {
        return avutil.AVERROR_EOF();
      }
      buffer.position(0).put(scratch, 0, count);
      positionBytes += count;
      return count;
    }

    private long seek(long offset, int whence) {
      if ((whence & avformat.AVSEEK_SIZE) != 0) {
        return sizeBytes;
      }
      long target =
          switch (whence & ~avformat.AVSEEK_FORCE) {
            case SEEK_SET -> offset;
            case SEEK_CUR -> positionBytes + offset;
            case SEEK_END -> sizeBytes + offset;
            default -> -1;
          };
      if (target < 0) {
        return -EINVAL;
      }
      positionBytes = target;
      return target;
    }

    @Override
    public void close() {
      SOURCES.remove(id);
      opaque.close();
    }
  }

  private static Source sourceOf(Pointer opaque) {
    return SOURCES.get(new LongPointer(opaque).get());
  }

  private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buffer, int length) {
      Source source = sourceOf(opaque);
      return source == null ? -EIO : source.read(buffer, length);
    }
  }

  private static final class SeekCallback extends Seek_Pointer_long_int {
    @Override
    public long call(Pointer opaque, long offset, int whence) {
      Source source = sourceOf(opaque);
      return source == null ? -EIO : source.seek(offset, whence);
    }
  }
}
