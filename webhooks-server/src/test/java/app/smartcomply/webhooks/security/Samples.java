package app.smartcomply.webhooks.security;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Property-style inputs for JUnit parameterized tests: {@code count} values drawn by a generator
 * from a seeded {@link Random}, each shown in the test report. The seed is fixed (so a failure is
 * reproducible and CI is deterministic) and can be changed to explore further with {@code
 * -Dproperties.seed=N}; sample {@code i} uses seed {@code SEED + i}, so one failing sample can be
 * replayed alone.
 */
final class Samples {

    static final long SEED = Long.getLong("properties.seed", 20_261_205L);

    private Samples() {}

    static <T> Stream<Named<T>> of(int count, Function<Random, T> generator) {
        return IntStream.range(0, count).mapToObj(i -> {
            T value = generator.apply(new Random(SEED + i));
            return Named.of("seed " + (SEED + i) + ": " + shown(value), value);
        });
    }

    static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String shown(Object value) {
        StringBuilder text = new StringBuilder();
        String raw = String.valueOf(value);
        raw.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT) {
                text.append(String.format("\\u%04X", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return raw.length() > 80 ? text + "…" : text.toString();
    }
}
