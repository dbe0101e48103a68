package org.ketnoi.workflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.ketnoi.workflow.WorkingCalendar;
import org.springframework.stereotype.Component;

/**
 * Vietnam's working days and hours for statutory time limits.
 * <p>Legal basis: the Labour Code 2019 (Law 45/2019/QH14) art. 112 lists the public holidays: 1 January; Tết,
 * five days (the last day of the lunar year and lunar 1/1–1/4); the Hùng Kings' day (lunar 10/3); 30 April;
 * 1 May; National Day, 2 September and one day next to it (1 September here, as in 2025). Art. 111(3) gives a
 * compensatory day off on the next working day when a holiday falls on the weekly rest day (Saturday and
 * Sunday for public administration). Decree 61/2018/ND-CP on the one-stop shop (as amended by Decree
 * 107/2021/ND-CP) counts the processing times of administrative procedures in working days. The
 * government's yearly decisions that move days are configured in {@link CalendarSettings}.
 * <p>The holidays of a year are computed once and kept.
 */
@Component
public class VietnamWorkingCalendar implements WorkingCalendar {

    private static final String COMPENSATORY_VI = "Nghỉ bù ";
    private static final String COMPENSATORY_EN = "Compensatory day off for ";

    private final CalendarSettings settings;
    private final Set<LocalDate> extraWorkingDays;
    private final Map<Integer, Year> years = new ConcurrentHashMap<>();

    public VietnamWorkingCalendar(CalendarSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        this.extraWorkingDays = Set.copyOf(settings.extraWorkingDays());
    }

    /** A year's holidays in date order, and their dates for look-ups. */
    private record Year(List<Holiday> holidays, Set<LocalDate> dates) {
    }

    @Override
    public boolean isWorkingDay(LocalDate date) {
        if (extraWorkingDays.contains(date)) {
            return true;
        }
        return !isWeekend(date) && !year(date.getYear()).dates().contains(date);
    }

    /**
     * Day 1 is the first working day after the day of receipt, whatever the hour of receipt; 0 days is the day
     * of receipt when it is a working day and the receipt came before closing time, else the next working day.
     */
    @Override
    public LocalDate addWorkingDays(LocalDateTime received, int workingDays) {
        Objects.requireNonNull(received, "received");
        if (workingDays < 0) {
            throw new IllegalArgumentException("A time limit is at least 0 working days, not " + workingDays);
        }
        LocalDate date = received.toLocalDate();
        if (workingDays == 0) {
            return isWorkingDay(date) && received.toLocalTime().isBefore(settings.afternoonEnd())
                    ? date : nextWorkingDay(date);
        }
        for (int i = 0; i < workingDays; i++) {
            date = nextWorkingDay(date);
        }
        return date;
    }

    /**
     * Only office hours count; a receipt outside them starts the count at the next opening. A limit that runs
     * out exactly at a break or at closing ends then (12:00 or 17:00), not at the next opening.
     */
    @Override
    public LocalDateTime addWorkingHours(LocalDateTime received, int workingHours) {
        Objects.requireNonNull(received, "received");
        if (workingHours < 0) {
            throw new IllegalArgumentException("A time limit is at least 0 working hours, not " + workingHours);
        }
        LocalDateTime at = nextWorkingMoment(received);
        Duration left = Duration.ofHours(workingHours);
        while (true) {
            LocalTime periodEnd = at.toLocalTime().isBefore(settings.morningEnd())
                    ? settings.morningEnd() : settings.afternoonEnd();
            LocalDateTime end = at.toLocalDate().atTime(periodEnd);
            Duration available = Duration.between(at, end);
            if (left.compareTo(available) <= 0) {
                return at.plus(left);
            }
            left = left.minus(available);
            at = nextWorkingMoment(end);
        }
    }

    @Override
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public List<Holiday> holidays(int year) {
        return year(year).holidays();
    }

