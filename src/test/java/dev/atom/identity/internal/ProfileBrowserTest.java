package dev.atom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.Select;

/**
 * The profile page in Chromium, the browser told it is in Tokyo: no zone chosen at first, the browser's offered
 * with a button (never set unasked), saved, and shown by the API; a value that is not an IANA zone is refused on
 * the page with the field named. Writes docs/screenshots/profile.png.
 */
class ProfileBrowserTest extends BrowserTestBase {

    @AfterEach
    void browserZoneBack() {
        ((HasCdp) driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
    }

    @Test
    void theBrowsersZoneIsOfferedAndSavedOnlyWhenChosen() throws IOException {
        TestUsers users = new TestUsers(this::http);
        TestUsers.User tess = users.signUp("tess");
        ((HasCdp) driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Tokyo"));
        logInInBrowser(tess.email(), TestUsers.PASSWORD);
        waitForPath("/");

        $("#nav-profile").click();
        waitForPath("/profile");
        Select zone = new Select($("#profile-zone"));
        assertThat(zone.getFirstSelectedOption().getText()).isEqualTo("None (UTC)");
        assertThat($("#profile-browser-zone").getText()).contains("Asia/Tokyo");
        assertThat(users.as(tess).get("/api/v1/me").json().at("/user/timeZone").isNull())
                .as("offered, not set")
                .isTrue();

        $("#profile-use-browser").click();
        assertThat(zone.getFirstSelectedOption().getText()).isEqualTo("Asia/Tokyo");
        $("#profile-save").click();
        waitUntil(
                d -> currentPath().equals("/profile") && !all("#profile-saved").isEmpty());
        assertThat(new Select($("#profile-zone")).getFirstSelectedOption().getText())
                .isEqualTo("Asia/Tokyo");
        assertThat(all("#profile-browser-zone")).allMatch(e -> !e.isDisplayed());
        assertThat(users.as(tess).get("/api/v1/me").json().at("/user/timeZone").asString())
                .isEqualTo("Asia/Tokyo");
        Path docs = Path.of("docs/screenshots");
        Files.createDirectories(docs);
        Files.write(docs.resolve("profile.png"), ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES));

        js("const o = document.createElement('option'); o.value = 'Mars/Olympus'; o.text = 'Mars/Olympus';"
                + " const s = document.getElementById('profile-zone'); s.append(o); s.value = 'Mars/Olympus';");
        $("#profile-save").click();
        waitUntil(d -> !all("#profile-errors").isEmpty());
        assertThat($("#profile-errors [data-field='timeZone']").getText()).contains("IANA time zone");
        assertThat(users.as(tess).get("/api/v1/me").json().at("/user/timeZone").asString())
                .isEqualTo("Asia/Tokyo");
    }
}
