package org.ketnoi.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.ketnoi.platform.InvalidInput;
import org.ketnoi.population.imports.ImportReport;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Every rule a record or an imported row can break, and every rule any module's refusal names
 * ({@code InvalidInput.because}), has its message in Vietnamese and in English.
 */
class RefusalMessagesTest {

    private static final Pattern BECAUSE = Pattern.compile("because\\(\\s*\"([^\"]+)\"");
    private static final Pattern FILE = Pattern.compile("new ImportFileRefused\\(\\s*\"([^\"]+)\"");
    private static final Pattern NOTE = Pattern.compile("note\\(\\s*\"([^\"]+)\"");
    private static final Pattern CALL = Pattern.compile("(?:Row\\.rejected|rejections\\.add)\\(([^;]*?)\\);",
            Pattern.DOTALL);
    private static final Pattern CODE_LITERAL = Pattern.compile("\"([a-zA-Z]+(?:\\.[a-zA-Z]+)+)\"");

    @Test
    void everyRuleHasAVietnameseAndAnEnglishMessage() throws IOException {
        Set<String> codes = codesInSources();
        assertThat(codes).as("the scan must find the rules; if it finds few, the patterns are out of date")
                .hasSizeGreaterThan(40).contains("idNumber.year", "file.encoding", "household.noHead", "csv.quote",
                        "username.taken", "client.id-taken", "password.too-short");
        Properties vi = bundle("i18n/messages.properties");
        Properties en = bundle("i18n/messages_en.properties");
        for (String code : codes) {
            assertThat(vi).as("Vietnamese message for %s", code).containsKey("invalid." + code);
            assertThat(en).as("English message for %s", code).containsKey("invalid." + code);
        }
    }

    @Test
    void aRefusalReadsInTheReadersLanguageWithItsArguments() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        InvalidInput refusal = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInput.class,
                () -> new CitizenRecord(PersonalIdNumber.parse("001085700001"), "Nguyễn Văn An",
                        BirthDate.parse("1986-03-12"), Sex.MALE, null, null, null, null, null,
                        new CitizenRecord.Residence("00004", null), null, null, null, null, null, null, null, null));
        assertThat(messages.getMessage(refusal.resolvable(), Locale.forLanguageTag("vi")))
                .isEqualTo("Số định danh 001085700001 mã hóa năm sinh 1985, nhưng bản ghi ghi năm sinh 1986.");
        assertThat(messages.getMessage(refusal.resolvable(), Locale.ENGLISH))
                .isEqualTo("The number 001085700001 encodes the birth year 1985, but the record says 1986.");
        ImportReport.Rejection row = new ImportReport.Rejection(7, "householdNumber", "english", "household.heads",
                java.util.List.of("01-X", "2"));
        assertThat(messages.getMessage(new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"invalid." + row.code()}, row.arguments().toArray(), row.reason()),
                Locale.forLanguageTag("vi"))).isEqualTo("Hộ 01-X có 2 chủ hộ (tính cả tệp và cơ sở dữ liệu); mỗi hộ có "
                        + "đúng một chủ hộ.");
    }

    private static Set<String> codesInSources() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/ketnoi/population"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                collect(BECAUSE, source, "", codes);
                collect(FILE, source, "file.", codes);
                collect(NOTE, source, "", codes);
                Matcher call = CALL.matcher(source);
                while (call.find()) {
                    collect(CODE_LITERAL, call.group(1), "", codes);
                }
            }
        }
        // every other module names its rules with InvalidInput.because("code", ...)
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/ketnoi"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                collect(BECAUSE, Files.readString(file), "", codes);
            }
        }
        // built from the sex in the number: "idNumber.sex." + male | female
        codes.remove("idNumber.sex.");
        codes.addAll(Set.of("idNumber.sex.male", "idNumber.sex.female"));
        // built from the password policy's rule: "password." + its code
        codes.remove("password.");
        for (var rule : org.ketnoi.identity.credentials.PasswordPolicy.Rule.values()) {
            codes.add("password." + rule.code());
        }
        return codes;
    }

    private static void collect(Pattern pattern, String text, String prefix, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(prefix + m.group(1));
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (var in = RefusalMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
