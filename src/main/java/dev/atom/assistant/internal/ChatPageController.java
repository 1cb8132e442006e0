package dev.atom.assistant.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The chat page: a shell the scripts fill from {@code /assistant/api} (the assistant's API under the session).
 * The layout leaves out its chat panel here, since the page is the chat.
 */
@Controller
class ChatPageController {

    @GetMapping("/chat")
    String page(Model model) {
        model.addAttribute("chatPage", true);
        return "chat/page";
    }
}
