package org.ketnoi.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DataSource for the whole platform: the embedded PostgreSQL unless KETNOI_DB_URL names an
 * external one. The embedded server is a bean that Spring closes after the pool, so PostgreSQL
 * stops last and cleanly on Ctrl-C.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KetnoiProperties.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ketnoi.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(KetnoiProperties properties,
            org.springframework.core.env.Environment environment) {
        return environment.containsProperty("ketnoi.command")
                ? EmbeddedDatabase.attachOrStart(properties.dataDir(), properties.embeddedFsync())
                : EmbeddedDatabase.start(properties.dataDir(), properties.embeddedFsync());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(KetnoiProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ketnoi");
        config.setMaximumPoolSize(20);
        // Idle connections each cost a PostgreSQL process; open more only under load.
        config.setMinimumIdle(2);
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
        }
        return new HikariDataSource(config);
    }

    /** Tells the start-up report where the data lives. */
    @Bean
    DatabaseDescription databaseDescription(KetnoiProperties properties, ObjectProvider<EmbeddedDatabase> embedded,
            DataSource dataSource) {
        EmbeddedDatabase database = embedded.getIfAvailable();
        return database != null
                ? new DatabaseDescription("embedded PostgreSQL " + EmbeddedDatabase.MAJOR_VERSION + ", data in "
                        + database.cluster())
                : new DatabaseDescription("external PostgreSQL at " + properties.db().url());
    }

    record DatabaseDescription(String text) {
    }
}
