/**
 * Operations: request ids and request logging, JSON logs, the audit log of security events, Actuator access,
 * and (later) rate limits, backup and restore. It offers no API to other modules: they publish
 * {@link dev.atom.shared.audit.AuditEvent}s and ops persists them.
 */
package dev.atom.ops;
