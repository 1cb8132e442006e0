package dev.atom.workflows.internal;

import dev.atom.workflows.expr.Template;
import tools.jackson.databind.JsonNode;

/** A definition value that may hold expressions: as written, and compiled once for every run. */
record Tpl(JsonNode raw, Template compiled) {}
