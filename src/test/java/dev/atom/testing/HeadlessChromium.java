package dev.atom.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver (never downloaded): {@code ATOM_TEST_CHROMIUM} and
 * {@code ATOM_TEST_CHROMEDRIVER} override the paths. Used by {@link BrowserTestBase} for pages and by tests of
 * the page scripts alone.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {}

    /** A new browser with its profile in {@code profile}; the caller quits it. */
    public static ChromeDriver start(Path profile) {
        String chromium = env("ATOM_TEST_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = env("ATOM_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        for (String binary : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(
                        binary + " is missing: install Debian's chromium and chromium-driver"
                                + " (apt-get install chromium chromium-driver) or set ATOM_TEST_CHROMIUM/ATOM_TEST_CHROMEDRIVER");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
