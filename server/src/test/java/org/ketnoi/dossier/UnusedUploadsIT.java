package org.ketnoi.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ketnoi.KetnoiIntegrationTest;
import org.ketnoi.catalogue.ProcedureCatalogue;
import org.ketnoi.dossier.files.AttachmentStore;
import org.ketnoi.identity.Accounts;
import org.ketnoi.identity.Caller;
import org.ketnoi.platform.KetnoiProperties;
import org.ketnoi.population.PopulationRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Uploads nobody used are forgotten after the retention and their files removed; a file a dossier,
 * a draft or another applicant still refers to, or one stored again lately, stays.
 */
@KetnoiIntegrationTest
class UnusedUploadsIT {

    @Autowired UnusedUploads unused;
    @Autowired Dossiers dossiers;
    @Autowired Drafts drafts;
    @Autowired ProcedureCatalogue catalogue;
    @Autowired AttachmentStore files;
    @Autowired KetnoiProperties properties;
    @Autowired PopulationRegistry registry;
    @Autowired Accounts accounts;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;

    @Test
    void forgetsOldUnusedUploadsAndRemovesTheirFilesOnlyWhenNothingRefersToThem() throws Exception {
        DossierFixtures fixtures = new DossierFixtures(registry, accounts, passwords);
        Caller an = fixtures.citizen("01", "00008", "Đỗ Văn An");
        Caller binh = fixtures.citizen("01", "00008", "Đỗ Thị Bình");
        byte[] shared = DossierFixtures.pdf();

        String abandoned = upload(an, DossierFixtures.pdf());
        String submitted = upload(an, DossierFixtures.pdf());
        dossiers.submit(new Submission("1.001193", DossierFixtures.birthForm(an, "00008", "Đỗ Văn An"),
                Map.of("birth-notice", List.of(submitted)), UUID.randomUUID(), java.util.Locale.forLanguageTag("vi")),
                an);
        String drafted = upload(an, DossierFixtures.pdf());
        drafts.save(null, catalogue.current("1.001193").orElseThrow(), DossierFixtures.birthForm(an, "00008", "Đỗ Văn An"),
                Map.of("birth-notice", List.of(drafted)), UUID.randomUUID(), an);
        String sharedHash = upload(an, shared);
        assertThat(upload(binh, shared)).isEqualTo(sharedHash);
        String storedAgain = upload(an, DossierFixtures.pdf());

        // all of An's uploads are 40 days old, their files two days; Bình's copy is recent
        jdbc.sql("update dossier.upload set uploaded_at = now() - interval '40 days' where account = ?")
                .param(an.username()).update();
        for (String h : List.of(abandoned, submitted, drafted, sharedHash, storedAgain)) {
            Files.setLastModifiedTime(file(h), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        // someone stores the same content again today, their row not written yet: the fresh file stays
        upload(fixtures.citizen("01", "00008", "Đỗ Văn Cường"), Files.readAllBytes(file(storedAgain)));
        jdbc.sql("delete from dossier.upload where sha256 = ? and account <> ?").params(storedAgain, an.username())
                .update();

        Instant now = Instant.now();
        UnusedUploads.Result r = unused.remove(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        assertThat(rows(an, abandoned)).isZero();
        assertThat(files.exists(abandoned)).isFalse();
        assertThat(rows(an, submitted)).isEqualTo(1);
        assertThat(files.exists(submitted)).isTrue();
        assertThat(rows(an, drafted)).isEqualTo(1);
        assertThat(files.exists(drafted)).isTrue();
        assertThat(rows(an, sharedHash)).isZero();
        assertThat(rows(binh, sharedHash)).isEqualTo(1);
        assertThat(files.exists(sharedHash)).isTrue();
        assertThat(rows(an, storedAgain)).isZero();
        assertThat(files.exists(storedAgain)).as("stored again within the day").isTrue();
        assertThat(r).isEqualTo(new UnusedUploads.Result(3, 1));
        try (var in = files.open(storedAgain)) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
        assertThat(Files.list(properties.dataDir().resolve("files").resolve("tmp"))
                .filter(f -> f.getFileName().toString().startsWith("removing-")).toList()).isEmpty();

        // a second pass finds nothing more of An's to forget
        assertThat(unused.remove(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).uploads()).isZero();
    }

    private String upload(Caller who, byte[] pdf) {
        return dossiers.upload(new ByteArrayInputStream(pdf), "giay-to.pdf", who).sha256();
    }

    private Path file(String sha256) {
        return properties.dataDir().resolve("files").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    private long rows(Caller who, String sha256) {
        return jdbc.sql("select count(*) from dossier.upload where account = ? and sha256 = ?")
                .params(who.username(), sha256).query(Long.class).single();
    }
}
