package org.ketnoi.identity.signin;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** An account's sign-in attempts, newest first, for its owner. */
@Service
public class SignInHistory {

    /** Session attributes set at sign-in, so the owner can tell their sessions apart. */
    public static final String SOURCE = "ketnoi.signin.source";
    public static final String AGENT = "ketnoi.signin.agent";

    private final JdbcClient jdbc;

    SignInHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Times on the pages are Vietnam's (UTC+7, no daylight saving). */
    public static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    public record Attempt(java.time.ZonedDateTime at, String source, String agent, String outcome) {
    }

    public List<Attempt> recent(UUID account, int limit) {
        return jdbc.sql("select at, source, user_agent, outcome from identity.signin_event where account_id = ? "
                        + "order by at desc, id desc limit ?")
                .params(account, limit)
                .query((rs, n) -> new Attempt(rs.getTimestamp(1).toInstant().atZone(VIETNAM), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .list();
    }
}
