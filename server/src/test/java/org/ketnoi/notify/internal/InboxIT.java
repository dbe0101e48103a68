package org.ketnoi.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.notify.Email;
import org.ketnoi.notify.Inbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The inbox on the real database: written in the sender's transaction, read in the reader's language. */
@KetnoiIntegrationTest
class InboxIT {

    @Autowired
    Inbox inbox;

    @Autowired
    JdbcInbox store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    static final String CODE = "000.04.XA.H01-260205-0007";

    @Test
    void postsInTheSendersTransactionAndReadsInEitherLanguageNewestFirst() {
        String ngoc = account();
        inTransaction(() -> {
            inbox.post(ngoc, "dossier-status", status("Mới đăng ký", ""), "/dossiers/" + CODE);
            inbox.post(ngoc, "dossier-status", status("Đang giải quyết",
                    "Hồ sơ đã được chuyển đến công chức tư pháp - hộ tịch."), "/dossiers/" + CODE);
        });

        List<Inbox.Message> vi = inbox.messages(ngoc, Email.VIETNAMESE, 50);
        assertThat(vi).hasSize(2);
        assertThat(vi.getFirst().subject()).isEqualTo("Hồ sơ " + CODE + ": Đang giải quyết");
        assertThat(vi.getFirst().body()).isEqualTo("Hồ sơ " + CODE + " (thủ tục Đăng ký khai sinh) đã chuyển sang "
                + "trạng thái “Đang giải quyết”. Hồ sơ đã được chuyển đến công chức tư pháp - hộ tịch.");
        assertThat(vi.getFirst().link()).isEqualTo("/dossiers/" + CODE);
        assertThat(vi.getFirst().read()).isFalse();
        assertThat(vi.get(1).subject()).isEqualTo("Hồ sơ " + CODE + ": Mới đăng ký");
        // no note: no dangling space after the sentence
        assertThat(vi.get(1).body()).endsWith("trạng thái “Mới đăng ký”.");
        assertThat(vi.getFirst().postedAt()).isAfterOrEqualTo(vi.get(1).postedAt());
        assertThat(vi.getFirst().id()).isGreaterThan(vi.get(1).id());

        List<Inbox.Message> en = inbox.messages(ngoc, Locale.ENGLISH, 50);
        assertThat(en.getFirst().subject()).isEqualTo("Dossier " + CODE + ": Đang giải quyết");
        assertThat(en.getFirst().body()).startsWith("Your dossier " + CODE + " (Đăng ký khai sinh) is now at the status");
        // a language the portal does not have reads as Vietnamese, as pages do
        assertThat(inbox.messages(ngoc, Locale.FRENCH, 50).getFirst().subject()).startsWith("Hồ sơ ");

        assertThat(inbox.messages(ngoc, Email.VIETNAMESE, 1)).hasSize(1).first()
                .extracting(Inbox.Message::subject).asString().endsWith("Đang giải quyết");
        assertThat(inbox.unread(ngoc)).isEqualTo(2);
    }

    @Test
    void keepsTheValuesInTheOrderTheSenderGaveThem() {
        String an = account();
        // the names sort differently from their order: the text must number them as given
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("zCode", "H01-9");
        model.put("aProcedure", "Cấp phiếu lý lịch tư pháp");
        model.put("mStatus", "Đã trả kết quả");
        model.put("bNote", null);
        inTransaction(() -> inbox.post(an, "dossier-status", model, null));
        Inbox.Message m = inbox.messages(an, Email.VIETNAMESE, 10).getFirst();
        assertThat(m.subject()).isEqualTo("Hồ sơ H01-9: Đã trả kết quả");
        assertThat(m.body()).isEqualTo("Hồ sơ H01-9 (thủ tục Cấp phiếu lý lịch tư pháp) đã chuyển sang trạng thái "
                + "“Đã trả kết quả”.");
        assertThat(m.link()).isNull();
    }

