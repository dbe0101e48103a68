/**
 * What every module stands on: the database (embedded or external), start-up checks, languages,
 * the error model of the APIs and the start-up report.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform (shared)")
package org.ketnoi.platform;
