package org.ketnoi.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A million dossiers (or any number) written straight into {@code dossier.dossier} with
 * {@code generate_series}, as years of a country's online services would leave them: most finished
 * (stage null, status 10, some refused, withdrawn or stopped), a share still open at reception,
 * payment, appraisal, approval or the return of the result, spread over every commune's People's
 * Committee, with the clerk's own agency holding a few thousand open ones; open dossiers past
 * reception are due around now, so the queues have late, nearly due and on-time ones.
 *
 * <p>Which rows are open is exact, not left to chance: row {@code i} (1..n) has the rank
 * {@code r = (i × stride) mod n}, a permutation of 0..n-1 when the stride and n are coprime; rows
 * with {@code r < open} are open and, of those, {@code r < deskOpen} belong to the clerk's agency.
 * So the open rows are spread evenly through the table, as arrival order spreads them, and their
 * counts are exactly what was asked for. A row's stage, due state and commune follow from its rank
 * too (see {@link #stagePercent}), its dates and names from {@code i}, so a run can be repeated.
 *
 * <p>The codes are shaped like real ones ({@code <agency>-<yymmdd>-<sequence>}) with a sequence above
 * 1,000,000, which no agency reaches in a day, so they never meet a code the server hands out. The rows
 * have no process instance: the queues do not read it, and no benchmark acts on them.
 */
record DossierRows(long rows, long open, long deskOpen, long stride, String deskAgency, String deskCommune,
        List<String> procedures) {

    /** The golden ratio's inverse: a stride of about n × 0.618 spreads i × stride mod n most evenly. */
    private static final double GOLDEN = 0.6180339887498949;

    /** Shares of the open dossiers by stage, in percent (cumulative bounds in {@link #sql}). */
    static final int RECEPTION = 30;
    static final int PAYMENT = 5;
    static final int APPRAISAL = 35;
    static final int APPROVAL = 20;
    static final int RETURN_RESULT = 10;
    /** Of the open dossiers with a due date: late, nearly due (within about 10 hours), on time. */
    static final int LATE = 15;
    static final int NEARLY_DUE = 20;

    static DossierRows of(long rows, double openShare, long deskOpen, String deskAgency, String deskCommune,
            List<String> procedures) {
        long open = Math.round(rows * openShare);
        if (deskOpen > open) {
            throw new IllegalArgumentException("the clerk's " + deskOpen + " open dossiers exceed the " + open
                    + " open ones");
        }
        if (procedures.isEmpty()) {
            throw new IllegalArgumentException("no procedure codes");
        }
        return new DossierRows(rows, open, deskOpen, stride(rows), deskAgency, deskCommune, List.copyOf(procedures));
    }

    /**
     * The stride for n rows: coprime to n, so that i × stride mod n runs through every rank once, and
     * near n × 0.618 (Fibonacci hashing), so that the rows of low rank (the open ones) fall evenly
     * through the table rather than in a few runs, as a small stride would leave them.
     */
    static long stride(long n) {
        long s = Math.max(1, Math.round(n * GOLDEN));
        while (gcd(s, n) != 1) {
            s++;
        }
        return s;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * What a rank decides besides open or not: the stage (its last two digits against the stages' shares), the
     * due state (the fraction of rank × 0.618, equidistributed among the ranks of each stage), and the commune
     * (7,919 × rank over the communes). The open rows hold the ranks
     * 0..open-1 and the clerk's 0..deskOpen-1, so every share holds among them as it does in the table.
     */
    static long stagePercent(long rank) {
        return rank % 100;
    }

    static long duePercent(long rank) {
        double x = rank * GOLDEN;
        return (long) Math.floor((x - Math.floor(x)) * 100);
    }

    /** The rank of row i (1..n): 0..n-1, each once. */
    static long rank(long i, long n, long stride) {
        return Math.floorMod(Math.multiplyExact(i, stride), n);
    }

    /**
     * The INSERT of rows {@code from..to} (inclusive, 1-based), with {@code now} (an ISO instant) as the
     * time the due dates are spread around. The communes come from {@code agency.commune}, the clerk's
     * own left out (its open dossiers are exactly the {@code deskOpen} ones).
     */
    String sql(long from, long to, String now) {
        if (from < 1 || to > rows || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " of " + rows);
        }
        String procs = procedures.stream().map(p -> "'" + p.replace("'", "''") + "'")
                .collect(Collectors.joining(",", "array[", "]"));
        int rec = RECEPTION;
        int pay = rec + PAYMENT;
        int app = pay + APPRAISAL;
        int appr = app + APPROVAL;
        return String.format(Locale.ROOT, """
                with c as (select array_agg(code order by code) as codes, array_agg(province_code order by code) as provinces,
                                  count(*)::bigint as n
                           from agency.commune where code <> '%7$s'),
                     g as (select i, (i * %3$d::bigint) %% %2$d::bigint as r, ('%5$s'::timestamptz) as now
                           from generate_series(%8$d::bigint, %9$d::bigint) as s(i)),
                     k as (select g.*, r < %4$d as open, r < %6$d as desk,
                                  r %% 100 as u, floor((r * %19$s::float8 - floor(r * %19$s::float8)) * 100)::int as w,
                                  (1 + (r * 7919) %% c.n)::int as ci, c.codes, c.provinces
                           from g, c),
                     a as (select k.*,
                                  case when desk then '%10$s'
                                       else substr(codes[ci], 1, 3) || '.' || substr(codes[ci], 4, 2) || '.XA.H' || provinces[ci]
                                  end as agency,
                                  case when not open then null
                                       when u < %11$d then 'RECEPTION' when u < %12$d then 'PAYMENT'
                                       when u < %13$d then 'APPRAISAL' when u < %14$d then 'APPROVAL'
                                       else 'RETURN_RESULT' end as stage,
                                  case when open then now - make_interval(days => (r %% 15)::int, mins => (i %% 1440)::int)
                                       else now - make_interval(days => 30 + (i %% 700)::int, mins => (i %% 1440)::int)
                                  end as submitted
                           from k)
                insert into dossier.dossier(id, code, submission_key, procedure_code, procedure_version, applicant,
                    applicant_name, applicant_id_tail, locale, channel, first_agency, agency, status, stage, assignee,
                    form, fee, submitted_at, received_at, due_at, finished_at, returned_at, version)
                select gen_random_uuid(),
                       agency || '-' || to_char(submitted at time zone 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || (1000000 + i),
                       gen_random_uuid(),
                       (%15$s)[(1 + i %% %16$d)::int], 1,
                       applicant, name, right(applicant, 4), 'vi', 2, agency, agency,
                       case when stage = 'RECEPTION' then 1 when stage = 'PAYMENT' then 6
                            when stage in ('APPRAISAL', 'APPROVAL') then 4 when stage = 'RETURN_RESULT' then 9
                            when i %% 100 < 3 then 3 when i %% 100 < 5 then 7 when i %% 100 < 6 then 8 else 10 end,
                       stage,
                       case when stage = 'APPRAISAL' and desk then 'chuyenvien.badinh' end,
                       jsonb_build_object('applicant', jsonb_build_object('idNumber', applicant, 'fullName', name,
                               'permanentAddress', 'Số ' || (i %% 200 + 1) || ', đường Trần Hưng Đạo',
                               'permanentCommune', codes[ci]),
                           'relationship', 'mother',
                           'child', jsonb_build_object('fullName', 'Nguyễn Thị ' || (array['Hà','Lan','Mai','Ngọc','Thu'])[(1 + i %% 5)::int],
                               'sex', 'female', 'birthDate', to_char(submitted - interval '20 days', 'YYYY-MM-DD'),
                               'placeOfBirth', 'Bệnh viện đa khoa tỉnh', 'ethnicity', 'Kinh', 'nationality', 'Việt Nam',
                               'hometown', 'Nam Định'),
                           'registrationCommune', codes[ci]),
                       0, submitted,
                       case when stage is null or stage <> 'RECEPTION' then submitted + interval '2 hours' end,
                       case when stage = 'RECEPTION' then null
                            when stage is null then submitted + interval '5 days'
                            when w < %17$d then now - make_interval(hours => 1 + (i %% 72)::int)
                            when w < %18$d then now + make_interval(mins => 10 + (i %% 600)::int)
                            else now + make_interval(days => 5 + (i %% 20)::int) end,
                       case when stage is null then submitted + make_interval(days => (i %% 5)::int, hours => 3) end,
                       case when stage is null then submitted + make_interval(days => (i %% 5)::int, hours => 4) end,
                       case when stage = 'RECEPTION' then 0 when stage is null then 5 else 2 end
                from (select a.*,
                             lpad(((i * 7919 + 1) %% 100000000000)::text, 12, '0') as applicant,
                             (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[(1 + i %% 8)::int] || ' '
                                 || (array['Văn','Thị','Minh','Ngọc','Đức','Thu'])[(1 + (i / 8) %% 6)::int] || ' '
                                 || (array['An','Bình','Cường','Dung','Hải','Hương','Long','Phương','Sơn','Yến'])[(1 + (i / 48) %% 10)::int]
                                 as name
                      from a) x""",
                0, rows, stride, open, now, deskOpen, deskCommune, from, to, deskAgency, rec, pay, app, appr, procs,
                procedures.size(), LATE, LATE + NEARLY_DUE, Double.toString(GOLDEN));
    }
}
