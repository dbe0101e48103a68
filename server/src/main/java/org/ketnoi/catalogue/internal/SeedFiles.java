package org.ketnoi.catalogue.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.platform.StartupRefused;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * The procedures shipped with the platform (catalogue/procedures/&lt;code&gt;.json). A file that is not
 * valid JSON, breaks the format, or breaks the catalogue's rules stops the start with a message
 * naming the file and what is wrong.
 */
public final class SeedFiles {

    public static final String LOCATION = "classpath*:catalogue/procedures/*.json";

    private SeedFiles() {
    }

    public static Resource[] find(String location) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(location);
            Arrays.sort(found, Comparator.comparing(r -> String.valueOf(r.getFilename())));
            return found;
        } catch (IOException e) {
            throw new StartupRefused("cannot list the catalogue's seed files at " + location + ": " + e.getMessage());
        }
    }

    /**
     * The seeds as version 1 of each procedure.
     *
     * @param rules the catalogue's rules; each file's problems are reported together
     */
    public static List<Procedure> read(Resource[] files, Function<Procedure, List<Problem>> rules) {
        List<Procedure> procedures = new ArrayList<>();
        for (Resource file : files) {
            String name = file.getFilename();
            JsonNode doc;
            try (InputStream in = file.getInputStream()) {
                doc = ProcedureJson.JSON.readTree(in);
            } catch (JacksonException e) {
                TokenStreamLocation at = e.getLocation();
                throw refused(name, "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                        + at.getColumnNr()) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                throw refused(name, "cannot be read: " + e.getMessage());
            }
            Procedure p;
            try {
                p = ProcedureJson.read(doc, 1);
            } catch (ProcedureInvalid e) {
                throw refused(name, describe(e.problems()));
            }
            List<Problem> problems = rules.apply(p);
            if (!problems.isEmpty()) {
                throw refused(name, describe(problems));
            }
            if (name != null && !name.equals(p.code() + ".json")) {
                throw refused(name, "holds procedure " + p.code() + "; name the file " + p.code() + ".json");
            }
            if (procedures.stream().anyMatch(q -> q.code().equals(p.code()))) {
                throw refused(name, "procedure " + p.code() + " is in two seed files");
            }
            procedures.add(p);
        }
        return procedures;
    }

    private static StartupRefused refused(String file, String why) {
        return new StartupRefused("the catalogue seed file catalogue/procedures/" + file + " is invalid: " + why);
    }

    private static String describe(List<Problem> problems) {
        return problems.stream().map(Problem::message).collect(Collectors.joining("; "));
    }
}
