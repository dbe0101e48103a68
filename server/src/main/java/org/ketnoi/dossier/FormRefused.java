package org.ketnoi.dossier;

import java.util.List;
import org.ketnoi.catalogue.ProcedureCatalogue.FormProblem;
import org.ketnoi.platform.InvalidInput;

/** A submission whose form or attachments break the procedure's rules; nothing was saved. */
public class FormRefused extends InvalidInput {

    private final transient List<FormProblem> problems;

    public FormRefused(List<FormProblem> problems) {
        super("form", "The form is not complete or not valid: " + problems.stream()
                .map(p -> (p.field().isEmpty() ? "" : p.field() + ": ") + p.message()).toList(), null);
        this.problems = List.copyOf(problems);
    }

    public List<FormProblem> problems() {
        return problems;
    }
}
