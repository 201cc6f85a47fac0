package io.nightscribe.scheduling;

import io.nightscribe.runs.partition.CronSchedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fire times of a five-field cron expression in a time zone, read as Kubernetes reads a
 * CronJob's schedule, so a pipeline fires at the same minutes under the scheduler service and under
 * its CronJob: minute, hour, day of month, month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT, 7
 * also Sunday); {@code *}, {@code ?}, lists, ranges and steps ({@code 1-5}, {@code *}{@code /15},
 * {@code 10/20}). When both day fields are restricted a day matches either (classic cron); when one
 * is {@code *} only the other counts. A local time that a daylight-saving change skips fires when
 * the clocks have moved on (02:30 fires at 03:30); a local time that repeats fires once, the first
 * time. Immutable and thread-safe.
 */
public final class CronTimes {
  /** A schedule that matches no time within this span never fires ("0 0 30 2 *"). */
  private static final long SEARCH_YEARS = 5;

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  private final CronSchedule schedule;
  private final ZoneId zone;
  private final Field minutes;
  private final Field hours;
  private final Field daysOfMonth;
  private final Field months;
  private final Field daysOfWeek;

  private CronTimes(CronSchedule schedule, ZoneId zone, String[] fields) {
    this.schedule = schedule;
    this.zone = zone;
    this.minutes = Field.parse("minute", fields[0], 0, 59, Map.of());
    this.hours = Field.parse("hour", fields[1], 0, 23, Map.of());
    this.daysOfMonth = Field.parse("day of month", fields[2], 1, 31, Map.of());
    this.months = Field.parse("month", fields[3], 1, 12, MONTHS);
    Field week = Field.parse("day of week", fields[4], 0, 7, DAYS);
    // 7 is Sunday as well as 0
    if (week.values.get(7)) {
      week.values.set(0);
    }
    this.daysOfWeek = week;
  }

  /**
   * @throws IllegalArgumentException naming the field and value Kubernetes would refuse, with the
   *     accepted range
   */
  public static CronTimes of(CronSchedule schedule, ZoneId zone) {
    return new CronTimes(schedule, zone, schedule.expression().split(" "));
  }

  public CronSchedule schedule() {
    return schedule;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * The first fire time strictly after {@code after}, or empty when the schedule matches no day
   * within five years (a day that does not exist, such as February 30).
   */
  public Optional<Instant> next(Instant after) {
    LocalDateTime limit =
        LocalDateTime.ofInstant(after, zone).plusYears(SEARCH_YEARS).truncatedTo(ChronoUnit.DAYS);
    LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
    t = t.plusMinutes(1);
    while (t.isBefore(limit)) {
      if (!months.matches(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.matches(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.matches(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        Instant fire = ZonedDateTime.ofLocal(t, zone, null).toInstant();
        if (fire.isAfter(after)) {
          return Optional.of(fire);
        }
        // a local time moved past the gap of a daylight-saving change lands on or before a time
        // already seen
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dayOfMonth = daysOfMonth.matches(t.getDayOfMonth());
    boolean dayOfWeek = daysOfWeek.matches(t.getDayOfWeek().getValue() % 7);
    if (daysOfMonth.star || daysOfWeek.star) {
      return dayOfMonth && dayOfWeek;
    }
    return dayOfMonth || dayOfWeek;
  }

  @Override
  public String toString() {
    return "\"" + schedule.expression() + "\" in " + zone;
  }

  /** One field: the values it matches, and whether it was written as "any" ({@code *}). */
  private static final class Field {
    private final BitSet values;
    private final boolean star;

    private Field(BitSet values, boolean star) {
      this.values = values;
      this.star = star;
    }

    boolean matches(int value) {
      return values.get(value);
    }

    static Field parse(String name, String text, int min, int max, Map<String, Integer> names) {
      BitSet values = new BitSet(max + 1);
      boolean star = false;
      for (String part : text.split(",", -1)) {
        star |= parsePart(name, part, min, max, names, values);
      }
      return new Field(values, star && text.indexOf(',') < 0);
    }

    /** Adds the values of one list element; true when it is "any" without a step. */
    private static boolean parsePart(
        String name, String part, int min, int max, Map<String, Integer> names, BitSet values) {
      String[] rangeAndStep = part.split("/", -1);
      if (rangeAndStep.length > 2 || part.isEmpty()) {
        throw invalid(name, part, min, max);
      }
      String range = rangeAndStep[0];
      int step = rangeAndStep.length == 2 ? number(name, rangeAndStep[1], 1, max, Map.of()) : 1;
      int start;
      int end;
      boolean any = range.equals("*") || range.equals("?");
      if (any) {
        start = min;
        end = max;
      } else {
        String[] bounds = range.split("-", -1);
        if (bounds.length > 2) {
          throw invalid(name, part, min, max);
        }
        start = number(name, bounds[0], min, max, names);
        // "N/step" means from N to the end, stepping
        end =
            bounds.length == 2
                ? number(name, bounds[1], min, max, names)
                : rangeAndStep.length == 2 ? max : start;
        if (end < start) {
          throw new IllegalArgumentException(
              "Invalid "
                  + name
                  + " '"
                  + part
                  + "' in the schedule: the range runs backwards (write "
                  + end
                  + "-"
                  + start
                  + ")");
        }
      }
      for (int value = start; value <= end; value += step) {
        values.set(value);
      }
      return any && step == 1;
    }

    private static int number(
        String name, String text, int min, int max, Map<String, Integer> names) {
      Integer named = names.get(text.toUpperCase(Locale.ROOT));
      if (named != null) {
        return named;
      }
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw invalid(name, text, min, max);
      }
      if (value < min || value > max) {
        throw invalid(name, text, min, max);
      }
      return value;
    }

    private static IllegalArgumentException invalid(String name, String text, int min, int max) {
      return new IllegalArgumentException(
          "Invalid "
              + name
              + " '"
              + text
              + "' in the schedule: use *, numbers "
              + min
              + "-"
              + max
              + ", lists (a,b), ranges (a-b) and steps (*/n); Kubernetes cron has no L, W or #");
    }
  }
}
