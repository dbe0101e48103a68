package org.ketnoi.workflow;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Spring Boot's properties for Flowable do not reach. */
@Configuration(proxyBeanMethods = false)
class EngineSettings {

    /**
     * One INSERT per row instead of one per table: a process start writes a handful of rows, and
     * MyBatis builds a multi-row INSERT by parsing its template again for every row (a regular
     * expression compiled per value), which was over half of Flowable's time in a submission.
     */
    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> singleRowInserts() {
        return config -> config.setBulkInsertEnabled(false);
    }
}
