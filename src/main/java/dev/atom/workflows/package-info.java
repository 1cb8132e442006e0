/**
 * Workflows: definitions (a draft and numbered immutable versions), triggers, the durable engine that runs
 * them and the run history.
 *
 * <p>The engine knows connectors only through {@link dev.atom.connectors.Connectors} and the SPI. A run and
 * each of its steps are rows; a worker holds a run with a lease, so a crashed worker's runs are resumed by
 * another at the step that was in flight, with the same idempotency key. Expressions ({@code {{ ... }}}) are
 * evaluated by the safe evaluator in {@code expr}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Workflows")
package dev.atom.workflows;
