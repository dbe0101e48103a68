package org.ketnoi.platform;

import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints, once the platform is ready, where to find it: the operator's first screen. */
@Component
class StartupReport {

    private final DatabaseConfiguration.DatabaseDescription database;
    private final List<StartupNotice> notices;

    StartupReport(DatabaseConfiguration.DatabaseDescription database, List<StartupNotice> notices) {
        this.database = database;
        this.notices = notices;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String base = "http://localhost:" + web.getWebServer().getPort();
        PrintStream out = System.out;
        out.println();
        out.println("  Ketnoi is running (started in " + event.getTimeTaken().toMillis() / 1000.0 + " s)");
        out.println("    Portal        " + base + "/");
        out.println("    Health        " + base + "/actuator/health");
        out.println("    API docs      " + base + "/swagger-ui.html  (OpenAPI: " + base + "/v3/api-docs)");
        out.println("    Database      " + database.text());
        notices.forEach(n -> n.lines().forEach(line -> out.println("    " + line)));
        out.println("    Stop          Ctrl-C");
        out.println();
        out.flush();
    }
}
