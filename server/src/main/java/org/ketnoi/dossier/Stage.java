package org.ketnoi.dossier;

import java.util.Arrays;
import java.util.Optional;
import org.ketnoi.identity.Roles;

/**
 * The process step a dossier waits in, who acts in it, and the status a dossier shows meanwhile.
 * Step ids are the BPMN task ids of the processes in {@code resources/processes}.
 */
public enum Stage {
    RECEPTION("reception", Roles.ONE_STOP_CLERK, DossierStatus.SUBMITTED, false),
    SUPPLEMENT("supplement", null, DossierStatus.SUPPLEMENT_REQUESTED, false),
    PAYMENT("payment", Roles.ONE_STOP_CLERK, DossierStatus.PAYMENT_REQUESTED, false),
    APPRAISAL("appraisal", Roles.SPECIALIST, DossierStatus.PROCESSING, false),
    APPROVAL("approval", Roles.LEADER, DossierStatus.PROCESSING, false),
    SECOND_APPRAISAL("secondAppraisal", Roles.SPECIALIST, DossierStatus.PROCESSING, true),
    SECOND_APPROVAL("secondApproval", Roles.LEADER, DossierStatus.PROCESSING, true),
    RETURN_RESULT("returnResult", Roles.ONE_STOP_CLERK, DossierStatus.PROCESSED, false);

    private final String step;
    private final String role;
    private final DossierStatus status;
    private final boolean secondAgency;

    Stage(String step, String role, DossierStatus status, boolean secondAgency) {
        this.step = step;
        this.role = role;
        this.status = status;
        this.secondAgency = secondAgency;
    }

    public String step() {
        return step;
    }

    /** The officials' role that acts in this stage; null when the applicant acts (a supplement). */
    public String role() {
        return role;
    }

    public DossierStatus status() {
        return status;
    }

    /** Whether the second agency of an inter-agency process acts in this stage. */
    public boolean atSecondAgency() {
        return secondAgency;
    }

    public boolean isAppraisal() {
        return this == APPRAISAL || this == SECOND_APPRAISAL;
    }

    public boolean isApproval() {
        return this == APPROVAL || this == SECOND_APPROVAL;
    }

    public static Stage ofStep(String step) {
        return Arrays.stream(values()).filter(s -> s.step.equals(step)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No stage for the process step " + step));
    }

    public static Optional<Stage> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(name) || s.step.equals(name)).findFirst();
    }
}
