package dev.atom.workflows.internal;

import dev.atom.connectors.Connectors;
import dev.atom.identity.CurrentUser;
import dev.atom.identity.Members;
import dev.atom.shared.web.ApiException;
import dev.atom.shared.web.ApiException.FieldError;
import dev.atom.shared.web.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The builder: {@code /automations/new} and {@code /automations/{id}/edit}. The form posts back to {@code
 * /automations/builder} with an {@code op}: add, remove or move a step, refresh (a type or action changed),
 * apply the JSON tab, save, or save and publish. Saving goes through {@link WorkflowService} (the same checks
 * as the API); problems come back as the same page with each one next to its field.
 */
@Controller
class BuilderPageController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WorkflowService workflows;
    private final Connectors connectors;
    private final Templates templates;
    private final PublicUrl publicUrl;
    private final Members members;
    private final Clock clock;

    BuilderPageController(
            WorkflowService workflows,
            Connectors connectors,
            Templates templates,
            PublicUrl publicUrl,
            Members members,
            Clock clock) {
        this.workflows = workflows;
        this.connectors = connectors;
        this.templates = templates;
        this.publicUrl = publicUrl;
        this.members = members;
        this.clock = clock;
    }

    @GetMapping("/automations/new")
    String create(@AuthenticationPrincipal CurrentUser user, Model model) {
        ObjectNode starter = JSON.createObjectNode();
        starter.put("name", "");
        starter.putObject("trigger").put("type", "manual");
        starter.putArray("steps");
        return page(user, null, starter, List.of(), Map.of(), null, "form", null, model);
    }

    @GetMapping("/automations/{id}/edit")
    String edit(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String done,
            Model model) {
        Workflow w = workflows.get(user, id);
        model.addAttribute("done", "published".equals(done) ? "Published." : "saved".equals(done) ? "Saved." : null);
        return page(user, w, (ObjectNode) JSON.readTree(w.draft()), List.of(), Map.of(), null, "form", null, model);
    }

    @PostMapping("/automations/builder")
    String post(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam MultiValueMap<String, String> posted,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> form = single(posted);
        String id = form.getOrDefault("_id", "");
        Workflow existing = id.isEmpty() ? null : workflows.get(user, id); // 404 for other workspaces' ids
        String op = form.getOrDefault("op", "refresh");
        // "json" applies the JSON tab to the form; "tab:json" shows the form's definition as JSON
        String tab = op.equals("savejson") || op.equals("tab:json") || op.equals("refresh-json") ? "json" : "form";
        ObjectNode definition;
        List<FieldError> problems = new ArrayList<>();
        Map<String, String> typed = Map.of();
        Map<String, String> modes = Map.of();
        if (op.equals("json") || op.equals("savejson") || op.equals("refresh-json")) {
            try {
                JsonNode parsed = JSON.readTree(form.getOrDefault("_json", ""));
                if (!(parsed instanceof ObjectNode o)) {
                    throw new IllegalArgumentException();
                }
                definition = o;
            } catch (JacksonException | IllegalArgumentException e) {
                List<FieldError> bad =
                        List.of(new FieldError("definition", "is not a JSON object: check the JSON tab"));
                return page(
                        user,
                        existing,
                        BuilderForm.read(form).definition(),
                        bad,
                        Map.of(),
                        form.get("_json"),
                        "json",
                        null,
                        model);
            }
        } else {
            BuilderForm.Read read = BuilderForm.read(form);
            definition = read.definition();
            problems.addAll(read.problems());
            typed = read.unreadable();
            modes = read.modes();
        }
        model.addAttribute("modes", modes); // a transform's chosen mode, for the page
        String focus = focus(request);
        if (op.startsWith("add:")) {
            String list = op.substring(4);
            String type = form.getOrDefault("_add." + list, "transform");
            BuilderForm.add(definition, list, BuilderView.STEP_TYPES.contains(type) ? type : "transform");
            focus = list + "[" + (BuilderForm.get(definition, list).size() - 1) + "].id";
        } else if (op.startsWith("addcase:")) {
            String path = op.substring(8);
            BuilderForm.addCase(definition, path);
            JsonNode cases = BuilderForm.get(definition, path + ".cases");
            focus = path + ".cases[" + (cases == null ? 0 : cases.size() - 1) + "].equals";
        } else if (op.startsWith("remove:")) {
            BuilderForm.remove(definition, op.substring(7));
            focus = "steps";
        } else if (op.startsWith("up:") || op.startsWith("down:")) {
            boolean up = op.startsWith("up:");
            String path = op.substring(up ? 3 : 5);
            BuilderForm.move(definition, path, up ? -1 : 1);
            focus = path.substring(0, path.lastIndexOf('[')) + "[" + (index(path) + (up ? -1 : 1)) + "].id";
        } else if (op.equals("save") || op.equals("savejson") || op.equals("publish")) {
            return save(user, existing, definition, problems, typed, op, tab, request, response, model);
        }
        return page(user, existing, definition, List.of(), typed, null, tab, focus, model);
    }

    private static BuilderView.Field rootField(ObjectNode definition, String key, String label) {
        return BuilderView.field(key, "", label, "text", BuilderView.scalar(definition.get(key)), null, false, null);
    }

    private String save(
            CurrentUser user,
            Workflow existing,
            ObjectNode definition,
            List<FieldError> unreadable,
            Map<String, String> typed,
            String op,
            String tab,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            if (!unreadable.isEmpty()) { // not saved: show these with whatever else the checks find
                DefinitionParser parser = new DefinitionParser(connectors, user.workspaceId(), templates);
                parser.parse(definition);
                List<FieldError> all = new ArrayList<>(unreadable);
                parser.problems().stream()
                        .filter(p ->
                                unreadable.stream().noneMatch(u -> u.field().equals(p.field())))
                        .forEach(all::add);
                throw ApiException.invalid(all);
            }
            Workflow saved = existing == null
                    ? workflows.create(user, definition)
                    : workflows.update(user, existing.id(), definition);
            if (op.equals("publish")) {
                workflows.publish(user, saved.id());
            }
            String target =
                    "/automations/" + saved.id() + "/edit?done=" + (op.equals("publish") ? "published" : "saved");
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", target);
                return "workflows/builder :: empty";
            }
            return "redirect:" + target;
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            List<FieldError> problems =
                    e.errors().isEmpty() ? List.of(new FieldError("definition", e.getMessage())) : e.errors();
            return page(user, existing, definition, problems, typed, null, tab, "problems", model);
        }
    }

    private String page(
            CurrentUser user,
            Workflow w,
            ObjectNode definition,
            List<FieldError> problems,
            Map<String, String> typed,
            String rawJson,
            String tab,
            String focus,
            Model model) {
        @SuppressWarnings("unchecked")
        Map<String, String> modes = (Map<String, String>) model.asMap().getOrDefault("modes", Map.of());
        BuilderView view = new BuilderView(connectors, user.workspaceId(), typed, lookups(user, w, modes));
        JsonNode trigger = definition.get("trigger");
        model.addAttribute("workflow", w);
        model.addAttribute("nameField", rootField(definition, "name", "Name"));
        model.addAttribute("descriptionField", rootField(definition, "description", "Description (optional)"));
        model.addAttribute("trigger", view.trigger(trigger));
        model.addAttribute(
                "triggerType", trigger == null ? "" : trigger.path("type").asString(""));
        model.addAttribute("triggerHidden", view.triggerHidden(trigger));
        model.addAttribute("steps", view.steps(definition.get("steps"), "steps"));
        model.addAttribute("rootHidden", rootHidden(definition));
        model.addAttribute("placed", view.place(problems));
        model.addAttribute("problems", view.summary(problems));
        model.addAttribute("stepTypes", BuilderView.STEP_OPTIONS);
        model.addAttribute("json", rawJson != null ? rawJson : BuilderView.pretty(definition));
        model.addAttribute("tab", tab);
        model.addAttribute("focus", focus == null ? "" : focus);
        model.addAttribute("webhookUrl", w == null ? null : AutomationsPageController.webhookUrl(w, publicUrl));
        return "workflows/builder";
    }

    private static List<BuilderView.Field> rootHidden(ObjectNode definition) {
        Set<String> shown = Set.of("name", "description", "trigger", "steps");
        List<BuilderView.Field> out = new ArrayList<>();
        for (String key : definition.propertyNames()) {
            if (!shown.contains(key)) {
                out.add(new BuilderView.Field(
                        key,
                        key + ":json",
                        key,
                        "hidden",
                        BuilderView.JSON_TEXT.apply(definition.get(key)),
                        null,
                        false,
                        null));
            }
        }
        return out;
    }

    /** The workspace's other workflows and people for the pickers, and the time for a schedule's next slots. */
    private BuilderView.Lookups lookups(CurrentUser user, Workflow self, Map<String, String> modes) {
        List<BuilderView.Option> others = workflows.list(user).stream()
                .filter(w -> self == null || !w.id().equals(self.id()))
                .map(w -> new BuilderView.Option(
                        w.id(), w.name() + (w.activeVersion() == null ? " (not published)" : "")))
                .toList();
        List<BuilderView.Option> people = members.list(user.workspaceId()).stream()
                .map(m -> new BuilderView.Option(m.userId(), m.name() + " <" + m.email() + ">"))
                .toList();
        return new BuilderView.Lookups(others, people, clock.instant(), modes, user.userId());
    }

    /** One value per name; a multiple choice ({@code :list}) posts each chosen value, joined here. */
    private static Map<String, String> single(MultiValueMap<String, String> posted) {
        Map<String, String> form = new LinkedHashMap<>();
        posted.forEach((name, values) -> form.put(
                name, name.endsWith(":list") ? String.join(",", values) : values.isEmpty() ? "" : values.getFirst()));
        return form;
    }

    /** The control that triggered an htmx refresh keeps the focus after the swap. */
    private static String focus(HttpServletRequest request) {
        String name = request.getHeader("HX-Trigger-Name");
        if (name == null) {
            return null;
        }
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static int index(String stepPath) {
        return Integer.parseInt(stepPath.substring(stepPath.lastIndexOf('[') + 1, stepPath.length() - 1));
    }
}
