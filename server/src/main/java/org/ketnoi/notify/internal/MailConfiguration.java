package org.ketnoi.notify.internal;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

    static {
        nameStreamProvider();
    }

    /**
     * Jakarta Mail looks its stream provider up with a ServiceLoader each time it encodes a header,
     * writes a body or parses a message, unless a system property names it; inside the server's
     * nested jar every lookup is a search of the class path (16 % of the server's CPU while dossiers
     * were submitted, see bench/results). Naming Angus Mail's provider, the only one there is, skips it.
     */
    static void nameStreamProvider() {
        if (System.getProperty(StreamProvider.class.getName()) == null) {
            System.setProperty(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        }
    }

    @Bean
    MailTemplates mailTemplates() {
        return new MailTemplates();
    }
}
