package org.ketnoi.agency;

import java.util.regex.Pattern;
import org.ketnoi.platform.InvalidInput;

/**
 * An agency's electronic identifier in the QCVN 102:2016 shape {@code AAA.BB.CC.Xnn}, read from
 * the right: {@code Xnn} is the top body ({@code Gnn} a central body, {@code Hpp} a province by its
 * statistical code), {@code CC} a unit under it, {@code BB} and {@code AAA} the units below. How
 * Ketnoi assigns them is written in the README (Agency identifiers).
 */
public record AgencyId(@com.fasterxml.jackson.annotation.JsonValue String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[GH][0-9]{2}");

    public AgencyId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInput("agencyId", "An agency identifier has the shape 000.00.00.H01 "
                    + "(3 digits, 2 letters or digits twice, then G or H and 2 digits), got '" + value + "'", value);
        }
    }

    public static AgencyId parse(String value) {
        return new AgencyId(value == null ? null : value.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** A commune's People's Committee: the commune's 5-digit code split 3+2, then XA (commune tier) and the province. */
    public static AgencyId peoplesCommittee(String provinceCode, String communeCode) {
        return new AgencyId(communeCode.substring(0, 3) + "." + communeCode.substring(3) + ".XA.H" + provinceCode);
    }

    /** A provincial department by its segment ({@code 03} Justice, …), as provincial-departments.csv lists them. */
    public static AgencyId provincialDepartment(String provinceCode, String segment) {
        return new AgencyId("000.00." + segment + ".H" + provinceCode);
    }

    /** The top body's segment: {@code Gnn} or {@code Hpp}. */
    public String topBody() {
        return value.substring(value.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
