package org.ketnoi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The menu entry a page's address belongs to, which the header marks as the current page. */
class PageShellTest {

    @Test
    void sectionsFollowTheMenu() {
        assertThat(PageShell.section("/")).isEqualTo("home");
        assertThat(PageShell.section("/procedures")).isEqualTo("procedures");
        assertThat(PageShell.section("/procedures/1.001193")).isEqualTo("procedures");
        assertThat(PageShell.section("/desk/dossiers/000.04.XA.H01-261123-0001")).isEqualTo("desk");
        assertThat(PageShell.section("/dossiers/new")).isEqualTo("dossiers");
        assertThat(PageShell.section("/about")).isEqualTo("about");
        assertThat(PageShell.section("/inbox")).isEqualTo("inbox");
    }

    @Test
    void exactEntriesDoNotClaimTheirSubpagesAndOthersBelongToNone() {
        assertThat(PageShell.section("/inbox/3")).isEmpty();
        assertThat(PageShell.section("/account")).isEmpty();
        assertThat(PageShell.section("/signin")).isEmpty();
    }
}
