package dev.atom.workflows.internal;

/** An expression that could not be evaluated while a step ran; the message says where and why. */
final class TemplateFailure extends RuntimeException {
    TemplateFailure(String message) {
        super(message, null, false, false);
    }
}
