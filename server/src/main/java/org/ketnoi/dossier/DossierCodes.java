package org.ketnoi.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dossier codes in the shape of Circular 01/2018/TT-VPCP: the receiving agency's electronic
 * identifier, the date of submission (yymmdd, Vietnam time) and a daily sequence of that agency,
 * e.g. {@code 000.04.XA.H01-261123-0001}. The sequence has four digits and grows to five or more on
 * a day an agency receives more than 9,999 dossiers, so a code is never reused.
 *
 * <p>The counter row is locked until the submitting transaction ends, so take the code as late as
 * possible in it: concurrent submissions to one agency wait only for each other's commit.
 */
@Component
class DossierCodes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;

    DossierCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String next(String agency, LocalDate day) {
        int n = jdbc.sql("""
                        insert into dossier.daily_sequence(agency, day, last) values (?, ?, 1)
                        on conflict (agency, day) do update set last = dossier.daily_sequence.last + 1
                        returning last""")
                .params(agency, day).query(Integer.class).single();
        return format(agency, day, n);
    }

    static String format(String agency, LocalDate day, int n) {
        String seq = Integer.toString(n);
        return agency + "-" + DAY.format(day) + "-" + "0".repeat(Math.max(0, 4 - seq.length())) + seq;
    }
}
