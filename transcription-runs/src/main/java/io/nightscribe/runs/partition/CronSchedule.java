package io.nightscribe.runs.partition;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a pipeline fires: a standard five-field cron expression (minute, hour, day of month, month,
 * day of week), as Kubernetes CronJobs take it, read in the pipeline's time zone. A scheduler
 * checks the fields' values when it takes the schedule; this record checks the shape.
 *
 * @param expression for example {@code "30 2 * * *"}: 02:30 every day
 */
public record CronSchedule(String expression) {
  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,?LW#-]+");

  public CronSchedule {
    Objects.requireNonNull(expression, "expression");
    String[] fields = expression.strip().split("\\s+");
    if (fields.length != 5
        || !java.util.Arrays.stream(fields).allMatch(f -> FIELD.matcher(f).matches())) {
      throw new IllegalArgumentException(
          "schedule '"
              + expression
              + "' is not a five-field cron expression (minute hour day-of-month month"
              + " day-of-week, e.g. \"30 2 * * *\")");
    }
    expression = String.join(" ", fields);
  }
}
