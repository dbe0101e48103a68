/**
 * Bulk import of citizens' records from CSV and NDJSON files of any size (streamed, checked row by
 * row, loaded by COPY in one transaction) and export of an area, every exported person logged.
 */
package org.ketnoi.population.imports;
