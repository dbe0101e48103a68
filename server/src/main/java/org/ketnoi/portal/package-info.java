/** The portal's shell and public pages: home page, about and licences, sign-in's place, error pages. */
@org.springframework.modulith.ApplicationModule(displayName = "Portal")
package org.ketnoi.portal;
