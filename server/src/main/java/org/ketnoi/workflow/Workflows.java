package org.ketnoi.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;
import org.ketnoi.platform.Conflict;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The BPMN engine as the other modules use it: start a procedure's process, ask which step it waits
 * in, complete that step with a decision, cancel it. Every call joins the caller's transaction
 * (Flowable shares Spring's), so a step and the dossier change that records it commit together.
 *
 * <p>Decisions are passed as transient variables: the gateways read them, and no variable rows are
 * written; the dossier keeps its own record of every decision.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Workflows {

    /** The processes a procedure may name. */
    public static final List<String> PROCESSES = List.of("one-stop", "two-agency");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final RepositoryService repository;
    // key -> id of its latest definition when first started here: by key, Flowable looks the
    // latest version up in the database on every start; by id it takes it from its deployment cache.
    // Definitions are deployed when a node starts, so a node keeps starting the version it began with.
    private final Map<String, String> definitions = new ConcurrentHashMap<>();

    Workflows(RuntimeService runtime, TaskService tasks, RepositoryService repository) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.repository = repository;
    }

    /** Starts a process and returns its instance id. */
    public String start(String processKey, String businessKey) {
        if (!PROCESSES.contains(processKey)) {
            throw new IllegalArgumentException("No process is called " + processKey);
        }
        String definition = definitions.computeIfAbsent(processKey, key -> repository.createProcessDefinitionQuery()
                .processDefinitionKey(key).latestVersion().singleResult().getId());
        ProcessInstance instance = runtime.createProcessInstanceBuilder().processDefinitionId(definition)
                .businessKey(businessKey).start();
        return instance.getId();
    }

    /** The step the process waits in (a user task's or receive task's id); empty once it has ended. */
    public Optional<String> activeStep(String processInstance) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstance).singleResult();
        if (task != null) {
            return Optional.of(task.getTaskDefinitionKey());
        }
        return waitingExecution(processInstance).map(Execution::getActivityId);
    }

    /**
     * Completes the step the process waits in, which must be {@code step}, with the decision's values;
     * returns the step it waits in next (empty when the process ended).
     *
     * @throws Conflict when the process is not waiting in that step (someone acted first, or the
     *         dossier moved on)
     */
    public Optional<String> complete(String processInstance, String step, Map<String, Object> decision) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(step).singleResult();
        if (task != null) {
            tasks.complete(task.getId(), Map.of(), decision);
        } else {
            Execution waiting = waitingExecution(processInstance).filter(e -> step.equals(e.getActivityId()))
                    .orElseThrow(() -> new Conflict("The process " + processInstance + " is not waiting in the step "
                            + step));
            runtime.trigger(waiting.getId(), Map.of(), decision);
        }
        return activeStep(processInstance);
    }

    /** Ends a running process (a withdrawn dossier). */
    public void cancel(String processInstance, String reason) {
        if (runtime.createProcessInstanceQuery().processInstanceId(processInstance).count() > 0) {
            runtime.deleteProcessInstance(processInstance, reason);
        }
    }

    public boolean isRunning(String processInstance) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstance).count() > 0;
    }

    private Optional<Execution> waitingExecution(String processInstance) {
        return runtime.createExecutionQuery().processInstanceId(processInstance).onlyChildExecutions().list().stream()
                .filter(e -> e.getActivityId() != null).findFirst();
    }
}
