package org.ketnoi.identity.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void issuesTenGroupedCodesFromAnUnambiguousAlphabet() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        assertThat(issued.codes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}"));
        assertThat(String.join("", issued.codes())).doesNotContain("0", "O", "1", "I", "L");
        assertThat(issued.hashes()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void storesOnlySaltedHashes() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        for (int i = 0; i < issued.codes().size(); i++) {
            String hash = issued.hashes().get(i);
            assertThat(hash).matches("[0-9a-f]{32}:[0-9a-f]{64}");
            assertThat(hash.toUpperCase()).doesNotContain(issued.codes().get(i).replace("-", ""));
        }
        assertThat(RecoveryCodes.hash("ABCDEFGHJK")).isNotEqualTo(RecoveryCodes.hash("ABCDEFGHJK"));
    }

    @Test
    void matchesEachCodeToItsOwnHash() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        for (int i = 0; i < issued.codes().size(); i++) {
            assertThat(RecoveryCodes.match(issued.codes().get(i), issued.hashes())).hasValue(i);
        }
    }

    @Test
    void matchesIgnoringCaseSpacesAndHyphens() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        String code = issued.codes().get(3);
        String bare = code.replace("-", "");
        assertThat(RecoveryCodes.match(code.toLowerCase(), issued.hashes())).hasValue(3);
        assertThat(RecoveryCodes.match(bare, issued.hashes())).hasValue(3);
        assertThat(RecoveryCodes.match(" " + bare.substring(0, 3) + " " + bare.substring(3) + " ", issued.hashes()))
                .hasValue(3);
        assertThat(RecoveryCodes.match(bare.substring(0, 5) + "--" + bare.substring(5), issued.hashes())).hasValue(3);
    }

    @Test
    void worksOnceWhenTheCallerDeletesTheMatchedHash() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        List<String> stored = new ArrayList<>(issued.hashes());
        String code = issued.codes().get(0);
        stored.remove(RecoveryCodes.match(code, stored).getAsInt());
        assertThat(RecoveryCodes.match(code, stored)).isEmpty();
        assertThat(RecoveryCodes.match(issued.codes().get(1), stored)).hasValue(0);
    }

    @Test
    void refusesUnknownOrMalformedCodesAndIgnoresForeignHashes() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        List<String> stored = new ArrayList<>(issued.hashes());
        stored.add(0, "not a hash");
        stored.add(1, null);
        stored.add(2, "zz".repeat(16) + ":" + "00".repeat(32));
        assertThat(RecoveryCodes.match(issued.codes().get(0), stored)).hasValue(3);
        assertThat(RecoveryCodes.match("22222-22222", issued.hashes())).isEmpty();
        assertThat(RecoveryCodes.match("ABCDE-FGHJ", issued.hashes())).isEmpty();
        assertThat(RecoveryCodes.match("OOOOO-IIIII", issued.hashes())).isEmpty();
        assertThat(RecoveryCodes.match(null, issued.hashes())).isEmpty();
        assertThat(RecoveryCodes.match(issued.codes().get(0), List.of())).isEmpty();
    }

    @Test
    void keepsCodesOutOfToString() {
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        assertThat(issued.toString()).doesNotContain(issued.codes().get(0)).contains("10 codes");
    }

    @Test
    void usesTheWholeAlphabet() {
        var seen = new HashSet<Character>();
        for (int i = 0; i < 50; i++) {
            RecoveryCodes.issue().codes().forEach(code -> code.replace("-", "").chars().forEach(c -> seen.add((char) c)));
        }
        assertThat(seen).hasSize(RecoveryCodes.ALPHABET.length());
    }
}
