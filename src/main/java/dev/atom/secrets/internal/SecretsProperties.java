package dev.atom.secrets.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code atom.secrets.master-key} ({@code ATOM_MASTER_KEY}): the master keyset as base64 of Tink's JSON
 * keyset format (raw JSON is accepted too). Blank means the file {@code <data dir>/master-key.json}.
 */
@ConfigurationProperties("atom.secrets")
record SecretsProperties(String masterKey) {}
