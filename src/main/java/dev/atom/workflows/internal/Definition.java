package dev.atom.workflows.internal;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A checked workflow definition: its name, trigger and steps, plus the JSON it came from (stored as is, so an
 * export gives back what was imported). {@code onErrorWorkflow} (may be null) is started when a run fails;
 * {@code concurrency} caps the runs of this workflow executing at once across instances (0: no cap).
 * Immutable.
 */
record Definition(
        String name, Trigger trigger, List<Step> steps, JsonNode json, String onErrorWorkflow, int concurrency) {
    Definition {
        steps = List.copyOf(steps);
    }

    /** Every step, nested ones included, in definition order. */
    List<Step> allSteps() {
        List<Step> all = new ArrayList<>();
        collect(steps, all);
        return all;
    }

    private static void collect(List<Step> steps, List<Step> into) {
        for (Step s : steps) {
            into.add(s);
            if (s instanceof Step.Condition c) {
                collect(c.then(), into);
                collect(c.otherwise(), into);
            } else if (s instanceof Step.Switch w) {
                w.cases().forEach(k -> collect(k.steps(), into));
                collect(w.otherwise(), into);
            } else if (s instanceof Step.ForEach f) {
                collect(f.steps(), into);
            }
        }
    }

    /** How a run starts. */
    sealed interface Trigger {
        String type();

        /** Started by a person (UI) or the API with an input. */
        record Manual() implements Trigger {
            @Override
            public String type() {
                return "manual";
            }
        }

        /**
         * A POST to the workflow's URL. {@code respond} is {@code immediately} (202 with the run id) or {@code
         * last_step} (the answer of the run's respond step, or its last step's output).
         */
        record Webhook(String respond, String signature) implements Trigger {
            @Override
            public String type() {
                return "webhook";
            }

            boolean waitsForRun() {
                return "last_step".equals(respond);
            }
        }

        /** A cron schedule in a time zone; {@code catchUp} (skip or run_once) says what missed slots get. */
        record Schedule(CronSlots slots, String catchUp) implements Trigger {
            @Override
            public String type() {
                return "schedule";
            }

            boolean runsOnce() {
                return "run_once".equals(catchUp);
            }
        }

        /**
         * A connector's trigger ({@code github.issue_event}, {@code gmail.new_mail}) on a connection: {@code kind}
         * is polling (every {@code interval}) or webhook; {@code filter} (may be null) decides per event.
         */
        record ConnectorEvent(
                String type, String connectionId, String kind, JsonNode config, Tpl filter, java.time.Duration interval)
                implements Trigger {
            boolean polls() {
                return "polling".equals(kind);
            }
        }
    }
}
