package dk.albertslund.signage.playlist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Fair airtime between institutions on a shared screen (docs/ARCHITECTURE.md, "Fair
 * airtime"): the order in which a screen's messages take their turns when the screen or
 * its group gives institutions shares. Plain Java: the caller brings the messages in
 * playlist order, their institutions, their seconds on screen and the shares.
 *
 * <p>Turns go by airtime, not by count, because messages last different times: the seconds
 * played so far are weighed against each institution's share, so the shares are met over
 * any stretch to within about one slide, spread evenly rather than in blocks. An
 * institution does not take two turns in a row while another is still owed time, unless
 * waiting would put it more than the longest message behind its share. Within an
 * institution its messages keep their playlist order.
 */
public final class AirtimeShares {

    /** The most percent one institution can be given, and what all shares may add up to. */
    public static final int MAX_PERCENT = 100;

    /** How much airtime a loop covers at most: an hour, the span the shares are promised over. */
    public static final int LOOP_SECONDS = 3600;

    private AirtimeShares() {
    }

    /**
     * One institution's part in the rotation: {@code percent} as set (null when it has no
     * share of its own and takes part of what is left), {@code effective} the part of the
     * airtime it gets now, after institutions with nothing to show gave theirs away.
     */
    public record Share(long institutionId, Integer percent, double effective) {
    }

    /**
     * The play order: {@code turns} are positions in the caller's list, one per showing,
     * covering one loop (the kiosk repeats it); {@code shares} the institutions taking part,
     * in the order they first appear.
     */
    public record Rotation(List<Integer> turns, List<Share> shares) {
        public Rotation {
            turns = List.copyOf(turns);
            shares = List.copyOf(shares);
        }
    }

    /**
     * The rotation of {@code items} by the institutions' {@code percents} (institution id →
     * 1–100), or null when no shares are set: then the playlist order stands unchanged.
     *
     * <p>Who gets what: an institution with a share gets it; institutions with messages but
     * no share split what is left of 100 % equally (1 % each when nothing is left, so no
     * message disappears); an institution with a share but no messages now gives it away,
     * and every part is scaled so those present add up to the whole.
     */
    public static <T> Rotation rotate(List<T> items, ToLongFunction<T> institutionOf, ToIntFunction<T> secondsOf,
                                      Map<Long, Integer> percents) {
        if (percents == null || percents.isEmpty()) {
            return null;
        }
        // the institutions present, in the order of their first message, each with its messages in playlist order
        Map<Long, List<Integer>> messages = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            messages.computeIfAbsent(institutionOf.applyAsLong(items.get(i)), id -> new ArrayList<>()).add(i);
        }
        if (messages.isEmpty()) {
            return new Rotation(List.of(), List.of());
        }
        List<Long> present = List.copyOf(messages.keySet());
        long[] weight = weights(present, percents);
        long total = java.util.Arrays.stream(weight).sum();
        return new Rotation(turns(present, messages, items, secondsOf, weight, total), shares(present, percents, weight, total));
    }

    /**
     * The part of the airtime each institution {@code present} on a screen is meant to get
     * under {@code percents}, by the same rule as the rotation: for the proof-of-play report's
     * intended share. Empty when no shares are set.
     */
    public static List<Share> intended(List<Long> present, Map<Long, Integer> percents) {
        if (percents == null || percents.isEmpty() || present.isEmpty()) {
            return List.of();
        }
        long[] weight = weights(present, percents);
        return shares(present, percents, weight, java.util.Arrays.stream(weight).sum());
    }

    /**
     * Whole-number weights of the institutions present: a share as set, the rest of 100 %
     * split among those without one (1 % each when nothing is left), all scaled by the number
     * without a share so the rest splits exactly.
     */
    private static long[] weights(List<Long> present, Map<Long, Integer> percents) {
        int set = percents.values().stream().mapToInt(Integer::intValue).sum();
        int rest = Math.max(0, MAX_PERCENT - set);
        long unlisted = present.stream().filter(id -> !percents.containsKey(id)).count();
        long[] weight = new long[present.size()];
        for (int k = 0; k < weight.length; k++) {
            Integer percent = percents.get(present.get(k));
            weight[k] = percent != null ? (long) percent * Math.max(1, unlisted) : Math.max(rest, unlisted);
        }
        return weight;
    }

    private static List<Share> shares(List<Long> present, Map<Long, Integer> percents, long[] weight, long total) {
        List<Share> shares = new ArrayList<>();
        for (int k = 0; k < weight.length; k++) {
            shares.add(new Share(present.get(k), percents.get(present.get(k)), (double) weight[k] / total));
        }
        return shares;
    }

    /**
     * Turns as in weighted fair queueing (WF2Q): an institution may take a turn once it is not
     * ahead of its share (lag = weight × time played − total weight × its own time, at least
     * 0), and of those the one whose next message would finish soonest on its own share's
     * clock goes first. That keeps every institution within about one slide of its share at
     * all times, on both sides. Whole numbers, so the loop can close exactly: it ends when
     * every lag is back to zero with every institution at its first message (the order
     * repeats exactly from there), or after an hour of airtime.
     */
    private static <T> List<Integer> turns(List<Long> present, Map<Long, List<Integer>> messages, List<T> items,
                                           ToIntFunction<T> secondsOf, long[] weight, long total) {
        int n = present.size();
        long[] used = new long[n];
        int[] next = new int[n];
        long[] seconds = new long[n];
        long played = 0;
        int previous = -1;
        long longest = items.stream().mapToLong(item -> Math.max(1, secondsOf.applyAsInt(item))).max().orElse(1);
        List<Integer> turns = new ArrayList<>();
        while (played < LOOP_SECONDS) {
            for (int k = 0; k < n; k++) {
                seconds[k] = Math.max(1, secondsOf.applyAsInt(items.get(messages.get(present.get(k)).get(next[k]))));
            }
            int pick = soonestDone(weight, used, seconds, total, played, -1, 0, Long.MAX_VALUE);
            if (pick == previous && n > 1) {
                // another institution owed time goes first, unless waiting for its message would
                // leave this one more than the longest message behind its share (a share over
                // one half has to play twice in a row now and then)
                long wait = (total * longest - lag(weight, used, total, played, pick)) / weight[pick];
                int owed = soonestDone(weight, used, seconds, total, played, previous, 1, wait);
                if (owed >= 0) {
                    pick = owed;
                }
            }
            List<Integer> own = messages.get(present.get(pick));
            turns.add(own.get(next[pick]));
            next[pick] = (next[pick] + 1) % own.size();
            used[pick] += seconds[pick];
            played += seconds[pick];
            previous = pick;
            if (closed(weight, used, total, played, next)) {
                break;
            }
        }
        return turns;
    }

    private static long lag(long[] weight, long[] used, long total, long played, int k) {
        return weight[k] * played - total * used[k];
    }

    /**
     * Of the institutions whose lag is at least {@code minLag} (with 0, those not ahead of
     * their share: there is always one, the lags add up to zero) and whose next message
     * lasts at most {@code maxSeconds}, the one whose next message ends first on its own clock, (time + message) / weight;
     * on a tie the larger share, then the one whose message comes first. -1 when none but
     * {@code except} may go.
     */
    private static int soonestDone(long[] weight, long[] used, long[] seconds, long total, long played, int except,
                                   long minLag, long maxSeconds) {
        int best = -1;
        for (int k = 0; k < weight.length; k++) {
            if (k == except || lag(weight, used, total, played, k) < minLag || seconds[k] > maxSeconds) {
                continue;
            }
            if (best < 0) {
                best = k;
                continue;
            }
            long mine = (used[k] + seconds[k]) * weight[best];
            long theirs = (used[best] + seconds[best]) * weight[k];
            if (mine < theirs || mine == theirs && weight[k] > weight[best]) {
                best = k;
            }
        }
        return best;
    }

    private static boolean closed(long[] weight, long[] used, long total, long played, int[] next) {
        for (int k = 0; k < weight.length; k++) {
            if (next[k] != 0 || lag(weight, used, total, played, k) != 0) {
                return false;
            }
        }
        return true;
    }
}
