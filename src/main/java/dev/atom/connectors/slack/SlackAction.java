package dev.atom.connectors.slack;

import dev.atom.connectors.Action;

/** The fixed facts of a Slack action, so each action is only its records and its call. */
abstract class SlackAction<I extends Record, O extends Record> implements Action<I, O> {
    private final String id;
    private final String name;
    private final String description;
    private final Class<I> input;
    private final Class<O> output;
    private final boolean writes;

    SlackAction(String id, String name, String description, Class<I> input, Class<O> output, boolean writes) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.input = input;
        this.output = output;
        this.writes = writes;
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

    /** Slack takes no idempotency key: a repeated post is a second message, reads are safe. */
    @Override
    public Idempotency idempotency() {
        return writes ? Idempotency.NONE : Idempotency.NATURAL;
    }
}
