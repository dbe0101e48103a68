/**
 * Administrative procedures: codes, fields, competent level, required documents, forms, fees, statutory time and process.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Procedure catalogue")
package org.ketnoi.catalogue;
