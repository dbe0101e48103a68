/**
 * The platform PKI, timestamps, signing and validating PAdES/XAdES/ASiC-E documents, and the public verification page.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Trust services")
package org.ketnoi.trust;
