package dev.atom.workflows.internal;

import dev.atom.identity.CurrentUser;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.ApiException.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Import and export of workflow definitions in the browser, as the API offers them: download the draft as
 * JSON or YAML, and import a file (or pasted text) in either format as a new draft. An import that does not
 * check out creates nothing and shows every problem at its place, keeping the text to fix.
 */
@Controller
class ImportExportPageController {
    private final WorkflowService workflows;

    ImportExportPageController(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @GetMapping("/automations/import")
    String form(Model model) {
        model.addAttribute("text", "");
        model.addAttribute("problems", List.of());
        return "workflows/import";
    }

    @PostMapping("/automations/import")
    String importDefinition(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "text", required = false, defaultValue = "") String pasted,
            Model model)
            throws IOException {
        boolean fromFile = file != null && !file.isEmpty();
        String text = fromFile ? new String(file.getBytes(), StandardCharsets.UTF_8) : pasted;
        String name = fromFile && file.getOriginalFilename() != null ? file.getOriginalFilename() : "";
        try {
            Workflow w = workflows.create(user, DefinitionFormats.read(text, looksLikeYaml(name, text)));
            return "redirect:/automations/" + w.id() + "/edit";
        } catch (ApiException e) {
            model.addAttribute("text", text.length() > DefinitionFormats.MAX_CHARS ? "" : text);
            model.addAttribute(
                    "problems",
                    e.errors().isEmpty() ? List.of(new FieldError("definition", e.getMessage())) : e.errors());
            return "workflows/import";
        }
    }

    /** The draft as a file to download, JSON (default) or YAML. */
    @GetMapping("/automations/{id}/export")
    ResponseEntity<String> export(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false, defaultValue = "json") String format) {
        return DefinitionFormats.download(workflows.get(user, id), format);
    }

    /** YAML by the file's name, else by the text: a JSON definition starts with a brace. */
    static boolean looksLikeYaml(String fileName, String text) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        if (name.endsWith(".json")) {
            return false;
        }
        return !text.stripLeading().startsWith("{");
    }
}
