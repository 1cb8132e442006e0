package dev.atom.identity.internal;

import dev.atom.identity.Accounts;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Role;
import dev.atom.identity.TooManyAttemptsException;
import dev.atom.identity.internal.InvitationRepository.Invitation;
import dev.atom.identity.internal.UserRepository.UserRow;
import dev.atom.shared.Ids;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-up and login with their rules, throttling and audit events. Thread-safe. */
@Service
class AccountService implements Accounts {
    static final int MIN_PASSWORD = 10;
    // Longer passwords only cost hashing time; nobody types more.
    static final int MAX_PASSWORD = 1000;

    private final UserRepository users;
    private final WorkspaceService workspaces;
    private final InvitationService invitations;
    private final LoginThrottle throttle;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    // Unknown emails are checked against this hash, so they take as long as a wrong password. Argon2 takes a
    // while: it is hashed on a virtual thread so that start-up does not wait for it (a login joins it).
    private final CompletableFuture<String> dummyHash;

    AccountService(
            UserRepository users,
            WorkspaceService workspaces,
            InvitationService invitations,
            LoginThrottle throttle,
            PasswordEncoder passwords,
            TransactionTemplate transactions,
            IdentityProperties properties,
            AuditTrail audit,
            Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.invitations = invitations;
        this.throttle = throttle;
        this.passwords = passwords;
        this.transactions = transactions;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = CompletableFuture.supplyAsync(
                () -> passwords.encode(TokenHashing.randomToken()),
                r -> Thread.ofVirtual().name("atom-dummy-hash").start(r));
    }

    @Override
    public CurrentUser signUp(NewAccount account, String clientIp) {
        String email = Emails.normalize(account.email());
        String name = account.name() == null ? "" : account.name().strip();
        String password = account.password() == null ? "" : account.password();
        FieldErrors errors = new FieldErrors();
        if (email.isEmpty()) {
            errors.add("email", "is required");
        } else if (!Emails.looksValid(email)) {
            errors.add("email", "is not an email address");
        }
        if (password.length() < MIN_PASSWORD) {
            errors.add("password", "must have at least " + MIN_PASSWORD + " characters");
        } else if (password.length() > MAX_PASSWORD) {
            errors.add("password", "must have at most " + MAX_PASSWORD + " characters");
        }
        if (name.isEmpty()) {
            errors.add("name", "is required");
        } else if (name.length() > 100) {
            errors.add("name", "must have at most 100 characters");
        }
        errors.throwIfAny();
        String inviteToken =
                account.inviteToken() == null ? "" : account.inviteToken().strip();
        // Invite-only installations still let the first person (the operator) in without an invitation.
        if (inviteToken.isEmpty() && properties.signup() == IdentityProperties.Signup.INVITE && users.exist()) {
            throw ApiException.forbidden("Sign-up needs an invitation on this installation");
        }
        Invitation invitation = inviteToken.isEmpty() ? null : invitations.pendingFor(inviteToken, email);
        if (users.findByEmail(email).isPresent()) {
            throw emailTaken();
        }
        String hash = passwords.encode(password);
        Instant now = clock.instant();
        String userId = Ids.newId();
        CurrentUser created;
        try {
            created = transactions.execute(status -> {
                users.insert(new UserRow(userId, email, name, hash, null, now));
                String workspaceId;
                Role role;
                if (invitation != null) {
                    invitations.accept(invitation, userId);
                    workspaceId = invitation.workspaceId();
                    role = invitation.role();
                } else {
                    workspaceId = workspaces.createOwned(userId, WorkspaceService.personalName(name));
                    role = Role.OWNER;
                }
                users.setDefaultWorkspace(userId, workspaceId);
                return new CurrentUser(userId, email, name, workspaceId, role);
            });
        } catch (DuplicateKeyException e) {
            throw emailTaken();
        }
        Map<String, String> detail = new HashMap<>(Map.of("email", email));
        if (invitation != null) {
            detail.put("invitationId", invitation.id());
        }
        audit.record(created.workspaceId(), userId, "user.signup", detail, clientIp);
        return created;
    }

    @Override
    public CurrentUser logIn(String rawEmail, String password, String clientIp) {
        FieldErrors errors = new FieldErrors();
        if (rawEmail == null || rawEmail.isBlank()) {
            errors.add("email", "is required");
        }
        if (password == null || password.isEmpty()) {
            errors.add("password", "is required");
        }
        errors.throwIfAny();
        String email = Emails.normalize(rawEmail);
        String emailKey = LoginThrottle.emailKey(email);
        String ipKey = LoginThrottle.ipKey(clientIp == null ? "unknown" : clientIp);
        var locked = throttle.lockedFor(emailKey).or(() -> throttle.lockedFor(ipKey));
        if (locked.isPresent()) {
            audit.record(null, null, "auth.login_failed", Map.of("email", email, "reason", "throttled"), clientIp);
            throw new TooManyAttemptsException(locked.get());
        }
        var user = users.findByEmail(email);
        boolean matches;
        if (user.isPresent()) {
            matches = password.length() <= MAX_PASSWORD
                    && passwords.matches(password, user.get().passwordHash());
        } else {
            passwords.matches(password.length() <= MAX_PASSWORD ? password : "", dummyHash.join());
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(emailKey, properties.throttle().emailFailures());
            throttle.recordFailure(ipKey, properties.throttle().ipFailures());
            audit.record(
                    null,
                    user.map(UserRow::id).orElse(null),
                    "auth.login_failed",
                    Map.of("email", email, "reason", "bad-credentials"),
                    clientIp);
            throw badCredentials();
        }
        throttle.reset(emailKey);
        var workspace = workspaces.current(user.get());
        audit.record(workspace.id(), user.get().id(), "auth.login", Map.of(), clientIp);
        return new CurrentUser(user.get().id(), email, user.get().name(), workspace.id(), workspace.role());
    }

    static ApiException badCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "The email or password is wrong");
    }

    private static ApiException emailTaken() {
        return new ApiException(
                HttpStatus.CONFLICT,
                "conflict",
                "An account with this email exists already",
                java.util.List.of(new ApiException.FieldError("email", "is taken")));
    }
}
