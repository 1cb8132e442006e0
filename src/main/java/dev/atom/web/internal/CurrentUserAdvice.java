package dev.atom.web.internal;

import dev.atom.identity.CurrentUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page's model the signed-in {@code currentUser} (or null), which the layout shows. */
@ControllerAdvice
class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    CurrentUser currentUser() {
        return SignedIn.current();
    }
}
