/**
 * Administrative procedures: codes, fields, competent level, required documents, forms, fees, statutory time and process.
 * <p>Public face: {@link org.ketnoi.catalogue.ProcedureCatalogue}, the record {@link org.ketnoi.catalogue.Procedure}
 * and the form helpers {@link org.ketnoi.catalogue.Forms}; the fragment {@code catalogue/form :: fields} renders a
 * procedure's form inside another module's page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Procedure catalogue")
package org.ketnoi.catalogue;
