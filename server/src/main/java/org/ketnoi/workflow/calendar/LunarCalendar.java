package org.ketnoi.workflow.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed from the sky rather than from tables.
 * <p>A month starts on the day (in UTC+7, Vietnam's time since 1968) of a new moon. Month 11 is the month
 * that holds the December solstice. When 13 months run from one month 11 to the next, the first of them
 * without a major solar term (the sun's apparent longitude passing a multiple of 30°) is a leap month and
 * repeats the number of the month before it. This is the method Hồ Ngọc Đức describes; because it works in
 * Vietnam's time zone it differs from the Chinese calendar (UTC+8) in some years, e.g. Tết 1985 falls on
 * 1985-01-21 here and on 1985-02-20 in China.
 * <p>New moons follow Meeus (<i>Astronomical Algorithms</i>, ch. 49) with all periodic terms; the sun's
 * apparent longitude follows the truncated VSOP87 series of Meeus's appendix III with nutation and
 * aberration, both good to well under a minute of time; ΔT follows the Espenak–Meeus polynomials. Years
 * {@value #FIRST_YEAR}–{@value #LAST_YEAR} are accepted. Before 1968 the calendar used in Vietnam was
 * reckoned in UTC+8, so a few dates then differ from what was observed at the time.
 * <p>A new moon within a minute or two of midnight puts the first day of its month on a day that depends on the
 * ephemeris (and, far ahead, on the unknown ΔT). Over 1800–2299 the less precise formulas of Hồ Ngọc Đức's own
 * program agree with this class on every Tết and leap month except Tết 2175 and 2199, which they put a day later.
 */
public final class LunarCalendar {

    /** The first and the last lunar (and Gregorian) year this class answers for. */
    public static final int FIRST_YEAR = 1800;
    public static final int LAST_YEAR = 2299;

    /**
     * A day of the lunar calendar.
     *
     * @param year the lunar year, numbered as the Gregorian year in which its first month starts
     * @param month 1 to 12
     * @param day 1 to 30
     * @param leapMonth whether the month is the leap (nhuận) month repeating {@code month}
     */
    public record LunarDate(int year, int month, int day, boolean leapMonth) {

        @Override
        public String toString() {
            return day + "/" + month + (leapMonth ? " nhuận" : "") + "/" + year;
        }
    }

    private static final double UTC_OFFSET_DAYS = 7.0 / 24;
    /** Julian day number of 1970-01-01, so epoch day + this = JDN. */
    private static final long EPOCH_JDN = 2440588;

    /** The months from one month 11 to the next, by the Gregorian year of the second (see {@link #span}). */
    private static final Map<Integer, Span> SPANS = new ConcurrentHashMap<>();

    private LunarCalendar() {
    }

    /** The lunar date of a Gregorian date of the years {@value #FIRST_YEAR}–{@value #LAST_YEAR}. */
    public static LunarDate toLunar(LocalDate date) {
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("The lunar calendar is computed for the years " + FIRST_YEAR + "–"
                    + LAST_YEAR + ", not for " + date);
        }
        long day = date.toEpochDay();
        Span span = span(date.getYear());
        if (day >= span.end()) {
            span = span(date.getYear() + 1);
        }
        for (Month m : span.months()) {
            if (day < m.end()) {
                return new LunarDate(m.lunarYear(), m.number(), (int) (day - m.start()) + 1, m.leap());
            }
        }
        throw new IllegalStateException("No lunar month holds " + date);
    }

    /**
     * The Gregorian date of a lunar date.
     *
     * @throws IllegalArgumentException when the year is out of range, the year has no such (leap) month, or the
     *         month has fewer days (a lunar month has 29 or 30)
     */
    public static LocalDate toSolar(int lunarYear, int month, int day, boolean leap) {
        Month m = month(lunarYear, month, leap);
        if (day < 1 || day > m.length()) {
            throw new IllegalArgumentException("Lunar month " + month + (leap ? " (leap)" : "") + " of " + lunarYear
                    + " has " + m.length() + " days, so it has no day " + day);
        }
        return LocalDate.ofEpochDay(m.start() + day - 1);
    }

    /** The first day (Tết, 1/1) of a lunar year. */
    public static LocalDate newYear(int lunarYear) {
        return toSolar(lunarYear, 1, 1, false);
    }

    /** The last day of a lunar year (the 29th or 30th of its 12th month, the eve of Tết). */
    public static LocalDate lastDayOfYear(int lunarYear) {
        checkYear(lunarYear);
        return LocalDate.ofEpochDay(find(lunarYear + 1, 1, false).start() - 1);
    }

    /** The number of the month a lunar year repeats as its leap month, or 0 when it has none. */
    public static int leapMonth(int lunarYear) {
        checkYear(lunarYear);
        for (int y = lunarYear; y <= lunarYear + 1; y++) {
            for (Month m : span(y).months()) {
                if (m.leap() && m.lunarYear() == lunarYear) {
                    return m.number();
                }
            }
        }
        return 0;
    }

    /** The number of days (29 or 30) of a lunar month. */
    public static int monthLength(int lunarYear, int month, boolean leap) {
        return month(lunarYear, month, leap).length();
    }

    private static Month month(int lunarYear, int month, boolean leap) {
        checkYear(lunarYear);
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("A lunar month is numbered 1 to 12, not " + month);
        }
        Month found = find(lunarYear, month, leap);
        if (found == null) {
            throw new IllegalArgumentException("The lunar year " + lunarYear + " has no leap month " + month);
        }
        return found;
    }

    private static Month find(int lunarYear, int month, boolean leap) {
        // Months 11 and 12 (and their leap months) of a lunar year lie in the span ending a year later.
        for (int y = lunarYear; y <= lunarYear + 1; y++) {
            for (Month m : span(y).months()) {
                if (m.lunarYear() == lunarYear && m.number() == month && m.leap() == leap) {
                    return m;
                }
            }
        }
        return null;
    }

    private static void checkYear(int lunarYear) {
        if (lunarYear < FIRST_YEAR || lunarYear > LAST_YEAR) {
            throw new IllegalArgumentException("The lunar calendar is computed for the years " + FIRST_YEAR + "–"
                    + LAST_YEAR + ", not for " + lunarYear);
        }
    }

    /** A lunar month as epoch days: {@code start} inclusive, {@code end} exclusive. */
    private record Month(int lunarYear, int number, boolean leap, long start, long end) {

        int length() {
            return (int) (end - start);
        }
    }

    /** The 12 or 13 months from the month 11 of one year up to (not including) the month 11 of the next. */
    private record Span(List<Month> months, long end) {
    }

    /**
     * The months starting with the month 11 of Gregorian year {@code year - 1} and ending before the month 11
     * of {@code year}: months 11 and 12 of lunar year {@code year - 1}, then months 1 to 10 of {@code year}.
     */
    private static Span span(int year) {
        return SPANS.computeIfAbsent(year, LunarCalendar::computeSpan);
    }

    private static Span computeSpan(int year) {
        long first = month11(year - 1);
        long next = month11(year);
        int count = (int) (next - first);
        if (count != 12 && count != 13) {
            throw new IllegalStateException("Found " + count + " lunar months between the solstices of "
                    + (year - 1) + " and " + year);
        }
        long[] starts = new long[count + 1];
        for (int i = 0; i <= count; i++) {
            starts[i] = newMoonDay(first + i);
        }
        // In a span of 13 months, the first month after month 11 with no major solar term is the leap month.
        int leapIndex = -1;
        if (count == 13) {
            for (int i = 1; i < count && leapIndex < 0; i++) {
                if (majorTermIndex(starts[i]) == majorTermIndex(starts[i + 1])) {
                    leapIndex = i;
                }
            }
            if (leapIndex < 0) {
                throw new IllegalStateException("A 13-month lunar year ending in " + year + " has no month without a"
                        + " major solar term");
            }
        }
        List<Month> months = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i; // 0 = month 11, 1 = month 12, 2 = month 1
            int number = (ordinal + 10) % 12 + 1;
            int lunarYear = ordinal < 2 ? year - 1 : year;
            months.add(new Month(lunarYear, number, i == leapIndex, starts[i], starts[i + 1]));
        }
        return new Span(List.copyOf(months), starts[count]);
    }

    /** The number (Meeus's k) of the new moon that starts the month holding the December solstice of a year. */
    static long month11(int year) {
        long solsticeDay = localDay(solarTermMoment(year, 270));
        long k = Math.round((LocalDate.of(year, 12, 21).toEpochDay() + EPOCH_JDN - 2451550.1) / 29.530588861);
        while (newMoonDay(k) > solsticeDay) {
            k--;
        }
        while (newMoonDay(k + 1) <= solsticeDay) {
            k++;
        }
        return k;
    }

    /**
     * Which 30° sector of longitude the sun is in at the start (local midnight) of a day: a month holds a
     * major term exactly when this differs between its first day and the first day of the next month.
     */
    static int majorTermIndex(long epochDay) {
        double jdUt = epochDay + EPOCH_JDN - 0.5 - UTC_OFFSET_DAYS;
        return (int) Math.floor(Astronomy.apparentSolarLongitude(Astronomy.terrestrialTime(jdUt)) / 30);
    }

    /** The local (UTC+7) epoch day of the new moon with Meeus's number k (0 = 2000-01-06). */
    static long newMoonDay(long k) {
        return localDay(Astronomy.universalTime(Astronomy.newMoon(k)));
    }

    /** The Julian day (UT) at which the sun's apparent longitude reaches a value near the end of a year. */
    static double solarTermMoment(int year, double longitude) {
        // Start from a date near the term and correct by the sun's mean motion until it settles.
        double jd = LocalDate.of(year, 1, 1).toEpochDay() + EPOCH_JDN - 0.5
                + ((longitude - 280 + 360) % 360) * 365.2422 / 360;
        for (int i = 0; i < 10; i++) {
            double diff = longitude - Astronomy.apparentSolarLongitude(Astronomy.terrestrialTime(jd));
            diff = ((diff % 360) + 540) % 360 - 180;
            jd += diff * 365.2422 / 360;
            if (Math.abs(diff) < 1e-7) {
                break;
            }
        }
        return jd;
    }

    private static long localDay(double jdUt) {
        return (long) Math.floor(jdUt + 0.5 + UTC_OFFSET_DAYS) - EPOCH_JDN;
    }
}
