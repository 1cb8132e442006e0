package dev.atom.workflows.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The step states of one run turn, keyed by step key ({@code call}, {@code loop[3].inner}), and those not yet
 * saved. Shared by a run's execution and its for_each iterations, which may run in parallel: thread-safe
 * (every method holds this object's lock; {@link RunExecution#flush} holds it too, so a save waits for a flush).
 */
final class RunLedger {
    private final Map<String, StepState> states = new HashMap<>();
    private final List<StepState> dirty = new ArrayList<>();
    private int seq;

    RunLedger(List<StepState> saved) {
        for (StepState s : saved) {
            states.put(s.stepId(), s);
            seq = Math.max(seq, s.seq());
        }
    }

    synchronized StepState get(String key) {
        return states.get(key);
    }

    synchronized int nextSeq() {
        return ++seq;
    }

    /** Records a new state for its step, to be saved at the next flush. */
    synchronized void record(StepState s) {
        states.put(s.stepId(), s);
        dirty.removeIf(d -> d.stepId().equals(s.stepId()));
        dirty.add(s);
    }

    synchronized List<StepState> takeDirty() {
        List<StepState> out = List.copyOf(dirty);
        dirty.clear();
        return out;
    }
}
