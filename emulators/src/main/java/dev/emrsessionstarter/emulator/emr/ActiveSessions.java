package dev.emrsessionstarter.emulator.emr;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How many sessions of each application have not ended (FAILED or TERMINATED) at a given instant, without looking at
 * every session ever created. A session's state is a function of the clock, and so is the instant it ends: known from
 * its creation (a planned failure, an idle timeout) or set later by a command (termination, failure), and never
 * otherwise. So each application keeps its count of live sessions and two heaps of end instants: those still ahead of
 * the last instant asked about, and those already behind it. Asking at a later instant moves the ends that have come
 * from the first heap to the second; asking at an earlier one (a test may set its clock back) moves them back. Each
 * move is paid once per crossing, so a run whose clock only moves forward pays O(log n) per session in all.
 *
 * <p>When a command changes a session's end, its old entry is left in its heap, marked stale, and dropped when it
 * reaches the top. Not thread-safe: the owning {@link SessionStore} calls it under its lock.
 */
final class ActiveSessions {

    private final Map<String, PerApplication> byApplication = new HashMap<>();

    /** Counts a new session (created at or before {@code now}) as live until its end. */
    void add(StoredSession session) {
        perApplication(session.applicationId()).track(session);
    }

    /** Re-reads the end of a session after a command may have changed it. */
    void endChanged(StoredSession session) {
        perApplication(session.applicationId()).retrack(session);
    }

    /** How many sessions of the application are neither FAILED nor TERMINATED at {@code now}. */
    long activeAt(String applicationId, Instant now) {
        PerApplication sessions = byApplication.get(applicationId);
        return sessions == null ? 0 : sessions.liveAt(now);
    }

    private PerApplication perApplication(String applicationId) {
        return byApplication.computeIfAbsent(applicationId, unused -> new PerApplication());
    }

    /** One session's end as indexed; stale once the session's end has been re-read. */
    private static final class End {
        final Instant at;
        boolean behind;
        boolean stale;

        End(Instant at) {
            this.at = at;
        }
    }

    private static final class PerApplication {
        private final PriorityQueue<End> ahead = new PriorityQueue<>(Comparator.comparing((End end) -> end.at));
        private final PriorityQueue<End> behind =
                new PriorityQueue<>(Comparator.comparing((End end) -> end.at).reversed());
        private final Map<StoredSession, End> current = new HashMap<>();
        /** Sessions not counted as ended: all of them, less those whose end is in {@link #behind}. */
        private long live;

        void track(StoredSession session) {
            live++;
            Instant endsAt = session.endsAt();
            if (endsAt != null) {
                End end = new End(endsAt);
                current.put(session, end);
                ahead.add(end);
            }
        }

        void retrack(StoredSession session) {
            End old = current.remove(session);
            Instant endsAt = session.endsAt();
            if (old != null && old.at.equals(endsAt)) {
                current.put(session, old);
                return;
            }
            if (old != null) {
                old.stale = true;
                if (old.behind) {
                    live++;
                }
            }
            live--;
            track(session);
        }

        long liveAt(Instant now) {
            while (!ahead.isEmpty() && (ahead.peek().stale || !ahead.peek().at.isAfter(now))) {
                End end = ahead.poll();
                if (!end.stale) {
                    end.behind = true;
                    behind.add(end);
                    live--;
                }
            }
            while (!behind.isEmpty() && (behind.peek().stale || behind.peek().at.isAfter(now))) {
                End end = behind.poll();
                if (!end.stale) {
                    end.behind = false;
                    ahead.add(end);
                    live++;
                }
            }
            return live;
        }
    }
}