    @Test
    void aMessagePostedInATransactionThatRollsBackDoesNotExist() {
        String ghost = account();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            inbox.post(ghost, "dossier-status", status("Đã tiếp nhận", ""), null);
            assertThat(inbox.unread(ghost)).as("visible inside its transaction").isEqualTo(1);
            tx.setRollbackOnly();
        });
        assertThat(inbox.messages(ghost, Email.VIETNAMESE, 50)).isEmpty();
        assertThat(inbox.unread(ghost)).isZero();
    }

    @Test
    void refusesToPostOutsideATransactionOrWithoutItsParts() {
        String someone = account();
        assertThatThrownBy(() -> inbox.post(someone, "dossier-status", status("Mới", ""), null))
                .isInstanceOf(IllegalTransactionStateException.class);
        // a refused post dooms the sender's transaction (a programming error): each is tried, then rolled back
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            assertThatThrownBy(() -> inbox.post(someone, "no-such-message", Map.of(), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inbox.no-such-message.subject");
            assertThatThrownBy(() -> inbox.post(someone, "Dossier Status", Map.of(), null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> inbox.post(" ", "dossier-status", Map.of(), null))
                    .isInstanceOf(IllegalArgumentException.class);
            for (String link : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:x",
                    "/dossiers/a b", "dossiers/x")) {
                assertThatThrownBy(() -> inbox.post(someone, "dossier-status", Map.of(), link)).as(link)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            tx.setRollbackOnly();
        });
        assertThat(inbox.unread(someone)).isZero();
    }

    @Test
    void marksOwnMessagesReadAndRefusesAnotherPersonsMessage() {
        String hoa = account();
        String binh = account();
        inTransaction(() -> {
            for (int i = 1; i <= 3; i++) {
                inbox.post(hoa, "dossier-status", status("Trạng thái " + i, ""), null);
            }
            inbox.post(binh, "dossier-status", status("Yêu cầu bổ sung", "Bổ sung giấy chứng sinh."), null);
        });
        List<Inbox.Message> hoas = inbox.messages(hoa, Email.VIETNAMESE, 50);
        long binhsMessage = inbox.messages(binh, Email.VIETNAMESE, 50).getFirst().id();
        assertThat(inbox.unread(hoa)).isEqualTo(3);

        assertThat(store.markRead(hoa, hoas.get(1).id())).isTrue();
        assertThat(store.markRead(hoa, hoas.get(1).id())).as("again: nothing changes, still hers").isTrue();
        assertThat(inbox.unread(hoa)).isEqualTo(2);
        assertThat(inbox.messages(hoa, Email.VIETNAMESE, 50)).extracting(Inbox.Message::read)
                .containsExactly(false, true, false);

        assertThat(store.markRead(hoa, binhsMessage)).as("Bình's message is not Hoa's").isFalse();
        assertThat(store.markRead(hoa, Long.MAX_VALUE)).isFalse();
        assertThat(inbox.unread(binh)).isEqualTo(1);
        assertThat(inbox.messages(hoa, Email.VIETNAMESE, 50)).extracting(Inbox.Message::id)
                .doesNotContain(binhsMessage);

        assertThat(store.markAllRead(hoa)).isEqualTo(2);
        assertThat(inbox.unread(hoa)).isZero();
        assertThat(inbox.unread(binh)).as("marking all of Hoa's leaves Bình's").isEqualTo(1);
        assertThat(store.markAllRead(hoa)).isZero();
    }

    @Test
    void readsTheNewestFiftyOfManyWithTheIndexes() {
        String busy = account();
        inTransaction(() -> jdbc.sql("""
                        insert into notify.inbox_message(account_id, template, model, posted_at)
                        select ?, 'dossier-status', jsonb_build_array(jsonb_build_array('code', 'H-' || n)),
                               now() - (n || ' minutes')::interval
                        from generate_series(1, 120) n""").param(busy).update());
        List<Inbox.Message> newest = inbox.messages(busy, Email.VIETNAMESE, 50);
        assertThat(newest).hasSize(50);
        assertThat(newest.getFirst().subject()).startsWith("Hồ sơ H-1:");
        assertThat(newest.getLast().subject()).startsWith("Hồ sơ H-50:");
        assertThat(inbox.unread(busy)).isEqualTo(120);
        assertThat(inbox.messages(busy, Email.VIETNAMESE, 0)).isEmpty();
        assertThat(inbox.messages(busy, Email.VIETNAMESE, 100_000)).hasSize(120);
        // a test table is too small for the planner to prefer an index; forbidding scans shows one serves
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.sql("set local enable_seqscan = off").update();
            jdbc.sql("set local enable_bitmapscan = off").update();
            String newestPlan = String.join("\n", jdbc.sql("explain select id from notify.inbox_message "
                    + "where account_id = ? order by posted_at desc, id desc limit 50").param(busy)
                    .query(String.class).list());
            assertThat(newestPlan).contains("inbox_message_newest").doesNotContain("Sort");
            String unreadPlan = String.join("\n", jdbc.sql("explain select count(*) from notify.inbox_message "
                    + "where account_id = ? and read_at is null").param(busy).query(String.class).list());
            assertThat(unreadPlan).contains("inbox_message_unread");
        });
    }

    private static Map<String, Object> status(String statusName, String note) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("code", CODE);
        model.put("procedureName", "Đăng ký khai sinh");
        model.put("statusName", statusName);
        model.put("note", note);
        return model;
    }

    private static String account() {
        return UUID.randomUUID().toString();
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> work.run());
    }
}
