package dev.atom.shared.web;

import java.io.IOException;

/** A request body went past the size accepted for its path (thrown while it is being read). */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than the " + limit + " bytes accepted here.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
