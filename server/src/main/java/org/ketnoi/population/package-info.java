/**
 * The national population registry: citizens and their personal identification numbers,
 * residence, households and ID cards, every version of every record with its provenance, and the
 * log of who read whose data and why.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Population registry")
package org.ketnoi.population;
