package org.ketnoi.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ketnoi.notify.Email;
import org.ketnoi.notify.Inbox;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The inbox in notify's schema. Messages keep their template and values; the text is rendered
 * from the message keys {@code inbox.<template>.subject} and {@code .body} when read, in the
 * reader's language.
 */
@Service
class JdbcInbox implements Inbox {

    /** The most a page asks for at once. */
    static final int MAX_LIMIT = 500;

    private static final Pattern TEMPLATE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;
    private final MessageSource messages;

    JdbcInbox(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void post(String accountId, String template, Map<String, Object> model, String link) {
        if (accountId == null || accountId.isBlank()) {
            throw new IllegalArgumentException("An inbox message needs its recipient's account id");
        }
        if (template == null || !TEMPLATE.matcher(template).matches()) {
            throw new IllegalArgumentException("An inbox template's name is lower-case words joined by hyphens, not '"
                    + template + "'");
        }
        // a missing text is the sender's mistake: fail now, not when the citizen opens the inbox
        for (String part : List.of("subject", "body")) {
            try {
                messages.getMessage(key(template, part), null, Email.VIETNAMESE);
            } catch (NoSuchMessageException e) {
                throw new IllegalArgumentException("No message key " + key(template, part) + " for the inbox template '"
                        + template + "'", e);
            }
        }
        if (link != null && !isPortalPath(link)) {
            throw new IllegalArgumentException("An inbox link is a path of the portal such as /dossiers/..., not '"
                    + link + "'");
        }
        ArrayNode values = JSON.createArrayNode();
        if (model != null) {
            model.forEach((name, value) -> values.addArray().add(name).add(value == null ? "" : String.valueOf(value)));
        }
        jdbc.sql("insert into notify.inbox_message(account_id, template, model, link) values (?, ?, ?::jsonb, ?)")
                .params(accountId, template, JSON.writeValueAsString(values), link)
                .update();
    }

    @Override
    public List<Message> messages(String accountId, Locale locale, int limit) {
        int rows = Math.clamp(limit, 0, MAX_LIMIT);
        if (rows == 0) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, template, model::text as model, link, posted_at, read_at
                        from notify.inbox_message where account_id = ?
                        order by posted_at desc, id desc limit ?""")
                .params(accountId, rows)
                .query((rs, n) -> message(rs, locale))
                .list();
    }

    @Override
    public int unread(String accountId) {
        return jdbc.sql("select count(*) from notify.inbox_message where account_id = ? and read_at is null")
                .param(accountId).query(Integer.class).single();
    }

    /**
     * Marks one of the account's messages read; false when the account has no such message (another
     * person's message is left as it was). Marking a read message again changes nothing.
     */
    boolean markRead(String accountId, long id) {
        jdbc.sql("update notify.inbox_message set read_at = now() where id = ? and account_id = ? and read_at is null")
                .params(id, accountId).update();
        return jdbc.sql("select count(*) from notify.inbox_message where id = ? and account_id = ?")
                .params(id, accountId).query(Integer.class).single() > 0;
    }

    /** Marks all the account's messages read; returns how many were unread. */
    int markAllRead(String accountId) {
        return jdbc.sql("update notify.inbox_message set read_at = now() where account_id = ? and read_at is null")
                .param(accountId).update();
    }

    private Message message(ResultSet rs, Locale locale) throws SQLException {
        String template = rs.getString("template");
        List<String> values = new ArrayList<>();
        for (JsonNode pair : JSON.readTree(rs.getString("model"))) {
            values.add(pair.get(1).asString());
        }
        Object[] args = values.toArray();
        Timestamp read = rs.getTimestamp("read_at");
        return new Message(rs.getLong("id"), rs.getTimestamp("posted_at").toInstant(),
                text(key(template, "subject"), args, locale), text(key(template, "body"), args, locale),
                rs.getString("link"), read != null);
    }

    private String text(String key, Object[] args, Locale locale) {
        // an empty optional value (a note) may leave a dangling separator at the end
        return messages.getMessage(key, args, key, locale).strip();
    }

    private static String key(String template, String part) {
        return "inbox." + template + "." + part;
    }

    /** A path on this site: one slash first, and nothing a browser would read as another host or a script. */
    static boolean isPortalPath(String link) {
        return link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\") && link.length() <= 2000
                && link.chars().noneMatch(c -> c <= 0x20 || c == 0x7f || c == '\\');
    }
}
