package org.ketnoi.bench;

import java.util.List;

/**
 * When a token point misses p99 < 50 ms, the highest concurrency that meets it: halving down from
 * the lowest level that missed it, until a level meets it or is no higher than one that already did.
 * Each level is a full point (warm-up and window), so the search is short.
 */
final class TokenSearch {

    /** At most this many levels beyond those asked for, per grant. */
    static final int MAX_EXTRA = 2;

    private TokenSearch() {
    }

    static boolean meets(IdentityResults.TokenPoint p, double p99Millis) {
        return p.result().errors() == 0 && p.result().good() > 0 && p.result().p99Millis() < p99Millis;
    }

    /** The next level to measure, or null when the highest level measured meets the limit or nothing is left between. */
    static Integer nextLevel(List<IdentityResults.TokenPoint> measured, double p99Millis) {
        int highestMet = 0;
        int lowestMissed = Integer.MAX_VALUE;
        int highest = 0;
        for (IdentityResults.TokenPoint p : measured) {
            highest = Math.max(highest, p.concurrency());
            if (meets(p, p99Millis)) {
                highestMet = Math.max(highestMet, p.concurrency());
            }
        }
        if (highest == 0 || highestMet == highest) {
            return null;
        }
        for (IdentityResults.TokenPoint p : measured) {
            if (!meets(p, p99Millis) && p.concurrency() > highestMet) {
                lowestMissed = Math.min(lowestMissed, p.concurrency());
            }
        }
        int candidate = lowestMissed / 2;
        if (candidate < 1 || candidate <= highestMet) {
            return null;
        }
        for (IdentityResults.TokenPoint p : measured) {
            if (p.concurrency() == candidate) {
                return null;
            }
        }
        return candidate;
    }

    /** The highest concurrency measured that met the limit, or null. */
    static IdentityResults.TokenPoint highestMeeting(List<IdentityResults.TokenPoint> measured, double p99Millis) {
        IdentityResults.TokenPoint best = null;
        for (IdentityResults.TokenPoint p : measured) {
            if (meets(p, p99Millis) && (best == null || p.concurrency() > best.concurrency())) {
                best = p;
            }
        }
        return best;
    }
}
