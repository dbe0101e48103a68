package org.ketnoi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HealthProbeTest {

    @Test
    void readsTheTopLevelStatusWhereverItIs() {
        String json = "{\"components\":{\"db\":{\"status\":\"UP\",\"details\":{\"x\":\"}{\\\"\"}}},"
                + "\"groups\":[\"liveness\"],\"status\":\"DOWN\"}";
        assertEquals("DOWN", HealthProbe.topLevelStatus(json));
        assertEquals("UP", HealthProbe.topLevelStatus("{\"status\":\"UP\",\"components\":{}}"));
    }

    @Test
    void noStatusGivesNull() {
        assertNull(HealthProbe.topLevelStatus("{\"components\":{\"db\":{\"status\":\"UP\"}}}"));
    }
}
