/** The append-only, hash-chained trail of privileged actions, and its verification. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package org.ketnoi.audit;
