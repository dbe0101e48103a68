/**
 * The national population registry: citizens, personal identification numbers, residence, households, ID cards, history with provenance and the access log.
 * <p>Not built yet: this package holds the module's place so its boundaries are verified from the start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Population registry")
package org.ketnoi.population;
