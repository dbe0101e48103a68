package org.ketnoi.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.UUID;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.common.engine.impl.persistence.StrongUuidGenerator;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The peer of a dossier submission: Flowable alone starting the same BPMN process, in this benchmark's
 * JVM, on the server's own PostgreSQL (same cluster, same fsync and synchronous commit, in a database of
 * its own so the server's tables are not touched), configured as the server configures its engine:
 * history at the activity level, strong UUIDs as ids (what Flowable's Spring Boot starter sets), no
 * IDM or event registry, the async executor on, a pool of 20 connections (the server's Hikari pool).
 * Each start is one Flowable command and commits on its own, durable before it returns.
 */
final class BareFlowable implements AutoCloseable {

    static final String DATABASE = "bench_bare_flowable";
    static final String PROCESS_KEY = "one-stop";
    static final int POOL = 20;

    private final ProcessEngine engine;
    private final RuntimeService runtime;

    private BareFlowable(ProcessEngine engine) {
        this.engine = engine;
        this.runtime = engine.getRuntimeService();
    }

    /** Creates the database (dropping an earlier one), builds the engine, deploys the BPMN file. */
    static BareFlowable start(int postgresPort, Connection admin, Path bpmn) {
        Database.execute(admin, "drop database if exists " + DATABASE);
        Database.execute(admin, "create database " + DATABASE);
        ProcessEngineConfigurationImpl config = new StandaloneProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:postgresql://localhost:" + postgresPort + "/" + DATABASE);
        config.setJdbcDriver("org.postgresql.Driver");
        config.setJdbcUsername("postgres");
        config.setJdbcPassword("");
        config.setJdbcMaxActiveConnections(POOL);
        config.setJdbcMaxIdleConnections(POOL);
        config.setDatabaseSchemaUpdate("true");
        config.setHistoryLevel(HistoryLevel.ACTIVITY);
        config.setIdGenerator(new StrongUuidGenerator());
        config.setDisableIdmEngine(true);
        config.setDisableEventRegistry(true);
        config.setAsyncExecutorActivate(true);
        ProcessEngine engine = config.buildProcessEngine();
        try (InputStream in = Files.newInputStream(bpmn)) {
            engine.getRepositoryService().createDeployment().name("ketnoi-bench").addInputStream(
                    bpmn.getFileName().toString(), in).deploy();
        } catch (IOException e) {
            engine.close();
            throw new BenchmarkFailed("cannot read " + bpmn + ": " + e.getMessage(), e);
        }
        return new BareFlowable(engine);
    }

    /** One process instance, as the server starts it: by key, with a business key; its instance id. */
    String startOne() {
        return runtime.createProcessInstanceBuilder().processDefinitionKey(PROCESS_KEY)
                .businessKey(UUID.randomUUID().toString()).start().getId();
    }

    /** The step a started instance waits in, to check the peer runs the same process as far as the server's. */
    String waitingStep(String instance) {
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
        return task == null ? null : task.getTaskDefinitionKey();
    }

    long running() {
        return runtime.createProcessInstanceQuery().count();
    }

    static String version() {
        return ProcessEngine.VERSION;
    }

    @Override
    public void close() {
        engine.close();
    }
}
