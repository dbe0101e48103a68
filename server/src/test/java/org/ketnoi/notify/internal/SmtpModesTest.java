package org.ketnoi.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Which SMTP server mail leaves by, from the operator's KETNOI_SMTP_* settings read through
 * application.yml: only the mail beans in a small context, not the whole application.
 */
class SmtpModesTest {

    private final WebApplicationContextRunner server = new WebApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(MailConfiguration.class, DemoMailServer.class)
            .withPropertyValues("ketnoi.mail.demo-port=0");

    @Test
    void withoutAnSmtpHostMailGoesToTheDemoServerOnLoopback() {
        server.run(context -> {
            assertThat(context).hasSingleBean(GreenMail.class).hasSingleBean(JavaMailSender.class);
            JavaMailSenderImpl sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
            assertThat(sender.getHost()).isEqualTo("127.0.0.1");
            assertThat(sender.getPort()).isEqualTo(context.getBean(GreenMail.class).getSmtp().getPort());
            assertThat(context.getBean(MailSettings.class).from())
                    .isEqualTo("Ketnoi – Cổng dịch vụ công <no-reply@ketnoi.gov.vn.invalid>");
        });
    }

    @Test
    void aBusyDemoPortGivesWayToAFreeOne() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName(DemoMailServer.LOOPBACK))) {
            server.withPropertyValues("ketnoi.mail.demo-port=" + busy.getLocalPort()).run(context -> {
                int port = context.getBean(GreenMail.class).getSmtp().getPort();
                assertThat(port).isPositive().isNotEqualTo(busy.getLocalPort());
                assertThat(((JavaMailSenderImpl) context.getBean(JavaMailSender.class)).getPort()).isEqualTo(port);
            });
        }
    }

    @Test
    void anSmtpHostIsUsedWithTheOperatorsSettingsAndNoDemoServer() {
        server.withPropertyValues("KETNOI_SMTP_HOST=smtp.example.gov.vn", "KETNOI_SMTP_USER=ketnoi",
                "KETNOI_SMTP_PASSWORD=s3cret", "KETNOI_MAIL_FROM=Cổng DVC <dvc@example.gov.vn>").run(context -> {
                    assertThat(context).doesNotHaveBean(GreenMail.class).hasSingleBean(JavaMailSender.class);
                    JavaMailSenderImpl sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
                    assertThat(sender.getHost()).isEqualTo("smtp.example.gov.vn");
                    assertThat(sender.getPort()).isEqualTo(587);
                    assertThat(sender.getUsername()).isEqualTo("ketnoi");
                    assertThat(sender.getPassword()).isEqualTo("s3cret");
                    assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.starttls.enable", "true")
                            .containsEntry("mail.smtp.starttls.required", "true")
                            .containsKey("mail.smtp.timeout");
                    assertThat(context.getBean(MailSettings.class).from()).isEqualTo("Cổng DVC <dvc@example.gov.vn>");
                });
        server.withPropertyValues("KETNOI_SMTP_HOST=localhost", "KETNOI_SMTP_PORT=25", "KETNOI_SMTP_STARTTLS=false")
                .run(context -> {
                    JavaMailSenderImpl sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
                    assertThat(sender.getPort()).isEqualTo(25);
                    assertThat(sender.getJavaMailProperties()).containsEntry("mail.smtp.starttls.enable", "false")
                            .containsEntry("mail.smtp.starttls.required", "false");
                });
    }

    @Test
    void commandsWithoutAWebServerStartNoDemoServer() {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(MailConfiguration.class, DemoMailServer.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(GreenMail.class));
    }
}
