/**
 * The tiny open module every other module may use: ids, time, JSON, problem+json errors, paging and the
 * SQL dialect switch. It must never depend on another Atom module.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.atom.shared;
