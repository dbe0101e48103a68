package org.ketnoi.population;

import java.time.Instant;
import java.util.List;

/** One read of a person's data: who read it, for which agency, why, when, through which path, which fields. */
public record AccessLogEntry(Instant at, PersonalIdNumber citizen, String actor, String agency, String purpose,
        String channel, List<String> fields) {
}
