package dev.atom.connectors.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ways a person connects an OAuth-only service alone, through another connector that takes a password or key
 * they can make themselves: Gmail over IMAP and SMTP with a Google app password. A preset fills in the other
 * connector's non-secret fields and names the steps in docs/connectors.md ("Connecting alone"). Outlook has none:
 * Microsoft turned basic authentication off for Exchange Online and Outlook.com. Immutable.
 */
final class AlonePresets {

    /** {@code id} keys the steps; {@code connector} is the connector the form is for; {@code values} prefill it. */
    record Preset(String id, String forService, String connector, String label, Map<String, String> values) {}

    private static final List<Preset> PRESETS = List.of(new Preset(
            "gmail",
            "gmail",
            "email",
            "Connect alone: IMAP with a Google app password",
            Map.of(
                    "imap_host", "imap.gmail.com",
                    "imap_port", "993",
                    "imap_security", "ssl",
                    "smtp_host", "smtp.gmail.com",
                    "smtp_port", "465",
                    "smtp_security", "ssl")));

    private AlonePresets() {}

    static Optional<Preset> byId(String id) {
        return PRESETS.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The presets that stand in for {@code serviceId}'s OAuth (the catalog shows them beside it). */
    static List<Preset> forService(String serviceId) {
        return PRESETS.stream().filter(p -> p.forService().equals(serviceId)).toList();
    }

    /** Every preset by the service it stands in for, for the catalog template. */
    static Map<String, List<Preset>> byService() {
        return Map.of("gmail", forService("gmail"));
    }
}
