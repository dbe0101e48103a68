package org.ketnoi.catalogue.admin;

import java.util.ArrayList;
import java.util.List;
import org.ketnoi.audit.AuditTrail;
import org.ketnoi.catalogue.Procedure;
import org.ketnoi.catalogue.internal.Catalogue;
import org.ketnoi.catalogue.internal.Problem;
import org.ketnoi.catalogue.internal.ProcedureInvalid;
import org.ketnoi.catalogue.internal.ProcedureRules;
import org.ketnoi.catalogue.internal.ProcedureStore;
import org.ketnoi.identity.Caller;
import org.ketnoi.identity.Roles;
import org.ketnoi.platform.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to the catalogue by administrators. Platform administrators change any procedure; an
 * agency administrator only those their agency publishes ({@code owner}). A save publishes version
 * n+1 (older versions never change) only if n is still the version in force, and is in the audit
 * trail; a refusal for want of rights is audited in a transaction of its own.
 */
@Service
public class CatalogueAdministration {

    public static final String SAVE = "catalogue.save";
    public static final String EDIT = "catalogue.edit";

    private final Catalogue catalogue;
    private final ProcedureStore store;
    private final ProcedureRules rules;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    CatalogueAdministration(Catalogue catalogue, ProcedureStore store, ProcedureRules rules, AuditTrail audit,
            TransactionTemplate tx) {
        this.catalogue = catalogue;
        this.store = store;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
    }

    public static boolean isAdministrator(Caller caller) {
        return caller != null && (caller.hasRole(Roles.PLATFORM_ADMIN)
                || caller.hasRole(Roles.AGENCY_ADMIN) && caller.agencyId() != null);
    }

    /** Whether the caller may change this procedure: a platform administrator, or its owner's administrator. */
    public static boolean mayEdit(Caller caller, Procedure p) {
        return caller != null && (caller.hasRole(Roles.PLATFORM_ADMIN) || caller.hasRole(Roles.AGENCY_ADMIN)
                && caller.agencyId() != null && p.owner().map(caller.agencyId()::equals).orElse(false));
    }

    /** The administration pages are for administrators only (the list included). */
    public void requireAdministrator(Caller caller) {
        if (!isAdministrator(caller)) {
            refused(caller, "catalogue.list", "procedure:*");
            throw new AccessDeniedException("Only administrators manage the catalogue");
        }
    }

    /** The version in force of a procedure the caller may change (refusals audited as {@link #EDIT}). */
    public Catalogue.Entry editable(String code, Caller caller) {
        return editable(code, caller, EDIT, -1);
    }

    /**
     * The version in force of a procedure the caller may change; a refusal is audited with this
     * action, on the version a save would have written when {@code base} is given.
     */
    public Catalogue.Entry editable(String code, Caller caller, String action, int base) {
        Catalogue.Entry entry = catalogue.entry(code).orElseThrow(
                () -> new NotFound("procedure", code, "No procedure has the code " + code));
        if (!mayEdit(caller, entry.procedure())) {
            refused(caller, action, "procedure:" + code + "@" + (base >= 0 ? base + 1 : entry.procedure().version()));
            throw new AccessDeniedException("Only platform administrators and administrators of "
                    + entry.procedure().owner().orElse("the owning agency") + " change procedure " + code);
        }
        return entry;
    }

    /**
     * Publishes a changed procedure as the version after {@code base}.
     *
     * @return the new version
     * @throws AccessDeniedException when the caller may not change it (audited, nothing saved)
     * @throws ProcedureInvalid when it breaks the catalogue's rules (nothing saved)
     * @throws ProcedureStore.Stale when another version was saved after {@code base} (nothing saved)
     */
    public int save(Procedure changed, int base, Caller caller) {
        Procedure stored = editable(changed.code(), caller, SAVE, base).procedure();
        if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !changed.owner().equals(stored.owner())) {
            throw new ProcedureInvalid(List.of(Problem.of("owner", "owner.fixed",
                    "Only platform administrators change who publishes a procedure")));
        }
        check(changed);
        Integer saved = tx.execute(s -> {
            int version = store.saveNext(changed, base, caller.username());
            audit.record(new AuditTrail.Entry(caller.username(), agency(caller), SAVE,
                    "procedure:" + changed.code() + "@" + version, AuditTrail.Outcome.SUCCESS));
            return version;
        });
        catalogue.refresh(changed.code());
        return saved;
    }

    /**
     * Publishes a new procedure as version 1. An agency administrator's procedures are their agency's.
     *
     * @throws ProcedureInvalid when it breaks the rules or the code is taken (nothing saved)
     */
    public void create(Procedure p, Caller caller) {
        String object = "procedure:" + p.code() + "@1";
        if (!isAdministrator(caller) || !caller.hasRole(Roles.PLATFORM_ADMIN)
                && !p.owner().map(caller.agencyId()::equals).orElse(false)) {
            refused(caller, SAVE, object);
            throw new AccessDeniedException("An agency administrator publishes procedures of their own agency only");
        }
        check(p);
        Boolean created = tx.execute(s -> {
            if (!store.insertFirst(p, caller.username())) {
                return false;
            }
            audit.record(new AuditTrail.Entry(caller.username(), agency(caller), SAVE, object,
                    AuditTrail.Outcome.SUCCESS));
            return true;
        });
        if (!Boolean.TRUE.equals(created)) {
            throw new ProcedureInvalid(List.of(Problem.of("code", "code.taken", "A procedure with the code "
                    + p.code() + " exists already", p.code())));
        }
        catalogue.refresh(p.code());
    }

    /** Every version of a procedure, newest first, with who saved it and when. */
    public List<ProcedureStore.Stored> history(String code) {
        return store.history(code);
    }

    private void check(Procedure p) {
        List<Problem> problems = new ArrayList<>(rules.check(p));
        if (!problems.isEmpty()) {
            throw new ProcedureInvalid(problems);
        }
    }

    private void refused(Caller caller, String action, String object) {
        audit.record(new AuditTrail.Entry(caller == null ? "anonymous" : caller.username(), agency(caller), action,
                object, AuditTrail.Outcome.REFUSED));
    }

    private static String agency(Caller caller) {
        return caller == null || caller.agencyId() == null ? "-" : caller.agencyId();
    }
}
