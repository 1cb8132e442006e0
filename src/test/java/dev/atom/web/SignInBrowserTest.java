package dev.atom.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.BrowserTestBase;
import dev.atom.testing.TestUsers;
import org.junit.jupiter.api.Test;

/** Sign-up, sign-in with a wrong password, and signing out and back in, in a real browser. */
class SignInBrowserTest extends BrowserTestBase {

    private String signUpThroughTheApi(String name) {
        String email = uniqueEmail(name.toLowerCase(java.util.Locale.ROOT));
        var response = new TestUsers(this::http).postSignUp(email, name, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return email;
    }

    @Test
    void signingUpLandsInTheNewWorkspaceOnTheHomePage() {
        signUpInBrowser("Sam", uniqueEmail("sam"), TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($(".account .who").getText()).isEqualTo("Sam");
        assertThat($("#section-tasks .section-empty").getText()).isEqualTo("Nothing due or overdue");
        assertThat($("#sign-out").isDisplayed()).isTrue();
    }

    @Test
    void signUpProblemsAreShownOnTheForm() {
        signUpInBrowser("Short", uniqueEmail("short"), "short");
        assertThat($(".errors").getText()).isNotBlank();
        assertThat(currentPath()).isEqualTo("/signup");
        open("/tasks");
        waitForPath("/login");
    }

    @Test
    void aWrongPasswordShowsTheErrorAndTheRightOneSignsIn() {
        String email = signUpThroughTheApi("Wes");
        logInInBrowser(email, "not the password");
        assertThat($(".errors").getText()).containsIgnoringCase("password");
        assertThat(currentPath()).isEqualTo("/login");
        assertThat($("#email").getDomProperty("value")).isEqualTo(email);
        assertThat($("#password").getDomProperty("value")).isEmpty();
        assertThat(all("#sign-out")).isEmpty();

        logInInBrowser(email, TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($(".account .who").getText()).isEqualTo("Wes");
    }

    @Test
    void signingOutEndsTheSessionAndSigningInAgainWorks() {
        String email = signUpThroughTheApi("Olive");
        logInInBrowser(email, TestUsers.PASSWORD);
        waitForPath("/");

        signOutInBrowser();
        waitForPath("/login");
        open("/tasks");
        waitForPath("/login");
        assertThat(all("#sign-out")).isEmpty();

        logInInBrowser(email, TestUsers.PASSWORD);
        waitForPath("/");
        assertThat($(".account .who").getText()).isEqualTo("Olive");
    }
}
