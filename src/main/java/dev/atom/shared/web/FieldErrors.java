package dev.atom.shared.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every bad field of a request, so one answer names them all instead of the first. */
public final class FieldErrors {
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new ApiException.FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 problem naming every collected field, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