    private LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The moment itself when it is in office hours, else the next opening. */
    private LocalDateTime nextWorkingMoment(LocalDateTime moment) {
        LocalDate date = moment.toLocalDate();
        LocalTime time = moment.toLocalTime();
        if (isWorkingDay(date)) {
            if (time.isBefore(settings.morningStart())) {
                return date.atTime(settings.morningStart());
            }
            if (time.isBefore(settings.morningEnd())) {
                return moment;
            }
            if (time.isBefore(settings.afternoonStart())) {
                return date.atTime(settings.afternoonStart());
            }
            if (time.isBefore(settings.afternoonEnd())) {
                return moment;
            }
        }
        return nextWorkingDay(date).atTime(settings.morningStart());
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private Year year(int year) {
        if (year < LunarCalendar.FIRST_YEAR || year > LunarCalendar.LAST_YEAR) {
            throw new IllegalArgumentException("The working-day calendar covers the years " + LunarCalendar.FIRST_YEAR
                    + "–" + LunarCalendar.LAST_YEAR + ", not " + year);
        }
        return years.computeIfAbsent(year, this::computeYear);
    }

    private Year computeYear(int year) {
        List<Holiday> statutory = statutoryHolidays(year);
        List<Holiday> all = new ArrayList<>(statutory);
        all.addAll(compensatoryDays(statutory));
        all.removeIf(h -> extraWorkingDays.contains(h.date()));
        for (LocalDate extra : settings.extraHolidays()) {
            if (extra.getYear() == year) {
                all.add(new Holiday(extra, "Ngày nghỉ theo quyết định của Chính phủ", "Day off by government decision",
                        false));
            }
        }
        all.sort(Comparator.comparing(Holiday::date));
        Set<LocalDate> dates = all.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
        return new Year(List.copyOf(all), dates);
    }

    /** Labour Code 2019 art. 112(1), in date order. */
    private static List<Holiday> statutoryHolidays(int year) {
        List<Holiday> days = new ArrayList<>();
        days.add(fixed(year, 1, 1, "Tết Dương lịch", "New Year's Day"));
        LocalDate tet = LunarCalendar.newYear(year);
        days.add(new Holiday(tet.minusDays(1), "Tết Nguyên đán (ngày cuối năm âm lịch)",
                "Lunar New Year (last day of the lunar year)", false));
        for (int i = 0; i < 4; i++) {
            days.add(new Holiday(tet.plusDays(i), "Tết Nguyên đán (mùng " + (i + 1) + " tháng Giêng)",
                    "Lunar New Year (day " + (i + 1) + ")", false));
        }
        days.add(new Holiday(LunarCalendar.toSolar(year, 3, 10, false), "Giỗ Tổ Hùng Vương",
                "Hùng Kings' Commemoration Day", false));
        days.add(fixed(year, 4, 30, "Ngày Chiến thắng", "Reunification Day"));
        days.add(fixed(year, 5, 1, "Ngày Quốc tế Lao động", "International Labour Day"));
        days.add(fixed(year, 9, 1, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)"));
        days.add(fixed(year, 9, 2, "Quốc khánh", "National Day"));
        days.sort(Comparator.comparing(Holiday::date));
        // The Hùng Kings' day can fall on 30 April (1947): one day off under both names, not two.
        List<Holiday> merged = new ArrayList<>();
        for (Holiday h : days) {
            Holiday last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && last.date().equals(h.date())) {
                merged.set(merged.size() - 1, new Holiday(h.date(), last.nameVi() + "; " + h.nameVi(),
                        last.nameEn() + "; " + h.nameEn(), false));
            } else {
                merged.add(h);
            }
        }
        return merged;
    }

    /**
     * Art. 111(3): a holiday on a Saturday or Sunday gives the next working day off, which is neither another
     * holiday nor a day already given in compensation.
     */
    private static List<Holiday> compensatoryDays(List<Holiday> statutory) {
        Set<LocalDate> taken = new HashSet<>();
        statutory.forEach(h -> taken.add(h.date()));
        List<Holiday> days = new ArrayList<>();
        for (Holiday h : statutory) {
            if (!isWeekend(h.date())) {
                continue;
            }
            LocalDate day = h.date().plusDays(1);
            while (isWeekend(day) || taken.contains(day)) {
                day = day.plusDays(1);
            }
            taken.add(day);
            days.add(new Holiday(day, COMPENSATORY_VI + baseName(h.nameVi()), COMPENSATORY_EN + baseName(h.nameEn()),
                    true));
        }
        return days;
    }

    /** "Tết Nguyên đán (mùng 1 tháng Giêng)" → "Tết Nguyên đán": a compensatory day names the holiday only. */
    private static String baseName(String name) {
        int bracket = name.indexOf(" (");
        return bracket < 0 ? name : name.substring(0, bracket);
    }

    private static Holiday fixed(int year, int month, int day, String nameVi, String nameEn) {
        return new Holiday(MonthDay.of(month, day).atYear(year), nameVi, nameEn, false);
    }
}
