/**
 * The user's workspace tools: tasks now; calendar, unified inbox, search and the daily briefing later. Each
 * tool lives in its own sub-package, which Spring Modulith treats as internal: no other module needs it.
 */
package dev.atom.workspace;
