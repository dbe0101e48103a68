package org.ketnoi.audit.internal;

import org.ketnoi.audit.AuditTrail;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code ./ketnoi verify-audit}: walks the chain, prints the verdict, exits 1 when it is broken. */
@Component
@ConditionalOnProperty(name = "ketnoi.command", havingValue = "verify-audit")
class VerifyAuditCommand implements ApplicationRunner, ExitCodeGenerator {

    private final AuditTrail trail;
    private int exitCode = 0;

    VerifyAuditCommand(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void run(ApplicationArguments args) {
        AuditTrail.Verification result = trail.verify();
        if (result.intact()) {
            System.out.println("Audit trail intact: " + result.entries() + " entries, every hash and link verified.");
        } else {
            AuditTrail.Break b = result.firstBreak().orElseThrow();
            System.out.println("Audit trail BROKEN at entry " + b.sequence() + ": " + b.reason()
                    + " (" + result.entries() + " entries read).");
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
