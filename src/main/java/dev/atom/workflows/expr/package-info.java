/**
 * The workflow expression language: {@code {{ expr }}} templates in workflow definitions, compiled once by
 * {@link dev.atom.workflows.expr.Expressions} into immutable {@link dev.atom.workflows.expr.Template}s and
 * evaluated over a JSON context with bounded work and size. Errors are {@link
 * dev.atom.workflows.expr.ExpressionException}s carrying the template's path and column. The public surface is
 * those three types plus {@link dev.atom.workflows.expr.Limits} and {@link dev.atom.workflows.expr.Reference};
 * everything else is package-private. The user's reference is docs/workflows-expressions.md.
 */
package dev.atom.workflows.expr;
