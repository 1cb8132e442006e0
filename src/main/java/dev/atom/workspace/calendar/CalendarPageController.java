package dev.atom.workspace.calendar;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The calendar page: a shell the script fills from {@code /calendar/api} (the same routes as the API). */
@Controller
class CalendarPageController {

    @GetMapping("/calendar")
    String page() {
        return "calendar/page";
    }
}
