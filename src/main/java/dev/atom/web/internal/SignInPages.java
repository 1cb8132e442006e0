package dev.atom.web.internal;

import dev.atom.identity.Accounts;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.TooManyAttemptsException;
import dev.atom.identity.WebSessions;
import dev.atom.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in, sign-up and sign-out pages. They use the same {@link Accounts} rules, throttling and audit
 * events as the JSON API; a successful sign-in opens a database-backed session carried by a cookie.
 */
@Controller
class SignInPages {
    /** Where a signed-in person lands: the home page, their daily briefing (workspace.briefing). */
    private static final String HOME = "/";

    private final Accounts accounts;
    private final WebSessions sessions;

    SignInPages(Accounts accounts, WebSessions sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @GetMapping("/login")
    String loginPage() {
        return SignedIn.current() != null ? "redirect:" + HOME : "login";
    }

    @PostMapping("/login")
    String login(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            CurrentUser user = accounts.logIn(email, password, request.getRemoteAddr());
            startSession(user, request, response);
            return "redirect:" + HOME;
        } catch (ApiException e) {
            model.addAttribute("email", email);
            showErrors(e, response, model);
            return "login";
        }
    }

    @GetMapping("/signup")
    String signupPage(@RequestParam(required = false) String invite, Model model) {
        if (SignedIn.current() != null) {
            return "redirect:" + HOME;
        }
        model.addAttribute("inviteToken", invite);
        return "signup";
    }

    @PostMapping("/signup")
    String signup(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String inviteToken,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            String ip = request.getRemoteAddr();
            CurrentUser user = accounts.signUp(new Accounts.NewAccount(email, password, name, inviteToken), ip);
            startSession(user, request, response);
            return "redirect:" + HOME;
        } catch (ApiException e) {
            model.addAttribute("email", email);
            model.addAttribute("name", name);
            model.addAttribute("inviteToken", inviteToken);
            showErrors(e, response, model);
            return "signup";
        }
    }

    @PostMapping("/logout")
    String logout(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(SessionCookieFilter.cookieValue(request), request.getRemoteAddr());
        response.addHeader(
                HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString());
        return "redirect:/login";
    }

    private void startSession(CurrentUser user, HttpServletRequest request, HttpServletResponse response) {
        WebSessions.Opened opened = sessions.open(user, request.getRemoteAddr());
        response.addHeader(
                HttpHeaders.SET_COOKIE,
                cookie(opened.cookieValue(), opened.maxAge(), request).toString());
    }

    private static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
        return ResponseCookie.from(SessionCookieFilter.COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    /** The error box lists every message; fieldErrors puts each one next to its input. */
    private static void showErrors(ApiException e, HttpServletResponse response, Model model) {
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        e.errors().forEach(f -> fieldErrors.putIfAbsent(f.field(), f.message()));
        List<String> messages = e.errors().isEmpty()
                ? List.of(e.getMessage())
                : e.errors().stream()
                        .map(f -> label(f.field()) + " " + f.message())
                        .toList();
        if (e instanceof TooManyAttemptsException tooMany) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
        }
        response.setStatus(e.status().value());
        model.addAttribute("errors", messages);
        model.addAttribute("fieldErrors", fieldErrors);
    }

    private static String label(String field) {
        return switch (field) {
            case "email" -> "Email";
            case "password" -> "Password";
            case "name" -> "Name";
            default -> field;
        };
    }
}
