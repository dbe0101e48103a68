/**
 * Administrative units (34 provinces, 3,321 communes, the 63 birth-registration province codes)
 * and the tree of agencies at every level, each with its electronic identifier.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agencies and administrative units")
package org.ketnoi.agency;
