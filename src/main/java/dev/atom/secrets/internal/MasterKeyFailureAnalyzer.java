package dev.atom.secrets.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MasterKeyException} into a short start-up report instead of a stack trace. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
