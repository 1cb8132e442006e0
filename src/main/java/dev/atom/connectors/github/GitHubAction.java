package dev.atom.connectors.github;

import dev.atom.connectors.Action;

/** The fixed facts of a GitHub action, so each action is only its records and its call. */
abstract class GitHubAction<I extends Record, O extends Record> implements Action<I, O> {
    private final String id;
    private final String name;
    private final String description;
    private final Class<I> input;
    private final Class<O> output;
    private final boolean writes;
    private final Idempotency idempotency;

    GitHubAction(
            String id,
            String name,
            String description,
            Class<I> input,
            Class<O> output,
            boolean writes,
            Idempotency idempotency) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.input = input;
        this.output = output;
        this.writes = writes;
        this.idempotency = idempotency;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Class<I> inputType() {
        return input;
    }

    @Override
    public Class<O> outputType() {
        return output;
    }

    @Override
    public boolean writes() {
        return writes;
    }

    /** GitHub takes no idempotency key: creating twice makes two; reads, labelling and closing are natural. */
    @Override
    public Idempotency idempotency() {
        return idempotency;
    }
}
