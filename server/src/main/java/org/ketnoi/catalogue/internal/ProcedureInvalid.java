package org.ketnoi.catalogue.internal;

import java.util.List;
import java.util.stream.Collectors;

/** A procedure that breaks the catalogue's rules: nothing was saved. */
public class ProcedureInvalid extends RuntimeException {

    private final List<Problem> problems;

    public ProcedureInvalid(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
