package org.ketnoi.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * The audit trail any module writes its privileged actions to. Entries are chained by SHA-256
 * hashes, so {@link #verify()} finds any entry altered, inserted or deleted after the fact.
 */
public interface AuditTrail {

    /** Appends an entry in the caller's transaction: it is kept exactly when the action is. */
    RecordedEntry record(Entry entry);

    /** Walks the whole chain and reports the first break, if any. */
    Verification verify();

    /**
     * What happened.
     *
     * @param actor who acted: an account, a system, or {@code system:<component>}
     * @param agency the acting agency's identifier, when there is one
     * @param action a dotted verb such as {@code agency.register}
     * @param object what was acted on, as {@code type:id}
     */
    record Entry(String actor, String agency, String action, String object, Outcome outcome) {

        public Entry {
            require(actor, "actor");
            require(action, "action");
            require(object, "object");
            if (outcome == null) {
                throw new IllegalArgumentException("An audit entry needs an outcome");
            }
        }

        private static void require(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("An audit entry needs a " + name);
            }
        }
    }

    enum Outcome {
        SUCCESS, REFUSED, FAILURE
    }

    record RecordedEntry(long sequence, Instant recordedAt, Entry entry, String hash) {
    }

    /**
     * The result of walking the chain.
     *
     * @param entries how many entries were checked
     * @param firstBreak the first sequence number where the chain does not hold, with why
     */
    record Verification(long entries, Optional<Break> firstBreak) {

        public boolean intact() {
            return firstBreak.isEmpty();
        }
    }

    record Break(long sequence, String reason) {
    }
}
