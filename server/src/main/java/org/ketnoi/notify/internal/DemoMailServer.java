package org.ketnoi.notify.internal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.ketnoi.platform.StartupNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Demo mode: an in-process SMTP server (GreenMail) on 127.0.0.1, and the mail sender pointed at
 * it, so mails still travel over real SMTP and a newcomer reads them at {@code /demo/mailbox}.
 *
 * <p>Tests run in demo mode too, on a free port ({@code ketnoi.mail.demo-port: 0} in the test
 * profile): every integration test shares one application context, so one server serves them all,
 * and they read what arrived from the {@link GreenMail} bean.
 */
@Configuration(proxyBeanMethods = false)
@DemoMail
class DemoMailServer {

    static final String LOOPBACK = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    @Bean(destroyMethod = "stop")
    GreenMail demoSmtpServer(MailSettings settings) {
        int wanted = settings.demoPort();
        int port = wanted != 0 && available(wanted) ? wanted : freePort();
        GreenMail server;
        try {
            server = started(port);
        } catch (IllegalStateException taken) {
            // another process took the port between the check and the bind
            server = started(freePort());
        }
        if (wanted != 0 && server.getSmtp().getPort() != wanted) {
            log.warn("Port {} is in use: the demo SMTP server listens on {}:{} instead", wanted, LOOPBACK,
                    server.getSmtp().getPort());
        }
        return server;
    }

    @Bean
    JavaMailSenderImpl demoMailSender(GreenMail demoSmtpServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(LOOPBACK);
        sender.setPort(demoSmtpServer.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().setProperty("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "10000");
        sender.getJavaMailProperties().setProperty("mail.smtp.writetimeout", "10000");
        return sender;
    }

    @Bean
    StartupNotice demoMailboxNotice(GreenMail demoSmtpServer, Environment environment) {
        return () -> List.of(
                "Demo mailbox  http://localhost:" + environment.getProperty("local.server.port", "8080") + "/demo/mailbox",
                "              (no KETNOI_SMTP_HOST: mails go to an in-process SMTP server on " + LOOPBACK + ":"
                        + demoSmtpServer.getSmtp().getPort() + "; anyone who opens the page reads them)");
    }

    private static GreenMail started(int port) {
        GreenMail server = new GreenMail(new ServerSetup(port, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    private static boolean available(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK + " for the demo SMTP server", e);
        }
    }
}
