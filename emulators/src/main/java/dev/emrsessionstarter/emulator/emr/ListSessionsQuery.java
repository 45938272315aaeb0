package dev.emrsessionstarter.emulator.emr;

import dev.emrsessionstarter.emulator.http.ConstraintViolations;
import dev.emrsessionstarter.emulator.http.ServiceError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The query of a ListSessions call, validated against the model ({@code maxResults} 1-50, {@code states} 1-8 known
 * states, {@code nextToken} 1-1024 {@code [A-Za-z0-9_=-]+}).
 *
 * <p>Timestamps are accepted as ISO-8601 (what rest-json SDKs send in a query string) or as epoch seconds (which one
 * the real server accepts is UNCONFIRMED). Both bounds are inclusive (UNCONFIRMED). Sessions come newest first; with
 * several states they are grouped by state, in the order the states were given, as the documentation says. The page
 * token is an opaque offset into that order.
 */
record ListSessionsQuery(int maxResults, List<SessionState> states, Instant createdAtAfter, Instant createdAtBefore,
                         int offset) {

    static final int DEFAULT_MAX_RESULTS = 50;
    private static final String TOKEN_PREFIX = "offset:";

    static ListSessionsQuery parse(Map<String, List<String>> query) {
        ConstraintViolations violations = new ConstraintViolations();
        int maxResults = DEFAULT_MAX_RESULTS;
        String maxText = first(query, "maxResults");
        if (maxText != null) {
            try {
                maxResults = Integer.parseInt(maxText);
                if (maxResults < 1) {
                    violations.add("maxResults", "Member must have value greater than or equal to 1");
                }
                if (maxResults > 50) {
                    violations.add("maxResults", "Member must have value less than or equal to 50");
                }
            } catch (NumberFormatException e) {
                throw ServiceError.serialization("Expected an integer at 'maxResults'.");
            }
        }
        List<SessionState> states = new ArrayList<>();
        List<String> stateTexts = query.getOrDefault("states", List.of());
        if (stateTexts.size() > 8) {
            violations.add("states", "Member must have length less than or equal to 8");
        }
        for (String text : stateTexts) {
            try {
                SessionState state = SessionState.valueOf(text);
                if (!states.contains(state)) {
                    states.add(state);
                }
            } catch (IllegalArgumentException e) {
                violations.add("states",
                        "Member must satisfy enum value set: " + Arrays.toString(SessionState.values()));
            }
        }
        Instant after = timestamp(query, "createdAtAfter");
        Instant before = timestamp(query, "createdAtBefore");
        int offset = 0;
        String token = first(query, "nextToken");
        if (token != null) {
            ModelShapes.NEXT_TOKEN.check(token, "nextToken", violations);
            violations.throwIfAny();
            offset = decodeToken(token);
        }
        violations.throwIfAny();
        return new ListSessionsQuery(maxResults, List.copyOf(states), after, before, offset);
    }

    /** One page of {@code sessions} (all of one application), and the token of the next page if there is one. */
    <T> Page<T> page(List<StoredSession> sessions, Instant now, Function<StoredSession, T> render) {
        Comparator<StoredSession> newestFirst = Comparator.comparing(StoredSession::createdAt).reversed()
                .thenComparing(StoredSession::sessionId);
        Comparator<StoredSession> order = states.size() > 1
                ? Comparator.<StoredSession>comparingInt(session -> states.indexOf(session.statusAt(now).state()))
                        .thenComparing(newestFirst)
                : newestFirst;
        List<StoredSession> matching = sessions.stream()
                .filter(session -> states.isEmpty() || states.contains(session.statusAt(now).state()))
                .filter(session -> createdAtAfter == null || !session.createdAt().isBefore(createdAtAfter))
                .filter(session -> createdAtBefore == null || !session.createdAt().isAfter(createdAtBefore))
                .sorted(order)
                .toList();
        int end = Math.min(matching.size(), offset + maxResults);
        List<T> items = offset >= matching.size() ? List.of()
                : matching.subList(offset, end).stream().map(render).toList();
        String nextToken = end < matching.size() ? encodeToken(end) : null;
        return new Page<>(items, nextToken);
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    private static String encodeToken(int offset) {
        return Base64.getUrlEncoder().encodeToString((TOKEN_PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the refusal below
        }
        throw ServiceError.validation("Invalid pagination token.");
    }

    private static Instant timestamp(Map<String, List<String>> query, String name) {
        String text = first(query, name);
        if (text == null) {
            return null;
        }
        try {
            if (text.matches("-?\\d+(\\.\\d+)?")) {
                BigDecimal seconds = new BigDecimal(text);
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ServiceError.serialization("Expected a timestamp at '" + name + "'.");
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
