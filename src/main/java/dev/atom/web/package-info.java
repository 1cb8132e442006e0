/**
 * The web shell: security (an API chain with bearer tokens, a browser chain with a database-backed session
 * cookie and CSRF), sign-in pages and the layout model. Other modules keep their own controllers and pages.
 */
package dev.atom.web;
