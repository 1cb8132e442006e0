package dev.atom.ai.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.net.SsrfGuard;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which base URLs (through the shared SSRF guard) a key may carry: public http(s) hosts, and internal ones only when an operator allows them. */
class KeyBaseUrlTest {
    private final SsrfGuard strict = SsrfGuard.of("");
    private final SsrfGuard ollama = SsrfGuard.of(" localhost:11434 , 10.1.2.3,[::1]:8000");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:11434/v1",
                "http://LOCALHOST/v1",
                "http://api.localhost",
                "http://127.0.0.1:8080",
                "http://127.1.2.3",
                "http://0.0.0.0:80",
                "http://10.0.0.5/v1",
                "http://172.16.3.4",
                "http://192.168.1.10:1234/v1",
                "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1",
                "http://[::1]:8000/v1",
                "http://[fd00::1]",
                "http://[fe80::1]",
                "http://[::ffff:127.0.0.1]",
                "http://2130706433"
            })
    void refusesInternalHostsUnlessAllowed(String url) {
        assertThat(KeyInput.baseUrlProblem(strict, url))
                .as(url)
                .hasValueSatisfying(m -> assertThat(m).contains("ATOM_HTTP_ALLOW_HOSTS"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.openai.com/v1",
                "https://my-resource.openai.azure.com",
                "http://8.8.8.8/v1",
                "https://[2001:4860:4860::8888]/v1",
                "https://no-such-host.invalid/v1"
            })
    void acceptsPublicHosts(String url) {
        assertThat(KeyInput.baseUrlProblem(strict, url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://10.1.2.3:9999", "http://[::1]:8000"})
    void acceptsListedHosts(String url) {
        assertThat(KeyInput.baseUrlProblem(ollama, url)).as(url).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/v1", "http://127.0.0.1:11434", "http://[::1]:8001"})
    void aListedPortAllowsOnlyThatPort(String url) {
        assertThat(KeyInput.baseUrlProblem(ollama, url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com",
                "file:///etc/passwd",
                "gopher://example.com",
                "example.com/v1",
                "https://",
                "https://user:pass@example.com",
                "https://example.com/v1?x=1",
                "https://example.com/#frag",
                "http://exa mple.com"
            })
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThat(KeyInput.baseUrlProblem(strict, url)).as(url).isPresent();
    }
}
