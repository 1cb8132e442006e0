package dev.atom.connectors.trello;

import dev.atom.connectors.Action;

/** The fixed facts of a Trello action, so each action is only its records and its call. */
abstract class TrelloAction<I extends Record, O extends Record> implements Action<I, O> {
    private final String id;
    private final String name;
    private final String description;
    private final Class<I> input;
    private final Class<O> output;
    private final boolean writes;

    TrelloAction(String id, String name, String description, Class<I> input, Class<O> output, boolean writes) {
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

    /** Trello takes no idempotency key: creating twice makes two cards; reads and moves are safe to repeat. */
    @Override
    public Idempotency idempotency() {
        return id.equals("trello.create_card") ? Idempotency.NONE : Idempotency.NATURAL;
    }
}
