package org.ketnoi.catalogue.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ketnoi.catalogue.Procedure.Text;
import org.springframework.stereotype.Component;

/**
 * The kinds of agency a procedure names: the provincial departments by their segment ({@code 03}
 * Justice) and the central agencies by id, with their names, from the reference lists the agency
 * tree is built from ({@link org.ketnoi.agency.ReferenceLists}).
 */
@Component
public class AgencyNames {

    private final Map<String, Text> departments;
    private final Map<String, Text> centralAgencies;

    public AgencyNames() {
        departments = names(org.ketnoi.agency.ReferenceLists.provincialDepartments());
        centralAgencies = names(org.ketnoi.agency.ReferenceLists.centralAgencies());
    }

    /** Departments of a provincial People's Committee, by segment. */
    public Map<String, Text> departments() {
        return departments;
    }

    /** Ministries and other central agencies, by id. */
    public Map<String, Text> centralAgencies() {
        return centralAgencies;
    }

    public Optional<Text> department(String segment) {
        return Optional.ofNullable(segment).map(departments::get);
    }

    public Optional<Text> centralAgency(String id) {
        return Optional.ofNullable(id).map(centralAgencies::get);
    }

    /** A name of either kind: a segment or a central agency id. */
    public Optional<Text> any(String key) {
        return department(key).or(() -> centralAgency(key));
    }

    private static Map<String, Text> names(List<org.ketnoi.agency.ReferenceLists.Named> rows) {
        Map<String, Text> names = new LinkedHashMap<>();
        rows.forEach(r -> names.put(r.key(), new Text(r.name(), r.nameEn())));
        return java.util.Collections.unmodifiableMap(names);
    }
}
