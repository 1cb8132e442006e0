package dev.atom.identity.internal;

import dev.atom.identity.Accounts;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.internal.TokenService.TokenPair;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, login, token refresh and logout of the JSON API. */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {
    private final Accounts accounts;
    private final TokenService tokens;
    private final WorkspaceService workspaces;

    AuthController(Accounts accounts, TokenService tokens, WorkspaceService workspaces) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.workspaces = workspaces;
    }

    record SignupRequest(String email, String password, String name, String inviteToken) {}

    record UserView(String id, String email, String name) {}

    record WorkspaceView(String id, String name, String role) {}

    record SignupResponse(UserView user, WorkspaceView workspace) {}

    record LoginRequest(String email, String password) {}

    record RefreshRequest(String refreshToken) {}

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signup(@RequestBody SignupRequest body, HttpServletRequest request) {
        CurrentUser user = accounts.signUp(
                new Accounts.NewAccount(body.email(), body.password(), body.name(), body.inviteToken()),
                request.getRemoteAddr());
        var workspace = workspaces.requireMember(user.workspaceId(), user.userId());
        return new SignupResponse(
                new UserView(user.userId(), user.email(), user.name()),
                new WorkspaceView(
                        workspace.id(), workspace.name(), workspace.role().wire()));
    }

    @PostMapping("/login")
    TokenPair login(@RequestBody LoginRequest body, HttpServletRequest request) {
        return tokens.issue(accounts.logIn(body.email(), body.password(), request.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    TokenPair refresh(@RequestBody RefreshRequest body, HttpServletRequest request) {
        return tokens.refresh(body.refreshToken(), request.getRemoteAddr());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(
            @RequestBody(required = false) RefreshRequest body,
            @AuthenticationPrincipal CurrentUser caller,
            HttpServletRequest request) {
        tokens.logout(body == null ? null : body.refreshToken(), caller, request.getRemoteAddr());
    }
}
