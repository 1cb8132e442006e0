/**
 * The BYOK AI gateway: users' own provider keys, the model catalog with prices, routing and failover, the
 * usage ledger and budgets, and the OpenAI-compatible face ({@code /v1/...}).
 *
 * <p>Inside the module the canonical wire form is OpenAI's Chat Completions JSON: the OpenAI face passes it
 * through, and each provider adapter ({@code providers}) translates it to and from its own format. Other
 * modules (the assistant, workflow AI steps) call {@link dev.atom.ai.AiGateway}. A workspace's default routing
 * ({@code routing.WorkspaceRouting}, set by its admins) is what the model name {@code atom/default} stands for.
 */
package dev.atom.ai;
