package io.kuberoute.testkit.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property-based fuzzing for JUnit tests: a property is checked on {@link #TRIES} generated inputs,
 * and the only outcomes it allows are a value or the typed errors of the API under test.
 *
 * <ul>
 *   <li>Inputs come from a {@link SplittableRandom} with a fixed seed per property, so a run is
 *       reproducible; {@code -Dkuberoute.fuzz.seed=N} replays seed N, {@code
 *       -Dkuberoute.fuzz.seed=random} explores new inputs (the seed is in every failure).
 *   <li>A failing input is shrunk (for text: parts cut away while it still fails the same way) and
 *       reported with the seed and the try.
 *   <li>A try that takes longer than {@link #SLOW_TRY} fails (a near-hang, e.g. quadratic work on a
 *       long input), and the property as a whole must finish within its deadline, else the input in
 *       hand is reported as hanging.
 * </ul>
 *
 * <p>Own code rather than a library: jqwik, the usual JUnit Platform engine for this, asks since
 * 1.10 not to be used by AI coding agents, and this project is written with them.
 */
public final class Fuzz<T> {

  /** Tries per property (issue 17). */
  public static final int TRIES = 10_000;

  /** The longest one try may take. */
  public static final Duration SLOW_TRY = Duration.ofSeconds(2);

  private static final String SEED_PROPERTY = "kuberoute.fuzz.seed";

  private final String name;
  private final Function<SplittableRandom, T> generator;
  private final List<Class<? extends Throwable>> allowed = new ArrayList<>();
  private Function<T, List<T>> shrinker = t -> List.of();
  private Function<T, String> show = String::valueOf;
  private int tries = TRIES;
  private Duration deadline = Duration.ofSeconds(60);
  private Consumer<Throwable> onAllowed = e -> {};

  private Fuzz(String name, Function<SplittableRandom, T> generator) {
    this.name = Objects.requireNonNull(name, "name");
    this.generator = Objects.requireNonNull(generator, "generator");
  }

  /** A property named {@code name} (its seed derives from the name) over {@code generator}. */
  public static <T> Fuzz<T> of(String name, Function<SplittableRandom, T> generator) {
    return new Fuzz<>(name, generator);
  }

  /** A property over text, shrunk by cutting parts of the failing text away. */
  public static Fuzz<String> text(String name, Function<SplittableRandom, String> generator) {
    return of(name, generator).shrinkWith(Fuzz::shorterTexts).showWith(Fuzz::quoted);
  }

  /** The typed errors the API documents: throwing one of these is a legitimate outcome. */
  @SafeVarargs
  public final Fuzz<T> allowing(Class<? extends Throwable>... types) {
    for (Class<? extends Throwable> type : types) {
      allowed.add(type);
    }
    return this;
  }

  /** A check on each allowed error (e.g. that its message is one short line). */
  public Fuzz<T> eachAllowedError(Consumer<Throwable> check) {
    this.onAllowed = Objects.requireNonNull(check, "check");
    return this;
  }

  /** Smaller candidates for a failing input, tried in order. */
  public Fuzz<T> shrinkWith(Function<T, List<T>> candidates) {
    this.shrinker = Objects.requireNonNull(candidates, "candidates");
    return this;
  }

  /** How a failing input is printed. */
  public Fuzz<T> showWith(Function<T, String> show) {
    this.show = Objects.requireNonNull(show, "show");
    return this;
  }

  public Fuzz<T> tries(int n) {
    this.tries = n;
    return this;
  }

  public Fuzz<T> deadline(Duration d) {
    this.deadline = Objects.requireNonNull(d, "deadline");
    return this;
  }

  /**
   * The check most typed errors must pass: a message, on one line, short enough for a log line
   * (values in it are cut, see {@code ErrorText}).
   */
  public static void oneShortLine(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isEmpty()) {
      throw new AssertionError("an error without a message: " + error.getClass().getName());
    }
    if (message.indexOf('\n') >= 0 || message.indexOf('\r') >= 0) {
      throw new AssertionError("a message of more than one line: " + quoted(message));
    }
    if (message.length() > 1000) {
      throw new AssertionError(
          "a message of " + message.length() + " characters: " + quoted(message));
    }
  }

  /**
   * Runs {@code property} on every input; throws an {@link AssertionError} for the first failure.
   */
  public void check(Consumer<T> property) {
    long seed = seed();
    SplittableRandom random = new SplittableRandom(seed);
    Object[] current = new Object[1];
    int[] attempt = new int[1];
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < tries; i++) {
                attempt[0] = i;
                T input = generator.apply(random);
                current[0] = input;
                Throwable failure = failure(property, input);
                if (failure != null) {
                  T smallest = shrink(property, input, failure);
                  Throwable smallestFailure =
                      smallest == input ? failure : failure(property, smallest);
                  throw new AssertionError(
                      report(seed, i, smallest, smallestFailure), smallestFailure);
                }
              }
            },
            runnable -> {
              Thread t = new Thread(runnable, "fuzz-" + name);
              t.setDaemon(true);
              t.start();
            });
    try {
      run.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      @SuppressWarnings("unchecked")
      T hanging = (T) current[0];
      throw new AssertionError(
          "%s: no answer within %d s at try %d (seed %d); the input in hand: %s"
              .formatted(name, deadline.toSeconds(), attempt[0], seed, show.apply(hanging)));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AssertionError a) {
        throw a;
      }
      throw new AssertionError(name + ": the generator failed (seed " + seed + ")", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + ": interrupted", e);
    }
  }

  /** What is wrong with {@code property} on {@code input}, or null. */
  private Throwable failure(Consumer<T> property, T input) {
    long start = System.nanoTime();
    Throwable failure = null;
    try {
      property.accept(input);
    } catch (Throwable t) {
      if (allowed.stream().anyMatch(type -> type.isInstance(t)) && !(t instanceof AssertionError)) {
        try {
          onAllowed.accept(t);
        } catch (AssertionError a) {
          failure = a;
        }
      } else {
        failure = t;
      }
    }
    long took = System.nanoTime() - start;
    if (failure == null && took > SLOW_TRY.toNanos()) {
      failure =
          new AssertionError(
              "took %d ms (at most %d ms)".formatted(took / 1_000_000, SLOW_TRY.toMillis()));
    }
    return failure;
  }

  /** The smallest input found that fails the same way (same exception class). */
  private T shrink(Consumer<T> property, T input, Throwable original) {
    T smallest = input;
    int budget = 2_000;
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      for (T candidate : shrinker.apply(smallest)) {
        if (--budget <= 0) {
          break;
        }
        Throwable f = failure(property, candidate);
        if (f != null && f.getClass() == original.getClass()) {
          smallest = candidate;
          progress = true;
          break;
        }
      }
    }
    return smallest;
  }

  private String report(long seed, int attempt, T input, Throwable failure) {
    return "%s: failed at try %d of %d (seed %d, replay with -D%s=%d)%n  input: %s%n  failure: %s"
        .formatted(name, attempt + 1, tries, seed, SEED_PROPERTY, seed, show.apply(input), failure);
  }

  private long seed() {
    String configured = System.getProperty(SEED_PROPERTY, "");
    if (configured.equals("random")) {
      return new SplittableRandom().nextLong();
    }
    if (!configured.isEmpty()) {
      return Long.parseLong(configured);
    }
    return name.hashCode() * 0x9E3779B97F4A7C15L;
  }

  /** Texts with one part cut away: halves first, then smaller parts, then single characters. */
  static List<String> shorterTexts(String s) {
    List<String> out = new ArrayList<>();
    for (int size = Math.max(1, s.length() / 2); size >= 1; size /= 2) {
      for (int at = 0; at + size <= s.length() && out.size() < 400; at += size) {
        out.add(s.substring(0, at) + s.substring(at + size));
      }
      if (size == 1) {
        break;
      }
    }
    return out;
  }

  /** A text as Java source would write it, cut if long. */
  public static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    int shown = Math.min(s.length(), 600);
    for (int i = 0; i < shown; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
    if (s.length() > shown) {
      out.append(" (")
          .append(s.length())
          .append(" characters, first ")
          .append(shown)
          .append(" shown)");
    }
    return out.toString();
  }
}
