package org.ketnoi.notify.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How mail leaves Ketnoi. The SMTP server itself is Spring Boot's {@code spring.mail.*}, which
 * application.yml fills from KETNOI_SMTP_*; without a host, the demo server takes its place.
 *
 * @param from the sender every mail shows
 * @param demoPort the port of the in-process demo SMTP server on 127.0.0.1; another free one is
 *        taken when it is busy, and 0 asks for any free port (tests)
 * @param delivery how the outbox is worked off
 */
@ConfigurationProperties("ketnoi.mail")
record MailSettings(String from, Integer demoPort, Delivery delivery) {

    MailSettings {
        from = from == null || from.isBlank() ? "Ketnoi – Cổng dịch vụ công <no-reply@ketnoi.gov.vn.invalid>" : from;
        demoPort = demoPort == null ? 3025 : demoPort;
        if (demoPort < 0 || demoPort > 65535) {
            throw new IllegalArgumentException("ketnoi.mail.demo-port (KETNOI_DEMO_SMTP_PORT) is a port from 0 to 65535, "
                    + "not " + demoPort);
        }
        delivery = delivery == null ? new Delivery(null, null, null, null, null) : delivery;
    }

    /**
     * @param batchSize mails taken (and locked) at a time
     * @param pollInterval how often the outbox is read without a nudge: for rows left by a stopped
     *        process or queued on another node
     * @param maxAttempts attempts before a mail is given up (marked failed)
     * @param firstRetry the wait after the first failure, doubled after each further one
     * @param maxRetry the longest wait between two attempts
     */
    record Delivery(Integer batchSize, Duration pollInterval, Integer maxAttempts, Duration firstRetry,
            Duration maxRetry) {

        Delivery {
            batchSize = batchSize == null ? 20 : batchSize;
            pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
            maxAttempts = maxAttempts == null ? 10 : maxAttempts;
            firstRetry = firstRetry == null ? Duration.ofSeconds(30) : firstRetry;
            maxRetry = maxRetry == null ? Duration.ofHours(1) : maxRetry;
            if (batchSize < 1 || maxAttempts < 1 || pollInterval.isNegative() || pollInterval.isZero()
                    || firstRetry.isNegative() || maxRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("ketnoi.mail.delivery: batch size and attempts are at least 1, "
                        + "the poll interval positive, and the longest retry wait at least the first one");
            }
        }

        RetryPolicy retryPolicy() {
            return new RetryPolicy(maxAttempts, firstRetry, maxRetry);
        }
    }
}
