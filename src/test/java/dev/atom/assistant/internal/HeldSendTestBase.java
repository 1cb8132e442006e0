package dev.atom.assistant.internal;

import dev.atom.testing.StubbedServiceTestBase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Assistant tests of actions held for their send delay (3 s here), with the stubbed services mounted: one context. */
abstract class HeldSendTestBase extends AssistantTestBase {

    @DynamicPropertySource
    static void stubbedServicesAndAShortSendDelay(DynamicPropertyRegistry registry) {
        StubbedServiceTestBase.stubbedServices(registry);
        registry.add("atom.assistant.send-delay", () -> "3s");
    }
}
