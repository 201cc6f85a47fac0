package io.nightscribe.monitoring.drift;

/**
 * Events among trials, e.g. empty transcripts among transcribed objects.
 *
 * @param events how many times it happened, 0..trials
 * @param trials how many times it could have
 */
public record Rate(long events, long trials) {
  public Rate {
    if (trials < 0 || events < 0 || events > trials) {
      throw new IllegalArgumentException("Invalid rate: " + events + " of " + trials);
    }
  }

  /** events / trials; 0 when there was no trial. */
  public double value() {
    return trials == 0 ? 0 : (double) events / trials;
  }

  /** This rate plus {@code other}'s events and trials. */
  public Rate plus(Rate other) {
    return new Rate(events + other.events, trials + other.trials);
  }
}
