/**
 * The data-exchange layer between agency systems: service registry, access rights, signed message log, citizen data tracker.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data exchange")
package org.ketnoi.exchange;
