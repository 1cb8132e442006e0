/**
 * Connectors: the service SPI every integration implements ({@link dev.atom.connectors.Connector},
 * {@link dev.atom.connectors.Action}, {@link dev.atom.connectors.Trigger}, {@link
 * dev.atom.connectors.ActionContext}), the registry, the connections a workspace made (credentials only in
 * the secret store), and one nested package per service ({@code http}, {@code webhook}, ...).
 *
 * <p>Other modules (the workflow engine, the assistant) use {@link dev.atom.connectors.Connectors} and the
 * SPI types at this package's root, never a concrete connector. A new service is one new package whose
 * {@code Connector} is a Spring bean: nothing else changes. An action usually extends {@link
 * dev.atom.connectors.BaseAction}, which holds its fixed facts, so the class is only its records and its call.
 */
package dev.atom.connectors;
