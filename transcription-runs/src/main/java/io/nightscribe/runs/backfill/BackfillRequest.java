package io.nightscribe.runs.backfill;

import io.nightscribe.asr.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backfill as asked for: a pipeline's dates, from and to inclusive.
 *
 * @param pipeline the pipeline
 * @param from the first date
 * @param to the last date
 * @param reprocess which completed partitions run again
 * @param maxParallel how many partitions run at once
 * @param model the model to use instead of the pipeline's, if any
 * @param reason why, for the record
 * @param requestedBy who asked
 */
public record BackfillRequest(
    String pipeline,
    LocalDate from,
    LocalDate to,
    Reprocess reprocess,
    int maxParallel,
    Optional<String> model,
    Optional<String> reason,
    String requestedBy) {
  /** Ten years of nights: more is a typo in a date. */
  static final int MAX_DAYS = 3660;

  public BackfillRequest {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reprocess, "reprocess");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "Invalid range: --to " + to + " is before --from " + from + " (swap them)");
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new IllegalArgumentException(
          "Invalid range: "
              + from
              + " to "
              + to
              + " is over "
              + MAX_DAYS
              + " days (check the years)");
    }
    if (maxParallel < 1) {
      throw new IllegalArgumentException(
          "Invalid --max-parallel " + maxParallel + ": give 1 or more");
    }
  }

  /** Every date of the range, in order. */
  public List<LocalDate> dates() {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      dates.add(date);
    }
    return dates;
  }

  /**
   * The backfill's id: the same pipeline, range, reprocess mode, model reference and settings give
   * the same id, so issuing the same backfill again resumes it.
   *
   * @param modelReference the model reference the partitions run with
   * @param configHash the digest of the pipeline's decoding settings
   */
  public String id(String modelReference, String configHash) {
    String identity =
        String.join(
            "\n",
            pipeline,
            from.toString(),
            to.toString(),
            reprocess.optionValue(),
            modelReference,
            configHash);
    return "backfill-" + Sha256.hex(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
