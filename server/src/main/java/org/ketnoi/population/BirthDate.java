package org.ketnoi.population;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.ketnoi.platform.InvalidInput;

/**
 * A date of birth as real records have it: full, or only year and month, or only the year.
 * Written as YYYY-MM-DD, YYYY-MM or YYYY.
 */
public record BirthDate(int year, Integer month, Integer day) {

    public BirthDate {
        if (year < 1850) {
            throw InvalidInput.because("birthDate.early", "birthDate", "A birth year before 1850 is not plausible: "
                    + year, year);
        }
        if (day != null && month == null) {
            throw InvalidInput.because("birthDate.dayWithoutMonth", "birthDate", "A birth date with a day needs a month",
                    year);
        }
        try {
            LocalDate earliest = day != null ? LocalDate.of(year, month, day)
                    : month != null ? YearMonth.of(year, month).atDay(1) : LocalDate.of(year, 1, 1);
            if (earliest.isAfter(LocalDate.now())) {
                throw InvalidInput.because("date.future", "birthDate", "The date of birth " + text(year, month, day)
                        + " is in the future", text(year, month, day));
            }
        } catch (DateTimeException e) {
            throw InvalidInput.because("date.none", "birthDate", "There is no date " + text(year, month, day),
                    text(year, month, day));
        }
    }

    public static BirthDate parse(String text) {
        if (text == null || !text.strip().matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
            throw new InvalidInput("birthDate", "A date of birth is written YYYY-MM-DD, YYYY-MM or YYYY, got '"
                    + (text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'", text);
        }
        String[] parts = text.strip().split("-");
        return new BirthDate(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.valueOf(parts[1]) : null,
                parts.length > 2 ? Integer.valueOf(parts[2]) : null);
    }

    public static BirthDate of(LocalDate date) {
        return new BirthDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    public boolean isComplete() {
        return day != null;
    }

    /** The latest day the person can have been born: the safe choice for age rules. */
    public LocalDate latestPossible() {
        return day != null ? LocalDate.of(year, month, day)
                : month != null ? YearMonth.of(year, month).atEndOfMonth() : LocalDate.of(year, 12, 31);
    }

    private static String text(int year, Integer month, Integer day) {
        return String.format("%04d", year) + (month == null ? "" : String.format("-%02d", month))
                + (day == null ? "" : String.format("-%02d", day));
    }

    @Override
    public String toString() {
        return text(year, month, day);
    }
}
