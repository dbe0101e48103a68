package org.ketnoi.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailConfigurationTest {

    @Test
    void jakartaMailFindsItsStreamProviderByNameNotByServiceLoader() {
        MailConfiguration.nameStreamProvider();

        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }
}
