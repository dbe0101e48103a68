package org.ketnoi;

import org.ketnoi.platform.Preflight;
import org.ketnoi.platform.StartupRefused;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Ketnoi: one deployable that starts the whole platform. Commands other than the server itself
 * ({@code verify-audit}) run the same application without its web server.
 */
@SpringBootApplication
@Modulithic(systemName = "Ketnoi", sharedModules = "platform")
public class Ketnoi {

    public static void main(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "start";
        String[] rest = args.length > 0 && !args[0].startsWith("-")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            Preflight preflight = Preflight.fromEnvironment(System.getenv(), rest);
            switch (command) {
                case "start" -> {
                    preflight.checkForServer();
                    SpringApplication.run(Ketnoi.class, rest);
                }
                case "verify-audit" -> {
                    preflight.checkForCommand();
                    SpringApplication app = new SpringApplication(Ketnoi.class);
                    app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
                    app.setAdditionalProfiles("command");
                    app.setDefaultProperties(java.util.Map.of("ketnoi.command", command));
                    int code = SpringApplication.exit(app.run(rest));
                    System.exit(code);
                }
                case "generate-population" -> org.ketnoi.population.generator.GeneratePopulationCommand.run(rest);
                default -> throw new StartupRefused("unknown command '" + command
                        + "'; use start, verify-audit or generate-population");
            }
        } catch (StartupRefused refused) {
            System.err.println("ketnoi: " + refused.getMessage());
            System.exit(2);
        }
    }
}
