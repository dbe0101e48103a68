package org.ketnoi.bench;

/**
 * Resident memory of one process or a group, in KiB (the unit of /proc).
 *
 * <p>Both figures are kept because they answer different questions. RSS counts every page a
 * process has mapped in, so summing it over PostgreSQL's processes counts the shared buffers and
 * the binary once per backend: an upper bound. PSS splits each shared page between the processes
 * that map it, so the PSS of a group is what the group really costs the machine.
 *
 * @param rssKib sum of VmRSS
 * @param pssKib sum of Pss from smaps_rollup, or -1 when the kernel does not provide it
 * @param processes how many processes were counted
 */
record Memory(long rssKib, long pssKib, int processes) {

    static final Memory NONE = new Memory(0, 0, 0);

    Memory plus(Memory other) {
        long pss = pssKib < 0 || other.pssKib < 0 ? -1 : pssKib + other.pssKib;
        return new Memory(rssKib + other.rssKib, pss, processes + other.processes);
    }

    double rssMib() {
        return rssKib / 1024.0;
    }

    /** NaN when unknown, so that statistics skip it. */
    double pssMib() {
        return pssKib < 0 ? Double.NaN : pssKib / 1024.0;
    }
}
