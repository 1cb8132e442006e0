package dev.atom.workflows.expr;

import java.util.ArrayList;
import java.util.List;

/** Finds the context paths an expression reads, without evaluating it. Stateless. */
final class References {
    private References() {}

    static void collect(Ast ast, String templatePath, List<Reference> out) {
        List<String> chain = chain(ast);
        if (chain != null) {
            out.add(new Reference(
                    templatePath,
                    chain.getFirst(),
                    chain.subList(1, chain.size()),
                    text(chain, ast),
                    rootPos(ast) + 1));
            return;
        }
        for (Ast child : Ast.children(ast)) {
            collect(child, templatePath, out);
        }
    }

    private static int rootPos(Ast ast) {
        Ast a = ast;
        while (!(a instanceof Ast.Root)) {
            a = a instanceof Ast.Field f ? f.target() : ((Ast.Index) a).target();
        }
        return a.pos();
    }

    /** root, then fixed segments; null when the node is not a path with a fixed start. */
    private static List<String> chain(Ast ast) {
        switch (ast) {
            case Ast.Root r -> {
                List<String> out = new ArrayList<>();
                out.add(r.name());
                return out;
            }
            case Ast.Field f -> {
                List<String> out = chain(f.target());
                if (out != null) {
                    out.add(f.name());
                }
                return out;
            }
            case Ast.Index i -> {
                List<String> out = chain(i.target());
                if (out != null
                        && i.index() instanceof Ast.Literal l
                        && !l.value().isContainer()
                        && !l.value().isNull()) {
                    out.add(Values.text(l.value()));
                    return out;
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** The path as written canonically: dots for plain names, brackets for indexes and odd keys. */
    private static String text(List<String> chain, Ast ast) {
        List<Boolean> bracket = new ArrayList<>();
        for (Ast a = ast; !(a instanceof Ast.Root); ) {
            if (a instanceof Ast.Field f) {
                bracket.addFirst(!plainName(f.name()));
                a = f.target();
            } else {
                Ast.Index i = (Ast.Index) a;
                bracket.addFirst(i.index() instanceof Ast.Literal l && l.value().isNumber() ? null : Boolean.TRUE);
                a = i.target();
            }
        }
        StringBuilder out = new StringBuilder(chain.getFirst());
        for (int k = 1; k < chain.size(); k++) {
            Boolean b = bracket.get(k - 1);
            String s = chain.get(k);
            if (b == null) {
                out.append('[').append(s).append(']');
            } else if (b && !plainName(s)) {
                out.append("[\"")
                        .append(s.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"]");
            } else {
                out.append('.').append(s);
            }
        }
        return out.toString();
    }

    static boolean plainName(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == '$')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
