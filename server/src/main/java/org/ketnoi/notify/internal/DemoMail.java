package org.ketnoi.notify.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Demo mode for mail: the server runs and no SMTP server is configured (KETNOI_SMTP_HOST empty).
 * Mails then go to an in-process SMTP server that the demo mailbox page reads.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnWebApplication
@ConditionalOnExpression("'${spring.mail.host:}'.isBlank() and '${spring.mail.jndi-name:}'.isBlank()")
@interface DemoMail {
}
