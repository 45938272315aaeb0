package dev.emrsessionstarter.emulator.fault;

import java.util.Arrays;
import java.util.Locale;

/**
 * A fault written on a command line: {@code TARGET=KIND[@WHEN]}, where WHEN is {@code p0.25} (a fraction of calls),
 * {@code next3} (the next three calls) or {@code calls3,5} (calls number 3 and 5); without WHEN every call fails.
 * Examples: {@code StartSession=INTERNAL_ERROR@next2}, {@code PutEvents=THROTTLING@p0.1},
 * {@code PutEvents.entries=INTERNAL_FAILURE@calls1}.
 */
public record FaultSpec(String target, String kind, Schedule schedule) {

    public static FaultSpec parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("expected TARGET=KIND[@WHEN], got: " + text);
        }
        String target = text.substring(0, equals).trim();
        String rest = text.substring(equals + 1).trim();
        int at = rest.indexOf('@');
        String kind = (at < 0 ? rest : rest.substring(0, at)).trim().toUpperCase(Locale.ROOT);
        Schedule schedule = at < 0 ? new Schedule.Fraction(1.0) : Schedule.parse(rest.substring(at + 1).trim());
        return new FaultSpec(target, kind, schedule);
    }

    /** Adds this fault to {@code plan}, after the caller has turned {@link #kind()} into {@code fault}. */
    public <K> void applyTo(FaultPlan<K> plan, K fault) {
        if (schedule instanceof Schedule.Fraction fraction) {
            plan.failFraction(fraction.fraction(), fault);
        } else if (schedule instanceof Schedule.Next next) {
            plan.failNext(next.count(), fault);
        } else if (schedule instanceof Schedule.Calls calls) {
            plan.failCalls(fault, calls.numbers());
        }
    }

    /** When a fault strikes. */
    public sealed interface Schedule {

        static Schedule parse(String text) {
            try {
                if (text.startsWith("p")) {
                    return new Fraction(Double.parseDouble(text.substring(1)));
                }
                if (text.startsWith("next")) {
                    return new Next(Integer.parseInt(text.substring(4)));
                }
                if (text.startsWith("calls")) {
                    return new Calls(Arrays.stream(text.substring(5).split(","))
                            .map(String::trim).mapToInt(Integer::parseInt).toArray());
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad fault schedule: " + text, e);
            }
            throw new IllegalArgumentException("fault schedule must be pN, nextN or callsN,M: " + text);
        }

        record Fraction(double fraction) implements Schedule {
        }

        record Next(int count) implements Schedule {
        }

        record Calls(int[] numbers) implements Schedule {
        }
    }
}
