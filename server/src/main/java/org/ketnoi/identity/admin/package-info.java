/**
 * The administrators' pages: agency administrators manage their own agency's officials and
 * systems, platform administrators every agency's, the relying parties and the signing keys.
 */
package org.ketnoi.identity.admin;
