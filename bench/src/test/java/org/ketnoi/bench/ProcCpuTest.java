package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void waitedForChildrenAreFields16And17() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
        String stat = "4242 (java (bench)) S 1 4242 4242 0 -1 4194560 100 200 0 0 1500 300 1234 66 20 0 30 0 123";
        assertEquals((1234 + 66) * 10, ProcCpu.waitedChildrenMillis(stat));
    }

    @Test
    void thisJvmHasAStatLine() {
        assertTrue(ProcCpu.waitedChildrenMillis() >= 0);
    }
}
