/**
 * Dossiers from draft to result: submission, codes, the national status codes, timeline, supplements and ratings.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dossiers")
package org.ketnoi.dossier;
